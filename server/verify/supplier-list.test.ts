/**
 * THE supplier-list ranker: who is listed (every supplier of the district), in which order
 * (supplier-side failures above school-side gaps), and the columns an inspector acts on.
 */
import { registryForDate } from './registry/registry';
import { LISTED_AS_SUPPLIER, rankSuppliers } from './supplier-list';
import { supplierLocation } from './supplier-location';
import type {
  ListFindingFacts,
  ListLineFacts,
  ListReportFacts,
  OfficialSamplingFacts,
} from './supplier-list.types';
import type { FindingCode } from './registry/registry';

const registry = registryForDate('2026-11-28');
const W = (code: FindingCode) => registry.weights[code].weight;
const DISTRICT = { name: '江州市涪溪区' };

let n = 0;
function finding(code: FindingCode, evidence: ListFindingFacts['evidence'] = []): ListFindingFacts {
  return { code, weight: W(code), evidence };
}
function report(over: Partial<ListReportFacts> = {}): ListReportFacts {
  n++;
  return {
    documentId: `doc-${n}`,
    reportNumber: `R${n}`,
    lab: '江州市纤维检验所',
    side: 'supplier',
    sampleName: '夏季校服',
    trademark: null,
    batch: null,
    manufacturer: null,
    cccNumber: null,
    items: [],
    ...over,
  };
}
function line(
  supplier: string,
  findings: ListFindingFacts[] = [],
  over: Partial<ListLineFacts> = {},
): ListLineFacts {
  n++;
  return {
    lineId: `line-${n}`,
    supplier: { name: supplier, uscc: null },
    school: '江州市涪溪区实验小学',
    contract: `HT-${n}`,
    lineNo: 1,
    product: '夏季校服',
    category: 'school_uniform',
    model: null,
    quantity: null,
    unit: null,
    cccNumber: null,
    findings,
    reports: [],
    ...over,
  };
}
function rank(lines: ListLineFacts[], officialSampling: OfficialSamplingFacts[] = [], asOf = '2026-11-28') {
  return rankSuppliers({ district: DISTRICT, lines, officialSampling, registry, asOf }).entries;
}

describe('who is on the supplier list', () => {
  it('When a supplier has only compliant lines, then it is still listed, last, risk low, 列入原因 集中采购供货企业', () => {
    const list = rank([
      line('江州锦程服饰有限公司'),
      line('江州市博雅学生服装有限公司', [finding('NO_CMA')]),
    ]);
    expect(list.map((e) => e.supplier)).toEqual(['江州市博雅学生服装有限公司', '江州锦程服饰有限公司']);
    expect(list[1]).toMatchObject({
      rank: 2,
      risk: 'low',
      reasons: [],
      maxWeight: 0,
      score: 0,
      listedBecause: LISTED_AS_SUPPLIER,
      schools: ['江州市涪溪区实验小学'],
    });
    expect(list[0]!.listedBecause).toBe('无CMA资质标志');
  });

  it('When two contracts name one enterprise (same valid USCC, different spelling), then it is one entry; a name one character off is another', () => {
    const uscc = '915001177C1905906E';
    const list = rank([
      line('江州市博雅学生服装有限公司', [], { supplier: { name: '江州市博雅学生服装有限公司', uscc } }),
      line('博雅学生服装', [finding('ITEM_FAILED')], { supplier: { name: '博雅学生服装', uscc } }),
      line('江州市博雅学生服饰有限公司'),
    ]);
    expect(list).toHaveLength(2);
    expect(list[0]).toMatchObject({ supplier: '江州市博雅学生服装有限公司', uscc, reasons: ['ITEM_FAILED'] });
    expect(list[0]!.lines).toHaveLength(2);
    expect(list[1]!.supplier).toBe('江州市博雅学生服饰有限公司');
  });

  it('When market supervision failed a batch of a supplier with no contract line, then it is listed for follow-up; results older than three years do not count', () => {
    const supplier = { id: 's-1', name: '汕头市澄海区宏泰玩具实业有限公司', uscc: '91440515NA3965071M' };
    const official = (sampledOn: string, failedBatches: number): OfficialSamplingFacts => ({
      supplier,
      sampledOn,
      sampledBatches: 2,
      failedBatches,
      failingItems: ['增塑剂'],
      reportNumbers: ['JD-1'],
    });
    const list = rank([line('江州锦程服饰有限公司', [finding('ITEM_FAILED')])], [official('2026-03-01', 1)]);
    expect(list[0]).toMatchObject({
      supplier: supplier.name,
      supplierId: 's-1',
      risk: 'high',
      reasons: ['SAMPLING_FAILED'],
      officialSampling: { results: 1, sampledBatches: 2, failedBatches: 1, failingItems: ['增塑剂'] },
    });
    const old = rank([line('江州锦程服饰有限公司', [finding('ITEM_FAILED')])], [official('2023-11-27', 1)]);
    expect(old.map((e) => e.supplier)).toEqual(['江州锦程服饰有限公司']);
  });
});

describe('how the list is ranked', () => {
  it('When one supplier lacks only school sampling on many lines and another has a superseded standard once, then the supplier-side failure ranks first', () => {
    const schoolGaps = [1, 2, 3].map(() => line('江州甲服装有限公司', [finding('MISSING_PURCHASER_REPORT')]));
    const superseded = line('江州乙服装有限公司', [finding('STANDARD_SUPERSEDED')]);
    const clean = line('江州丙服装有限公司');
    const list = rank([...schoolGaps, clean, superseded]);
    expect(W('MISSING_PURCHASER_REPORT') * 3).toBeGreaterThan(W('STANDARD_SUPERSEDED'));
    expect(list.map((e) => e.supplier)).toEqual([
      '江州乙服装有限公司',
      '江州甲服装有限公司',
      '江州丙服装有限公司',
    ]);
    expect(list[1]).toMatchObject({
      risk: 'low',
      supplierSide: { maxWeight: 0, score: 0 },
      schoolSide: { maxWeight: W('MISSING_PURCHASER_REPORT'), score: 3 * W('MISSING_PURCHASER_REPORT') },
      score: 3 * W('MISSING_PURCHASER_REPORT'),
    });
    expect(list[1]!.listedBecause).toBe(`${LISTED_AS_SUPPLIER}；学校端：缺少采购方（学校）送检报告`);
  });

  it.each<FindingCode>([
    'MISSING_SUPPLIER_REPORT',
    'ITEM_FAILED',
    'CONCLUSION_CONTRADICTS_ITEMS',
    'STANDARD_SUPERSEDED',
    'NO_CMA',
    'NO_CCC',
  ])(
    'When a supplier has %s and another lacks school sampling, then the supplier-side failure ranks first',
    (code) => {
      const list = rank([
        line('江州甲服装有限公司', [
          finding('MISSING_PURCHASER_REPORT'),
          finding('MISSING_PURCHASER_REPORT'),
        ]),
        line('江州乙服装有限公司', [finding(code)]),
      ]);
      expect(list.map((e) => e.supplier)).toEqual(['江州乙服装有限公司', '江州甲服装有限公司']);
      expect(list[0]!.risk).toBe(registry.weights[code].tier);
    },
  );

  it('When supplier-side failures tie, then the school-side gap decides, then the name', () => {
    const list = rank([
      line('江州丙服装有限公司', [finding('NO_CMA')]),
      line('江州乙服装有限公司', [finding('NO_CMA'), finding('MISSING_PURCHASER_REPORT')]),
      line('江州甲服装有限公司', [finding('NO_CMA')]),
    ]);
    expect(list.map((e) => e.supplier)).toEqual([
      '江州乙服装有限公司',
      '江州丙服装有限公司',
      '江州甲服装有限公司',
    ]);
    expect(list[0]!.reasons).toEqual(['NO_CMA', 'MISSING_PURCHASER_REPORT']);
  });

  it('The school-side codes and the weights come from the registry, each with its source', () => {
    expect(registry.supplierList.schoolSideCodes).toEqual(['MISSING_PURCHASER_REPORT']);
    expect(registry.supplierList.source).toMatch(/教基一〔2015〕3号/);
    expect(registry.weightsSource.length).toBeGreaterThan(4);
  });
});

describe('the columns an inspector acts on', () => {
  it('When reports and lines carry them, then failed items with value and limit, reports with labs, manufacturer, quantities and 3C numbers are listed', () => {
    const failedReport = report({
      reportNumber: 'WT2024-2281',
      lab: '江州市产品质量监督检验研究院',
      trademark: '宏泰',
      batch: 'HT2024-05',
      productionDate: '2024-05',
      manufacturer: '汕头市澄海区宏泰玩具厂',
      cccNumber: '2024012201000001',
      items: [{ name: '邻苯二甲酸酯 DEHP', result: '0.35', requirement: '≤0.1', unit: '%' }],
    });
    const ownReport = report({ manufacturer: '汕头市澄海区宏泰玩具实业有限公司' });
    const supplier = { name: '汕头市澄海区宏泰玩具实业有限公司', uscc: '91440515NA3965071M' };
    const evidence = [
      { documentId: failedReport.documentId, item: '邻苯二甲酸酯 DEHP', text: 'DEHP：0.35%' },
    ];
    const list = rank([
      line(supplier.name, [finding('ITEM_FAILED', evidence)], {
        supplier,
        product: '塑料积木',
        category: 'plastic_toy',
        model: 'HT-01',
        quantity: 100,
        unit: '套',
        reports: [failedReport, ownReport],
      }),
      line(supplier.name, [], {
        supplier,
        product: '塑料积木',
        category: 'plastic_toy',
        model: 'HT-01',
        quantity: 20,
        unit: '套',
        cccNumber: '2024012201000002',
        batch: 'HT2024-06',
      }),
    ]);
    const e = list[0]!;
    expect(e.failedItems).toEqual([
      {
        reportNumber: 'WT2024-2281',
        lab: '江州市产品质量监督检验研究院',
        item: '邻苯二甲酸酯 DEHP',
        result: '0.35',
        requirement: '≤0.1',
        unit: '%',
        detail: 'DEHP：0.35%',
      },
    ]);
    expect(e.reports).toEqual([
      { reportNumber: 'WT2024-2281', lab: '江州市产品质量监督检验研究院', side: 'supplier' },
      { reportNumber: ownReport.reportNumber, lab: '江州市纤维检验所', side: 'supplier' },
    ]);
    expect(e.manufacturers).toEqual(['汕头市澄海区宏泰玩具厂']);
    expect(e.quantities).toEqual([{ product: '塑料积木', model: 'HT-01', quantity: 120, unit: '套' }]);
    expect(e.cccNumbers).toEqual(['2024012201000001', '2024012201000002']);
    expect(e.categories).toEqual(['plastic_toy']);
    expect(e.trademarks).toEqual(['宏泰']);
    expect(e.batches).toEqual(['HT2024-05', '生产日期2024-05', 'HT2024-06']);
    expect(e.location).toMatchObject({ inDistrict: false, place: '汕头市澄海区', basis: 'name' });
    expect(e.supervision).toMatchObject({
      企业名称: supplier.name,
      报告编号: `WT2024-2281、${ownReport.reportNumber}`,
    });
  });

  it('When nothing is known (no quantity, no report), then the columns stay empty rather than invented', () => {
    const [e] = rank([line('江州优佳服装贸易有限公司')]);
    expect(e).toMatchObject({
      quantities: [],
      reports: [],
      failedItems: [],
      manufacturers: [],
      cccNumbers: [],
      trademarks: [],
      batches: [],
      location: { address: null, inDistrict: null, label: '未知', jurisdiction: '未知' },
    });
  });
});

describe('where a supplier is (住所/所在地)', () => {
  const at = (name: string, address: string | null = null) =>
    supplierLocation({ name, address }, '江州市涪溪区');
  it('reads the address first', () => {
    expect(at('江州优佳服装贸易有限公司', '江州市涪溪区滨江大道127号')).toMatchObject({
      inDistrict: true,
      basis: 'address',
      label: '辖区内（江州市涪溪区）',
    });
    expect(at('江州童乐服饰家纺有限公司', '江州市渝北区双凤桥街道空港大道335号')).toMatchObject({
      inDistrict: false,
      place: '江州市渝北区',
      label: '辖区外（江州市渝北区）',
    });
    expect(at('成都蓉华制衣有限公司', '成都市郫都区现代工业港北片区')).toMatchObject({ inDistrict: false });
  });
  it('else the division the enterprise name begins with (企业名称登记管理规定 第六条)', () => {
    expect(at('汕头市澄海区宏泰玩具实业有限公司')).toMatchObject({ inDistrict: false, basis: 'name' });
    expect(at('江州市涪溪区育才服装厂')).toMatchObject({ inDistrict: true, basis: 'name' });
    expect(at('成都市蓉华制衣有限公司')).toMatchObject({ inDistrict: false });
  });
  it('says 未知 when only the city or no place is printed, never a guess', () => {
    expect(at('江州市博雅学生服装有限公司')).toMatchObject({
      inDistrict: null,
      label: '未知（江州市）',
      jurisdiction: '未知',
    });
    expect(at('江州优佳服装贸易有限公司')).toMatchObject({ inDistrict: null, label: '未知' });
    expect(at('成都蓉华制衣有限公司')).toMatchObject({ inDistrict: null });
  });
});
