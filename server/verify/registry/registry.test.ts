import {
  bundledRegistries,
  parseRegistry,
  registryByVersion,
  registryForDate,
  type LimitRule,
} from './registry';
import { checkStockTransition, checkSuperseded } from '../report-checks';
import { rejudgeItem } from '../rejudge';
import { report } from '../testing/builders';
import type { ReportItem } from '../../../parsers/types';

const toyReport = (
  tested: string,
  standards = ['GB 6675.1-2014', 'GB 6675.2-2014', 'GB 6675.3-2014', 'GB 6675.4-2014'],
  batch: string | null = null,
) => ({
  id: 't1',
  file: 't1.json',
  extraction: report({
    standards,
    dates: { received: tested, tested, issued: tested },
    sample: { name: '塑料积木', model: null, trademark: null, batch, safetyClass: null },
  }),
});

/** A rule's source names a standard with its clause/table, or a policy. */
const SOURCE = /(GB(\/T)? \d|FZ\/T \d|教基|总局令|本服务|政策|无全国统一|教育行政部门)/;

describe('rule registry', () => {
  it('When the bundled documents are loaded, then each validates against the schema', () => {
    expect(bundledRegistries().map((r) => r.version)).toEqual(['2024.1', '2026.1']);
  });

  it('When a document lacks a weight table or a rule lacks its source, then validation fails', () => {
    const broken = { ...registryByVersion('2024.1'), weights: undefined };
    expect(() => parseRegistry(broken)).toThrow();
    const reg = structuredClone(registryByVersion('2026.1')!) as unknown as {
      limits: Partial<LimitRule>[];
    };
    delete reg.limits[0]!.source;
    expect(() => parseRegistry(reg)).toThrow();
  });

  it('When verifying on a 2024 date, then 2024.1 applies; from 2026-01-01, 2026.1', () => {
    expect(registryForDate('2024-09-01').version).toBe('2024.1');
    expect(registryForDate('2026-12-01').version).toBe('2026.1');
  });

  it('When any rule of any version is read, then it carries a source naming a standard (clause) or a policy', () => {
    for (const reg of bundledRegistries()) {
      const sources: string[] = [
        reg.weightsSource,
        reg.dateWindows.source,
        reg.bureauSuffixesSource,
        reg.supplierList.source,
      ];
      sources.push(reg.perBatch.source, reg.setLines.source);
      sources.push(reg.conditions.under14SchoolKindsSource, reg.conditions.infantSource);
      for (const cat of Object.values(reg.categories)) {
        sources.push(...cat.requiredStandards.map((g) => g.source));
        sources.push(...cat.requiredItems.map((i) => i.source));
        sources.push(...(cat.requiredSafetyClass ?? []).map((c) => c.source));
        if (cat.cottonMinNominalPercent) sources.push(cat.cottonMinNominalPercent.source);
        if (cat.cccRequired) sources.push(cat.cccRequired.source);
      }
      sources.push(...reg.superseded.map((s) => s.source), ...reg.limits.map((l) => l.source));
      for (const s of sources) expect(s).toMatch(SOURCE);
    }
  });

  it('When the two versions are compared, then the standards’ facts are the same (dates are in the data, not the version)', () => {
    const [a, b] = bundledRegistries();
    expect(a!.categories).toEqual(b!.categories);
    expect(a!.superseded).toEqual(b!.superseded);
    expect(a!.limits).toEqual(b!.limits);
  });
});

describe('superseded editions: each entry at its date', () => {
  const reg = registryByVersion('2026.1')!;
  const dayBefore = (iso: string) =>
    new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  for (const entry of reg.superseded) {
    it(`When ${entry.cited} is cited on a report tested the day before ${entry.since}, then nothing; from ${entry.since}, STANDARD_SUPERSEDED naming ${entry.replacedBy.join('/')}`, () => {
      expect(checkSuperseded(toyReport(dayBefore(entry.since), [entry.cited]), reg)).toEqual([]);
      const issues = checkSuperseded(toyReport(entry.since, [entry.cited]), reg);
      expect(issues.map((i) => i.code)).toEqual(['STANDARD_SUPERSEDED']);
      expect(issues[0]?.message).toContain(entry.replacedBy[0]!);
    });
  }

  it('When GB/T 22843-2009 or GB/T 22855-2009 is cited after 2022-02-01 in either version, then superseded by GB/T 22796-2021', () => {
    for (const r of bundledRegistries()) {
      for (const cited of ['GB/T 22843-2009', 'GB/T 22855-2009']) {
        const issues = checkSuperseded(toyReport('2024-05-01', [cited]), r);
        expect(issues[0]?.message).toContain('GB/T 22796-2021');
      }
    }
  });
});

describe('GB 6675.1~.4-2025 (issued 2025-10-05, in force 2026-11-01, stock made before may be sold until 2027-10-31)', () => {
  const reg = registryByVersion('2026.1')!;

  it('When a report tested on 2026-11-01 or later cites the 2014 editions, then STANDARD_SUPERSEDED per part', () => {
    expect(checkSuperseded(toyReport('2026-10-31'), reg)).toEqual([]);
    const issues = checkSuperseded(toyReport('2026-11-01'), reg);
    expect(issues.map((i) => i.code)).toEqual(Array(4).fill('STANDARD_SUPERSEDED'));
    expect(issues[3]?.message).toContain('GB 6675.4-2025');
  });

  it('When goods are delivered on/after 2027-11-01 covered only by a 2014-edition report (tested before 2026-11-01), then STANDARD_SUPERSEDED', () => {
    const r = toyReport('2026-09-01');
    expect(checkStockTransition([r], '2027-10-31', reg).issues).toEqual([]);
    const late = checkStockTransition([r], '2027-11-01', reg);
    expect(late.issues.length).toBeGreaterThan(0);
    expect(late.issues[0]?.message).toContain('2027-10-31');
  });

  it('When a 2025-edition report also covers the line, then the 2014 report does not make it superseded', () => {
    const old = toyReport('2026-09-01');
    const fresh = {
      ...toyReport('2026-11-15', ['GB 6675.1-2025', 'GB 6675.2-2025', 'GB 6675.3-2025', 'GB 6675.4-2025']),
      id: 't2',
    };
    expect(checkStockTransition([old, fresh], '2027-12-01', reg).issues).toEqual([]);
  });

  it('When delivered in the stock-sale transition, then a 2014 report stands for goods made before 2026-11-01; made later → superseded; no production date → review', () => {
    const before = checkStockTransition(
      [toyReport('2026-09-01', undefined, '20260815-01')],
      '2027-03-01',
      reg,
    );
    expect(before).toEqual({ issues: [], reviews: [] });
    const after = checkStockTransition(
      [toyReport('2026-09-01', undefined, '20261105-02')],
      '2027-03-01',
      reg,
    );
    expect(after.issues.map((i) => i.code)).toContain('STANDARD_SUPERSEDED');
    const unknown = checkStockTransition([toyReport('2026-09-01')], '2027-03-01', reg);
    expect(unknown.issues).toEqual([]);
    expect(unknown.reviews[0]).toContain('生产日期');
  });

  it('When delivered before 2026-11-01 on a 2014 report, then nothing', () => {
    expect(checkStockTransition([toyReport('2026-05-01')], '2026-10-15', reg)).toEqual({
      issues: [],
      reviews: [],
    });
  });
});

describe('each numeric limit at its bound (values checked against the standards’ tables)', () => {
  const reg = registryByVersion('2026.1')!;
  const item = (name: string, result: string, unit: string | null): ReportItem => ({
    name,
    unit,
    requirement: null,
    result,
    verdict: 'pass',
  });
  const ctx2025 = {
    reportDate: '2026-12-01',
    editions: ['GB 6675.1-2025', 'GB 6675.4-2025'],
    productNames: ['造型黏土', '水晶泥'],
  };
  // [rule id, item name, category, class, last passing value, first failing value, unit]
  const cases: [
    string,
    string,
    'school_uniform' | 'kindergarten_garment' | 'plastic_toy',
    'A' | 'B' | 'C' | null,
    string,
    string,
    string | null,
  ][] = [
    ['formaldehyde', '甲醛含量', 'school_uniform', 'A', '20', '21', 'mg/kg'],
    ['formaldehyde', '甲醛含量', 'school_uniform', 'B', '75', '76', 'mg/kg'],
    ['formaldehyde', '甲醛含量', 'school_uniform', 'C', '300', '301', 'mg/kg'],
    ['ph', 'pH值', 'school_uniform', 'A', '7.5', '7.6', null],
    ['ph', 'pH值', 'school_uniform', 'B', '8.5', '8.6', null],
    ['ph', 'pH值', 'school_uniform', 'C', '9.0', '9.1', null],
    ['ph', 'pH值', 'school_uniform', 'B', '4.0', '3.9', null],
    ['aromatic-amines', '可分解致癌芳香胺染料 4-氨基联苯', 'school_uniform', 'B', '20', '21', 'mg/kg'],
    ['colourfastness-water', '耐水色牢度 沾色', 'school_uniform', 'A', '3-4', '3', '级'],
    ['colourfastness-water', '耐水色牢度 沾色', 'school_uniform', 'B', '3', '2-3', '级'],
    ['colourfastness-perspiration', '耐酸汗渍色牢度 变色', 'school_uniform', 'B', '3', '2-3', '级'],
    ['colourfastness-dry-rubbing', '耐干摩擦色牢度', 'school_uniform', 'A', '4', '3-4', '级'],
    ['colourfastness-dry-rubbing', '耐干摩擦色牢度', 'school_uniform', 'B', '3', '2-3', '级'],
    ['colourfastness-saliva', '耐唾液色牢度 沾色', 'kindergarten_garment', 'A', '4', '3-4', '级'],
    ['colourfastness-wet-rubbing', '耐湿摩擦色牢度', 'school_uniform', 'B', '2', '1-2', '级'],
    ['colourfastness-wet-rubbing', '耐湿摩擦色牢度', 'kindergarten_garment', 'A', '2-3', '2', '级'],
    ['migratable-antimony', '可迁移元素 锑(Sb)', 'plastic_toy', null, '60', '61', 'mg/kg'],
    ['migratable-arsenic', '可迁移元素 砷(As)', 'plastic_toy', null, '25', '26', 'mg/kg'],
    ['migratable-barium', '可迁移元素 钡(Ba)', 'plastic_toy', null, '1000', '1001', 'mg/kg'],
    ['migratable-cadmium', '可迁移元素 镉(Cd)', 'plastic_toy', null, '75', '76', 'mg/kg'],
    ['migratable-chromium', '可迁移元素 铬(Cr)', 'plastic_toy', null, '60', '61', 'mg/kg'],
    ['migratable-lead', '可迁移元素 铅(Pb)', 'plastic_toy', null, '90', '91', 'mg/kg'],
    ['migratable-mercury', '可迁移元素 汞(Hg)', 'plastic_toy', null, '60', '61', 'mg/kg'],
    ['migratable-selenium', '可迁移元素 硒(Se)', 'plastic_toy', null, '500', '501', 'mg/kg'],
    ['phthalates-dbp-bbp-dehp', '邻苯二甲酸酯 DBP+BBP+DEHP', 'plastic_toy', null, '0.1', '0.11', '%'],
    ['phthalates-dinp-didp-dnop', '邻苯二甲酸酯 DINP+DIDP+DNOP', 'plastic_toy', null, '0.1', '0.11', '%'],
    ['phthalate-dibp', '邻苯二甲酸酯 DIBP', 'plastic_toy', null, '0.1', '0.11', '%'],
    ['phthalate-dpenp', '邻苯二甲酸酯 DPENP', 'plastic_toy', null, '0.1', '0.11', '%'],
    ['phthalate-dhexp', '邻苯二甲酸酯 DHEXP', 'plastic_toy', null, '0.1', '0.11', '%'],
    ['phthalate-dchp', '邻苯二甲酸酯 DCHP', 'plastic_toy', null, '0.1', '0.11', '%'],
    ['toy-pah', '多环芳烃 苯并[a]芘', 'plastic_toy', null, '0.5', '0.6', 'mg/kg'],
    ['toy-sccp', '短链氯化石蜡', 'plastic_toy', null, '0.15', '0.16', '%'],
    ['toy-formaldehyde-textile', '甲醛 纺织材料', 'plastic_toy', null, '30', '31', 'mg/kg'],
    ['toy-formaldehyde-water-based', '甲醛 水基材料', 'plastic_toy', null, '10', '11', 'mg/kg'],
  ];
  for (const [id, name, category, cls, ok, bad, unit] of cases) {
    it(`When ${name} (${category}${cls ? ` ${cls}类` : ''}) is ${ok}, then it passes; ${bad} fails (${id})`, () => {
      const pass = rejudgeItem(item(name, ok, unit), category, cls, reg, ctx2025);
      const fail = rejudgeItem(item(name, bad, unit), category, cls, reg, ctx2025);
      expect(pass?.rule.id).toBe(id);
      expect(pass?.pass).toBe(true);
      expect(fail?.pass).toBe(false);
    });
  }

  it('When a boron value is read, then 造型黏土 is held to ≤1200 mg/kg and 水晶泥 to ≤300 mg/kg (GB 6675.4-2025)', () => {
    const at = (product: string, v: string) =>
      rejudgeItem(item('可迁移元素 硼(B)', v, 'mg/kg'), 'plastic_toy', null, reg, {
        ...ctx2025,
        productNames: [product],
      });
    expect(at('造型黏土', '1200')?.pass).toBe(true);
    expect(at('造型黏土', '1300')?.pass).toBe(false);
    expect(at('水晶泥', '300')?.pass).toBe(true);
    expect(at('水晶泥', '301')?.pass).toBe(false);
    expect(at('塑料积木', '5000')).toBeNull();
  });

  it('When a 2025-only limit meets a report citing the 2014 editions and tested before 2026-11-01, then it is not applied', () => {
    const old = { reportDate: '2026-05-01', editions: ['GB 6675.1-2014'], productNames: ['积木'] };
    expect(rejudgeItem(item('邻苯二甲酸酯 DIBP', '0.5', '%'), 'plastic_toy', null, reg, old)).toBeNull();
    expect(rejudgeItem(item('短链氯化石蜡', '1', '%'), 'plastic_toy', null, reg, old)).toBeNull();
  });

  it('When every limit of the registry is listed, then each has a case above', () => {
    const tested = new Set(cases.map((c) => c[0]).concat(['boron-modelling-clay', 'boron-slime']));
    expect(reg.limits.map((l) => l.id).filter((id) => !tested.has(id))).toEqual([]);
  });
});
