import { agreedDate, findDates, parseDate, parseDateRangeEnd } from './dates';

describe('parseDate', () => {
  it.each([
    ['2024年7月16日', '2024-07-16'],
    ['2024年06月10日', '2024-06-10'],
    ['2024-07-16', '2024-07-16'],
    ['2024.07.16', '2024-07-16'],
    ['2024/7/16', '2024-07-16'],
    ['签发日期 Date of Issue：2024-05-07', '2024-05-07'],
    ['二〇二四年八月十五日', '2024-08-15'],
    ['二〇二四年七月四日', '2024-07-04'],
    // OCR: the 〇 of the year read as a zero or a letter O
    ['签发日期：二0二四年八月二十三日', '2024-08-23'],
    ['二O二四年五月六日', '2024-05-06'],
    ['签发日期：二二四年四月二十六日', '2024-04-26'],
    // OCR: the 〇 in the second place of 二〇xx (only 〇 can stand there) read as 日 or 9
    ['签发日期：二日二四年四月二十六日', '2024-04-26'],
    ['签发日期47二9二四年三月八日', '2024-03-08'],
    ['2024 年 8 月 5 日', '2024-08-05'],
  ])('reads %p', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });
  it('returns null for impossible or missing dates', () => {
    expect(parseDate('2024-02-30')).toBeNull();
    expect(parseDate('合同签订之日起26日内')).toBeNull();
    expect(parseDate(null)).toBeNull();
  });
});

describe('parseDateRangeEnd', () => {
  it.each([
    ['2024-04-30 ~ 2024-05-07', '2024-05-07'],
    ['2024年06月13日～\n2024年06月18日', '2024-06-18'],
    ['2024年8月8日至2024年8月14日', '2024-08-14'],
    ['2024.07.22-2024.07.27', '2024-07-27'],
    ['2024年01月31日—2024年02月04日', '2024-02-04'],
    ['2024年6月13日至18日', '2024-06-18'],
    ['2024年6月28日～7月2日', '2024-07-02'],
    ['2024-08-22', '2024-08-22'],
  ])('gives the last day of %p', (text, iso) => {
    expect(parseDateRangeEnd(text)).toBe(iso);
  });
  it('finds dates in order of appearance', () => {
    expect(findDates('收样 2024-08-19 检测 2024-08-22').map((d) => d.iso)).toEqual([
      '2024-08-19',
      '2024-08-22',
    ]);
  });
});

describe('Chinese years OCR could not read', () => {
  it('reads a 9 as a numeral outside the second place of the year', () => {
    expect(parseDate('二〇一9年三月八日')).toBeNull();
    expect(parseDate('二〇一九年三月八日')).toBe('2019-03-08');
  });
  it('does not make a year out of three numerals that cannot be 20xx', () => {
    expect(parseDate('三二四年四月二十六日')).toBeNull();
    expect(parseDate('二〇四年四月二十六日')).toBeNull();
  });
});

describe('agreedDate', () => {
  const r = (value: string) => ({ value });
  it('gives the date every reading agrees on', () => {
    expect(agreedDate([r('2024年7月22日'), r('2024-07-22')])).toEqual({
      date: '2024-07-22',
      reading: r('2024年7月22日'),
    });
  });
  it('lets a reading whose day a stamp cut short yield to a complete one', () => {
    expect(agreedDate([r('2024年07月9内月用章'), r('2024年07月04日')])).toEqual({
      date: '2024-07-04',
      reading: r('2024年07月04日'),
    });
  });
  it('gives no date but the readings when complete readings disagree', () => {
    expect(agreedDate([r('2024年05月28日'), r('2024年03月28日')])).toEqual({
      conflict: ['2024-05-28', '2024-03-28'],
    });
  });
  it('is null without any date', () => {
    expect(agreedDate([r('见附件')])).toBeNull();
  });
});
