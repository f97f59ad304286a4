import {
  ocrSegmentsDoc,
  PHOTO_NAMES_A_LINE_APART,
  SCAN_SEAL_BROKEN_ROW_LINE,
  SCAN_SEAL_BROKEN_ROW_LINE_RULES,
  SCAN_SUB_ITEMS_BESIDE_METHOD,
  SCAN_SUB_ITEMS_BESIDE_METHOD_RULES,
  SCAN_WRAPPED_MERGED_PARENT,
} from '../testing/ocr-pages';
import { readItemTables } from './read-tables';

describe('merged parent cells read through OCR', () => {
  it('When a parent name wrapped in a merged cell stands between its sub-rows beside an empty band OCR left, then every sub-row is named parent + sub-item', () => {
    const items = readItemTables(ocrSegmentsDoc(SCAN_WRAPPED_MERGED_PARENT))?.items ?? [];
    const elements = items.filter((i) => /\([A-Z][a-z]?\)/.test(i.name ?? ''));
    expect(elements.map((i) => i.name)).toEqual([
      '可迁移元素 锑(Sb)',
      '可迁移元素 砷(As)',
      '可迁移元素 钡(Ba)',
      '可迁移元素 镉(Cd)',
      '可迁移元素 铬(Cr)',
      '可迁移元素 铅(Pb)',
      '可迁移元素 汞(Hg)',
      '可迁移元素 硒(Se)',
    ]);
    expect(items.find((i) => i.name === '可迁移元素 铅(Pb)')?.verdict).toBe('fail');
    expect(items.filter((i) => i.name?.startsWith('邻苯二甲酸酯 ')).map((i) => i.name)).toEqual([
      '邻苯二甲酸酯 DBP+BBP+DEHP',
      '邻苯二甲酸酯 DINP+DIDP+DNOP',
    ]);
  });

  it('When sub-item labels end before the next column’s header but no white space parts them from the longest names, then they are sub-items, each a row of its own', () => {
    const items =
      readItemTables(ocrSegmentsDoc(SCAN_SUB_ITEMS_BESIDE_METHOD, 0, SCAN_SUB_ITEMS_BESIDE_METHOD_RULES))
        ?.items ?? [];
    const subs = items.filter((i) => / (?:变色|沾色|直向|横向)$/.test(i.name ?? ''));
    expect(subs.map((i) => [i.name, i.requirement, i.verdict])).toEqual([
      ['耐水色牢度 变色', '≥3-4', 'pass'],
      ['耐水色牢度 沾色', '≥3-4', 'pass'],
      ['耐汗渍色牢度 变色', '≥3-4', 'pass'],
      ['耐汗渍色牢度 沾色', '≥3-4', 'pass'],
      ['耐皂洗色牢度 变色', '≥3-4', 'pass'],
      ['耐皂洗色牢度 沾色', '≥3-4', 'pass'],
      ['水洗尺寸变化率 直向', '-3.0~+2.0', 'pass'],
      ['水洗尺寸变化率 横向', '-3.0~+2.0', 'pass'],
    ]);
    expect(items).toHaveLength(23);
  });

  it('When a seal broke the line between two sub-rows in pieces, then the pieces together are the row border and each sub-row is an item', () => {
    const items =
      readItemTables(ocrSegmentsDoc(SCAN_SEAL_BROKEN_ROW_LINE, 0, SCAN_SEAL_BROKEN_ROW_LINE_RULES))?.items ??
      [];
    expect(
      items.filter((i) => i.name?.startsWith('水洗尺寸变化率')).map((i) => [i.name, i.result, i.verdict]),
    ).toEqual([
      ['水洗尺寸变化率 直向', '1.0', 'pass'],
      ['水洗尺寸变化率 横向', '-0.6', 'pass'],
    ]);
    expect(items).toHaveLength(23);
  });

  it('When OCR puts one item’s name a line under the one above it (pH值 / 异味), then they stay two items, not one wrapped parent name', () => {
    const items =
      readItemTables(
        ocrSegmentsDoc(PHOTO_NAMES_A_LINE_APART, 0, [
          { x0: 0.0611, y0: 0.2838, x1: 0.9371, y1: 0.2856 },
          { x0: 0.0611, y0: 0.3024, x1: 0.9371, y1: 0.3037 },
          { x0: 0.0611, y0: 0.7109, x1: 0.6378, y1: 0.7122 },
          { x0: 0.6451, y0: 0.7109, x1: 0.7588, y1: 0.7122 },
          { x0: 0.7642, y0: 0.7109, x1: 0.9371, y1: 0.7122 },
        ]),
      )?.items ?? [];
    expect(items.slice(0, 3).map((i) => [i.name, i.result])).toEqual([
      ['甲醛含量', '30'],
      ['pH值', '5.9'],
      ['异味', '无'],
    ]);
  });
});
