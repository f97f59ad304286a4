import {
  ocrSegmentsDoc,
  PHOTO_PART_MATRIX_LABEL_INTO_VALUES,
  SCAN_PART_MATRIX_CORNER_ON_HEAD_LINE,
  SCAN_PART_MATRIX_MARK_BESIDE_LABEL,
  SCAN_PART_MATRIX_PARENT_OVER_FIRST_SUB,
  SCAN_TRANSPOSED_STRAY_BRACKET,
  type OcrSegmentLine,
} from '../testing/ocr-pages';
import { readItemTables } from './read-tables';

/** One OCR line: segments [text, x0, x1] at height y (page fractions), a line 0.008 tall. */
const line = (y: number, segments: [string, number, number][]): OcrSegmentLine =>
  segments.map(([text, x0, x1]) => [text, x0, y, x1, y + 0.008]);

/**
 * A transposed matrix of elements photographed: the row labels at the left, the elements across;
 * OCR read two neighbouring element labels as one segment each time ("钡(Ba）镉(Cd)"), and the
 * results "Not detected(<2)" over two lines, the label 实测值 a line above its values.
 */
const ELEMENTS: OcrSegmentLine[] = [
  line(0.424, [['可迁移元素', 0.065, 0.143]]),
  line(0.44, [
    ['项目', 0.064, 0.097],
    ['锑(Sb)', 0.141, 0.185],
    ['砷(As)', 0.256, 0.302],
    ['钡（Ba）镉（Cd）', 0.373, 0.47],
    ['铬(Cr)', 0.54, 0.586],
    ['铅(Pb)汞(Hg)', 0.656, 0.756],
    ['硒(Se)', 0.825, 0.871],
  ]),
  line(0.458, [
    ['单位', 0.065, 0.097],
    ['mg/kg', 0.14, 0.188],
    ['mg/kg', 0.255, 0.304],
    ['mg/kg mg/kg', 0.371, 0.472],
    ['mg/kg', 0.539, 0.589],
    ['mg/kg mg/kg', 0.656, 0.758],
    ['mg/kg', 0.825, 0.874],
  ]),
  line(0.477, [['限量值', 0.064, 0.113]]),
  line(0.484, [
    ['≤60', 0.14, 0.17],
    ['≤25', 0.256, 0.285],
    ['≤1000', 0.373, 0.41],
    ['≤75', 0.425, 0.453],
    ['≤60', 0.541, 0.57],
    ['≤90', 0.656, 0.686],
    ['≤60', 0.71, 0.738],
    ['≤500', 0.827, 0.863],
  ]),
  line(0.49, [['Limit', 0.065, 0.103]]),
  line(0.507, [['实测值', 0.065, 0.113]]),
  line(0.513, [
    ['Not', 0.139, 0.171],
    ['Not', 0.256, 0.286],
    ['54', 0.371, 0.394],
    ['Not', 0.425, 0.455],
    ['Not', 0.541, 0.571],
    ['186', 0.657, 0.686],
    ['Not', 0.71, 0.739],
    ['Not', 0.826, 0.856],
  ]),
  line(0.52, [['Test Result', 0.065, 0.11]]),
  line(0.527, [
    ['detected(<2)', 0.142, 0.228],
    ['detected(<2)', 0.258, 0.344],
    ['detected(<2)', 0.425, 0.513],
    ['detected(<2)', 0.542, 0.628],
    ['detected(<2)', 0.71, 0.798],
    ['detected(<2)', 0.826, 0.913],
  ]),
  line(0.549, [['评定', 0.065, 0.098]]),
  line(0.557, [
    ['P', 0.141, 0.153],
    ['P', 0.257, 0.269],
    ['P', 0.373, 0.384],
    ['P', 0.426, 0.438],
    ['P', 0.541, 0.554],
    ['F', 0.657, 0.669],
    ['P', 0.711, 0.723],
    ['P', 0.826, 0.837],
  ]),
  line(0.563, [['Verdict', 0.065, 0.114]]),
  line(0.584, [['以下空白', 0.468, 0.53]]),
];

describe('matrix tables labelled by their first column, read through OCR', () => {
  it('When OCR joined two element labels into one segment and split the results over two lines, then every element is an item of its own with its verdict', () => {
    const items = readItemTables(ocrSegmentsDoc(ELEMENTS))?.items ?? [];
    expect(items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['可迁移元素 锑(Sb)', 'Not detected(<2)', 'pass'],
      ['可迁移元素 砷(As)', 'Not detected(<2)', 'pass'],
      ['可迁移元素 钡（Ba）', '54', 'pass'],
      ['可迁移元素 镉（Cd）', 'Not detected(<2)', 'pass'],
      ['可迁移元素 铬(Cr)', 'Not detected(<2)', 'pass'],
      ['可迁移元素 铅(Pb)', '186', 'fail'],
      ['可迁移元素 汞(Hg)', 'Not detected(<2)', 'pass'],
      ['可迁移元素 硒(Se)', 'Not detected(<2)', 'pass'],
    ]);
  });
  it('When a seal stamped beside the title of such a table was read as text, then the title still names the items', () => {
    const sealed = ELEMENTS.map((l, i) =>
      i === 0 ? [...l, ['检验检测专用章', 0.6, 0.424, 0.74, 0.432] as OcrSegmentLine[number]] : l,
    );
    const items = readItemTables(ocrSegmentsDoc(sealed))?.items ?? [];
    expect(items.map((i) => i.name)).toContain('可迁移元素 铅(Pb)');
    expect(items.every((i) => i.name?.startsWith('可迁移元素 '))).toBe(true);
  });

  const ELEMENTS_READ: [string, string, string][] = [
    ['可迁移元素 锑(Sb)', 'Not detected(<2)', 'pass'],
    ['可迁移元素 砷(As)', 'Not detected(<2)', 'pass'],
    ['可迁移元素 钡(Ba)', '54', 'pass'],
    ['可迁移元素 镉(Cd)', 'Not detected(<2)', 'pass'],
    ['可迁移元素 铬(Cr)', 'Not detected(<2)', 'pass'],
    ['可迁移元素 铅(Pb)', '186', 'fail'],
    ['可迁移元素 汞(Hg)', 'Not detected(<2)', 'pass'],
    ['可迁移元素 硒(Se)', 'Not detected(<2)', 'pass'],
  ];
  const read = (lines: OcrSegmentLine[]) =>
    (readItemTables(ocrSegmentsDoc(lines))?.items ?? []).map((i) => [
      (i.name ?? '').replace(/（/g, '(').replace(/）/g, ')'),
      i.result,
      i.verdict,
    ]);

  it("When a matrix by tested part has its wrapped corner label on the sub-items' line and its cells wrapped in narrow columns, then every element is an item with its result and verdict", () => {
    expect(read(SCAN_PART_MATRIX_CORNER_ON_HEAD_LINE)).toEqual(ELEMENTS_READ);
  });
  it("When OCR read a check mark with a stray letter into a segment beside the row label, then the mark is the first element's verdict", () => {
    expect(read(SCAN_PART_MATRIX_MARK_BESIDE_LABEL)).toEqual(ELEMENTS_READ);
  });
  it('When a photographed label reaches into the first element column and a wrapped element label is slanted, then the failed element is still read as 不合格', () => {
    const items = read(PHOTO_PART_MATRIX_LABEL_INTO_VALUES);
    expect(items).toContainEqual(['可迁移元素 铅(Pb)', '186', 'fail']);
    expect(items.map((i) => i[0])).toEqual(ELEMENTS_READ.map((i) => i[0]));
  });
  it("When OCR gave a label's closing bracket to the next label and read two columns' limits as one segment, then each element keeps its own column, limit and verdict", () => {
    const items = (readItemTables(ocrSegmentsDoc(SCAN_TRANSPOSED_STRAY_BRACKET))?.items ?? []).map((i) => [
      (i.name ?? '').replace(/（/g, '(').replace(/）/g, ')'),
      i.requirement,
      i.verdict,
    ]);
    expect(items).toEqual([
      ['可迁移元素 锑(Sb)', '≤60', 'pass'],
      ['可迁移元素 砷(As)', '≤25', 'pass'],
      ['可迁移元素 钡(Ba)', '≤1000', 'pass'],
      ['可迁移元素 镉(Cd)', '≤75', 'pass'],
      ['可迁移元素 铬(Cr)', '≤60', 'pass'],
      ['可迁移元素 铅(Pb)', '≤90', 'fail'],
      ['可迁移元素 汞(Hg)', '≤60', 'pass'],
      ['可迁移元素 硒(Se)', '≤500', 'pass'],
    ]);
  });
  it('When the parent stands right over the first element, left-aligned with it, then it stays the parent and the first element keeps its column', () => {
    expect(read(SCAN_PART_MATRIX_PARENT_OVER_FIRST_SUB).map((i) => [i[0], i[2]])).toEqual(
      ELEMENTS_READ.map((i) => [i[0], i[2]]),
    );
  });
});
