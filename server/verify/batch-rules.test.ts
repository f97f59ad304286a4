/**
 * Issue 10 point 5 (本批次: batch and production date, set lines) and point 6's last sentence (a
 * school of unknown level gets the stricter rule), at the engine level.
 */
import type { ContractExtraction } from '../../parsers/types';
import { verifyDistrict } from './engine';
import { schoolKindFromName, schoolKindToRecord } from './parties';
import { contract, district, report, schoolReport, uniformItems } from './testing/builders';
import type { LineResult } from './types';

const codes = (l: LineResult) => l.findings.map((f) => f.code).sort();
const finding = (l: LineResult, code: string) => l.findings.find((f) => f.code === code);

function verifyFor(purchaser: string, registered: boolean, c: Partial<ContractExtraction> = {}): LineResult {
  // A 中学 school report that leaves out GB 31701 and its items (绳带, 附件锐利性)
  const withoutGb31701 = {
    standards: ['GB/T 31888-2015', 'GB 18401-2010'],
    items: uniformItems().filter((i) => !/绳带|附件|残留/.test(i.name)),
  };
  const input = district([report(withoutGb31701), schoolReport({ ...withoutGb31701, client: purchaser })], {
    contract: contract({ purchaser: { name: purchaser }, ...c }),
  });
  input.schools = registered ? [{ name: purchaser, kind: schoolKindToRecord(purchaser) }] : [];
  return verifyDistrict(input).lines[0]!;
}

describe('a school of unknown level gets the stricter rule (GB 31701 for pupils ≤14)', () => {
  it('When a name says only 中学 / 中学校 / 第二中学, then it proves no level; 高级中学 and 高中 prove a senior school', () => {
    expect(schoolKindFromName('江州市第二中学')).toBeNull();
    expect(schoolKindFromName('江州市涪溪中学校')).toBeNull();
    expect(schoolKindFromName('测试学校')).toBeNull();
    expect(schoolKindFromName('江州市第一高级中学')).toBe('senior');
    expect(schoolKindFromName('江州市实验高中')).toBe('senior');
    expect(schoolKindFromName('江州市鹤鸣初级中学')).toBe('junior');
    expect(schoolKindFromName('江州市育才完全中学')).toBe('complete_secondary');
    expect(schoolKindToRecord('江州市第二中学')).toBe('complete_secondary');
    expect(schoolKindToRecord('江州市第一高级中学')).toBe('senior');
  });

  it('When the purchaser is a 第二中学 known only by its name, then GB 31701 and its items are required', () => {
    const l = verifyFor('测试区第二中学', false);
    expect(codes(l)).toEqual(['REQUIRED_ITEM_MISSING', 'REQUIRED_STANDARD_MISSING']);
    expect(finding(l, 'REQUIRED_STANDARD_MISSING')?.message).toContain('GB 31701');
  });

  it('When a registered 中学 was recorded from its name alone, then the stricter rule applies too', () => {
    expect(codes(verifyFor('测试区第二中学', true))).toEqual([
      'REQUIRED_ITEM_MISSING',
      'REQUIRED_STANDARD_MISSING',
    ]);
  });

  it('When the purchaser is a 高级中学, then GB 31701 is not asked of its uniforms', () => {
    expect(codes(verifyFor('测试区第一高级中学', false))).toEqual([]);
    expect(codes(verifyFor('测试区第一高级中学', true))).toEqual([]);
  });

  it('When the registered kind says senior, then it wins over the name', () => {
    const input = district([report(), schoolReport({ client: '测试区第二中学' })], {
      contract: contract({ purchaser: { name: '测试区第二中学' } }),
    });
    input.schools = [{ name: '测试区第二中学', kind: 'senior' }];
    input.reports = input.reports.map((r) => ({
      ...r,
      extraction: { ...r.extraction, standards: ['GB/T 31888-2015', 'GB 18401-2010'] },
    }));
    expect(codes(verifyDistrict(input).lines[0]!)).toEqual([]);
  });
});
