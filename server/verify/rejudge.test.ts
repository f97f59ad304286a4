import { parseResult, rejudgeItem } from './rejudge';
import { registryByVersion } from './registry/registry';
import type { ReportItem } from '../../parsers/types';

const reg = registryByVersion('2026.1')!;
const item = (name: string, result: string, unit: string | null = null): ReportItem => ({
  name,
  unit,
  requirement: null,
  result,
  verdict: 'pass',
});

describe('re-judging items against registry limits', () => {
  it('When 甲醛 120 mg/kg is printed 合格 on a B类 uniform, then it fails (≤75)', () => {
    expect(rejudgeItem(item('甲醛含量', '120', 'mg/kg'), 'school_uniform', 'B', reg)?.pass).toBe(false);
  });

  it('When 甲醛 is 未检出(<20), then it complies', () => {
    expect(rejudgeItem(item('甲醛含量', '未检出(<20)', 'mg/kg'), 'school_uniform', 'B', reg)?.pass).toBe(
      true,
    );
  });

  it('When 甲醛 is 75 exactly, then ≤75 from the registry holds; 21 fails for A类 (≤20); 300 holds for C类', () => {
    expect(rejudgeItem(item('甲醛', '75', 'mg/kg'), 'bedding', 'B', reg)?.pass).toBe(true);
    expect(rejudgeItem(item('甲醛含量', '21', 'mg/kg'), 'kindergarten_garment', 'A', reg)?.pass).toBe(false);
    expect(rejudgeItem(item('甲醛含量', '300', 'mg/kg'), 'school_uniform', 'C', reg)?.pass).toBe(true);
  });

  it('When pH is 9.1 on B类, then it fails the 4.0～8.5 range', () => {
    expect(rejudgeItem(item('pH值', '9.1'), 'school_uniform', 'B', reg)?.pass).toBe(false);
    expect(rejudgeItem(item('pH', '8.5'), 'school_uniform', 'B', reg)?.pass).toBe(true);
  });

  it('When a colour fastness grade is on the half-grade scale, then 2-3 fails ≥3 and 3-4 fails A类 ≥4 for dry rubbing', () => {
    expect(parseResult('3-4', 'grade')).toEqual({ kind: 'value', value: 3.5 });
    expect(rejudgeItem(item('耐水色牢度 沾色', '2-3', '级'), 'school_uniform', 'B', reg)?.pass).toBe(false);
    expect(rejudgeItem(item('耐干摩擦色牢度', '3-4', '级'), 'kindergarten_garment', 'A', reg)?.pass).toBe(
      false,
    );
    expect(rejudgeItem(item('耐干摩擦色牢度', '4', '级'), 'kindergarten_garment', 'A', reg)?.pass).toBe(true);
  });

  it('When a toy releases 186 mg/kg lead, then it fails Pb ≤90; other elements use their own limits', () => {
    expect(rejudgeItem(item('可迁移元素 铅(Pb)', '186', 'mg/kg'), 'plastic_toy', null, reg)?.pass).toBe(
      false,
    );
    expect(rejudgeItem(item('特定元素迁移 钡(Ba)', '186', 'mg/kg'), 'plastic_toy', null, reg)?.pass).toBe(
      true,
    );
  });

  it('When a phthalate sum is 0.1 %, then the registry’s ≤ 0.1 % (GB 6675.1 附录C “不超过”) decides, not the printed <', () => {
    const i = { ...item('邻苯二甲酸酯 DBP+BBP+DEHP', '0.1', '%'), requirement: '<0.1' };
    expect(rejudgeItem(i, 'plastic_toy', null, reg)?.pass).toBe(true);
    expect(rejudgeItem({ ...i, result: '0.12' }, 'plastic_toy', null, reg)?.pass).toBe(false);
    expect(
      rejudgeItem(item('邻苯二甲酸酯 DINP+DIDP+DNOP', '500', 'mg/kg'), 'plastic_toy', null, reg)?.pass,
    ).toBe(true);
  });

  it('When the result does not parse cleanly or the item is n/a, then no re-judgement is made', () => {
    expect(rejudgeItem(item('附件抗拉强力', '≥70，未脱落', 'N'), 'school_uniform', 'B', reg)).toBeNull();
    expect(
      rejudgeItem({ ...item('甲醛含量', '120', 'mg/kg'), verdict: 'n/a' }, 'school_uniform', 'B', reg),
    ).toBeNull();
    expect(rejudgeItem(item('甲醛含量', '120', 'mg/kg'), 'plastic_toy', null, reg)).toBeNull();
  });
});
