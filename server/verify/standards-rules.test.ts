/**
 * Issue 10 points 2–4 at the engine level: the class a product must meet whatever the report prints,
 * the items each category's standards ask for, and the toy rules of GB 6675-2014/-2025.
 */
import type { ContractLine, ReportItem, TestReportExtraction } from '../../parsers/types';
import { verifyDistrict } from './engine';
import { contract, district, report, schoolReport, uniformItems } from './testing/builders';
import type { LineResult } from './types';

const line = (over: Partial<ContractLine>): ContractLine => ({
  product: '夏季校服（短袖POLO衫）',
  category: 'school_uniform',
  model: 'TS-001',
  quantity: 100,
  unit: '套',
  unitPrice: 100,
  amount: 10000,
  ...over,
});

const setItem = (items: ReportItem[], name: string, patch: Partial<ReportItem>): ReportItem[] =>
  items.map((i) => (i.name === name ? { ...i, ...patch } : i));

function verify(
  reports: TestReportExtraction[],
  l: Partial<ContractLine> = {},
  opts: { schoolKind?: string; deliveryDate?: string; asOf?: string } = {},
): LineResult {
  const input = district(reports, {
    contract: contract({ lines: [line(l)], deliveryDate: opts.deliveryDate ?? '2024-06-01' }),
    asOf: opts.asOf,
  });
  if (opts.schoolKind !== undefined) {
    input.schools = input.schools.map((s) => ({ ...s, kind: opts.schoolKind as never }));
  }
  return verifyDistrict(input).lines[0]!;
}
const codes = (l: LineResult) => l.findings.map((f) => f.code).sort();
const finding = (l: LineResult, code: string) => l.findings.find((f) => f.code === code);

/** A kindergarten garment report: GB 18401 + GB 31701 items, no product standard forced. */
function gardenItems(): ReportItem[] {
  return uniformItems().filter((i) => i.name !== '残留金属针');
}
const garden = (over: Partial<TestReportExtraction> = {}) =>
  report({
    sample: { name: '幼儿园园服', model: 'TS-001', trademark: null, batch: null, safetyClass: 'B' },
    standards: ['GB 18401-2010', 'GB 31701-2015', 'FZ/T 73045-2013'],
    items: gardenItems(),
    ...over,
  });
const gardenSchool = (over: Partial<TestReportExtraction> = {}) =>
  garden({
    reportNumber: 'R-0002',
    client: '测试区第一小学',
    inspectionType: 'sampling',
    dates: { received: '2024-06-05', tested: '2024-06-10', issued: '2024-06-12' },
    ...over,
  });

describe('point 2: the required class, independent of the printed class', () => {
  it('When a uniform report labelled C类 shows 甲醛 150 mg/kg, then ITEM_FAILED at B类 with both limits in the message', () => {
    const items = setItem(uniformItems(), '甲醛含量', { result: '150' });
    const sample = { ...report().sample, safetyClass: 'C' as const };
    const l = verify([report({ sample, items }), schoolReport()]);
    const f = finding(l, 'ITEM_FAILED');
    expect(f?.message).toContain('≤75');
    expect(f?.message).toContain('≤300');
    expect(f?.message).toContain('C类');
    expect(f?.message).toContain('GB/T 31888-2015');
    expect(codes(l)).toContain('CONCLUSION_CONTRADICTS_ITEMS');
  });

  it('When a 托班 garment labelled B类 shows 甲醛 45 mg/kg, then ITEM_FAILED at A类 (≤20, GB 31701)', () => {
    const items = setItem(gardenItems(), '甲醛含量', { result: '45' }).concat([
      { name: '耐唾液色牢度', unit: '级', requirement: '≥4', result: '4-5', verdict: 'pass' },
      { name: '附件抗拉强力', unit: 'N', requirement: '≥70', result: '≥70，未脱落', verdict: 'pass' },
    ]);
    const l = verify(
      [garden({ items }), gardenSchool({ items })],
      {
        product: '托班园服（夏装）',
        category: 'kindergarten_garment',
      },
      { schoolKind: 'kindergarten' },
    );
    const f = finding(l, 'ITEM_FAILED');
    expect(f?.message).toContain('≤20');
    expect(f?.message).toContain('≤75');
    expect(f?.message).toContain('GB 31701-2015');
  });

  it('When a 托班 garment shows pH 8.0 printed 合格 under B类, then ITEM_FAILED (A类 4.0～7.5)', () => {
    const items = setItem(gardenItems(), 'pH值', { result: '8.0' });
    const l = verify([garden({ items })], { product: '托班被服', category: 'kindergarten_garment' });
    expect(finding(l, 'ITEM_FAILED')?.message).toContain('4.0～7.5');
  });

  it('When a report prints a stricter class than required (A类 on a uniform), then it is judged at its printed A类', () => {
    const items = setItem(uniformItems(), '甲醛含量', { result: '30' });
    const sample = { ...report().sample, safetyClass: 'A' as const };
    expect(codes(verify([report({ sample, items }), schoolReport()]))).toContain('ITEM_FAILED');
  });

  it('When a kindergarten garment report prints no class, then B类 (skin contact, GB 31701) applies: 甲醛 80 fails', () => {
    const sample = { name: '幼儿园园服', model: 'TS-001', trademark: null, batch: null, safetyClass: null };
    const items = setItem(gardenItems(), '甲醛含量', { result: '80' });
    const l = verify([garden({ sample, items })], {
      product: '幼儿园园服',
      category: 'kindergarten_garment',
    });
    expect(finding(l, 'ITEM_FAILED')?.message).toContain('≤75');
  });

  it('When a uniform shows 可分解致癌芳香胺 25 mg/kg printed 合格, then ITEM_FAILED (≤20 mg/kg each)', () => {
    const items = setItem(uniformItems(), '可分解致癌芳香胺染料', { result: '25' });
    expect(finding(verify([report({ items }), schoolReport()]), 'ITEM_FAILED')?.message).toContain('≤20');
  });
});

describe('point 3: items per category from the standards', () => {
  it('When a complete uniform report has no 附件抗拉强力 (an infant-only GB 31701 item), then the line is compliant', () => {
    const l = verify([report(), schoolReport()]);
    expect(l.findings).toEqual([]);
  });

  it('When a uniform report lacks 耐湿摩擦色牢度, then REQUIRED_ITEM_MISSING names it', () => {
    const items = uniformItems().filter((i) => i.name !== '耐湿摩擦色牢度');
    const f = finding(verify([report({ items }), schoolReport()]), 'REQUIRED_ITEM_MISSING');
    expect(f?.message).toContain('耐湿摩擦色牢度');
  });

  it('When a 托班 garment report lacks 附件抗拉强力, then REQUIRED_ITEM_MISSING (GB 31701 infant products)', () => {
    const sample = {
      name: '托班园服',
      model: 'TS-001',
      trademark: null,
      batch: null,
      safetyClass: 'A' as const,
    };
    const l = verify([garden({ sample })], { product: '托班园服', category: 'kindergarten_garment' });
    expect(finding(l, 'REQUIRED_ITEM_MISSING')?.message).toContain('附件抗拉强力');
  });

  it('When the nominal cotton of a uniform is 30 %, then ITEM_FAILED citing GB/T 31888 4.3; a measured 33.8 % without a nominal is not judged', () => {
    const low = setItem(uniformItems(), '纤维含量', {
      requirement: '棉30% 聚酯纤维70%',
      result: '棉 30.5 聚酯纤维 69.5',
    });
    const f = finding(verify([report({ items: low }), schoolReport()]), 'ITEM_FAILED');
    expect(f?.message).toContain('35%');
    expect(f?.message).toContain('GB/T 31888-2015 4.3');
    const measured = setItem(uniformItems(), '纤维含量', {
      requirement: null,
      result: '聚酯纤维 66.2 棉 33.8',
    });
    expect(verify([report({ items: measured }), schoolReport()]).findings).toEqual([]);
    const none = setItem(uniformItems(), '纤维含量', { requirement: null, result: '聚酯纤维 100' });
    expect(codes(verify([report({ items: none }), schoolReport()]))).toContain('ITEM_FAILED');
  });

  it('When 甲醛 or pH is printed "/" or 不适用 on a garment report, then REQUIRED_ITEM_MISSING', () => {
    const items = setItem(uniformItems(), '甲醛含量', { result: '/', verdict: 'n/a' });
    const f = finding(verify([report({ items }), schoolReport()]), 'REQUIRED_ITEM_MISSING');
    expect(f?.message).toContain('不适用');
    const ph = setItem(uniformItems(), 'pH值', { result: '不适用', verdict: 'pass' });
    expect(codes(verify([report({ items: ph }), schoolReport()]))).toContain('REQUIRED_ITEM_MISSING');
  });

  it('When a kindergarten garment follows GB/T 31888 or any fitting product standard, then none is forced; GB 31701 is', () => {
    for (const standards of [
      ['GB 18401-2010', 'GB 31701-2015', 'GB/T 31888-2015'],
      ['GB 18401-2010', 'GB 31701-2015', 'FZ/T 81014-2008'],
      ['GB 18401-2010', 'GB 31701-2015'],
    ]) {
      const l = verify([garden({ standards }), gardenSchool({ standards })], {
        product: '幼儿园园服',
        category: 'kindergarten_garment',
      });
      expect(codes(l)).not.toContain('REQUIRED_STANDARD_MISSING');
    }
    const l = verify([garden({ standards: ['GB 18401-2010', 'GB/T 31888-2015'] })], {
      product: '幼儿园园服',
      category: 'kindergarten_garment',
    });
    expect(finding(l, 'REQUIRED_STANDARD_MISSING')?.message).toContain('GB 31701');
  });

  it('When the school’s level is unknown, then the stricter rule applies: a uniform report without GB 31701 misses it', () => {
    const standards = ['GB/T 31888-2015', 'GB 18401-2010'];
    const l = verify([report({ standards }), schoolReport({ standards })], {}, { schoolKind: 'unknown' });
    expect(codes(l)).toContain('REQUIRED_STANDARD_MISSING');
  });

  describe('bedding', () => {
    const fabric = (): ReportItem[] => [
      { name: '纤维含量', unit: '%', requirement: '棉100%', result: '棉 100', verdict: 'pass' },
      { name: '甲醛含量', unit: 'mg/kg', requirement: '≤75', result: '未检出', verdict: 'pass' },
      { name: 'pH值', unit: null, requirement: '4.0～8.5', result: '6.5', verdict: 'pass' },
      { name: '异味', unit: null, requirement: '无', result: '无', verdict: 'pass' },
      { name: '可分解致癌芳香胺染料', unit: 'mg/kg', requirement: '禁用', result: '未检出', verdict: 'pass' },
      { name: '耐水色牢度', unit: '级', requirement: '≥3', result: '4', verdict: 'pass' },
      { name: '耐汗渍色牢度', unit: '级', requirement: '≥3', result: '4', verdict: 'pass' },
      { name: '耐干摩擦色牢度', unit: '级', requirement: '≥3', result: '4', verdict: 'pass' },
    ];
    const quilt = (items: ReportItem[]) =>
      report({
        sample: { name: '学生棉被', model: 'TS-001', trademark: null, batch: null, safetyClass: 'B' },
        standards: ['GB 18401-2010', 'GB/T 22796-2021', 'GB 18383-2007', 'GB 31701-2015'],
        items,
      });
    const bedLine = { product: '学生棉被', category: 'bedding' as const };

    it('When a filled quilt report prints GB 18383 as labs do (原料要求, 卫生要求), then no item is missing', () => {
      const items = fabric().concat([
        { name: '原料要求', unit: null, requirement: '符合', result: '符合', verdict: 'pass' },
        { name: '卫生要求', unit: null, requirement: '符合', result: '符合', verdict: 'pass' },
      ]);
      expect(codes(verify([quilt(items), quilt(items)], bedLine, { schoolKind: 'senior' }))).not.toContain(
        'REQUIRED_ITEM_MISSING',
      );
    });

    it('When the cover fabric lacks 耐汗渍色牢度 (B类), then REQUIRED_ITEM_MISSING', () => {
      const items = fabric()
        .filter((i) => i.name !== '耐汗渍色牢度')
        .concat([
          { name: '絮用纤维原料', unit: null, requirement: '符合', result: '符合', verdict: 'pass' },
          { name: '微生物 大肠菌群', unit: null, requirement: '不得检出', result: '未检出', verdict: 'pass' },
        ]);
      const f = finding(verify([quilt(items)], bedLine), 'REQUIRED_ITEM_MISSING');
      expect(f?.message).toContain('耐汗渍色牢度');
    });

    it('When children’s bedding (a primary school) is tested without GB 31701, then REQUIRED_STANDARD_MISSING', () => {
      const r = report({
        sample: {
          name: '学生床单被套三件套',
          model: 'TS-001',
          trademark: null,
          batch: null,
          safetyClass: 'B',
        },
        standards: ['GB 18401-2010', 'GB/T 22796-2021'],
        items: fabric(),
      });
      const l = verify(
        [r],
        { product: '学生床上用品三件套', category: 'bedding' },
        { schoolKind: 'primary' },
      );
      expect(finding(l, 'REQUIRED_STANDARD_MISSING')?.message).toContain('GB 31701');
    });
  });
});

describe('point 4: toys', () => {
  const toyItems = (extra: ReportItem[] = []): ReportItem[] => [
    { name: '标识和使用说明', unit: null, requirement: '符合', result: '符合', verdict: 'pass' },
    { name: '小零件', unit: null, requirement: '/', result: '不适用', verdict: 'n/a' },
    { name: '锐利边缘', unit: null, requirement: '符合', result: '符合', verdict: 'pass' },
    { name: '锐利尖端', unit: null, requirement: '符合', result: '符合', verdict: 'pass' },
    { name: '易燃性能', unit: null, requirement: '符合', result: '符合', verdict: 'pass' },
    { name: '可迁移元素 铅(Pb)', unit: 'mg/kg', requirement: '≤90', result: '未检出', verdict: 'pass' },
    ...extra,
  ];
  const toy = (items: ReportItem[], over: Partial<TestReportExtraction> = {}) =>
    report({
      sample: { name: '塑料拼插积木', model: 'TS-001', trademark: null, batch: null, safetyClass: null },
      standards: ['GB 6675.1-2014', 'GB 6675.2-2014', 'GB 6675.3-2014', 'GB 6675.4-2014'],
      items,
      ...over,
    });
  const toyLine = { product: '塑料拼插积木', category: 'plastic_toy' as const };
  const ph = (sub: string, result: string): ReportItem => ({
    name: `邻苯二甲酸酯 ${sub}`,
    unit: '%',
    requirement: '≤0.1',
    result,
    verdict: 'pass',
  });

  it('When DBP 0.06 % and DEHP 0.05 % are printed separately 合格, then their sum 0.11 % fails DBP+BBP+DEHP ≤ 0.1 %', () => {
    const items = toyItems([ph('DBP', '0.06'), ph('BBP', '未检出'), ph('DEHP', '0.05')]);
    const f = finding(verify([toy(items)], toyLine), 'ITEM_FAILED');
    expect(f?.message).toContain('合计0.11');
    expect(f?.message).toContain('≤0.1');
  });

  it('When DINP 0.05 % and DIDP 0.04 % are printed, then their sum 0.09 % passes', () => {
    const items = toyItems([ph('DINP', '0.05'), ph('DIDP', '0.04'), ph('DNOP', 'ND')]);
    expect(codes(verify([toy(items)], toyLine))).not.toContain('ITEM_FAILED');
  });

  it('When a 2025-edition report shows DIBP 0.2 %, then ITEM_FAILED (GB 6675.1-2025)', () => {
    const items = toyItems([ph('DIBP', '0.2')]);
    const r = toy(items, {
      standards: ['GB 6675.1-2025', 'GB 6675.2-2025', 'GB 6675.3-2025', 'GB 6675.4-2025'],
      dates: { received: '2026-11-10', tested: '2026-11-20', issued: '2026-11-25' },
    });
    const l = verify([r], toyLine, { deliveryDate: '2026-12-01', asOf: '2026-12-03' });
    expect(finding(l, 'ITEM_FAILED')?.message).toContain('GB 6675.1-2025');
  });

  it('When a line is delivered on 2027-11-01 with only a 2014-edition report, then STANDARD_SUPERSEDED', () => {
    const r = toy(toyItems(), {
      dates: { received: '2026-08-01', tested: '2026-08-10', issued: '2026-08-12' },
    });
    const l = verify([r], toyLine, { deliveryDate: '2027-11-01', asOf: '2027-11-05' });
    expect(finding(l, 'STANDARD_SUPERSEDED')?.message).toContain('2027-10-31');
    const early = verify([r], toyLine, { deliveryDate: '2026-10-20', asOf: '2026-10-25' });
    expect(codes(early)).not.toContain('STANDARD_SUPERSEDED');
    const between = verify([r], toyLine, { deliveryDate: '2027-02-01', asOf: '2027-02-05' });
    expect(codes(between)).not.toContain('STANDARD_SUPERSEDED');
    expect(between.reviews?.[0]).toContain('生产日期');
  });

  it('When a toy line’s reports show no 3C certificate number, then NO_CCC; a number on a report or the contract line clears it', () => {
    const items = toyItems([ph('DBP+BBP+DEHP', '未检出')]);
    expect(codes(verify([toy(items)], toyLine))).toContain('NO_CCC');
    expect(codes(verify([toy(items, { cccNumber: '2021012201000123' })], toyLine))).not.toContain('NO_CCC');
    expect(codes(verify([toy(items)], { ...toyLine, cccNumber: '2021012201000123' }))).not.toContain(
      'NO_CCC',
    );
    expect(codes(verify([toy(items, { cccNumber: '12345' })], toyLine))).toContain('NO_CCC');
  });
});
