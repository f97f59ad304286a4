/**
 * Report header fields in the forms labs print them, read by label meaning: two-column key/value
 * grids (as a text layer's positioned cells and as OCR segments), "label：value" lines without a
 * grid, values on the line below their label, English-only labels.
 */
import { parseTestReport } from './report';
import { textDoc } from './testing/doc';
import type { DocumentText, PageText } from './types';

const ITEMS = [
  '序号\t检验项目\t单位\t标准要求\t检验结果\t单项判定',
  '1\t甲醛含量\tmg/kg\t≤75\t16\t合格',
  '2\tpH值\t—\t4.0～8.5\t6.1\t合格',
];

const EXPECTED = {
  reportNumber: 'HB-2025-0113',
  sample: { name: '夏季校服（短袖POLO衫）', model: 'JC24-X15', trademark: '锦程', batch: 'P24051' },
  client: '江州市涪溪区实验小学',
  manufacturer: '江州锦程服饰有限公司',
  dates: { received: '2024-05-06', tested: '2024-05-13', issued: '2024-05-15' },
  conclusion: 'pass',
};

/** An OCR page whose lines come as segments (cells) at one height, as the OCR engine groups them. */
function ocrCells(text: string): DocumentText {
  const page: PageText = {
    page: 1,
    source: 'ocr',
    lines: text
      .split('\n')
      .filter((l) => l.trim())
      .map((l, i) => {
        const cells = l.split('\t');
        let x = 40;
        const cellBoxes = cells.map((c) => {
          const box = { x0: x, y0: 40 + i * 30, x1: x + c.length * 18, y1: 60 + i * 30 };
          x = box.x1 + 40;
          return box;
        });
        return { text: cells.join(' '), cells, cellBoxes, box: null, confidence: 0.93 };
      }),
  };
  return { form: 'scanned_pdf', pages: [page] };
}

/**
 * An OCR page from segments placed on it: each row lists [text, x0, y0] in page fractions (one text
 * line high), grouped into lines as the OCR engine groups segments whose heights overlap.
 */
function ocrSegments(rows: Array<Array<[string, number, number]>>): DocumentText {
  const H = 0.012;
  const page: PageText = {
    page: 1,
    source: 'ocr',
    lines: rows.map((row) => {
      const words = row.map(([text, x0, y0]) => ({
        text,
        box: { x0, y0, x1: x0 + 0.009 * text.length, y1: y0 + H },
        confidence: 0.95,
      }));
      return {
        text: words.map((w) => w.text).join(' '),
        cells: words.map((w) => w.text),
        words,
        box: {
          x0: Math.min(...words.map((w) => w.box.x0)),
          y0: Math.min(...words.map((w) => w.box.y0)),
          x1: Math.max(...words.map((w) => w.box.x1)),
          y1: Math.max(...words.map((w) => w.box.y1)),
        },
        confidence: 0.95,
      };
    }),
  };
  return { form: 'scanned_pdf', pages: [page] };
}

/** The item table and conclusion as OCR rows from height y on. */
function itemRows(y: number): Array<Array<[string, number, number]>> {
  const xs = [0.08, 0.12, 0.3, 0.37, 0.63, 0.82];
  return [
    ...ITEMS.map((l, i) =>
      l.split('\t').map((c, j): [string, number, number] => [c, xs[j] ?? 0.9, y + i * 0.02]),
    ),
    [['检验结论：经检验，该样品所检项目符合标准要求，判定合格。', 0.08, y + 0.08]],
  ];
}

function read(doc: DocumentText) {
  const x = parseTestReport(doc);
  return {
    reportNumber: x.reportNumber,
    sample: {
      name: x.sample.name,
      model: x.sample.model,
      trademark: x.sample.trademark,
      batch: x.sample.batch,
    },
    client: x.client,
    manufacturer: x.manufacturer,
    dates: x.dates,
    conclusion: x.conclusion,
  };
}

const KV_GRID = [
  '江州市纤维织品检验所',
  '检 验 报 告',
  '报告编号\tHB-2025-0113\t第 1 页 共 1 页',
  '样品名称\t夏季校服（短袖POLO衫）\t型号规格\tJC24-X15',
  '商标\t锦程\t生产日期/批号\tP24051',
  '委托单位\t江州市涪溪区实验小学\t生产单位\t江州锦程服饰有限公司',
  '检验类别\t委托检验\t收样日期\t2024年5月6日',
  '检验日期\t2024年5月6日～2024年5月13日\t签发日期\t2024年5月15日',
  '检验依据\tGB/T 31888-2015、GB 18401-2010 B类',
  ...ITEMS,
  '检验结论：经检验，该样品所检项目符合标准要求，判定合格。',
].join('\n');

describe('report header fields by label meaning', () => {
  it('When the fields are a two-column key/value grid in the text layer, then each value is read from the cell after its label', () => {
    expect(read(textDoc(KV_GRID))).toEqual(EXPECTED);
  });

  it('When the same grid comes as OCR segments, then each value is read from the segment after its label', () => {
    expect(read(ocrCells(KV_GRID))).toEqual(EXPECTED);
  });

  it('When the fields are "label：value" lines with no grid, two to a line, then each value ends at the next label', () => {
    const doc = textDoc(
      [
        '江州市纤维织品检验所',
        '检测报告',
        '报告编号：HB-2025-0113',
        '产品名称：夏季校服（短袖POLO衫）    规格型号：JC24-X15',
        '品牌：锦程    批号：P24051',
        '送检单位：江州市涪溪区实验小学',
        '生产企业：江州锦程服饰有限公司',
        '检测类别：委托检验    样品接收日期：2024.05.06',
        '检测日期：2024.05.06-2024.05.13',
        '检测依据：GB/T 31888-2015、GB 18401-2010 B类',
        ...ITEMS,
        '检测结论：所检项目符合标准要求。',
        '报告日期：2024.05.15',
      ].join('\n'),
    );
    expect(read(doc)).toEqual(EXPECTED);
  });

  it('When each value is printed on the line below its label, then it is read from there', () => {
    const doc = textDoc(
      [
        '江州市纤维织品检验所',
        '检验报告',
        '报告编号',
        'HB-2025-0113',
        '样品名称',
        '夏季校服（短袖POLO衫）',
        '型号规格',
        'JC24-X15',
        '商标',
        '锦程',
        '生产批号',
        'P24051',
        '委托单位',
        '江州市涪溪区实验小学',
        '生产单位',
        '江州锦程服饰有限公司',
        '检验类别',
        '委托检验',
        '收样日期',
        '2024-05-06',
        '检验日期',
        '2024-05-06 ~ 2024-05-13',
        '检验依据',
        'GB/T 31888-2015、GB 18401-2010 B类',
        ...ITEMS,
        '检验结论：经检验，所检项目合格。',
        '签发日期',
        '2024-05-15',
      ].join('\n'),
    );
    expect(read(doc)).toEqual(EXPECTED);
  });

  it.each([
    [
      'Title Case labels',
      [
        'Report No.: HB-2025-0113',
        'Sample Description: 夏季校服（短袖POLO衫）',
        'Model: JC24-X15\tTrademark: 锦程',
        'Batch No.: P24051',
        'Client: 江州市涪溪区实验小学',
        'Manufacturer: 江州锦程服饰有限公司',
        'Test Type: Commissioned',
        'Date of Receipt: 2024-05-06\tTesting Period: 2024-05-06 to 2024-05-13',
        'Test Standards: GB/T 31888-2015, GB 18401-2010',
      ],
    ],
    [
      'sentence-case labels and Applicant',
      [
        'Report no.: HB-2025-0113',
        'Sample name: 夏季校服（短袖POLO衫）',
        'Model: JC24-X15\tTrademark: 锦程',
        'Batch no.: P24051',
        'Applicant: 江州市涪溪区实验小学',
        'Manufacturer: 江州锦程服饰有限公司',
        'Test type: Commissioned',
        'Date received: 2024-05-06\tTest period: 2024-05-06 ~ 2024-05-13',
        'Test standards: GB/T 31888-2015, GB 18401-2010',
      ],
    ],
  ])('When the report prints English-only labels (%s), then every header field is read', (_n, fields) => {
    const doc = textDoc(
      [
        'Guangdong Huabiao Testing Technology Co., Ltd.',
        'TEST REPORT',
        ...fields,
        'No.\tTest Item\tUnit\tRequirement\tResult\tVerdict',
        '1\tFormaldehyde\tmg/kg\t≤75\t16\tPass',
        '2\tpH\t—\t4.0～8.5\t6.1\tPass',
        'Conclusion: PASS',
        'Date of Issue: 2024-05-15',
      ].join('\n'),
    );
    expect(read(doc)).toEqual(EXPECTED);
  });
  it("When OCR reads a grid of cells each holding an English label with its value on the line below, then each value is the segment under its label, not the next label's", () => {
    const doc = ocrSegments([
      [['Report No.: HB-2025-0113', 0.075, 0.068]],
      [
        ['Sample Description', 0.08, 0.121],
        ['Model No.', 0.58, 0.122],
      ],
      [
        ['夏季校服（短袖POLO衫）', 0.082, 0.133],
        ['JC24-X15', 0.583, 0.133],
      ],
      [
        ['Brand', 0.081, 0.149],
        ['Lot No.', 0.581, 0.149],
      ],
      [
        ['锦程', 0.081, 0.161],
        ['P24051', 0.581, 0.161],
      ],
      [
        ['Client', 0.08, 0.176],
        ['Manufacturer', 0.583, 0.178],
      ],
      [
        ['江州市涪溪区实验小学', 0.081, 0.188],
        ['江州锦程服饰有限公司', 0.583, 0.188],
      ],
      [
        ['Type of Test', 0.082, 0.206],
        ['Date of Receipt', 0.583, 0.206],
      ],
      [
        ['Commissioned test', 0.082, 0.217],
        ['2024-05-06', 0.583, 0.217],
      ],
      [['Testing Period', 0.082, 0.234]],
      [['2024-05-06 ~ 2024-05-13', 0.082, 0.245]],
      ...itemRows(0.3),
      [['Date of Issue: 2024-05-15', 0.6, 0.5]],
    ]);
    expect(read(doc)).toEqual(EXPECTED);
  });

  it('When a label is printed in Chinese over English and OCR reads the value between the two, then the value belongs to that label', () => {
    const doc = ocrSegments([
      [['报告编号：HB-2025-0113', 0.065, 0.064]],
      [
        ['样品名称', 0.069, 0.118],
        ['型号规格', 0.542, 0.118],
      ],
      [
        ['夏季校服（短袖POLO衫）', 0.227, 0.125],
        ['JC24-X15', 0.72, 0.125],
      ],
      [
        ['Sample Name', 0.07, 0.133],
        ['Model', 0.542, 0.133],
      ],
      [
        ['商标', 0.069, 0.149],
        ['生产日期/批号', 0.543, 0.149],
      ],
      [
        ['锦程', 0.225, 0.156],
        ['Batch No.', 0.542, 0.162],
        ['P24051', 0.717, 0.156],
      ],
      [['Trademark', 0.069, 0.163]],
      [
        ['委托单位', 0.069, 0.18],
        ['生产单位', 0.542, 0.18],
        ['江州锦程服饰有限公司', 0.722, 0.187],
      ],
      [['江州市涪溪区实验小学', 0.227, 0.187]],
      [
        ['Applicant', 0.069, 0.194],
        ['Manufacturer', 0.543, 0.194],
      ],
      [
        ['检验类别', 0.069, 0.211],
        ['委托检验', 0.226, 0.217],
        ['收样日期', 0.543, 0.211],
        ['2024-05-06', 0.72, 0.217],
      ],
      [
        ['Test Type', 0.069, 0.225],
        ['Date Received', 0.543, 0.225],
      ],
      [
        ['检验日期', 0.069, 0.242],
        ['2024-05-06～2024-05-13', 0.226, 0.248],
      ],
      [['Test Period', 0.069, 0.256]],
      ...itemRows(0.3),
      [['签发日期：2024-05-15', 0.6, 0.5]],
    ]);
    expect(read(doc)).toEqual(EXPECTED);
  });

  it("When a stacked label has no value and the next thing under it is another label, then the field is null and flagged, never the other label's value", () => {
    const doc = ocrSegments([
      [['Report No.: HB-2025-0113', 0.075, 0.068]],
      [
        ['Sample Description', 0.08, 0.121],
        ['Model No.', 0.58, 0.122],
      ],
      [
        ['夏季校服（短袖POLO衫）', 0.082, 0.133],
        ['JC24-X15', 0.583, 0.133],
      ],
      [
        ['Client', 0.08, 0.149],
        ['Manufacturer', 0.583, 0.149],
      ],
      [
        ['Type of Test', 0.082, 0.165],
        ['江州锦程服饰有限公司', 0.583, 0.161],
      ],
      [['Commissioned test', 0.082, 0.177]],
      ...itemRows(0.3),
    ]);
    const x = parseTestReport(doc);
    expect(x.client).toBeNull();
    expect(x.review).toContainEqual(expect.objectContaining({ path: 'client', reason: 'missing' }));
    expect(x.manufacturer).toBe('江州锦程服饰有限公司');
    expect(x.inspectionType).toBe('commissioned');
  });

  it('When OCR drops the spaces inside English labels ("SampleName", "DateReceived") or reads a letter as a digit ("TestPeri0d"), then the labels are still read', () => {
    const doc = ocrSegments([
      [['Report No.: HB-2025-0113', 0.075, 0.068]],
      [
        ['SampleName：夏季校服（短袖POLO衫）', 0.075, 0.119],
        ['Model:JC24-X15', 0.483, 0.119],
      ],
      [
        ['Trademark：锦程', 0.075, 0.134],
        ['Batch No.: P24051', 0.485, 0.134],
      ],
      [
        ['Applicant：江州市涪溪区实验小学', 0.075, 0.149],
        ['Manufacturer：江州锦程服饰有限公司', 0.485, 0.151],
      ],
      [
        ['TestType:Commissioned test', 0.075, 0.167],
        ['DateReceived：2024年5月6日', 0.483, 0.167],
      ],
      [['TestPeri0d：2024年5月6日~2024年5月13日', 0.075, 0.182]],
      ...itemRows(0.3),
      [['Dateofissue：2024年5月15日', 0.6, 0.5]],
    ]);
    expect(read(doc)).toEqual(EXPECTED);
  });
  it('When OCR reads the "/" of an empty trademark cell as a lone digit, then the trademark is null and flagged, not "1"', () => {
    const x = parseTestReport(ocrCells(KV_GRID.replace('商标\t锦程', '商标\t1')));
    expect(x.sample.trademark).toBeNull();
    expect(x.review).toContainEqual(
      expect.objectContaining({ path: 'sample.trademark', reason: 'unreadable' }),
    );
    expect(x.sample.batch).toBe('P24051');
    // the person reviewing reads the field's Chinese name, not its path
    const message = x.review?.find((f) => f.path === 'sample.trademark')?.message ?? '';
    expect(message).toContain('商标');
    expect(x.review?.map((f) => f.message).join('\n')).not.toMatch(/[a-z]+\.[a-zA-Z]+/);
  });
});
