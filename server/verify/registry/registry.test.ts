import { bundledRegistries, parseRegistry, registryByVersion, registryForDate } from './registry';
import { checkSuperseded } from '../report-checks';
import { report } from '../testing/builders';

const toyReport = (tested: string) => ({
  id: 't1',
  file: 't1.json',
  extraction: report({
    standards: ['GB 6675.1-2014', 'GB 6675.2-2014', 'GB 6675.3-2014', 'GB 6675.4-2014'],
    dates: { received: tested, tested, issued: tested },
  }),
});

describe('rule registry', () => {
  it('When the bundled documents are loaded, then each validates against the schema', () => {
    expect(bundledRegistries().map((r) => r.version)).toEqual(['2024.1', '2026.1']);
  });

  it('When a document lacks a weight table, then validation fails', () => {
    const broken = { ...registryByVersion('2024.1'), weights: undefined };
    expect(() => parseRegistry(broken)).toThrow();
  });

  it('When verifying on a 2024 date, then 2024.1 applies; from 2026-01-01, 2026.1', () => {
    expect(registryForDate('2024-09-01').version).toBe('2024.1');
    expect(registryForDate('2026-12-01').version).toBe('2026.1');
  });

  it('When GB 6675.4-2014 is cited on a report tested 2026-12-01, then it is still within the 12-month production transition', () => {
    const reg = registryByVersion('2026.1')!;
    expect(checkSuperseded(toyReport('2026-12-01'), reg)).toEqual([]);
    expect(checkSuperseded(toyReport('2026-10-31'), reg)).toEqual([]);
  });

  it('When GB 6675.x-2014 is cited on a report tested after the transition (2027-11-01), then STANDARD_SUPERSEDED per part', () => {
    const reg = registryByVersion('2026.1')!;
    const issues = checkSuperseded(toyReport('2027-11-01'), reg);
    expect(issues.map((i) => i.code)).toEqual(Array(4).fill('STANDARD_SUPERSEDED'));
    expect(issues[3]?.message).toContain('GB 6675.4-2025');
  });

  it('When GB 18383-2007 is cited on a report tested from 2026-07-01, then STANDARD_SUPERSEDED (no transition published)', () => {
    const reg = registryByVersion('2026.1')!;
    const at = (d: string) => ({
      ...toyReport(d),
      extraction: { ...toyReport(d).extraction, standards: ['GB 18383-2007'] },
    });
    expect(checkSuperseded(at('2026-06-30'), reg)).toEqual([]);
    expect(checkSuperseded(at('2026-07-01'), reg).map((i) => i.code)).toEqual(['STANDARD_SUPERSEDED']);
  });

  it('When the 2024.1 registry is used, then the 2025 editions are unknown to it', () => {
    expect(checkSuperseded(toyReport('2027-12-01'), registryByVersion('2024.1')!)).toEqual([]);
  });
});
