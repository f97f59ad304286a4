/**
 * Issue 10 points 2–4 through `dsv audit`: one small folder of extraction JSON files (each contract a
 * scenario written from a standard's text) and submissions.json, audited once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runAudit, type AuditJson } from '../helpers/audit-folder';
import type { ContractExtraction, ReportItem, TestReportExtraction } from '../../parsers/types';
import { contract, report, uniformItems } from '../../server/verify/testing/builders';

const SUPPLIER = '测试服饰有限公司';
const set = (items: ReportItem[], name: string, patch: Partial<ReportItem>) =>
  items.map((i) => (i.name === name ? { ...i, ...patch } : i));
const dates = (tested: string) => ({ received: tested, tested, issued: tested });

interface Scenario {
  id: string;
  contract: ContractExtraction;
  reports: TestReportExtraction[];
  acceptedDate?: string;
}

function uniformScenario(
  id: string,
  school: string,
  items: ReportItem[],
  safetyClass: 'A' | 'B' | 'C',
): Scenario {
  const sample = {
    name: '中小学生校服（夏装）',
    model: `M-${id}`,
    trademark: null,
    batch: null,
    safetyClass,
  };
  const line = { ...contract().lines[0]!, model: `M-${id}` };
  return {
    id,
    contract: contract({ contractNumber: `HT-${id}`, purchaser: { name: school }, lines: [line] }),
    reports: [
      report({ reportNumber: `S-${id}`, sample, items }),
      report({
        reportNumber: `P-${id}`,
        sample,
        items,
        client: school,
        inspectionType: 'sampling',
        dates: { received: '2024-06-05', tested: '2024-06-10', issued: '2024-06-12' },
      }),
    ],
  };
}

const phthalate = (sub: string, result: string): ReportItem => ({
  name: `邻苯二甲酸酯 ${sub}`,
  unit: '%',
  requirement: '≤0.1',
  result,
  verdict: 'pass',
});

const toyItems = (extra: ReportItem[]): ReportItem[] => [
  { name: '标识和使用说明', unit: null, requirement: '符合', result: '符合', verdict: 'pass' },
  { name: '小零件', unit: null, requirement: '/', result: '不适用', verdict: 'n/a' },
  { name: '锐利边缘', unit: null, requirement: '符合', result: '符合', verdict: 'pass' },
  { name: '锐利尖端', unit: null, requirement: '符合', result: '符合', verdict: 'pass' },
  { name: '易燃性能', unit: null, requirement: '符合', result: '符合', verdict: 'pass' },
  { name: '可迁移元素 铅(Pb)', unit: 'mg/kg', requirement: '≤90', result: '未检出', verdict: 'pass' },
  ...(extra.length > 0 ? extra : [phthalate('DBP+BBP+DEHP', '未检出')]),
];
const TOY_2014 = ['GB 6675.1-2014', 'GB 6675.2-2014', 'GB 6675.3-2014', 'GB 6675.4-2014'];

function toyScenario(
  id: string,
  delivery: string,
  tested: string,
  extra: ReportItem[],
  schoolTested: string | null,
): Scenario {
  const school = `测试区${id}幼儿园`;
  const sample = { name: '塑料拼插积木', model: `T-${id}`, trademark: null, batch: null, safetyClass: null };
  const line = {
    product: '塑料拼插积木',
    category: 'plastic_toy' as const,
    model: `T-${id}`,
    quantity: 10,
    unit: '箱',
    unitPrice: 100,
    amount: 1000,
  };
  const base = {
    sample,
    standards: TOY_2014,
    items: toyItems(extra),
    cccNumber: id === 'no-ccc' ? null : '2021012201000123',
  };
  return {
    id,
    contract: contract({
      contractNumber: `HT-${id}`,
      purchaser: { name: school },
      signedDate: '2026-06-01',
      deliveryDate: delivery,
      lines: [line],
    }),
    reports: [
      report({ ...base, reportNumber: `S-${id}`, dates: dates(tested) }),
      ...(schoolTested
        ? [
            report({
              ...base,
              reportNumber: `P-${id}`,
              client: school,
              inspectionType: 'sampling',
              dates: dates(schoolTested),
            }),
          ]
        : []),
    ],
  };
}

const scenarios: Scenario[] = [
  // GB/T 31888 4.2: a uniform is judged at B类 whatever its label prints.
  uniformScenario('c-class', '测试区第一小学', set(uniformItems(), '甲醛含量', { result: '150' }), 'C'),
  // GB/T 31888 表1: 耐湿摩擦色牢度 is a uniform item.
  uniformScenario(
    'no-wet',
    '测试区第二小学',
    uniformItems().filter((i) => i.name !== '耐湿摩擦色牢度'),
    'B',
  ),
  // GB 31701 4.4: 附件抗拉强力 is for infant products only — a uniform without it is complete.
  uniformScenario('complete', '测试区第三小学', uniformItems(), 'B'),
  // GB 6675.1 附录C: DBP+BBP+DEHP ≤ 0.1 % as a sum.
  toyScenario(
    'sum',
    '2026-06-20',
    '2026-05-01',
    [phthalate('DBP', '0.06'), phthalate('DEHP', '0.05')],
    '2026-06-25',
  ),
  // GB 6675-2025: delivered from 2027-11-01 on 2014-edition reports only.
  toyScenario('late', '2027-11-01', '2026-09-01', [], null),
  // Delivered in the stock-sale transition, production date unknown → review, no finding.
  toyScenario('between', '2027-03-01', '2026-09-01', [], null),
  // Toys are in the CCC catalogue: no 3C certificate number on the reports or the contract → NO_CCC.
  toyScenario('no-ccc', '2026-06-20', '2026-05-01', [], '2026-06-25'),
];

// GB 31701 4.1: a 托班 garment must meet A类 (甲醛 ≤20) although its report prints B类.
{
  const school = '测试区阳光幼儿园';
  const items = set(uniformItems(), '甲醛含量', { result: '45' });
  const sample = { name: '托班园服', model: 'K-1', trademark: null, batch: null, safetyClass: 'B' as const };
  const line = {
    product: '托班园服（夏装）',
    category: 'kindergarten_garment' as const,
    model: 'K-1',
    quantity: 10,
    unit: '套',
    unitPrice: 80,
    amount: 800,
  };
  const standards = ['GB 18401-2010', 'GB 31701-2015', 'FZ/T 73025-2013'];
  scenarios.push({
    id: 'infant',
    contract: contract({ contractNumber: 'HT-infant', purchaser: { name: school }, lines: [line] }),
    reports: [
      report({ reportNumber: 'S-infant', sample, items, standards }),
      report({
        reportNumber: 'P-infant',
        sample,
        items,
        standards,
        client: school,
        inspectionType: 'sampling',
        dates: { received: '2024-06-05', tested: '2024-06-10', issued: '2024-06-12' },
      }),
    ],
  });
}

function buildFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsv-audit-rules-'));
  const submissions = scenarios.map((s) => {
    const file = (name: string, doc: unknown) => {
      fs.writeFileSync(path.join(dir, name), JSON.stringify(doc));
      return name;
    };
    return {
      contract: file(`${s.id}-contract.json`, s.contract),
      lines: [
        {
          lineNo: 1,
          reports: s.reports.map((r, i) =>
            file(`${s.id}-report-${i + 1}.json`, { ...r, client: r.client ?? SUPPLIER }),
          ),
        },
      ],
    };
  });
  fs.writeFileSync(path.join(dir, 'submissions.json'), JSON.stringify({ submissions }));
  return dir;
}

describe('dsv audit: rules from the standards (issue 10 points 2–4)', () => {
  let result: AuditJson;
  let dir: string;
  beforeAll(async () => {
    dir = buildFolder();
    result = await runAudit(dir, ['--as-of', '2027-12-01']);
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const lineOf = (id: string) => result.lines.find((l) => l.contractNumber === `HT-${id}`)!;
  const codes = (id: string) =>
    lineOf(id)
      .findings.map((f) => f.code)
      .sort();
  const message = (id: string, code: string) =>
    lineOf(id).findings.find((f) => f.code === code)?.message ?? '';

  it('When a uniform report labelled C类 shows 甲醛 150 mg/kg, then ITEM_FAILED with the B类 and C类 limits', () => {
    expect(codes('c-class')).toEqual(['CONCLUSION_CONTRADICTS_ITEMS', 'ITEM_FAILED']);
    expect(message('c-class', 'ITEM_FAILED')).toMatch(/≤75[\s\S]*C类[\s\S]*≤300/);
  });

  it('When a 托班 garment labelled B类 shows 甲醛 45 mg/kg, then ITEM_FAILED at A类 (≤20)', () => {
    expect(codes('infant')).toContain('ITEM_FAILED');
    expect(message('infant', 'ITEM_FAILED')).toContain('≤20');
  });

  it('When a uniform report lacks 耐湿摩擦色牢度, then REQUIRED_ITEM_MISSING; without 附件抗拉强力 it is compliant', () => {
    expect(codes('no-wet')).toEqual(['REQUIRED_ITEM_MISSING']);
    expect(message('no-wet', 'REQUIRED_ITEM_MISSING')).toContain('耐湿摩擦色牢度');
    expect(lineOf('complete').compliant).toBe(true);
  });

  it('When DBP 0.06 % and DEHP 0.05 % are printed separately, then ITEM_FAILED on their sum', () => {
    expect(codes('sum')).toContain('ITEM_FAILED');
    expect(message('sum', 'ITEM_FAILED')).toContain('合计0.11');
  });

  it('When toys are delivered on 2027-11-01 on 2014-edition reports only, then STANDARD_SUPERSEDED; in the transition without a production date, a review note', () => {
    // no school-side report in these two scenarios (a school report tested from 2026-11-01 on must cite the 2025 editions)
    expect(codes('late')).toEqual(['MISSING_PURCHASER_REPORT', 'STANDARD_SUPERSEDED']);
    expect(codes('between')).toEqual(['MISSING_PURCHASER_REPORT']);
  });

  it('When no toy report or contract line shows a 3C certificate number, then NO_CCC; one shown on a report is enough', () => {
    expect(codes('no-ccc')).toEqual(['NO_CCC']);
    expect(message('no-ccc', 'NO_CCC')).toContain('3C');
    expect(codes('sum')).not.toContain('NO_CCC');
    expect((lineOf('between') as { review?: string[] }).review?.[0]).toContain('生产日期');
  });
});
