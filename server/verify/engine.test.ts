import {
  verifyDistrict,
  prepareDistrict,
  verifyLines,
  assembleResult,
  indexReport,
  linesAffectedByDocument,
} from './engine';
import { BUREAU, contract, district, report, schoolReport, SUPPLIER, uniformItems } from './testing/builders';
import type { VerifyDistrictInput } from './types';

function codesOf(input: VerifyDistrictInput): string[] {
  const line = verifyDistrict(input).lines[0];
  if (!line) throw new Error('no line');
  return line.findings.map((f) => f.code).sort();
}

describe('verification engine: one synthetic line per finding code', () => {
  it('When both sides hand in passing, complete, in-window reports, then the line is compliant', () => {
    const result = verifyDistrict(district([report(), schoolReport()]));
    expect(result.lines[0]?.compliant).toBe(true);
    // Every supplier of centrally purchased goods is on the list (2024 notice), one without problems last,
    // low risk, with no reasons.
    expect(result.samplingList).toHaveLength(1);
    expect(result.samplingList[0]).toMatchObject({ risk: 'low', reasons: [] });
  });

  it('When no report is commissioned by the supplier, then MISSING_SUPPLIER_REPORT', () => {
    expect(codesOf(district([schoolReport()]))).toEqual(['MISSING_SUPPLIER_REPORT']);
  });

  it('When no school-side report exists after delivery + grace, then MISSING_PURCHASER_REPORT', () => {
    expect(codesOf(district([report()]))).toEqual(['MISSING_PURCHASER_REPORT']);
  });

  it('When the delivery was only days ago, then the school report is not yet reported missing', () => {
    expect(codesOf(district([report()], { asOf: '2024-06-10' }))).toEqual([]);
  });

  it('When the bureau commissioned the school-side report, then it counts for the purchaser side', () => {
    expect(codesOf(district([report(), schoolReport({ client: BUREAU })]))).toEqual([]);
  });

  it('When an item is printed 不合格 and the report concludes 不合格, then ITEM_FAILED only', () => {
    const items = uniformItems().map((i) =>
      i.name === 'pH值' ? { ...i, result: '9.1', verdict: 'fail' as const } : i,
    );
    expect(codesOf(district([report(), schoolReport({ items, conclusion: 'fail' })]))).toEqual([
      'ITEM_FAILED',
    ]);
  });

  it('When an item fails but the report concludes 合格, then CONCLUSION_CONTRADICTS_ITEMS too', () => {
    const items = uniformItems().map((i) =>
      i.name === 'pH值' ? { ...i, result: '9.1', verdict: 'fail' as const } : i,
    );
    expect(codesOf(district([report({ items }), schoolReport()]))).toEqual([
      'CONCLUSION_CONTRADICTS_ITEMS',
      'ITEM_FAILED',
    ]);
  });

  it('When 甲醛 120 mg/kg (limit ≤75 for B类) is printed 合格, then the re-judge catches it', () => {
    const items = uniformItems().map((i) => (i.name === '甲醛含量' ? { ...i, result: '120' } : i));
    const line = verifyDistrict(district([report({ items }), schoolReport()])).lines[0]!;
    expect(line.findings.map((f) => f.code).sort()).toEqual(['CONCLUSION_CONTRADICTS_ITEMS', 'ITEM_FAILED']);
    const failed = line.findings.find((f) => f.code === 'ITEM_FAILED')!;
    expect(failed.evidence[0]).toMatchObject({ file: 'r1.json', item: '甲醛含量' });
    expect(failed.message).toContain('≤75');
  });

  it('When the report cites GB 18401-2003 (replaced 2011-08-01), then STANDARD_SUPERSEDED', () => {
    const standards = ['GB/T 31888-2015', 'GB 18401-2003', 'GB 31701-2015'];
    expect(codesOf(district([report({ standards }), schoolReport()]))).toEqual(['STANDARD_SUPERSEDED']);
  });

  it('When a pupil-age uniform report does not cite GB 31701, then REQUIRED_STANDARD_MISSING', () => {
    const standards = ['GB/T 31888-2015', 'GB 18401-2010'];
    expect(codesOf(district([report(), schoolReport({ standards })]))).toEqual(['REQUIRED_STANDARD_MISSING']);
  });

  it('When 燃烧性能 is not in the item table, then REQUIRED_ITEM_MISSING', () => {
    const items = uniformItems().filter((i) => i.name !== '燃烧性能');
    expect(codesOf(district([report({ items }), schoolReport()]))).toEqual(['REQUIRED_ITEM_MISSING']);
  });

  it('When the supplier report is older than 12 months before signing, then REPORT_OUT_OF_DATE_WINDOW', () => {
    const dates = { received: '2023-01-01', tested: '2023-01-05', issued: '2023-01-06' };
    expect(codesOf(district([report({ dates }), schoolReport()]))).toEqual(['REPORT_OUT_OF_DATE_WINDOW']);
  });

  it('When the school sample was received before delivery, then REPORT_OUT_OF_DATE_WINDOW', () => {
    const dates = { received: '2024-05-20', tested: '2024-06-02', issued: '2024-06-03' };
    expect(codesOf(district([report(), schoolReport({ dates })]))).toEqual(['REPORT_OUT_OF_DATE_WINDOW']);
  });

  it('When the sample model differs from the contract line, then PRODUCT_MISMATCH', () => {
    const sample = { ...report().sample, model: 'TS-999' };
    expect(codesOf(district([report({ sample }), schoolReport()]))).toEqual(['PRODUCT_MISMATCH']);
  });

  it('When a third party commissioned the supplier-side report, then CLIENT_MISMATCH and the side is missing', () => {
    expect(codesOf(district([report({ client: '某某被服厂' }), schoolReport()]))).toEqual([
      'CLIENT_MISMATCH',
      'MISSING_SUPPLIER_REPORT',
    ]);
  });

  it('When the report number appears on another supplier’s report, then DUPLICATE_REPORT_NUMBER', () => {
    const other = report({
      client: '别家服装有限公司',
      manufacturer: '别家服装有限公司',
      sample: { ...report().sample, model: 'BJ-1' },
    });
    expect(codesOf(district([report(), schoolReport()], { extraReports: [other] }))).toEqual([
      'DUPLICATE_REPORT_NUMBER',
    ]);
  });

  it('When the same report is handed in twice (a copy), then no duplicate is reported', () => {
    expect(codesOf(district([report(), schoolReport()], { extraReports: [report()] }))).toEqual([]);
  });

  it('When the supplier USCC fails the GB 32100 check character, then INVALID_USCC', () => {
    const c = contract({ supplier: { name: SUPPLIER, uscc: '91110108MA01ABC17M' } });
    expect(codesOf(district([report(), schoolReport()], { contract: c }))).toEqual(['INVALID_USCC']);
  });

  it('When the report shows no CMA number, then NO_CMA', () => {
    const lab = { name: '某检测服务部', cmaNumber: null, cnasNumber: null };
    expect(codesOf(district([report({ lab }), schoolReport()]))).toEqual(['NO_CMA']);
  });
});

describe('sampling list', () => {
  it('When a supplier has findings, then it is listed with reasons by weight and the school', () => {
    const items = uniformItems().map((i) =>
      i.name === 'pH值' ? { ...i, result: '9.1', verdict: 'fail' as const } : i,
    );
    const { samplingList } = verifyDistrict(
      district([report({ items, lab: { name: 'x', cmaNumber: null, cnasNumber: null } })]),
    );
    expect(samplingList).toHaveLength(1);
    expect(samplingList[0]).toMatchObject({
      rank: 1,
      supplier: SUPPLIER,
      risk: 'high',
      reasons: ['ITEM_FAILED', 'CONCLUSION_CONTRADICTS_ITEMS', 'NO_CMA', 'MISSING_PURCHASER_REPORT'],
      schools: ['测试区第一小学'],
      contracts: ['HT-2024-001'],
    });
    expect(samplingList[0]?.supervision.企业名称).toBe(SUPPLIER);
  });
});

describe('incremental recompute', () => {
  it('When one report changes, then only the lines using it (or its number) are recomputed and agree with a full run', () => {
    const input = district([report(), schoolReport()]);
    const prepared = prepareDistrict(input);
    const before = verifyLines(prepared);
    const changed = {
      ...input.reports[0]!,
      extraction: report({ lab: { name: 'x', cmaNumber: null, cnasNumber: null } }),
    };
    indexReport(prepared.ctx.index, changed);
    const affected = linesAffectedByDocument(prepared.ctx.index, changed.id);
    expect([...affected]).toEqual(['L1']);
    const merged = new Map([...before, ...verifyLines(prepared, affected)]);
    const incremental = assembleResult(prepared, merged);
    const full = verifyDistrict({ ...input, reports: [changed, input.reports[1]!] });
    expect(incremental.lines).toEqual(full.lines);
    expect(incremental.samplingList).toEqual(full.samplingList);
  });
});

describe('supplier identity in the sampling list', () => {
  it('When two contracts name the supplier differently but carry the same valid USCC, then it is listed once', () => {
    const input = district([report()]);
    const first = input.contracts[0]!;
    const renamed = contract({
      contractNumber: 'HT-2024-002',
      supplier: { name: '测试服饰（集团）有限公司', uscc: first.extraction.supplier.uscc },
    });
    input.contracts.push({
      id: 'c2',
      file: 'c2.json',
      extraction: renamed,
      lines: [{ id: 'L9', lineNo: 1, line: renamed.lines[0]!, reportIds: [] }],
    });
    const { samplingList } = verifyDistrict(input);
    expect(samplingList).toHaveLength(1);
    expect(samplingList[0]?.contracts).toEqual(['HT-2024-001', 'HT-2024-002']);
  });
});
