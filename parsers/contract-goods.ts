/**
 * The goods table of a contract (合同标的 / 货物清单): its columns known by their header's meaning
 * (data/contract-labels.ts GOODS_COLUMNS), in whatever order the contract prints them. A row's cells
 * are told apart by what they hold — figures (数量/单价/金额, in the header's order, checked by
 * 数量 × 单价 = 金额), a unit word, a model code — and the text between them goes to the text columns
 * the header has there (product, brand, manufacturer …). Wrapped cells are joined.
 */
import {
  GOODS_COLUMNS,
  GOODS_HEADER,
  GOODS_TABLE_END,
  CLAUSE_HEADING,
  type GoodsColumn,
} from './data/contract-labels';
import { DEFAULT_CATEGORY, GOODS_UNITS, PRODUCT_CATEGORIES } from './data/vocab';
import { lineText } from './text/flow';
import { cleanName } from './text/names';
import { joinWrapped } from './text/normalise';
import { parseNumber } from './text/numerals';
import type { ContractLine, DocumentText, ProductCategory } from './types';

/** Product category from the product words (data/vocab.ts PRODUCT_CATEGORIES). */
export function categoryOf(product: string): ProductCategory {
  return (
    PRODUCT_CATEGORIES.find((c) => c.words.some((w) => product.includes(w)))?.category ?? DEFAULT_CATEGORY
  );
}

// "4.819.50": OCR read the thousands comma as a point (parseNumber reads it)
const NUM = /^[¥￥]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[¥￥]?\d+(?:\.\d+)?$|^[¥￥]?\d{1,3}(?:\.\d{3})+\.\d{2}$/;
const MODEL_RE = /^(?=.*\d)(?=.*[A-Za-z-])[A-Za-z0-9][A-Za-z0-9\-_./]{2,}$/;
const UNIT_SET = new Set(GOODS_UNITS);
const FIGURES: ReadonlySet<GoodsColumn> = new Set(['quantity', 'unitPrice', 'amount']);
const TEXTS: ReadonlySet<GoodsColumn> = new Set(['product', 'brand', 'manufacturer', 'other']);

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s*');
const HEADER_WORDS = (Object.entries(GOODS_COLUMNS) as [GoodsColumn, readonly string[]][])
  .flatMap(([kind, words]) => words.map((word) => ({ kind, word })))
  .sort((a, b) => b.word.length - a.word.length);
const HEADER_RE = new RegExp(
  HEADER_WORDS.map((w) =>
    /^[\x20-\x7e]+$/.test(w.word) ? `${escape(w.word)}(?![A-Za-z])` : escape(w.word),
  ).join('|'),
  'gi',
);

/** The columns a header line names, in printed order (a bilingual header names each once). */
export function goodsColumns(header: string): GoodsColumn[] {
  const out: GoodsColumn[] = [];
  for (const m of header.replace(/\s+(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])\s+/g, '').matchAll(HEADER_RE)) {
    const word = m[0].replace(/\s+/g, ' ').toLowerCase();
    const kind = HEADER_WORDS.find((w) => w.word.toLowerCase() === word)?.kind;
    if (kind && !out.includes(kind)) out.push(kind);
  }
  return out;
}

interface Token {
  t: string;
  cell: number;
}

function tokens(text: string, cols: GoodsColumn[]): Token[] {
  const out: Token[] = [];
  text.split('\t').forEach((c, cell) => {
    for (const t of c.split(/ +/).filter(Boolean)) {
      // "757套": quantity and unit in one cell
      const combined = /^(\d+)([\u3400-\u9fff])$/.exec(t);
      if (combined && cols.includes('unit') && cols.includes('quantity') && UNIT_SET.has(combined[2] ?? '')) {
        out.push({ t: combined[1] ?? '', cell }, { t: combined[2] ?? '', cell });
      } else out.push({ t, cell });
    }
  });
  return out;
}

/** Picks, in order, which figure tokens are the figure columns: the choice where 数量 × 单价 = 金额 wins. */
function pickFigures(figs: number[], values: number[], kinds: GoodsColumn[]): number[] {
  const k = Math.min(kinds.length, figs.length);
  const choices: number[][] = [];
  const walk = (from: number, acc: number[]) => {
    if (acc.length === k) {
      choices.push(acc);
      return;
    }
    for (let i = from; i < figs.length; i++) walk(i + 1, [...acc, i]);
  };
  if (figs.length <= 8) walk(0, []);
  const consistent = choices.find((c) => {
    if (k < 3) return false;
    const v = (kind: GoodsColumn) => values[c[kinds.indexOf(kind)] ?? -1];
    const q = v('quantity');
    const p = v('unitPrice');
    const a = v('amount');
    return q !== undefined && p !== undefined && a !== undefined && Math.abs(q * p - a) < 0.01;
  });
  // without a consistent choice: the last figures (text columns after the figures hold no pure figures)
  return (consistent ?? figs.slice(figs.length - k).map((_, i) => figs.length - k + i)).map(
    (i) => figs[i] ?? -1,
  );
}

/** Takes one cell's worth of tokens from one end (the cell's run, or one token when the cell is shared). */
function takeCell(toks: Token[], fromEnd: boolean): Token[] {
  if (toks.length < 2) return [];
  const edge = fromEnd ? toks[toks.length - 1] : toks[0];
  const other = fromEnd ? toks[0] : toks[toks.length - 1];
  if (!edge || !other) return [];
  if (edge.cell === other.cell) return fromEnd ? toks.splice(toks.length - 1, 1) : toks.splice(0, 1);
  const run = toks.filter((t) => t.cell === edge.cell).length;
  return fromEnd ? toks.splice(toks.length - run, run) : toks.splice(0, run);
}

interface Texts {
  product: string | null;
  model: string | null;
  unit: string | null;
}

/** Gives the text tokens between two figures to the header's columns there. */
function assignTexts(group: GoodsColumn[], toks: Token[], out: Texts): void {
  const rest = [...toks];
  if (group.includes('unit')) {
    for (let i = rest.length - 1; i >= 0; i--) {
      if (UNIT_SET.has(rest[i]?.t ?? '')) {
        out.unit = rest.splice(i, 1)[0]?.t ?? null;
        break;
      }
    }
  }
  const texts = group.filter((k) => TEXTS.has(k));
  const productAt = texts.indexOf('product');
  if (group.includes('model')) {
    const lowest = productAt >= 0 && group.indexOf('product') < group.indexOf('model') ? 1 : 0;
    for (let i = rest.length - 1; i >= lowest; i--) {
      if (MODEL_RE.test(rest[i]?.t ?? '')) {
        out.model = rest.splice(i, 1)[0]?.t ?? null;
        break;
      }
    }
  }
  if (productAt < 0) return;
  for (let i = texts.length - 1; i > productAt; i--) takeCell(rest, true);
  for (let i = 0; i < productAt; i++) takeCell(rest, false);
  const product = cleanName(rest.map((t) => t.t).join(' '));
  if (product) out.product = product;
}

/** One goods row (its wrapped lines joined) read through the header's columns. */
export function parseGoodsRow(
  text: string,
  columns: GoodsColumn[],
  tail = '',
): Omit<ContractLine, 'lineNo'> | null {
  const cols = columns.filter((k) => k !== 'index');
  const toks = tokens(text, cols);
  const figureKinds = cols.filter((k) => FIGURES.has(k));
  const figs = toks.map((t, i) => (NUM.test(t.t) ? i : -1)).filter((i) => i >= 0);
  if (figs.length < Math.min(2, figureKinds.length)) return null;
  const values = toks.map((t) => parseNumber(t.t) ?? 0);
  const chosen = pickFigures(figs, values, figureKinds);
  // fewer figures than figure columns: they are the last columns' (a quantity "以实际为准" is no figure)
  const kinds = figureKinds.slice(figureKinds.length - chosen.length);
  const line: Omit<ContractLine, 'lineNo'> = {
    product: '',
    category: DEFAULT_CATEGORY,
    model: null,
    quantity: null,
    unit: null,
    unitPrice: null,
    amount: null,
  };
  chosen.forEach((ti, i) => {
    const kind = kinds[i];
    if (kind === 'quantity' || kind === 'unitPrice' || kind === 'amount') line[kind] = values[ti] ?? null;
  });
  // text columns between the figure columns ↔ tokens between the chosen figures
  const groups: GoodsColumn[][] = [[]];
  for (const k of cols) {
    if (FIGURES.has(k)) {
      if (kinds.includes(k)) groups.push([]);
    } else groups[groups.length - 1]?.push(k);
  }
  const bounds = [-1, ...chosen, toks.length];
  const texts: Texts = { product: null, model: null, unit: null };
  groups.forEach((group, gi) => {
    const seg = toks.slice((bounds[gi] ?? 0) + 1, bounds[gi + 1] ?? toks.length);
    assignTexts(group, seg, texts);
  });
  let product = texts.product;
  // a product cell that wrapped below the row's figures
  if (tail && product && !(groups[groups.length - 1] ?? []).some((k) => TEXTS.has(k))) {
    product = cleanName(joinWrapped(product, tail));
  }
  if (!product) return null;
  return {
    ...line,
    product,
    category: categoryOf(product),
    model: texts.model,
    unit: texts.unit,
  };
}

function figureCount(text: string): number {
  return text.split(/[\t ]+/).filter((t) => NUM.test(t)).length;
}

/** A goods row printed whole on one line: a name, at least three more cells, two figures or more. */
function isWholeGoodsRow(text: string): boolean {
  const cells = text.split('\t');
  return cells.length >= 5 && /[\u3400-\u9fff]/.test(cells[0] ?? '') && figureCount(text) >= 2;
}

/** Whether a line starts goods row `next` or ends the table (so the line before it belongs to a row). */
function endsRowOrTable(text: string | undefined, next: number): boolean {
  if (text === undefined) return true;
  const m = /^(\d{1,3})[\s.、]+/.exec(text);
  return (m !== null && Number(m[1]) === next) || GOODS_TABLE_END.some((re) => re.test(text));
}

interface GoodsRow {
  lines: string[];
  tail: string[];
  lineNo: number;
}

/** The goods table: a header naming product, quantity and price columns, numbered rows, wrapped cells joined. */
export function parseGoodsTable(doc: DocumentText): { lines: ContractLine[]; consumed: Set<string> } {
  const all: { key: string; text: string }[] = [];
  for (const p of doc.pages) {
    p.lines.forEach((l, i) => all.push({ key: `${p.page}:${i}`, text: lineText(l) }));
  }
  const consumed = new Set<string>();
  let start = -1;
  let columns: GoodsColumn[] = [];
  for (let i = 0; i < all.length; i++) {
    const t = all[i]?.text ?? '';
    if (CLAUSE_HEADING.test(t) || !GOODS_HEADER.product.test(t)) continue;
    const t2 = `${t}\t${all[i + 1]?.text ?? ''}`;
    if (!GOODS_HEADER.quantity.test(t2) || !GOODS_HEADER.price.test(t2)) continue;
    const one = GOODS_HEADER.quantity.test(t) && GOODS_HEADER.price.test(t);
    const cols = goodsColumns(one ? t : t2);
    if (cols.length < 4) continue;
    columns = cols;
    start = one ? i + 1 : i + 2;
    break;
  }
  if (start < 0) return { lines: [], consumed };
  const needed = Math.min(2, columns.filter((k) => FIGURES.has(k)).length);
  const textAfterFigures = columns
    .slice(columns.findLastIndex((k) => FIGURES.has(k)) + 1)
    .some((k) => TEXTS.has(k));
  const rows: GoodsRow[] = [];
  let current: GoodsRow | null = null;
  const complete = (r: GoodsRow | null) =>
    !r || figureCount(r.lines.reduce((a, b) => joinWrapped(a, b), '')) >= needed;
  for (let i = start; i < all.length; i++) {
    const l = all[i];
    if (!l) continue;
    if (GOODS_TABLE_END.some((re) => re.test(l.text))) break;
    const m = /^(\d{1,3})[\s.、]+(.+)$/.exec(l.text);
    if (m && Number(m[1]) === rows.length + 1 && complete(current)) {
      current = { lineNo: Number(m[1]), lines: [m[2] ?? ''], tail: [] };
      rows.push(current);
      consumed.add(l.key);
    } else if (!m && complete(current) && isWholeGoodsRow(l.text)) {
      // OCR lost the row number (a lone digit is easily missed): the row is whole, its number is next
      current = { lineNo: rows.length + 1, lines: [l.text], tail: [] };
      rows.push(current);
      consumed.add(l.key);
    } else if (current && !complete(current)) {
      current.lines.push(l.text);
      consumed.add(l.key);
    } else if (
      current &&
      current.tail.length < 2 &&
      figureCount(l.text) === 0 &&
      l.text.replace(/\s+/g, '').length <= 16 &&
      !/[:：。]/.test(l.text) &&
      !CLAUSE_HEADING.test(l.text) &&
      endsRowOrTable(all[i + 1]?.text, rows.length + 1)
    ) {
      // a cell that wrapped below the row's figures (a long product name, a manufacturer's name)
      if (textAfterFigures) current.lines.push(l.text);
      else current.tail.push(l.text);
      consumed.add(l.key);
    } else if (rows.length > 0) {
      break;
    }
  }
  const lines: ContractLine[] = [];
  for (const r of rows) {
    const parsed = parseGoodsRow(
      r.lines.reduce((a, b) => joinWrapped(a, b), ''),
      columns,
      r.tail.reduce((a, b) => joinWrapped(a, b), ''),
    );
    if (parsed) lines.push({ lineNo: r.lineNo, ...parsed });
  }
  return { lines, consumed };
}
