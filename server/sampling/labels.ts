/**
 * Chinese labels of finding codes, risk tiers and the reason a supplier is listed because of an
 * official sampling failure. Codes stay the stable English identifiers; these are display texts.
 */
import type { FindingCode, Severity } from '../verify/registry/registry';

/** A supplier failed official sampling (监督抽查) recorded by market supervision. */
export const SAMPLING_FAILED = 'SAMPLING_FAILED';
export type ListReasonCode = FindingCode | typeof SAMPLING_FAILED;

export const REASON_LABELS: Record<ListReasonCode, string> = {
  ITEM_FAILED: '检验项目不合格',
  CONCLUSION_CONTRADICTS_ITEMS: '结论与单项判定矛盾',
  DUPLICATE_REPORT_NUMBER: '报告编号重复',
  PRODUCT_MISMATCH: '样品与合同不符',
  NO_CMA: '无CMA资质标志',
  CLIENT_MISMATCH: '委托单位不符',
  MISSING_PURCHASER_REPORT: '缺少采购方（学校）送检报告',
  MISSING_SUPPLIER_REPORT: '缺少供应商送检报告',
  REPORT_OUT_OF_DATE_WINDOW: '报告日期不在有效期内',
  STANDARD_SUPERSEDED: '引用作废标准',
  REQUIRED_ITEM_MISSING: '缺少必检项目',
  REQUIRED_STANDARD_MISSING: '缺少必要检验依据',
  INVALID_USCC: '统一社会信用代码无效',
  SAMPLING_FAILED: '监督抽查不合格',
};

export const RISK_LABELS: Record<Severity, string> = { high: '高', medium: '中', low: '低' };

export function reasonLabel(code: string): string {
  return (REASON_LABELS as Record<string, string>)[code] ?? code;
}
