import { chineseDigitsToNumber, findChineseAmounts, parseChineseAmount, parseNumber } from './numerals';

describe('parseChineseAmount (大写金额)', () => {
  it.each([
    ['贰拾陆万零伍佰壹拾肆元整', 260514],
    ['肆拾柒万陆仟壹佰叁拾伍元伍角整', 476135.5],
    ['壹拾伍万肆仟叁佰捌拾柒元整', 154387],
    ['贰拾肆万玖仟贰佰贰拾贰元整', 249222],
    ['柒仟叁佰叁拾捌元伍角', 7338.5],
    ['壹佰元零伍分', 100.05],
    ['拾元整', 10],
  ])('reads %p', (text, value) => {
    expect(parseChineseAmount(text)).toBe(value);
  });
  it('finds capital amounts inside a sentence', () => {
    expect(findChineseAmounts('合同金额为人民币260,514.00元（大写：贰拾陆万零伍佰壹拾肆元整）。')).toEqual([
      260514,
    ]);
  });
});

describe('chineseDigitsToNumber', () => {
  it('reads digit-by-digit years and unit numerals', () => {
    expect(chineseDigitsToNumber('二〇二四')).toBe(2024);
    expect(chineseDigitsToNumber('十五')).toBe(15);
    expect(chineseDigitsToNumber('二十一')).toBe(21);
    expect(chineseDigitsToNumber('八')).toBe(8);
    expect(chineseDigitsToNumber('abc')).toBeNull();
  });
});

describe('parseNumber', () => {
  it('reads printed amounts', () => {
    expect(parseNumber('93,702.00')).toBe(93702);
    expect(parseNumber('¥154,387.00')).toBe(154387);
    expect(parseNumber('132.50')).toBe(132.5);
    expect(parseNumber('套')).toBeNull();
  });
});
