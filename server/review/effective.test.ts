import type { ContractExtraction, TestReportExtraction } from '../../parsers/types';
import { applyCorrections, computeReviewFields, pathsOverlap } from './effective';
import { fieldSchema, setPath } from './field-paths';

const report = (): TestReportExtraction => ({
  kind: 'test_report',
  reportNumber: 'R-1',
  lab: { name: '检测所', cmaNumber: null, cnasNumber: null },
  sample: { name: '校服', model: 'A1', trademark: null, batch: null, safetyClass: 'B' },
  client: '学校',
  manufacturer: null,
  inspectionType: 'commissioned',
  dates: { received: null, tested: null, issued: '2024-05-01' },
  standards: ['GB/T 31888-2015'],
  items: [
    { name: '甲醛含量', unit: 'mg/kg', requirement: '≤75', result: '16', verdict: 'pass' },
    { name: 'pH值', unit: null, requirement: '4.0~8.5', result: '6.1', verdict: 'pass' },
  ],
  conclusion: 'pass',
  pages: 1,
  fields: { 'sample.model': { confidence: 0.5, page: 1, box: null } },
});

describe('effective extraction and review fields', () => {
  test('corrections are applied in order on a copy; the extraction is untouched', () => {
    const e = report();
    const eff = applyCorrections(e, [
      { path: 'sample.model', after: 'A2' },
      { path: 'sample.model', after: 'A3' },
      { path: 'items.1', after: null },
    ]) as TestReportExtraction;
    expect(eff.sample.model).toBe('A3');
    expect(eff.items).toHaveLength(1);
    expect(e.sample.model).toBe('A1');
    expect(e.items).toHaveLength(2);
  });

  test('a low-confidence field is flagged until a person corrects it; a missing required field stays flagged', () => {
    const e = report();
    e.reportNumber = null;
    expect(
      computeReviewFields(e, [])
        .map((f) => f.path)
        .sort(),
    ).toEqual(['reportNumber', 'sample.model']);
    const after = computeReviewFields(applyCorrections(e, [{ path: 'sample.model', after: 'A1' }]), [
      'sample.model',
    ]);
    expect(after.map((f) => f.path)).toEqual(['reportNumber']);
    expect(after[0]!.message).toMatch(/报告编号/);
  });

  test('a declared kind that differs from the detected one is reported', () => {
    expect(computeReviewFields(report(), [], { declaredKind: 'contract' }).map((f) => f.reason)).toContain(
      'kind_mismatch',
    );
  });

  test('paths overlap with their ancestors only', () => {
    expect(pathsOverlap('items', 'items.3.result')).toBe(true);
    expect(pathsOverlap('items.3', 'items.30')).toBe(false);
  });
});

describe('field schemas and paths', () => {
  test('dates must be real calendar days; enums and numbers are checked; unknown paths are not editable', () => {
    expect(fieldSchema('test_report', 'dates.issued')!.safeParse('2024-02-30').success).toBe(false);
    expect(fieldSchema('test_report', 'dates.issued')!.safeParse('2024-02-29').success).toBe(true);
    expect(fieldSchema('test_report', 'items.3.verdict')!.safeParse('maybe').success).toBe(false);
    expect(fieldSchema('contract', 'lines.0.quantity')!.safeParse(-1).success).toBe(false);
    expect(fieldSchema('contract', 'supplier.uscc')!.safeParse('91500117221931482t').data).toBe(
      '91500117221931482T',
    );
    expect(fieldSchema('test_report', 'lines.0.product')).toBeUndefined();
    expect(fieldSchema('test_report', '__proto__.x')).toBeUndefined();
    expect(fieldSchema('test_report', 'items.0.constructor')).toBeUndefined();
  });

  test('blank text becomes null; a row can be appended at the end but not beyond it', () => {
    expect(fieldSchema('test_report', 'client')!.safeParse('   ').data).toBeNull();
    const e = report() as unknown as Record<string, unknown>;
    setPath(e, 'items.2', {
      name: '纤维含量',
      unit: null,
      requirement: null,
      result: '100%',
      verdict: 'pass',
    });
    expect((e.items as unknown[]).length).toBe(3);
    expect(() => setPath(e, 'items.9.result', 'x')).toThrow(/超出范围/);
  });
});

describe('party names near a registered name', () => {
  const known = ['江州市涪溪区教育委员会', '江州市涪溪区金桥幼儿园', '江州市涪溪中学校'];
  const flagsFor = (client: string, corrected: string[] = []) =>
    computeReviewFields({ ...report(), client }, corrected, { knownNames: known }).filter(
      (f) => f.reason === 'near_known_name',
    );

  test('a client one character off a registered name (a rare character misread or dropped) is flagged with that name', () => {
    expect(flagsFor('江州市培溪区教育委员会')).toEqual([
      {
        path: 'client',
        reason: 'near_known_name',
        message:
          '「委托单位」识别为“江州市培溪区教育委员会”，与本区登记的“江州市涪溪区教育委员会”相差 1 个字，请核对原件',
        suggestion: '江州市涪溪区教育委员会',
      },
    ]);
    expect(flagsFor('江州市溪中学校')[0]?.message).toContain('江州市涪溪中学校');
  });

  test('a registered name, a far name, or a name a person corrected is not flagged', () => {
    expect(flagsFor('江州市涪溪区教育委员会')).toEqual([]);
    expect(flagsFor('江州锦程服饰有限公司')).toEqual([]);
    expect(flagsFor('江州市培溪区教育委员会', ['client'])).toEqual([]);
  });
});

describe('party names near a registered supplier (OCR misreads offered for one-click review, never replaced)', () => {
  const known = [
    '江州市涪溪区教育委员会',
    '成都蓉华制衣有限公司',
    '江州童乐服饰家纺有限公司',
    '江州锦程服饰有限公司',
  ];

  test('a client or manufacturer one character off a registered supplier is flagged with that supplier as the suggestion, the value kept', () => {
    const x = { ...report(), client: '成都著华制衣有限公司', manufacturer: '江州乐服饰家纺有限公司' };
    const flags = computeReviewFields(x, [], { knownNames: known }).filter(
      (f) => f.reason === 'near_known_name',
    );
    expect(flags.map((f) => [f.path, f.suggestion])).toEqual([
      ['client', '成都蓉华制衣有限公司'],
      ['manufacturer', '江州童乐服饰家纺有限公司'],
    ]);
    expect(x.client).toBe('成都著华制衣有限公司');
  });

  test('a contract’s supplier misread is flagged with the registered supplier', () => {
    const c: ContractExtraction = {
      kind: 'contract',
      contractNumber: 'HT-1',
      purchaser: { name: '江州市涪溪区实验小学' },
      supplier: { name: '江州锦呈服饰有限公司', uscc: null },
      signedDate: null,
      deliveryDate: null,
      lines: [],
      totalAmount: null,
      standards: [],
    };
    const flag = computeReviewFields(c, [], { knownNames: known }).find((f) => f.path === 'supplier.name');
    expect(flag).toMatchObject({ reason: 'near_known_name', suggestion: '江州锦程服饰有限公司' });
  });

  test('another company whose 字号 differs in two neighbouring characters is not a misread: no flag', () => {
    const flags = computeReviewFields(
      { ...report(), client: '江州金程服饰有限公司', manufacturer: '江州童趣服饰有限公司' },
      [],
      {
        knownNames: ['江州明德服饰有限公司', '江州锦程服饰有限公司'],
      },
    ).filter((f) => f.reason === 'near_known_name');
    // 金程 is one character from 锦程 (a misread is possible); 童趣 and 明德 are two companies
    expect(flags.map((f) => [f.path, f.suggestion])).toEqual([['client', '江州锦程服饰有限公司']]);
  });

  test('a name near two registered names is flagged naming both, with no single suggestion', () => {
    const flags = computeReviewFields({ ...report(), client: '江州市涪溪区X湖小学' }, [], {
      knownNames: ['江州市涪溪区桂湖小学', '江州市涪溪区镜湖小学'],
    }).filter((f) => f.path === 'client');
    expect(flags).toHaveLength(1);
    expect(flags[0]?.suggestion).toBeUndefined();
    expect(flags[0]?.message).toContain('江州市涪溪区桂湖小学');
    expect(flags[0]?.message).toContain('江州市涪溪区镜湖小学');
  });
});

describe('the contract’s 采购人 against the uploading school', () => {
  const contract = (purchaser: string): ContractExtraction => ({
    kind: 'contract',
    contractNumber: 'HT-1',
    purchaser: { name: purchaser },
    supplier: { name: '江州锦程服饰有限公司', uscc: null },
    signedDate: '2024-04-15',
    deliveryDate: '2024-05-27',
    lines: [],
    totalAmount: null,
    standards: [],
  });
  const own = '江州市涪溪区实验小学';
  const reasons = (purchaser: string) =>
    computeReviewFields(contract(purchaser), [], { ownSchoolName: own, knownNames: [own] })
      .filter((f) => f.path === 'purchaser.name')
      .map((f) => f.reason);

  test('a school two characters off the uploading one (桂湖小学 for 实验小学) is another school: purchaser_mismatch, not a misread', () => {
    expect(reasons('江州市涪溪区桂湖小学')).toEqual(['purchaser_mismatch']);
  });

  test('a purchaser OCR read and the parser decoded to another registered school is purchaser_mismatch, naming the reading', () => {
    const decoded: ContractExtraction = {
      ...contract('江州市涪溪区桂湖小学'),
      review: [
        {
          path: 'purchaser.name',
          reason: 'name_decoded',
          message:
            '「采购人」识别为“江州市溪区桂湖小学”，已按登记名称更正为“江州市涪溪区桂湖小学”，请核对原件',
        },
      ],
    };
    const flags = computeReviewFields(decoded, [], { ownSchoolName: own, knownNames: [own] }).filter(
      (f) => f.path === 'purchaser.name',
    );
    expect(flags.map((f) => f.reason)).toEqual(['purchaser_mismatch']);
    expect(flags[0]?.message).toContain('识别为“江州市溪区桂湖小学”');
  });

  test('the uploading school, also printed without its city prefix, is not flagged', () => {
    expect(reasons(own)).toEqual([]);
    expect(reasons('涪溪区实验小学')).toEqual([]);
  });
});
