import { hasUsableText } from './has-usable-text';

describe('hasUsableText', () => {
  it('accepts a real text-layer page (T2 report header)', () => {
    expect(
      hasUsableText(
        '201919041827 CNAS L9364\n深圳中衡检测技术有限公司\n检 测 报 告\nNo.: ZH240815836\t第 1 页 共 1 页',
      ),
    ).toBe(true);
  });
  it('rejects empty pages and pages padded with white space, form feeds and page markers', () => {
    expect(hasUsableText('')).toBe(false);
    expect(hasUsableText(null)).toBe(false);
    expect(hasUsableText(' \n\f\t '.repeat(200))).toBe(false);
    expect(hasUsableText('\n-- 1 of 3 --\n\n')).toBe(false);
    expect(hasUsableText('\uFFFD\uFFFD\uFFFD \u0000'.repeat(30))).toBe(false);
  });
  it('needs the minimum number of meaningful characters', () => {
    expect(hasUsableText('第 1 页')).toBe(false);
    expect(hasUsableText('检验报告', 4)).toBe(true);
  });
});
