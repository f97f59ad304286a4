/**
 * Chinese names of the extracted fields (report and contract), by their path in the extraction: the
 * review page shows them, and every review message names a field by them, never by its path.
 */
/** Chinese labels for messages and the review page. */
export const FIELD_LABELS: Record<string, string> = {
  reportNumber: '报告编号',
  'lab.name': '检验机构',
  'lab.cmaNumber': 'CMA 编号',
  'lab.cnasNumber': 'CNAS 编号',
  'sample.name': '样品名称',
  'sample.model': '型号规格',
  'sample.trademark': '商标',
  'sample.batch': '批号',
  'sample.safetyClass': '安全技术类别',
  client: '委托单位',
  manufacturer: '生产单位',
  inspectionType: '检验类别',
  'dates.received': '收样日期',
  'dates.tested': '检验日期',
  'dates.issued': '签发日期',
  standards: '检验依据',
  conclusion: '检验结论',
  pages: '页数',
  items: '检验项目',
  contractNumber: '合同编号',
  'purchaser.name': '采购人（甲方）',
  'supplier.name': '供应商（乙方）',
  'supplier.uscc': '统一社会信用代码',
  signedDate: '签订日期',
  deliveryDate: '交货日期',
  totalAmount: '合同总金额',
  lines: '货物明细',
};

/** Chinese names of the cells of report items and contract lines. */
export const CELL_LABELS: Record<string, string> = {
  name: '项目名称',
  unit: '单位',
  requirement: '技术要求',
  result: '检验结果',
  verdict: '单项判定',
  product: '产品名称',
  category: '产品类别',
  model: '规格型号',
  quantity: '数量',
  unitPrice: '单价',
  amount: '金额',
};

/** Human label of a path: `items.3.result` → `检验项目第 4 行 检验结果`. */
export function labelOf(path: string): string {
  const m = /^(items|lines)\.(\d+)(?:\.(\w+))?$/.exec(path);
  if (m) {
    const cell = m[3] ? ` ${CELL_LABELS[m[3]] ?? m[3]}` : '';
    return `${FIELD_LABELS[m[1]!] ?? m[1]}第 ${Number(m[2]) + 1} 行${cell}`;
  }
  return FIELD_LABELS[path] ?? path;
}

