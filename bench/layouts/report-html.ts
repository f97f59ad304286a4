/**
 * One report truth (the extraction shape of shared/spec/extraction.md) → the HTML of a report printed
 * in a given layout variant, and the truth as that print shows it (what a correct extraction returns:
 * the same content, with results as printed and the page count of the layout).
 */
import type { ColumnId, LayoutVariant } from './variants';

export interface TruthItem {
  name: string;
  unit: string | null;
  requirement: string | null;
  result: string | null;
  verdict: 'pass' | 'fail' | 'n/a';
}

export interface ReportTruth {
  kind: 'test_report';
  file?: string;
  form?: string;
  reportNumber: string;
  lab: { name: string; cmaNumber: string | null; cnasNumber: string | null };
  sample: {
    name: string;
    model: string | null;
    trademark: string | null;
    batch: string | null;
    safetyClass: 'A' | 'B' | 'C' | null;
  };
  client: string;
  manufacturer: string | null;
  inspectionType: 'commissioned' | 'sampling' | 'supervision';
  dates: { received: string | null; tested: string | null; issued: string };
  standards: string[];
  items: TruthItem[];
  conclusion: 'pass' | 'fail';
  pages: number;
  [k: string]: unknown;
}

export interface RenderedReport {
  html: string;
  /** pages the layout is meant to print on (the renderer checks Chromium agrees) */
  pages: number;
  expected: ReportTruth;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cell = (s: string | null | undefined) => (s === null || s === undefined ? '' : esc(s));

/** Test methods by item-name fragment (printed in a method column; never among the report's standards). */
const METHODS: readonly [string, string][] = [
  ['甲醛', 'GB/T 2912.1-2009'],
  ['pH', 'GB/T 7573-2009'],
  ['芳香胺', 'GB/T 17592-2011'],
  ['异味', 'GB 18401-2010 6.7'],
  ['耐水色牢度', 'GB/T 5713-2013'],
  ['耐汗渍', 'GB/T 3922-2013'],
  ['摩擦', 'GB/T 3920-2008'],
  ['皂洗', 'GB/T 3921-2008'],
  ['耐光', 'GB/T 8427-2019'],
  ['唾液', 'GB/T 18886-2019'],
  ['纤维含量', 'FZ/T 01057-2007'],
  ['起毛起球', 'GB/T 4802.1-2008'],
  ['顶破', 'GB/T 19976-2005'],
  ['断裂强力', 'GB/T 3923.1-2013'],
  ['水洗尺寸', 'GB/T 8628-2013'],
  ['燃烧', 'GB/T 14644-2014'],
  ['可迁移元素', 'GB 6675.4-2014'],
  ['邻苯', 'GB/T 22048-2022'],
  ['微生物', 'GB 15979-2002'],
];
const methodOf = (name: string) => METHODS.find(([f]) => name.includes(f))?.[1] ?? '目测';

const INSPECTION: Record<ReportTruth['inspectionType'], { zh: string; en: string }> = {
  commissioned: { zh: '委托检验', en: 'Commissioned test' },
  sampling: { zh: '抽样检验', en: 'Sampling inspection' },
  supervision: { zh: '监督抽查', en: 'Supervision sampling' },
};

function formatDate(iso: string | null, style: LayoutVariant['dates']): string {
  if (!iso) return '/';
  const [y, m, d] = iso.split('-');
  if (style === 'cn') return `${y}年${Number(m)}月${Number(d)}日`;
  if (style === 'dot') return `${y}.${m}.${d}`;
  return iso;
}

function printedResult(result: string | null, v: LayoutVariant): string | null {
  if (result === null || v.notDetected === 'keep') return result;
  if (v.notDetected === 'below') return result.replace(/^未检出\s*[（(]\s*[<＜]\s*([\d.]+)\s*[)）]$/, '＜$1');
  if (v.notDetected === 'not detected') return result.replace(/^未检出/, 'Not detected');
  return result.replace(/^未检出/, v.notDetected);
}

const SUB_SETS = [
  ['变色', '沾色'],
  ['经向', '纬向'],
  ['直向', '横向'],
];

interface Row {
  item: TruthItem;
  parent: string | null;
  sub: string | null;
}

function splitName(name: string): { parent: string | null; sub: string | null } {
  const at = name.lastIndexOf(' ');
  return at > 0 ? { parent: name.slice(0, at), sub: name.slice(at + 1) } : { parent: null, sub: null };
}

/** Consecutive items sharing a parent. */
function groups(items: TruthItem[]): Row[][] {
  const out: Row[][] = [];
  for (const item of items) {
    const { parent, sub } = splitName(item.name);
    const last = out[out.length - 1];
    if (parent && last?.[0]?.parent === parent) last.push({ item, parent, sub });
    else out.push([{ item, parent, sub }]);
  }
  return out;
}

function mark(v: TruthItem['verdict'], variant: LayoutVariant): string {
  return v === 'pass' ? variant.marks.pass : v === 'fail' ? variant.marks.fail : variant.marks.na;
}

const noValue = (variant: LayoutVariant) => (variant.marks.na === '/' ? '/' : '—');

function valueCell(col: ColumnId, it: TruthItem, variant: LayoutVariant, index: string): string {
  switch (col) {
    case 'index':
      return index;
    case 'name':
      return cell(it.name);
    case 'method':
      return cell(methodOf(it.name));
    case 'unit':
      return cell(it.unit ?? noValue(variant));
    case 'requirement':
      return cell(it.requirement ?? '/');
    case 'result':
      return cell(printedResult(it.result, variant));
    case 'verdict':
      return cell(mark(it.verdict, variant));
    case 'remark':
      return '';
  }
}

/** A matrix group: two or more sub-items whose unit and requirement the sub-items share. */
function matrixKind(g: Row[]): 'pair' | 'transposed' | null {
  if (g.length < 2 || !g[0]?.parent) return null;
  const subs = g.map((r) => r.sub ?? '');
  const same = (f: (r: Row) => unknown) => g.every((r) => f(r) === f(g[0] as Row));
  if (
    SUB_SETS.some((s) => s.join() === subs.join()) &&
    same((r) => r.item.unit) &&
    same((r) => r.item.requirement) &&
    same((r) => r.item.verdict)
  ) {
    return 'pair';
  }
  return g.length >= 3 ? 'transposed' : null;
}

interface TableRows {
  /** rows of the main item table, as <tr> strings grouped by item (a merged parent's rows stay together) */
  rows: string[][];
  /** extra tables printed after the main one (matrix variant) */
  extra: string[];
}

function buildRows(items: TruthItem[], v: LayoutVariant): TableRows {
  const rows: string[][] = [];
  const extra: string[] = [];
  const pairRows: Row[][] = [];
  let n = 0;
  const nameSplit = v.subItems === 'merged-cells';
  for (const g of groups(items)) {
    const kind = v.subItems === 'matrix' ? matrixKind(g) : null;
    if (kind === 'pair') {
      pairRows.push(g);
      continue;
    }
    if (kind === 'transposed') {
      extra.push(transposedTable(g, v));
      continue;
    }
    if (v.subItems === 'part-matrix' && partMatrixFits(g)) {
      extra.push(partMatrixTable(g, v));
      continue;
    }
    if (nameSplit && g.length >= 2 && g[0]?.parent) {
      n++;
      const group: string[] = [];
      rows.push(group);
      g.forEach((r, i) => {
        const tds = v.columns.map((col) => {
          if (col === 'index') return i === 0 ? `<td rowspan="${g.length}">${n}</td>` : '';
          if (col === 'name') {
            const parent = i === 0 ? `<td rowspan="${g.length}">${cell(r.parent)}</td>` : '';
            return `${parent}<td>${cell(r.sub)}</td>`;
          }
          return `<td>${valueCell(col, r.item, v, '')}</td>`;
        });
        group.push(`<tr>${tds.join('')}</tr>`);
      });
      continue;
    }
    for (const r of g) {
      n++;
      const tds = v.columns.map((col) => {
        const span = col === 'name' && nameSplit ? ' colspan="2"' : '';
        return `<td${span}>${valueCell(col, r.item, v, String(n))}</td>`;
      });
      rows.push([`<tr>${tds.join('')}</tr>`]);
    }
  }
  if (pairRows.length) extra.unshift(pairTable(pairRows, v, n));
  return { rows, extra };
}

/** Parents as rows, the shared sub-items (变色/沾色 …) as result columns. */
function pairTable(gs: Row[][], v: LayoutVariant, start: number): string {
  const bySubs = new Map<string, Row[][]>();
  for (const g of gs) {
    const k = g.map((r) => r.sub).join('|');
    bySubs.set(k, [...(bySubs.get(k) ?? []), g]);
  }
  let n = start;
  const parts: string[] = [];
  for (const [k, list] of bySubs) {
    const subs = k.split('|');
    const head = `<tr><th>${v.headers.index ?? '序号'}</th><th>${v.headers.name ?? '检验项目'}</th><th>${v.headers.unit ?? '单位'}</th><th>${v.headers.requirement ?? '标准要求'}</th>${subs.map((s) => `<th>${esc(s)}</th>`).join('')}<th>${v.headers.verdict ?? '单项判定'}</th></tr>`;
    const body = list.map((g) => {
      const first = g[0] as Row;
      n++;
      return `<tr><td>${n}</td><td>${cell(first.parent)}</td><td>${cell(first.item.unit ?? noValue(v))}</td><td>${cell(first.item.requirement ?? '/')}</td>${g.map((r) => `<td>${cell(printedResult(r.item.result, v))}</td>`).join('')}<td>${cell(mark(first.item.verdict, v))}</td></tr>`;
    });
    parts.push(`<table class="items">${head}${body.join('')}</table>`);
  }
  return parts.join('');
}

/** One parent with many sub-items (elements, phthalates): sub-items as columns, values as rows. */
function transposedTable(g: Row[], v: LayoutVariant): string {
  const first = g[0] as Row;
  const cols = g.length + 1;
  const row = (label: string, f: (r: Row) => string) =>
    `<tr><th>${label}</th>${g.map((r) => `<td>${f(r)}</td>`).join('')}</tr>`;
  return `<table class="items"><tr><th colspan="${cols}">${cell(first.parent)}</th></tr>${row('项目', (r) => cell(r.sub))}${row('单位', (r) => cell(r.item.unit ?? noValue(v)))}${row(v.headers.requirement ?? '标准要求', (r) => cell(r.item.requirement ?? '/'))}${row(v.headers.result ?? '检验结果', (r) => cell(printedResult(r.item.result, v)))}${row(v.headers.verdict ?? '单项判定', (r) => cell(mark(r.item.verdict, v)))}</table>`;
}

/** Three or more sub-items of one parent sharing a unit: printable as sub-items by tested part. */
function partMatrixFits(g: Row[]): boolean {
  return g.length >= 3 && g[0]?.parent !== null && g.every((r) => r.item.unit === g[0]?.item.unit);
}

/**
 * Sub-items as columns under their merged parent (with the unit), the tested part as a row, a limit
 * row above it and a verdict row below it.
 */
function partMatrixTable(g: Row[], v: LayoutVariant): string {
  const first = g[0] as Row;
  const unit = first.item.unit ? ` (${first.item.unit})` : '';
  const row = (label: string, f: (r: Row) => string) =>
    `<tr><td>${label}</td>${g.map((r) => `<td>${f(r)}</td>`).join('')}</tr>`;
  return `<table class="items"><tr class="head"><th rowspan="2">测试部位</th><th colspan="${g.length}">${cell(first.parent)}${esc(unit)}</th></tr><tr class="head">${g.map((r) => `<th>${cell(r.sub)}</th>`).join('')}</tr>${row('限量值', (r) => cell(r.item.requirement ?? '/'))}${row('主体材料', (r) => cell(printedResult(r.item.result, v)))}${row(v.headers.verdict ?? '单项判定', (r) => cell(mark(r.item.verdict, v)))}</table>`;
}

/** The summary's rows: every item, or (part matrices) one row per matrix parent with its worst verdict. */
function summaryItems(
  items: TruthItem[],
  v: LayoutVariant,
): { name: string; verdict: TruthItem['verdict'] }[] {
  if (v.subItems !== 'part-matrix') return items;
  return groups(items).flatMap((g) => {
    if (!partMatrixFits(g)) return g.map((r) => r.item);
    const verdicts = g.map((r) => r.item.verdict);
    const verdict = verdicts.includes('fail') ? 'fail' : verdicts.includes('pass') ? 'pass' : 'n/a';
    return [{ name: (g[0] as Row).parent ?? '', verdict }];
  });
}

/** Header text as a font without a usable ToUnicode map leaves it in the text layer: private-use code points. */
const unreadable = (s: string) =>
  [...s]
    .map((ch) => (ch === '<' || ch === '>' ? ch : String.fromCharCode(0xe000 + (ch.charCodeAt(0) % 0x1000))))
    .join('');

function headerRow(v: LayoutVariant): string {
  if (v.header === 'none') return '';
  const ths = v.columns.map((col) => {
    const span = col === 'name' && v.subItems === 'merged-cells' ? ' colspan="2"' : '';
    const text = v.headers[col] ?? '';
    return `<th${span}>${v.header === 'unreadable' ? unreadable(text.replace(/<br>/g, ' ')) : text}</th>`;
  });
  return `<tr class="head">${ths.join('')}</tr>`;
}

interface Field {
  zh: string;
  en: string;
  /** another lab's English wording of the same label */
  en2: string;
  value: string;
}

const isEnglish = (v: LayoutVariant) => v.fields === 'english' || v.fields === 'english-stacked';

function fields(t: ReportTruth, v: LayoutVariant): Field[] {
  const d = (x: string | null) => formatDate(x, v.dates);
  const english = isEnglish(v);
  const standards = t.standards
    .map((s) => (t.sample.safetyClass && /^GB (18401|31701)-/.test(s) ? `${s} ${t.sample.safetyClass}类` : s))
    .join('、');
  const out: Field[] = [
    { zh: '样品名称', en: 'Sample Name', en2: 'Sample Description', value: t.sample.name },
    { zh: '型号规格', en: 'Model', en2: 'Model No.', value: t.sample.model ?? '/' },
    { zh: '商标', en: 'Trademark', en2: 'Brand', value: t.sample.trademark ?? '/' },
    { zh: '生产日期/批号', en: 'Batch No.', en2: 'Lot No.', value: t.sample.batch ?? '/' },
    { zh: '委托单位', en: 'Applicant', en2: 'Client', value: t.client },
    { zh: '生产单位', en: 'Manufacturer', en2: 'Manufacturer', value: t.manufacturer ?? '/' },
    {
      zh: '检验类别',
      en: 'Test Type',
      en2: 'Type of Test',
      value: english ? INSPECTION[t.inspectionType].en : INSPECTION[t.inspectionType].zh,
    },
    { zh: '收样日期', en: 'Date Received', en2: 'Date of Receipt', value: d(t.dates.received) },
    {
      zh: '检验日期',
      en: 'Test Period',
      en2: 'Testing Period',
      value:
        t.dates.received && t.dates.tested
          ? `${d(t.dates.received)} ~ ${d(t.dates.tested)}`
          : d(t.dates.tested),
    },
    { zh: '检验依据', en: 'Test Standards', en2: 'Test Requirement', value: standards },
  ];
  return out;
}

function fieldsBlock(t: ReportTruth, v: LayoutVariant): string {
  const fs = fields(t, v);
  const label = (f: Field) =>
    isEnglish(v) ? f.en : v.fields === 'bilingual-grid' ? `${f.zh}<br><span class="en">${f.en}</span>` : f.zh;
  if (v.fields === 'english-stacked') {
    // a grid of cells, each holding its label with the value on the line below
    const cellOf = (f: Field) => `<td><div class="en">${f.en2}</div><div>${esc(f.value)}</div></td>`;
    const rows: string[] = [];
    const pairs = fs.filter((f) => f.zh !== '检验依据');
    for (let i = 0; i < pairs.length; i += 2) {
      const b = pairs[i + 1];
      rows.push(`<tr>${cellOf(pairs[i] as Field)}${b ? cellOf(b) : '<td></td>'}</tr>`);
    }
    const std = fs.find((f) => f.zh === '检验依据') as Field;
    rows.push(`<tr><td colspan="2"><div class="en">${std.en2}</div><div>${esc(std.value)}</div></td></tr>`);
    return `<table class="fields grid">${rows.join('')}</table>`;
  }
  if (v.fields === 'label-lines' || isEnglish(v)) {
    const lines: string[] = [];
    for (let i = 0; i < fs.length; i += 2) {
      const pair = fs.slice(i, i + 2).filter((f) => f.zh !== '检验依据');
      if (pair.length) {
        lines.push(
          `<div class="kv">${pair.map((f) => `<span class="kvp">${label(f)}：${esc(f.value)}</span>`).join('')}</div>`,
        );
      }
    }
    const std = fs.find((f) => f.zh === '检验依据') as Field;
    lines.push(`<div class="kv">${label(std)}：${esc(std.value)}</div>`);
    return `<div class="fields">${lines.join('')}</div>`;
  }
  const rows: string[] = [];
  for (let i = 0; i < fs.length; i += 2) {
    const a = fs[i] as Field;
    const b = fs[i + 1];
    if (a.zh === '检验依据' || !b || b.zh === '检验依据') {
      rows.push(`<tr><th>${label(a)}</th><td colspan="3">${esc(a.value)}</td></tr>`);
      if (b) rows.push(`<tr><th>${label(b)}</th><td colspan="3">${esc(b.value)}</td></tr>`);
    } else {
      rows.push(
        `<tr><th>${label(a)}</th><td>${esc(a.value)}</td><th>${label(b)}</th><td>${esc(b.value)}</td></tr>`,
      );
    }
  }
  return `<table class="fields grid">${rows.join('')}</table>`;
}

function conclusionText(t: ReportTruth, v: LayoutVariant): string {
  const stds = t.standards.join('、');
  const failed = t.items.filter((i) => i.verdict === 'fail').map((i) => i.name);
  if (isEnglish(v)) {
    return t.conclusion === 'pass'
      ? `Conclusion: The submitted sample PASS the requirements of ${stds}.`
      : `Conclusion: The submitted sample FAIL the requirements of ${stds}${failed.length ? ` (${failed.join(', ')})` : ''}.`;
  }
  return t.conclusion === 'pass'
    ? `检验结论：经检验，该样品所检项目符合 ${stds} 标准要求，判定合格。`
    : `检验结论：经检验，该样品${failed.length ? `${failed.join('、')}项目` : '所检项目'}不符合 ${stds} 标准要求，判定不合格。`;
}

function pageHeader(t: ReportTruth, v: LayoutVariant, page: number, pages: number): string {
  const no = isEnglish(v) ? `Report No.: ${esc(t.reportNumber)}` : `报告编号：${esc(t.reportNumber)}`;
  const pn = v.pageNumbers
    ? `<span>第 ${page} 页 共 ${pages} 页</span>`
    : `<span>Page ${page} of ${pages}</span>`;
  const marks = [
    t.lab.cmaNumber ? `CMA ${t.lab.cmaNumber}` : '',
    t.lab.cnasNumber ? `CNAS ${t.lab.cnasNumber}` : '',
  ]
    .filter(Boolean)
    .join('　');
  return `<div class="lab"><b>${esc(t.lab.name)}</b><span class="marks">${marks}</span></div><div class="pagehead"><span>${no}</span>${pn}</div>`;
}

const CSS = `
@page { size: A4; margin: 12mm 12mm 12mm 12mm; }
body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 9pt; margin: 0; color: #111; }
.page { page-break-after: always; height: 270mm; overflow: hidden; position: relative; }
.page:last-child { page-break-after: auto; }
.lab { display: flex; justify-content: space-between; font-size: 11pt; }
.pagehead { display: flex; justify-content: space-between; margin: 1mm 0 2mm; }
h1 { text-align: center; font-size: 17pt; letter-spacing: 6pt; margin: 2mm 0 3mm; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2mm; }
th, td { padding: 0.8mm 1.2mm; text-align: left; vertical-align: middle; font-weight: normal; }
.en { font-size: 7.5pt; color: #333; }
.kv { margin: 1mm 0; }
.kvp { display: inline-block; width: 48%; }
.conclusion { margin-top: 3mm; }
.sign { margin-top: 4mm; display: flex; justify-content: space-between; }
.end { text-align: center; margin: 2mm 0; }
`;

function tableCss(v: LayoutVariant): string {
  const line = '0.6pt solid #000';
  const shade = v.shadedHeader ? 'tr.head th { background: #e4e4e4; }' : '';
  switch (v.rules) {
    case 'grid':
      return `table.items th, table.items td, table.grid th, table.grid td { border: ${line}; } ${shade}`;
    case 'horizontal':
      return `table.items tr, table.grid tr { border-top: ${line}; border-bottom: ${line}; } ${shade}`;
    case 'three-line':
      return `table.items { border-top: 1.2pt solid #000; border-bottom: 1.2pt solid #000; } table.items tr.head { border-bottom: 0.6pt solid #000; } ${shade}`;
    case 'none':
      return shade;
  }
}

/** Groups of rows → pages of about `first`, then `next` rows, never splitting a group. */
function paginate(groups: string[][], first: number, next: number): string[][] {
  const pages: string[][] = [[]];
  for (const g of groups) {
    const page = pages[pages.length - 1] as string[];
    const limit = pages.length === 1 ? first : next;
    if (page.length > 0 && page.length + g.length > limit) pages.push([...g]);
    else page.push(...g);
  }
  return pages;
}

/** Renders one report truth in one layout. */
export function renderReport(truth: ReportTruth, v: LayoutVariant): RenderedReport {
  const items = truth.items;
  const { rows, extra } = buildRows(items, v);
  const head = headerRow(v);
  const itemTable = (body: string[], withHead: boolean) =>
    `<table class="items">${withHead ? head : ''}${body.join('')}</table>`;
  const fieldHtml = fieldsBlock(truth, v);
  const title = isEnglish(v) ? 'TEST REPORT' : '检 验 报 告';
  const conclusion = `<div class="conclusion">${esc(conclusionText(truth, v))}</div>`;
  const issuedLabel = isEnglish(v) ? 'Date of Issue' : '签发日期';
  const sign = `<div class="sign"><span>${isEnglish(v) ? 'Tested by:' : '主检：'}</span><span>${isEnglish(v) ? 'Checked by:' : '审核：'}</span><span>${isEnglish(v) ? 'Approved by:' : '批准：'}</span><span>${issuedLabel}：${esc(formatDate(truth.dates.issued, v.dates))}</span></div>`;
  const end = v.endMarker ? `<div class="end">${esc(v.endMarker)}</div>` : '';

  const pageBodies: string[] = [];
  if (v.pages === 'single') {
    pageBodies.push(
      `<h1>${title}</h1>${fieldHtml}${itemTable(rows.flat(), true)}${extra.join('')}${end}${conclusion}${sign}`,
    );
  } else if (v.pages === 'summary-detail') {
    const listed = summaryItems(items, v);
    const half = Math.ceil(listed.length / 2);
    const sumRows = listed.slice(0, half).map((it, i) => {
      const other = listed[half + i];
      return `<tr><td>${i + 1}</td><td>${cell(it.name)}</td><td>${cell(mark(it.verdict, v))}</td>${other ? `<td>${half + i + 1}</td><td>${cell(other.name)}</td><td>${cell(mark(other.verdict, v))}</td>` : '<td></td><td></td><td></td>'}</tr>`;
    });
    pageBodies.push(
      `<h1>${title}</h1>${fieldHtml}<div>检验结果汇总：</div><table class="items"><tr class="head"><th>序号</th><th>检验项目</th><th>结论</th><th>序号</th><th>检验项目</th><th>结论</th></tr>${sumRows.join('')}</table>${conclusion}${sign}`,
    );
    const detail = paginate(rows, v.rowsPerPage, v.rowsPerPage);
    detail.forEach((chunk, i) => {
      const last = i === detail.length - 1;
      pageBodies.push(
        `<div>检验结果（续）</div>${itemTable(chunk, true)}${last ? extra.join('') + end : ''}`,
      );
    });
  } else {
    const firstCount = v.rowsPerPage;
    const chunks = paginate(rows, firstCount, Math.round(v.rowsPerPage * 1.8));
    chunks.forEach((chunk, i) => {
      const last = i === chunks.length - 1;
      const body = itemTable(chunk, i === 0 || v.pages === 'continued-repeat-header');
      pageBodies.push(
        `${i === 0 ? `<h1>${title}</h1>${fieldHtml}` : ''}${body}${last ? `${extra.join('')}${end}${conclusion}${sign}` : ''}`,
      );
    });
  }
  const pages = pageBodies.length;
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}${tableCss(v)}</style></head><body>${pageBodies
    .map((b, i) => `<div class="page">${pageHeader(truth, v, i + 1, pages)}${b}</div>`)
    .join('')}</body></html>`;

  const expected: ReportTruth = {
    ...truth,
    items: items.map((it) => ({
      ...it,
      unit: v.columns.includes('unit') ? it.unit : null,
      result: printedResult(it.result, v),
    })),
    pages,
  };
  return { html, pages, expected };
}
