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
});
