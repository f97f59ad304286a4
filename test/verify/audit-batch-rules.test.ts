/**
 * Issue 10 point 5 (本批次: batch numbers and production dates, set lines) and point 6's last sentence
 * (unknown school level → the stricter rule) through `dsv audit`: one folder of extraction JSON, audited once.
 */
import fs from 'node:fs';
import { codesByLine, runAudit, writeAuditFolder, type AuditJson } from '../helpers/audit-folder';
import type { ContractExtraction, TestReportExtraction } from '../../parsers/types';
import { contract, report, uniformItems } from '../../server/verify/testing/builders';

const SUPPLIER = '测试服饰有限公司';
const BUREAU = '测试区教育局';

type Docs = Record<string, ContractExtraction | TestReportExtraction>;

/** One contract (one line) with a supplier report and a school report; `id` names everything. */
function scenario(
  id: string,
  opts: {
    school?: string;
    product?: string;
    supplierSample?: Partial<TestReportExtraction['sample']>;
    schoolSample?: Partial<TestReportExtraction['sample']>;
    report?: Partial<TestReportExtraction>;
    line?: Record<string, string>;
  } = {},
): Docs {
  const school = opts.school ?? '测试区第一小学';
  const model = `M-${id}`;
  const sample = {
    name: '中小学生校服（夏装）',
    model,
    trademark: null,
    batch: null,
    safetyClass: 'B' as const,
  };
  const line = {
    ...contract().lines[0]!,
    model,
    product: opts.product ?? '夏季校服（短袖POLO衫）',
    ...opts.line,
  };
  return {
    [`c-${id}`]: contract({ contractNumber: `HT-${id}`, purchaser: { name: school }, lines: [line] }),
    [`s-${id}`]: report({
      reportNumber: `S-${id}`,
      client: SUPPLIER,
      ...opts.report,
      sample: { ...sample, ...opts.supplierSample },
    }),
    [`p-${id}`]: report({
      reportNumber: `P-${id}`,
      client: school,
      inspectionType: 'sampling',
      dates: { received: '2024-06-05', tested: '2024-06-10', issued: '2024-06-12' },
      ...opts.report,
      sample: { ...sample, ...opts.schoolSample },
    }),
  };
}

const withoutGb31701: Partial<TestReportExtraction> = {
  standards: ['GB/T 31888-2015', 'GB 18401-2010'],
  items: uniformItems().filter((i) => !/绳带|附件|残留/.test(i.name)),
};

const DOCS: Docs = {
  ...scenario('level-zhongxue', { school: '测试区第二中学', report: withoutGb31701 }),
  ...scenario('level-gaozhong', { school: '测试区第一高级中学', report: withoutGb31701 }),
  ...scenario('batch-codes', { supplierSample: { batch: 'P242566' }, schoolSample: { batch: 'P243029' } }),
  ...scenario('batch-forms', {
    supplierSample: { batch: '2024-03批' },
    schoolSample: { batch: '2024年3月' },
  }),
  ...scenario('batch-kinds', { supplierSample: { batch: '2024-07批' }, schoolSample: { batch: 'P245937' } }),
  ...scenario('batch-line', { supplierSample: { batch: 'P1001' }, line: { batch: 'P1002' } }),
  ...scenario('set-polo', {
    product: '夏季校服（短袖POLO衫+短裤/短裙）',
    supplierSample: { name: '学生夏装（短袖POLO衫）' },
    schoolSample: { name: '学生夏装（短袖POLO衫）' },
  }),
  ...scenario('set-pieces', {
    product: '夏季校服（短袖POLO衫+短裤/短裙）',
    supplierSample: { name: '学生夏装（短袖POLO衫、短裤、短裙）' },
    schoolSample: { name: '学生夏装（短袖POLO衫）' },
  }),
  ...scenario('set-whole', {
    product: '冬装（上衣+裤子）',
    supplierSample: { name: '冬季校服套装' },
    schoolSample: { name: '中小学生校服（冬装）' },
  }),
  // the bureau's report makes the folder's district (its 委托单位 ends with 教育局)
  bureau: report({ reportNumber: 'B-1', client: BUREAU, sample: { ...report().sample, model: 'B-1' } }),
};

const IDS = [
  ...new Set(
    Object.keys(DOCS)
      .filter((k) => k.startsWith('c-'))
      .map((k) => k.slice(2)),
  ),
];

describe('dsv audit: 本批次 and the stricter rule for a school of unknown level', () => {
  let dir: string;
  let result: AuditJson;
  let byLine: Record<string, string[]>;
  beforeAll(async () => {
    dir = writeAuditFolder(
      DOCS,
      IDS.map((id) => ({ contract: `c-${id}`, lines: [{ lineNo: 1, reports: [`s-${id}`, `p-${id}`] }] })),
    );
    result = await runAudit(dir, ['--as-of', '2024-12-31']);
    byLine = codesByLine(result);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const line = (id: string) => result.lines.find((l) => l.contractNumber === `HT-${id}`)!;

  it('When the purchaser is a 第二中学 (level unknown), then GB 31701 and its items are required', () => {
    expect(byLine['HT-level-zhongxue#1']).toEqual(['REQUIRED_ITEM_MISSING', 'REQUIRED_STANDARD_MISSING']);
    expect(
      line('level-zhongxue')
        .findings.map((f) => f.message)
        .join(''),
    ).toContain('GB 31701');
  });

  it('When the supplier report and the school sampling print different batch codes, then PRODUCT_MISMATCH names both', () => {
    expect(byLine['HT-batch-codes#1']).toEqual(['PRODUCT_MISMATCH']);
    const m = line('batch-codes').findings[0]!;
    expect(m.message).toMatch(/P243029.*P242566.*本批次/);
    expect(m.evidence.map((e) => e.file)).toEqual(['docs/p-batch-codes.json', 'docs/s-batch-codes.json']);
  });

  it('When both print the same month in other forms, or one a date and the other a code, then no finding', () => {
    expect(byLine['HT-batch-forms#1']).toEqual([]);
    expect(byLine['HT-batch-kinds#1']).toEqual([]);
  });

  it('When the contract line (extraction JSON) states another batch than the supplier report, then PRODUCT_MISMATCH', () => {
    expect(byLine['HT-batch-line#1']).toEqual(['PRODUCT_MISMATCH']);
    expect(line('batch-line').findings[0]!.message).toMatch(/合同明细.*P1002.*P1001/);
  });

  it('When both reports on a POLO+短裤/短裙 set name only the POLO, then PRODUCT_MISMATCH names the shorts and skirts', () => {
    expect(byLine['HT-set-polo#1']).toEqual(['PRODUCT_MISMATCH']);
    expect(line('set-polo').findings[0]!.message).toContain('短裤、短裙未经检验');
  });

  it('When the reports together name every piece, or test the whole set, then the set line is covered', () => {
    expect(byLine['HT-set-pieces#1']).toEqual([]);
    expect(byLine['HT-set-whole#1']).toEqual([]);
  });

  it('When the purchaser is a 高级中学, then GB 31701 is not required', () => {
    expect(byLine['HT-level-gaozhong#1']).toEqual([]);
  });
});
