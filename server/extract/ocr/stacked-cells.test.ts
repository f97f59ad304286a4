import { parseItemTable } from '../../../parsers/report-items';
import type { OcrWord } from './ocr-engine';
import { wordsToPageText } from './paddle-engine';
import { mergeStackedCells } from './stacked-cells';

const H = 0.01;
/** A detected text segment: its left edge, vertical centre and width (page fractions). */
function seg(text: string, x: number, yc: number, width = 0.08): OcrWord {
  return { text, box: { x0: x, y0: yc - H / 2, x1: x + width, y1: yc + H / 2 }, confidence: 0.95 };
}

/** A row of cells at one height: [text, left edge] pairs. */
function row(yc: number, cells: Array<[string, number]>): OcrWord[] {
  return cells.map(([t, x]) => seg(t, x, yc));
}

const HEADER = row(0.1, [
  ['序号', 0.05],
  ['检验项目', 0.15],
  ['单位', 0.35],
  ['标准要求', 0.45],
  ['检验结果', 0.6],
  ['单项结论', 0.75],
]);

describe('mergeStackedCells', () => {
  it('When a cell wraps onto two lines beside single-line cells, then its lines become one segment', () => {
    const words = [
      seg('生产日期', 0.1, 0.395),
      seg('或批号', 0.1, 0.407),
      seg('2024-08批', 0.25, 0.401),
      seg('检验日期', 0.45, 0.401),
    ];
    const merged = mergeStackedCells(words);
    expect(merged.map((w) => w.text).sort()).toEqual(['2024-08批', '检验日期', '生产日期或批号']);
  });

  it('When sub-rows stand beside a merged parent cell, then they stay separate rows', () => {
    const words = [
      ...row(0.15, [
        ['变色', 0.3],
        ['级', 0.4],
        ['≥3-4', 0.5],
        ['4', 0.6],
        ['合格', 0.75],
      ]),
      ...row(0.16, [
        ['2', 0.05],
        ['耐水色牢度', 0.12],
      ]),
      ...row(0.17, [
        ['沾色', 0.3],
        ['级', 0.4],
        ['≥3-4', 0.5],
        ['4-5', 0.6],
        ['合格', 0.75],
      ]),
    ];
    expect(mergeStackedCells(words)).toHaveLength(words.length);
  });

  it('When a Chinese label has its English translation under it, then they are not joined', () => {
    const words = [seg('样品名称', 0.1, 0.2), seg('Sample Name', 0.1, 0.212), seg('校服', 0.3, 0.206)];
    expect(mergeStackedCells(words)).toHaveLength(3);
  });
});

describe('item table from PaddleOCR segments', () => {
  it('When an item is printed in a merged cell centred between its sub-rows and a requirement wraps, then every row is read', () => {
    const words = [
      ...HEADER,
      ...row(0.13, [
        ['1', 0.05],
        ['甲醛含量', 0.15],
        ['mg/kg', 0.35],
        ['≤75', 0.45],
        ['未检出（<20）', 0.6],
        ['合格', 0.75],
      ]),
      ...row(0.15, [
        ['变色', 0.26],
        ['级', 0.35],
        ['≥3-4', 0.45],
        ['4', 0.6],
        ['合格', 0.75],
      ]),
      ...row(0.16, [
        ['2', 0.05],
        ['耐水色牢度', 0.12],
      ]),
      ...row(0.17, [
        ['沾色', 0.26],
        ['级', 0.35],
        ['≥3-4', 0.45],
        ['4-5', 0.6],
        ['合格', 0.75],
      ]),
      ...row(0.19, [
        ['3', 0.05],
        ['绳带要求', 0.15],
        ['/', 0.35],
        ['符合', 0.6],
        ['合格', 0.75],
      ]),
      seg('符合GB31701-2015中', 0.45, 0.1845, 0.12),
      seg('5.2要求', 0.45, 0.1955, 0.05),
    ];
    const page = wordsToPageText(words, 1);
    const { items } = parseItemTable({ form: 'scanned_pdf', pages: [page] });

    expect(items.map((i) => [i.name, i.result, i.verdict])).toEqual([
      ['甲醛含量', '未检出（<20）', 'pass'],
      ['耐水色牢度 变色', '4', 'pass'],
      ['耐水色牢度 沾色', '4-5', 'pass'],
      ['绳带要求', '符合', 'pass'],
    ]);
    expect(items[3]?.requirement).toBe('符合GB31701-2015中5.2要求');
  });

  it('When the photo is slightly askew, then each row is still one line', () => {
    const skew = 0.01; // the right side of the page 1 % lower per page width
    const tilt = (w: OcrWord): OcrWord => {
      const dy = skew * ((w.box.x0 + w.box.x1) / 2);
      return { ...w, box: { ...w.box, y0: w.box.y0 + dy, y1: w.box.y1 + dy } };
    };
    const words = [
      ...row(0.13, [
        ['1', 0.05],
        ['甲醛含量', 0.15],
        ['mg/kg', 0.35],
        ['≤75', 0.45],
        ['37', 0.6],
        ['合格', 0.75],
      ]),
    ].map(tilt);

    expect(wordsToPageText(words, 1, 0).lines.length).toBeGreaterThan(1);
    expect(wordsToPageText(words, 1, skew).lines.map((l) => l.cells)).toEqual([
      ['1', '甲醛含量', 'mg/kg', '≤75', '37', '合格'],
    ]);
  });
});
