import { ocrSegmentsDoc, SCAN_WRAPPED_MERGED_PARENT } from '../testing/ocr-pages';
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
});
