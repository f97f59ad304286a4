/**
 * Builders for the smallest synthetic documents the engine accepts: a compliant primary-school
 * uniform line with one supplier report and one school report. Tests override one thing each.
 */
import type { ContractExtraction, ReportItem, TestReportExtraction } from '../../../parsers/types';
import { resolvePolicy } from '../policy';
import { registryByVersion } from '../registry/registry';
import type { EngineContract, EngineReport, VerifyDistrictInput } from '../types';

export const SUPPLIER = '测试服饰有限公司';
export const SUPPLIER_USCC = '91110108MA01ABC17L';
export const SCHOOL = '测试区第一小学';
export const BUREAU = '测试区教育局';
export const MODEL = 'TS-001';

/** A report item printed 合格. */
export const item = (
  name: string,
  requirement: string | null,
  result: string,
  unit: string | null = null,
): ReportItem => ({
  name,
  unit,
  requirement,
  result,
  verdict: 'pass',
});

/** Every item a school uniform for pupils ≤14 must show, all passing. */
export function uniformItems(): ReportItem[] {
  return [
    item('纤维含量', '棉 60% 聚酯纤维 40%', '棉 60.2 聚酯纤维 39.8', '%'),
    item('甲醛含量', '≤75', '未检出(<20)', 'mg/kg'),
    item('pH值', '4.0～8.5', '6.1'),
    item('可分解致癌芳香胺染料', '禁用', '未检出', 'mg/kg'),
    item('异味', '无', '无'),
    item('耐水色牢度 变色', '≥3-4', '4-5', '级'),
    item('耐汗渍色牢度 沾色', '≥3-4', '4', '级'),
    item('耐干摩擦色牢度', '≥3-4', '4', '级'),
    item('耐湿摩擦色牢度', '≥2-3', '3', '级'),
    item('燃烧性能', '1级', '1级', '级'),
    { ...item('绳带要求', '符合GB 31701-2015中5.2要求', '无绳带'), verdict: 'n/a' },
    item('附件锐利性', '无锐利尖端和锐利边缘', '无'),
    item('残留金属针', '不允许', '无'),
  ];
}

export function report(overrides: Partial<TestReportExtraction> = {}): TestReportExtraction {
  return {
    kind: 'test_report',
    reportNumber: 'R-0001',
    lab: { name: '测试检验所', cmaNumber: '190022340213', cnasNumber: null },
    sample: { name: '中小学生校服（夏装）', model: MODEL, trademark: null, batch: null, safetyClass: 'B' },
    client: SUPPLIER,
    manufacturer: SUPPLIER,
    inspectionType: 'commissioned',
    dates: { received: '2024-03-01', tested: '2024-03-05', issued: '2024-03-06' },
    standards: ['GB/T 31888-2015', 'GB 18401-2010', 'GB 31701-2015'],
    items: uniformItems(),
    conclusion: 'pass',
    pages: 2,
    ...overrides,
  };
}

/** A school-side report for the same product, sampled after delivery. */
export function schoolReport(overrides: Partial<TestReportExtraction> = {}): TestReportExtraction {
  return report({
    reportNumber: 'R-0002',
    client: SCHOOL,
    inspectionType: 'sampling',
    dates: { received: '2024-06-05', tested: '2024-06-10', issued: '2024-06-12' },
    ...overrides,
  });
}

export function contract(overrides: Partial<ContractExtraction> = {}): ContractExtraction {
  return {
    kind: 'contract',
    contractNumber: 'HT-2024-001',
    purchaser: { name: SCHOOL },
    supplier: { name: SUPPLIER, uscc: SUPPLIER_USCC },
    signedDate: '2024-04-01',
    deliveryDate: '2024-06-01',
    lines: [
      {
        product: '夏季校服（短袖POLO衫）',
        category: 'school_uniform',
        model: MODEL,
        quantity: 100,
        unit: '套',
        unitPrice: 100,
        amount: 10000,
      },
    ],
    totalAmount: 10000,
    standards: ['GB/T 31888-2015'],
    ...overrides,
  };
}

/** A district with one contract (line `L1`) and the given reports, all handed in for that line. */
export function district(
  reports: TestReportExtraction[],
  opts: {
    contract?: ContractExtraction;
    asOf?: string;
    registry?: string;
    extraReports?: TestReportExtraction[];
  } = {},
): VerifyDistrictInput {
  const registry = registryByVersion(opts.registry ?? '2026.1');
  if (!registry) throw new Error('registry missing');
  const c = opts.contract ?? contract();
  const engineReports: EngineReport[] = reports.map((extraction, i) => ({
    id: `r${i + 1}`,
    file: `r${i + 1}.json`,
    extraction,
  }));
  const extra: EngineReport[] = (opts.extraReports ?? []).map((extraction, i) => ({
    id: `x${i + 1}`,
    file: `x${i + 1}.json`,
    extraction,
  }));
  const engineContract: EngineContract = {
    id: 'c1',
    file: 'c1.json',
    extraction: c,
    lines: c.lines.map((line, i) => ({
      id: `L${i + 1}`,
      lineNo: i + 1,
      line,
      reportIds: engineReports.map((r) => r.id),
    })),
  };
  return {
    district: { name: '测试区', bureauName: BUREAU },
    schools: [{ name: SCHOOL, kind: 'primary' }],
    contracts: [engineContract],
    reports: [...engineReports, ...extra],
    registry,
    policy: resolvePolicy({}, registry),
    asOf: opts.asOf ?? '2024-12-31',
  };
}
