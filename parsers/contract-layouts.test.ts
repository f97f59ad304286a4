/**
 * Contracts as purchasing offices print them, beyond the dev corpus's three layouts: the parties
 * under any of their names, in a key/value table, side by side or named 以下简称; the signing date in a
 * sentence; the contract number beside another number; English contracts; ruled goods tables whose
 * cells wrap, in any column order, without row numbers.
 */
import { classifyDocument } from './classify';
import { parseContract } from './contract';
import { ruledDoc } from './testing/ruled-page';
import { joinPages, textDoc } from './testing/doc';

const body = (parties: string[]) =>
  textDoc(['学生校服采购合同', ...parties, '签订日期：2025年3月1日', '交货期限：2025年4月1日前'].join('\n'));

describe('the parties under the names purchasing offices give them', () => {
  it.each([
    ['买受人', '出卖人'],
    ['定作方', '承揽方'],
    ['订货方', '供货方'],
    ['委托方', '受托方'],
    ['需方（甲方）', '供方（乙方）'],
    ['Buyer', 'Seller'],
    ['Party A (Buyer)', 'Party B (Seller)'],
    ['订货方 Purchaser', '供货方 Vendor'],
  ])('When they are %s / %s, then both are read, with a colon or as cells of a key/value table', (p, s) => {
    for (const [a, b] of [
      [`${p}：江州市某某区实验小学`, `${s}：江州某某服饰有限公司`],
      [`${p}\t江州市某某区实验小学`, `${s}\t江州某某服饰有限公司`],
    ]) {
      const c = parseContract(body([a ?? '', b ?? '']));
      expect([c.purchaser.name, c.supplier.name]).toEqual(['江州市某某区实验小学', '江州某某服饰有限公司']);
    }
  });

  it('When the parties are named 以下简称“甲方”, in one language or two, then the names stop before it', () => {
    const c = parseContract(
      body([
        '采购人：江州市某某区实验小学（以下简称“甲方”）',
        '供应商：江州某某服饰有限公司（以下简称“乙方”） (hereinafter "Party B")',
      ]),
    );
    expect([c.purchaser.name, c.supplier.name]).toEqual(['江州市某某区实验小学', '江州某某服饰有限公司']);
  });

  it('When a party word stands in running text without a colon, then it is no label', () => {
    const c = parseContract(body(['买方与卖方经友好协商，达成如下协议']));
    expect([c.purchaser.name, c.supplier.name]).toEqual([null, null]);
  });

  it('When the parties stand side by side in a ruled table whose cells wrap, then each name is read whole and the supplier’s code is the one in its column', () => {
    const c = parseContract(
      ruledDoc(
        '采购合同',
        '合同编号：HT-2025-001',
        {
          table: [
            ['需方（甲方）', '江州市某某区\n实验小学', '供方（乙方）', '江州某某服饰\n有限公司'],
            ['统一社会信用代码', '12500117MB1234567X', '统一社会信用代码', '91500117221931482T'],
          ],
          widths: [20, 25, 20, 25],
        },
        '签订日期：2025年3月1日',
      ),
    );
    expect(c.purchaser.name).toBe('江州市某某区实验小学');
    expect(c.supplier).toEqual({ name: '江州某某服饰有限公司', uscc: '91500117221931482T' });
  });
});

describe('numbers and dates printed in other ways', () => {
  it('When the contract number is printed as 编号 after a project number, then the contract number is read, not the project’s', () => {
    const c = parseContract(
      body(['采购计划编号：ZFCG-2025-113　编号：HT-2025-001', '甲方：江州市某某区实验小学']),
    );
    expect(c.contractNumber).toBe('HT-2025-001');
  });

  it('When the title ends in 合同 and the number stands in an information table under it as 编号, then it is read', () => {
    const c = parseContract(
      textDoc(
        ['供货合同', '编号\tHT-2025-001', '项目名称\t学生服装采购项目', '采购计划编号\tZFCG-2025-113'].join(
          '\n',
        ),
      ),
    );
    expect(c.contractNumber).toBe('HT-2025-001');
  });

  it('When the number label is bilingual, then the value is the number alone', () => {
    expect(parseContract(body(['合同编号 No.：HT-2025-001'])).contractNumber).toBe('HT-2025-001');
  });

  it.each([
    ['本合同于2025年3月5日在江州市签订。', '2025-03-05'],
    ['本合同于二〇二五年三月五日签订。', '2025-03-05'],
    ['This contract was signed on 2025-03-05.', '2025-03-05'],
    ['签约时间：2025.3.5', '2025-03-05'],
  ])('When the signing date is printed as “%s”, then it is %s', (line, date) => {
    const c = parseContract(textDoc(['采购合同', '甲方：江州市某某区实验小学', line].join('\n')));
    expect(c.signedDate).toBe(date);
  });
});

describe('English contracts', () => {
  it('When a contract is printed in English, then it is classified as a contract', () => {
    const doc = textDoc(
      [
        'PURCHASE CONTRACT',
        'Contract No.: HT-2025-001',
        'Buyer: Jiangzhou No. 1 Primary School',
        'Seller: Jiangzhou Garments Co., Ltd.',
        'Total Amount: RMB 12,300.00',
        'Delivery Date: 2025-04-01',
      ].join('\n'),
    );
    expect(classifyDocument(doc).kind).toBe('contract');
  });
});

describe('ruled goods tables', () => {
  const goods = (table: string[][]) =>
    parseContract(
      ruledDoc(
        '采购合同',
        '甲方：江州市某某区实验小学',
        { table },
        '合同总金额：人民币（大写）壹拾捌万柒仟零捌拾陆元整',
      ),
    ).lines.map((l) => [l.lineNo, l.product, l.model, l.quantity, l.unit, l.unitPrice, l.amount]);

  const WANT = [
    [1, '夏季校服（短袖POLO衫+短裤/短裙）', 'JC24-X15', 757, '套', 118, 89326],
    [2, '冬季校服（防寒棉服外套）', 'JC24-D07', 320, '件', 305.5, 97760],
  ];

  it('When the columns come in another order, without row numbers, with wrapped cells and a 合计 row, then every line is read by its header', () => {
    expect(
      goods([
        ['金额（元）', '含税单价', '规格/型号', '产品名称', '单位', '数量', '备注'],
        ['89,326.00', '118.00', 'JC24-X15', '夏季校服（短袖POLO\n衫+短裤/短裙）', '套', '757', '含税'],
        ['¥97,760.00', '¥305.50', 'JC24-D07', '冬季校服（防寒棉服\n外套）', '件', '320', ''],
        ['合计', '187086.00'],
      ]),
    ).toEqual(WANT);
  });

  it('When the table opens with its amount column and the 合计 label stands in a later column, then the total row is no goods line', () => {
    const c = parseContract(
      ruledDoc(
        '采购合同',
        '甲方：江州市某某区实验小学',
        {
          table: [
            ['总价', '备注', '单价(元)', '数量', '规格型号', '品目名称'],
            ['¥89,326.00', '含税', '¥118.00', '757套', 'JC24-X15', '夏季校服（短袖POLO衫+短裤/短裙）'],
            ['¥97,760.00', '', '¥305.50', '320件', 'JC24-D07', '冬季校服（防寒棉服外套）'],
            ['¥187,086.00', '合计'],
          ],
          mergeShort: true,
        },
        '合同价款：人民币壹拾捌万柒仟零捌拾陆元整。',
      ),
    );
    expect(
      c.lines.map((l) => [l.lineNo, l.product, l.model, l.quantity, l.unit, l.unitPrice, l.amount]),
    ).toEqual(WANT);
    expect(c.totalAmount).toBe(187086);
  });

  it('When the header is bilingual and the quantity cell holds the unit, then both are read', () => {
    expect(
      goods([
        [
          '序号\nNo.',
          '综合单价（元）\nPrice',
          '采购数量\nQuantity',
          '品牌\nBrand',
          '总价\nAmount',
          '产品名称\nProduct Name',
          '款式型号\nModel',
        ],
        ['1', '118.00', '757套', '青禾', '89326.00', '夏季校服（短袖POLO衫+短裤/短裙）', 'JC24-X15'],
        ['2', '305.50', '320件', '青禾', '97760.00', '冬季校服（防寒棉服外套）', 'JC24-D07'],
      ]),
    ).toEqual(WANT);
  });

  it('When a quantity cell holds no figure, then the quantity is null and the line is flagged', () => {
    const c = parseContract(
      ruledDoc('采购合同', {
        table: [
          ['货物名称', '规格型号', '数量', '单价', '金额'],
          ['夏季校服', 'JC24-X15', '以实际订购为准', '118.00', '89326.00'],
        ],
      }),
    );
    expect(c.lines[0]).toMatchObject({ product: '夏季校服', quantity: null, unitPrice: 118 });
    expect(c.review).toContainEqual(expect.objectContaining({ path: 'lines[0]', reason: 'missing' }));
  });
});

describe('goods tables continued on the next page', () => {
  const header = ['序号', '生产企业', '产品名称', '规格型号', '金额（元）', '采购数量', '单位', '含税单价'];
  const rows = [
    [
      '1',
      '江州某某服饰有限公司',
      '夏季校服（短袖POLO衫+短裤/短裙）',
      'JC24-X15',
      '89326.00',
      '757',
      '套',
      '118.00',
    ],
    ['2', '江州某某服饰有限公司', '冬季校服（防寒棉服外套）', 'JC24-D07', '97760.00', '320', '件', '305.50'],
    [
      '3',
      '江州某某服饰有限公司',
      '春秋季校服（运动上衣+运动长裤）',
      'JC24-C11',
      '205110.00',
      '954',
      '套',
      '215.00',
    ],
  ];
  const widths = [5, 17, 28, 10, 10, 8, 5, 7];
  const twoPages = (rules: 'grid' | 'under-rows') => {
    const first = ruledDoc('采购合同', '甲方：江州市某某区实验小学', '合同标的', {
      table: [header, ...rows.slice(0, 2)],
      widths,
      rules,
    });
    const second = ruledDoc(
      { table: rows.slice(2), widths, rules },
      '合同总价款：人民币（大写）叁拾玖万贰仟壹佰玖拾陆元整（¥392,196.00）。',
    );
    return joinPages(first, second);
  };

  it.each(['grid', 'under-rows'] as const)(
    'When the last row stands alone at the top of the next page (ruled: %s), then it is read as the table’s third line',
    (rules) => {
      const c = parseContract(twoPages(rules));
      expect(c.lines.map((l) => [l.lineNo, l.product, l.quantity, l.amount])).toEqual([
        [1, '夏季校服（短袖POLO衫+短裤/短裙）', 757, 89326],
        [2, '冬季校服（防寒棉服外套）', 320, 97760],
        [3, '春秋季校服（运动上衣+运动长裤）', 954, 205110],
      ]);
      expect(c.totalAmount).toBe(392196);
      expect((c.review ?? []).filter((r) => r.path.startsWith('lines') || r.path === 'totalAmount')).toEqual(
        [],
      );
    },
  );
});

describe('tables ruled between their rows only', () => {
  it('When each cell is ruled at its bottom only (no line above the header, none between columns), then the parties and goods are read under their headers', () => {
    const c = parseContract(
      ruledDoc(
        '采购合同',
        {
          table: [
            ['买受人\nPurchaser', '江州市某某区\n实验小学', '出卖人\nSupplier', '江州某某服饰\n有限公司'],
            ['', '', '信用代码 USCC', '91500117221931482T'],
          ],
          widths: [20, 25, 20, 25],
          rules: 'under-rows',
        },
        '根据《中华人民共和国民法典》，经双方协商一致，订立本合同。',
        '一、合同标的',
        {
          table: [
            [
              '数量\nQty',
              '单位\nUnit',
              '型号规格\nStyle No.',
              '品名\nItem',
              '总价（元）\nTotal',
              '含税单价\nUnit Price',
            ],
            ['757', '套', 'JC24-X15', '夏季校服（短袖POLO衫+\n短裤/短裙）', '¥89,326.00', '¥118.00'],
            ['320', '件', 'JC24-D07', '冬季校服（防寒棉服外套）', '¥97,760.00', '¥305.50'],
          ],
          widths: [10, 8, 16, 30, 14, 12],
          rules: 'under-rows',
        },
      ),
    );
    expect([c.purchaser.name, c.supplier.name, c.supplier.uscc]).toEqual([
      '江州市某某区实验小学',
      '江州某某服饰有限公司',
      '91500117221931482T',
    ]);
    expect(c.lines.map((l) => [l.product, l.model, l.quantity, l.unit, l.unitPrice, l.amount])).toEqual([
      ['夏季校服（短袖POLO衫+短裤/短裙）', 'JC24-X15', 757, '套', 118, 89326],
      ['冬季校服（防寒棉服外套）', 'JC24-D07', 320, '件', 305.5, 97760],
    ]);
  });
});

describe('names in signature blocks and running text', () => {
  it('When a name wraps at the end of its cell, then its rest on the next line completes it', () => {
    const c = parseContract(
      textDoc(
        [
          '采购合同',
          '需方（甲方）（盖章）：江州市',
          '某某区实验小学',
          '供方（乙方）（盖章）：江州某某服饰',
          '有限公司',
          '日期：2025年3月1日',
        ].join('\n'),
      ),
    );
    expect([c.purchaser.name, c.supplier.name]).toEqual(['江州市某某区实验小学', '江州某某服饰有限公司']);
  });

  it('When the line after a name is another label, then nothing is added to the name', () => {
    const c = parseContract(
      textDoc(['采购合同', '甲方：江州市某某区实验小', '地址：江州市学府路18号'].join('\n')),
    );
    expect(c.purchaser.name).toBe('江州市某某区实验小');
  });

  it('When a party label opens a sentence, then the name comes from where it is printed as a name', () => {
    const c = parseContract(
      textDoc(
        [
          '采购合同',
          '需方（甲方）与供方（乙方）经友好协商，就下列货物的采购达成如下协议：',
          '需方（甲方）（盖章）：江州市某某区实验小学',
          '供方（乙方）（盖章）：江州某某服饰有限公司',
        ].join('\n'),
      ),
    );
    expect([c.purchaser.name, c.supplier.name]).toEqual(['江州市某某区实验小学', '江州某某服饰有限公司']);
  });
});

describe('the quality clause', () => {
  it('When a standard’s title in the clause holds 技术要求, then the clause is read from its heading', () => {
    const c = parseContract(
      textDoc(
        [
          '采购合同',
          '甲方：江州市某某区实验小学',
          '产品质量',
          '乙方所供货物质量须符合 GB 18401-2010《国家纺织产品基本安全技术规范》，GB/T',
          '22796-2021《床上用品》，GB 18383-2007《絮用纤维制品通用技术要求》 等现行国家标准的要求。',
          '交货期限：2025年4月1日前',
        ].join('\n'),
      ),
    );
    expect(c.standards).toEqual(['GB 18401-2010', 'GB/T 22796-2021', 'GB 18383-2007']);
  });
});
