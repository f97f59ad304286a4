import { parseItemTable } from './report-items';
import { readItemLines } from './items/read-item-lines';
import { ocrDoc } from './testing/doc';
import { ocrSegmentsDoc, type OcrSegmentLine } from './testing/ocr-pages';

describe('parseItemTable on OCR text', () => {
  it('When a verdict cell was not read but the result says the item does not apply, then the verdict is n/a with low confidence', () => {
    const { items } = parseItemTable(
      ocrDoc(
        [
          '序号  检测项目  单位  技术要求  检测结果  判定',
          '1  锐利边缘  /  不应有危险锐利边缘  符合  P',
          '2  小零件  /  36个月以下儿童用玩具不应有小零件  不适用（适用年龄3岁以上）',
          '3  绳带要求  /  符合GB31701-2015中5.2要求  无绳带',
          '4  异味  /  无  无',
        ].join('\n'),
      ),
    );
    const byName = Object.fromEntries(items.map((i) => [i.name, i]));
    expect(byName['锐利边缘']?.verdict).toBe('pass');
    expect(byName['小零件']?.verdict).toBe('n/a');
    expect(byName['绳带要求']?.verdict).toBe('n/a');
    // "无" (no odour) is a finding, not "does not apply": its unread verdict stays unread
    expect(byName['异味']?.verdict).toBeNull();
    expect(byName['小零件']?.confidence).toBeLessThan(byName['锐利边缘']?.confidence ?? 0);
  });
});

describe('sub-items OCR read glued to their parent', () => {
  it('When an element row reads "可迁移元素梯（Sb）" (parent and sub-item in one segment, the rare character misread), then the item is the parent and the element its symbol names', () => {
    // rows of an OCR'd photo (dev corpus doc-027, PaddleOCR): 锑/钡/镉 misread, their symbols read
    const { items } = parseItemTable(
      ocrDoc(
        [
          '序号  检测项目  单位  限值  结果  判定',
          '8  可迁移元素梯（Sb）  mg/kg  ≤60  <2  合格',
          '9  可迁移元素砷（As）  mg/kg  ≤25  <2  合格',
          '10  可迁移元素锁（Ba）  mg/kg  ≤1000  60  合格',
          '11  可迁移元素锡（Cd）  mg/kg  ≤75  <2  合格',
          '16  邻苯二甲酸酯DBP+BBP+DEHP  %  ≤0.1  <0.005  合格',
        ].join('\n'),
      ),
    );
    expect(items.map((i) => i.name)).toEqual([
      '可迁移元素 锑（Sb）',
      '可迁移元素 砷（As）',
      '可迁移元素 钡（Ba）',
      '可迁移元素 镉（Cd）',
      '邻苯二甲酸酯 DBP+BBP+DEHP',
    ]);
  });
});

describe('a sub-item word OCR misread by a look-alike', () => {
  it('When "水洗尺寸变化率模向" is read (横 as 模, sub-item glued to its parent), then the item is 水洗尺寸变化率 横向, not its parent alone', () => {
    // rows of OCR'd photos (dev corpus doc-043 and doc-032, PaddleOCR; renumbered from 1)
    const { items } = parseItemTable(
      ocrDoc(
        [
          '序号  检测项目  单位  技术要求  检测结果  判定',
          '1  水洗尺寸变化事直向  %  -3.0～+2.0  -0.3  P',
          '2  水洗尺寸变化率模向  %  -3.0～+2.0  -0.3  P',
          '3  水洗尺寸变化率机向  %  -3.0～+2.0  -0.8  P',
          '4  断裂强力经问  N  ≥200  426  P',
        ].join('\n'),
      ),
    );
    expect(items.map((i) => i.name)).toEqual([
      '水洗尺寸变化率 直向',
      '水洗尺寸变化率 横向',
      '水洗尺寸变化率 横向',
      // 问 is not a look-alike of 向 in the data: not taken for a sub-item word
      '断裂强力',
    ]);
  });
});

describe('merged items on OCR lines', () => {
  /** One OCR'd line at height `y`: [text, left edge] cells. */
  const line = (y: number, cells: Array<[string, number]>): OcrSegmentLine =>
    cells.map(([text, x]) => [text, x, y, x + 0.05, y + 0.012]);

  it('When a merged item’s name was read on its second sub-row’s line, after the first sub-row, then both sub-rows are that item’s', () => {
    // "2 水洗尺寸变化率" centred beside 直向 over 横向: OCR grouped it with 横向 (a photo's rows slope)
    const doc = ocrSegmentsDoc([
      line(0.2, [
        ['序号', 0.05],
        ['检验项目', 0.12],
        ['单位', 0.34],
        ['标准要求', 0.45],
        ['检验结果', 0.65],
        ['单项判定', 0.8],
      ]),
      line(0.23, [
        ['1', 0.05],
        ['顶破强力', 0.12],
        ['N', 0.34],
        ['≥250', 0.45],
        ['450', 0.65],
        ['符合', 0.8],
      ]),
      line(0.255, [
        ['直向', 0.27],
        ['%', 0.34],
        ['-3.0~+2.0', 0.45],
        ['-1.0', 0.65],
        ['符合', 0.8],
      ]),
      line(0.27, [
        ['2', 0.05],
        ['水洗尺寸变化率', 0.12],
        ['横向', 0.27],
        ['%', 0.34],
        ['-3.0~+2.0', 0.45],
        ['-0.6', 0.65],
        ['符合', 0.8],
      ]),
      line(0.3, [
        ['3', 0.05],
        ['燃烧性能', 0.12],
        ['级', 0.34],
        ['1级', 0.45],
        ['1级', 0.65],
        ['符合', 0.8],
      ]),
    ]);
    const { items } = readItemLines(doc);
    expect(items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['顶破强力', '450', 'pass'],
      ['水洗尺寸变化率 横向', '-0.6', 'pass'],
      ['水洗尺寸变化率 直向', '-1.0', 'pass'],
      ['燃烧性能', '1级', 'pass'],
    ]);
  });
});
