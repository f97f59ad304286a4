/**
 * Matching that cannot be borrowed (issue 10 point 6): another registered party's report, near-miss
 * names awaiting a person's confirmation, THE supplier identity rule, product category words, the
 * CMA certificate format, duplicates keyed by (lab, number).
 */
import { verifyDistrict } from './engine';
import { cmaProblem } from './report-checks';
import { contract, district, report, schoolReport, SUPPLIER, SUPPLIER_USCC } from './testing/builders';
import { SupplierKeys, sameSupplier } from '../../parsers/party-identity';
import type { LineResult, VerifyDistrictInput } from './types';

const YANGGUANG = '安澜市枫林区阳光幼儿园';
const YUYING = '安澜市枫林区育英幼儿园';

function lineOf(input: VerifyDistrictInput): LineResult {
  const line = verifyDistrict(input).lines[0];
  if (!line) throw new Error('no line');
  return line;
}
const codes = (l: LineResult) => l.findings.map((f) => f.code).sort();

/** The district builder with the purchaser and the registered schools replaced. */
function kindergartens(clientOfSchoolReport: string, opts: { confirmed?: string } = {}): VerifyDistrictInput {
  const input = district([report(), schoolReport({ client: clientOfSchoolReport })], {
    contract: contract({ purchaser: { name: YANGGUANG } }),
  });
  input.schools = [
    { name: YANGGUANG, kind: 'kindergarten' },
    { name: YUYING, kind: 'kindergarten' },
  ];
  if (opts.confirmed) input.contracts[0]!.lines[0]!.confirmedClients = { r2: opts.confirmed };
  return input;
}

describe('a 委托单位 that is another registered school or authority is that party', () => {
  it('When a kindergarten hands in another registered kindergarten’s report, then CLIENT_MISMATCH naming it', () => {
    const line = lineOf(kindergartens(YUYING));
    expect(codes(line)).toEqual(['CLIENT_MISMATCH', 'MISSING_PURCHASER_REPORT']);
    const f = line.findings.find((x) => x.code === 'CLIENT_MISMATCH')!;
    expect(f.message).toContain(`另一登记单位“${YUYING}”`);
    expect(f.evidence[0]?.confirmClient).toBeUndefined();
    expect(line.reports.find((r) => r.documentId === 'r2')?.side).toBe('other');
  });

  it('When the name is one character off the other kindergarten (nearer to it than to ours), then it is still that party', () => {
    const line = lineOf(kindergartens('安澜市枫林区育荚幼儿园'));
    expect(codes(line)).toEqual(['CLIENT_MISMATCH', 'MISSING_PURCHASER_REPORT']);
    expect(line.findings[0]?.message).toContain(YUYING);
  });

  it('When a confirmation exists for another registered party’s name, then it does not make the report ours', () => {
    const line = lineOf(kindergartens(YUYING, { confirmed: YUYING }));
    expect(codes(line)).toEqual(['CLIENT_MISMATCH', 'MISSING_PURCHASER_REPORT']);
  });

  it('When another district’s bureau commissioned the school-side report, then CLIENT_MISMATCH', () => {
    const input = district([report(), schoolReport({ client: '测试市邻区教育局' })]);
    input.otherParties = [{ name: '测试市邻区教育局', role: 'bureau' }];
    const line = lineOf(input);
    expect(codes(line)).toEqual(['CLIENT_MISMATCH', 'MISSING_PURCHASER_REPORT']);
    expect(line.findings[0]?.message).toContain('另一登记单位“测试市邻区教育局”');
  });
});

describe('near-miss names never count silently', () => {
  const misread = '安澜市枫林区阳先幼儿园';

  it('When the school name is one character off (an OCR misreading), then CLIENT_MISMATCH offers a confirmation', () => {
    const input = kindergartens(misread);
    input.schools = [{ name: YANGGUANG, kind: 'kindergarten' }];
    const line = lineOf(input);
    expect(codes(line)).toEqual(['CLIENT_MISMATCH', 'MISSING_PURCHASER_REPORT']);
    const f = line.findings.find((x) => x.code === 'CLIENT_MISMATCH')!;
    expect(f.message).toContain('相近但不一致');
    expect(f.evidence[0]).toMatchObject({
      documentId: 'r2',
      confirmClient: { client: misread, party: YANGGUANG, role: '采购学校' },
    });
  });

  it('When a person confirmed exactly that printed name, then the report counts for the school and the line is compliant', () => {
    const input = kindergartens(misread, { confirmed: misread });
    input.schools = [{ name: YANGGUANG, kind: 'kindergarten' }];
    const line = lineOf(input);
    expect(codes(line)).toEqual([]);
    expect(line.reports.find((r) => r.documentId === 'r2')).toMatchObject({
      side: 'purchaser',
      sideReason: expect.stringContaining('已人工确认'),
    });
  });

  it('When the report’s 委托单位 changed after the confirmation, then the confirmation no longer holds', () => {
    const input = kindergartens('安澜市枫林区阳兴幼儿园', { confirmed: misread });
    input.schools = [{ name: YANGGUANG, kind: 'kindergarten' }];
    expect(codes(lineOf(input))).toEqual(['CLIENT_MISMATCH', 'MISSING_PURCHASER_REPORT']);
  });
});

describe('THE supplier identity rule: USCC, exact normalised name or registered alias', () => {
  it('When the supplier’s name on the report is one character off, then it is not the supplier', () => {
    const line = lineOf(district([report({ client: '测试服饰有限公可' }), schoolReport()]));
    expect(codes(line)).toEqual(['CLIENT_MISMATCH', 'MISSING_SUPPLIER_REPORT']);
  });

  it('When the report leaves out the legal form, then it awaits a person’s confirmation', () => {
    const line = lineOf(district([report({ client: '测试服饰' }), schoolReport()]));
    expect(codes(line)).toEqual(['CLIENT_MISMATCH', 'MISSING_SUPPLIER_REPORT']);
    expect(line.findings[0]?.evidence[0]?.confirmClient?.role).toBe('供应商');
  });

  it('When the name differs only in spacing, width or bracket style, or is a registered alias, then it is the supplier', () => {
    expect(codes(lineOf(district([report({ client: ' 测试服饰 有限公司' }), schoolReport()])))).toEqual([]);
    const input = district([report({ client: '测试服饰（集团）' }), schoolReport()]);
    input.contracts[0]!.supplierAliases = ['测试服饰(集团)'];
    expect(codes(lineOf(input))).toEqual([]);
  });

  it('sameSupplier: valid USCC decides; otherwise normalised name or alias; one character off is another enterprise', () => {
    expect(sameSupplier({ name: 'A公司', uscc: SUPPLIER_USCC }, { name: 'B公司', uscc: SUPPLIER_USCC })).toBe(
      'uscc',
    );
    expect(
      sameSupplier({ name: SUPPLIER, uscc: SUPPLIER_USCC }, { name: SUPPLIER, uscc: '91110108123456788E' }),
    ).toBe(null);
    expect(sameSupplier({ name: '测试服饰（集团）有限公司' }, { name: '测试服饰(集团)有限公司' })).toBe(
      'name',
    );
    expect(sameSupplier({ name: '测试制衣厂' }, { name: SUPPLIER, aliases: ['测试制衣厂'] })).toBe('alias');
    expect(sameSupplier({ name: '测试服饰有限公可' }, { name: SUPPLIER })).toBe(null);
    expect(sameSupplier({ name: '测试服饰' }, { name: SUPPLIER })).toBe(null);
    // an invalid code does not key: the name decides
    expect(sameSupplier({ name: SUPPLIER, uscc: '91110108MA01ABC17M' }, { name: SUPPLIER })).toBe('name');
  });

  it('SupplierKeys groups by code, then name, in first-appearance order', () => {
    const keys = new SupplierKeys();
    const a = keys.keyOf({ name: SUPPLIER, uscc: SUPPLIER_USCC });
    expect(keys.keyOf({ name: '测试服饰（集团）有限公司', uscc: SUPPLIER_USCC })).toBe(a);
    expect(keys.keyOf({ name: ` ${SUPPLIER}`, uscc: null })).toBe(a);
    expect(keys.keyOf({ name: '测试服饰', uscc: null })).not.toBe(a);
  });
});

describe('product category words', () => {
  it('When a 中小学生校服 report is handed in for a 园服 line, then PRODUCT_MISMATCH naming both categories', () => {
    const c = contract({
      lines: [{ ...contract().lines[0]!, product: '幼儿园园服（夏装）', category: 'kindergarten_garment' }],
    });
    const line = lineOf(district([report(), schoolReport()], { contract: c }));
    const f = line.findings.find((x) => x.code === 'PRODUCT_MISMATCH');
    expect(f?.message).toContain('中小学生校服');
    expect(f?.message).toContain('幼儿园园服');
  });

  it('When a 被褥 report is handed in for a uniform line, then PRODUCT_MISMATCH', () => {
    const sample = { ...report().sample, name: '学生被褥' };
    const line = lineOf(district([report({ sample }), schoolReport()]));
    expect(codes(line)).toContain('PRODUCT_MISMATCH');
  });
});

describe('CMA certificate number: 12 digits', () => {
  it('cmaProblem accepts 12 digits (with a CMA prefix or spaces) and names what is wrong otherwise', () => {
    expect(cmaProblem('190022340213')).toBeNull();
    expect(cmaProblem('CMA 1900 2234 0213')).toBeNull();
    expect(cmaProblem('１９００２２３４０２１３')).toBeNull();
    expect(cmaProblem(null)).toContain('未显示');
    expect(cmaProblem('19002234021')).toContain('11位');
    expect(cmaProblem('1900223402I3')).toContain('数字以外');
  });

  it('When the CMA number is malformed, then NO_CMA with the reason', () => {
    const lab = { name: '测试检验所', cmaNumber: '19002234021', cnasNumber: null };
    const line = lineOf(district([report({ lab }), schoolReport()]));
    expect(codes(line)).toEqual(['NO_CMA']);
    expect(line.findings[0]?.message).toContain('11位数字');
  });
});

describe('duplicate report numbers are keyed by (lab, number)', () => {
  const otherSupplier = {
    client: '别家服装有限公司',
    manufacturer: '别家服装有限公司',
    sample: { ...report().sample, model: 'BJ-1' },
  };

  it('When another lab issued the same number for another supplier, then it is not a duplicate', () => {
    const other = report({
      ...otherSupplier,
      lab: { name: '别的检测中心', cmaNumber: '201919041827', cnasNumber: null },
    });
    expect(codes(lineOf(district([report(), schoolReport()], { extraReports: [other] })))).toEqual([]);
  });

  it('When the same lab issued the number to another supplier, then DUPLICATE_REPORT_NUMBER naming the lab', () => {
    const line = lineOf(district([report(), schoolReport()], { extraReports: [report(otherSupplier)] }));
    expect(codes(line)).toEqual(['DUPLICATE_REPORT_NUMBER']);
    expect(line.findings[0]?.message).toContain('测试检验所的报告编号R-0001');
  });
});

describe('acceptance date (验收/到货日期): the school-side window counts from it', () => {
  it('When the goods were accepted after the contract delivery date, then a school report sampled in between is before arrival', () => {
    const dates = { received: '2024-06-05', tested: '2024-06-10', issued: '2024-06-12' };
    const input = district([report(), schoolReport({ dates })]);
    expect(codes(lineOf(input))).toEqual([]);
    input.contracts[0]!.lines[0]!.acceptedDate = '2024-06-20';
    const line = lineOf(input);
    expect(codes(line)).toEqual(['REPORT_OUT_OF_DATE_WINDOW']);
    expect(line.findings[0]?.message).toContain('早于验收日期2024-06-20');
  });

  it('When the goods were accepted late, then the school report is not yet due', () => {
    const input = district([report()], { asOf: '2024-07-10' });
    expect(codes(lineOf(input))).toEqual(['MISSING_PURCHASER_REPORT']);
    input.contracts[0]!.lines[0]!.acceptedDate = '2024-07-01';
    expect(codes(lineOf(input))).toEqual([]);
  });
});
