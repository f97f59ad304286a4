import { parseContract, parseGoodsTable } from './contract';
import { goodsColumns } from './contract-goods';
import { findChineseAmounts, parseChineseAmount } from './text/numerals';
import { ocrDoc, textDoc } from './testing/doc';

const row = (l: {
  product: string;
  model: string | null;
  quantity: number | null;
  unit: string | null;
  unitPrice: number | null;
  amount: number | null;
}) => [l.product, l.model, l.quantity, l.unit, l.unitPrice, l.amount];

const WANT = [
  ['夏季校服（短袖POLO衫+短裤/短裙）', 'JC24-X15', 757, '套', 118, 89326],
  ['冬季校服（防寒棉服外套）', 'JC24-D07', 320, '件', 305.5, 97760],
];

describe('goods tables in any column order', () => {
  it.each([
    [
      'name | model | unit | quantity | price | amount',
      '序号\t货物名称\t规格型号\t单位\t数量\t单价（元）\t金额（元）',
      [
        '1\t夏季校服（短袖POLO衫+短裤/短裙）\tJC24-X15\t套\t757\t118.00\t89,326.00',
        '2\t冬季校服（防寒棉服外套）\tJC24-D07\t件\t320\t305.50\t97,760.00',
      ],
    ],
    [
      'quantity before unit, price before quantity, brand and maker after the amount',
      '序号\t产品名称\t规格型号\t单价\t数量\t单位\t总价\t品牌\t生产厂家',
      [
        '1\t夏季校服（短袖POLO衫+短裤/短裙）\tJC24-X15\t118.00\t757\t套\t89326.00\t锦程\t江州锦程服饰有限公司',
        '2\t冬季校服（防寒棉服外套）\tJC24-D07\t305.50\t320\t件\t97760.00\t锦程\t江州锦程服饰有限公司',
      ],
    ],
    [
      'model first, brand between name and unit, 品名',
      '序号\t款号\t品名\t品牌\t单位\t数量\t单价\t金额',
      [
        '1\tJC24-X15\t夏季校服（短袖POLO衫+短裤/短裙）\t锦程\t套\t757\t118\t89326',
        '2\tJC24-D07\t冬季校服（防寒棉服外套）\t锦程\t件\t320\t305.5\t97760',
      ],
    ],
    [
      'amount before unit price, a colour column, unit after the figures',
      '序号\t货物名称\t颜色\t规格型号\t数量\t金额（元）\t单价（元）\t单位',
      [
        '1\t夏季校服（短袖POLO衫+短裤/短裙）\t藏青\tJC24-X15\t757\t89326.00\t118.00\t套',
        '2\t冬季校服（防寒棉服外套）\t藏青\tJC24-D07\t320\t97760.00\t305.50\t件',
      ],
    ],
    [
      'English header',
      'No.\tDescription\tModel\tQty\tUnit\tUnit Price\tAmount\tBrand',
      [
        '1\t夏季校服（短袖POLO衫+短裤/短裙）\tJC24-X15\t757\t套\t118.00\t89326.00\tJincheng',
        '2\t冬季校服（防寒棉服外套）\tJC24-D07\t320\t件\t305.50\t97760.00\tJincheng',
      ],
    ],
  ])('When the goods table is printed %s, then every line is read', (_name, header, rows) => {
    const { lines } = parseGoodsTable(textDoc([header, ...rows, '合计\t187086.00'].join('\n')));
    expect(lines.map(row)).toEqual(WANT);
  });

  it('When OCR gives the rows without cells, then figures still go to their columns in the header’s order', () => {
    const { lines } = parseGoodsTable(
      ocrDoc(
        [
          '序号 产品名称 型号 单价 数量 单位 总价 品牌',
          '1 夏季校服（短袖POLO衫+短裤/短裙） JC24-X15 118.00 757 套 89,326.00 锦程',
          '2 冬季校服（防寒棉服外套） JC24-D07 305.50 320 件 97,760.00 锦程',
          '合 计 187,086.00',
        ].join('\n'),
      ),
    );
    expect(lines.map(row)).toEqual(WANT);
  });

  it('When the maker’s name wraps below the row’s figures, then it does not end the table', () => {
    const { lines } = parseGoodsTable(
      textDoc(
        [
          '序号\t货物名称\t型号\t数量\t单位\t单价\t金额\t生产厂家',
          '1\t夏季校服（短袖POLO衫+短裤/短裙）\tJC24-X15\t757\t套\t118.00\t89326.00\t江州锦程服饰有',
          '限公司',
          '2\t冬季校服（防寒棉服外套）\tJC24-D07\t320\t件\t305.50\t97760.00\t江州锦程服饰有',
          '限公司',
          '合计\t187086.00',
        ].join('\n'),
      ),
    );
    expect(lines.map(row)).toEqual(WANT);
  });

  it('reads the columns a header names, once each, longest word first', () => {
    expect(goodsColumns('序号 货物名称 Description 单位 Unit 数量 单价（元）Unit Price 金额 Amount')).toEqual(
      ['index', 'product', 'unit', 'quantity', 'unitPrice', 'amount'],
    );
  });
});

describe('amounts printed only in 大写', () => {
  it.each([
    ['壹万贰仟叁佰元整', 12300],
    ['人民币贰拾陆万零伍佰壹拾肆元整', 260514],
    ['肆拾柒万陆仟壹佰叁拾伍元伍角整', 476135.5],
    ['壹仟零伍元零伍分', 1005.05],
    ['玖佰捌拾元捌角陆分', 980.86],
  ])('%s → %d', (text, value) => {
    expect(parseChineseAmount(text)).toBe(value);
    expect(findChineseAmounts(`合同总价：${text}。`)).toEqual([value]);
  });

  it('When the contract prints its total only in 大写 and a goods line agrees, then the total is read unflagged', () => {
    const c = parseContract(
      textDoc(
        [
          '采购合同',
          '合同编号：JZ-2025-017',
          '买方：江州市涪溪区实验小学',
          '卖方：江州锦程服饰有限公司',
          '统一社会信用代码：91500117221931482T',
          '序号\t品名\t规格型号\t数量\t单位\t单价\t金额',
          '1\t夏季校服（短袖POLO衫+短裤/短裙）\tJC24-X15\t100\t套\t123.00\t12300.00',
          '合同总价：壹万贰仟叁佰元整',
          '签订日期：2025年3月1日',
          '交货日期：2025年4月1日',
        ].join('\n'),
      ),
    );
    expect(c.totalAmount).toBe(12300);
    expect((c.review ?? []).filter((f) => f.path === 'totalAmount')).toEqual([]);
  });
});

describe('delivery deadlines', () => {
  const contract = (delivery: string, signed = '签订日期：2025年3月1日') =>
    parseContract(
      textDoc(
        [
          '采购合同',
          '甲方：江州市涪溪区实验小学',
          '乙方：江州锦程服饰有限公司',
          '统一社会信用代码：91500117221931482T',
          delivery,
          signed,
        ].join('\n'),
      ),
    );

  it.each([
    '交付时间：2025年4月10日前',
    '供货时间：2025-04-10',
    '到货时间：2025.4.10',
    'Delivery Date: 2025-04-10',
  ])('When the deadline is labelled %s, then it is read', (line) => {
    expect(contract(line).deliveryDate).toBe('2025-04-10');
  });

  it('When the deadline is N calendar days after signing and the signing date is printed, then the date is computed and flagged for a look', () => {
    const c = contract('交货期限：合同签订后30日内交货至甲方指定地点');
    expect(c.deliveryDate).toBe('2025-03-31');
    expect(c.review).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'deliveryDate', reason: 'derived' })]),
    );
  });

  it.each([
    ['working days (holidays unknown)', '交货期限：合同签订之日起20个工作日内', '签订日期：2025年3月1日'],
    ['no signing date', '供货时间：签订合同后三十天内', '盖章：'],
    ['counted from another event', '交货期限：接到甲方通知后7日内', '签订日期：2025年3月1日'],
  ])(
    'When the deadline is relative with %s, then it stays null and is flagged with the printed phrase',
    (_n, line, signed) => {
      const c = contract(line, signed);
      expect(c.deliveryDate).toBeNull();
      const flag = (c.review ?? []).find((f) => f.path === 'deliveryDate');
      expect(flag).toMatchObject({ reason: 'relative' });
      expect(flag?.message).toContain('日');
    },
  );
});
