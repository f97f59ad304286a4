import { readItemLines } from '../../../parsers/items/read-item-lines';
import { parseItemTable } from '../../../parsers/report-items';
import { PHOTO_KEYSTONE_SEGMENTS, PHOTO_KEYSTONE_SLOPE } from '../../../parsers/testing/ocr-pages';
import type { DocumentText } from '../../../parsers/types';
import type { OcrPageText } from './ocr-engine';
import type { PaddleRawLine } from './paddle-child';
import { pageSkew, pageSlope, toPageText, wordsToPageText } from './paddle-engine';

/** The page in pixels, and the height of a detected segment (page fraction). */
const W = 1000;
const H = 1400;
const LINE = 0.012;

/** Columns of the table: left edge and width (page fractions). */
const COLUMNS: Array<[number, number]> = [
  [0.05, 0.03],
  [0.12, 0.2],
  [0.36, 0.06],
  [0.45, 0.1],
  [0.6, 0.08],
  [0.75, 0.06],
];

/** The report's fields above the table, one "label：value" line each. */
const FIELDS = [
  '样品名称：中小学生校服（夏装）',
  '委托单位：某某市某某学校',
  '生产单位：某某服装有限公司',
  '检验依据：GB 18401-2010、GB/T 31888-2015',
];
const TABLE_TOP = 0.2;
/** Rows of the table a line and a half apart. */
const PITCH = 0.028;

const ROWS: string[][] = [
  ['序号', '检验项目', '单位', '标准要求', '检验结果', '单项判定'],
  ['1', '甲醛含量', 'mg/kg', '≤75', '25', '符合'],
  ['2', 'pH值的测定', '/', '4.0~8.5', '6.1', '符合'],
  ['3', '可分解致癌芳香胺染料', 'mg/kg', '≤20', '未检出', '符合'],
  ['4', '耐水色牢度（变色）', '级', '≥3', '4', '符合'],
  ['5', '耐汗渍色牢度（变色）', '级', '≥3', '4-5', '符合'],
  ['6', '耐干摩擦色牢度', '级', '≥3', '4', '符合'],
  ['7', '耐湿摩擦色牢度', '级', '≥2-3', '3', '符合'],
  ['8', '耐皂洗色牢度（变色）', '级', '≥3', '4', '符合'],
  ['9', '耐光色牢度', '级', '≥4', '5', '符合'],
  ['10', '纤维含量', '%', '棉65%', '棉66%', '符合'],
  ['11', '顶破强力', 'N', '≥250', '450', '符合'],
  ['12', '起毛起球', '级', '≥3', '3-4', '符合'],
  ['13', '燃烧性能', '级', '1级', '1级', '符合'],
  ['14', '附件抗拉强力', 'N', '≥70', '90', '符合'],
  ['15', '绳带要求', '/', '符合要求', '符合', '符合'],
  ['16', '异味', '/', '无', '无', '符合'],
  ['17', '水洗尺寸变化率（直向）', '%', '-3.0~+2.0', '-1.0', '符合'],
  ['18', '水洗尺寸变化率（横向）', '%', '-3.0~+2.0', '-0.6', '符合'],
  ['19', '使用说明', '/', '符合要求', '符合', '不符合'],
];

/** A merged item at the bottom of the table: its name centred beside its two sub-rows. */
const MERGED = {
  index: '20',
  name: '耐唾液色牢度',
  // the sub-item word and the unit read as one segment on the first sub-row ("变色级")
  rows: [
    ['变色级', '≥3-4', '4-5', '符合'],
    ['沾色', '级', '≥3-4', '4', '符合'],
  ],
};

/**
 * A photo taken at an angle the sheet finder did not undo (keystone): the text lines slope by `slopeAt`
 * their height, 0.5 % at the top of the table and 4 % at its bottom. Segments as PaddleOCR returns
 * them: four corners in pixels, following the slope.
 */
function keystonedTable(slopeAt: (y: number) => number): PaddleRawLine[] {
  const out: PaddleRawLine[] = [];
  const segment = (text: string, x0: number, y: number, width: number) => {
    // each character about as wide as the line is high; the segment as wide as its text
    const x1 = x0 + Math.min(width, [...text].length * 0.016);
    const s = slopeAt(y);
    const top = (x: number) => (y - LINE / 2 + s * x) * H;
    out.push({
      text,
      mean: 0.98,
      box: [
        [x0 * W, top(x0)],
        [x1 * W, top(x1)],
        [x1 * W, top(x1) + LINE * H],
        [x0 * W, top(x0) + LINE * H],
      ],
    });
  };
  FIELDS.forEach((text, r) => segment(text, 0.05, 0.08 + r * 0.025, 0.8));
  ROWS.forEach((cells, r) => {
    cells.forEach((text, c) => {
      const [x0, width] = COLUMNS[c] ?? [0, 0];
      segment(text, x0, TABLE_TOP + r * PITCH, width);
    });
  });
  // the merged item: sub-rows a line apart, the item's number and name centred between them
  const first = TABLE_TOP + ROWS.length * PITCH;
  segment(MERGED.index, 0.05, first + PITCH / 2, 0.03);
  segment(MERGED.name, 0.12, first + PITCH / 2, 0.12);
  MERGED.rows.forEach((cells, r) => {
    const xs = cells.length === 5 ? [0.26, 0.36, 0.45, 0.6, 0.75] : [0.26, 0.45, 0.6, 0.75];
    cells.forEach((text, c) => segment(text, xs[c] ?? 0, first + r * PITCH, 0.1));
  });
  return out;
}

const keystone = (y: number) => 0.005 + 0.055 * (y - TABLE_TOP);
/** The lines of the table (the fields above it are lines of their own). */
const tableLines = <L extends { box: { y0: number } }>(lines: L[]) =>
  lines.filter((l) => l.box.y0 > TABLE_TOP - 0.02);

describe('pageSlope', () => {
  it('When the lines of a photo slope more down the page, then the change of slope is measured', () => {
    const slope = pageSlope(keystonedTable(keystone), W, H);
    expect(slope.gradient).toBeCloseTo(0.055, 2);
    expect(slope.skew + slope.gradient * (0.8 - slope.origin)).toBeCloseTo(keystone(0.8), 2);
  });

  it('When every line has the same slope (a scan askew), then the page has one slope and no gradient', () => {
    const slope = pageSlope(
      keystonedTable(() => 0.01),
      W,
      H,
    );
    expect(slope.gradient).toBe(0);
    expect(slope.skew).toBeCloseTo(0.01, 3);
    expect(
      toPageText(
        keystonedTable(() => 0.01),
        1,
        W,
        H,
      ),
    ).not.toHaveProperty('skewGradient');
  });
});

describe('toPageText on a keystoned photo', () => {
  it('When the slope changes down the page, then each row of the table is one line, at the top and the bottom', () => {
    const segments = keystonedTable(keystone);
    const page = toPageText(segments, 1, W, H);
    expect(tableLines(page.lines).map((l) => l.cells)).toEqual([
      ...ROWS,
      MERGED.rows[0],
      [MERGED.index, MERGED.name],
      MERGED.rows[1],
    ]);
    // one slope for the page (its median) joins cells of neighbouring rows at the table's ends
    const flat = wordsToPageText(
      page.lines.flatMap((l) => l.words),
      1,
      pageSkew(segments, W, H),
    );
    expect(tableLines(flat.lines).length).toBeGreaterThan(ROWS.length);
  });

  it('When the table is read, then every item keeps its own verdict, the failed one and the sub-items of a merged item at the bottom too', () => {
    const page = { ...toPageText(keystonedTable(keystone), 1, W, H), rules: [] };
    const doc: DocumentText = { form: 'photo', pages: [page] };
    const items = parseItemTable(doc).items;
    expect(items.map((i) => [i.name, i.unit, i.result, i.verdict])).toEqual([
      ...ROWS.slice(1).map((r) => [
        r[1],
        r[2] === '/' ? null : r[2],
        r[4],
        r[5] === '不符合' ? 'fail' : 'pass',
      ]),
      [`${MERGED.name} 变色`, '级', '4-5', 'pass'],
      [`${MERGED.name} 沾色`, '级', '4', 'pass'],
    ]);
  });
});

describe('a keystoned photo as the engine read it', () => {
  // the rows to 14 of the held-out photo, as its truth has them (耐湿摩擦色牢度's verdict was read "合",
  // 耐光色牢度's result "SIN": OCR's misreadings, kept and flagged)
  const WANT: Array<[string, string | null]> = [
    ['甲醛含量', 'pass'],
    ['pH值', 'fail'],
    ['可分解致癌芳香胺染料', 'pass'],
    ['异味', 'pass'],
    ['耐水色牢度 变色', 'pass'],
    ['耐水色牢度 沾色', 'pass'],
    ['耐汗渍色牢度 变色', 'pass'],
    ['耐汗渍色牢度 沾色', 'pass'],
    ['耐干摩擦色牢度', 'pass'],
    ['绳带要求', 'pass'],
    ['附件抗拉强力', 'pass'],
    ['锐利尖端和锐利边缘', 'pass'],
    ['纤维含量', 'pass'],
    ['耐皂洗色牢度 变色', 'pass'],
    ['耐皂洗色牢度 沾色', 'pass'],
    ['耐湿摩擦色牢度', null],
    ['耐光色牢度', 'pass'],
  ];
  const words = PHOTO_KEYSTONE_SEGMENTS.map(([text, x0, y0, x1, y1]) => ({
    text,
    box: { x0, y0, x1, y1 },
    confidence: 0.95,
  }));
  const itemsOf = (page: OcrPageText) => parseItemTable({ form: 'photo', pages: [page] }).items;

  it('When its rows are read with the slope at their height, then every item has its own name and verdict, the sub-items of merged items too', () => {
    const items = itemsOf(wordsToPageText(words, 1, PHOTO_KEYSTONE_SLOPE));
    expect(items.map((i) => [i.name, i.verdict])).toEqual(WANT);
  });

  it('When its lines are read by the line reader (the geometry lost where rules break under a seal), then it names the sub-items as the truth does', () => {
    // the parent's label stands left of its sub-rows, whose wide lines' middles lie lower on the slope;
    // a sub-row's verdict cell lies nearer its own row than the parent's label it was first joined to;
    // "变色级" is two cells
    const items = readItemLines({
      form: 'photo',
      pages: [wordsToPageText(words, 1, PHOTO_KEYSTONE_SLOPE)],
    }).items;
    expect(items.map((i) => [i.name, i.verdict])).toEqual(WANT);
  });

  it('When the same segments are read with one slope for the page, then rows fall apart (what the gradient mends)', () => {
    const items = itemsOf(wordsToPageText(words, 1, PHOTO_KEYSTONE_SLOPE.skew));
    expect(items.map((i) => [i.name, i.verdict])).not.toEqual(WANT);
  });
});
