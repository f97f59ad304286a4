/**
 * Matrix tables printed without column lines whose first column labels the rows: sub-items
 * (elements, phthalates) stand as columns under a line of short labels, and the rows are either the
 * sub-items' values by kind (单位 | 限量值 | 检验结果 | 判定: a transposed table, its labels header
 * words) or tested parts (主体材料) under a merged parent cell, with a limit and a verdict row. Such a
 * table is built into the grid a ruled table would give — row labels in column 0, a title or parent
 * cell merged over the columns, a label cell spanning the two header rows — so the readers of ruled
 * grids (findHeader on the transposed grid, findMatrixHeader) read it by the same meaning.
 */
import type { ColumnKind } from '../data/table-vocab';
import { PRINTED_TABLE_END, TABLE_END_MARKERS } from '../data/table-vocab';
import { SEAL_TEXT } from '../data/vocab';
import { joinWrapped } from '../text/normalise';
import { isVerdictToken } from '../item-vocab';
import { centreX, medianWordHeight, pieceOf, wordsText, type Grid, type GridCell, type Word } from './grid';
import { headerCellKind, isSubItemLabel, splitJoinedLabels } from './roles';
import { textLines } from './text-lines';

type Line = ReturnType<typeof textLines>[number];

/** A cell holding a value (a number, a limit, a verdict mark), not a label. */
const isValue = (t: string) => /^[-+≤≥<>＜＞]?\s*\d/.test(t.trim()) || isVerdictToken(t.trim());

const isEnd = (text: string) => TABLE_END_MARKERS.some((re) => re.test(text.trim()));

/**
 * The lines of one cell wrapped in a narrow column, joined: a word standing right under another (no
 * more space between them than within a cell, left-aligned or centred on it, no wider apart than a
 * line) continues its text. Each joined word has the height of one line, centred on the lines it
 * joins (where the row's one-line cells stand when the row is centred); the map gives every word
 * (joined or not) the page's words it stands for.
 */
function stackedCells(words: Word[], lineH: number, heightTolerance = 0.3): Map<Word, Word[]> {
  const sorted = [...words].sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  const below = new Map<Word, Word>();
  const hasAbove = new Set<Word>();
  for (const a of sorted) {
    const under = sorted.find(
      (b) =>
        !hasAbove.has(b) &&
        b.box.y0 > a.box.y0 + lineH * 0.5 &&
        b.box.y0 - a.box.y1 < lineH * 0.2 &&
        b.box.y0 - a.box.y1 > -lineH * 0.5 &&
        Math.abs(b.box.y1 - b.box.y0 - (a.box.y1 - a.box.y0)) < lineH * heightTolerance &&
        (Math.abs(b.box.x0 - a.box.x0) < lineH * 0.5 ||
          Math.abs(centreX(b.box) - centreX(a.box)) < lineH * 0.5) &&
        Math.min(a.box.x1, b.box.x1) > Math.max(a.box.x0, b.box.x0),
    );
    if (under) {
      below.set(a, under);
      hasAbove.add(under);
    }
  }
  const out = new Map<Word, Word[]>();
  for (const top of sorted) {
    if (hasAbove.has(top)) continue;
    const chain = [top];
    for (let w = below.get(top); w; w = below.get(w)) chain.push(w);
    if (chain.length === 1) {
      out.set(top, chain);
      continue;
    }
    const y0 = Math.min(...chain.map((w) => w.box.y0));
    const y1 = Math.max(...chain.map((w) => w.box.y1));
    const h = (top.box.y1 - top.box.y0) / 2;
    const joined: Word = {
      text: chain.map((w) => w.text).reduce((a, b) => joinWrapped(a, b)),
      box: {
        x0: Math.min(...chain.map((w) => w.box.x0)),
        x1: Math.max(...chain.map((w) => w.box.x1)),
        y0: (y0 + y1) / 2 - h,
        y1: (y0 + y1) / 2 + h,
      },
      confidence: Math.min(...chain.map((w) => w.confidence ?? 1)),
    };
    out.set(joined, chain);
  }
  return out;
}

/**
 * A check mark printed close to its row's label, read by OCR into one segment with a stray letter of
 * its ink ("t√" beside "Assessment"): the mark alone, a value of the first sub-item column. Only a
 * segment of a mark after one or two Latin letters or signs, reaching the sub-item columns; any other
 * word as it is.
 */
function markBesideLabel(w: Word, valueX0: number, lineH: number): Word {
  const chars = [...w.text.trim()];
  const n = chars.length;
  if (n < 2 || n > 3 || !/[√×✓✗]/.test(chars[n - 1] ?? '') || w.box.x1 < valueX0 - lineH * 0.2) return w;
  if (chars.slice(0, -1).some((c) => /[\u4e00-\u9fff\d√×✓✗]/.test(c))) return w;
  return pieceOf(w, n - 1, n);
}

/** Label fragments stacked in the label column, joined where they are one label ("Test" / "Result"). */
interface Label {
  text: string;
  kind: ColumnKind | null;
  words: Word[];
  y0: number;
  y1: number;
}

function stackLabels(words: Word[], lineH: number): Label[] {
  const sorted = [...words].sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  const out: Label[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    const kind = headerCellKind(w.text);
    if (last && w.box.y0 - last.y1 < lineH * 0.3) {
      // the same line (a label printed in two runs) or the next line of one wrapped label: one label
      // when the joined text names one kind and the pieces do not name two different kinds
      const sameLine = w.box.y0 < last.y1 - lineH * 0.5;
      const joined = sameLine ? `${last.text} ${w.text}` : joinWrapped(last.text, w.text);
      const joinedKind = headerCellKind(joined);
      const bilingual = kind !== null && kind === last.kind;
      if (sameLine || bilingual || (joinedKind !== null && (kind === null || last.kind === null))) {
        last.text = joined;
        last.kind = bilingual ? kind : (joinedKind ?? last.kind);
        last.words.push(w);
        last.y1 = Math.max(last.y1, w.box.y1);
        continue;
      }
    }
    out.push({ text: w.text, kind, words: [w], y0: w.box.y0, y1: w.box.y1 });
  }
  return out;
}

/**
 * stackedCells on an OCR'd page: only where such a table stands — a line that can head one (among the
 * lines as read), the lines just above it (the first lines of its wrapped labels), and the lines under it
 * up to a gap or an end marker. OCR's boxes are looser than a text layer's: across the whole page,
 * lines of running text and a dense table's rows would be joined as well.
 */
function stackedCellsNearHeads(
  words: Word[],
  lineH: number,
  headsAt: (line: Line) => Head[],
): Map<Word, Word[]> {
  const lines = textLines(words);
  const near = new Set<Word>();
  lines.forEach((head, i) => {
    const heads = headsAt(head);
    if (!heads.length) return;
    // above it, a wrapped label's first line within one column (a parent over the sub-items spans
    // their borders: stacked onto the first sub-item it would take its place)
    const subs = (heads[0] as Head).subs;
    const borders = subs.slice(1).map((w, k) => ((subs[k] as Word).box.x1 + w.box.x0) / 2);
    for (let j = i - 1; j >= 0; j--) {
      const l = lines[j] as Line;
      if (head.y0 - l.y1 > lineH) break;
      for (const w of l.words) {
        if (!borders.some((x) => w.box.x0 < x - 0.004 && w.box.x1 > x + 0.004)) near.add(w);
      }
    }
    for (const w of head.words) near.add(w);
    let lastY = head.y1;
    for (let j = i + 1; j < lines.length; j++) {
      const l = lines[j] as Line;
      if (isEnd(l.text) || l.y0 - lastY > lineH * 2.5) break;
      for (const w of l.words) near.add(w);
      lastY = l.y1;
    }
  });
  // (a photo's perspective makes one cell's lines differ in height more than a text layer's)
  const parts = stackedCells([...near], lineH, 0.5);
  for (const w of words) if (!near.has(w)) parts.set(w, [w]);
  return parts;
}

/** How a line can head such a table: its first word, its sub-item labels, a corner label beside them. */
interface Head {
  first: Word;
  transposed: boolean;
  subs: Word[];
  /** the row labels' own header (测试部位) standing on the sub-items' line, left of them */
  corner: Word[];
}

/**
 * The ways a line can head the columns of such a table: three sub-item labels or more, after a first
 * word naming the items' row (项目/Item: a transposed table) or alone (a matrix by tested part); or,
 * by tested part, after the corner label a wrapped two-line header cell put on the sub-items' line
 * ("测试部" / "位": its second line). Which one it is, the rows under it tell (labels under a corner).
 */
function headsOf(line: Line, withCorner = true): Head[] {
  const ws = [...line.words].sort((a, b) => a.box.x0 - b.box.x0);
  const first = ws[0];
  if (!first) return [];
  const transposed = headerCellKind(first.text) === 'name';
  const heads: Head[] = [];
  const tryHead = (subWords: Word[], corner: Word[]) => {
    const subs = subWords.flatMap(splitJoinedLabels);
    if (subs.length >= 3 && subs.every((w) => isSubItemLabel(w.text))) {
      heads.push({ first, transposed, subs, corner });
    }
  };
  tryHead(transposed ? ws.slice(1) : ws, []);
  if (withCorner && !transposed && !isValue(first.text) && !headerCellKind(first.text)) {
    tryHead(ws.slice(1), [first]);
  }
  return heads;
}

/** A table found here: its grid (as ruled), and the words it took. */
export interface LabelColumnTable {
  grid: Grid;
  words: Word[];
  /** a printed end marker (以下空白 …) follows the table */
  ended: boolean;
}

/**
 * Finds the matrix tables whose first column labels the rows among words outside other tables. A
 * line of three short sub-item labels or more is their column header when the lines under it carry a
 * label at their left (in the column left of the sub-items) and values under the sub-items, and the
 * labels say what the rows hold: at least a result or verdict row, and a unit or limit row or a
 * tested part. Above it: a title (a transposed table: the first label names the items, 项目/Item) or a
 * merged parent over the sub-items with the row-label header beside them (a matrix by tested part).
 */
export function labelColumnTables(words: Word[], page: number, splitRuns = false): LabelColumnTable[] {
  const lineH = medianWordHeight(words, 0.012);
  // a cell wrapped over two lines in a narrow column (铅 / (Pb), Not / detected(<2), 不合 / 格) is one
  // word centred where its row's one-line cells stand
  if (!splitRuns) return tablesAmong(stackedCells(words, lineH), lineH, page, false, headsOf);
  // OCR'd (boxes looser than a text layer's: lines of a transposed table's label column, 单位 / 限量值,
  // stand as close as one cell's wrapped lines): matrices by tested part with their cells stacked, then
  // every table as read, then where no table was found under a head, its cells stacked
  const byPart = (l: Line) => headsOf(l).filter((h) => !h.transposed);
  const found: LabelColumnTable[] = [];
  let rest = words;
  const more = (tables: LabelColumnTable[]) => {
    found.push(...tables);
    const taken = new Set(tables.flatMap((t) => t.words));
    rest = rest.filter((w) => !taken.has(w));
  };
  more(tablesAmong(stackedCellsNearHeads(rest, lineH, byPart), lineH, page, true, byPart));
  more(tablesAmong(new Map(rest.map((w) => [w, [w]])), lineH, page, true, (l) => headsOf(l, false)));
  more(tablesAmong(stackedCellsNearHeads(rest, lineH, headsOf), lineH, page, true, headsOf));
  return found.sort((a, b) => (a.grid.ys[0] ?? 0) - (b.grid.ys[0] ?? 0));
}

/** The tables among `parts`' words (each word with the page's words it stands for), under `heads`. */
function tablesAmong(
  parts: Map<Word, Word[]>,
  lineH: number,
  page: number,
  splitRuns: boolean,
  heads: (line: Line) => Head[],
): LabelColumnTable[] {
  const lines = textLines([...parts.keys()]);
  const partsOf = (ws: Word[]) => ws.flatMap((w) => parts.get(w) ?? [w]);
  const out: LabelColumnTable[] = [];
  for (let i = 0; i < lines.length; i++) {
    for (const headed of heads(lines[i] as Line)) {
      const found = tableUnder(lines, i, headed, lineH, page, splitRuns, partsOf);
      if (!found) continue;
      out.push(found.table);
      i += found.rows;
      break;
    }
  }
  return out;
}

/**
 * The table `headed` heads on line `i`, with the number of lines under the head it took; null when the
 * lines under it are not such a table's rows.
 */
function tableUnder(
  lines: Line[],
  i: number,
  headed: Head,
  lineH: number,
  page: number,
  splitRuns: boolean,
  partsOf: (ws: Word[]) => Word[],
): { table: LabelColumnTable; rows: number } | null {
  const head = lines[i] as Line;
  const { first, transposed, subs, corner } = headed;
  const valueX0 = (subs[0] as Word).box.x0;
  // the rows under it: lines near the one above, none running across two columns, up to an end marker
  const xs = [0, ...subs.slice(1).map((w, k) => ((subs[k] as Word).box.x1 + w.box.x0) / 2)];
  const crosses = (l: Line) =>
    l.words.some((w) => xs.slice(1).filter((x) => w.box.x0 < x - 0.004 && w.box.x1 > x + 0.004).length >= 2);
  const body: Line[] = [];
  let ended = false;
  let lastY = head.y1;
  for (let j = i + 1; j < lines.length; j++) {
    const l = lines[j] as Line;
    if (isEnd(l.text)) {
      ended = PRINTED_TABLE_END.test(l.text);
      break;
    }
    if (l.y0 - lastY > lineH * 2.5 || crosses(l)) break;
    if (headsOf(l, false).length) {
      // the next such table: its title or parent lines (no values) are not this table's rows
      while (body.length && !(body[body.length - 1] as Line).words.some((w) => isValue(w.text))) body.pop();
      break;
    }
    body.push(l);
    lastY = l.y1;
  }
  const read = new Map<Word, Word>();
  const bodyWords = body
    .flatMap((l) => l.words)
    .map((w) => {
      const mark = markBesideLabel(w, valueX0, lineH);
      if (mark !== w) read.set(mark, w);
      return mark;
    });
  // a row label left of the sub-item columns, or (a photo's slant, a long label) starting well left of
  // them and centred left of them
  const labelWords = bodyWords.filter(
    (w) =>
      w.box.x1 <= valueX0 - 0.002 ||
      (w.box.x0 < valueX0 - lineH && centreX(w.box) < valueX0 && !isValue(w.text)),
  );
  const labels = stackLabels(labelWords, lineH);
  // rows: each label with the value lines beside it
  const kinds = new Set(labels.map((l) => l.kind));
  const parts = labels.filter((l) => l.kind === null).length;
  const valuesOk = transposed
    ? kinds.has('result') || kinds.has('verdict')
    : (kinds.has('requirement') || kinds.has('verdict')) && parts > 0;
  if (labels.length < 2 || !valuesOk || (transposed && !(kinds.has('unit') || kinds.has('requirement')))) {
    return null;
  }
  // the header above: a title over the table (transposed), or a parent over the sub-items with the
  // row-label header beside it (by tested part)
  const above: Line[] = [];
  for (let j = i - 1; j >= 0 && above.length < 2; j--) {
    const l = lines[j] as Line;
    const next = above[0] ?? head;
    // a line of values is the table above (its last row), not this table's header
    if (next.y0 - l.y1 > lineH * 1.2 || l.words.some((w) => isValue(w.text))) break;
    above.unshift(l);
  }
  let title: Word[] = [];
  let parent: Word[] = [];
  let cornerLabel: Word[] = [];
  if (transposed) {
    // the title line, without the text of a seal stamped beside the title
    const t = above[above.length - 1]?.words.filter((w) => !SEAL_TEXT.test(w.text));
    const only = t?.length === 1 ? t[0] : undefined;
    if (only && !headerCellKind(only.text) && !isValue(only.text)) title = [only];
  } else {
    for (const l of above) {
      for (const w of l.words) {
        if (w.box.x1 <= valueX0 - 0.002) cornerLabel.push(w);
        else parent.push(w);
      }
    }
    // the parent stands over the sub-items; the corner label (测试部位) beside it, no value
    if (
      parent.length === 0 ||
      parent.some((w) => isValue(w.text)) ||
      cornerLabel.some((w) => isValue(w.text))
    ) {
      return null;
    }
    cornerLabel = [
      ...cornerLabel.filter((w) => w.box.y0 >= Math.min(...parent.map((p) => p.box.y0)) - lineH),
      ...corner,
    ];
    parent = parent.filter((w) => headerCellKind(w.text) === null);
  }
  const left =
    Math.min(first.box.x0, ...labelWords.map((w) => w.box.x0), ...cornerLabel.map((w) => w.box.x0)) - 0.002;
  // (a label reaching into the first sub-item column does not move the border)
  const labelRight = Math.min(
    valueX0,
    Math.max(
      transposed ? first.box.x1 : left,
      ...labelWords.map((w) => w.box.x1),
      ...cornerLabel.map((w) => w.box.x1),
    ),
  );
  // a value segment running over a column border holds two columns' values OCR read as one ("≤1000
  // ≤75" under 钡(Ba) | 镉(Cd)): its space-separated parts, each where it stands
  const valueWords = bodyWords
    .filter((w) => !labelWords.includes(w))
    .flatMap((w) => {
      const crossing = xs.slice(1).some((x) => w.box.x0 < x - 0.004 && w.box.x1 > x + 0.004);
      const tokens = [...w.text.matchAll(/\S+/gu)];
      if (!crossing || tokens.length < 2) return [w];
      const offset = (unit: number) => [...w.text.slice(0, unit)].length;
      return tokens.map((m) => {
        const piece = pieceOf(w, offset(m.index), offset(m.index + m[0].length));
        read.set(piece, read.get(w) ?? w);
        return piece;
      });
    });
  const right = Math.max(...subs.map((w) => w.box.x1), ...valueWords.map((w) => w.box.x1)) + 0.002;
  const colXs = [left, (labelRight + valueX0) / 2, ...xs.slice(1), right];
  const C = colXs.length - 1;
  const colOf = (w: Word) => {
    const x = Math.min(w.box.x0 + 0.004, centreX(w.box));
    for (let c = 0; c < C; c++) if (x >= (colXs[c] ?? 0) && x < (colXs[c + 1] ?? 1)) return c;
    return x < left ? 0 : C - 1;
  };
  // body rows: a label's span, the value lines overlapping it (else the nearest label) join it
  const rows = labels.map((l) => ({ y0: l.y0, y1: l.y1, words: [...l.words] }));
  if (transposed) rows.unshift({ y0: head.y0, y1: head.y1, words: [first, ...subs] });
  const bodyRows = transposed ? rows.slice(1) : rows;
  for (const w of valueWords) {
    const cy = (w.box.y0 + w.box.y1) / 2;
    let best = bodyRows[0];
    let bestD = Infinity;
    for (const r of bodyRows) {
      const d = cy >= r.y0 && cy <= r.y1 ? 0 : Math.min(Math.abs(cy - r.y0), Math.abs(cy - r.y1));
      if (d < bestD) {
        best = r;
        bestD = d;
      }
    }
    best?.words.push(w);
  }
  const headerRows: { words: Word[]; span?: boolean }[] = transposed
    ? title.length
      ? [{ words: title, span: true }]
      : []
    : [{ words: parent }, { words: subs }];
  const allRows = [
    ...headerRows.map((h) => ({
      y0: Math.min(...h.words.map((w) => w.box.y0)),
      y1: Math.max(...h.words.map((w) => w.box.y1)),
      words: h.words,
      span: h.span ?? false,
    })),
    ...rows.map((r) => ({ ...r, span: false })),
  ];
  // rows as tall as the lines printed in them (a wrapped cell's lines, not the one line it is read as)
  for (const r of allRows) {
    r.y0 = Math.min(r.y0, ...partsOf(r.words).map((w) => w.box.y0));
    r.y1 = Math.max(r.y1, ...partsOf(r.words).map((w) => w.box.y1));
  }
  const ys = [(allRows[0]?.y0 ?? 0) - 0.002];
  for (let k = 1; k < allRows.length; k++) {
    ys.push(((allRows[k - 1]?.y1 ?? 0) + (allRows[k]?.y0 ?? 0)) / 2);
  }
  ys.push((allRows[allRows.length - 1]?.y1 ?? 1) + 0.002);
  const cellOf = (row: number, col: number, rowSpan: number, colSpan: number, cw: Word[]): GridCell => ({
    row,
    col,
    rowSpan,
    colSpan,
    words: cw,
    text: wordsText(cw, joinWrapped),
    box: {
      x0: colXs[col] ?? 0,
      y0: ys[row] ?? 0,
      x1: colXs[col + colSpan] ?? 1,
      y1: ys[row + rowSpan] ?? 1,
    },
  });
  const cells: GridCell[] = [];
  allRows.forEach((r, k) => {
    if (r.span) {
      cells.push(cellOf(k, 0, 1, C, r.words));
      return;
    }
    if (!transposed && k === 0) {
      // the corner label spans both header rows; the parent spans the sub-item columns
      cells.push(cellOf(0, 0, 2, 1, cornerLabel), cellOf(0, 1, 1, C - 1, r.words));
      return;
    }
    for (let c = 0; c < C; c++) {
      if (!transposed && k === 1 && c === 0) continue;
      cells.push(
        cellOf(
          k,
          c,
          1,
          1,
          r.words.filter((w) => colOf(w) === c),
        ),
      );
    }
  });
  const taken = [...allRows.flatMap((r) => r.words), ...cornerLabel];
  const grid: Grid = {
    page,
    xs: colXs,
    ys,
    cells: cells.sort((a, b) => a.row - b.row || a.col - b.col),
    source: 'text',
    confidence: Math.min(1, ...taken.map((w) => w.confidence ?? 1)),
    ocr: splitRuns,
  };
  return { table: { grid, words: partsOf(taken.map((w) => read.get(w) ?? w)), ended }, rows: body.length };
}
