import type { Box, DocumentText, TextLine } from '../types';
import { unreadVerdictFlags } from '../items/review-flags';
import { preferGeometry } from './choose';
import { readItemTables, rolesByPosition } from './read-tables';
import { joinPages } from '../testing/doc';
import {
  ocrSegmentsDoc,
  PHOTO_MARKS_OF_TWO_ROWS_AS_ONE,
  PHOTO_STACKED_VERDICTS_TABLE,
  SCAN_MICROBES_UNDER_SEAL,
  SCAN_MICROBES_UNDER_SEAL_RULES,
  SCAN_SUB_TABLE_BEFORE_UNREAD_HEADER,
  SCAN_SUB_TABLE_BEFORE_UNREAD_HEADER_RULES,
  PHOTO_UNIT_RUN_INTO_VERDICT,
  PHOTO_UNIT_RUN_INTO_VERDICT_RULES,
  SCAN_RESULT_RUN_INTO_MARK,
  SCAN_RESULT_RUN_INTO_MARK_RULES,
  SCAN_RULED_ONE_ROW_TABLE,
  SCAN_RULED_ONE_ROW_TABLE_RULES,
} from '../testing/ocr-pages';

/** A page laid out on a 100 × 100 unit grid: words at (x, y) with a width in characters. */
function page(words: [string, number, number][], rules: Box[] = []): DocumentText {
  const lines: TextLine[] = words.map(([text, x, y]) => {
    const w = [...text].reduce((a, ch) => a + (/[\u3400-\u9fff]/.test(ch) ? 1.2 : 0.7), 0) / 100;
    const box = { x0: x / 100, y0: y / 100, x1: x / 100 + w, y1: (y + 1.2) / 100 };
    return { text, words: [{ text, box }], box, confidence: 1 };
  });
  return { form: 'text_pdf', pages: [{ page: 1, source: 'text_layer', lines, rules }] };
}
/** The words of one line at height y for page(): [text, x] each. */
const row = (y: number, cells: [string, number][]): [string, number, number][] =>
  cells.map(([t, x]) => [t, x, y] as [string, number, number]);
const h = (y: number, x0: number, x1: number): Box => ({
  x0: x0 / 100,
  y0: y / 100 - 0.0005,
  x1: x1 / 100,
  y1: y / 100 + 0.0005,
});
const v = (x: number, y0: number, y1: number): Box => ({
  x0: x / 100 - 0.0005,
  y0: y0 / 100,
  x1: x / 100 + 0.0005,
  y1: y1 / 100,
});

describe('item tables read from geometry', () => {
  it('When a ruled table has a parent item in a merged cell beside its sub-items, then each sub-item is named parent + sub', () => {
    // columns: 序号 | 检验项目 (parent | sub) | 结果 | 判定 ; rows: header, 甲醛, 耐水色牢度 × (变色, 沾色)
    const rules = [
      h(10, 10, 90),
      h(14, 10, 90),
      h(18, 10, 90),
      h(22, 34, 90), // no line under the parent and its number: they span two rows
      h(26, 10, 90),
      v(10, 10, 26),
      v(18, 10, 26),
      v(34, 14, 26), // the name header spans parent and sub columns
      v(48, 10, 26),
      v(70, 10, 26),
      v(90, 10, 26),
    ];
    const doc = page(
      [
        ['序号', 11, 11],
        ['检验项目', 20, 11],
        ['检验结果', 50, 11],
        ['单项判定', 72, 11],
        ['1', 11, 15],
        ['甲醛含量', 20, 15],
        ['16', 50, 15],
        ['合格', 72, 15],
        ['2', 11, 21],
        ['耐水色牢度', 19, 21],
        ['变色', 36, 19],
        ['4-5', 50, 19],
        ['合格', 72, 19],
        ['沾色', 36, 23],
        ['3', 50, 23],
        ['不合格', 72, 23],
      ],
      rules,
    );
    const read = readItemTables(doc);
    expect(read?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['甲醛含量', '16', 'pass'],
      ['耐水色牢度 变色', '4-5', 'pass'],
      ['耐水色牢度 沾色', '3', 'fail'],
    ]);
  });

  it('When a ruled header cell (项目) spans the parent and sub-item columns and the first row names its item across both, then that row is an item, not a second header row', () => {
    // columns: 项目 (parent | sub) | 技术要求 | 检测结果 | 单项判定; rows: header, 小零件, 可迁移元素 × (锑, 铅)
    const rules = [
      h(10, 10, 90),
      h(14, 10, 90),
      h(18, 10, 90),
      h(22, 30, 90), // no line under the parent: it spans two rows
      h(26, 10, 90),
      v(10, 10, 26),
      v(30, 18, 26), // the header and the first row span parent and sub columns
      v(48, 10, 26),
      v(62, 10, 26),
      v(76, 10, 26),
      v(90, 10, 26),
    ];
    const doc = page(
      [
        ['项目', 12, 11],
        ['技术要求', 50, 11],
        ['检测结果', 64, 11],
        ['单项判定', 78, 11],
        ['小零件', 12, 15],
        ['不应有小零件', 50, 15],
        ['符合', 64, 15],
        ['Pass', 78, 15],
        ['可迁移元素', 12, 21],
        ['锑(Sb)', 32, 19],
        ['≤60', 50, 19],
        ['ND', 64, 19],
        ['Pass', 78, 19],
        ['铅(Pb)', 32, 23],
        ['≤90', 50, 23],
        ['186', 64, 23],
        ['Fail', 78, 23],
      ],
      rules,
    );
    const read = readItemTables(doc);
    expect(read?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['小零件', '符合', 'pass'],
      ['可迁移元素 锑(Sb)', 'ND', 'pass'],
      ['可迁移元素 铅(Pb)', '186', 'fail'],
    ]);
  });

  it("When an unruled table prints a merged parent beside its sub-rows and the next parent's name wrapped beside its own, then each sub-row keeps its own parent", () => {
    // columns: 序号 | 检验项目 (parent | sub) | 标准要求 | 检验结果 | 检验方法 | 判定; methods wrapped over two lines
    const doc = page([
      ['序号', 6, 8],
      ['检验项目', 13, 8],
      ['标准要求', 39, 8],
      ['检验结果', 55, 8],
      ['检验方法', 68, 8],
      ['判定', 81, 8],
      ['经向', 23.4, 11.6],
      ['≥200', 39, 11.6],
      ['426', 55, 11.6],
      ['GB/T 3923.1-', 68, 11],
      ['2013', 68, 12.2],
      ['合格', 81, 11.6],
      ['10', 6, 13.1],
      ['断裂强力', 13, 13.1],
      ['纬向', 23.4, 14.6],
      ['≥200', 39, 14.6],
      ['450', 55, 14.6],
      ['GB/T 3923.1-', 68, 14],
      ['2013', 68, 15.2],
      ['合格', 81, 14.6],
      ['水洗尺寸变', 13, 17.3],
      ['直向', 23.4, 17],
      ['-3.5～+2.0', 39, 17],
      ['-2.5', 55, 17],
      ['GB/T 8628', 68, 17],
      ['合格', 81, 17],
      ['11', 6, 18.1],
      ['化率', 13, 18.5],
      ['横向', 23.4, 18.8],
      ['-3.5～+2.0', 39, 18.8],
      ['-1.5', 55, 18.8],
      ['GB/T 8628', 68, 18.8],
      ['合格', 81, 18.8],
      ['12', 6, 20.6],
      ['异物', 13, 20.6],
      ['不得检出', 39, 20.6],
      ['未检出', 55, 20.6],
      ['目测', 68, 20.6],
      ['合格', 81, 20.6],
    ]);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result])).toEqual([
      ['断裂强力 经向', '426'],
      ['断裂强力 纬向', '450'],
      ['水洗尺寸变化率 直向', '-2.5'],
      ['水洗尺寸变化率 横向', '-1.5'],
      ['异物', '未检出'],
    ]);
  });

  it('When an unruled item without sub-items has a wrapped cell and the sub-rows of a merged parent follow it, then the first sub-row keeps its own parent', () => {
    const doc = page([
      ['序号', 6, 30],
      ['检验项目', 13, 30],
      ['标准要求', 39, 30],
      ['检验结果', 55, 30],
      ['检验方法', 68, 30],
      ['判定', 81, 30],
      ['3', 6, 36.97],
      ['甲醛含量', 13, 36.97],
      ['≤75', 39, 36.97],
      ['30', 55, 36.97],
      ['GB/T 2912.1', 68, 36.97],
      ['合格', 81, 36.97],
      ['4', 6, 40.09],
      ['异味', 13, 40.09],
      ['无', 39, 40.09],
      ['无', 55, 40.09],
      ['GB 18401-2010', 68, 39.46],
      ['6.7', 68, 40.71],
      ['合格', 81, 40.09],
      ['变色', 23.4, 42.49],
      ['≥3-4', 39, 42.49],
      ['5', 55, 42.49],
      ['GB/T 5713', 68, 42.49],
      ['合格', 81, 42.49],
      ['5', 6, 43.38],
      ['耐水色牢度', 13, 43.38],
      ['沾色', 23.4, 44.27],
      ['≥3-4', 39, 44.27],
      ['4-5', 55, 44.27],
      ['GB/T 5713', 68, 44.27],
      ['合格', 81, 44.27],
      ['6', 6, 46.06],
      ['耐干摩擦色牢度', 13, 46.06],
      ['≥3-4', 39, 46.06],
      ['5', 55, 46.06],
      ['GB/T 3920', 68, 46.06],
      ['合格', 81, 46.06],
    ]);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result])).toEqual([
      ['甲醛含量', '30'],
      ['异味', '无'],
      ['耐水色牢度 变色', '5'],
      ['耐水色牢度 沾色', '4-5'],
      ['耐干摩擦色牢度', '5'],
    ]);
  });

  it("When an unruled table prints each merged parent on its own line between its two sub-rows, then a parent spans its own sub-rows only, not the next parent's first", () => {
    const doc = page([
      ...row(48.2, [
        ['Test Items', 6.2],
        ['Remarks', 33.7],
        ['Result', 42.5],
        ['Conclusion', 49.5],
        ['Limit', 60.3],
        ['Unit', 88.2],
      ]),
      ...row(49.98, [
        ['耐湿摩擦色牢度', 6.2],
        ['4-5', 42.5],
        ['√', 49.5],
        ['≥2-3', 60.3],
        ['级', 88.2],
      ]),
      ...row(51.76, [
        ['经向', 20.9],
        ['426', 42.5],
        ['√', 49.5],
        ['≥200', 60.3],
        ['N', 88.2],
      ]),
      ...row(52.65, [['断裂强力', 6.2]]),
      ...row(53.54, [
        ['纬向', 20.9],
        ['450', 42.5],
        ['√', 49.5],
        ['≥200', 60.3],
        ['N', 88.2],
      ]),
      ...row(55.32, [
        ['直向', 20.9],
        ['-2.5', 42.5],
        ['√', 49.5],
        ['-3.5～+2.0', 60.3],
        ['%', 88.2],
      ]),
      ...row(56.21, [['水洗尺寸变化率', 6.2]]),
      ...row(57.1, [
        ['横向', 20.9],
        ['-1.5', 42.5],
        ['√', 49.5],
        ['-3.5～+2.0', 60.3],
        ['%', 88.2],
      ]),
      ...row(58.88, [
        ['填充物质量偏差率', 6.2],
        ['-1.4', 42.5],
        ['√', 49.5],
        ['≥-5.0', 60.3],
        ['%', 88.2],
      ]),
    ]);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result])).toEqual([
      ['耐湿摩擦色牢度', '4-5'],
      ['断裂强力 经向', '426'],
      ['断裂强力 纬向', '450'],
      ['水洗尺寸变化率 直向', '-2.5'],
      ['水洗尺寸变化率 横向', '-1.5'],
      ['填充物质量偏差率', '-1.4'],
    ]);
  });

  it('When an unruled parent name wraps onto two lines standing beside its two sub-rows (邻苯二甲酸 / 酯), then both sub-rows are named by the whole parent', () => {
    const doc = page([
      ...row(54.2, [
        ['Test Items', 6.2],
        ['Remarks', 30],
        ['Result', 37],
        ['Conclusion', 56.5],
        ['Limit', 65.2],
        ['Unit', 89.6],
      ]),
      ...row(56.57, [
        ['汞(Hg)', 16.1],
        ['ND(<2)', 37],
        ['√', 56.5],
        ['≤60', 65.2],
        ['mg/kg', 89.6],
      ]),
      ...row(57.46, [['可迁移元素', 6.2]]),
      ...row(58.35, [
        ['硒(Se)', 16.1],
        ['ND(<2)', 37],
        ['√', 56.5],
        ['≤500', 65.2],
        ['mg/kg', 89.6],
      ]),
      ...row(60.13, [
        ['DBP+BBP+DEHP', 16.1],
        ['ND(<0.005)', 37],
        ['√', 56.5],
        ['≤0.1', 65.2],
        ['%', 89.6],
      ]),
      ...row(60.4, [['邻苯二甲酸', 6.2]]),
      ...row(61.64, [['酯', 6.2]]),
      ...row(61.91, [
        ['DINP+DIDP+DNOP', 16.1],
        ['ND(<0.005)', 37],
        ['√', 56.5],
        ['≤0.1', 65.2],
        ['%', 89.6],
      ]),
      ['以下空白', 47, 64.5],
    ]);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result])).toEqual([
      ['可迁移元素 汞(Hg)', 'ND(<2)'],
      ['可迁移元素 硒(Se)', 'ND(<2)'],
      ['邻苯二甲酸酯 DBP+BBP+DEHP', 'ND(<0.005)'],
      ['邻苯二甲酸酯 DINP+DIDP+DNOP', 'ND(<0.005)'],
    ]);
  });

  it('When a ruled table goes on at the top of the next page with one ruled row only, then that row is its last item', () => {
    const cols = [10, 18, 48, 70, 90];
    const vs = (y0: number, y1: number) => cols.map((x) => v(x, y0, y1));
    const first = page(
      [
        ['序号', 11, 11],
        ['检验项目', 20, 11],
        ['检验结果', 50, 11],
        ['判定', 72, 11],
        ['1', 11, 15],
        ['甲醛含量', 20, 15],
        ['16', 50, 15],
        ['符合', 72, 15],
        ['2', 11, 19],
        ['pH值', 20, 19],
        ['6.5', 50, 19],
        ['符合', 72, 19],
      ],
      [h(10, 10, 90), h(14, 10, 90), h(18, 10, 90), h(22, 10, 90), ...vs(10, 22)],
    );
    const second = page(
      [
        ['3', 11, 9],
        ['异味', 20, 9],
        ['有', 50, 9],
        ['不符合', 72, 9],
        ['以下空白', 40, 14],
      ],
      [h(8, 10, 90), h(11, 10, 90), ...vs(8, 11)],
    );
    const doc = joinPages(first, second);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['甲醛含量', '16', 'pass'],
      ['pH值', '6.5', 'pass'],
      ['异味', '有', 'fail'],
    ]);
  });

  it('When a table has no lines and its columns are reordered, then columns are found by their header words', () => {
    const doc = page([
      ['No.', 10, 10],
      ['Result', 20, 10],
      ['Test Item', 35, 10],
      ['Limit', 60, 10],
      ['Verdict', 80, 10],
      ['1', 10, 13],
      ['ND', 20, 13],
      ['甲醛含量', 35, 13],
      ['≤20', 60, 13],
      ['Pass', 80, 13],
      ['2', 10, 16],
      ['9.1', 20, 16],
      ['pH值', 35, 16],
      ['4.0～7.5', 60, 16],
      ['Fail', 80, 16],
    ]);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.requirement, i.result, i.verdict])).toEqual([
      ['甲醛含量', '≤20', 'ND', 'pass'],
      ['pH值', '4.0～7.5', '9.1', 'fail'],
    ]);
  });

  it('When an unruled header wraps its cells over lines (计量单 / 位 / Unit, 编号 / Item No.), then the lines are one header naming every column', () => {
    // no line of the header names the item and the verdict alone: the middle line holds 计量单's 位
    const doc = page([
      ['编号', 10, 10],
      ['检验项目', 18, 10],
      ['标准值', 40, 10],
      ['计量单', 55, 10],
      ['结论', 68, 10],
      ['实测值', 80, 10],
      ['Item', 10, 11.2],
      ['Test Item', 18, 11.2],
      ['Requirement', 40, 11.2],
      ['位', 55, 11.2],
      ['Assessment', 68, 11.2],
      ['Test Result', 80, 11.2],
      ['No.', 10, 12.4],
      ['Unit', 55, 12.4],
      ['1', 10, 15],
      ['甲醛含量', 18, 15],
      ['≤20', 40, 15],
      ['mg/kg', 55, 15],
      ['符合', 68, 15],
      ['未检出', 80, 15],
      ['2', 10, 18],
      ['pH值', 18, 18],
      ['4.0～7.5', 40, 18],
      ['—', 55, 18],
      ['不符合', 68, 18],
      ['9.1', 80, 18],
    ]);
    expect(
      readItemTables(doc)?.items.map((i) => [i.name, i.requirement, i.unit, i.result, i.verdict]),
    ).toEqual([
      ['甲醛含量', '≤20', 'mg/kg', '未检出', 'pass'],
      ['pH值', '4.0～7.5', null, '9.1', 'fail'],
    ]);
  });

  it('When an unruled table goes on over the next page without its header, laid out with other widths and an empty remark column, then every row is read in its columns', () => {
    const first = page([
      ['No.', 10, 10],
      ['Test Item', 16, 10],
      ['Unit', 36, 10],
      ['Result', 44, 10],
      ['Remarks', 56, 10],
      ['Verdict', 66, 10],
      ['Limit', 76, 10],
      ['1', 10, 13],
      ['甲醛含量', 16, 13],
      ['mg/kg', 36, 13],
      ['25', 44, 13],
      ['符合', 66, 13],
      ['≤75', 76, 13],
    ]);
    // page 2: narrower first columns, no remark printed anywhere, a limit wider than its column on page 1
    const second = page([
      ['2', 10, 10],
      ['pH值', 14, 10],
      ['—', 30, 10],
      ['9.1', 38, 10],
      ['不符合', 52, 10],
      ['4.0～8.5', 62, 10],
      ['3', 10, 13],
      ['絮用纤维原料', 14, 13],
      ['—', 30, 13],
      ['符合', 38, 13],
      ['符合', 52, 13],
      ['不得使用废旧纤维及再加工纤维', 62, 13],
    ]);
    const doc = joinPages(first, second);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result, i.verdict, i.requirement])).toEqual([
      ['甲醛含量', '25', 'pass', '≤75'],
      ['pH值', '9.1', 'fail', '4.0～8.5'],
      ['絮用纤维原料', '符合', 'pass', '不得使用废旧纤维及再加工纤维'],
    ]);
  });

  it('When a continued page without a header starts with a row whose result runs over the place of an empty remark column, then that row is read too', () => {
    const first = page([
      ['No.', 10, 10],
      ['Test Item', 16, 10],
      ['Unit', 36, 10],
      ['Result', 44, 10],
      ['Remarks', 56, 10],
      ['Verdict', 66, 10],
      ['Limit', 76, 10],
      ['1', 10, 13],
      ['甲醛含量', 16, 13],
      ['mg/kg', 36, 13],
      ['25', 44, 13],
      ['符合', 66, 13],
      ['≤75', 76, 13],
    ]);
    // page 2 laid out again: the first row's result runs over two of page 1's borders and over the
    // place where the other rows leave room for the (empty) remark column
    const second = page([
      ['2', 10, 10],
      ['纤维含量', 14, 10],
      ['%', 27, 10],
      ['聚酯纤维 53.8 粘胶纤维 40.2 氨纶 6.0', 31, 10],
      ['符合', 57, 10],
      ['聚酯纤维 55% 粘胶纤维 40%', 63, 10],
      ['3', 10, 12],
      ['pH值', 14, 12],
      ['—', 27, 12],
      ['9.1', 31, 12],
      ['不符合', 57, 12],
      ['4.0～8.5', 63, 12],
      ['4', 10, 14],
      ['异味', 14, 14],
      ['—', 27, 14],
      ['无', 31, 14],
      ['符合', 57, 14],
      ['无', 63, 14],
    ]);
    const doc = joinPages(first, second);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['甲醛含量', '25', 'pass'],
      ['纤维含量', '聚酯纤维 53.8 粘胶纤维 40.2 氨纶 6.0', 'pass'],
      ['pH值', '9.1', 'fail'],
      ['异味', '无', 'pass'],
    ]);
  });

  it('When a page under a repeated header holds one merged parent and its two sub-rows only, then the sub-rows are named parent + sub', () => {
    const doc = page([
      ['编号', 6.2, 9.26],
      ['检测项目', 12.2, 9.26],
      ['计量单位', 46.5, 9.26],
      ['检验结果', 56.7, 9.26],
      ['判定', 68.7, 9.26],
      ['标准要求', 80.8, 9.26],
      ['DBP+BBP+DEHP', 26.7, 12.38],
      ['%', 46.5, 12.38],
      ['<0.005', 56.7, 12.38],
      ['P', 68.7, 12.38],
      ['≤0.1', 80.8, 12.38],
      ['9', 6.2, 13.27],
      ['邻苯二甲酸酯', 12.2, 13.27],
      ['DINP+DIDP+DNOP', 26.7, 14.16],
      ['%', 46.5, 14.16],
      ['0.3', 56.7, 14.16],
      ['F', 68.7, 14.16],
      ['≤0.1', 80.8, 14.16],
    ]);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['邻苯二甲酸酯 DBP+BBP+DEHP', '<0.005', 'pass'],
      ['邻苯二甲酸酯 DINP+DIDP+DNOP', '0.3', 'fail'],
    ]);
  });

  it('When an unruled table prints a parent item wrapped over two lines beside its sub-items (邻苯二甲酸 / 酯), then the sub-items are named by the whole parent and the parent is no item of its own', () => {
    const doc = page([
      ['序号', 10, 10],
      ['检验项目', 16, 10],
      ['标准要求', 40, 10],
      ['检验结果', 52, 10],
      ['判定', 66, 10],
      ['检验方法', 74, 10],
      ['1', 10, 13],
      ['甲醛含量', 16, 13],
      ['≤20', 40, 13],
      ['未检出', 52, 13],
      ['符合', 66, 13],
      ['GB/T 2912.1-', 74, 13],
      ['2009', 74, 14.2],
      ['DBP+BBP+DEHP', 26, 16],
      ['≤0.1', 40, 16],
      ['未检出', 52, 16],
      ['符合', 66, 16],
      ['GB/T 22048-2022', 74, 16],
      ['邻苯二甲酸', 16, 17.1],
      ['2', 10, 18.2],
      ['酯', 16, 18.2],
      ['DINP+DIDP+DNOP', 26, 19.3],
      ['≤0.1', 40, 19.3],
      ['0.3', 52, 19.3],
      ['不符合', 66, 19.3],
      ['GB/T 22048-2022', 74, 19.3],
    ]);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['甲醛含量', '未检出', 'pass'],
      ['邻苯二甲酸酯 DBP+BBP+DEHP', '未检出', 'pass'],
      ['邻苯二甲酸酯 DINP+DIDP+DNOP', '0.3', 'fail'],
    ]);
  });

  it('When a wrapped parent (邻苯二甲酸 / 2 酯) stands between its sub-rows beside the wrapped pieces of their methods, then it is no item of its own', () => {
    // the sub-rows' methods wrap (GB/T 22048- / 2022), so the parent's own lines hold method pieces too
    const doc = page([
      ['序号', 10, 57],
      ['检验项目', 16, 57],
      ['标准要求', 40, 57],
      ['检验结果', 52, 57],
      ['判定', 66, 57],
      ['检验方法', 74, 57],
      ['1', 10, 60],
      ['甲醛含量', 16, 60],
      ['≤20', 40, 60],
      ['未检出', 52, 60],
      ['符合', 66, 60],
      ['目测', 74, 60],
      ['DBP+BBP+DEHP', 26, 63.03],
      ['≤0.1', 40, 63.03],
      ['未检出', 52, 63.03],
      ['符合', 66, 63.03],
      ['GB/T 22048-', 74, 62.45],
      ['2022', 74, 63.61],
      ['邻苯二甲酸', 16, 63.87],
      ['2', 10, 64.45],
      ['酯', 16, 65.04],
      ['GB/T 22048-', 74, 65.29],
      ['DINP+DIDP+DNOP', 26, 65.87],
      ['≤0.1', 40, 65.87],
      ['0.3', 52, 65.87],
      ['不符合', 66, 65.87],
      ['2022', 74, 66.45],
    ]);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['甲醛含量', '未检出', 'pass'],
      ['邻苯二甲酸酯 DBP+BBP+DEHP', '未检出', 'pass'],
      ['邻苯二甲酸酯 DINP+DIDP+DNOP', '0.3', 'fail'],
    ]);
  });

  it('When an unruled row wraps its result, verdict and limit onto a second line (不适用（适用年龄3岁以 / 上）), then the second line is the rest of that row, not an item', () => {
    // the number and name centred beside the two lines; rows stand further apart than the lines of a cell;
    // sub-items beside a merged parent below
    const doc = page([
      ['序号', 6, 30],
      ['项目', 10, 30],
      ['检验结果', 34, 30],
      ['检验方法', 53, 30],
      ['评定', 66, 30],
      ['标准值', 71, 30],
      ['1', 6, 33.14],
      ['标识和使用说明', 10, 33.14],
      ['符合', 34, 33.14],
      ['目测', 53, 33.14],
      ['符合', 66, 33.14],
      ['符合GB 6675.1-2014 附录B', 71, 33.14],
      ['2', 6, 35.5],
      ['小零件', 10, 35.5],
      ['不适用（适用年龄3岁以', 34, 34.92],
      ['目测', 53, 35.5],
      ['不适', 66, 34.92],
      ['36个月以下儿童用玩具不应有小', 71, 34.92],
      ['上）', 34, 36.09],
      ['用', 66, 36.09],
      ['零件', 71, 36.09],
      ['3', 6, 37.95],
      ['锐利边缘', 10, 37.95],
      ['符合', 34, 37.95],
      ['目测', 53, 37.95],
      ['不符合', 66, 37.95],
      ['不应有危险锐利边缘', 71, 37.95],
      // sub-items beside a merged parent further down: the name column is parent | sub-item
      ['锑(Sb)', 20, 39.75],
      ['未检出', 34, 39.75],
      ['GB 6675.4-2014', 53, 39.75],
      ['符合', 66, 39.75],
      ['≤60', 71, 39.75],
      ['4', 6, 40.65],
      ['可迁移元素', 10, 40.65],
      ['砷(As)', 20, 41.55],
      ['未检出', 34, 41.55],
      ['GB 6675.4-2014', 53, 41.55],
      ['符合', 66, 41.55],
      ['≤25', 71, 41.55],
    ]);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result, i.verdict, i.requirement])).toEqual([
      ['标识和使用说明', '符合', 'pass', '符合GB 6675.1-2014 附录B'],
      ['小零件', '不适用（适用年龄3岁以上）', 'n/a', '36个月以下儿童用玩具不应有小零件'],
      ['锐利边缘', '符合', 'fail', '不应有危险锐利边缘'],
      ['可迁移元素 锑(Sb)', '未检出', 'pass', '≤60'],
      ['可迁移元素 砷(As)', '未检出', 'pass', '≤25'],
    ]);
  });

  it('When an unruled table goes on over the next page with the sub-rows of a merged parent above its first numbered row, laid out with other widths, then they keep their parent and every row its verdict', () => {
    // columns: 序号 | 项目 (parent | sub-item) | 标准要求 | 判定 | 测试结果; the verdict before the result
    const first = page([
      ['序号', 6, 28.5],
      ['项目', 15.6, 28.5],
      ['标准要求', 35.1, 28.5],
      ['判定', 62.9, 28.5],
      ['测试结果', 74.3, 28.5],
      ['1', 6, 31.5],
      ['甲醛', 15.6, 31.5],
      ['≤75', 35.1, 31.5],
      ['合格', 62.9, 31.5],
      ['<20', 74.3, 31.5],
      ['变色', 29.4, 33.3],
      ['≥3-4', 35.1, 33.3],
      ['合格', 62.9, 33.3],
      ['5', 74.3, 33.3],
      ['2', 6, 34.2],
      ['耐水色牢度', 15.6, 34.2],
      ['沾色', 29.4, 35.1],
      ['≥3-4', 35.1, 35.1],
      ['合格', 62.9, 35.1],
      ['5', 74.3, 35.1],
      ['3', 6, 36.9],
      ['pH', 15.6, 36.9],
      ['4.0～8.5', 35.1, 36.9],
      ['合格', 62.9, 36.9],
      ['5.9', 74.3, 36.9],
    ]);
    // page 2: wider requirement, verdict and result further right, the page starting with a sub-row
    const second = page([
      ['Report No.: HBT24-895760-TX', 5.7, 5.8],
      ['第 2 页 共 2 页', 84.7, 5.8],
      ['直向', 37.6, 7.9],
      ['-3.0～+2.0', 46.6, 7.9],
      ['合格', 77, 7.9],
      ['-0.9', 86, 7.9],
      ['4', 6.2, 8.8],
      ['水洗尺寸变化率', 12.3, 8.8],
      ['横向', 37.6, 9.7],
      ['-3.0～+2.0', 46.6, 9.7],
      ['不合格', 77, 9.7],
      ['-3.4', 86, 9.7],
      ['5', 6.2, 11.5],
      ['燃烧性能', 12.3, 11.5],
      ['1级', 46.6, 11.5],
      ['合格', 77, 11.5],
      ['1级', 86, 11.5],
      ['6', 6.2, 13.3],
      ['使用说明', 12.3, 13.3],
      ['符合GB 5296.4要求', 46.6, 13.3],
      ['合格', 77, 13.3],
      ['符合', 86, 13.3],
      ['*** 以下空白 ***', 44, 15.5],
    ]);
    const doc = joinPages(first, second);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['甲醛', '<20', 'pass'],
      ['耐水色牢度 变色', '5', 'pass'],
      ['耐水色牢度 沾色', '5', 'pass'],
      ['pH', '5.9', 'pass'],
      ['水洗尺寸变化率 直向', '-0.9', 'pass'],
      ['水洗尺寸变化率 横向', '-3.4', 'fail'],
      ['燃烧性能', '1级', 'pass'],
      ['使用说明', '符合', 'pass'],
    ]);
  });

  // page 1 of a 三线表 with sub-items: 序号 | 检验项目 (parent | sub-item) | 单项判定 | 技术要求 | 检测结果 | 单位
  const markedFirstPage = () =>
    page([
      ['序号', 6.2, 20.9],
      ['检验项目', 13.2, 20.9],
      ['单项判定', 40.4, 20.9],
      ['技术要求', 55.6, 20.9],
      ['检测结果', 72, 20.9],
      ['单位', 86, 20.9],
      ['1', 6.2, 24],
      ['甲醛含量', 13.2, 24],
      ['√', 40.4, 24],
      ['≤75', 55.6, 24],
      ['30', 72, 24],
      ['mg/kg', 86, 24],
      ['变色', 33.2, 25.8],
      ['√', 40.4, 25.8],
      ['≥3', 55.6, 25.8],
      ['5', 72, 25.8],
      ['级', 86, 25.8],
      ['2', 6.2, 26.7],
      ['耐水色牢度', 13.2, 26.7],
      ['沾色', 33.2, 27.6],
      ['√', 40.4, 27.6],
      ['≥3', 55.6, 27.6],
      ['5', 72, 27.6],
      ['级', 86, 27.6],
      ['3', 6.2, 29.4],
      ['耐干摩擦色牢度', 13.2, 29.4],
      ['√', 40.4, 29.4],
      ['≥3', 55.6, 29.4],
      ['3-4', 72, 29.4],
      ['级', 86, 29.4],
    ]);
  const withSecondPage = (second: DocumentText): DocumentText => ({
    form: 'text_pdf',
    pages: [...markedFirstPage().pages, ...second.pages.map((p) => ({ ...p, page: 2 }))],
  });

  it('When a continued page prints the verdict marks far left of where page 1 had them, and a parent name reaching almost to its sub-items, then the marks stay verdicts and the sub-items keep their parent', () => {
    const second = page([
      ['Report No.: XN-FZ2024-6573', 5.7, 5.8],
      ['第 2 页 共 2 页', 84.7, 5.8],
      ['4', 6.2, 8],
      ['絮用纤维原料', 10.9, 8],
      ['√', 37, 8],
      ['不得使用废旧纤维及再加工纤维', 40.3, 8],
      ['符合', 77.1, 8],
      ['—', 86.4, 8],
      ['5', 6.2, 9.8],
      ['异物', 10.9, 9.8],
      ['×', 37, 9.8],
      ['不得检出', 40.3, 9.8],
      ['检出', 77.1, 9.8],
      ['—', 86.4, 9.8],
      ['细菌菌落总数', 18.4, 11.6],
      ['√', 37, 11.6],
      ['≤200', 40.3, 11.6],
      ['<10', 77.1, 11.6],
      ['CFU/g', 86.4, 11.6],
      ['6', 6.2, 12.5],
      ['微生物', 10.9, 12.5],
      ['大肠菌群', 18.4, 13.4],
      ['√', 37, 13.4],
      ['不得检出', 40.3, 13.4],
      ['未检出', 77.1, 13.4],
      ['—', 86.4, 13.4],
      ['7', 6.2, 15.2],
      ['使用说明', 10.9, 15.2],
      ['√', 37, 15.2],
      ['符合GB 5296.4要求', 40.3, 15.2],
      ['符合', 77.1, 15.2],
      ['—', 86.4, 15.2],
    ]);
    expect(
      readItemTables(withSecondPage(second))
        ?.items.filter((i) => i.page === 2)
        .map((i) => [i.name, i.result, i.verdict]),
    ).toEqual([
      ['絮用纤维原料', '符合', 'pass'],
      ['异物', '检出', 'fail'],
      ['微生物 细菌菌落总数', '<10', 'pass'],
      ['微生物 大肠菌群', '未检出', 'pass'],
      ['使用说明', '符合', 'pass'],
    ]);
  });

  it('When a continued page holds only one merged parent, its number and name alone on their line between its sub-rows, then the sub-rows are read under that parent', () => {
    const second = page([
      ['Report No.: WT2024-5438', 5.7, 5.8],
      ['第 2 页 共 2 页', 84.7, 5.8],
      ['DBP+BBP+DEHP', 32.7, 8],
      ['√', 62.9, 8],
      ['≤0.1', 67.2, 8],
      ['＜0.005', 75.9, 8],
      ['%', 89.8, 8],
      ['4', 6.2, 8.9],
      ['邻苯二甲酸酯', 10.5, 8.9],
      ['DINP+DIDP+DNOP', 32.7, 9.8],
      ['×', 62.9, 9.8],
      ['≤0.1', 67.2, 9.8],
      ['0.3', 75.9, 9.8],
      ['%', 89.8, 9.8],
      ['Conclusion: The submitted sample FAIL the requirements of GB 6675.1-2014.', 5.7, 12.5],
    ]);
    expect(
      readItemTables(withSecondPage(second))
        ?.items.filter((i) => i.page === 2)
        .map((i) => [i.name, i.result, i.verdict]),
    ).toEqual([
      ['邻苯二甲酸酯 DBP+BBP+DEHP', '<0.005', 'pass'],
      ['邻苯二甲酸酯 DINP+DIDP+DNOP', '0.3', 'fail'],
    ]);
  });

  // a ruled 4-row × 6-column grid: 序号 | 项目 | 方法 | 要求 | 结果 | 判定, one row per item
  const ruledRows = (rows: [string, string, string, string, string, string][], top = 10) => {
    const xs = [10, 16, 36, 52, 66, 80, 92];
    const ys = rows.map((_, i) => top + i * 4);
    const rules = [
      ...[...ys, top + rows.length * 4].map((y) => h(y, 10, 92)),
      ...xs.map((x) => v(x, top, top + rows.length * 4)),
    ];
    const words = rows.flatMap((cells, r) =>
      cells.map((text, c): [string, number, number] => [text, (xs[c] ?? 0) + 1, (ys[r] ?? 0) + 1]),
    );
    return page(words, rules);
  };
  const values: [string, string, string, string, string, string][] = [
    ['1', '甲醛含量', 'GB/T 2912.1-2009', '≤20', '未检出', '符合'],
    ['2', 'pH值', 'GB/T 7573-2009', '4.0～7.5', '9.1', '不符合'],
    ['3', '异味', '目测', '无', '无', '符合'],
    ['4', '可分解致癌芳香胺染料', 'GB/T 17592-2011', '禁用', 'ND', '符合'],
  ];

  it('When a ruled item table prints no header row, then its columns are known from their content', () => {
    const read = readItemTables(ruledRows(values));
    expect(read?.items.map((i) => [i.name, i.requirement, i.result, i.verdict])).toEqual([
      ['甲醛含量', '≤20', '未检出', 'pass'],
      ['pH值', '4.0～7.5', '9.1', 'fail'],
      ['异味', '无', '无', 'pass'],
      ['可分解致癌芳香胺染料', '禁用', 'ND', 'pass'],
    ]);
  });

  it('When the header row is unreadable (no header word read), then it is no item and the columns come from the content', () => {
    const garbled: [string, string, string, string, string, string] = [
      '\ue3f7',
      '\ue8c0\ue96c\ue9a1',
      '\ue12e\ue1d5',
      '\ue0a8\ue31f',
      '\ue7b6\ue0c4',
      '\ue8a4\ue35a',
    ];
    const read = readItemTables(ruledRows([garbled, ...values]));
    expect(read?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['甲醛含量', '未检出', 'pass'],
      ['pH值', '9.1', 'fail'],
      ['异味', '无', 'pass'],
      ['可分解致癌芳香胺染料', 'ND', 'pass'],
    ]);
  });

  it('When a ruled grid holds label/value pairs (no verdicts), then it is not taken for an item table', () => {
    const fields = ruledRows([
      ['样品名称', '校服', '型号', 'A-1', '商标', '/'],
      ['委托单位', '某公司', '生产单位', '某厂', '检验类别', '委托检验'],
      ['收样日期', '2024-07-01', '检验日期', '2024-07-09', '依据', 'GB 18401-2010'],
    ]);
    expect(readItemTables(fields)).toBeNull();
  });

  it('When a table goes on over the next page without its header, then its columns take the roles of the columns they stand in', () => {
    const previous = {
      xs: [0.1, 0.16, 0.4, 0.5, 0.6, 0.75, 0.9],
      roles: (['index', 'name', 'unit', 'verdict', 'requirement', 'result'] as const).map((kind) => ({
        kind,
      })),
    };
    // the same borders, the name column split into a merged parent and its sub-items
    expect(
      rolesByPosition([0.1, 0.16, 0.28, 0.4, 0.5, 0.6, 0.75, 0.9], previous)?.map((r) => r.kind),
    ).toEqual(['index', 'name', 'name', 'unit', 'verdict', 'requirement', 'result']);
    // laid out again with other widths: the verdict and requirement fall in one old column, no role is guessed
    expect(rolesByPosition([0.1, 0.16, 0.4, 0.5, 0.53, 0.58, 0.9], previous)).toBeNull();
    // another table elsewhere on the page
    expect(rolesByPosition([0.3, 0.4, 0.5, 0.6], previous)).toBeNull();
  });

  it('When a table without a header has sub-items beside a merged parent, then both columns name the item', () => {
    const read = readItemTables(
      ruledRows([
        ['1', '可迁移元素', '铅(Pb)', '≤90', '186', '不符合'],
        ['2', '可迁移元素', '镉(Cd)', '≤75', '未检出(<2)', '符合'],
        ['3', '可迁移元素', '汞(Hg)', '≤60', '未检出(<2)', '符合'],
      ]),
    );
    expect(read?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['可迁移元素 铅(Pb)', '186', 'fail'],
      ['可迁移元素 镉(Cd)', '未检出(<2)', 'pass'],
      ['可迁移元素 汞(Hg)', '未检出(<2)', 'pass'],
    ]);
  });

  /** Rows of an unruled table without a header: 序号 | name | result | unit | verdict | requirement. */
  const unheadedRows = (rows: string[][], y0: number): [string, number, number][] =>
    rows.flatMap((cells, r) =>
      cells.map((text, c): [string, number, number] => [text, [8, 14, 40, 52, 62, 72][c] ?? 0, y0 + r * 3]),
    );
  const twoPages = (...pages: DocumentText[]): DocumentText => ({
    form: 'text_pdf',
    pages: pages.map((p, i) => ({ ...(p.pages[0] as DocumentText['pages'][number]), page: i + 1 })),
  });

  it('When an unruled table prints no header row, then its columns are known from their content and it goes on over the next page', () => {
    const first = page([
      ['Report No.: WT-1', 8, 4],
      ['Sample Description', 8, 8],
      ['大颗粒积木', 8, 10],
      ...unheadedRows(
        [
          ['1', '标识和使用说明', '符合', '—', 'Pass', '符合GB 6675.1 附录B'],
          ['2', '包装塑料袋厚度', '0.057', 'mm', 'Pass', '≥0.038'],
          ['3', '可迁移元素 铅(Pb)', '186', 'mg/kg', 'Fail', '≤90'],
          ['4', '可迁移元素 镉(Cd)', '＜2', 'mg/kg', 'Pass', '≤75'],
        ],
        20,
      ),
    ]);
    // the next page: one row only, then the conclusion sentence
    const second = page([
      ['Report No.: WT-1', 8, 4],
      ...unheadedRows([['5', '可迁移元素 汞(Hg)', '＜2', 'mg/kg', 'Pass', '≤60']], 10),
      ['Conclusion: The submitted sample FAIL the requirements of GB 6675.1-2014.', 8, 14],
    ]);
    const read = readItemTables(twoPages(first, second));
    expect(read?.items.map((i) => [i.name, i.unit, i.requirement, i.result, i.verdict])).toEqual([
      ['标识和使用说明', null, '符合GB 6675.1 附录B', '符合', 'pass'],
      ['包装塑料袋厚度', 'mm', '≥0.038', '0.057', 'pass'],
      ['可迁移元素 铅(Pb)', 'mg/kg', '≤90', '186', 'fail'],
      ['可迁移元素 镉(Cd)', 'mg/kg', '≤75', '<2', 'pass'],
      ['可迁移元素 汞(Hg)', 'mg/kg', '≤60', '<2', 'pass'],
    ]);
  });

  it('When an unruled table without a header has a matrix table below it and the end marker under the matrix, then the marker does not end reading before the matrix', () => {
    const sub = [30, 40, 50, 60];
    const matrixRow = (y: number, label: string, cells: string[]): [string, number, number][] => [
      [label, 8, y],
      ...cells.map((t, c): [string, number, number] => [t, sub[c] ?? 0, y]),
    ];
    const doc = page([
      ...unheadedRows(
        [
          ['1', '标识和使用说明', '符合', '—', 'Pass', '符合GB 6675.1 附录B'],
          ['2', '包装塑料袋厚度', '0.057', 'mm', 'Pass', '≥0.038'],
          ['3', '易燃性能', '符合', '—', 'Pass', '燃烧速率≤10 mm/s'],
        ],
        20,
      ),
      // a matrix table (elements as columns, its rows labelled at the left) under a title, well below
      ['可迁移元素', 8, 36],
      ...matrixRow(38, '项目', ['锑(Sb)', '砷(As)', '铅(Pb)', '汞(Hg)']),
      ...matrixRow(40, '单位', ['mg/kg', 'mg/kg', 'mg/kg', 'mg/kg']),
      ...matrixRow(42, 'Requirement', ['≤60', '≤25', '≤90', '≤60']),
      ...matrixRow(44, 'Result', ['未检出(<2)', '未检出(<2)', '186', '未检出(<2)']),
      ...matrixRow(46, 'Judgement', ['Pass', 'Pass', 'Fail', 'Pass']),
      ['——以下空白——', 40, 49],
    ]);
    const read = readItemTables(doc);
    expect(read?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['标识和使用说明', '符合', 'pass'],
      ['包装塑料袋厚度', '0.057', 'pass'],
      ['易燃性能', '符合', 'pass'],
      ['可迁移元素 锑(Sb)', '未检出(<2)', 'pass'],
      ['可迁移元素 砷(As)', '未检出(<2)', 'pass'],
      ['可迁移元素 铅(Pb)', '186', 'fail'],
      ['可迁移元素 汞(Hg)', '未检出(<2)', 'pass'],
    ]);
    expect(read?.ended).toBe(true);
  });

  it('When an unruled table without a header prints a parent name wrapped in a merged cell beside its sub-rows, then each sub-row is named parent + sub', () => {
    // columns: 序号 | parent | sub-item | result | unit | verdict | requirement; no header, no lines
    const at = [8, 14, 30, 44, 54, 62, 72];
    const row = (y: number, cells: (string | null)[]): [string, number, number][] =>
      cells.flatMap((t, c): [string, number, number][] => (t ? [[t, at[c] ?? 0, y]] : []));
    const doc = page([
      ...row(20, ['1', '甲醛含量', null, '<20', 'mg/kg', 'Pass', '≤75']),
      ...row(23, ['2', '异味', null, '无', '—', 'Pass', '无']),
      ...row(26, [null, null, '直向', '-0.9', '%', 'Pass', '-3.0～+2.0']),
      // the merged cell's number and name centred beside the two sub-rows, the name over two lines
      ...row(27.5, ['3', null]),
      ['水洗尺寸变化', 14, 27.1],
      ['率', 14, 28.1],
      ...row(29, [null, null, '横向', '-1.4', '%', 'Fail', '-3.0～+2.0']),
      ...row(32, ['4', '可分解致癌芳香胺', null, '<20', 'mg/kg', 'Pass', '禁用']),
    ]);
    const read = readItemTables(doc);
    expect(read?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['甲醛含量', '<20', 'pass'],
      ['异味', '无', 'pass'],
      ['水洗尺寸变化率 直向', '-0.9', 'pass'],
      ['水洗尺寸变化率 横向', '-1.4', 'fail'],
      ['可分解致癌芳香胺', '<20', 'pass'],
    ]);
  });

  it('When lines stand in columns but no column holds verdicts, then they are not taken for an item table', () => {
    const doc = page(
      unheadedRows(
        [
          ['1', '样品名称', '校服', '型号', 'A-1', '商标'],
          ['2', '委托单位', '某公司', '生产单位', '某厂', '检验类别'],
          ['3', '收样日期', '2024-07-01', '检验日期', '2024-07-09', '依据'],
        ],
        20,
      ),
    );
    expect(readItemTables(doc)).toBeNull();
  });

  it('When a 三线表 goes on over the next page for a few rows, then its closing rules are no row borders', () => {
    const header = page(
      [
        ['序号', 8, 17],
        ['检验项目', 14, 17],
        ['检验结果', 40, 17],
        ['单位', 52, 17],
        ['判定', 62, 17],
        ['标准要求', 72, 17],
        ...unheadedRows(
          [
            ['1', '甲醛含量', '＜20', 'mg/kg', '√', '≤75'],
            ['2', 'pH值', '5.9', '—', '√', '4.0～8.5'],
            ['3', '异味', '无', '—', '√', '无'],
          ],
          20,
        ),
      ],
      [h(16, 6, 90), h(19, 6, 90)],
    );
    // the rest: a rule above and below two rows, as a 三线表 closes on its page
    const rest = page(
      unheadedRows(
        [
          ['4', '燃烧性能', '1级', '级', '√', '1级'],
          ['5', '使用说明', '符合', '—', '×', '符合GB 5296.4要求'],
        ],
        10,
      ),
      [h(9.9, 6, 90), h(14.6, 6, 90)],
    );
    const read = readItemTables(twoPages(header, rest));
    expect(read?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['甲醛含量', '<20', 'pass'],
      ['pH值', '5.9', 'pass'],
      ['异味', '无', 'pass'],
      ['燃烧性能', '1级', 'pass'],
      ['使用说明', '符合', 'fail'],
    ]);
  });

  /** The same page as OCR returns it: one segment may run over two cells. */
  const scanned = (doc: DocumentText): DocumentText => ({
    form: 'scanned_pdf',
    pages: doc.pages.map((p) => ({ ...p, source: 'ocr' as const })),
  });

  it('When a scanned page has detected table lines, then its items are read from the grid, a bilingual header line being no item', () => {
    const header: [string, string, string, string, string, string] = [
      '序号',
      '检验项目',
      '检验方法',
      '标准要求',
      '检验结果',
      '单项判定',
    ];
    // OCR reads "Item" as "ltem" and "Limit" as "Limt"
    const english: [string, string, string, string, string, string] = [
      'No.',
      'Test ltem',
      'Method',
      'Limt',
      'Result',
      'Verdict',
    ];
    const read = readItemTables(scanned(ruledRows([header, english, ...values])));
    expect(read?.items.map((i) => [i.name, i.requirement, i.result, i.verdict])).toEqual([
      ['甲醛含量', '≤20', '未检出', 'pass'],
      ['pH值', '4.0～7.5', '9.1', 'fail'],
      ['异味', '无', '无', 'pass'],
      ['可分解致癌芳香胺染料', '禁用', 'ND', 'pass'],
    ]);
  });

  it('When OCR misreads the √/× marks of a scanned verdict column as "<", "V" and "x", then they are read as the marks, and only there', () => {
    const header: [string, string, string, string, string, string] = [
      '序号',
      '检验项目',
      '检验方法',
      '标准值',
      '检验结果',
      '判定',
    ];
    const marked = values.map(
      (r, i): [string, string, string, string, string, string] =>
        [...r.slice(0, 5), ['<', 'x', 'V', '√'][i] ?? ''] as never,
    );
    const read = readItemTables(scanned(ruledRows([header, ...marked])));
    expect(read?.items.map((i) => [i.name, i.requirement, i.result, i.verdict])).toEqual([
      ['甲醛含量', '≤20', '未检出', 'pass'],
      ['pH值', '4.0～7.5', '9.1', 'fail'],
      ['异味', '无', '无', 'pass'],
      ['可分解致癌芳香胺染料', '禁用', 'ND', 'pass'],
    ]);
    // a text layer prints the marks themselves: a "<" there is no verdict
    const printed = readItemTables(ruledRows([header, ...marked]));
    expect(printed?.items.map((i) => i.verdict)).toEqual([null, null, null, 'pass']);
  });

  it('When a scanned table goes on over the next page without its header, laid out with other column widths, then its columns are known from their content, misread marks included', () => {
    // page 1: 序号 | 检验项目 | 单位 | 单项判定 | 标准要求 | 检验结果
    const xs1 = [10, 16, 40, 50, 60, 75, 92];
    const first = page(
      [
        ...['序号', '检验项目', '单位', '单项判定', '标准要求', '检验结果'].map(
          (t, c): [string, number, number] => [t, (xs1[c] ?? 0) + 1, 11],
        ),
        ...[
          ['1', '甲醛', 'mg/kg', '<', '≤75', '<20'],
          ['2', 'pH', '—', '√', '4.0～8.5', '5.9'],
        ].flatMap((cells, r) =>
          cells.map((t, c): [string, number, number] => [t, (xs1[c] ?? 0) + 1, 15 + r * 4]),
        ),
      ],
      [...[10, 14, 18, 22].map((y) => h(y, 10, 92)), ...xs1.map((x) => v(x, 10, 22))],
    );
    // page 2: the rows go on, the name column split into a merged parent and its elements, every
    // column at another width than on page 1
    const xs2 = [10, 16, 30, 44, 56, 64, 76, 92];
    const rows = [
      ['铅(Pb)', 'mg/kg', 'x', '≤90', '186'],
      ['镐(Cd)', 'mg/kg', '<', '≤75', '未检出(<2)'],
      ['汞(Hg)', 'mg/kg', 'V', '≤60', '未检出(<2)'],
    ];
    const second = page(
      [
        ['2', 11, 15],
        ['可迁移元素', 17, 15],
        ...rows.flatMap((cells, r) =>
          cells.map((t, c): [string, number, number] => [t, (xs2[c + 2] ?? 0) + 1, 11 + r * 4]),
        ),
      ],
      [h(10, 10, 92), h(14, 30, 92), h(18, 30, 92), h(22, 10, 92), ...xs2.map((x) => v(x, 10, 22))],
    );
    const doc: DocumentText = {
      form: 'scanned_pdf',
      pages: [first, second].map((d, i) => ({
        ...(d.pages[0] as DocumentText['pages'][number]),
        page: i + 1,
        source: 'ocr' as const,
      })),
    };
    const read = readItemTables(doc);
    expect(read?.items.map((i) => [i.name, i.requirement, i.result, i.verdict])).toEqual([
      ['甲醛', '≤75', '<20', 'pass'],
      ['pH', '4.0～8.5', '5.9', 'pass'],
      ['可迁移元素 铅(Pb)', '≤90', '186', 'fail'],
      ['可迁移元素 镉(Cd)', '≤75', '未检出(<2)', 'pass'],
      ['可迁移元素 汞(Hg)', '≤60', '未检出(<2)', 'pass'],
    ]);
  });

  it('When a grid on a scanned page yields rows without verdicts, then it is left to the line reader', () => {
    const noVerdicts = values.map(
      (r): [string, string, string, string, string, string] => [...r.slice(0, 5), ''] as never,
    );
    expect(readItemTables(scanned(ruledRows(noVerdicts)))).toBeNull();
  });

  it('When the line reader reads more items with a name and a verdict than the grid, then it is preferred', () => {
    const item = (name: string, verdict: 'pass' | null) => ({
      name,
      unit: null,
      requirement: null,
      result: null,
      verdict,
    });
    const lines = [item('甲醛含量', 'pass'), item('pH值', 'pass'), item('异味', 'pass')];
    expect(preferGeometry([item('甲醛含量', 'pass'), item('pH值', null)], lines)).toBe(false);
    expect(
      preferGeometry([item('甲醛含量', 'pass'), item('pH值', 'pass'), item('异味', 'pass')], lines),
    ).toBe(true);
  });

  it('When both readings are equally complete, then the one whose names are known test items is kept', () => {
    const item = (name: string) => ({
      name,
      unit: null,
      requirement: null,
      result: null,
      verdict: 'pass' as const,
    });
    const lines = [item('耐水色牢度 变色'), item('耐水色牢度 沾色'), item('绳带要求')];
    const cut = [item('耐水色牢度 变色'), item('水色牢度水色牢度 沾色'), item('水色牢度绳带要求')];
    expect(preferGeometry(cut, lines)).toBe(false);
    expect(preferGeometry(lines, cut)).toBe(true);
    expect(preferGeometry(lines, lines)).toBe(true);
  });

  it('When the line reader gives verdicts to sub-items that lost their parent (变色, 沾色 alone), then the geometry with fewer verdicts but whole names is kept', () => {
    const item = (name: string, verdict: 'pass' | null = 'pass') => ({
      name,
      unit: null,
      requirement: null,
      result: null,
      verdict,
    });
    const geometry = [
      item('耐水色牢度 变色'),
      item('耐水色牢度 沾色'),
      item('耐汗渍色牢度 变色', null),
      item('耐汗渍色牢度 沾色'),
    ];
    const orphans = [item('变色'), item('沾色'), item('变色'), item('沾色')];
    expect(preferGeometry(geometry, orphans)).toBe(true);
  });

  it('When a summary table names the items of the detail table that follows with other brackets and spacing, then each item is listed once', () => {
    const doc = page([
      ['序号', 10, 10],
      ['检验项目', 20, 10],
      ['单项判定', 60, 10],
      ['1', 10, 13],
      ['可迁移元素砷（As）', 20, 13],
      ['合格', 60, 13],
      ['2', 10, 16],
      ['可迁移元素铅（Pb）', 20, 16],
      ['不合格', 60, 16],
      ['序号', 10, 30],
      ['检验项目', 20, 30],
      ['标准要求', 45, 30],
      ['检验结果', 60, 30],
      ['单项判定', 75, 30],
      ['1', 10, 33],
      ['可迁移元素 砷(As)', 20, 33],
      ['≤25', 45, 33],
      ['未检出', 60, 33],
      ['合格', 75, 33],
      ['2', 10, 36],
      ['可迁移元素 铅(Pb)', 20, 36],
      ['≤90', 45, 36],
      ['186', 60, 36],
      ['不合格', 75, 36],
    ]);
    const read = readItemTables(doc);
    expect(read?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['可迁移元素 砷(As)', '未检出', 'pass'],
      ['可迁移元素 铅(Pb)', '186', 'fail'],
    ]);
    expect(read?.summaryOnly).toEqual([]);
  });

  describe('a summary table before the detail rows', () => {
    const summaryThenDetail = (detailVerdicts: [string, string]) =>
      page([
        ['序号', 10, 10],
        ['检验项目', 20, 10],
        ['单项判定', 60, 10],
        ['1', 10, 13],
        ['甲醛含量', 20, 13],
        ['合格', 60, 13],
        ['2', 10, 16],
        ['pH值', 20, 16],
        ['不合格', 60, 16],
        ['序号', 10, 30],
        ['检验项目', 20, 30],
        ['标准要求', 45, 30],
        ['检验结果', 60, 30],
        ['单项判定', 75, 30],
        ['1', 10, 33],
        ['甲醛含量', 20, 33],
        ['≤75', 45, 33],
        ['25', 60, 33],
        [detailVerdicts[0], 75, 33],
        ['2', 10, 36],
        ['pH值', 20, 36],
        ['4.0~8.5', 45, 36],
        ['9.1', 60, 36],
        [detailVerdicts[1], 75, 36],
      ]);

    it('When a detail row’s verdict cell reads as nothing a verdict can be (a seal over it), then the verdict its summary row prints is the item’s', () => {
      const read = readItemTables(summaryThenDetail(['合格', '!']));
      expect(read?.items.map((i) => [i.name, i.result, i.verdict, i.verdictInSummary])).toEqual([
        ['甲醛含量', '25', 'pass', undefined],
        ['pH值', '9.1', 'fail', undefined],
      ]);
    });

    it('When a detail row prints another verdict than its summary row, then the detail’s is kept and the summary’s is noted for review', () => {
      const read = readItemTables(summaryThenDetail(['不适用', '不合格']));
      expect(read?.items.map((i) => [i.name, i.verdict, i.verdictInSummary])).toEqual([
        ['甲醛含量', 'n/a', 'pass'],
        ['pH值', 'fail', undefined],
      ]);
    });
  });

  it('When pages carry no positions, then the geometry reader leaves the table to the line reader', () => {
    const doc: DocumentText = {
      form: 'text_pdf',
      pages: [
        { page: 1, source: 'text_layer', lines: [{ text: '序号 检验项目', box: null, confidence: 1 }] },
      ],
    };
    expect(readItemTables(doc)).toBeNull();
  });
});

describe('OCR segments placed in the cells of a scanned table', () => {
  /** An OCR'd page: segments [text, x0, x1, y] on a 100 × 100 unit grid, one line high (1.2). */
  const ocrPage = (segments: [string, number, number, number][], rules: Box[] = []): DocumentText => {
    const lines: TextLine[] = segments.map(([text, x0, x1, y]) => {
      const box = { x0: x0 / 100, y0: y / 100, x1: x1 / 100, y1: (y + 1.2) / 100 };
      return { text, words: [{ text, box, confidence: 0.95 }], box, confidence: 0.95 };
    });
    return { form: 'scanned_pdf', pages: [{ page: 1, source: 'ocr', lines, rules }] };
  };
  const header: [string, number, number, number][] = [
    ['序号', 11, 14, 11],
    ['检验项目', 20, 26, 11],
    ['单位', 41, 44, 11],
    ['标准要求', 49, 56, 11],
    ['检验结果', 63, 70, 11],
    ['单项判定', 79, 86, 11],
  ];
  // columns 序号 | 检验项目 | 单位 | 标准要求 | 检验结果 | 单项判定, a header row and three item rows
  const xs = [10, 16, 40, 48, 62, 78, 92];
  const ys = [10, 14, 18, 22, 26];
  const grid = [...ys.map((y) => h(y, 10, 92)), ...xs.map((x) => v(x, 10, 26))];

  it('When an OCR box runs a letter past a column line, then the whole name stays in its cell', () => {
    const doc = ocrPage(
      [
        ...header,
        ['1', 11, 12, 15],
        // the box ends 0.9 past the name | unit line (less than a character): "…DEHP" is one name
        ['邻苯二甲酸酯 DBP+BBP+DEHP', 21.2, 40.9, 15],
        ['%', 43, 44, 15],
        ['≤0.1', 49, 53, 15],
        ['未检出', 63, 68, 15],
        ['合格', 79, 82, 15],
        ['2', 11, 12, 19],
        ['甲醛含量', 17, 23, 19],
        ['mg/kg', 41, 46, 19],
        ['≤75', 49, 52, 19],
        ['16', 63, 65, 19],
        ['合格', 79, 82, 19],
        ['3', 11, 12, 23],
        ['pH值', 17, 21, 23],
        ['/', 41, 42, 23],
        ['4.0~8.5', 49, 55, 23],
        ['9.1', 63, 66, 23],
        ['不合格', 79, 84, 23],
      ],
      grid,
    );
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.unit, i.result, i.verdict])).toEqual([
      ['邻苯二甲酸酯 DBP+BBP+DEHP', '%', '未检出', 'pass'],
      ['甲醛含量', 'mg/kg', '16', 'pass'],
      ['pH值', null, '9.1', 'fail'],
    ]);
  });

  it('When one OCR segment holds two cells across a column line, then it is cut at the space between them', () => {
    const doc = ocrPage(
      [
        ...header,
        ['1', 11, 12, 15],
        // the name and the unit read as one segment; the line runs between them, far from the cut the
        // characters' widths alone would give
        ['DINP+DIDP+DNOP %', 27, 46.5, 15],
        ['≤0.1', 49, 53, 15],
        ['未检出', 63, 68, 15],
        ['合格', 79, 82, 15],
        ['2', 11, 12, 19],
        ['甲醛含量', 17, 23, 19],
        ['mg/kg', 41, 46, 19],
        ['≤75', 49, 52, 19],
        // a result and its verdict read as one segment (no space), the line well inside it: cut where
        // the script changes, not where the characters spread over the box would put the line
        ['16合格', 63, 82, 19],
        ['3', 11, 12, 23],
        ['pH值', 17, 21, 23],
        ['4.0~8.5', 49, 55, 23],
        ['9.1', 63, 66, 23],
        ['不合格', 79, 84, 23],
      ],
      grid,
    );
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.unit, i.result, i.verdict])).toEqual([
      ['DINP+DIDP+DNOP', '%', '未检出', 'pass'],
      ['甲醛含量', 'mg/kg', '16', 'pass'],
      ['pH值', null, '9.1', 'fail'],
    ]);
  });

  it('When a name without a column line overhangs its column guess, then it is not cut and its merged parent is read once', () => {
    // no lines: columns from the header words and the white space; 耐水色牢度 (a parent centred
    // between its sub-rows 变色 / 沾色) starts left of the name column's header, over the gap after 序号
    const at = (text: string, x: number, yc: number, w = 8): [string, number, number, number] => [
      text,
      x,
      x + w,
      yc - 0.6,
    ];
    const doc = ocrPage([
      at('序号', 5, 10),
      at('检验项目', 15, 10),
      at('单位', 35, 10),
      at('标准要求', 45, 10),
      at('检验结果', 60, 10),
      at('单项结论', 75, 10),
      at('1', 5, 13),
      at('甲醛含量', 15, 13),
      at('mg/kg', 35, 13),
      at('≤75', 45, 13),
      at('未检出（<20）', 60, 13),
      at('合格', 75, 13),
      at('变色', 26, 15),
      at('级', 35, 15),
      at('≥3-4', 45, 15),
      at('4', 60, 15),
      at('合格', 75, 15),
      at('2', 5, 16),
      at('耐水色牢度', 12, 16),
      at('沾色', 26, 17),
      at('级', 35, 17),
      at('≥3-4', 45, 17),
      at('4-5', 60, 17),
      at('合格', 75, 17),
      at('3', 5, 19),
      at('绳带要求', 15, 19),
      at('/', 35, 19),
      at('符合', 60, 19),
      at('合格', 75, 19),
    ]);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['甲醛含量', '未检出（<20）', 'pass'],
      ['耐水色牢度 变色', '4', 'pass'],
      ['耐水色牢度 沾色', '4-5', 'pass'],
      ['绳带要求', '符合', 'pass'],
    ]);
  });

  it("When a seal broke a matrix table's lines (a column line missing in the header row, row lines cut short, no right outline), then its sub-item columns are still read", () => {
    // 序号 | 检验项目 | 单位 | 标准要求 | 变色 | 沾色 | 单项判定 ; rows: header, three items
    const cols = [10, 16, 36, 44, 58, 68, 78, 92];
    const rows = [10, 14, 18, 22, 26];
    const rules = [
      h(10, 10, 92),
      h(26, 10, 92),
      // the middle row lines stop short of the verdict column and go on after a break
      ...[14, 18, 22].flatMap((y) => [h(y, 10, 77), h(y, 81, 92)]),
      // no right outline; the 沾色 | 单项判定 line starts below the header row
      ...cols.slice(0, 6).map((x) => v(x, 10, 26)),
      v(78, 14.2, 26),
    ];
    const row = (y: number, cells: string[]): [string, number, number, number][] =>
      cells.flatMap((text, c) => {
        if (!text) return [];
        const x0 = (cols[c] ?? 0) + 1;
        const width = [...text].reduce((a, ch) => a + (/[\u3400-\u9fff]/.test(ch) ? 1.5 : 0.8), 0);
        return [[text, x0, x0 + width, y + 1]];
      });
    const doc = ocrPage(
      [
        ...row(rows[0] ?? 0, ['序号', '检验项目', '单位', '标准要求', '变色', '沾色', '单项判定']),
        ...row(rows[1] ?? 0, ['1', '耐水色牢度', '级', '≥3-4', '4-5', '4', '合格']),
        ...row(rows[2] ?? 0, ['2', '耐汗渍色牢度', '级', '≥3-4', '4', '3-4', '合格']),
        ...row(rows[3] ?? 0, ['3', '耐皂洗色牢度', '级', '≥3-4', '2', '4', '不合格']),
      ],
      rules,
    );
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['耐水色牢度 变色', '4-5', 'pass'],
      ['耐水色牢度 沾色', '4', 'pass'],
      ['耐汗渍色牢度 变色', '4', 'pass'],
      ['耐汗渍色牢度 沾色', '3-4', 'pass'],
      ['耐皂洗色牢度 变色', '2', 'fail'],
      ['耐皂洗色牢度 沾色', '4', 'fail'],
    ]);
  });

  it('When a seal broke row lines off before the verdict column, then each row keeps its own verdict instead of one merged cell', () => {
    // the row lines under rows 1 and 2 end inside the verdict column (a seal over their right ends)
    const rules = [
      h(10, 10, 92),
      h(14, 10, 92),
      h(18, 10, 84.5),
      h(22, 10, 81),
      h(26, 10, 92),
      ...xs.map((x) => v(x, 10, 26)),
    ];
    const doc = ocrPage(
      [
        ...header,
        ['1', 11, 12, 15],
        ['甲醛含量', 17, 23, 15],
        ['mg/kg', 41, 45, 15],
        ['≤75', 49, 52, 15],
        ['16', 63, 65, 15],
        ['P', 80, 81, 15],
        ['2', 11, 12, 19],
        ['pH值', 17, 21, 19],
        ['-', 41, 42, 19],
        ['4.0~8.5', 49, 55, 19],
        ['9.1', 63, 66, 19],
        ['F', 80, 81, 19],
        ['3', 11, 12, 23],
        ['异味', 17, 20, 23],
        ['-', 41, 42, 23],
        ['无', 49, 50, 23],
        ['无', 63, 64, 23],
        ['P', 80, 81, 23],
      ],
      rules,
    );
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.verdict])).toEqual([
      ['甲醛含量', 'pass'],
      ['pH值', 'fail'],
      ['异味', 'pass'],
    ]);
  });

  it('When an unruled scanned table prints check marks OCR misread, then they count only in the verdict column and are marked for review', () => {
    const doc = ocrPage([
      // "No." and "Test Items" read as one segment
      ['No. Test Items', 11, 25, 11],
      ['Limit', 42, 46, 11],
      ['Test Result', 58, 66, 11],
      ['Unit', 72, 75, 11],
      ['Judgement', 82, 90, 11],
      ['1', 11, 12, 15],
      ['甲醛含量', 15, 21, 15],
      ['≤75', 42, 45, 15],
      ['<20', 58, 61, 15],
      ['mg/kg', 72, 76, 15],
      ['<', 82, 83, 15],
      ['2', 11, 12, 19],
      ['可迁移元素 铅(Pb)', 15, 28, 19],
      ['≤90', 42, 45, 19],
      ['186', 58, 61, 19],
      ['mg/kg', 72, 76, 19],
      ['x', 82, 83, 19],
      ['3', 11, 12, 23],
      ['异味', 15, 18, 23],
      ['无', 42, 43, 23],
      ['无', 58, 59, 23],
      ['/', 72, 73, 23],
      ['P', 82, 83, 23],
      ['4', 11, 12, 27],
      ['pH值', 15, 18, 27],
      ['4.0~8.5', 42, 48, 27],
      ['5.9', 58, 61, 27],
      ['/', 72, 73, 27],
      ['p', 82, 83, 27],
      ['5', 11, 12, 31],
      ['可迁移元素 镉(Cd)', 15, 28, 31],
      ['≤75', 42, 45, 31],
      ['98', 58, 60, 31],
      ['mg/kg', 72, 76, 31],
      // a × on a slightly turned page
      ['+', 82, 83, 31],
    ]);
    const items = readItemTables(doc)?.items ?? [];
    expect(items.map((i) => [i.name, i.result, i.verdict, i.verdictFromMisread ?? null])).toEqual([
      ['甲醛含量', '<20', 'pass', '<'],
      ['可迁移元素 铅(Pb)', '186', 'fail', 'x'],
      ['异味', '无', 'pass', null],
      ['pH值', '5.9', 'pass', 'p'],
      ['可迁移元素 镉(Cd)', '98', 'fail', '+'],
    ]);
    expect(unreadVerdictFlags(items).map((f) => [f.path, f.reason])).toEqual([
      ['items.0.verdict', 'uncertain_mark'],
      ['items.1.verdict', 'uncertain_mark'],
      ['items.3.verdict', 'uncertain_mark'],
      ['items.4.verdict', 'uncertain_mark'],
    ]);
  });

  it('When an unruled row prints its cells at two heights (a wrapped name beside its number), then it stays one row', () => {
    const doc = ocrPage([
      ['序号', 11, 14, 11],
      ['检验项目', 20, 26, 11],
      ['检验方法', 35, 41, 11],
      ['标准要求', 49, 56, 11],
      ['检验结果', 63, 70, 11],
      ['单项判定', 79, 86, 11],
      ['1', 11, 12, 15],
      ['甲醛含量', 20, 26, 15],
      ['GB/T 2912.1-2009', 35, 46, 15],
      ['≤75', 49, 52, 15],
      ['<20', 63, 66, 15],
      ['合格', 79, 82, 15],
      // row 2: name, method and limit a little above the line holding its number, result and verdict
      ['邻苯二甲酸酯', 20, 29, 18.6],
      ['GB/T 22048-2022', 35, 46, 18.6],
      ['≤0.1', 49, 52, 18.6],
      ['2', 11, 12, 19.4],
      ['未检出', 63, 68, 19.4],
      ['合格', 79, 82, 19.4],
      ['DBP+BBP+DEHP', 20, 30, 20.2],
    ]);
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.requirement, i.result, i.verdict])).toEqual([
      ['甲醛含量', '≤75', '<20', 'pass'],
      ['邻苯二甲酸酯 DBP+BBP+DEHP', '≤0.1', '未检出', 'pass'],
    ]);
  });

  it('When OCR read nothing in one cell of a matrix row, then that sub-item is kept unread (no result, no verdict) instead of dropped', () => {
    const cols = [10, 16, 36, 44, 58, 68, 78, 92];
    const rows = [10, 14, 18, 22];
    const rules = [...rows.map((y) => h(y, 10, 92)), ...cols.map((x) => v(x, 10, 22))];
    const row = (y: number, cells: string[]): [string, number, number, number][] =>
      cells.flatMap((text, c) => {
        if (!text) return [];
        const x0 = (cols[c] ?? 0) + 1;
        const width = [...text].reduce((a, ch) => a + (/[\u3400-\u9fff]/.test(ch) ? 1.5 : 0.8), 0);
        return [[text, x0, x0 + width, y + 1]];
      });
    const doc = ocrPage(
      [
        ...row(10, ['序号', '检验项目', '单位', '标准要求', '变色', '沾色', '单项判定']),
        ...row(14, ['1', '耐水色牢度', '级', '≥3-4', '4-5', '', '合格']),
        ...row(18, ['2', '耐汗渍色牢度', '级', '≥3-4', '4', '3-4', '合格']),
      ],
      rules,
    );
    expect(readItemTables(doc)?.items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['耐水色牢度 变色', '4-5', 'pass'],
      ['耐水色牢度 沾色', null, null],
      ['耐汗渍色牢度 变色', '4', 'pass'],
      ['耐汗渍色牢度 沾色', '3-4', 'pass'],
    ]);
  });
});

describe('verdicts of two rows OCR read as one segment', () => {
  it('When the verdict column\'s cells of two rows come as one segment "符合符合" two lines tall, then each row keeps its own verdict', () => {
    const items = readItemTables(ocrSegmentsDoc(PHOTO_STACKED_VERDICTS_TABLE))?.items ?? [];
    expect(items).toHaveLength(23);
    expect(items.slice(16).map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['耐光色牢度', '5', 'pass'],
      ['起毛起球', '4-5', 'pass'],
      ['顶破强力', '318', 'pass'],
      ['水洗尺寸变化率 直向', '-0.9', 'pass'],
      ['水洗尺寸变化率 横向', '-14', 'pass'],
      ['燃烧性能', '1级', 'pass'],
      // its verdict OCR read as "合" alone: unread, not a neighbour's
      ['使用说明', '符合', null],
    ]);
  });

  it('When the check marks of two rows come as one tall segment read "<<", then each row keeps its own mark, and rows whose mark OCR did not see keep theirs unread', () => {
    const items = readItemTables(ocrSegmentsDoc(PHOTO_MARKS_OF_TWO_ROWS_AS_ONE, 0.0168))?.items ?? [];
    expect(items).toHaveLength(23);
    expect(items.slice(17).map((i) => [i.name, i.verdict])).toEqual([
      ['起毛起球', 'pass'],
      ['顶破强力', 'pass'],
      ['水洗尺寸变化率 直向', 'pass'],
      ['水洗尺寸变化率 横向', 'pass'],
      ['燃烧性能', null],
      ['使用说明', null],
    ]);
  });
});

describe('matrix tables and row lines printed without column lines', () => {
  const itemsOf = (doc: DocumentText) =>
    (readItemTables(doc)?.items ?? []).map((i) => [i.name, i.requirement, i.result, i.verdict]);

  it('When a 三线表 page holds few rows (only its top, header and bottom lines drawn), then each text row is an item, not one row of all', () => {
    const rules = [h(9.5, 5, 95), h(12.5, 5, 95), h(19, 5, 95)];
    const doc = page(
      [
        ['编号', 6, 10.5],
        ['项目', 14, 10.5],
        ['标准值', 40, 10.5],
        ['检验结果', 60, 10.5],
        ['单项判定', 80, 10.5],
        ['21', 6, 13.5],
        ['水洗尺寸变化率 横向', 14, 13.5],
        ['-3.0～+2.0', 40, 13.5],
        ['-1.4', 60, 13.5],
        ['P', 80, 13.5],
        ['22', 6, 15.5],
        ['燃烧性能', 14, 15.5],
        ['1级', 40, 15.5],
        ['1级', 60, 15.5],
        ['P', 80, 15.5],
        ['23', 6, 17.5],
        ['使用说明', 14, 17.5],
        ['符合GB 5296.4要求', 40, 17.5],
        ['符合', 60, 17.5],
        ['F', 80, 17.5],
      ],
      rules,
    );
    expect(itemsOf(doc)).toEqual([
      ['水洗尺寸变化率 横向', '-3.0～+2.0', '-1.4', 'pass'],
      ['燃烧性能', '1级', '1级', 'pass'],
      ['使用说明', '符合GB 5296.4要求', '符合', 'fail'],
    ]);
  });

  it("When elements stand as columns under a parent and the tested part as a row (no lines), then each cell is an item with its column's limit and verdict", () => {
    const doc = page([
      ['可迁移元素 (mg/kg)', 20, 10],
      ['测试部位', 5, 11],
      ['锑(Sb)', 20, 12],
      ['铅(Pb)', 40, 12],
      ['汞(Hg)', 60, 12],
      ['限量值', 5, 14],
      ['≤60', 20, 14],
      ['≤90', 40, 14],
      ['≤60', 60, 14],
      ['主体材料', 5, 16],
      ['ND(<2)', 20, 16],
      ['186', 40, 16],
      ['ND(<2)', 60, 16],
      ['结论', 5, 18],
      ['P', 20, 18],
      ['F', 40, 18],
      ['P', 60, 18],
    ]);
    expect(itemsOf(doc)).toEqual([
      ['可迁移元素 锑(Sb)', '≤60', 'ND(<2)', 'pass'],
      ['可迁移元素 铅(Pb)', '≤90', '186', 'fail'],
      ['可迁移元素 汞(Hg)', '≤60', 'ND(<2)', 'pass'],
    ]);
  });

  it('When cells of an unlined matrix by tested part wrap in narrow columns (铅 / (Pb), Not / detected(<2), 不合 / 格), then each wrapped cell is read whole in its row', () => {
    // one-line cells centred in their rows, wrapped cells half a line above and below them
    const doc = page([
      ['可迁移元素 (mg/kg)', 20, 9],
      ['测试部位', 5, 11],
      ['锑(Sb)', 20, 12],
      ['铅', 40, 11.4],
      ['(Pb)', 40, 12.6],
      ['汞(Hg)', 60, 12],
      ['限量值', 5, 15],
      ['≤60', 20, 15],
      ['≤90', 40, 15],
      ['≤60', 60, 15],
      ['主体材料', 5, 18],
      ['Not', 20, 17.4],
      ['detected(<2)', 20, 18.6],
      ['186', 40, 18],
      ['Not', 60, 17.4],
      ['detected(<2)', 60, 18.6],
      ['结论', 5, 21],
      ['合格', 20, 21],
      ['不合', 40, 20.4],
      ['格', 40, 21.6],
      ['合格', 60, 21],
    ]);
    expect(itemsOf(doc)).toEqual([
      ['可迁移元素 锑(Sb)', '≤60', 'Not detected(<2)', 'pass'],
      ['可迁移元素 铅(Pb)', '≤90', '186', 'fail'],
      ['可迁移元素 汞(Hg)', '≤60', 'Not detected(<2)', 'pass'],
    ]);
  });

  it("When the last row label of an unlined transposed matrix wraps (判定 / Conclusion), then the table reaches down to its last line (the lines below are the report's)", () => {
    const doc = page([
      ['可迁移元素', 5, 10],
      ['项目', 5, 12],
      ['锑(Sb)', 20, 12],
      ['铅(Pb)', 40, 12],
      ['汞(Hg)', 60, 12],
      ['单位', 5, 14.5],
      ['mg/kg', 20, 14.5],
      ['mg/kg', 40, 14.5],
      ['mg/kg', 60, 14.5],
      ['Limit', 5, 17],
      ['≤60', 20, 17],
      ['≤90', 40, 17],
      ['≤60', 60, 17],
      ['Result', 5, 19.5],
      ['ND(<2)', 20, 19.5],
      ['186', 40, 19.5],
      ['ND(<2)', 60, 19.5],
      ['判定', 5, 21.4],
      ['Conclusion', 5, 22.6],
      ['√', 20, 22],
      ['×', 40, 22],
      ['√', 60, 22],
      ['——以下空白——', 30, 25],
    ]);
    const read = readItemTables(doc);
    expect(read?.items.map((i) => [i.name, i.verdict])).toEqual([
      ['可迁移元素 锑(Sb)', 'pass'],
      ['可迁移元素 铅(Pb)', 'fail'],
      ['可迁移元素 汞(Hg)', 'pass'],
    ]);
    expect(Math.max(...(read?.regions ?? []).map((r) => r.box.y1))).toBeGreaterThanOrEqual(0.238);
  });

  it('When a transposed matrix (项目/单位/Limit/Test Result/Verdict as row labels, two-line labels and values) has no lines, then each column is an item', () => {
    const doc = page([
      ['可迁移元素', 5, 10],
      ['项目', 5, 12],
      ['锑(Sb)', 20, 12],
      ['钡(Ba)', 40, 12],
      ['铅(Pb)', 60, 12],
      ['单位', 5, 14],
      ['mg/kg', 20, 14],
      ['mg/kg', 40, 14],
      ['mg/kg', 60, 14],
      ['Limit', 5, 16],
      ['≤60', 20, 16],
      ['≤1000', 40, 16],
      ['≤90', 60, 16],
      // "Test / Result" and "Not / detected(<2)" wrapped; single values centred between the lines
      ['Test', 5, 18],
      ['Not', 20, 18],
      ['54', 40, 18.7],
      ['186', 60, 18.7],
      ['Result', 5, 19.4],
      ['detected(<2)', 20, 19.4],
      ['Verdict', 5, 21.4],
      ['√', 20, 21.4],
      ['√', 40, 21.4],
      ['×', 60, 21.4],
    ]);
    expect(itemsOf(doc)).toEqual([
      ['可迁移元素 锑(Sb)', '≤60', 'Not detected(<2)', 'pass'],
      ['可迁移元素 钡(Ba)', '≤1000', '54', 'pass'],
      ['可迁移元素 铅(Pb)', '≤90', '186', 'fail'],
    ]);
  });

  it('When sub-item labels (变色 | 沾色) stand between the cells of a two-line bilingual header, then each is a result column and each row gives one item per label', () => {
    const doc = page([
      ['编号', 5, 10],
      ['测试项目', 12, 10],
      ['技术要求', 30, 10],
      ['变色', 50, 10.6],
      ['沾色', 60, 10.6],
      ['评定', 75, 10],
      ['No.', 5, 11.2],
      ['Item', 12, 11.2],
      ['Requirement', 30, 11.2],
      ['Conclusion', 75, 11.2],
      ['1', 5, 13],
      ['耐水色牢度', 12, 13],
      ['≥3', 30, 13],
      ['4-5', 50, 13],
      ['2-3', 60, 13],
      ['不合格', 75, 13],
      ['2', 5, 15],
      ['耐汗渍色牢度', 12, 15],
      ['≥3', 30, 15],
      ['4', 50, 15],
      ['4', 60, 15],
      ['合格', 75, 15],
    ]);
    expect(itemsOf(doc)).toEqual([
      ['耐水色牢度 变色', '≥3', '4-5', 'fail'],
      ['耐水色牢度 沾色', '≥3', '2-3', 'fail'],
      ['耐汗渍色牢度 变色', '≥3', '4', 'pass'],
      ['耐汗渍色牢度 沾色', '≥3', '4', 'pass'],
    ]);
  });
});

describe('matrix tables by tested part, one under the other', () => {
  it('When two element/phthalate matrices without lines follow each other, then each keeps its own parent, limits and verdicts', () => {
    const doc = page([
      ['可迁移元素 (mg/kg)', 20, 10],
      ['测试部位', 5, 11],
      ['锑(Sb)', 20, 12],
      ['铅(Pb)', 40, 12],
      ['汞(Hg)', 60, 12],
      ['限量值', 5, 14],
      ['≤60', 20, 14],
      ['≤90', 40, 14],
      ['≤60', 60, 14],
      ['主体材料', 5, 16],
      ['ND(<2)', 20, 16],
      ['186', 40, 16],
      ['ND(<2)', 60, 16],
      ['结论', 5, 18],
      ['P', 20, 18],
      ['F', 40, 18],
      ['P', 60, 18],
      ['邻苯二甲酸酯 (%)', 20, 20],
      ['测试部位', 5, 21],
      ['DBP', 20, 22],
      ['BBP', 40, 22],
      ['DEHP', 60, 22],
      ['限量值', 5, 24],
      ['≤0.1', 20, 24],
      ['≤0.1', 40, 24],
      ['≤0.1', 60, 24],
      ['主体材料', 5, 26],
      ['ND', 20, 26],
      ['ND', 40, 26],
      ['0.3', 60, 26],
      ['结论', 5, 28],
      ['P', 20, 28],
      ['P', 40, 28],
      ['F', 60, 28],
    ]);
    const items = (readItemTables(doc)?.items ?? []).map((i) => [i.name, i.requirement, i.result, i.verdict]);
    expect(items).toEqual([
      ['可迁移元素 锑(Sb)', '≤60', 'ND(<2)', 'pass'],
      ['可迁移元素 铅(Pb)', '≤90', '186', 'fail'],
      ['可迁移元素 汞(Hg)', '≤60', 'ND(<2)', 'pass'],
      ['邻苯二甲酸酯 DBP', '≤0.1', 'ND', 'pass'],
      ['邻苯二甲酸酯 BBP', '≤0.1', 'ND', 'pass'],
      ['邻苯二甲酸酯 DEHP', '≤0.1', '0.3', 'fail'],
    ]);
  });

  it('When a page after an item table prints a matrix whose header rows only are ruled (its body without lines), then the matrix is read, not its header grid alone', () => {
    const first = page([
      ['序号', 5, 10],
      ['检验项目', 15, 10],
      ['检验结果', 40, 10],
      ['判定', 60, 10],
      ['1', 5, 13],
      ['甲醛含量', 15, 13],
      ['16', 40, 13],
      ['Pass', 60, 13],
      ['2', 5, 15],
      ['pH值', 15, 15],
      ['6.5', 40, 15],
      ['Pass', 60, 15],
    ]);
    // boxes around the corner label, the parent and each sub-item; a rule under the body only
    const rules = [
      h(9.5, 4, 75),
      h(11.5, 15, 75),
      h(13.5, 4, 75),
      h(20, 4, 75),
      v(4, 9.5, 13.5),
      v(15, 9.5, 13.5),
      v(35, 11.5, 13.5),
      v(55, 11.5, 13.5),
      v(75, 9.5, 13.5),
    ];
    const second = page(
      [
        ['可迁移元素 (mg/kg)', 20, 10],
        ['测试部位', 5, 11],
        ['锑(Sb)', 20, 12],
        ['铅(Pb)', 40, 12],
        ['汞(Hg)', 60, 12],
        ['限量值', 5, 14.5],
        ['≤60', 20, 14.5],
        ['≤90', 40, 14.5],
        ['≤60', 60, 14.5],
        ['主体材料', 5, 16.5],
        ['ND(<2)', 20, 16.5],
        ['186', 40, 16.5],
        ['ND(<2)', 60, 16.5],
        ['评定', 5, 18.5],
        ['Pass', 20, 18.5],
        ['Fail', 40, 18.5],
        ['Pass', 60, 18.5],
      ],
      rules,
    );
    const doc = joinPages(first, second);
    const items = (readItemTables(doc)?.items ?? []).map((i) => [i.name, i.requirement, i.result, i.verdict]);
    expect(items).toEqual([
      ['甲醛含量', null, '16', 'pass'],
      ['pH值', null, '6.5', 'pass'],
      ['可迁移元素 锑(Sb)', '≤60', 'ND(<2)', 'pass'],
      ['可迁移元素 铅(Pb)', '≤90', '186', 'fail'],
      ['可迁移元素 汞(Hg)', '≤60', 'ND(<2)', 'pass'],
    ]);
  });
});

describe('OCR pages of several unruled tables', () => {
  /** An OCR'd page on the 100 × 100 grid (one segment per word). */
  function ocrPage(words: [string, number, number][]): DocumentText {
    const doc = page(words);
    return { form: 'scanned_pdf', pages: doc.pages.map((p) => ({ ...p, source: 'ocr' as const })) };
  }
  const row = (y: number, cells: string[], xs: number[]): [string, number, number][] =>
    cells.map((c, i) => [c, xs[i] ?? 0, y] as [string, number, number]).filter(([c]) => c !== '');

  it('When a seal hides the verdicts of a table found by its header, then its rows are kept with their verdicts unread', () => {
    const main = [6, 10, 26, 48, 54, 70];
    const mx = [6, 10, 48, 26, 56, 62, 70];
    const doc = ocrPage([
      ...row(20, ['No.', 'Test Item', 'Limit', 'Unit', 'Result', 'Judgement'], main),
      ...row(23, ['1', '甲醛', '≤75', 'mg/kg', '<20', '√'], main),
      ...row(26, ['2', 'pH', '4.0~8.5', '-', '5.9', '√'], main),
      ...row(40, ['No.', 'Test Item', 'Unit', 'Limit', '直向', '横向', 'Judgen ent'], mx),
      ...row(43, ['3', '水洗尺寸变化率', '%', '-3.0~+2.0', '-0.9', '', ''], mx),
      ['——以下空白——', 30, 49],
    ]);
    const items = readItemTables(doc)?.items ?? [];
    expect(items.map((i) => [i.name, i.verdict])).toEqual([
      ['甲醛', 'pass'],
      ['pH', 'pass'],
      ['水洗尺寸变化率 直向', null],
    ]);
  });

  it('When a seal joins two cells of a row into one OCR segment, then the row stays in its table and the rows below it too', () => {
    const mx = [6, 10, 48, 26, 56, 62, 70];
    const doc = ocrPage([
      ...row(40, ['No.', 'Test Item', 'Unit', 'Limit', '变色', '沾色', 'Judgement'], mx),
      // the seal's text and both values in one segment reaching into the judgement column's gap
      ...row(43, ['1', '耐水色牢度', '级', '≥3-4', '', '', '√'], mx),
      ['5检验检测专用章章4用章', 55, 43],
      ...row(46, ['2', '耐汗渍色牢度', '级', '≥3-4', '4', '4-5', '√'], mx),
      ...row(49, ['3', '耐皂洗色牢度', '级', '≥3-4', '4-5', '4', '√'], mx),
      ['——以下空白——', 30, 55],
    ]);
    const items = readItemTables(doc)?.items ?? [];
    expect(items.map((i) => i.name)).toEqual(
      expect.arrayContaining([
        '耐汗渍色牢度 变色',
        '耐汗渍色牢度 沾色',
        '耐皂洗色牢度 变色',
        '耐皂洗色牢度 沾色',
      ]),
    );
    // the seal's row is kept, not dropped: its cells are there to review
    expect(items.filter((i) => i.name.startsWith('耐水色牢度')).length).toBeGreaterThan(0);
  });

  it('When a header segment took a glyph of its neighbour ("tTest Method") and a one-row matrix table follows with a misread value, then all three tables are read', () => {
    const main = [6, 10, 26, 48, 54, 70, 78];
    const mx = [6, 10, 48, 26, 56, 62, 70];
    const doc = ocrPage([
      ...row(20, ['No.', 'Test Item', 'Limit', 'Unit', 'Result', 'Judgement', 'tTest Method'], main),
      ...row(23, ['1', '甲醛', '≤75', 'mg/kg', '<20', '√', 'GB/T 2912.1-2009'], main),
      ...row(26, ['2', 'pH', '4.0~8.5', '-', '5.9', '√', 'GB/T 7573-2009'], main),
      ...row(29, ['3', '异味', '无', '-', '无', '√', '目测'], main),
      ...row(40, ['No.', 'Test Item', 'Unit', 'Limit', '变色', '沾色', 'Judgement'], mx),
      ...row(43, ['4', '耐水色牢度', '级', '≥3-4', '5', '5', '√'], mx),
      ...row(46, ['5', '耐汗渍色牢度', '级', '≥3-4', '4', '4', '√'], mx),
      ...row(55, ['No.', 'Test Item', 'Unit', 'Limit', '直向', '横向', 'Judgement'], mx),
      ...row(58, ['6', '水洗尺寸变化率', '%', '-3.0~+2.0', '-0.9', '-1:4', '√'], mx),
      ['——以下空白——', 30, 64],
    ]);
    const names = readItemTables(doc)?.items.map((i) => i.name);
    expect(names).toEqual([
      '甲醛',
      'pH',
      '异味',
      '耐水色牢度 变色',
      '耐水色牢度 沾色',
      '耐汗渍色牢度 变色',
      '耐汗渍色牢度 沾色',
      '水洗尺寸变化率 直向',
      '水洗尺寸变化率 横向',
    ]);
  });
});

describe('a table printed without a header row under the header fields', () => {
  it('When key/value lines of the header fields stand in columns above it, then they are no items', () => {
    const cols = [6, 10, 30, 45, 60, 75];
    const line = (y: number, cells: string[]): [string, number, number][] =>
      cells.map((c, i) => [c, cols[i] ?? 0, y] as [string, number, number]);
    const doc = page([
      ['样品名称', 6, 10],
      ['中小学生校服', 20, 10],
      ['型号规格', 50, 10],
      ['YJ24-C30', 65, 10],
      ['商标', 6, 13],
      ['优佳', 20, 13],
      ['生产日期/批号', 50, 13],
      ['/', 65, 13],
      ['委托单位', 6, 16],
      ['江州优佳服装贸易有限公司', 20, 16],
      ['检验类别', 50, 16],
      ['委托检验', 65, 16],
      ...line(20, ['1', '甲醛', 'Pass', '<20', '≤75', 'GB/T 2912.1-2009']),
      ...line(23, ['2', 'pH', 'Pass', '5.9', '4.0~8.5', 'GB/T 7573-2009']),
      ...line(26, ['3', '异味', 'Pass', '无', '无', 'GB 18401-2010']),
      ...line(29, ['4', '耐光色牢度', 'Fail', '3', '≥4', 'GB/T 8427-2019']),
      ['——以下空白——', 30, 35],
    ]);
    const items = readItemTables(doc)?.items ?? [];
    expect(items.map((i) => [i.name, i.verdict])).toEqual([
      ['甲醛', 'pass'],
      ['pH', 'pass'],
      ['异味', 'pass'],
      ['耐光色牢度', 'fail'],
    ]);
  });
});

describe('a table printed without a header row under the page header', () => {
  it("When the page's running header (lab, Report No., 第 2 页 共 2 页) stands close above the rows, then it is not read into the first row", () => {
    const cols = [6, 30, 45, 55, 70];
    const line = (y: number, cells: string[]): [string, number, number][] =>
      cells.map((c, i) => [c, cols[i] ?? 0, y] as [string, number, number]);
    const doc = page([
      ['江州市产品质量监督检验院', 6, 4],
      ['CMA 170022342981', 66, 4],
      ['CNAS L0659', 84, 4],
      ['Report No.: WT2024-5438', 6, 6],
      ['第 2 页 共 2 页', 84, 6],
      ...line(7.8, ['甲醛含量', 'mg/kg', '符合', '≤75', '＜20']),
      ...line(9.6, ['pH值', '—', '符合', '4.0~8.5', '5.9']),
      ...line(11.4, ['异味', '—', '符合', '无', '无']),
      ...line(13.2, ['耐光色牢度', '级', '不符合', '≥4', '3']),
      ['-- End of Report --', 40, 16],
    ]);
    const items = readItemTables(doc)?.items ?? [];
    expect(items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['甲醛含量', '<20', 'pass'],
      ['pH值', '5.9', 'pass'],
      ['异味', '无', 'pass'],
      ['耐光色牢度', '3', 'fail'],
    ]);
  });
});

describe('a ruled matrix under a seal, after a table printed without column lines', () => {
  const items = () =>
    readItemTables(ocrSegmentsDoc(SCAN_MICROBES_UNDER_SEAL, 0, SCAN_MICROBES_UNDER_SEAL_RULES))?.items ?? [];

  it('When the table above reaches the end marker only across the matrix, then the matrix is still read: one item per microbe, named parent + microbe', () => {
    expect(items().map((i) => [i.name, i.unit, i.result, i.verdict])).toEqual([
      ['水洗尺寸变化率 直向', '%', '-2.5', 'pass'],
      ['水洗尺寸变化率 横向', '%', '-1.5', 'pass'],
      ['微生物 细菌菌落总数', 'CFU/g', '<10', 'pass'],
      ['微生物 大肠菌群', null, 'Not detected', 'pass'],
      ['微生物 致病性化脓菌', null, 'Not detected', 'pass'],
      ['微生物 真菌菌落总数', 'CFU/g', '<10', 'pass'],
    ]);
  });

  it('When the seal took a column line along in the lower rows and left a piece of its wording over a label, then each microbe keeps its own limit and its name without the seal', () => {
    const last = items().slice(-2);
    expect(last.map((i) => [i.name, i.requirement])).toEqual([
      ['微生物 致病性化脓菌', '不得检出'],
      ['微生物 真菌菌落总数', '≤100'],
    ]);
  });
});

describe('a table of sub-items followed by a table whose header OCR could not read', () => {
  const doc = () =>
    ocrSegmentsDoc(SCAN_SUB_TABLE_BEFORE_UNREAD_HEADER, 0, SCAN_SUB_TABLE_BEFORE_UNREAD_HEADER_RULES);

  it('When the next header names its columns but one label is unreadable (纬向检验章), then the table above still ends there: one item per row and sub-item, none run into the next table', () => {
    const items = readItemTables(doc())?.items ?? [];
    expect(items.map((i) => [i.name, i.requirement, i.result, i.verdict])).toEqual([
      ['耐水色牢度 变色', '≥3', '5', 'pass'],
      ['耐水色牢度 沾色', '≥3', '5-', 'pass'],
      ['耐汗渍色牢度 变色', '≥3', '3-4', null],
      ['耐汗渍色牢度 沾色', '≥3', '4-5', null],
    ]);
  });
});

describe('a unit and a verdict OCR read as one segment', () => {
  it('When a row reads "mg/kg符合" across the unit and verdict columns, then the unit and the verdict are each read', () => {
    const items =
      readItemTables(ocrSegmentsDoc(PHOTO_UNIT_RUN_INTO_VERDICT, 0, PHOTO_UNIT_RUN_INTO_VERDICT_RULES))
        ?.items ?? [];
    const metals = items.filter((i) => i.name.startsWith('可迁移元素'));
    expect(metals.map((i) => [i.name, i.unit, i.verdict])).toEqual([
      ['可迁移元素 锑(Sb)', 'mg/kg', 'pass'],
      ['可迁移元素 砷(As)', 'mg/kg', 'pass'],
      ['可迁移元素 钡(Ba)', 'mg/kg', 'pass'],
      ['可迁移元素 镉(Cd)', 'mg/kg', 'pass'],
      ['可迁移元素 铬(Cr)', 'mg/kg', 'pass'],
      ['可迁移元素 铅(Pb)', 'mg/kg', 'fail'],
      ['可迁移元素 汞(Hg)', 'mg/kg', 'pass'],
      ['可迁移元素 硒(Se)', 'mg/kg', 'pass'],
    ]);
  });
});

describe('a result and the verdict mark after it OCR read as one segment', () => {
  it('When a result of several words runs into the mark ("棉 53.8 聚酯纤维 46.2 √"), then the result keeps all its words and the mark is the verdict', () => {
    const items =
      readItemTables(ocrSegmentsDoc(SCAN_RESULT_RUN_INTO_MARK, 0, SCAN_RESULT_RUN_INTO_MARK_RULES))?.items ??
      [];
    const fibre = items.find((i) => i.name === '纤维含量');
    expect([fibre?.unit, fibre?.result, fibre?.verdict]).toEqual(['%', '棉 53.8 聚酯纤维 46.2', 'pass']);
    expect(items).toHaveLength(10);
  });
});

describe('a ruled table of one row under its own header', () => {
  it('When the last ruled table holds one row with a name and a verdict, then the row is read: as a table found by its header line would be', () => {
    const items =
      readItemTables(ocrSegmentsDoc(SCAN_RULED_ONE_ROW_TABLE, 0, SCAN_RULED_ONE_ROW_TABLE_RULES))?.items ??
      [];
    expect(items.slice(0, 6).map((i) => i.name)).toEqual([
      '耐水色牢度 变色',
      '耐水色牢度 沾色',
      '耐汗渍色牢度 变色',
      '耐汗渍色牢度 沾色',
      '耐皂洗色牢度 变色',
      '耐皂洗色牢度 沾色',
    ]);
    // the line between its sub-items was lost: what is read of the row is kept (its results as one,
    // which checks/report-checks.ts flags), not dropped
    const last = items.slice(6);
    expect(last.map((i) => [i.name.split(' ')[0], i.requirement, i.verdict])).toEqual([
      ['水洗尺寸变化率', '-3.0 ~+2.0', 'pass'],
    ]);
  });
});
