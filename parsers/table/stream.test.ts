import { cutBeforeOpeningWord, splitTrailingToken, type Word } from './grid';
import {
  ocrSegmentsDoc,
  PHOTO_REQUIREMENT_RUN_INTO_RESULT,
  SCAN_CONTINUED_MARKS_MISREAD_PAGE_1,
  SCAN_HEADERLESS_ELEMENTS_BESIDE_PARENTS,
  SCAN_HEADER_WORDS_RUN_TOGETHER,
  SCAN_HEADER_WORDS_WITH_A_GLYPH_TO_SPARE,
  SCAN_MARKS_GLUED_TO_NAMES,
  SCAN_TWO_UP_SUMMARY,
  SCAN_UNIT_GLUED_TO_SUB_ITEM,
} from '../testing/ocr-pages';
import { joinPages } from '../testing/doc';
import { readItemTables } from './read-tables';
import { continuedTable, streamTables } from './stream';

/** A word at x0 … x1, its top at y (page fractions × 100), one text line tall. */
const word = (text: string, x0: number, x1: number, y: number): Word => ({
  text,
  box: { x0: x0 / 100, y0: y / 100, x1: x1 / 100, y1: (y + 1.28) / 100 },
});

/** The words of one line at height y: [text, x0, x1] each. */
const row = (y: number, cells: [string, number, number][]) => cells.map(([t, a, b]) => word(t, a, b, y));

describe('a table continued on the next page without its header', () => {
  it('When its first rows hold no sub-items, then sub-item names running over the sub-item column guessed from them do not end the table', () => {
    // page 1's columns: 编号 | 项目 (parent | sub-item, narrow) | 标准值 | 单项判定 | 计量单位 | 检测方法 | 测试结果
    const columns = {
      xs: [0.06, 0.105, 0.266, 0.317, 0.426, 0.55, 0.653, 0.827, 0.917],
      kinds: ['index', 'name', 'name', 'requirement', 'verdict', 'unit', 'method', 'result'] as const,
      empty: [false, false, false, false, false, false, false, false],
    };
    // page 2, laid out wider; the sub-item names (细菌菌落总数) run over both of page 1's sub-item borders
    const words = [
      ...row(15.05, [
        ['12', 6.2, 7.9],
        ['填充物质量偏差率', 9.6, 21.7],
        ['≥-5.0', 36, 39.4],
        ['Pass', 62.8, 65.8],
        ['%', 67.8, 69.1],
        ['目测', 74.1, 77.1],
        ['-1.4', 90, 92.5],
      ]),
      ...row(16.84, [
        ['13', 6.2, 7.9],
        ['絮用纤维原料', 9.6, 18.7],
        ['不得使用废旧纤维及再加工纤维', 36, 57.2],
        ['Pass', 62.8, 65.8],
        ['—', 67.8, 69.3],
        ['目测', 74.1, 77.1],
        ['符合', 90, 93],
      ]),
      ...row(18.71, [
        ['14', 6.2, 7.9],
        ['异物', 9.6, 12.6],
        ['不得检出', 36, 42],
        ['Pass', 62.8, 65.8],
        ['—', 67.8, 69.3],
        ['目测', 74.1, 77.1],
        ['N.D.', 90, 92.9],
      ]),
      ...row(20.49, [
        ['细菌菌落总数', 23.7, 32.8],
        ['≤200', 36, 39.3],
        ['Pass', 62.8, 65.8],
        ['CFU/g', 67.8, 71.9],
        ['GB 15979-2002', 74.1, 84.4],
        ['<10', 90, 92.5],
      ]),
      ...row(22.27, [
        ['大肠菌群', 23.7, 29.8],
        ['不得检出', 36, 42],
        ['Pass', 62.8, 65.8],
        ['—', 67.8, 69.3],
        ['GB 15979-2002', 74.1, 84.4],
        ['N.D.', 90, 92.9],
      ]),
      ...row(23.16, [
        ['15', 6.2, 7.9],
        ['微生物', 9.6, 14.1],
      ]),
      ...row(24.05, [
        ['致病性化脓菌', 23.7, 32.8],
        ['不得检出', 36, 42],
        ['Pass', 62.8, 65.8],
        ['—', 67.8, 69.3],
        ['GB 15979-2002', 74.1, 84.4],
        ['N.D.', 90, 92.9],
      ]),
      ...row(27.62, [
        ['16', 6.2, 7.9],
        ['使用说明', 9.6, 15.7],
        ['符合GB 5296.4要求', 36, 49],
        ['Pass', 62.8, 65.8],
        ['—', 67.8, 69.3],
        ['目测', 74.1, 77.1],
        ['符合', 90, 93],
      ]),
    ];
    const table = continuedTable(words, { ...columns, kinds: [...columns.kinds] }, [], 2);
    const texts = table?.grid.cells.map((c) => c.text) ?? [];
    expect(texts).toEqual(expect.arrayContaining(['细菌菌落总数', '致病性化脓菌', '微生物', '使用说明']));
  });
});

describe('merged parents printed without lines', () => {
  it("When each parent stands on its own line between its two sub-rows, then a parent's cell spans its own sub-rows only, not the row of the parent above", () => {
    const values = (y: number, name: [string, number, number], result: string) =>
      row(y, [name, [result, 42.5, 45], ['√', 49.5, 50.3], ['≥1', 60.3, 63], ['%', 88.2, 89.5]]);
    const words = [
      ...row(48.2, [
        ['Test Items', 6.2, 13.2],
        ['Remarks', 33.7, 39.6],
        ['Result', 42.5, 46.7],
        ['Conclusion', 49.5, 57],
        ['Limit', 60.3, 63.7],
        ['Unit', 88.2, 91.1],
      ]),
      ...values(49.98, ['耐湿摩擦色牢度', 6.2, 16.8], '4-5'),
      ...values(51.76, ['经向', 20.9, 24], '426'),
      ...row(52.65, [['断裂强力', 6.2, 12.3]]),
      ...values(53.54, ['纬向', 20.9, 24], '450'),
      ...values(55.32, ['直向', 20.9, 24], '-2.5'),
      ...row(56.21, [['水洗尺寸变化率', 6.2, 16.8]]),
      ...values(57.1, ['横向', 20.9, 24], '-1.5'),
      ...values(58.88, ['填充物质量偏差率', 6.2, 18.3], '-1.4'),
    ];
    const [table] = streamTables(words, [], 1);
    const cell = (text: string) => table?.grid.cells.find((c) => c.text === text);
    expect(cell('断裂强力')).toMatchObject({ row: cell('经向')?.row, rowSpan: 2 });
    expect(cell('水洗尺寸变化率')).toMatchObject({ row: cell('直向')?.row, rowSpan: 2 });
  });
});

describe('a table continued without its header, laid out narrower', () => {
  it("When a limit on the next page stands in page 1's verdict column left of the verdict, then the row is still found and read", () => {
    // page 1: Test Items (parent | sub) | Specification | Assessment | Test Result | Unit
    const columns = {
      xs: [0.06, 0.175, 0.237, 0.523, 0.641, 0.866, 0.932],
      kinds: ['name', 'name', 'requirement', 'verdict', 'result', 'unit'] as const,
      empty: [false, false, false, false, false, false],
    };
    const words = [
      ...row(5.79, [
        ['报告编号：WT2024-5438', 5.7, 22.5],
        ['Page 2 of 2', 86.9, 94.4],
      ]),
      ...row(8.02, [
        ['DBP+BBP+DEHP', 26, 37],
        ['≤0.1', 52.9, 55.8],
        ['符合', 60.7, 63.7],
        ['未检出(<0.005)', 68.8, 78.8],
        ['%', 90.4, 91.6],
      ]),
      ...row(8.91, [['邻苯二甲酸酯', 6.2, 15.3]]),
      ...row(9.8, [
        ['DINP+DIDP+DNOP', 26, 38.8],
        ['≤0.1', 52.9, 55.8],
        ['符合', 60.7, 63.7],
        ['未检出(<0.005)', 68.8, 78.8],
        ['%', 90.4, 91.6],
      ]),
      ...row(12.12, [['-- End of Report --', 44, 56.1]]),
    ];
    const table = continuedTable(words, { ...columns, kinds: [...columns.kinds] }, [], 2);
    const texts = table?.grid.cells.map((c) => c.text) ?? [];
    expect(texts).toEqual(
      expect.arrayContaining(['DBP+BBP+DEHP', 'DINP+DIDP+DNOP', '邻苯二甲酸酯', '≤0.1', '符合']),
    );
    expect(texts.join(' ')).not.toContain('报告编号');
  });
});

describe('a table without a header line, read by what its columns hold', () => {
  it('When a continued page prints element sub-items beside their merged parents in other column widths, then every sub-item is an item under its parent with its limit, result and verdict', () => {
    const items = readItemTables(ocrSegmentsDoc(SCAN_HEADERLESS_ELEMENTS_BESIDE_PARENTS))?.items ?? [];
    const read = items.map((i) => [i.name, i.requirement, i.result, i.verdict]);
    expect(read).toContainEqual(['可迁移元素 铅(Pb)', '≤90', '186', 'fail']);
    expect(read).toContainEqual(['可迁移元素 锑(Sb)', '≤60', '<2', null]);
    expect(read).toContainEqual(['邻苯二甲酸酯 DINP+DIDP+DNOP', '≤0.1', '<0.005', 'pass']);
    expect(items.map((i) => i.name)).toEqual([
      ...['锑(Sb)', '砷(As)', '钡(Ba)', '镉(Cd)', '铬(Cr)', '铅(Pb)', '汞(Hg)', '硒(Se)'].map(
        (e) => `可迁移元素 ${e}`,
      ),
      '邻苯二甲酸酯 DBP+BBP+DEHP',
      '邻苯二甲酸酯 DINP+DIDP+DNOP',
    ]);
  });
});

describe('a mark or a unit OCR read onto the name before it', () => {
  it('When a check mark stands in one segment with the sub-item name left of it (水洗尺寸变化率直向√), then the name is the sub-item and the mark is the row’s verdict', () => {
    const items = readItemTables(ocrSegmentsDoc(SCAN_MARKS_GLUED_TO_NAMES))?.items ?? [];
    expect(items).toHaveLength(23);
    expect(
      items.filter((i) => i.name?.startsWith('水洗尺寸变化率')).map((i) => [i.name, i.result, i.verdict]),
    ).toEqual([
      ['水洗尺寸变化率 直向', '-0.9', 'pass'],
      ['水洗尺寸变化率 横向', '-1.4', 'pass'],
    ]);
  });

  it('When a sub-item and its unit come as one segment over the unit column’s border (DINP+DIDP+DNOP%), then the name is the sub-item and the unit its own', () => {
    const items = readItemTables(ocrSegmentsDoc(SCAN_UNIT_GLUED_TO_SUB_ITEM))?.items ?? [];
    expect(items.filter((i) => i.name?.startsWith('邻苯二甲酸酯')).map((i) => [i.name, i.unit])).toEqual([
      ['邻苯二甲酸酯 DBP+BBP+DEHP', '%'],
      ['邻苯二甲酸酯 DINP+DIDP+DNOP', '%'],
    ]);
  });

  it('When a sub-item and the unit 级 come as one segment over the unit column’s border (变色级), then the unit is split off; a value or a name of other words ending in 级 stays whole', () => {
    const split = (text: string) =>
      splitTrailingToken(word(text, 28.9, 35.4, 56.6), [0.33]).map((w) => w.text);
    expect(split('变色级')).toEqual(['变色', '级']);
    expect(split('耐光色牢度级')).toEqual(['耐光色牢度', '级']);
    expect(split('燃烧性能等级')).toEqual(['燃烧性能等级']);
    expect(split('11级')).toEqual(['11级']);
  });

  it('When a value or a unit and the verdict after it come as one segment with no space (3符合, mg/kg符合), then the verdict is cut off at the border; text of words and numbers (棉100) before it is left whole', () => {
    // characters 1.28 % of the page high and as wide (em 1): the verdict word starts at the border
    const cut = (text: string, x0: number, border: number) =>
      cutBeforeOpeningWord(word(text, x0, x0 + 8, 40), [border / 100], 1).map((w) => w.text);
    expect(cut('4-5符合', 60, 62.1)).toEqual(['4-5', '符合']);
    expect(cut('mg/kg符合', 60, 63.5)).toEqual(['mg/kg', '符合']);
    expect(cut('棉100符合', 60, 64.5)).toEqual(['棉100符合']);
    // far from any border: one cell
    expect(cut('4-5符合', 60, 66)).toEqual(['4-5符合']);
  });

  it('When a requirement and the result after it come as one segment with no space, the result opening with a verdict word (…小零件不适用…), then each is read in its column', () => {
    const items = readItemTables(ocrSegmentsDoc(PHOTO_REQUIREMENT_RUN_INTO_RESULT))?.items ?? [];
    expect(items.map((i) => [i.name, i.requirement, i.result, i.verdict])).toEqual([
      ['标识和使用说明', '符合GB6675.1-2014附录B', '符合', 'pass'],
      ['小零件', '36个月以下儿童用玩具不应有小零件', '不适用（适用年龄3岁以上）', 'n/a'],
      ['锐利边缘', '不应有危险锐利边缘', '符合', 'pass'],
      ['锐利尖端', '不应有危险锐利尖端', '符合', 'pass'],
    ]);
  });

  it('When a name and the requirement after it come as one segment with no space, the requirement opening with a word of prohibition (…锐利边缘不允许), then each is read in its column', () => {
    const items = readItemTables(ocrSegmentsDoc(SCAN_CONTINUED_MARKS_MISREAD_PAGE_1))?.items ?? [];
    expect(items.map((i) => i.name)).toContain('锐利尖端和锐利边缘');
    expect(items.find((i) => i.name === '锐利尖端和锐利边缘')).toMatchObject({
      requirement: '不允许',
      result: '无',
    });
  });

  it('When a name ends in a letter or a Han character (pH, 1级), then nothing is taken off it', () => {
    const names = (readItemTables(ocrSegmentsDoc(SCAN_MARKS_GLUED_TO_NAMES))?.items ?? []).map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['pH', '燃烧性能', '可分解致癌芳香胺']));
  });
});

describe('Chinese header words OCR read as one segment', () => {
  it('When 序号项目 and 计量单位备注标准要求 come as single segments on the detail page after a summary, then each word heads its own column and the rows are read under them', () => {
    const doc = joinPages(
      ocrSegmentsDoc(SCAN_TWO_UP_SUMMARY),
      ocrSegmentsDoc(SCAN_HEADER_WORDS_RUN_TOGETHER),
    );
    const items = readItemTables(doc)?.items ?? [];
    // the 16 detail rows, and the 7 items only the summary lists here (their detail page is not given)
    expect(items).toHaveLength(23);
    expect(items.slice(0, 3).map((i) => [i.name, i.unit, i.requirement, i.result, i.verdict])).toEqual([
      ['甲醛', 'mg/kg', '≤75', '<20', 'pass'],
      ['pH', null, '4.0~8.5', '5.9', 'pass'],
      ['可分解致癌芳香胺', 'mg/kg', '禁用', '<20', 'pass'],
    ]);
  });
});

describe('header words run together, a glyph to spare', () => {
  it('When 计量单位判定检验结果 comes as one segment, then it is split into the header words as printed (计量单位 | 判定 | 检验结果), not at a word that takes its neighbour’s glyph (计量单位判)', () => {
    const items = readItemTables(ocrSegmentsDoc(SCAN_HEADER_WORDS_WITH_A_GLYPH_TO_SPARE))?.items ?? [];
    expect(items).toHaveLength(9);
    expect(items.map((i) => i.verdict)).toEqual([
      'pass',
      'n/a',
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
    expect(items.slice(5, 7).map((i) => [i.name, i.unit, i.result, i.requirement])).toEqual([
      ['包装塑料袋厚度', 'mm', '0.057', '≥0.038'],
      ['易燃性能', null, '符合', '燃烧速率<10mm/s'],
    ]);
  });
});
