/**
 * Layout variants for the generalization harness: the ways labs print the same report, as data.
 * Each variant changes what a lab really changes — column order and header words, languages, verdict
 * marks, ruling lines, merged parent cells, matrix tables, a method column, how header fields are
 * laid out, summary and detail pages, tables continued over pages — never the report's content.
 */

export type ColumnId = 'index' | 'name' | 'method' | 'unit' | 'requirement' | 'result' | 'verdict' | 'remark';

export interface VerdictMarks {
  pass: string;
  fail: string;
  na: string;
}

export interface LayoutVariant {
  id: string;
  description: string;
  /** item-table columns in printed order */
  columns: ColumnId[];
  /** header cell text per column (may hold a line break for bilingual headers) */
  headers: Partial<Record<ColumnId, string>>;
  marks: VerdictMarks;
  /** grid: every border; horizontal: row lines only; three-line: 三线表; none: no lines at all */
  rules: 'grid' | 'horizontal' | 'three-line' | 'none';
  /**
   * sub-items (变色/沾色, elements …): in the name cell, in their own cell beside a merged parent, as a
   * matrix, or as a matrix of sub-items (columns, under their merged parent) by tested part (rows),
   * with a limit row and a verdict row
   */
  subItems: 'joined' | 'merged-cells' | 'matrix' | 'part-matrix';
  /**
   * header fields: label/value grid, "label：value" lines, English-only labels, bilingual grid, or a
   * grid of cells holding another lab's English label with the value on the line below it
   */
  fields: 'kv-grid' | 'label-lines' | 'english' | 'bilingual-grid' | 'english-stacked';
  /** one page; a summary page then detail pages; a table continued with or without its header repeated */
  pages: 'single' | 'summary-detail' | 'continued-repeat-header' | 'continued-no-header';
  rowsPerPage: number;
  dates: 'cn' | 'iso' | 'dot';
  /** how a result of 未检出 is printed: as is, ND, N.D., its detection limit only (＜2), or in English */
  notDetected: 'keep' | 'ND' | 'N.D.' | 'below' | 'not detected';
  shadedHeader: boolean;
  endMarker: string | null;
  /** print 共 N 页 第 N 页 on each page */
  pageNumbers: boolean;
  /**
   * the item table's header row: printed (default), left out (a table of values only), or unreadable
   * (drawn in a font whose glyphs the text layer cannot map back: private-use code points)
   */
  header?: 'printed' | 'none' | 'unreadable';
}

const HEGE: VerdictMarks = { pass: '合格', fail: '不合格', na: '—' };
const FUHE: VerdictMarks = { pass: '符合', fail: '不符合', na: '/' };
const PF: VerdictMarks = { pass: 'P', fail: 'F', na: 'N/A' };
const CHECK: VerdictMarks = { pass: '√', fail: '×', na: '—' };
const PASSFAIL: VerdictMarks = { pass: 'Pass', fail: 'Fail', na: 'N/A' };
const FUHE_NA: VerdictMarks = { pass: '符合', fail: '不符合', na: '不适用' };
const CHECK_SLASH: VerdictMarks = { pass: '√', fail: '×', na: '/' };
/** Every set of marks the variants print (the random layouts draw from these). */
export const VERDICT_MARKS: readonly VerdictMarks[] = [HEGE, FUHE, PF, CHECK, PASSFAIL, FUHE_NA, CHECK_SLASH];

export const LAYOUT_VARIANTS: readonly LayoutVariant[] = [
  {
    id: 'v01-grid-classic',
    description: 'full grid, 序号|检验项目|单位|标准要求|检验结果|单项判定, 合格/不合格, label/value grid',
    columns: ['index', 'name', 'unit', 'requirement', 'result', 'verdict'],
    headers: {
      index: '序号',
      name: '检验项目',
      unit: '单位',
      requirement: '标准要求',
      result: '检验结果',
      verdict: '单项判定',
    },
    marks: HEGE,
    rules: 'grid',
    subItems: 'joined',
    fields: 'kv-grid',
    pages: 'single',
    rowsPerPage: 40,
    dates: 'cn',
    notDetected: 'keep',
    shadedHeader: false,
    endMarker: '以下空白',
    pageNumbers: true,
  },
  {
    id: 'v02-reordered-bilingual',
    description: 'columns reordered (result before limit, unit last), bilingual headers, P/F marks',
    columns: ['index', 'name', 'result', 'requirement', 'verdict', 'unit'],
    headers: {
      index: '序号<br>No.',
      name: '检测项目<br>Test Item',
      result: '检测结果<br>Result',
      requirement: '限量值<br>Limit',
      verdict: '评定<br>Verdict',
      unit: '单位<br>Unit',
    },
    marks: PF,
    rules: 'grid',
    subItems: 'joined',
    fields: 'bilingual-grid',
    pages: 'single',
    rowsPerPage: 40,
    dates: 'iso',
    notDetected: 'ND',
    shadedHeader: true,
    endMarker: '*** 以下空白 ***',
    pageNumbers: true,
  },
  {
    id: 'v03-method-column',
    description: 'a test-method column between requirement and result, 符合/不符合, "label：value" lines',
    columns: ['index', 'name', 'unit', 'requirement', 'method', 'result', 'verdict'],
    headers: {
      index: '序号',
      name: '检测项目',
      unit: '单位',
      requirement: '技术要求',
      method: '检测方法',
      result: '实测值',
      verdict: '单项结论',
    },
    marks: FUHE,
    rules: 'grid',
    subItems: 'joined',
    fields: 'label-lines',
    pages: 'single',
    rowsPerPage: 40,
    dates: 'dot',
    notDetected: 'keep',
    shadedHeader: false,
    endMarker: '（以下空白）',
    pageNumbers: true,
  },
  {
    id: 'v04-merged-parents',
    description: 'parent items in merged cells beside their sub-items (变色/沾色, elements), √/× marks',
    columns: ['index', 'name', 'requirement', 'unit', 'result', 'verdict'],
    headers: {
      index: '序号',
      name: '检验项目',
      requirement: '标准值',
      unit: '单位',
      result: '检验结果',
      verdict: '判定',
    },
    marks: CHECK,
    rules: 'grid',
    subItems: 'merged-cells',
    fields: 'kv-grid',
    pages: 'single',
    rowsPerPage: 40,
    dates: 'cn',
    notDetected: 'keep',
    shadedHeader: false,
    endMarker: '以下空白',
    pageNumbers: true,
  },
  {
    id: 'v05-matrix',
    description: 'sub-items as matrix tables (sub-items as columns), 合格/不合格',
    columns: ['index', 'name', 'unit', 'requirement', 'result', 'verdict'],
    headers: {
      index: '序号',
      name: '检验项目',
      unit: '单位',
      requirement: '标准要求',
      result: '检验结果',
      verdict: '单项判定',
    },
    marks: HEGE,
    rules: 'grid',
    subItems: 'matrix',
    fields: 'kv-grid',
    pages: 'single',
    rowsPerPage: 40,
    dates: 'iso',
    notDetected: 'keep',
    shadedHeader: true,
    endMarker: '以下空白',
    pageNumbers: true,
  },
  {
    id: 'v06-no-rules',
    description: 'no ruling lines anywhere, left-aligned columns, Pass/Fail, English-only header labels',
    columns: ['index', 'name', 'unit', 'requirement', 'result', 'verdict'],
    headers: {
      index: 'No.',
      name: 'Test Item',
      unit: 'Unit',
      requirement: 'Requirement',
      result: 'Result',
      verdict: 'Conclusion',
    },
    marks: PASSFAIL,
    rules: 'none',
    subItems: 'joined',
    fields: 'english',
    pages: 'single',
    rowsPerPage: 40,
    dates: 'iso',
    notDetected: 'N.D.',
    shadedHeader: false,
    endMarker: 'End of Report',
    pageNumbers: false,
  },
  {
    id: 'v07-summary-detail',
    description: 'a summary page (items and verdicts only), then detail pages with the table continued',
    columns: ['index', 'name', 'requirement', 'result', 'unit', 'verdict'],
    headers: {
      index: '序号',
      name: '项目',
      requirement: '标准规定',
      result: '测试结果',
      unit: '单位',
      verdict: '结论',
    },
    marks: FUHE,
    rules: 'grid',
    subItems: 'joined',
    fields: 'kv-grid',
    pages: 'summary-detail',
    rowsPerPage: 14,
    dates: 'cn',
    notDetected: 'keep',
    shadedHeader: false,
    endMarker: '以下空白',
    pageNumbers: true,
  },
  {
    id: 'v08-three-line-continued',
    description: '三线表 (three rules only) continued on the next page without its header, 合格/不合格',
    columns: ['index', 'name', 'unit', 'requirement', 'result', 'verdict'],
    headers: {
      index: '序号',
      name: '检验项目',
      unit: '计量单位',
      requirement: '技术要求',
      result: '检验结果',
      verdict: '单项评价',
    },
    marks: HEGE,
    rules: 'three-line',
    subItems: 'joined',
    fields: 'label-lines',
    pages: 'continued-no-header',
    rowsPerPage: 13,
    dates: 'dot',
    notDetected: 'keep',
    shadedHeader: false,
    endMarker: '以下空白',
    pageNumbers: true,
  },
  {
    id: 'v09-horizontal-repeat-header',
    description: 'row lines only, the table continued over pages with the header repeated, verdict first',
    columns: ['index', 'verdict', 'name', 'requirement', 'result', 'unit'],
    headers: {
      index: '编号',
      verdict: '判定结果',
      name: '检测项目',
      requirement: '技术指标',
      result: '实测结果',
      unit: '单位',
    },
    marks: HEGE,
    rules: 'horizontal',
    subItems: 'merged-cells',
    fields: 'bilingual-grid',
    pages: 'continued-repeat-header',
    rowsPerPage: 12,
    dates: 'iso',
    notDetected: 'keep',
    shadedHeader: true,
    endMarker: '报告结束',
    pageNumbers: true,
  },
  {
    id: 'v10-no-index-remark',
    description: 'no index column, a remark column, English verdict words, merged parents without rules',
    columns: ['name', 'requirement', 'result', 'verdict', 'remark'],
    headers: {
      name: 'Test Items 测试项目',
      requirement: 'Requirements 要求',
      result: 'Results 结果',
      verdict: 'Pass/Fail',
      remark: '备注',
    },
    marks: PASSFAIL,
    rules: 'horizontal',
    subItems: 'merged-cells',
    fields: 'english',
    pages: 'single',
    rowsPerPage: 40,
    dates: 'cn',
    notDetected: 'ND',
    shadedHeader: false,
    endMarker: null,
    pageNumbers: false,
  },
  {
    id: 'v11-summary-part-matrix',
    description:
      'a summary page (parents only), then detail pages where elements are columns and tested parts rows (one item per cell, a limit row, a verdict row), 符合/不符合/不适用, results as ＜2',
    columns: ['index', 'name', 'unit', 'requirement', 'result', 'verdict'],
    headers: {
      index: '序号',
      name: '检测项目',
      unit: '单位',
      requirement: '技术要求',
      result: '检测结果',
      verdict: '单项结论',
    },
    marks: FUHE_NA,
    rules: 'grid',
    subItems: 'part-matrix',
    fields: 'kv-grid',
    pages: 'summary-detail',
    rowsPerPage: 16,
    dates: 'cn',
    notDetected: 'below',
    shadedHeader: false,
    endMarker: '以下空白',
    pageNumbers: true,
  },
  {
    id: 'v12-english-checks-no-rules',
    description:
      'English-only labels and headers, √/×// marks, results printed "Not detected", a method column, no ruling lines',
    columns: ['index', 'name', 'method', 'requirement', 'result', 'unit', 'verdict'],
    headers: {
      index: 'No.',
      name: 'Test Items',
      method: 'Test Method',
      requirement: 'Limit',
      result: 'Test Result',
      unit: 'Unit',
      verdict: 'Judgement',
    },
    marks: CHECK_SLASH,
    rules: 'none',
    subItems: 'joined',
    fields: 'english',
    pages: 'single',
    rowsPerPage: 40,
    dates: 'iso',
    notDetected: 'not detected',
    shadedHeader: false,
    endMarker: '-- End of Report --',
    pageNumbers: true,
  },
  {
    id: 'v13-no-header',
    description:
      'the item table printed without a header row (columns known only from their content), 符合/不符合, method column',
    columns: ['index', 'name', 'method', 'requirement', 'result', 'unit', 'verdict'],
    headers: {},
    marks: FUHE,
    rules: 'grid',
    subItems: 'joined',
    fields: 'kv-grid',
    pages: 'single',
    rowsPerPage: 40,
    dates: 'cn',
    notDetected: 'keep',
    shadedHeader: false,
    endMarker: '以下空白',
    pageNumbers: true,
    header: 'none',
  },
  {
    id: 'v14-unreadable-header',
    description:
      'the item table header in a font the text layer cannot map (unreadable words), result before limit, P/F marks',
    columns: ['index', 'name', 'unit', 'result', 'requirement', 'verdict'],
    headers: {
      index: '序号',
      name: '检验项目',
      unit: '单位',
      result: '检验结果',
      requirement: '标准要求',
      verdict: '单项判定',
    },
    marks: PF,
    rules: 'grid',
    subItems: 'joined',
    fields: 'label-lines',
    pages: 'single',
    rowsPerPage: 40,
    dates: 'iso',
    notDetected: 'ND',
    shadedHeader: true,
    endMarker: '以下空白',
    pageNumbers: true,
    header: 'unreadable',
  },
  {
    id: 'v15-grid-continued-no-header',
    description:
      'a full grid continued over pages without its header, merged parents beside sub-items, verdict before the limit, √/×',
    columns: ['index', 'name', 'unit', 'verdict', 'requirement', 'result'],
    headers: {
      index: '序号',
      name: '检验项目',
      unit: '单位',
      verdict: '单项判定',
      requirement: '标准要求',
      result: '检验结果',
    },
    marks: CHECK,
    rules: 'grid',
    subItems: 'merged-cells',
    fields: 'kv-grid',
    pages: 'continued-no-header',
    rowsPerPage: 12,
    dates: 'cn',
    notDetected: 'keep',
    shadedHeader: false,
    endMarker: '以下空白',
    pageNumbers: true,
  },
  {
    id: 'v16-english-stacked-fields',
    description:
      'English labels in other words (Client, Sample Description, Date of Receipt, Testing Period), each value on the line below its label inside its grid cell; Pass/Fail',
    columns: ['index', 'name', 'unit', 'requirement', 'result', 'verdict'],
    headers: {
      index: 'No.',
      name: 'Test Item',
      unit: 'Unit',
      requirement: 'Requirement',
      result: 'Result',
      verdict: 'Conclusion',
    },
    marks: PASSFAIL,
    rules: 'grid',
    subItems: 'joined',
    fields: 'english-stacked',
    pages: 'single',
    rowsPerPage: 40,
    dates: 'iso',
    notDetected: 'ND',
    shadedHeader: false,
    endMarker: null,
    pageNumbers: false,
  },
];
