/**
 * The layout of the 成果统计表 (the campaign notice's attachment) as data: its eight groups in the
 * attachment's order, each with its sub-columns. The XLSX export, the JSON, the page's form and the
 * validation of typed cells all read this table.
 *
 * Where the columns come from:
 * - The eight groups and their order (监督抽查, 风险监测, 监督检查, 执法办案, 打击查处, 行政指导和约谈,
 *   帮扶和宣传, 行业自律) are the attachment's, as issue 10 point 8 lists them.
 * - ../shared/domain.md is silent on the sub-columns. Columns marked `basis: 'published'` are the counts
 *   市场监管总局 reports for the 儿童和学生用品安全守护行动 in its published summaries (检查生产企业 /
 *   重点商超和批发市场 家次; 监督抽查 / 风险监测 批次; 行政指导和行政约谈 次; 宣传教育活动 场次; 查处假冒伪劣产品 /
 *   “三无”产品 / 危险玩具 批次; 立案查处违法案件 起; 召回缺陷产品 件; 撤销玩具类强制性产品认证证书 张).
 * - Columns marked `basis: 'reading'` are our reading of the group's natural counts (e.g. 不合格批次 and
 *   不合格发现率 beside 抽查批次; 结案 and 罚没金额 beside 立案). Replace them when the attachment's own
 *   text is at hand: the export, page and validation follow this table.
 */

/** How a cell is filled: counted from recorded sampling results, or typed by market supervision. */
export type FilledBy = 'results' | 'typed';
/** count: a non-negative integer; amount: 万元, non-negative, at most 4 decimals (to the yuan); pct: computed. */
export type CellUnit = 'count' | 'amount' | 'pct';

export interface StatisticsColumn {
  /** Stable key (API, storage): unique across the whole table. */
  key: string;
  /** The column header as printed, with its unit. */
  header: string;
  unit: CellUnit;
  basis: 'published' | 'reading';
}

export interface StatisticsGroup {
  key: string;
  title: string;
  filledBy: FilledBy;
  columns: StatisticsColumn[];
}

const c = (key: string, header: string, basis: StatisticsColumn['basis'], unit: CellUnit = 'count') => ({
  key,
  header,
  unit,
  basis,
});

export const STATISTICS_LAYOUT = [
  {
    key: 'supervision',
    title: '监督抽查',
    filledBy: 'results',
    columns: [
      c('supervisionEnterprises', '抽查企业数（家）', 'reading'),
      c('supervisionBatches', '抽查批次（批次）', 'published'),
      c('supervisionFailedBatches', '不合格批次（批次）', 'reading'),
      c('supervisionFailedPct', '不合格发现率（%）', 'reading', 'pct'),
    ],
  },
  {
    key: 'riskMonitoring',
    title: '风险监测',
    filledBy: 'results',
    columns: [
      c('riskEnterprises', '监测企业数（家）', 'reading'),
      c('riskBatches', '监测批次（批次）', 'published'),
      c('riskFailedBatches', '发现问题批次（批次）', 'reading'),
      c('riskFailedPct', '问题发现率（%）', 'reading', 'pct'),
    ],
  },
  {
    key: 'inspection',
    title: '监督检查',
    filledBy: 'typed',
    columns: [
      c('inspectedProducers', '检查生产企业（家次）', 'published'),
      c('inspectedMarkets', '检查重点商超和批发市场（家次）', 'published'),
      c('inspectedCampusShops', '检查校园周边经营者（家次）', 'reading'),
      c('inspectionProblems', '发现问题隐患（个）', 'reading'),
    ],
  },
  {
    key: 'enforcement',
    title: '执法办案',
    filledBy: 'typed',
    columns: [
      c('casesOpened', '立案（起）', 'published'),
      c('casesClosed', '结案（起）', 'reading'),
      c('finesAmount', '罚没金额（万元）', 'reading', 'amount'),
      c('casesTransferred', '移送司法机关（起）', 'reading'),
    ],
  },
  {
    key: 'crackdown',
    title: '打击查处',
    filledBy: 'typed',
    columns: [
      c('counterfeitBatches', '查处假冒伪劣产品（批次）', 'published'),
      c('unlabelledBatches', '查处“三无”产品（批次）', 'published'),
      c('dangerousToyBatches', '查处危险玩具（批次）', 'published'),
      c('recalledItems', '召回缺陷产品（件）', 'published'),
      c('cccRevoked', '撤销强制性产品认证证书（张）', 'published'),
    ],
  },
  {
    key: 'guidance',
    title: '行政指导和约谈',
    filledBy: 'typed',
    columns: [
      c('guidanceTimes', '行政指导（次）', 'published'),
      c('interviewTimes', '行政约谈（次）', 'published'),
      c('rectifiedEnterprises', '督促整改企业（家）', 'reading'),
    ],
  },
  {
    key: 'outreach',
    title: '帮扶和宣传',
    filledBy: 'typed',
    columns: [
      c('assistedEnterprises', '帮扶企业（家）', 'reading'),
      c('outreachEvents', '宣传教育活动（场次）', 'published'),
      c('outreachAudience', '宣传覆盖（人次）', 'reading'),
    ],
  },
  {
    key: 'selfDiscipline',
    title: '行业自律',
    filledBy: 'typed',
    columns: [
      c('selfDisciplineEvents', '组织行业自律活动（次）', 'reading'),
      c('selfDisciplineEnterprises', '参与企业（家）', 'reading'),
      c('qualityPledges', '签订质量安全承诺书（份）', 'reading'),
    ],
  },
] as const satisfies readonly StatisticsGroup[];

type Layout = typeof STATISTICS_LAYOUT;
type ColumnOf<G> = G extends { filledBy: infer F; columns: readonly (infer C)[] }
  ? C extends { key: infer K }
    ? { key: K; filledBy: F }
    : never
  : never;
type AnyColumn = ColumnOf<Layout[number]>;
/** The key of a cell market supervision types. */
export type TypedCellKey = Extract<AnyColumn, { filledBy: 'typed' }>['key'];
/** The key of a cell counted from recorded results. */
export type ResultCellKey = Extract<AnyColumn, { filledBy: 'results' }>['key'];
export type CellKey = TypedCellKey;

/** The typed columns, each with its group (for messages: 执法办案·罚没金额（万元）). */
export const TYPED_COLUMNS: { key: TypedCellKey; group: string; header: string; unit: CellUnit }[] =
  STATISTICS_LAYOUT.filter((g) => g.filledBy === 'typed').flatMap((g) =>
    g.columns.map((col) => ({ key: col.key, group: g.title, header: col.header, unit: col.unit })),
  );

/** Field labels of the typed cells, for validation messages (server/http/field-labels.ts). */
export const STATISTICS_FIELD_LABELS: Record<string, string> = Object.fromEntries(
  TYPED_COLUMNS.map((col) => [col.key, `${col.group}·${col.header}`]),
);

/** Largest value a typed cell takes: counts and 万元 amounts of one district's campaign. */
export const MAX_CELL = 10_000_000;
