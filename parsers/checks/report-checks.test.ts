import { parseTestReport } from '../report';
import { ocrDoc, textDoc } from '../testing/doc';
import { readItemTables } from '../table/read-tables';
import {
  ocrSegmentsDoc,
  SCAN_SUB_TABLE_BEFORE_UNREAD_HEADER,
  SCAN_SUB_TABLE_BEFORE_UNREAD_HEADER_RULES,
} from '../testing/ocr-pages';
import {
  checkMergedResults,
  checkHollowRows,
  checkSubItemKinds,
  checkMergedNames,
  checkNumberedRows,
  checkSummaryVerdicts,
  checkUnreadVerdicts,
} from './report-checks';

const HEAD = [
  '检验报告',
  '报告编号：\tJC2025-0101',
  '样品名称：\t学生校服',
  '委托单位：\t某某服饰有限公司',
  '检验类别：\t委托检验',
  '检验依据：\tGB 18401-2010',
  '签发日期：\t2025年3月1日',
].join('\n');

function report(
  rows: string[],
  conclusion = '检验结论：经检验，所检项目符合标准要求，判定合格。',
  extra = '',
) {
  return [
    HEAD,
    '序号\t检验项目\t单位\t标准要求\t检验结果\t单项判定',
    ...rows,
    '以下空白',
    conclusion,
    extra,
  ].join('\n');
}

const flags = (r: ReturnType<typeof parseTestReport>) => (r.review ?? []).map((f) => `${f.path} ${f.reason}`);

describe('a parsed report checked against itself', () => {
  it('When every verdict agrees with its limit and the conclusion, then nothing is flagged', () => {
    const r = parseTestReport(
      textDoc(
        report([
          '1\t甲醛含量\tmg/kg\t≤75\t未检出(<20)\t合格',
          '2\tpH值\t—\t4.0～8.5\t5.8\t合格',
          '3\t耐水色牢度 沾色\t级\t≥3-4\t4-5\t合格',
        ]),
      ),
    );
    expect(r.items).toHaveLength(3);
    expect(flags(r).filter((f) => !f.includes('missing'))).toEqual([]);
  });

  it('When an item judged 不适用 prints a result no limit judges, then the verdict is kept and flagged, unless the result says what the item tests is absent', () => {
    const r = parseTestReport(
      ocrDoc(
        report([
          '1\t异物\t—\t不得检出\t未检出\t/',
          '2\t使用说明\t—\t符合GB 5296.4要求\t符合\t/',
          '3\t绳带要求\t—\t符合GB 31701-2015中5.2要求\t无绳带\t不适用',
          '4\t小零件\t—\t36个月以下儿童用玩具不应有小零件\t不适用\t/',
        ]),
      ),
    );
    expect(r.items.map((i) => i.verdict)).toEqual(['n/a', 'n/a', 'n/a', 'n/a']);
    const contradicting = flags(r).filter((f) => f.endsWith('verdict_contradicts_requirement'));
    expect(contradicting).toEqual([
      'items.0.verdict verdict_contradicts_requirement',
      'items.1.verdict verdict_contradicts_requirement',
    ]);
  });

  it('When a verdict contradicts the printed limit, then the verdict is kept as printed and flagged', () => {
    const r = parseTestReport(
      textDoc(report(['1\t甲醛含量\tmg/kg\t≤75\t96\t合格', '2\tpH值\t—\t4.0～8.5\t5.8\t合格'])),
    );
    expect(r.items[0]?.verdict).toBe('pass');
    expect(flags(r)).toContain('items.0.verdict verdict_contradicts_requirement');
    expect(flags(r)).not.toContain('items.1.verdict verdict_contradicts_requirement');
  });

  it('When an item judged against its limit reads "not applicable", then the verdict is kept and flagged; an item with nothing measured is not', () => {
    const r = parseTestReport(
      textDoc(
        report([
          '1\t耐汗渍色牢度 变色\t级\t≥3-4\t4\t不适用',
          '2\t小零件\t—\t不应有小零件\t不适用\t不适用',
          '3\tpH值\t—\t4.0～8.5\t5.8\t合格',
        ]),
      ),
    );
    expect(r.items.map((i) => i.verdict)).toEqual(['n/a', 'n/a', 'pass']);
    expect(flags(r)).toContain('items.0.verdict verdict_contradicts_requirement');
    expect(flags(r)).not.toContain('items.1.verdict verdict_contradicts_requirement');
    expect(flags(r)).not.toContain('items.2.verdict verdict_contradicts_requirement');
  });

  it('When the conclusion is 合格 but an item failed, then the conclusion and the item are flagged', () => {
    const r = parseTestReport(
      textDoc(report(['1\t甲醛含量\tmg/kg\t≤75\t96\t不合格', '2\tpH值\t—\t4.0～8.5\t5.8\t合格'])),
    );
    expect(r.conclusion).toBe('pass');
    expect(flags(r)).toEqual(
      expect.arrayContaining([
        'conclusion conclusion_contradicts_items',
        'items.0.verdict contradicts_conclusion',
      ]),
    );
  });

  it('When the conclusion is 不合格 but no item failed, then the item table is flagged', () => {
    const r = parseTestReport(
      textDoc(report(['1\t甲醛含量\tmg/kg\t≤75\t16\t合格'], '检验结论：经检验，该样品不合格。')),
    );
    expect(flags(r)).toContain('items conclusion_contradicts_items');
  });

  it('When the pages say 共 3 页 and two were read, then pages and items are flagged', () => {
    const p1 = `${report(['1\t甲醛含量\tmg/kg\t≤75\t16\t合格'])}\n第 1 页 共 3 页`;
    const r = parseTestReport(textDoc(p1, '第 2 页 共 3 页'));
    expect(flags(r)).toEqual(expect.arrayContaining(['pages pages_missing', 'items pages_missing']));
    const whole = parseTestReport(textDoc(p1, '第 2 页 共 3 页', 'Page 3 of 3'));
    expect(flags(whole)).not.toContain('pages pages_missing');
  });

  it('When the report states an item count the table does not have, then the table is flagged', () => {
    const rows = ['1\t甲醛含量\tmg/kg\t≤75\t16\t合格', '2\tpH值\t—\t4.0～8.5\t5.8\t合格'];
    const wrong = parseTestReport(textDoc(report(rows, '检验结论：共检验 3 项，所检项目均合格。')));
    expect(flags(wrong)).toContain('items item_count_mismatch');
    const right = parseTestReport(textDoc(report(rows, '检验结论：共检验 2 项，所检项目均合格。')));
    expect(flags(right)).not.toContain('items item_count_mismatch');
  });

  it('When a row is read without a readable item name, then it is kept and flagged with the table', () => {
    const r = parseTestReport(
      textDoc(report(['1\t甲醛含量\tmg/kg\t≤75\t16\t合格', '2\t4\t—\t4.0～8.5\t5.8\t合格'])),
    );
    expect(r.items).toHaveLength(2);
    expect(r.items[0]?.name).toBe('甲醛含量');
    expect(flags(r)).toEqual(expect.arrayContaining(['items.1.name unreadable_row', 'items unreadable_row']));
  });
});

describe('items printed but not read', () => {
  const items = (verdicts: ('pass' | 'fail' | null)[], result = '16') =>
    verdicts.map((verdict, i) => ({
      name: `项目${i + 1}`,
      unit: null,
      requirement: null,
      result,
      verdict,
    }));

  it('When a page prints more verdicts than items were read with one, then the table is flagged (a failed one said so)', () => {
    const doc = ocrDoc(
      [
        '1 甲醛含量 mg/kg ≤75 16 合格',
        '2 pH值 / 4.0~8.5 5.9 合格',
        '可迁移元素 锑(Sb) 砷(As) 铅(Pb)',
        '单项判定 合格 合格 不合格',
        '检验结论：经检验，所检项目符合标准要求，判定合格。',
      ].join('\n'),
    );
    expect(checkUnreadVerdicts(doc, items(['pass', 'pass'])).map((f) => `${f.path} ${f.reason}`)).toEqual([
      'items failed_items_unread',
    ]);
    expect(checkUnreadVerdicts(doc, items(['pass', 'pass', 'pass', 'pass', 'fail']))).toEqual([]);
    const passOnly = ocrDoc(['1 甲醛含量 mg/kg ≤75 16 合格', '2 pH值 / 4.0~8.5 5.9 合格'].join('\n'));
    expect(checkUnreadVerdicts(passOnly, items(['pass'])).map((f) => f.reason)).toEqual(['items_unread']);
  });

  it('When a numbered row with a verdict names no item read (a second matrix the reader lost), then the table is flagged naming the row', () => {
    const doc = ocrDoc(
      [
        '序号 检验项目 单位 标准要求 变色 沾色 单项判定',
        '16 耐水色牢度 级 ≥3-4 5 5 合格',
        '序号 检验项目 单位 标准要求 直向 横向 单项判定',
        '19 水洗尺寸变化率 % -3.0~+2.0 -0.9 1.4 合格',
        '2 PH值 / 4.0~8.5 5.9 合格',
        '17 GB/T 22048-2022 ≤0.1 未检出 合格',
        '检验结论：经检验，所检项目符合标准要求，判定合格。',
      ].join('\n'),
    );
    const read = [
      { name: '耐水色牢度 变色', unit: '级', requirement: '≥3-4', result: '5', verdict: 'pass' as const },
      { name: '耐水色牢度 沾色', unit: '级', requirement: '≥3-4', result: '5', verdict: 'pass' as const },
      { name: 'pH值', unit: null, requirement: '4.0~8.5', result: '5.9', verdict: 'pass' as const },
    ];
    const flags = checkNumberedRows(doc, read);
    expect(flags.map((f) => `${f.path} ${f.reason}`)).toEqual(['items items_unread']);
    // the lost row is named; a row read under another case (PH/pH) or a name cell without a name is not
    expect(flags[0]?.message).toContain('序号 19（水洗尺寸变化率 %）');
    for (const kept of ['16（', '2（', '17（']) expect(flags[0]?.message).not.toContain(kept);
    const all = [
      ...read,
      { name: '水洗尺寸变化率 直向', unit: '%', requirement: null, result: '-0.9', verdict: 'pass' as const },
    ];
    expect(checkNumberedRows(doc, all)).toEqual([]);
  });

  it('When a numbered OCR row whose verdict mark was read as a sign ("<" for √) names no item read, then the table is flagged naming the row', () => {
    const doc = ocrSegmentsDoc(
      SCAN_SUB_TABLE_BEFORE_UNREAD_HEADER,
      0,
      SCAN_SUB_TABLE_BEFORE_UNREAD_HEADER_RULES,
    );
    const read = readItemTables(doc)?.items ?? [];
    const flags = checkNumberedRows(doc, read);
    expect(flags.map((f) => `${f.path} ${f.reason}`)).toEqual(['items items_unread']);
    expect(flags[0]?.message).toContain('序号 14（断裂强力 N）');
    // the rows read are not named; a text layer's "<" is a limit's sign, no verdict
    for (const kept of ['12（', '13（']) expect(flags[0]?.message).not.toContain(kept);
    expect(checkNumberedRows(textDoc('14 断裂强力 N ≥200 426 450 <'), [])).toEqual([]);
  });

  it('When an item name holds the names of two rows (two printed close read as one), then the item and the table are flagged; a parent and its sub-item, or one long name holding a shorter one, are not', () => {
    const named = (...names: string[]) =>
      names.map((name) => ({
        name,
        unit: null,
        requirement: null,
        result: '符合',
        verdict: 'pass' as const,
      }));
    const flags = checkMergedNames(
      named(
        '微生物 细菌菌落总数',
        '微生物真菌菌落总数使用说明',
        '锐利尖端和锐利边缘',
        '断裂强力经向断裂强力 纬向',
      ),
    );
    expect(flags.map((f) => `${f.path} ${f.reason}`)).toEqual([
      'items.1.name rows_merged',
      'items.3.name rows_merged',
      'items rows_merged',
    ]);
    expect(
      checkMergedNames(
        named(
          '标识和使用说明',
          '可分解致癌芳香胺染料',
          '耐水色牢度 变色',
          '微生物细菌菌落总数',
          '邻苯二甲酸酯DBP+BBP+DEHP',
        ),
      ),
    ).toEqual([]);
  });

  it('When a row is read with a name but neither a result nor a verdict (its values fell where no column was read), then the table is flagged: items it stood for may be missing', () => {
    const row = (name: string, result: string | null, verdict: 'pass' | null) => ({
      name,
      unit: null,
      requirement: '-3.5~+2.0',
      result,
      verdict,
    });
    expect(checkHollowRows([row('耐光色牢度', '5', 'pass'), row('水洗尺寸变化率', null, null)])).toEqual([
      expect.objectContaining({ path: 'items', reason: 'unreadable_row' }),
    ]);
    // a verdict unread beside a result read, or a result unread beside a verdict: the row is whole
    expect(checkHollowRows([row('起毛起球', '3-4', null), row('顶破强力', null, 'pass')])).toEqual([]);
  });

  it('When an item holds sub-items of two kinds (a 直向 under a colour fastness), then the odd one and the table are flagged; sub-items of one kind, or parts of a garment, are not', () => {
    const sub = (name: string) => ({
      name,
      unit: '级',
      requirement: '≥3',
      result: '4-5',
      verdict: 'pass' as const,
    });
    expect(
      checkSubItemKinds([
        sub('耐皂洗色牢度 变色'),
        sub('耐皂洗色牢度 沾色'),
        sub('耐皂洗色牢度 直向'),
        sub('水洗尺寸变化率'),
      ]),
    ).toEqual([
      expect.objectContaining({ path: 'items.2.name', reason: 'sub_item_misplaced' }),
      expect.objectContaining({ path: 'items', reason: 'sub_item_misplaced' }),
    ]);
    expect(
      checkSubItemKinds([
        sub('耐皂洗色牢度 变色'),
        sub('耐皂洗色牢度 沾色'),
        sub('水洗尺寸变化率 直向'),
        sub('水洗尺寸变化率 横向'),
        sub('断裂强力 经向'),
        sub('断裂强力 纬向'),
        sub('耐摩擦色牢度 干摩'),
        sub('耐摩擦色牢度 湿摩'),
        sub('纤维含量 面料'),
        sub('纤维含量 里料'),
      ]),
    ).toEqual([]);
  });

  it('When a result printed 符合 stands beside the verdict, or the title is spaced out, then it is no second verdict', () => {
    const doc = ocrDoc(
      [
        'T E S T R E P O R T',
        '1 使用说明 / 符合GB 5296.4要求 符合 合格',
        'Conclusion: the sample PASS the requirements',
      ].join('\n'),
    );
    expect(checkUnreadVerdicts(doc, items(['pass']))).toEqual([]);
  });

  it('When a result holds several values (sub-items read as one row), then the item and the table are flagged', () => {
    const read = [
      ...items(['pass'], '5 4-5'),
      ...items(['pass'], '4-5'),
      ...items(['pass'], '棉 53.8 聚酯纤维 46.2'),
    ];
    expect(checkMergedResults(read).map((f) => `${f.path} ${f.reason}`)).toEqual([
      'items.0.result results_merged',
      'items results_merged',
    ]);
  });
});

describe('report dates in their necessary order', () => {
  const dated = (dates: string[], signed: string[] = []) =>
    parseTestReport(
      textDoc(
        [
          ...HEAD.split('\n').filter((l) => !l.startsWith('签发日期')),
          ...dates,
          '序号\t检验项目\t单位\t标准要求\t检验结果\t单项判定',
          '1\tpH值\t—\t4.0～8.5\t5.8\t合格',
          '以下空白',
          '检验结论：经检验，所检项目符合标准要求，判定合格。',
          ...signed,
        ].join('\n'),
      ),
    );
  const RECEIVED_TESTED = ['收样日期：\t2025年2月10日', '检验日期：\t2025年2月12日-2025年2月20日'];

  it('When the issue date is before the end of testing, then both stay as read and the issue date is flagged', () => {
    const r = dated([...RECEIVED_TESTED, '签发日期：\t2025年1月21日']);
    expect(r.dates).toEqual({ received: '2025-02-10', tested: '2025-02-20', issued: '2025-01-21' });
    expect(flags(r)).toContain('dates.issued date_out_of_order');
  });

  it('When the dates follow each other, then none is flagged', () => {
    const r = dated([...RECEIVED_TESTED, '签发日期：\t2025年2月21日']);
    expect(r.dates.issued).toBe('2025-02-21');
    expect(flags(r).filter((f) => f.includes('date_out_of_order'))).toEqual([]);
  });

  it('When a stamp left only 签日期 of the issue label, then the date after it is the issue date unless it precedes testing', () => {
    const stamped = (date: string) => dated(RECEIVED_TESTED, [`检强险测专签日期\t${date}`]);
    expect(stamped('2025年2月21日').dates.issued).toBe('2025-02-21');
    expect(stamped('2025年1月21日').dates.issued).toBeNull();
    expect(flags(stamped('2025年1月21日'))).toContain('dates.issued missing');
  });
});

describe('verdicts against the summary page', () => {
  it('When an item’s summary row prints another verdict than its detail row, then the item is flagged and keeps the detail’s verdict', () => {
    const item = (name: string, verdict: 'pass' | 'n/a', verdictInSummary?: 'pass') => ({
      name,
      unit: null,
      requirement: null,
      result: '4',
      verdict,
      ...(verdictInSummary ? { verdictInSummary } : {}),
    });
    const out = checkSummaryVerdicts([
      item('耐水色牢度 变色', 'pass'),
      item('耐汗渍色牢度 变色', 'n/a', 'pass'),
    ]);
    expect(out).toEqual([
      {
        path: 'items.1.verdict',
        reason: 'contradicts_summary',
        message: '检验项目“耐汗渍色牢度 变色”的单项判定读为不适用，而汇总页为合格，请核对原件',
      },
    ]);
  });
});
