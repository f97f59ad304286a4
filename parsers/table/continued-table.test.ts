import type { DocumentText } from '../types';
import { joinPages } from '../testing/doc';
import {
  ocrSegmentsDoc,
  SCAN_CONTINUED_OTHER_WIDTHS_PAGE_1,
  SCAN_CONTINUED_OTHER_WIDTHS_PAGE_2,
  SCAN_CONTINUED_SUB_ROWS_FIRST_PAGE_1,
  SCAN_CONTINUED_SUB_ROWS_FIRST_PAGE_2,
  SCAN_CONTINUED_MARKS_MISREAD_PAGE_1,
  SCAN_CONTINUED_MARKS_MISREAD_PAGE_2,
} from '../testing/ocr-pages';
import { readItemTables } from './read-tables';

/** The two scanned pages, each with the rules found on it. */
function twoPages(): DocumentText {
  const first = ocrSegmentsDoc(SCAN_CONTINUED_OTHER_WIDTHS_PAGE_1, 0, [
    { x0: 0.0662, y0: 0.3009, x1: 0.9326, y1: 0.3026 },
    { x0: 0.0662, y0: 0.3195, x1: 0.9326, y1: 0.3212 },
    { x0: 0.0662, y0: 0.5854, x1: 0.9326, y1: 0.5871 },
  ]);
  const second = ocrSegmentsDoc(SCAN_CONTINUED_OTHER_WIDTHS_PAGE_2, 0, [
    { x0: 0.0668, y0: 0.0816, x1: 0.9332, y1: 0.0833 },
    { x0: 0.0668, y0: 0.1179, x1: 0.9332, y1: 0.1196 },
  ]);
  return joinPages(first, second);
}

describe('tables continued on the next page without their header', () => {
  it('When the next page prints the table with other column widths (a requirement where the verdicts stood), then its rows are read under the columns of the page before', () => {
    const items = readItemTables(twoPages())?.items ?? [];
    expect(items.slice(-2).map((i) => [i.name, i.requirement, i.result, i.verdict])).toEqual([
      ['邻苯二甲酸酯 DBP+BBP+DEHP', '≤0.1', '未检出(<0.005)', 'pass'],
      ['邻苯二甲酸酯 DINP+DIDP+DNOP', '≤0.1', '未检出(<0.005)', 'pass'],
    ]);
    expect(items.find((i) => i.name === '可迁移元素 铅(Pb)')?.verdict).toBe('fail');
    expect(items).toHaveLength(17);
  });
});

describe('a scanned table continued with the sub-rows of merged parents first', () => {
  it('When the page goes on with sub-rows above its first full numbered row, one of them without its mark, then every sub-row is an item under its parent', () => {
    const doc = joinPages(
      ocrSegmentsDoc(SCAN_CONTINUED_SUB_ROWS_FIRST_PAGE_1),
      ocrSegmentsDoc(SCAN_CONTINUED_SUB_ROWS_FIRST_PAGE_2),
    );
    const items = (readItemTables(doc)?.items ?? []).map((i) => [i.name, i.result]);
    expect(items).toEqual(
      expect.arrayContaining([
        ['断裂强力 经向', '426'],
        ['断裂强力 纬向', '450'],
        ['水洗尺寸变化率 直向', '-2.5'],
        ['水洗尺寸变化率 横向', '-1.5'],
        ['填充物质量偏差率', '-1.4'],
      ]),
    );
    const names = items.map((i) => i[0]);
    expect(names.indexOf('断裂强力 经向')).toBe(names.indexOf('耐湿摩擦色牢度') + 1);
  });
});

describe('a scanned table continued by rows whose marks OCR misread', () => {
  it('When the continued rows have no verdict read, then they are still items, their verdicts left unread', () => {
    const doc = joinPages(
      ocrSegmentsDoc(SCAN_CONTINUED_MARKS_MISREAD_PAGE_1),
      ocrSegmentsDoc(SCAN_CONTINUED_MARKS_MISREAD_PAGE_2),
    );
    const items = readItemTables(doc)?.items ?? [];
    expect(items.slice(-3).map((i) => [i.name, i.requirement, i.result])).toEqual([
      ['顶破强力', '≥250', '318'],
      ['燃烧性能', '1级', '1级'],
      ['使用说明', '符合GB5296.4要求', '符合'],
    ]);
    expect(items.slice(-2).map((i) => i.verdict)).toEqual([null, null]);
  });
});
