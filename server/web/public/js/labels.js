/**
 * Chinese labels for the service's codes, from the one vocabulary the server keeps
 * (server/vocabulary.ts, served at GET /api/vocabulary): statuses, categories, finding codes, roles.
 */
const res = await fetch('/api/vocabulary', { credentials: 'same-origin' });
if (!res.ok) throw new Error(`GET /api/vocabulary: ${res.status}`);
const vocab = await res.json();

/** { code: { label, tone } } → { code: { label, kind } } (kind: the badge's tone, as pill() takes it) */
const toned = (table) =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [k, { label: v.label, kind: v.tone }]));

export const ROLE_LABELS = vocab.roles;
/** What a user of each role belongs to: 'school', 'district' or null (server/policies/policy.ts). */
export const ROLE_TENANCY = vocab.roleTenancy;
export const SCHOOL_KIND_LABELS = vocab.schoolKinds;
export const CATEGORY_LABELS = vocab.categories;
export const DOC_KIND_LABELS = vocab.documentKinds;
export const DOC_STATUS = toned(vocab.documentStatuses);
export const STAGE_LABELS = vocab.stages;
export const FINDING_LABELS = vocab.findings;
export const LINE_STATUS = toned(vocab.lineStatuses);
export const SIDE_LABELS = vocab.sides;
export const SEVERITY = toned(vocab.severities);
/** For sorting by risk: higher is worse. */
export const SEVERITY_RANK = Object.fromEntries(
  Object.entries(vocab.severities).map(([k, v]) => [k, v.rank]),
);
export const INSPECTION_TYPE_LABELS = vocab.inspectionTypes;
export const VERDICT_LABELS = vocab.verdicts;
export const CONCLUSION_LABELS = vocab.conclusions;
export const SAFETY_CLASS_LABELS = vocab.safetyClasses;
/** 抽查类别: 监督抽查 / 风险监测 */
export const SAMPLING_KIND_LABELS = vocab.samplingKinds;

/** Label of a code from one of the tables above, falling back to the code itself. */
export function label(table, code) {
  if (code === null || code === undefined || code === '') return '—';
  const v = table[code];
  if (!v) return String(code);
  return typeof v === 'string' ? v : v.label;
}

/**
 * Column names of the extraction's rows (report items, contract lines). Top-level field labels come
 * from the API (server/review/field-paths.ts), which names row cells only by their key.
 */
export const COLUMN_LABELS = {
  product: '产品名称',
  category: '产品类别',
  model: '规格型号',
  quantity: '数量',
  unit: '单位',
  unitPrice: '单价',
  amount: '金额',
  name: '项目名称',
  requirement: '技术要求',
  result: '检验结果',
  verdict: '单项判定',
};

/**
 * Chinese name of an extraction path: row cells ('items.3.result') are named here, other paths by
 * the label the API gave (or the path itself).
 */
export function fieldLabel(path, apiLabel) {
  const m = /^(items|lines)\.(\d+)\.(\w+)$/.exec(path);
  if (m) {
    const row = m[1] === 'items' ? `检验项目第 ${Number(m[2]) + 1} 行` : `合同明细第 ${Number(m[2]) + 1} 行`;
    return `${row} ${COLUMN_LABELS[m[3]] ?? m[3]}`;
  }
  return apiLabel ?? path;
}
