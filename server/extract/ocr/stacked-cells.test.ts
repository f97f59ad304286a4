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
  it('When two rows printed close on a bent photo each hold a name, then the names stay two segments though the cells of both rows stand near the middle of the pair', () => {
    // a photographed table (sub-items joined to their parent, rows one line apart); its lines fall to
    // the left more than the page's measured slope says. Boxes as PaddleOCR gave them (held-out photo).
    const box = (text: string, x0: number, y0: number, x1: number, y1: number): OcrWord => ({
      text,
      box: { x0, y0, x1, y1 },
      confidence: 0.95,
    });
    const words = [
      box('纤维含量', 0.0683, 0.4547, 0.1354, 0.4695),
      box('棉100%', 0.315, 0.4473, 0.3785, 0.4621),
      box('耐湿摩擦色牢度', 0.0689, 0.4699, 0.182, 0.4863),
      box('≥2-3', 0.3138, 0.4649, 0.3525, 0.4797),
      box('级', 0.6433, 0.4555, 0.6626, 0.4686),
      box('4-5', 0.7443, 0.4526, 0.7709, 0.4649),
      box('Pass', 0.8628, 0.4494, 0.8972, 0.4613),
      box('断裂强力经向', 0.0695, 0.4879, 0.1705, 0.5027),
      box('>200', 0.315, 0.4809, 0.3543, 0.4961),
      box('N', 0.6427, 0.4723, 0.659, 0.4842),
      box('426', 0.7455, 0.4686, 0.7751, 0.4805),
      box('Pass', 0.8628, 0.4658, 0.896, 0.4768),
      box('>200', 0.315, 0.4982, 0.3549, 0.5121),
      box('N', 0.6427, 0.4887, 0.659, 0.5006),
      box('450', 0.7443, 0.485, 0.7739, 0.4969),
      box('Pass', 0.8628, 0.4818, 0.8972, 0.4932),
      box('断裂强力纬向', 0.0689, 0.5043, 0.1705, 0.5203),
      box('-3.5~+2.0', 0.3168, 0.5137, 0.3912, 0.5285),
      box('%', 0.6427, 0.5051, 0.6602, 0.5174),
      box('-2.5', 0.7455, 0.5014, 0.7751, 0.5133),
      box('Pass', 0.8628, 0.4982, 0.896, 0.5092),
      box('水洗尺寸变化率直向', 0.0689, 0.5199, 0.2164, 0.5375),
      box('%', 0.6427, 0.5211, 0.6602, 0.533),
      box('-1.5', 0.7455, 0.517, 0.7739, 0.5293),
      box('Pass', 0.8628, 0.5137, 0.896, 0.5256),
    ];
    const merged = mergeStackedCells(words, -0.0251);
    expect(
      merged
        .filter((w) => w.text.startsWith('断裂强力'))
        .map((w) => w.text)
        .sort(),
    ).toEqual(['断裂强力纬向', '断裂强力经向']);
  });

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
