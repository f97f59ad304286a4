import { matchName } from './parties';
import { displayName, normaliseModel, normaliseName } from './normalise';
import { rejudgeItem } from './rejudge';
import { registryByVersion } from './registry/registry';

describe('tolerant matching of names and models read by OCR', () => {
  it('When a model carries stray punctuation or confusable letters, then it still equals the contract model', () => {
    expect(normaliseModel('”| JC24-D07')).toBe(normaliseModel('JC24-D07'));
    expect(normaliseModel('Jc24x15')).toBe(normaliseModel('JC24-X15'));
    expect(normaliseModel('BY24-Cl1')).toBe(normaliseModel('BY24-C11'));
    expect(normaliseModel('TL23-YX24')).not.toBe(normaliseModel('TL24-YX16'));
  });

  it('When a name carries a field label or table rules, then they are ignored', () => {
    expect(normaliseName('〈(供货单位) : 江州童乐服饰家纺有限公司')).toBe('江州童乐服饰家纺有限公司');
    expect(normaliseName('。。 | 江州童乐服饰家纺有限公司')).toBe('江州童乐服饰家纺有限公司');
    expect(displayName('〈（供货单位） : 中纺质检（江苏）技术服务有限公司')).toBe(
      '中纺质检（江苏）技术服务有限公司',
    );
  });

  it('When a long name differs by one OCR substitution, then it matches fuzzily with a reason to check', () => {
    expect(matchName('江州市党溪区教育委员会', '江州市涪溪区教育委员会')).toMatchObject({
      matched: true,
      how: 'fuzzy',
      reason: expect.stringContaining('相差1个字'),
    });
  });

  it('When two schools differ by level or by a numeral, then they never match', () => {
    expect(matchName('江州市涪溪区实验中学', '江州市涪溪区实验小学').matched).toBe(false);
    expect(matchName('江州市涪溪区第二小学', '江州市涪溪区第一小学').matched).toBe(false);
    expect(matchName('南充市顺庆区鑫源被服厂', '江州童乐服饰家纺有限公司').matched).toBe(false);
  });

  it('When pH reads 65 (a lost decimal point), then it is not re-judged as a failure', () => {
    const reg = registryByVersion('2026.1')!;
    const item = {
      name: 'pH值',
      unit: null,
      requirement: '4.0～8.5',
      result: '65',
      verdict: 'pass' as const,
    };
    expect(rejudgeItem(item, 'school_uniform', 'B', reg)).toBeNull();
  });
});
