import { LabelIndex, valueText } from './labels';

const index = new LabelIndex(
  {
    model: ['型号规格', '型号'],
    batch: ['生产日期或批号', '批号'],
    safety: ['安全技术类别'],
    client: ['委托方'],
  },
  ['委托方地址', '地址'],
);

describe('LabelIndex', () => {
  it('matches letter-spaced and wrapped labels, longest first, and cuts values at the next label', () => {
    const text = '型号规格 JC24-Y29 安全技术类\n别 B类\n生产日期\n或批号 P245937\t检验日期 x\n';
    const hits = index.find(text);
    expect(hits.map((h) => h.field)).toEqual(['model', 'safety', 'batch']);
    expect(valueText(text, hits[0]!, 'cell')).toBe('JC24-Y29');
    expect(valueText(text, hits[1]!, 'cell')).toBe('B类');
    expect(valueText(text, hits[2]!, 'cell')).toBe('P245937');
  });
  it('lets a stop label end a value without being read as the shorter label', () => {
    const text = '委托方\t江州市教育委员会\n委托方地址 江州市人民东路88号\n';
    const hits = index.find(text);
    expect(hits.map((h) => [h.field, h.label])).toEqual([
      ['client', '委托方'],
      [null, '委托方地址'],
    ]);
    expect(valueText(text, hits[0]!, 'block')).toBe('江州市教育委员会');
  });
  it('takes a short parenthetical before the colon as part of the label', () => {
    const idx = new LabelIndex({ supplier: ['乙方：'], number: ['报告编号'] }, []);
    const text = '乙方（中标人）：某某服装有限公司\n报告编号 (2024)江纤检字第W1号\n';
    const hits = idx.find(text);
    expect(valueText(text, hits[0]!, 'cell')).toBe('某某服装有限公司');
    expect(valueText(text, hits[1]!, 'cell')).toBe('(2024)江纤检字第W1号');
  });
  it('reads an English label whose words OCR ran together ("TestStandards:", "Date ofIssue:")', () => {
    const idx = new LabelIndex({ standards: ['Test Standards'], issued: ['Date of Issue'] }, []);
    const text = 'TestStandards:GB/T 31888-2015\nDate ofIssue:2024-05-07\n';
    const hits = idx.find(text);
    expect(hits.map((h) => h.field)).toEqual(['standards', 'issued']);
    expect(valueText(text, hits[0]!, 'line')).toBe('GB/T 31888-2015');
    expect(valueText(text, hits[1]!, 'line')).toBe('2024-05-07');
  });
  it('ignores label words inside running text unless followed by a colon', () => {
    expect(index.find('请提供型号清单').length).toBe(0);
    expect(index.find('产品型号：A1').map((h) => h.field)).toEqual(['model']);
  });

  describe('with cell labels (contracts: key/value tables, bilingual labels)', () => {
    const cells = new LabelIndex(
      { buyer: ['买方：', 'Buyer:'], number: ['合同编号', '^编号：'] },
      ['项目编号'],
      {
        cellLabels: true,
      },
    );
    it('reads a colon label that fills its cell without the colon, but not inside running text', () => {
      const text = '买方\t江州市某某小学\n买方应于收货后付款\n';
      const hits = cells.find(text);
      expect(hits.map((h) => valueText(text, h, 'cell'))).toEqual(['江州市某某小学']);
    });
    it('takes a parenthetical at the end of a cell and a label in two languages as one label', () => {
      const text = '买方（甲方）\t江州市某某小学\n买方 Buyer：江州市某某中学\n';
      const hits = cells.find(text);
      expect(hits.map((h) => valueText(text, h, 'cell'))).toEqual(['江州市某某小学', '江州市某某中学']);
    });
    it('reads a ^label only where a word starts', () => {
      const text = '采购计划编号：P-1　编号：HT-1\n';
      const hits = cells.find(text).filter((h) => h.field === 'number');
      expect(hits.map((h) => valueText(text, h, 'cell'))).toEqual(['HT-1']);
    });
  });
});
