/**
 * The item table of a test report: finds the column header, follows rows across pages, joins wrapped
 * cells, names sub-rows `parent + " " + sub`, and reads unit / requirement / result / verdict per row.
 * Works on tab-separated text-layer lines and on OCR lines without tabs.
 */
import {
  REQUIREMENT_DIRECTION,
  TABLE_END_MARKERS,
  TABLE_HEADER_WORDS,
  TABLE_PAGE_NOISE,
  type ColumnKind,
} from './data/table-vocab';
import {
  KNOWN_ITEMS,
  NO_UNIT,
  SUB_ITEM_PATTERNS,
  SUB_ITEM_WORDS,
  UNITS,
  UNIT_OCR_FIXES,
  VERDICT_WORDS,
} from './data/vocab';
import { lineText } from './text/flow';
import { joinWrapped, normaliseText as lineTextNormalise } from './text/normalise';
import type { Box, DocumentText, ReportItem, Verdict } from './types';

interface TableLine {
  page: number;
  index: number;
  text: string;
  box: Box | null;
  confidence: number;
  source: 'text_layer' | 'ocr';
  words?: { text: string; box: Box | null }[];
}

/** A table column located on the page (from the header words' boxes). */
interface ColumnPos {
  kind: ColumnKind;
  xc: number;
  x0: number;
  x1: number;
}

interface Row {
  index: number | null;
  parent: string | null;
  lines: TableLine[];
}

export interface ItemTable {
  items: ReportItem[];
  /** `page:index` keys of the lines that belong to the table (header included) */
  consumed: Set<string>;
  /** column kinds in printed order, when a header was found */
  columns: ColumnKind[];
}

const key = (l: { page: number; index: number }) => `${l.page}:${l.index}`;
const compact = (s: string) => s.replace(/\s+/g, '');

const HEADER_ENTRIES = (Object.entries(TABLE_HEADER_WORDS) as [ColumnKind, readonly string[]][])
  .flatMap(([kind, words]) => words.map((w) => ({ kind, word: compact(w) })))
  .sort((a, b) => b.word.length - a.word.length);

/** Column kinds named in a line (in order), and whether the line consists of header words only. */
function headerKinds(text: string): { kinds: ColumnKind[]; pure: boolean } {
  let rest = compact(text);
  const found: { kind: ColumnKind; at: number }[] = [];
  let guard = 0;
  while (rest && guard++ < 30) {
    let hit = false;
    for (const { kind, word } of HEADER_ENTRIES) {
      const at = rest.indexOf(word);
      if (at >= 0) {
        found.push({ kind, at: compact(text).indexOf(word) });
        rest = rest.slice(0, at) + '\uE000' + rest.slice(at + word.length);
        hit = true;
        break;
      }
    }
    if (!hit) break;
  }
  const leftover = rest.replace(/\uE000/g, '').replace(/[()（）/:：.]/g, '');
  found.sort((a, b) => a.at - b.at);
  return { kinds: [...new Set(found.map((f) => f.kind))], pure: leftover.length === 0 };
}

/** OCR misreadings of 合格/符合/不合格 ("符人台", "台格"): characters that only occur in verdict words. */
function fuzzyVerdict(t: string): Verdict | null {
  const negated = t.startsWith('不');
  const core = negated ? t.slice(1) : t;
  if (core.length < 2 || core.length > 3 || !/^[合台符格恪人各]+$/.test(core) || !/[合符格]/.test(core)) {
    return null;
  }
  return negated ? 'fail' : 'pass';
}

function isVerdictToken(t: string | undefined): boolean {
  return t !== undefined && (compact(t) in VERDICT_WORDS || fuzzyVerdict(compact(t)) !== null);
}

export function verdictOf(t: string | null | undefined): Verdict | null {
  if (!t) return null;
  return VERDICT_WORDS[compact(t)] ?? fuzzyVerdict(compact(t));
}

const UNIT_SET = new Set(UNITS.map((u) => u.toLowerCase()));
function fixUnit(t: string): string {
  return UNIT_OCR_FIXES[t] ?? t;
}
function isUnitToken(t: string | undefined): boolean {
  if (t === undefined) return false;
  const f = fixUnit(t);
  return UNIT_SET.has(f.toLowerCase()) || NO_UNIT.includes(f);
}

function isSubItem(name: string): boolean {
  const c = compact(name);
  return SUB_ITEM_WORDS.includes(c) || SUB_ITEM_PATTERNS.some((p) => p.test(c));
}

/** "耐水色牢度变色" / "耐 水 色 牢 度 变色" → "耐水色牢度 变色"; printed "parent sub" stays as is. */
export function canonicalItemName(raw: string): string {
  const parts = raw.trim().split(/\s+/);
  const last = parts[parts.length - 1] ?? '';
  if (parts.length > 1 && isSubItem(last)) return `${compact(parts.slice(0, -1).join(''))} ${last}`;
  const c = compact(raw);
  for (const sub of [...SUB_ITEM_WORDS].sort((a, b) => b.length - a.length)) {
    if (c.endsWith(sub) && c.length - sub.length >= 2) {
      const head = c.slice(0, -sub.length);
      if (/[度力率]$/.test(head) || KNOWN_ITEMS.includes(head)) return `${head} ${sub}`;
    }
  }
  if (/^[\u3400-\u9fff（）()]+$/.test(c) || KNOWN_ITEMS.includes(c)) return c;
  return raw.trim().replace(/\s+/g, ' ');
}

/** The name of the parent item when `name` ends with a sub-item word ("耐水色牢度 变色" → "耐水色牢度"). */
function parentOf(name: string): string | null {
  const parts = name.split(' ');
  if (parts.length > 1 && isSubItem(parts[parts.length - 1] ?? '')) return parts.slice(0, -1).join(' ');
  return null;
}

const INDEX_RE = /^(\d{1,3})(?:[\s.、]+|(?=[\u3400-\u9fffA-Za-z]))(.*)$/;

function rowIndex(text: string, last: number): { index: number; rest: string } | null {
  const m = INDEX_RE.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  if (!(m[2] ?? '').trim()) return null;
  if (/^\d/.test(m[2] ?? '')) return null;
  // rows lost by OCR leave gaps: a bigger jump is accepted when the line is a whole row
  if (n <= last || (n > last + 3 && !(n <= last + 15 && looksComplete(m[2] ?? '')))) return null;
  return { index: n, rest: m[2] ?? '' };
}

function tokensOf(text: string): string[] {
  return text.split(/[\t ]+/).filter(Boolean);
}

/** Looks like a full row on its own: a verdict at the end and at least three further cells/tokens. */
function looksComplete(text: string): boolean {
  const toks = tokensOf(text);
  if (!isVerdictToken(toks[toks.length - 1])) return false;
  const cells = text.split('\t');
  return cells.length >= 3 || toks.length >= 4;
}

function joinRow(lines: TableLine[]): string {
  return lines.reduce((acc, l) => joinWrapped(acc, l.text), '');
}

function isCategoryRow(text: string): boolean {
  const c = compact(text);
  if (!/^[\u3400-\u9fff]{2,8}$/.test(c)) return false;
  return (
    /^([\u3400-\u9fff][ \t]+)+[\u3400-\u9fff]$/.test(text.trim()) ||
    /(性能|质量|要求|指标|项目|安全)$/.test(c)
  );
}

/** Splits a cell holding "requirement result" into the two. */
function splitRequirementResult(cell: string): [string | null, string | null] {
  const toks = cell.split(' ').filter(Boolean);
  if (toks.length <= 1) return [null, cell || null];
  const first = toks[0] ?? '';
  const again = toks.indexOf(first, 1);
  if (/^[\u3400-\u9fff]+$/.test(first) && again > 0) {
    return [toks.slice(0, again).join(' '), toks.slice(again).join(' ')];
  }
  return [toks.slice(0, -1).join(' '), toks[toks.length - 1] ?? null];
}

interface Parsed {
  name: string;
  unit: string | null;
  requirement: string | null;
  result: string | null;
  verdict: Verdict | null;
  hasValues: boolean;
}

/** Reads one joined row (without its index) into its cells. */
function parseRowText(text: string, columns: ColumnKind[]): Parsed {
  let cells = text
    .split('\t')
    .map((c) => c.trim())
    .filter(Boolean);
  let name: string;
  if (cells.length <= 1) {
    // No tabs (OCR): name tokens run until a unit or a value-like token.
    const toks = tokensOf(text);
    let i = 0;
    const nameToks: string[] = [];
    while (i < toks.length) {
      const t = toks[i] ?? '';
      if (
        nameToks.length > 0 &&
        (isUnitToken(t) || /^[≤≥<>＜＞≦≧±\d+-]|^(?:符合|不|禁用|无|未检出|ND)/.test(t) || isVerdictToken(t))
      ) {
        break;
      }
      nameToks.push(t);
      i++;
    }
    name = nameToks.join(' ');
    cells = toks.slice(i);
    if (cells.length > 0) cells = [cells.join(' ')];
  } else {
    name = cells[0] ?? '';
    cells = cells.slice(1);
    const nameToks = name.split(' ');
    const tail = nameToks[nameToks.length - 1];
    if (nameToks.length > 1 && isUnitToken(tail) && !isSubItem(tail ?? '')) {
      name = nameToks.slice(0, -1).join(' ');
      cells.unshift(tail ?? '');
    }
  }
  // verdict: last token
  let verdict: Verdict | null = null;
  const lastCell = cells[cells.length - 1];
  if (lastCell !== undefined) {
    const toks = lastCell.split(' ');
    const lastTok = toks[toks.length - 1];
    if (isVerdictToken(lastTok) && (cells.length > 1 || toks.length > 1)) {
      verdict = verdictOf(lastTok);
      toks.pop();
      if (toks.length) cells[cells.length - 1] = toks.join(' ');
      else cells.pop();
    }
  }
  const valueCols = columns.filter(
    (c) => c === 'unit' || c === 'requirement' || c === 'result' || c === 'method',
  );
  let unit: string | null = null;
  let requirement: string | null = null;
  let result: string | null = null;
  if (valueCols.length > 0 && cells.length === valueCols.length) {
    valueCols.forEach((kind, i) => {
      const v = cells[i] ?? null;
      if (kind === 'unit') unit = v;
      else if (kind === 'requirement') requirement = v;
      else if (kind === 'result') result = v;
    });
  } else if (cells.length >= 3) {
    unit = cells[0] ?? null;
    result = cells[cells.length - 1] ?? null;
    requirement = cells.slice(1, -1).join(' ');
  } else if (cells.length === 2) {
    const c0 = cells[0] ?? '';
    const c0toks = c0.split(' ');
    if (isUnitToken(c0)) {
      unit = c0;
      [requirement, result] = splitRequirementResult(cells[1] ?? '');
    } else if (c0toks.length > 1 && isUnitToken(c0toks[0])) {
      unit = c0toks[0] ?? null;
      requirement = c0toks.slice(1).join(' ');
      result = cells[1] ?? null;
    } else {
      requirement = c0;
      result = cells[1] ?? null;
    }
  } else if (cells.length === 1) {
    const toks = (cells[0] ?? '').split(' ');
    if (toks.length > 1 && isUnitToken(toks[0])) {
      unit = toks[0] ?? null;
      [requirement, result] = splitRequirementResult(toks.slice(1).join(' '));
    } else {
      [requirement, result] = splitRequirementResult(cells[0] ?? '');
    }
  }
  if (unit !== null) unit = NO_UNIT.includes(fixUnit(unit)) ? null : fixUnit(unit);
  if (requirement !== null && /^[/／]$/.test(requirement.trim())) requirement = null;
  if (requirement === '') requirement = null;
  return { name, unit, requirement, result, verdict, hasValues: cells.length > 0 || verdict !== null };
}

/** Restores ≤/≥ that OCR cannot read, from the item's usual limit direction. */
function restoreSign(name: string, requirement: string | null): string | null {
  if (!requirement) return requirement;
  const m = /^(?:>=|<=|[<>＜＞乏之≦≧二三=和]|[^\d\s.+\-~～≤≥（(][\s]?)(?=\d)/.exec(requirement);
  if (!m) return requirement;
  const dir = REQUIREMENT_DIRECTION.find((d) => name.includes(d.fragment));
  if (!dir) return requirement;
  return dir.sign + requirement.slice(m[0].length);
}

/** Column centres from the boxes of the header words (empty when positions are unknown). */
function headerPositions(header: TableLine[]): ColumnPos[] {
  const found: ColumnPos[] = [];
  // the line naming most columns first: a centred title like "检 验 结 果" must not claim a column
  const ordered = [...header].sort(
    (a, b) => headerKinds(b.text).kinds.length - headerKinds(a.text).kinds.length,
  );
  for (const l of ordered) {
    for (const w of l.words ?? []) {
      if (!w.box) continue;
      const h = headerKinds(w.text);
      const kind = h.kinds.length === 1 && h.pure ? h.kinds[0] : undefined;
      if (kind && !found.some((f) => f.kind === kind)) {
        found.push({ kind, xc: (w.box.x0 + w.box.x1) / 2, x0: w.box.x0, x1: w.box.x1 });
      }
    }
  }
  found.sort((a, b) => a.xc - b.xc);
  const kinds = found.map((f) => f.kind);
  return kinds.includes('name') && kinds.includes('result') && found.length >= 4 ? found : [];
}

/**
 * Reads a row by where its words sit under the header columns (text layer and OCR words with boxes).
 * Null when a line of the row has no word boxes.
 */
function parseRowByPosition(row: TableLine[], positions: ColumnPos[]): Parsed | null {
  if (positions.length === 0 || row.some((l) => !l.words?.length || l.words.some((w) => !w.box))) return null;
  const bounds = positions.map((p, i) => {
    const prev = positions[i - 1];
    const next = positions[i + 1];
    // borders half-way across the gap between neighbouring header words
    return { kind: p.kind, from: prev ? (prev.x1 + p.x0) / 2 : -1, to: next ? (p.x1 + next.x0) / 2 : 2 };
  });
  const text = new Map<ColumnKind, string>();
  row.forEach((l, li) => {
    const perLine = new Map<ColumnKind, { text: string; x1: number; h: number }>();
    // runs: words printed without a gap belong together (a centred cell split by a font change)
    const runs: { text: string; box: Box }[] = [];
    for (const w of l.words ?? []) {
      if (!w.box || !w.text) continue;
      const last = runs[runs.length - 1];
      const h = w.box.y1 - w.box.y0;
      if (last && w.box.x0 - last.box.x1 < h * 0.15 && w.box.x0 >= last.box.x0) {
        last.text += w.text;
        last.box = { ...last.box, x1: Math.max(last.box.x1, w.box.x1) };
      } else {
        runs.push({ text: w.text, box: { ...w.box } });
      }
    }
    for (const w of runs) {
      let t = w.text;
      const xc = (w.box.x0 + w.box.x1) / 2;
      let kind = isSubItem(t) ? 'name' : (bounds.find((b) => xc >= b.from && xc < b.to)?.kind ?? 'remark');
      if (kind === 'index' || (li === 0 && kind === 'name')) {
        // the index column holds only the row number; left-aligned names start under it
        const m = /^(\d{1,3})(?:\s+|$)(.*)$/.exec(t);
        if (m) t = m[2] ?? '';
        kind = 'name';
        if (!t) continue;
      }
      const prev = perLine.get(kind);
      const h = w.box.y1 - w.box.y0;
      const gap = prev ? w.box.x0 - prev.x1 : 0;
      perLine.set(kind, {
        text: prev ? (gap > h * 0.25 ? `${prev.text} ${t}` : prev.text + t) : t,
        x1: w.box.x1,
        h,
      });
    }
    for (const [kind, v] of perLine) text.set(kind, joinWrapped(text.get(kind) ?? '', v.text.trim()));
  });
  const get = (k: ColumnKind) => {
    const v = text.get(k);
    return v === undefined || v === '' ? null : lineTextNormalise(v);
  };
  const name = get('name');
  if (!name) return null;
  let unit = get('unit');
  if (unit !== null) unit = NO_UNIT.includes(fixUnit(unit)) ? null : fixUnit(unit);
  let requirement = get('requirement');
  if (requirement !== null && /^[/／]$/.test(requirement)) requirement = null;
  const verdictText = get('verdict');
  return {
    name,
    unit,
    requirement,
    result: get('result'),
    verdict: verdictOf(verdictText),
    hasValues: text.size > 1,
  };
}

/** OCR drops the dash of half grades ("45" for 4-5) in colour-fastness and pilling grades. */
function restoreGrade(name: string, unit: string | null, value: string | null): string | null {
  if (!value || !(unit === '级' || /色牢度|起毛起球|变色|沾色/.test(name))) return value;
  const v = value.trim();
  const m = /^([≥≤]?)([1-4])[-~.]?([2-5])$/.exec(v);
  if (m && Number(m[3]) === Number(m[2]) + 1) return `${m[1]}${m[2]}-${m[3]}`;
  return v;
}

/** A grade requirement is a minimum: OCR that lost the ≥ (or read it as "2") gets it back. */
function restoreGradeRequirement(
  name: string,
  unit: string | null,
  requirement: string | null,
): string | null {
  const r = restoreGrade(name, unit, requirement);
  if (!r || !(unit === '级' || /色牢度|起毛起球/.test(name))) return r;
  const lost = /^[2二]?([1-5](?:-[2-5])?)$/.exec(r);
  return lost ? `≥${lost[1]}` : r;
}

/** Snaps an OCR'd item name to the nearest known item (and sub-item) name within one or two edits. */
export function snapItemName(name: string): string {
  const [head = '', ...rest] = name.split(' ');
  const snap = (w: string, vocab: readonly string[]) => {
    if (vocab.includes(w) || w.length < 2) return w;
    let best = w;
    let bestD = w.length >= 6 ? 2 : 1;
    for (const v of vocab) {
      if (Math.abs(v.length - w.length) > bestD) continue;
      const d = editDistance(w, v);
      if (d < bestD || (d === bestD && best === w && d <= (w.length >= 6 ? 2 : 1))) {
        best = v;
        bestD = d;
      }
    }
    return best;
  };
  const sub = rest.join(' ');
  return [snap(head, KNOWN_ITEMS), sub ? snap(sub, SUB_ITEM_WORDS) : ''].filter(Boolean).join(' ');
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0] ?? 0;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j] ?? 0;
      d[j] = Math.min((d[j] ?? 0) + 1, (d[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length] ?? 0;
}

/** OCR units outside the vocabulary: a known unit inside the token, else none. */
function snapUnit(unit: string | null): string | null {
  if (unit === null || isUnitToken(unit)) return unit;
  const inside = [...UNITS].sort((a, b) => b.length - a.length).find((u) => u.length > 0 && unit.includes(u));
  return inside ?? null;
}

/** Finds the header: a line (or a run of short lines) naming the item, result/verdict and one more column. */
function findHeader(
  lines: TableLine[],
  from: number,
): { start: number; end: number; columns: ColumnKind[]; positions: ColumnPos[] } | null {
  for (let i = from; i < lines.length; i++) {
    const l = lines[i];
    if (!l) continue;
    const h = headerKinds(l.text);
    if (h.kinds.length === 0) continue;
    const kinds = [...h.kinds];
    let end = i;
    if (h.pure) {
      for (let j = i + 1; j < Math.min(lines.length, i + 16); j++) {
        const n = lines[j];
        if (!n || n.page !== l.page) break;
        const hj = headerKinds(n.text);
        if (!hj.pure || hj.kinds.length === 0) {
          if (/^[A-Za-z .()/]+$/.test(n.text)) {
            end = j;
            continue;
          }
          break;
        }
        for (const k of hj.kinds) if (!kinds.includes(k)) kinds.push(k);
        end = j;
      }
    }
    // one line naming most columns gives the printed order; a header spread over lines (one word each) the union
    let richest = h.kinds;
    for (let j = i + 1; j <= end; j++) {
      const hj = headerKinds(lines[j]?.text ?? '').kinds;
      if (hj.length > richest.length) richest = hj;
    }
    if (richest.length >= 3) {
      kinds.splice(0, kinds.length, ...richest, ...kinds.filter((k) => !richest.includes(k)));
    }
    const cols = kinds.filter((k) => k !== 'index');
    if (cols.includes('name') && (cols.includes('verdict') || cols.includes('result')) && cols.length >= 3) {
      return { start: i, end, columns: kinds, positions: headerPositions(lines.slice(i, end + 1)) };
    }
  }
  return null;
}

/** Reads the item table(s) of a report. */
export function parseItemTable(doc: DocumentText): ItemTable {
  const lines: TableLine[] = [];
  for (const p of doc.pages) {
    p.lines.forEach((line, index) => {
      const text = lineText(line);
      if (text) {
        lines.push({
          page: p.page,
          index,
          text,
          box: line.box,
          confidence: line.confidence,
          source: p.source,
          words: line.words,
        });
      }
    });
  }
  const consumed = new Set<string>();
  const header = findHeader(lines, 0);
  if (!header) return { items: [], consumed, columns: [] };
  for (let i = header.start; i <= header.end; i++) {
    const l = lines[i];
    if (l) consumed.add(key(l));
  }
  const columns = header.columns;
  const rows: Row[] = [];
  let lastIndex = 0;
  let current: Row | null = null;
  let lastParent: string | null = null;

  const complete = (r: Row | null) => r !== null && looksCompleteRow(joinRow(r.lines));
  const looksCompleteRow = (t: string) => {
    const toks = tokensOf(t);
    return isVerdictToken(toks[toks.length - 1]) && toks.length >= 3;
  };

  for (let i = header.end + 1; i < lines.length; i++) {
    const l = lines[i];
    if (!l) continue;
    const t = l.text;
    if (TABLE_END_MARKERS.some((re) => re.test(t))) {
      if (/以下空白|以下无正文|报告结束|End of Report/i.test(t)) consumed.add(key(l));
      break;
    }
    const h = headerKinds(t);
    if (h.pure && h.kinds.length >= 2) {
      consumed.add(key(l));
      continue;
    }
    const idx = rowIndex(t, lastIndex);
    if (idx) {
      current = { index: idx.index, parent: null, lines: [{ ...l, text: idx.rest.trim() }] };
      rows.push(current);
      lastIndex = idx.index;
      consumed.add(key(l));
      continue;
    }
    if (TABLE_PAGE_NOISE.some((re) => re.test(t))) continue;
    const firstCell = (t.split('\t')[0] ?? '').trim();
    const firstTok = tokensOf(t)[0] ?? '';
    const currentText = current ? joinRow(current.lines) : '';
    const currentIsBare =
      current !== null &&
      !currentText.includes('\t') &&
      tokensOf(currentText).length <= 2 &&
      !/\d/.test(currentText);
    if (current && currentIsBare && looksComplete(t)) {
      // the current row was a parent heading ("8 可迁移元素"): this line is its first sub-row
      lastParent = canonicalItemName(currentText);
      rows.pop();
      current = { index: null, parent: lastParent, lines: [l] };
      rows.push(current);
      consumed.add(key(l));
      continue;
    }
    if (current && !complete(current)) {
      current.lines.push(l);
      consumed.add(key(l));
      continue;
    }
    if (current && (isSubItem(firstCell) || isSubItem(firstTok)) && looksComplete(t)) {
      const prev = rows[rows.length - 1];
      const parent =
        (prev?.parent ?? null) ||
        (prev ? parentOf(canonicalItemName(parseRowText(joinRow(prev.lines), columns).name)) : null) ||
        lastParent;
      current = { index: null, parent, lines: [l] };
      rows.push(current);
      consumed.add(key(l));
      continue;
    }
    if (isCategoryRow(t)) {
      consumed.add(key(l));
      continue;
    }
    if (looksComplete(t) && t.includes('\t')) {
      current = { index: null, parent: null, lines: [l] };
      rows.push(current);
      consumed.add(key(l));
      continue;
    }
  }

  const items: ReportItem[] = [];
  for (const r of rows) {
    const byText = parseRowText(joinRow(r.lines), columns);
    const byPos = parseRowByPosition(r.lines, header.positions);
    // positions separate cells that wrapped into each other; the verdict must agree with the text reading
    const p =
      byPos && byPos.verdict === byText.verdict && byPos.name ? { ...byPos, name: byText.name } : byText;
    if (!p.name) continue;
    const ocr = r.lines.some((l) => l.source === 'ocr');
    let name = canonicalItemName(p.name);
    if (r.parent) name = `${r.parent} ${name}`;
    if (ocr) name = snapItemName(name);
    const first = r.lines[0];
    const unit = ocr ? snapUnit(p.unit) : p.unit;
    items.push({
      name,
      unit,
      requirement: ocr
        ? restoreGradeRequirement(name, unit, restoreSign(name, p.requirement))
        : p.requirement,
      result: ocr ? restoreGrade(name, unit, p.result) : p.result,
      verdict: p.verdict,
      page: first?.page,
      box: first?.box ?? null,
      confidence: Math.min(...r.lines.map((l) => l.confidence)) * (p.verdict ? 1 : 0.5),
    });
  }
  return { items, consumed, columns };
}
