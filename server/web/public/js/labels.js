/** Chinese labels for the service's codes (statuses, categories, finding codes, roles). */

export const ROLE_LABELS = {
  school_staff: '学校采购人员',
  bureau: '教育行政部门',
  regulator: '市场监管部门',
  admin: '系统管理员',
};

export const SCHOOL_KIND_LABELS = {
  kindergarten: '幼儿园',
  primary: '小学',
  junior: '初中',
  senior: '高中',
  complete_secondary: '完全中学',
  nine_year: '九年一贯制',
};

export const CATEGORY_LABELS = {
  school_uniform: '中小学生校服',
  kindergarten_garment: '幼儿园园服',
  plastic_toy: '塑料制品玩具',
  bedding: '学生被褥',
};

export const DOC_KIND_LABELS = { contract: '采购合同', test_report: '检验报告', unknown: '未识别' };

export const DOC_STATUS = {
  queued: { label: '排队中', kind: 'neutral' },
  processing: { label: '处理中', kind: 'info' },
  parsed: { label: '已识别', kind: 'ok' },
  needs_review: { label: '待人工核对', kind: 'warn' },
  failed: { label: '处理失败', kind: 'bad' },
};

export const STAGE_LABELS = {
  detect_type: '识别文件类型',
  extract_text: '提取文字',
  render: '渲染页面',
  ocr: '文字识别（OCR）',
  classify: '判断文档类型',
  parse_fields: '解析字段',
  parse: '解析字段',
  store: '保存结果',
  verify_rules: '核验规则',
  verify: '核验规则',
  done: '完成',
};

export const FINDING_LABELS = {
  MISSING_SUPPLIER_REPORT: '缺少供应商送检报告',
  MISSING_PURCHASER_REPORT: '缺少采购方（学校）送检报告',
  ITEM_FAILED: '检验项目不合格',
  CONCLUSION_CONTRADICTS_ITEMS: '结论与单项判定矛盾',
  STANDARD_SUPERSEDED: '引用作废标准',
  REQUIRED_STANDARD_MISSING: '缺少必要检验依据',
  REQUIRED_ITEM_MISSING: '缺少必检项目',
  REPORT_OUT_OF_DATE_WINDOW: '报告日期不在有效期内',
  PRODUCT_MISMATCH: '样品与合同不符',
  CLIENT_MISMATCH: '委托单位不符',
  DUPLICATE_REPORT_NUMBER: '报告编号重复',
  INVALID_USCC: '统一社会信用代码无效',
  NO_CMA: '无CMA资质标志',
  SAMPLING_FAILED: '监督抽查不合格',
};

export const LINE_STATUS = {
  compliant: { label: '合规', kind: 'ok' },
  non_compliant: { label: '存在问题', kind: 'bad' },
  awaiting_reports: { label: '待提交报告', kind: 'neutral' },
};

export const SIDE_LABELS = { supplier: '供应商送检', purchaser: '学校（采购方）送检', other: '其他委托方' };

export const SEVERITY = {
  high: { label: '高', kind: 'bad' },
  medium: { label: '中', kind: 'warn' },
  low: { label: '低', kind: 'neutral' },
};

/** For sorting by risk: higher is worse. */
export const SEVERITY_RANK = { high: 3, medium: 2, low: 1 };

export const INSPECTION_TYPE_LABELS = {
  commissioned: '委托检验',
  sampling: '抽样检验',
  supervision: '监督抽查',
};

export const VERDICT_LABELS = { pass: '合格', fail: '不合格', 'n/a': '不判定' };

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
