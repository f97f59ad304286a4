import { categoryOf, cleanContractNumber, parseContract, parseGoodsTable } from './contract';
import { C1_DOC013_P1, C1_DOC013_P2, C2_DOC014_P1, C2_DOC014_P2, C3_DOC053_P1 } from './testing/corpus-pages';
import { ocrDoc, textDoc } from './testing/doc';

describe('parseContract on real text-layer contracts', () => {
  it('reads a one-page contract with parties on labelled lines (C3)', () => {
    const c = parseContract(textDoc(C3_DOC053_P1));
    expect(c).toMatchObject({
      kind: 'contract',
      contractNumber: '桂湖小采〔2024〕8号',
      purchaser: { name: '江州市涪溪区桂湖小学' },
      supplier: { name: '江州锦程服饰有限公司', uscc: '91500117221931482T' },
      signedDate: '2024-04-15',
      deliveryDate: '2024-05-27',
      totalAmount: 249222,
      standards: ['GB/T 31888-2015', 'GB 18401-2010', 'GB 31701-2015'],
    });
    expect(c.lines).toEqual([
      expect.objectContaining({
        product: '夏季校服（短袖POLO衫+短裤/短裙）',
        category: 'school_uniform',
        model: 'JC24-X15',
        quantity: 757,
        unit: '套',
        unitPrice: 118,
        amount: 89326,
      }),
      expect.objectContaining({
        product: '学生运动服（针织运动套装）',
        model: 'JC24-Y29',
        quantity: 869,
        unitPrice: 184,
        amount: 159896,
      }),
    ]);
    expect(c.review).toEqual([]);
  });

  it('takes the supplier’s USCC (not the school’s) and drops the wrapped brand column (C2)', () => {
    const c = parseContract(textDoc(C2_DOC014_P1, C2_DOC014_P2));
    expect(c.supplier).toEqual({ name: '江州市博雅学生服装有限公司', uscc: '915001177C1905906E' });
    expect(c.purchaser.name).toBe('江州市涪溪区书院路小学');
    expect(c.deliveryDate).toBe('2024-07-22');
    expect(c.signedDate).toBe('2024-06-26');
    expect(c.totalAmount).toBe(476135.5);
    expect(c.lines.map((l) => [l.product, l.model, l.quantity, l.unit, l.unitPrice, l.amount])).toEqual([
      ['夏季校服（短袖POLO衫+短裤/短裙）', 'BY24-X24', 1235, '套', 132.5, 163637.5],
      ['冬季校服（防寒棉服外套）', 'BY24-D10', 342, '件', 314, 107388],
      ['春秋季校服（运动上衣+运动长裤）', 'BY24-C11', 954, '套', 215, 205110],
    ]);
  });

  it('joins a product name wrapped inside its cell and reads standards only from the quality clause (C1)', () => {
    const c = parseContract(textDoc(C1_DOC013_P1, C1_DOC013_P2));
    expect(c.lines[1]).toMatchObject({
      product: '学生床上用品三件套（床单、被套、枕套）',
      category: 'bedding',
      model: 'TL-SJ735',
      quantity: 458,
    });
    expect(c.lines[0]).toMatchObject({
      product: '学生棉被（150cm×200cm，2.0kg）',
      unit: '床',
      amount: 93702,
    });
    expect(c.standards).toEqual(['GB 18401-2010', 'GB/T 22796-2021', 'GB 18383-2007']);
    expect(c.deliveryDate).toBe('2024-05-17');
    expect(c.totalAmount).toBe(154387);
  });
});

describe('parseContract on synthetic variants', () => {
  it('flags an invalid USCC for review (without changing it) and reads the total from 大写 alone', () => {
    const c = parseContract(
      ocrDoc(
        [
          '采 购 合 同',
          '合同编号：TEST-001',
          '甲方：某某小学',
          '乙方：某某服装有限公司',
          '统一社会信用代码：91500117D5588424X0',
          '合同总金额：人民币（大写）柒万陆仟零柒拾陆元整',
          '签订日期：2024年7月9日',
        ].join('\n'),
      ),
    );
    expect(c.supplier.uscc).toBe('91500117D5588424X0');
    expect(c.totalAmount).toBe(76076);
    expect(c.review).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'supplier.uscc', reason: 'invalid_format' })]),
    );
    expect(c.review).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'lines', reason: 'missing' })]),
    );
  });
});

describe('categoryOf', () => {
  it.each([
    ['幼儿园夏季园服（短袖T恤+短裤）', 'kindergarten_garment'],
    ['幼儿园午休被褥（被子+褥子）', 'bedding'],
    ['学生床上用品三件套（床单、被套、枕套）', 'bedding'],
    ['大颗粒塑料拼插积木（桶装）', 'plastic_toy'],
    ['儿童塑料滑行车', 'plastic_toy'],
    ['学生礼服（西装套装含衬衫）', 'school_uniform'],
  ])('%p → %p', (product, category) => {
    expect(categoryOf(product)).toBe(category);
  });
});

describe('cleanContractNumber', () => {
  it.each([
    ['金桥幼采〔2024〕3号', '金桥幼采〔2024〕3号'],
    ['金桥幼采〔2024]3号', '金桥幼采〔2024〕3号'],
    ['机关幼采〔2024）30号', '机关幼采〔2024〕30号'],
    ['机关幼采(2024〕30号', '机关幼采〔2024〕30号'],
    ['JZ-2024-0312 签订日期', 'JZ-2024-0312'],
  ])('%p → %p', (raw, want) => {
    expect(cleanContractNumber(raw)).toBe(want);
  });
});

describe('parseGoodsTable on OCR text', () => {
  it('When OCR lost a row number and read thousands commas as points, then every goods line is still read', () => {
    const { lines } = parseGoodsTable(
      ocrDoc(
        [
          '序号\t货物名称\t规格型号（款号）\t单位\t数量\t单价（元）\t金额（元）',
          '夏季校服（短袖POLO衫+短裤/短裙）\tRH24-X31\t套\t685\t96.00\t65.760.00',
          '2\t冬季校服（防寒棉服外套）\tRH24-D24\t件\t495\t306.00\t151,470.00',
          '合\t计\t217.230.00',
        ].join('\n'),
      ),
    );
    expect(lines.map((l) => [l.lineNo, l.model, l.quantity, l.unitPrice, l.amount])).toEqual([
      [1, 'RH24-X31', 685, 96, 65760],
      [2, 'RH24-D24', 495, 306, 151470],
    ]);
  });
});

describe('contract parties under other labels', () => {
  it.each([
    ['需方：', '供方：'],
    ['买方：', '卖方：'],
    ['Purchaser:', 'Supplier:'],
    ['甲方（需方）：', '乙方（供方）：'],
  ])('When the parties are labelled %s / %s, then purchaser and supplier are read', (buyer, seller) => {
    const c = parseContract(
      textDoc(
        [
          '学生校服采购合同',
          `${buyer}江州市某某区实验小学`,
          `${seller}江州某某服饰有限公司`,
          '统一社会信用代码：91500117221931482T',
          '签订日期：2025年3月1日',
        ].join('\n'),
      ),
    );
    expect(c.purchaser.name).toBe('江州市某某区实验小学');
    expect(c.supplier.name).toBe('江州某某服饰有限公司');
  });
});

describe('a contract read by OCR', () => {
  const contract = (signed: string[], purchaser = '江州市培溪区实验小学') =>
    ocrDoc(
      [
        '学生校服采购合同',
        `甲方（采购单位）：${purchaser}`,
        '乙方（供货单位）：江州某某服饰有限公司',
        '统一社会信用代码：91500117221931482T',
        ...signed,
      ].join('\n'),
    );

  it('When the signing date printed twice reads differently, then it is left empty and flagged, not picked', () => {
    const c = parseContract(contract(['签订日期：2025年05月28日', '签订日期：2025年03月28日']));
    expect(c.signedDate).toBeNull();
    expect(c.review).toContainEqual({
      path: 'signedDate',
      reason: 'inconsistent',
      message: '合同中的签订日期不一致（2025-05-28、2025-03-28），请核对原件',
    });
  });

  it('When a stamp cut one reading of the signing date short, then the complete reading stands', () => {
    const c = parseContract(contract(['签订日期：2025年07月9内月用章', '签订日期：2025年07月04日']));
    expect(c.signedDate).toBe('2025-07-04');
    expect(c.review?.map((f) => f.path)).not.toContain('signedDate');
  });

  it('When the purchaser OCR read is a look-alike of a registered school, then it is decoded and flagged', () => {
    const c = parseContract(contract(['签订日期：2025年3月1日']), {
      partyNames: ['江州市涪溪区实验小学', '江州某某服饰有限公司'],
    });
    expect(c.purchaser.name).toBe('江州市涪溪区实验小学');
    expect(c.supplier.name).toBe('江州某某服饰有限公司');
    expect(c.review).toContainEqual(
      expect.objectContaining({ path: 'purchaser.name', reason: 'name_decoded' }),
    );
    expect(parseContract(contract(['签订日期：2025年3月1日'])).purchaser.name).toBe('江州市培溪区实验小学');
  });
});
