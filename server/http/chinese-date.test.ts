import { chineseDate, wholeDate } from './chinese-date';

describe('dates as people type them', () => {
  it.each([
    ['2024-09-06', '2024-09-06'],
    ['2024/9/6', '2024-09-06'],
    ['2024.9.6', '2024-09-06'],
    ['2024年9月6日', '2024-09-06'],
    [' 2024年09月06日 ', '2024-09-06'],
    ['二〇二四年九月六日', '2024-09-06'],
  ])('When %s is typed, then it is %s', (typed, iso) => {
    expect(wholeDate(typed)).toBe(iso);
    expect(chineseDate().parse(typed)).toBe(iso);
  });

  it.each(['2024/2/30', '2024-13-01', '9/6', '签发于2024年9月6日', '2024-09-06 至 2024-09-08', ''])(
    'When %s is typed, then it is refused with a Chinese message naming the field',
    (typed) => {
      const r = chineseDate('抽样日期').safeParse(typed);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toContain('抽样日期不是有效的日期');
    },
  );
});
