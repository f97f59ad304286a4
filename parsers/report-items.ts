/**
 * The item table of a test report: finds the column header, follows rows across pages, joins wrapped
 * cells, names sub-rows `parent + " " + sub`, and reads unit / requirement / result / verdict per row.
 * Works on tab-separated text-layer lines and on OCR lines without tabs.
 */
import { TABLE_END_MARKERS, TABLE_PAGE_NOISE, type ColumnKind } from './data/table-vocab';
import { NOT_APPLICABLE_RESULTS, NO_UNIT } from './data/vocab';
import {
  canonicalItemName,
  compact,
  fixUnit,
  headerKinds,
  isSubItem,
  isUnitToken,
  isVerdictToken,
  parentOf,
  restoreDetectionLimit,
  restoreGrade,
  restoreGradeRequirement,
  restoreSign,
  snapItemName,
  snapUnit,
  verdictOf,
} from './item-vocab';
import {
  headerPositions,
  parseRowByPosition,
  type ColumnPos,
  type Parsed,
  type TableLine,
} from './report-items-layout';
import { readItemTables } from './table/read-tables';
import { lineText } from './text/flow';
import { joinWrapped } from './text/normalise';
import type { DocumentText, ReportItem, Verdict } from './types';

export { canonicalItemName, snapItemName, verdictOf } from './item-vocab';

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

/** Finds the header: a line (or a run of short lines) naming the item, result/verdict and one more column. */
function findHeader(
  lines: TableLine[],
  from: number,
): { start: number; end: number; columns: ColumnKind[]; positions: ColumnPos[] } | null {
  for (let i = from; i < lines.length; i++) {
    const l = lines[i];
    if (!l) continue;
    const h = headerKinds(l.text);
    // a header line is mostly header words (OCR noise aside); a sentence naming 项目 and 要求 is none
    if (h.kinds.length === 0 || h.other > 0.5) continue;
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

/** 'n/a' when the result itself says the item does not apply ("不适用（适用年龄3岁以上）", "无绳带"). */
function notApplicable(result: string | null): Verdict | null {
  const r = result?.replace(/\s+/g, '') ?? '';
  return NOT_APPLICABLE_RESULTS.some((re) => re.test(r)) ? 'n/a' : null;
}

const centreY = (l: TableLine) => (l.box ? (l.box.y0 + l.box.y1) / 2 : null);

/** "5 耐水色牢度" alone on its line: an item whose sub-rows carry the values. */
function isParentOnly(text: string): boolean {
  const m = INDEX_RE.exec(text);
  if (!m) return false;
  const rest = (m[2] ?? '').trim();
  return rest !== '' && !rest.includes('\t') && tokensOf(rest).length <= 2 && !/\d/.test(rest);
}

function isSubRow(text: string): boolean {
  const first = (text.split('\t')[0] ?? '').trim();
  return (isSubItem(first) || isSubItem(tokensOf(text)[0] ?? '')) && looksComplete(text);
}

/**
 * OCR lists lines top to bottom, and an item printed in a merged cell sits centred beside its sub-rows:
 * "变色 …" comes before "5 耐水色牢度", "沾色 …" after it. Moves such a parent line up, before the
 * sub-rows that are nearer to it than to the item above them.
 */
function parentsBeforeTheirSubRows(lines: TableLine[]): TableLine[] {
  const out = [...lines];
  for (let i = 0; i < out.length; i++) {
    const parent = out[i];
    if (!parent || parent.source !== 'ocr' || !isParentOnly(parent.text)) continue;
    const pc = centreY(parent);
    if (pc === null) continue;
    let start = i;
    while (start > 0) {
      const prev = out[start - 1];
      if (!prev || prev.page !== parent.page || !isSubRow(prev.text)) break;
      start--;
    }
    if (start === i) continue;
    // the line above the sub-rows: another merged parent claims the sub-rows nearer to it
    const above = out[start - 1];
    const ac = above && above.page === parent.page && isParentOnly(above.text) ? centreY(above) : null;
    let first = start;
    while (first < i) {
      const c = centreY(out[first] as TableLine);
      if (c === null || (ac !== null && c - ac < pc - c)) first++;
      else break;
    }
    if (first === i) continue;
    out.splice(i, 1);
    out.splice(first, 0, parent);
  }
  return out;
}

/** Reads the item table(s) of a report: from page geometry when positions are known, else from lines. */
export function parseItemTable(doc: DocumentText): ItemTable {
  const geo = readItemTables(doc);
  if (geo && geo.items.length > 0) {
    const consumed = new Set<string>();
    for (const p of doc.pages) {
      p.lines.forEach((l, index) => {
        if (!l.box) return;
        const x = (l.box.x0 + l.box.x1) / 2;
        const y = (l.box.y0 + l.box.y1) / 2;
        const inside = geo.regions.some(
          (r) => r.page === p.page && x >= r.box.x0 && x <= r.box.x1 && y >= r.box.y0 && y <= r.box.y1,
        );
        if (inside) consumed.add(`${p.page}:${index}`);
      });
    }
    return { items: geo.items, consumed, columns: [] };
  }
  return parseItemLines(doc);
}

/** Reads the item table(s) from text lines (no positions: tab-separated cells or OCR lines). */
function parseItemLines(doc: DocumentText): ItemTable {
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
  if (header) {
    lines.splice(header.end + 1, lines.length, ...parentsBeforeTheirSubRows(lines.slice(header.end + 1)));
  }
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
      result: ocr ? restoreDetectionLimit(restoreGrade(name, unit, p.result)) : p.result,
      verdict: p.verdict ?? notApplicable(p.result),
      page: first?.page,
      box: first?.box ?? null,
      confidence: Math.min(...r.lines.map((l) => l.confidence)) * (p.verdict ? 1 : 0.5),
    });
  }
  return { items, consumed, columns };
}
