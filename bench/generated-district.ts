/**
 * The generated benchmark district shared by the engine benchmark (bench/verify.bench.ts) and the
 * service benchmark (bench/service.bench.ts). Deterministic (seeded), with planted findings.
 */
import type { ContractExtraction, ReportItem, TestReportExtraction } from '../parsers/types';
import { resolvePolicy } from '../server/verify/policy';
import { registryForDate } from '../server/verify/registry/registry';
import { usccCheckChar } from '../parsers/uscc';
import { item as pass } from '../server/verify/testing/builders';
import type { EngineContract, EngineReport, EngineSchool, VerifyDistrictInput } from '../server/verify/types';

export const SCHOOLS = 300;
export const SUPPLIERS = 60;
export const LINES = 3000;
const LINES_PER_CONTRACT = 5;
export const REPORTS_PER_LINE = 4;
export const BUREAU = '基准市基准区教育局';

/** Deterministic pseudo-random numbers (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function items(random: () => number): ReportItem[] {
  const hcho = random() < 0.02 ? '120' : '未检出(<20)'; // 2 % fail the limit while printed 合格
  return [
    pass('纤维含量', '棉 60% 聚酯纤维 40%', '棉 60.1 聚酯纤维 39.9', '%'),
    pass('甲醛含量', '≤75', hcho, 'mg/kg'),
    pass('pH值', '4.0～8.5', (5 + random() * 3).toFixed(1)),
    pass('可分解致癌芳香胺染料', '禁用', '未检出', 'mg/kg'),
    pass('异味', '无', '无'),
    pass('耐水色牢度 变色', '≥3-4', '4-5', '级'),
    pass('耐汗渍色牢度 沾色', '≥3-4', '4', '级'),
    pass('耐干摩擦色牢度', '≥3-4', '4', '级'),
    pass('耐湿摩擦色牢度', '≥2-3', '3', '级'),
    pass('附件锐利性', '无锐利尖端和锐利边缘', '无'),
    ...(random() < 0.03 ? [] : [pass('燃烧性能', '1级', '1级', '级')]),
    { ...pass('绳带要求', '符合GB 31701-2015中5.2要求', '无绳带'), verdict: 'n/a' },
    pass('附件抗拉强力', '≥70', '≥70，未脱落', 'N'),
  ];
}

/** The benchmark district: 300 schools, 60 suppliers, 3,000 lines (5 per contract), 12,000 reports. */
export function generate(): VerifyDistrictInput {
  const random = rng(42);
  const schools: EngineSchool[] = Array.from({ length: SCHOOLS }, (_, i) => ({
    name: `基准区第${i + 1}${i % 3 === 0 ? '初级中学' : '小学'}`,
    kind: i % 3 === 0 ? 'junior' : 'primary',
  }));
  const suppliers = Array.from({ length: SUPPLIERS }, (_, i) => {
    const first17 = `91110108MA${String(i).padStart(7, '0')}`;
    const check = usccCheckChar(first17) ?? '0';
    // every 17th supplier prints a wrong check character (INVALID_USCC)
    return {
      name: `基准${i + 1}号服饰有限公司`,
      uscc: `${first17}${i % 17 === 0 ? (check === '0' ? '1' : '0') : check}`,
    };
  });
  const contracts: EngineContract[] = [];
  const reports: EngineReport[] = [];
  let reportNo = 0;
  const makeReport = (client: string, maker: string, model: string, issued: string): EngineReport => {
    reportNo++;
    const number = random() < 0.005 ? 'DUP-0001' : `BR${String(reportNo).padStart(6, '0')}`;
    const extraction: TestReportExtraction = {
      kind: 'test_report',
      reportNumber: number,
      lab: { name: '基准检验院', cmaNumber: random() < 0.01 ? null : '170022342981', cnasNumber: null },
      sample: { name: '中小学生校服', model, trademark: '基准', batch: null, safetyClass: 'B' },
      client,
      manufacturer: maker,
      inspectionType: 'commissioned',
      dates: { received: issued, tested: issued, issued },
      standards: ['GB/T 31888-2015', 'GB 18401-2010', 'GB 31701-2015'],
      items: items(random),
      conclusion: 'pass',
      pages: 2,
    };
    const r = { id: `doc-${reportNo}`, file: `docs/doc-${reportNo}.pdf`, extraction };
    reports.push(r);
    return r;
  };
  for (let c = 0; c < LINES / LINES_PER_CONTRACT; c++) {
    const school = schools[c % SCHOOLS]!;
    const supplier = suppliers[Math.floor(random() * SUPPLIERS)]!;
    const extraction: ContractExtraction = {
      kind: 'contract',
      contractNumber: `BJ2024-${String(c + 1).padStart(4, '0')}`,
      purchaser: { name: school.name },
      supplier: { name: supplier.name, uscc: supplier.uscc },
      signedDate: '2024-04-01',
      deliveryDate: '2024-06-01',
      lines: [],
      totalAmount: null,
      standards: ['GB/T 31888-2015'],
    };
    const contract: EngineContract = {
      id: `contract-${c}`,
      file: `docs/contract-${c}.pdf`,
      extraction,
      lines: [],
    };
    for (let l = 0; l < LINES_PER_CONTRACT; l++) {
      const model = `M${c}-${l}`;
      const line = {
        product: '夏季校服',
        category: 'school_uniform' as const,
        model,
        quantity: 100,
        unit: '套',
        unitPrice: 100,
        amount: 10000,
      };
      extraction.lines.push(line);
      const ids = [
        makeReport(supplier.name, supplier.name, model, '2024-03-01').id,
        makeReport(supplier.name, supplier.name, model, '2024-05-01').id,
        makeReport(random() < 0.02 ? '某代工厂' : school.name, supplier.name, model, '2024-06-15').id,
        makeReport(BUREAU, supplier.name, model, '2024-07-01').id,
      ].slice(0, REPORTS_PER_LINE);
      contract.lines.push({ id: `line-${c}-${l}`, lineNo: l + 1, line, reportIds: ids });
    }
    contracts.push(contract);
  }
  const registry = registryForDate('2026-11-28');
  return {
    district: { name: '基准区', bureauName: BUREAU },
    schools,
    contracts,
    reports,
    registry,
    policy: resolvePolicy({}, registry),
    asOf: '2026-11-28',
  };
}
