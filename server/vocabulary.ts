/**
 * The service's vocabulary: every coded value a user sees, with its one Chinese name. The API's
 * presenters, the exports and the pages (through GET /api/vocabulary) all read it from here, so a
 * status or category is named the same everywhere. Codes stay the stable English identifiers.
 */
import type { ProductCategory } from '../parsers/types';
import type { School } from '../models/district.repository';
import type { DocumentKind, DocumentStatus } from '../models/document.repository';
import type { Role } from '../models/user.repository';
import { ROLE_TENANCY } from './policies/policy';
import type { FindingCode, Severity } from './verify/registry/registry.schema';

/** A supplier failed official sampling (监督抽查) recorded by market supervision: a list reason. */
export const SAMPLING_FAILED = 'SAMPLING_FAILED';
export type ListReasonCode = FindingCode | typeof SAMPLING_FAILED;

/** How a page shows a value: a badge's tone. */
type Tone = 'ok' | 'info' | 'warn' | 'bad' | 'neutral';

export const ROLES = {
  school_staff: '学校采购人员',
  bureau: '教育行政部门',
  regulator: '市场监管部门',
  admin: '系统管理员',
} as const satisfies Record<Role, string>;

export const SCHOOL_KINDS = {
  kindergarten: '幼儿园',
  primary: '小学',
  junior: '初中',
  senior: '高中',
  complete_secondary: '完全中学',
  nine_year: '九年一贯制',
} as const satisfies Record<School['kind'], string>;

export const CATEGORIES: Record<ProductCategory, string> = {
  school_uniform: '中小学生校服',
  kindergarten_garment: '幼儿园园服',
  plastic_toy: '塑料制品玩具',
  bedding: '学生被褥',
};

export const DOCUMENT_KINDS = {
  contract: '采购合同',
  test_report: '检验报告',
  unknown: '未识别',
} as const satisfies Record<DocumentKind, string>;

export const DOCUMENT_STATUSES = {
  queued: { label: '排队中', tone: 'neutral' },
  processing: { label: '处理中', tone: 'info' },
  parsed: { label: '已识别', tone: 'ok' },
  needs_review: { label: '待人工核对', tone: 'warn' },
  failed: { label: '处理失败', tone: 'bad' },
} as const satisfies Record<DocumentStatus, { label: string; tone: Tone }>;

/** Processing stages as recorded on the document row (server/pipeline/stage.ts). */
export const STAGES: Record<string, string> = {
  queued: '等待处理',
  detect_type: '识别文件类型',
  extract_text: '读取文字',
  ocr: '文字识别（OCR）',
  parse_fields: '提取字段',
  review_check: '检查字段',
  store: '保存结果',
  verify_rules: '核验',
};

/** Finding codes (shared/spec/extraction.md) and the supplier list's extra reason. */
export const FINDINGS: Record<ListReasonCode, string> = {
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
  NO_CCC: '无3C认证证书编号',
  SAMPLING_FAILED: '监督抽查不合格',
};

export const LINE_STATUSES = {
  compliant: { label: '合规', tone: 'ok' },
  non_compliant: { label: '存在问题', tone: 'bad' },
  awaiting_reports: { label: '待提交报告', tone: 'neutral' },
} as const satisfies Record<string, { label: string; tone: Tone }>;

export const SIDES = {
  supplier: '供应商送检',
  purchaser: '学校（采购方）送检',
  other: '其他委托方',
} as const;

/** Risk tiers; `rank` sorts them (higher is worse). */
export const SEVERITIES: Record<Severity, { label: string; tone: Tone; rank: number }> = {
  high: { label: '高', tone: 'bad', rank: 3 },
  medium: { label: '中', tone: 'warn', rank: 2 },
  low: { label: '低', tone: 'neutral', rank: 1 },
};

export const INSPECTION_TYPES = {
  commissioned: '委托检验',
  sampling: '抽样检验',
  supervision: '监督抽查',
} as const;
/** 抽查类别 of a recorded sampling result (models/schema.ts samplingKind) */
export const SAMPLING_KINDS = { supervision: '监督抽查', risk_monitoring: '风险监测' } as const;
export type SamplingKind = keyof typeof SAMPLING_KINDS;
export const VERDICTS = { pass: '合格', fail: '不合格', 'n/a': '不判定' } as const;
export const CONCLUSIONS = { pass: '合格', fail: '不合格' } as const;
export const SAFETY_CLASSES = { A: 'A 类', B: 'B 类', C: 'C 类' } as const;

/** The codes of a table above, as z.enum takes them (so a schema lists the same codes as the labels). */
export function codesOf<K extends string>(table: Record<K, unknown>): [K, ...K[]] {
  return Object.keys(table) as [K, ...K[]];
}

/** Everything above, as GET /api/vocabulary serves it to the pages. */
export const VOCABULARY = {
  roles: ROLES,
  /** What a user of each role belongs to ('school', 'district', or null), for the account form. */
  roleTenancy: ROLE_TENANCY,
  schoolKinds: SCHOOL_KINDS,
  categories: CATEGORIES,
  documentKinds: DOCUMENT_KINDS,
  documentStatuses: DOCUMENT_STATUSES,
  stages: STAGES,
  findings: FINDINGS,
  lineStatuses: LINE_STATUSES,
  sides: SIDES,
  severities: SEVERITIES,
  inspectionTypes: INSPECTION_TYPES,
  samplingKinds: SAMPLING_KINDS,
  verdicts: VERDICTS,
  conclusions: CONCLUSIONS,
  safetyClasses: SAFETY_CLASSES,
};
