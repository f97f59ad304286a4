import { parseTestReport } from './report';
import { snapItemName } from './report-items';
import { ocrDoc, textDoc } from './testing/doc';
import { ocrSegmentsDoc, PHOTO_ASKEW_UNRULED_P1, PHOTO_ASKEW_UNRULED_SKEW } from './testing/ocr-pages';
import {
  T1_DOC007_P2,
  T2_DOC009_P1,
  T3_DOC033_P1,
  T3_DOC033_P2,
  T4_DOC001_P1,
  T5_DOC005_P2,
  T5_DOC005_P3,
  T5_DOC040_P3,
} from './testing/corpus-pages';

describe('parseTestReport on real text-layer pages', () => {
  it('reads a one-page P/F report with labels and values in tab cells (T2)', () => {
    const r = parseTestReport(textDoc(T2_DOC009_P1));
    expect(r).toMatchObject({
      kind: 'test_report',
      reportNumber: 'ZH240815836',
      lab: { name: '深圳中衡检测技术有限公司', cmaNumber: '201919041827', cnasNumber: 'L9364' },
      sample: {
        name: '儿童夏装（短袖T恤套装）',
        model: 'TL24-YX16',
        trademark: '童乐',
        batch: null,
        safetyClass: 'A',
      },
      client: '江州市涪溪区教育委员会',
      manufacturer: '江州童乐服饰家纺有限公司',
      inspectionType: 'sampling',
      dates: { received: '2024-08-19', tested: '2024-08-22', issued: '2024-08-26' },
      standards: ['FZ/T 73045-2013', 'GB 18401-2010', 'GB 31701-2015'],
      conclusion: 'pass',
      pages: 1,
    });
    expect(r.items).toHaveLength(23);
    expect(r.items[0]).toMatchObject({
      name: '甲醛含量',
      unit: 'mg/kg',
      requirement: '≤20',
      result: '未检出(<20)',
      verdict: 'pass',
    });
    expect(r.items[1]).toMatchObject({ name: 'pH值', unit: null, requirement: '4.0～7.5', result: '6.0' });
    expect(r.items.map((i) => i.name)).toContain('耐唾液色牢度 沾色');
    expect(r.fields?.reportNumber).toMatchObject({ page: 1, confidence: 1 });
    expect(r.review).toEqual([]);
  });

  it('reads a bilingual report whose labels and values sit on separate lines (T4)', () => {
    const r = parseTestReport(textDoc(T4_DOC001_P1));
    expect(r).toMatchObject({
      reportNumber: 'HBT24-895760-TX',
      lab: { name: '广东华标检测技术有限公司', cmaNumber: '202019118845', cnasNumber: 'L11873' },
      sample: { name: '中小学生校服（春秋装）', model: 'YJ24-C30', trademark: '优佳', safetyClass: 'B' },
      client: '江州优佳服装贸易有限公司',
      manufacturer: '江州市永兴服装厂',
      inspectionType: 'commissioned',
      dates: { received: '2024-04-30', tested: '2024-05-07', issued: '2024-05-07' },
      standards: ['GB/T 31888-2015', 'GB 18401-2010', 'GB 31701-2015'],
      conclusion: 'pass',
    });
    expect(r.items).toHaveLength(23);
    expect(r.items[10]).toMatchObject({
      name: '附件抗拉强力',
      unit: 'N',
      requirement: '≥70',
      result: '≥70，未脱落',
    });
    expect(r.items[12]).toMatchObject({
      name: '纤维含量',
      requirement: '棉 55% 聚酯纤维 45%',
      result: '棉 53.8 聚酯纤维 46.2',
    });
  });

  it('names sub-rows parent + sub, skips parent headings and catches the failed row (T5, 3 pages)', () => {
    const r = parseTestReport(textDoc('封面', T5_DOC005_P2, T5_DOC005_P3));
    expect(r.reportNumber).toBe('WT2024-5438');
    expect(r.inspectionType).toBe('sampling');
    expect(r.dates).toEqual({ received: '2024-08-07', tested: '2024-08-14', issued: '2024-08-15' });
    expect(r.sample).toMatchObject({ name: '大颗粒积木', batch: '2024-05批', safetyClass: null });
    expect(r.manufacturer).toBe('汕头市澄海区宏泰玩具实业有限公司');
    expect(r.conclusion).toBe('fail');
    const names = r.items.map((i) => i.name);
    expect(names).toContain('可迁移元素 铅(Pb)');
    expect(names).toContain('邻苯二甲酸酯 DINP+DIDP+DNOP');
    expect(names).not.toContain('可迁移元素');
    expect(r.items.find((i) => i.name === '可迁移元素 铅(Pb)')).toMatchObject({
      unit: 'mg/kg',
      requirement: '≤90',
      result: '186',
      verdict: 'fail',
    });
    expect(r.items.find((i) => i.name === '邻苯二甲酸酯 DBP+BBP+DEHP')).toMatchObject({
      unit: '%',
      requirement: '≤0.1',
      result: '未检出(<0.005)',
    });
    expect(r.items.find((i) => i.name === '小零件')?.verdict).toBe('n/a');
    expect(r.items.find((i) => i.name === '标识和使用说明')).toMatchObject({
      requirement: '符合GB 6675.1-2014 附录B',
      result: '符合',
    });
    expect(r.pages).toBe(3);
  });

  it("gives 沾色/纬向 rows under a numbered row the numbered row's parent (T5 result page)", () => {
    const r = parseTestReport(textDoc(T5_DOC040_P3));
    const names = r.items.map((i) => i.name);
    expect(names).toEqual(
      expect.arrayContaining(['耐水色牢度 变色', '耐水色牢度 沾色', '断裂强力 纬向', '水洗尺寸变化率 横向']),
    );
    expect(r.items.find((i) => i.name === '绳带要求')).toMatchObject({
      requirement: '符合GB 31701-2015中5.2要求',
      result: '符合',
      verdict: 'pass',
    });
  });

  it('follows a table across pages past page headers and category rows (T3)', () => {
    const r = parseTestReport(textDoc(T3_DOC033_P1, T3_DOC033_P2));
    expect(r.items).toHaveLength(23);
    expect(r.items.map((i) => i.name)).toContain('微生物 细菌菌落总数');
    expect(r.standards).toEqual(['GB/T 22796-2021', 'GB 18401-2010', 'GB 18383-2007']);
    expect(r.sample).toMatchObject({
      model: 'TL-BZ621',
      batch: 'P242566',
      trademark: null,
      safetyClass: 'B',
    });
    expect(r.client).toBe('江州童乐服饰家纺有限公司');
    expect(r.dates).toEqual({ received: '2024-02-26', tested: '2024-03-02', issued: '2024-03-04' });
    expect(r.lab).toEqual({
      name: '西南纺织服装检测中心有限公司',
      cmaNumber: '182312050376',
      cnasNumber: null,
    });
  });

  it('When OCR reads the lab name and the page number as two segments of one line (…有限公司 | 第1页共1页), then the name is the lab', () => {
    const r = parseTestReport(
      ocrSegmentsDoc([
        [
          ['广东华标检测技术有限公司', 0.058, 0.041, 0.27, 0.056],
          ['第1页共1页', 0.86, 0.043, 0.938, 0.056],
        ],
        [['报告编号：HBT24-895760-TX', 0.057, 0.058, 0.247, 0.069]],
        [['检验报告', 0.383, 0.075, 0.582, 0.097]],
        [['委托单位：江州优佳服装贸易有限公司', 0.058, 0.134, 0.4, 0.15]],
      ]),
    );
    expect(r.lab.name).toBe('广东华标检测技术有限公司');
  });

  it('reads wrapped labels and multi-line standards (T1 header page)', () => {
    const r = parseTestReport(textDoc(T1_DOC007_P2));
    expect(r.sample).toMatchObject({
      model: 'JC24-Y29',
      trademark: '锦程',
      batch: 'P245937',
      safetyClass: 'B',
    });
    expect(r.dates).toEqual({ received: '2024-06-11', tested: '2024-06-18', issued: '2024-06-18' });
    expect(r.reportNumber).toBe('(2024)江纤检字第W51533号');
  });
});

describe('parseTestReport on synthetic variants', () => {
  it('treats "所检项目中××项不符合" as a failed conclusion', () => {
    const r = parseTestReport(
      textDoc('报告编号：X-1\n检验结论：经检验，所检项目中2项不符合GB 18401-2010要求。'),
    );
    expect(r.conclusion).toBe('fail');
  });

  it('reads OCR lines without tabs, with spaces between Han characters and OCR misreadings', () => {
    const r = parseTestReport(
      ocrDoc(
        [
          '检 验 报 告',
          '报告编号：AB2024-0001',
          '样品名称：学 生 校 服 委托单位：某某市 第一中学',
          '检验类别：监督抽查',
          '检验依据：GBMT 31888-2015、GB 18401-2010 B类',
          '序号 检验项目 单位 标准要求 检验结果 单项判定',
          '1 甲醛含量 mgAkg <75 16 合格',
          '2 耐水色牢度 变色 级 >3-4 4 合格',
          '3 pH值 / 4.0~8.5 9.1 不合格',
          '以下空白',
          '检验结论：所检项目中1项不符合标准要求，判定不合格。',
          '签发日期：2024年7月16日',
        ].join('\n'),
      ),
    );
    expect(r.reportNumber).toBe('AB2024-0001');
    expect(r.sample.name).toBe('学生校服');
    expect(r.client).toBe('某某市第一中学');
    expect(r.inspectionType).toBe('supervision');
    expect(r.standards).toEqual(['GB/T 31888-2015', 'GB 18401-2010']);
    expect(r.items).toEqual([
      expect.objectContaining({
        name: '甲醛含量',
        unit: 'mg/kg',
        requirement: '≤75',
        result: '16',
        verdict: 'pass',
      }),
      expect.objectContaining({
        name: '耐水色牢度 变色',
        unit: '级',
        requirement: '≥3-4',
        result: '4',
        verdict: 'pass',
      }),
      expect.objectContaining({ name: 'pH值', unit: null, result: '9.1', verdict: 'fail' }),
    ]);
    expect(r.conclusion).toBe('fail');
    expect(r.dates.issued).toBe('2024-07-16');
  });

  it('leaves unreadable fields null and lists them for review instead of guessing', () => {
    const r = parseTestReport(textDoc('检验报告\n样品名称：校服'));
    expect(r.reportNumber).toBeNull();
    expect(r.lab.cmaNumber).toBeNull();
    expect(r.review?.map((f) => f.path)).toEqual(
      expect.arrayContaining(['reportNumber', 'lab.cmaNumber', 'dates.issued', 'items']),
    );
    expect(r.review?.every((f) => /[\u4e00-\u9fa5]/.test(f.message))).toBe(true);
  });
});

describe('OCR vocabulary corrections', () => {
  it('snaps misread item names to the known vocabulary, keeps unknown names', () => {
    expect(snapItemName('耐湿摩控色牢度')).toBe('耐湿摩擦色牢度');
    expect(snapItemName('水洗尺十变化率 直向')).toBe('水洗尺寸变化率 直向');
    expect(snapItemName('断裂强力 经冋')).toBe('断裂强力 经向');
    expect(snapItemName('全新的检验项目')).toBe('全新的检验项目');
  });
  it('reads real OCR rows of a scanned result page (T6, tesseract)', () => {
    const r = parseTestReport(
      ocrDoc(
        [
          '报告编号 : QT2024W92700                                第2页 ,共2页',
          '检验结果 :',
          '序号                   检验项目        计量单位             技术要求                       实测值                单项结论',
          '1 |甲醛含量                                         mg/kg                    <75                          未检出(<20)                  符合',
          '6 “| 耐水色牢度 沾色                             级                    二3-4                             5                      符合',
          '8 “| 耐汗渍色牢度 沾色                       级                  =3-4                        45                   符合',
          '11 “| 附件抗拉强力                           N                 =70                  >=70 , 未脱落            符合',
          '16 | 耐湿摩控色牢度           级        >=3           3-4        符合',
          '以下空白',
        ].join('\n'),
      ),
    );
    expect(r.items.map((i) => [i.name, i.unit, i.requirement, i.result, i.verdict])).toEqual([
      ['甲醛含量', 'mg/kg', '≤75', '未检出(<20)', 'pass'],
      ['耐水色牢度 沾色', '级', '≥3-4', '5', 'pass'],
      ['耐汗渍色牢度 沾色', '级', '≥3-4', '4-5', 'pass'],
      ['附件抗拉强力', 'N', '≥70', '≥70 , 未脱落', 'pass'],
      ['耐湿摩擦色牢度', '级', '≥3', '3-4', 'pass'],
    ]);
  });
});

describe('OCR grade corrections stay within grade items', () => {
  it('does not turn a burning-class requirement into a minimum grade', () => {
    const r = parseTestReport(
      ocrDoc(
        [
          '报告编号：X1',
          '序号 检验项目 单位 标准要求 检验结果 单项判定',
          '1 燃烧性能  级  1  1级  合格',
          '2 耐光色牢度  级  4  4-5  合格',
          '以下空白',
        ].join('\n'),
      ),
    );
    expect(r.items.map((i) => [i.name, i.requirement])).toEqual([
      ['燃烧性能', '1'],
      ['耐光色牢度', '≥4'],
    ]);
  });
});

describe('a photographed table printed without lines, taken askew', () => {
  it('When the photo slopes (the right-hand cells of a row lower by most of a line) and an OCR segment ran over the standards line and the first row, then the rows are read and the standards stay a header field', () => {
    const x = parseTestReport(ocrSegmentsDoc(PHOTO_ASKEW_UNRULED_P1, PHOTO_ASKEW_UNRULED_SKEW));
    const byName = Object.fromEntries(x.items.map((i) => [i.name, i]));
    // 22 of the 23 rows: the first row's name is inside the segment that ran over two lines
    expect(x.items).toHaveLength(22);
    expect(byName['pH值']).toMatchObject({ result: '5.9', verdict: 'pass' });
    expect(byName['耐水色牢度 变色']).toMatchObject({ result: '5', verdict: 'pass' });
    expect(byName['微生物 真菌菌落总数']).toMatchObject({ result: '<10', verdict: 'pass' });
    expect(byName['使用说明']).toMatchObject({ result: '符合', verdict: 'pass' });
    expect(x.standards).toEqual(['GB/T 22796-2021', 'GB 18401-2010', 'GB 18383-2007']);
  });
});

describe('an English conclusion OCR read without its spaces', () => {
  it.each([
    // lines of OCR'd photos (harness doc-001-v16-english-stacked-fields, doc-001-v06-no-rules; PaddleOCR)
    ['Conclusion:The submitted samplePASSthe requirementsof GB/T31888-2015.', 'pass'],
    ['Conclusion:The submitted samplePASS therequirementsofGB/T31888-2015', 'pass'],
    ['Conclusion: The submitted sampleFAILthe requirements of GB 6675.4-2014', 'fail'],
  ])('When the conclusion reads %p, then the conclusion is %p', (line, want) => {
    const x = parseTestReport(
      ocrDoc(
        [
          'Report No.: HBT24-895760-TX',
          'TEST REPORT',
          'No.  Test Item  Unit  Requirement  Result  Conclusion',
          '1  甲醛  mg/kg  ≤75  <20  Pass',
          line,
          'Tested by:  Checked by:  Approved by:  Date of Issue: 2024-05-07',
        ].join('\n'),
      ),
    );
    expect(x.conclusion).toBe(want);
  });
});
