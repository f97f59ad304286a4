/**
 * What each column of an item table holds: read from the header cells' meaning (the header
 * vocabulary in data/table-vocab.ts, Chinese and English), or — when a header is missing or
 * unreadable — from what the column's cells contain (verdict words, units, limit expressions,
 * numbers). Matrix tables get a label per column (an element, 变色/沾色 …).
 */
import { NOT_DETECTED_RESULT } from '../data/check-vocab';
import { REQUIREMENT_OPENING_WORDS, type ColumnKind } from '../data/table-vocab';
import { NO_UNIT } from '../data/vocab';
import {
  headerKinds,
  isUnitToken,
  isVerdictToken,
  ocrVerdictCellOf,
  verdictOf as plainVerdictOf,
} from '../item-vocab';
import { findStandards } from '../text/standards';
import { cellAt, colsOf, pieceOf, rowsOf, type Grid, type Word } from './grid';

/** A column's role; `matrix` columns each hold the result of one sub-item named by `label`. */
export interface ColumnRole {
  kind: ColumnKind | 'matrix' | null;
  /** matrix: the sub-item label printed in the header ("铅(Pb)", "变色") */
  label?: string;
  /** matrix: a merged header cell above the labels ("可迁移元素 (mg/kg)") */
  parent?: string;
}

export interface TableLayout {
  /** first and last header row (inclusive); -1 when the table has no header (a continued table) */
  headerFrom: number;
  headerTo: number;
  columns: ColumnRole[];
  /** how the roles were found */
  by: 'header' | 'content' | 'previous';
}

/** The kind a header cell names, when its text is header words only and names one kind. */
export function headerCellKind(text: string): ColumnKind | null {
  const t = text.replace(/[（(][^)）]*[)）]/g, (m) => (/[A-Za-z]/.test(m) ? m : ''));
  const h = headerKinds(t);
  if (h.pure && h.kinds.length === 1) return h.kinds[0] ?? null;
  // an OCR segment that took one glyph of its neighbour's cell ("tTest Method" after Judgement):
  // the rest, when it is a header of one kind on its own
  for (const rest of [t.slice(1), t.slice(0, -1)].map((r) => r.trim())) {
    if ([...rest].length < 3) continue;
    const r = headerKinds(rest);
    if (r.pure && r.kinds.length === 1) return r.kinds[0] ?? null;
  }
  return null;
}

/** What a column's cells look like, by kind: the shares of its non-empty cells (0 … 1). */
export interface ContentShares {
  /** verdict words or marks (合格, P, √, —, N/A …) */
  verdict: number;
  /** verdict words that decide (pass or fail, not only "—"): a unit column of dashes decides nothing */
  decided: number;
  /** units, a dash counting half (a unit column prints — for "no unit", so do other columns) */
  unit: number;
  requirement: number;
  /** limits that no result is printed as: ≤ / ≥, a range, a prohibition (a result may read "<2") */
  bound: number;
  result: number;
  method: number;
  /** short integers rising down the column (序号) */
  index: number;
  han: number;
}

const UNIT_NONE = new Set(NO_UNIT);
/**
 * How limits are printed that no result is printed as: ≤ / ≥, a range, a prohibition, a reference to
 * the standard's clause.
 */
const BOUND_RE = new RegExp(`^[≤≥≦≧]|[~～]|^(?:${REQUIREMENT_OPENING_WORDS.join('|')}|符合.*(?:要求|规定))`);
/** How limits are printed: those, or a bare < / > (which results print too: "<2"). */
const LIMIT_RE = new RegExp(`^[<>＜＞]|${BOUND_RE.source}`);
const RESULT_RE =
  /^(?:[<＜>＞≥≤]?\s*[-+]?\d+(?:\.\d+)?(?:\s*[-~～]\s*\d+(?:\.\d+)?)?\s*%?|未检出.*|N\.?D\.?.*|not detected|无|符合|不符合|合格|不合格)$/i;
/** A method cell without a cited standard: the method named in words (目测 …). */
const METHOD_WORDS_RE = /^(?:目测|目视|手感|感官|嗅觉|手试|仪器测量|测量|量具测量)$/;

/**
 * Shares of a column's non-empty cells that look like each kind. `ocr`: the cells were OCR'd, and a
 * check mark misread as a letter or sign ("<", "V", "x") is a verdict mark (ocrVerdictCellOf).
 */
export function contentShares(texts: string[], ocr = false): ContentShares {
  const n = texts.length || 1;
  const verdictOf = ocr ? ocrVerdictCellOf : plainVerdictOf;
  const share = (f: (t: string) => boolean) => texts.filter(f).length / n;
  const numbers = texts.map((t) => (/^\d{1,3}$/.test(t) ? Number(t) : null));
  const rising = numbers.filter(
    (x, i) => x !== null && numbers.slice(0, i).every((p) => p === null || p < x),
  );
  return {
    verdict: share((t) => isVerdictToken(t) || verdictOf(t) !== null),
    decided: share((t) => {
      const v = verdictOf(t);
      return v === 'pass' || v === 'fail';
    }),
    unit: share((t) => isUnitToken(t) && !UNIT_NONE.has(t)) + share((t) => UNIT_NONE.has(t)) * 0.5,
    requirement: share((t) => LIMIT_RE.test(t)),
    bound: share((t) => BOUND_RE.test(t)),
    result: share((t) => RESULT_RE.test(t.replace(/\s+/g, ''))),
    method: share((t) => (findStandards(t).length > 0 && t.length < 40) || METHOD_WORDS_RE.test(t)),
    index: rising.length / n,
    // item names: Chinese words, or an element's name with its symbol (铅(Pb))
    han: share(
      (t) =>
        /^[\u3400-\u9fff（）()A-Za-z0-9 +.-]+$/.test(t) &&
        (/[\u3400-\u9fff]{2,}/.test(t) || /^[\u3400-\u9fff]\s*[（(][A-Z][a-z]?[)）]$/.test(t)),
    ),
  };
}

/** The non-empty cells of column `c` in rows `from` … `to` that belong to that column alone. */
function columnTexts(grid: Grid, c: number, from: number, to: number): string[] {
  const out: string[] = [];
  for (let r = from; r <= to; r++) {
    const cell = cellAt(grid, r, c);
    // a cell spanning several columns belongs to none of them alone
    if (cell && cell.colSpan === 1 && cell.row === r && cell.text.trim()) out.push(cell.text.trim());
  }
  return out;
}

/** The least share a column needs to be given a kind from its content, and how it is scored. */
const CONTENT_RULES: readonly { kind: ColumnKind; min: number; score: (s: ContentShares) => number }[] = [
  { kind: 'index', min: 0.8, score: (s) => s.index },
  // the verdict column decides somewhere: a column of dashes alone is a unit or requirement column
  { kind: 'verdict', min: 0.6, score: (s) => (s.decided > 0 ? s.verdict + s.decided * 0.01 : 0) },
  { kind: 'method', min: 0.5, score: (s) => s.method },
  { kind: 'unit', min: 0.5, score: (s) => s.unit },
  // of two columns of signed numbers, the limits are the one printing ≤ / ≥ (results print "<2" too)
  { kind: 'requirement', min: 0.4, score: (s) => (s.requirement >= 0.4 ? s.requirement + s.bound * 0.5 : 0) },
  { kind: 'result', min: 0.4, score: (s) => s.result },
];

/**
 * Roles of columns whose header says nothing, from their cells (rows `from`..`to`): the row numbers
 * rise down the 序号 column, the verdict column holds verdict words, the method column cites
 * standards, the unit column units, the requirement limits, the result numbers (ND, 未检出 …); the
 * column of Han text that is none of these is the item name. Each kind goes to the column that
 * shows it most, and only above a least share: a column that shows nothing clearly stays unnamed.
 */
export function inferRoles(grid: Grid, from: number, to: number, known: ColumnRole[]): ColumnRole[] {
  const roles = known.map((r) => ({ ...r }));
  const taken = new Set(roles.map((r) => r.kind).filter(Boolean));
  const shares = Array.from({ length: colsOf(grid) }, (_, c) =>
    contentShares(columnTexts(grid, c, from, to), grid.ocr),
  );
  for (const rule of CONTENT_RULES) {
    if (taken.has(rule.kind)) continue;
    let best = -1;
    let bestScore = rule.min;
    shares.forEach((s, c) => {
      const score = rule.score(s);
      if (roles[c]?.kind || score < bestScore || (score === bestScore && best >= 0)) return;
      best = c;
      bestScore = score;
    });
    if (best >= 0) {
      roles[best] = { kind: rule.kind };
      taken.add(rule.kind);
    }
  }
  if (!taken.has('name')) {
    let best = -1;
    shares.forEach((s, c) => {
      if (roles[c]?.kind || s.han < 0.5) return;
      if (best < 0 || s.han > (shares[best]?.han ?? 0)) best = c;
    });
    if (best >= 0) roles[best] = { kind: 'name' };
  }
  return roles;
}

/** A row of values under the inferred roles: its verdict cell holds a verdict word or its result cell a result. */
function isValueRow(grid: Grid, roles: ColumnRole[], r: number): boolean {
  const texts = (kind: ColumnKind) =>
    roles.flatMap((role, c) => {
      const cell = role.kind === kind ? cellAt(grid, r, c) : undefined;
      return cell?.text.trim() ? [cell.text.trim()] : [];
    });
  const shares = (kind: ColumnKind) => contentShares(texts(kind), grid.ocr);
  return shares('verdict').verdict > 0 || shares('result').result > 0 || shares('index').index > 0;
}

/**
 * The layout of a table whose header is missing or unreadable (not one header word read): every
 * column's role from its content. It is an item table when an item-name column, a verdict column
 * and a result or requirement column are found; rows at its top that hold no value where the values
 * are (a header in a font the text layer cannot map, a caption) are its header.
 */
export function findRolesByContent(grid: Grid): TableLayout | null {
  const rows = rowsOf(grid);
  const cols = colsOf(grid);
  if (rows < 2 || cols < 3) return null;
  const roles = inferRoles(
    grid,
    0,
    rows - 1,
    Array.from({ length: cols }, () => ({ kind: null })),
  );
  const kinds = new Set(roles.map((r) => r.kind));
  if (!kinds.has('name') || !kinds.has('verdict') || !(kinds.has('result') || kinds.has('requirement'))) {
    return null;
  }
  // short labels beside the item names that are no values: sub-items beside their merged parent;
  // names left of the item names that are no values: the merged parents of sub-items
  const nameAt = roles.findIndex((r) => r.kind === 'name');
  const noValues = (c: number, short: boolean) => {
    const texts = columnTexts(grid, c, 0, rows - 1);
    const s = contentShares(texts, grid.ocr);
    const labels = texts.filter((t) => t.length <= 20).length / (texts.length || 1);
    const named = short ? labels >= 0.8 : s.han >= 0.5;
    return texts.length > 0 && named && s.verdict === 0 && s.result < 0.3 && s.requirement < 0.3;
  };
  if (roles[nameAt + 1] && !roles[nameAt + 1]?.kind && noValues(nameAt + 1, true)) {
    roles[nameAt + 1] = { kind: 'name' };
  } else if (nameAt > 0 && !roles[nameAt - 1]?.kind && noValues(nameAt - 1, false)) {
    roles[nameAt - 1] = { kind: 'name' };
  }
  let first = 0;
  while (first < Math.min(rows - 1, 3) && !isValueRow(grid, roles, first)) first++;
  if (!isValueRow(grid, roles, first)) return null;
  return { headerFrom: first > 0 ? 0 : -1, headerTo: first - 1, columns: roles, by: 'content' };
}

/** Whether a row is a header row: its cells name the item and its result or verdict, and one more column. */
function headerRowKinds(grid: Grid, r: number): ColumnKind[] | null {
  const kinds = new Set<ColumnKind>();
  let cells = 0;
  for (let c = 0; c < colsOf(grid); c++) {
    const cell = cellAt(grid, r, c);
    if (!cell || cell.col !== c || !cell.text) continue;
    cells++;
    const k = headerCellKind(cell.text);
    if (k) kinds.add(k);
  }
  const ok = kinds.has('name') && (kinds.has('result') || kinds.has('verdict')) && kinds.size >= 3;
  return ok && kinds.size >= cells * 0.5 ? [...kinds] : null;
}

/**
 * Finds the header rows of a grid and each column's role. The header may take two rows: a merged
 * cell over sub-columns ("检验结果" over 变色 | 沾色, "可迁移元素" over elements).
 */
export function findHeader(grid: Grid): TableLayout | null {
  for (let r = 0; r < rowsOf(grid); r++) {
    if (!headerRowKinds(grid, r)) continue;
    // the header ends where every cell has been named (cells spanning down count as named)
    let to = r;
    for (let n = r + 1; n < Math.min(rowsOf(grid), r + 3); n++) {
      const below = Array.from({ length: colsOf(grid) }, (_, c) => cellAt(grid, n, c));
      const startsHere = below.filter((cell) => cell && cell.row === n);
      if (startsHere.length === 0) continue;
      const looksHeader = startsHere.every(
        (cell) => cell && (headerCellKind(cell.text) !== null || isLabelOnly(cell.text, grid, n)),
      );
      // a sub-header splits a merged header cell: a cell under it spanning all its columns does not
      // (the name of a first row merged over the parent and sub-item columns, as 项目 above it)
      const spannedAbove = below.some((cell, c) => {
        const up = cellAt(grid, r, c);
        return cell && up && up.colSpan > 1 && cell.row === n && cell.colSpan < up.colSpan;
      });
      if (looksHeader && spannedAbove) to = n;
      else break;
    }
    const columns: ColumnRole[] = [];
    for (let c = 0; c < colsOf(grid); c++) {
      const top = cellAt(grid, r, c);
      const bottom = cellAt(grid, to, c);
      const topKind = top ? headerCellKind(top.text) : null;
      const bottomKind = bottom && bottom !== top ? headerCellKind(bottom.text) : null;
      if (bottom && bottom !== top && !bottomKind && bottom.text) {
        // a label under a merged header cell: a matrix column
        columns.push({
          kind: 'matrix',
          label: bottom.text,
          parent: topKind === 'result' ? undefined : top?.text,
        });
      } else {
        const kind = bottomKind ?? topKind;
        // an unknown header word: resolveRoles decides from the cells (a matrix column or an unnamed role)
        columns.push(
          kind ? { kind } : { kind: null, label: top?.colSpan === 1 ? top.text || undefined : undefined },
        );
      }
    }
    return { headerFrom: r, headerTo: to, columns, by: 'header' };
  }
  return null;
}

/**
 * The header of a matrix of sub-items by tested part (no item/result header words): a merged cell
 * over two or more short labels (可迁移元素 (mg/kg) over 锑(Sb) | 砷(As) | …), with a first column
 * naming the rows (测试部位, 材料, Part …, whatever its words) spanning both header rows. Columns
 * under the merged cell are matrix columns; the first is the row label; others by their header word.
 * Rows labelled with a limit, unit or verdict word carry that value per column (rows.ts).
 */
export function findMatrixHeader(grid: Grid): TableLayout | null {
  const cols = colsOf(grid);
  for (let r = 0; r + 1 < rowsOf(grid); r++) {
    const label = cellAt(grid, r, 0);
    if (!label || label.row !== r || label.rowSpan < 2 || !label.text.trim() || isValueText(label.text)) {
      continue;
    }
    const parents = Array.from({ length: cols }, (_, c) => cellAt(grid, r, c)).filter(
      (cell, c, all): cell is NonNullable<typeof cell> =>
        cell !== undefined &&
        cell.row === r &&
        cell.col === c &&
        cell.colSpan >= 2 &&
        all.indexOf(cell) === c,
    );
    if (parents.length === 0) continue;
    const columns: ColumnRole[] = [{ kind: 'name' }];
    let ok = true;
    for (let c = 1; c < cols && ok; c++) {
      const top = cellAt(grid, r, c);
      const parent = parents.find((p) => p === top);
      if (parent) {
        const sub = cellAt(grid, r + 1, c);
        if (!sub || sub.row !== r + 1 || sub.colSpan !== 1 || !isLabelOnly(sub.text, grid, r + 1)) ok = false;
        else columns.push({ kind: 'matrix', label: sub.text.trim(), parent: parent.text.trim() });
      } else {
        columns.push({ kind: top ? headerCellKind(top.text) : null });
      }
    }
    if (ok && columns.filter((c) => c.kind === 'matrix').length >= 2) {
      return { headerFrom: r, headerTo: r + 1, columns, by: 'header' };
    }
  }
  return null;
}

/**
 * A cell's text that is a value, not a label: a number or limit, a verdict mark, a not-detected result
 * (未检出, "Not detected"), or a piece of one OCR read apart ("detected(<2)": a detection limit).
 */
function isValueText(text: string): boolean {
  const t = text.trim();
  return (
    /^[-+≤≥<>＜＞]?\d/.test(t) ||
    isVerdictToken(t) ||
    NOT_DETECTED_RESULT.test(t) ||
    /^detected\b/i.test(t) ||
    /[(（]\s*[<＜≤]\s*\d/.test(t)
  );
}

/**
 * A sub-item label printed as a column header (锑(Sb), DBP+BBP+DEHP, 变色): short, no header word,
 * no value (a number, a limit, a verdict mark).
 */
export function isSubItemLabel(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 20 && !isValueText(t) && !/^[≤≥<>＜＞]/.test(t) && !headerCellKind(t);
}

/** A sub-item label naming its substance and its symbol: 钡(Ba), 铅（Pb）, 邻苯二甲酸二丁酯(DBP). */
const SYMBOL_LABEL = /[\u4e00-\u9fff]{1,12}\s*[（(][A-Za-z][A-Za-z0-9+]{0,7}[)）]/gu;

/**
 * An OCR segment holding two column labels or more that OCR read as one ("钡(Ba）镉(Cd)": the gap
 * between two matrix columns read as none) split into its labels, each with its share of the box;
 * any other word as it is. Only labels that name a symbol are split: the bracket closing one and the
 * Han name opening the next mark the border, where two Chinese words side by side mark none.
 */
export function splitJoinedLabels(word: Word): Word[] {
  // a closing bracket OCR gave to the next segment ("铅(Pb)" | "）汞(Hg)") is no part of its label
  const stray = /^[)）]\s*(?=[\u4e00-\u9fff])/.exec(word.text);
  const w = stray ? pieceOf(word, [...stray[0]].length, [...word.text].length) : word;
  if (stray && [...w.text.matchAll(SYMBOL_LABEL)].length === 1) return [w];
  const labels = [...w.text.matchAll(SYMBOL_LABEL)];
  if (labels.length < 2 || w.text.replace(SYMBOL_LABEL, '').trim()) return [w];
  // character offsets (pieceOf counts code points; the labels are matched on UTF-16 units)
  const offset = (unit: number) => [...w.text.slice(0, unit)].length;
  return labels.map((m) => pieceOf(w, offset(m.index), offset(m.index + m[0].length)));
}

/** Short text that names a sub-column under a merged header (变色, 铅(Pb), 经向). */
function isLabelOnly(text: string, _grid: Grid, _row: number): boolean {
  const t = text.trim();
  return t.length > 0 && t.length <= 20 && !/^[-+≤≥<>]?\d/.test(t);
}

/**
 * Settles the columns the header left open: a table without a result column whose unnamed columns
 * hold results is a matrix (one sub-item per column); otherwise unnamed columns get their role from
 * their cells.
 */
export function resolveRoles(grid: Grid, layout: TableLayout, from: number, to: number): ColumnRole[] {
  const cols = layout.columns;
  const hasResult = cols.some((c) => c.kind === 'result');
  const out = cols.map((c) => ({ ...c }));
  if (!hasResult) {
    const texts = cols.map((_, i) => {
      const t: string[] = [];
      for (let r = from; r <= to; r++) {
        const cell = cellAt(grid, r, i);
        if (cell && cell.row === r && cell.colSpan === 1 && cell.text) t.push(cell.text.trim());
      }
      return t;
    });
    const labelled = (c: ColumnRole) => !c.kind && Boolean(c.label);
    const matrix = cols.map(
      (c, i) => labelled(c) && texts[i]!.length > 0 && contentShares(texts[i]!).result >= 0.5,
    );
    // a labelled column beside matrix columns is one of them though OCR misread its values
    // (直向 -0.9 read, 横向 "-1:4" not a number): its header says so, unless it holds verdicts
    const besideMatrix = matrix.some(Boolean);
    cols.forEach((c, i) => {
      if (!labelled(c)) return;
      const t = texts[i]!;
      const sibling = besideMatrix && t.length > 0 && contentShares(t).verdict < 0.5;
      if (matrix[i] || sibling) out[i] = { kind: 'matrix', label: c.label };
    });
  }
  const open = out.map((c) => (c.kind ? c : { kind: null }));
  return inferRoles(grid, from, to, open).map((c, i) => (c.kind ? c : (out[i] ?? c)));
}
