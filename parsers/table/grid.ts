/**
 * The grid of a table as read from a page's geometry: column and row borders, and cells that may
 * span several rows or columns (merged cells). Built from ruling lines (lattice.ts) or from the
 * alignment of the text itself (stream.ts); read for meaning by roles.ts and rows.ts.
 */
import type { Box } from '../types';
import { REQUIREMENT_OPENING_WORDS } from '../data/table-vocab';
import { CHECK_MARKS, KNOWN_ITEMS, SUB_ITEM_WORDS, UNITS, VERDICT_WORDS } from '../data/vocab';
import { isUnit, ONE_VALUE } from '../item-vocab';

/** A run of text with its box (a PDF text item or an OCR segment). */
export interface Word {
  text: string;
  box: Box;
  confidence?: number;
}

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** the cell's text: its words in reading order, lines joined as printed wrapping */
  text: string;
  box: Box;
  words: Word[];
}

export interface Grid {
  page: number;
  /** x borders (fractions of the page), left to right: columns = xs.length - 1 */
  xs: number[];
  /** y borders, top to bottom: rows = ys.length - 1 */
  ys: number[];
  cells: GridCell[];
  /** how the borders were found */
  source: 'rules' | 'text';
  /** the words were OCR'd: an empty cell may be a value OCR did not read */
  ocr?: boolean;
  /** lowest confidence of the words read into the grid (1 for a text layer) */
  confidence: number;
}

export const rowsOf = (g: Grid) => g.ys.length - 1;
export const colsOf = (g: Grid) => g.xs.length - 1;

/** The cell covering grid unit (row, col), if any. */
export function cellAt(g: Grid, row: number, col: number): GridCell | undefined {
  return g.cells.find(
    (c) => row >= c.row && row < c.row + c.rowSpan && col >= c.col && col < c.col + c.colSpan,
  );
}

/** The distinct cells of a grid row, left to right. */
export function rowCells(g: Grid, row: number): GridCell[] {
  const out: GridCell[] = [];
  for (let c = 0; c < colsOf(g); c++) {
    const cell = cellAt(g, row, c);
    if (cell && !out.includes(cell)) out.push(cell);
  }
  return out;
}

export function boxOf(g: Grid): Box {
  return {
    x0: g.xs[0] ?? 0,
    y0: g.ys[0] ?? 0,
    x1: g.xs[g.xs.length - 1] ?? 1,
    y1: g.ys[g.ys.length - 1] ?? 1,
  };
}

/** The median height of the words' boxes (the page's line height), or `empty` when there are none. */
export function medianWordHeight(words: Word[], empty: number): number {
  const heights = words.map((w) => w.box.y1 - w.box.y0).sort((a, b) => a - b);
  return heights[heights.length >> 1] ?? empty;
}

export const centreX = (b: Box) => (b.x0 + b.x1) / 2;
export const centreY = (b: Box) => (b.y0 + b.y1) / 2;

/** Width weight of a character: Han and full-width characters are about twice as wide as ASCII. */
function charWeight(ch: string): number {
  return /[\u2e80-\uffef]/.test(ch) ? 1 : 0.55;
}

/**
 * How wide a full-width character is per unit of box height on a page, from its segments of Han text
 * only (no spaces): boxes are page fractions, and a page's width and height differ (portrait,
 * landscape). The median of those segments; null when the page has too few.
 */
export function emPerHeight(words: Word[]): number | null {
  const ratios = words
    .filter((w) => /^[\u3400-\u9fff]{2,}$/.test(w.text) && w.box.y1 > w.box.y0)
    .map((w) => (w.box.x1 - w.box.x0) / [...w.text].length / (w.box.y1 - w.box.y0))
    .sort((a, b) => a - b);
  return ratios.length >= 3 ? (ratios[ratios.length >> 1] ?? null) : null;
}

const isHan = (ch: string | undefined) => ch !== undefined && /[\u3400-\u9fff]/.test(ch);

/**
 * An OCR segment placed in the columns of a grid. A segment is one cell's text unless a column
 * border really divides it:
 * - at a space, when the text on each side of that space stands mostly on its own side of the border
 *   (two cells OCR read as one segment: "DINP+DIDP+DNOP %" across the name | unit line);
 * - at a drawn ruling line (`drawn`) that crosses it well inside its box (more than a character's
 *   width from either end): where the characters' widths put the line, preferring a change of script
 *   ("16合格") among the cuts whose two sides fit on their sides of the line.
 * A segment overhanging a border by less (an OCR box running a letter past the line, a name wider
 * than its column guess) is not cut: it belongs to the column holding most of it (see columnOf).
 * Borders guessed from the text's alignment (`drawn` false) cut at spaces only. `em`: the width of a
 * full-width character per unit of box height on the page (emPerHeight), when known.
 */
export function cutAtBorders(w: Word, borders: number[], drawn: boolean, em: number | null = null): Word[] {
  const inside = borders.filter((x) => x > w.box.x0 && x < w.box.x1).sort((a, b) => a - b);
  if (inside.length === 0) return [w];
  const chars = [...w.text];
  const weights = chars.map(charWeight);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const width = w.box.x1 - w.box.x0;
  // the width of a full-width character in this segment: from its height when the page tells how
  // wide characters are, else from its box (too wide when the box holds a gap between two cells)
  const charW = em ? Math.min(em * (w.box.y1 - w.box.y0), width / total) : width / total;
  // x of the left edge of each character (and the end), the text spread over the box
  const edges: number[] = [];
  const before: number[] = [];
  let acc = 0;
  for (let i = 0; i <= chars.length; i++) {
    edges.push(w.box.x0 + (acc / total) * width);
    before.push(acc);
    acc += weights[i] ?? 0;
  }
  const edge = (i: number) => edges[i] ?? w.box.x1;
  const cuts: { k: number; x: number }[] = [];
  let start = 0;
  for (const x of inside) {
    const x0 = cuts[cuts.length - 1]?.x ?? w.box.x0;
    if (x <= x0) continue;
    // a space whose two sides stand on the two sides of the border, the nearest to it
    let best = -1;
    for (let i = start + 1; i < chars.length - 1; i++) {
      if (chars[i] !== ' ') continue;
      const leftMid = (x0 + edge(i)) / 2;
      const rightMid = (edge(i + 1) + w.box.x1) / 2;
      if (leftMid >= x || rightMid <= x) continue;
      if (best < 0 || Math.abs(edge(i) - x) < Math.abs(edge(best) - x)) best = i;
    }
    let k = best;
    if (k < 0 && drawn && Math.min(x - x0, w.box.x1 - x) >= charW * 1.2) {
      // the character boundary nearest the line with the text spread over the box
      k = start + 1;
      for (let i = start + 1; i < chars.length; i++) if (Math.abs(edge(i) - x) < Math.abs(edge(k) - x)) k = i;
      // a box wider than its text holds a gap (where the line is): cuts whose left part fits left of
      // the line and right part right of it; of those, one where the script changes
      const fits = (i: number) =>
        x0 + ((before[i] ?? 0) - (before[start] ?? 0)) * charW <= x + charW * 0.3 &&
        w.box.x1 - (total - (before[i] ?? 0)) * charW >= x - charW * 0.3;
      const change = (i: number) => isHan(chars[i - 1]) !== isHan(chars[i]);
      const candidates = Array.from({ length: chars.length - start - 1 }, (_, j) => start + 1 + j).filter(
        (i) => fits(i) && change(i),
      );
      if (!fits(k) || !change(k)) {
        const near = candidates.sort((a, b) => Math.abs(edge(a) - x) - Math.abs(edge(b) - x))[0];
        if (near !== undefined) k = near;
      }
    }
    if (k <= start || k >= chars.length) continue;
    cuts.push({ k, x });
    start = k;
  }
  if (cuts.length === 0) return [w];
  // each piece stands on its side of the line it was cut at
  const out: Word[] = [];
  let from = { k: 0, x: w.box.x0 };
  for (const to of [...cuts, { k: chars.length, x: w.box.x1 }]) {
    const text = chars.slice(from.k, to.k).join('').trim();
    if (text) out.push({ ...w, text, box: { ...w.box, x0: from.x, x1: to.x } });
    from = to;
  }
  return out;
}

/**
 * The part of an OCR segment between two of its characters (from … to, exclusive), its box estimated
 * from the characters' widths (a Han character about twice a Latin one).
 */
export function pieceOf(w: Word, from: number, to: number): Word {
  const chars = [...w.text];
  const weights = chars.map(charWeight);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const width = w.box.x1 - w.box.x0;
  const at = (k: number) => w.box.x0 + (weights.slice(0, k).reduce((a, b) => a + b, 0) / total) * width;
  return { ...w, text: chars.slice(from, to).join('').trim(), box: { ...w.box, x0: at(from), x1: at(to) } };
}

/**
 * A check mark or a unit OCR read onto the end of the cell left of it, no space between: the name
 * column's text and the verdict column's mark ("水洗尺寸变化率直向√"), a sub-item and the unit column's
 * sign ("DINP+DIDP+DNOP%"). The text and the mark or unit as two pieces when a column border stands
 * between the segment's start and the middle of its last token; any other word as it is. Only marks,
 * units written with signs (%, mg/kg) and a Han unit after a known name (hanUnitAfterName): a letter
 * or a Han character at a name's or value's end is its own (pH, 1级).
 */
export function splitTrailingToken(w: Word, borders: number[]): Word[] {
  const chars = [...w.text];
  const n = chars.length;
  const mark = n >= 2 && CHECK_MARKS.has(chars[n - 1] ?? '') && !CHECK_MARKS.has(chars[n - 2] ?? '');
  const unit = mark ? null : SIGNED_UNIT.exec(w.text);
  const k = mark || hanUnitAfterName(chars) ? n - 1 : unit ? [...w.text.slice(0, unit.index)].length : -1;
  if (k <= 0 || !/\S/.test(chars.slice(0, k).join(''))) return [w];
  const tail = pieceOf(w, k, n);
  const mid = (tail.box.x0 + tail.box.x1) / 2;
  const crossed = borders.filter((x) => x > w.box.x0 && x < mid);
  if (crossed.length === 0) return [w];
  // the text before the mark ends at the border the mark stands behind: its box, spread from the
  // characters' widths, may reach over it ("棉 53.8 聚酯纤维 46.2 √": a narrow mark far right), and
  // the border would cut the text again
  const head = pieceOf(w, 0, k);
  return [{ ...head, box: { ...head.box, x1: Math.min(head.box.x1, Math.max(...crossed)) } }, tail];
}
/**
 * A segment of Chinese text running from one column into the next with no space between them, the
 * second cell opening with a word no name holds (CELL_OPENING_WORDS: "…不应有小零件不适用（适用年龄3岁以上）",
 * a requirement filling its column, then the result column's 不适用; "锐利尖端和锐利边缘不允许", a name,
 * then its requirement; "mg/kg符合", "3符合": a unit or a value, then the verdict): cut where that
 * word starts, when the characters' widths (`em`, emPerHeight) put its start at a border guessed
 * from the text's alignment, or up to three characters right of it (the guess stands in the white
 * space before a column's text). A long name overflowing into the next column is not cut: what runs
 * over opens with none of those words.
 */
export function cutBeforeOpeningWord(w: Word, borders: number[], em: number | null): Word[] {
  if (em === null || !/[\u3400-\u9fff]/.test(w.text) || w.text.includes(' ')) return [w];
  const inside = borders.filter((x) => x > w.box.x0 && x < w.box.x1);
  if (inside.length === 0) return [w];
  const chars = [...w.text];
  const charW = em * (w.box.y1 - w.box.y0);
  let x = w.box.x0;
  for (let k = 1; k < chars.length; k++) {
    x += charW * charWeight(chars[k - 1] ?? '');
    // a border guessed from the alignment stands in the white space before the column's text
    const nearBorder = inside.some((b) => x >= b - charW * 0.8 && x <= b + charW * 3);
    const before = chars.slice(0, k).join('');
    if (!(isHan(chars[k - 1]) || isUnit(before) || ONE_VALUE.test(before)) || !nearBorder) {
      continue;
    }
    const rest = chars.slice(k).join('');
    if (!CELL_OPENING_WORDS.some((v) => rest.startsWith(v))) continue;
    return [
      { ...w, text: chars.slice(0, k).join(''), box: { ...w.box, x1: x } },
      { ...w, text: rest, box: { ...w.box, x0: x } },
    ];
  }
  return [w];
}
/**
 * Words a cell opens with and no item name holds: Chinese verdict words (符合, 不适用), 未检出, and a
 * requirement's words of prohibition or bound (不允许, 不得检出).
 */
const CELL_OPENING_WORDS = [
  ...Object.keys(VERDICT_WORDS).filter((v) => [...v].length >= 2 && /^[\u3400-\u9fff]+$/.test(v)),
  '未检出',
  ...REQUIREMENT_OPENING_WORDS,
];

/**
 * A unit written as one Han character (级) after an item or sub-item name the vocabulary knows
 * ("变色级", "耐光色牢度级"): a value ending in one is whole (1级), and so is a name of other words.
 */
function hanUnitAfterName(chars: string[]): boolean {
  const n = chars.length;
  if (n < 3 || !HAN_UNITS.includes(chars[n - 1] ?? '')) return false;
  const name = chars.slice(0, -1).join('');
  return NAMES_BEFORE_A_UNIT.some((w) => name.endsWith(w));
}
const HAN_UNITS = UNITS.filter((u) => /^[\u4e00-\u9fff]$/u.test(u));
const NAMES_BEFORE_A_UNIT = [...SUB_ITEM_WORDS, ...KNOWN_ITEMS];
/** A unit written with a sign at a text's end: %, or a unit of the vocabulary with a slash (mg/kg, CFU/g). */
const SIGNED_UNIT = new RegExp(
  `(?:%|${UNITS.filter((u) => u.includes('/'))
    .map((u) => u.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('|')})$`,
);

/** The column (of x borders `xs`) holding most of a box; -1 when most of the box lies outside them. */
export function columnOf(xs: number[], box: Box): number {
  const within = Math.min(box.x1, xs[xs.length - 1] ?? 1) - Math.max(box.x0, xs[0] ?? 0);
  if (within <= 0 || within < (box.x1 - box.x0) / 2) return -1;
  let best = -1;
  let most = 0;
  for (let c = 0; c + 1 < xs.length; c++) {
    const overlap = Math.min(box.x1, xs[c + 1] ?? 0) - Math.max(box.x0, xs[c] ?? 0);
    if (overlap > most) {
      most = overlap;
      best = c;
    }
  }
  return best;
}

/** Words → text: lines by vertical position, words in a line by x; wrapped lines joined. */
export function wordsText(words: Word[], join: (a: string, b: string) => string): string {
  const sorted = [...words].sort((a, b) => centreY(a.box) - centreY(b.box));
  const lines: Word[][] = [];
  for (const w of sorted) {
    const line = lines[lines.length - 1];
    const h = w.box.y1 - w.box.y0;
    const last = line?.[line.length - 1];
    if (
      line &&
      last &&
      Math.abs(centreY(last.box) - centreY(w.box)) < Math.min(h, last.box.y1 - last.box.y0) * 0.5
    ) {
      line.push(w);
    } else {
      lines.push([w]);
    }
  }
  return lines
    .map((l) => {
      l.sort((a, b) => a.box.x0 - b.box.x0);
      let s = '';
      let prev: Word | undefined;
      for (const w of l) {
        const h = w.box.y1 - w.box.y0;
        const gap = prev ? w.box.x0 - prev.box.x1 : 0;
        s = prev ? (gap > h * 0.25 ? `${s} ${w.text}` : s + w.text) : w.text;
        prev = w;
      }
      return s.trim();
    })
    .filter(Boolean)
    .reduce((acc, l) => join(acc, l), '');
}
