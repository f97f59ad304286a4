import { judge } from './requirement';

describe('an item re-judged against its own printed requirement', () => {
  it.each([
    ['≤75', '16', 'mg/kg', 'pass'],
    ['≤75', '76', 'mg/kg', 'fail'],
    ['≤90', '186', 'mg/kg', 'fail'],
    ['<90', '90', null, 'fail'],
    ['≥0.038', '0.057', 'mm', 'pass'],
    ['≥200', '180', 'N', 'fail'],
    ['不小于 200', '250', 'N', 'pass'],
    ['4.0～8.5', '5.8', null, 'pass'],
    ['4.0～7.5', '8.1', null, 'fail'],
    ['4.0-7.5', '7.5', null, 'pass'],
    ['-3.0～+2.0', '-0.9', '%', 'pass'],
    ['-3.0～+2.0', '+2.6', '%', 'fail'],
    ['±3', '-3.5', '%', 'fail'],
    ['≥3-4', '4-5', '级', 'pass'],
    ['≥3-4', '3', '级', 'fail'],
    ['≥3-4', '3-4', '级', 'pass'],
    ['≥4', '3-4', '级', 'fail'],
    ['≤75', '未检出(<20)', 'mg/kg', 'pass'],
    ['≤75', 'ND', 'mg/kg', 'pass'],
    ['≤0.1', 'N.D.', '%', 'pass'],
    ['≤60', '<5', 'mg/kg', 'pass'],
    ['≤60', '＜5', 'mg/kg', 'pass'],
    ['≤60', 'not detected', 'mg/kg', 'pass'],
    ['≤0.1%', '0.35%', '%', 'fail'],
    ['不得检出', '未检出', null, 'pass'],
    ['禁用', '35', 'mg/kg', 'fail'],
    ['≥70', '≥70，未脱落', 'N', 'pass'],
    ['≤75（B类）', '80', 'mg/kg', 'fail'],
  ])('When the limit is %s and the result %s (%s), then the item is %s', (req, res, unit, want) => {
    expect(judge(req, res, unit)).toBe(want);
  });

  it.each([
    ['符合GB 5296.4要求', '符合', null],
    ['燃烧速率≤10 mm/s', '符合', null],
    ['≤2', '<5', 'mg/kg'],
    ['≥3', 'ND', '级'],
    ['1级', '1级', '级'],
    ['≤75', '经向 20 纬向 30', 'N'],
    ['棉 100%', '棉 100', '%'],
    [null, '16', null],
    ['≤75', null, null],
  ])(
    'When the limit is %s and the result %s, then nothing is judged (not plain enough)',
    (req, res, unit) => {
      expect(judge(req, res, unit)).toBeNull();
    },
  );
});
