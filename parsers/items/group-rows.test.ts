import { textDoc } from '../testing/doc';
import { groupRows } from './group-rows';
import { findHeader } from './header';
import { parseRowText } from './split-cells';
import { collectTableLines } from './table-lines';

function body(...rows: string[]) {
  const lines = collectTableLines(
    textDoc(['序号\t检验项目\t单位\t标准要求\t检验结果\t单项结论', ...rows].join('\n')),
  );
  const header = findHeader(lines);
  if (!header) throw new Error('no header');
  return { header, groups: groupRows(lines.slice(header.end + 1), header.columns) };
}

describe('groupRows', () => {
  it('When a numbered name stands alone above whole rows, then those rows are its sub-rows and the heading is no row', () => {
    const { groups } = body(
      '1 可迁移元素',
      '锑(Sb)\tmg/kg\t≤60\t未检出(<2)\t合格',
      '铅(Pb)\tmg/kg\t≤90\t186\t不合格',
    );
    expect(groups.rows.map((r) => [r.index, r.parent, r.lines[0]?.text.split('\t')[0]])).toEqual([
      [null, '可迁移元素', '锑(Sb)'],
      [null, '可迁移元素', '铅(Pb)'],
    ]);
    expect(groups.lastParent).toBe('可迁移元素');
  });

  it('When a row has no verdict yet, then the next lines are its wrapped cells until it has one', () => {
    const { groups } = body(
      '1 标识和使用说明\t— 符合GB 6675.1-2014 附',
      '录B 符合\t合格',
      '2 异味\t/\t无\t无\t合格',
    );
    expect(groups.rows.map((r) => r.lines.length)).toEqual([2, 1]);
    expect(groups.lastIndex).toBe(2);
  });

  it('When 以下空白 is printed, then it is taken into the table and nothing after it is read', () => {
    const { groups } = body(
      '1 甲醛含量\tmg/kg\t≤75\t24\t合格',
      '*** 以下空白 ***',
      '2 异味\t/\t无\t无\t合格',
    );
    expect(groups.ended).toBe(true);
    expect(groups.rows).toHaveLength(1);
    expect(groups.consumed).toEqual(['1:1', '1:2']);
  });

  it('When a continued page repeats the header and prints a category caption, then both are taken in and neither is a row', () => {
    const { groups } = body(
      '1 甲醛含量\tmg/kg\t≤75\t24\t合格',
      '序号\t检验项目\t单位\t标准要求\t检验结果\t单项结论',
      '内 在 质 量',
      '2 异味\t/\t无\t无\t合格',
    );
    expect(groups.rows.map((r) => r.index)).toEqual([1, 2]);
    expect(groups.consumed).toEqual(['1:1', '1:2', '1:3', '1:4']);
  });
});

describe('parseRowText', () => {
  it('When cells are tab-separated and as many as the value columns, then they are read by the header', () => {
    expect(
      parseRowText('甲醛含量\tmg/kg\t≤75\t24\t合格', [
        'index',
        'name',
        'unit',
        'requirement',
        'result',
        'verdict',
      ]),
    ).toEqual({
      name: '甲醛含量',
      unit: 'mg/kg',
      requirement: '≤75',
      result: '24',
      verdict: 'pass',
      hasValues: true,
    });
  });

  it("When an OCR line has no tabs, then the name runs to the unit and the requirement repeats the result's first word", () => {
    expect(parseRowText('纤维含量 % 棉 100% 棉 100 P', [])).toMatchObject({
      name: '纤维含量',
      unit: '%',
      requirement: '棉 100%',
      result: '棉 100',
      verdict: 'pass',
    });
    expect(parseRowText('锐利边缘 / 不应有危险锐利边缘 符合 P', [])).toMatchObject({
      unit: null,
      requirement: '不应有危险锐利边缘',
      result: '符合',
    });
  });
});
