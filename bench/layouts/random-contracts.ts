/**
 * Contract layouts nobody chose: every knob of ContractLayout drawn at random from a seed (a failing
 * layout is reproduced by its seed and number), its words drawn from what purchasing offices print —
 * party labels (甲方/乙方, 采购人/供应商, 采购方/供货方, 买方/卖方, 需方/供方, 采购单位/成交供应商,
 * 委托方/受托方, 定作方/承揽方, 买受人/出卖人, Buyer/Seller, Purchaser/Supplier, bilingual), party block
 * styles, contract-number labels beside a project number, date styles, signing and delivery wording,
 * goods-table header words in any column order with brand/maker/colour/remark columns, a 合计 row,
 * the total as figure and 大写, 大写 only or figure only, the quality clause's wording, USCC labels.
 * The four hand-made variants (contract-html.ts) were each written with a parser fix in mind; these
 * combinations were not.
 */
import { usccCheckChar } from '../../parsers/uscc';
import { mulberry32 } from './degrade';
import type { ContractLayout, DateStyle, GoodsColumnId } from './contract-layout';

type Words = { zh: readonly string[]; en: readonly string[] };

/** Party label pairs (purchaser, supplier) as printed before the colon. */
const PARTY_PAIRS: {
  zh: readonly (readonly [string, string])[];
  en: readonly (readonly [string, string])[];
} = {
  zh: [
    ['甲方', '乙方'],
    ['甲方（采购人）', '乙方（供应商）'],
    ['采购人', '供应商'],
    ['采购方', '供货方'],
    ['买方', '卖方'],
    ['需方', '供方'],
    ['采购单位', '成交供应商'],
    ['采购单位', '供货单位'],
    ['委托方', '受托方'],
    ['定作方', '承揽方'],
    ['买受人', '出卖人'],
    ['订货方', '供货方'],
    ['甲方（买方）', '乙方（卖方）'],
    ['需方（甲方）', '供方（乙方）'],
    ['采购人（甲方）', '供应商（乙方）'],
    ['甲方（采购单位）', '乙方（中标供应商）'],
  ],
  en: [
    ['Buyer', 'Seller'],
    ['Purchaser', 'Supplier'],
    ['Party A', 'Party B'],
    ['Party A (Buyer)', 'Party B (Seller)'],
    ['Purchaser', 'Vendor'],
  ],
};

const TITLES: Words = {
  zh: [
    '采购合同',
    '采 购 合 同',
    '政府采购合同（货物类）',
    '校服采购合同',
    '货物买卖合同',
    '供货合同',
    '学校物资采购合同',
  ],
  en: ['PURCHASE CONTRACT', 'SALES CONTRACT'],
};
const NUMBER_LABELS: Words = {
  zh: ['合同编号', '合同号', '编号', '采购合同编号', '合同编码'],
  en: ['Contract No.', 'No.'],
};
const PROJECT_LABELS: Words = {
  zh: ['项目编号', '采购项目编号', '招标编号', '采购计划编号', '政府采购计划编号'],
  en: ['Project No.', 'Tender No.'],
};
const USCC_LABELS: Words = {
  zh: ['统一社会信用代码', '社会信用代码', '纳税人识别号', '统一社会信用代码（纳税人识别号）', '信用代码'],
  en: ['Unified Social Credit Code', 'USCC', 'Credit Code'],
};
const SIGNED_LABELS: Words = {
  zh: ['签订日期', '签约日期', '签订时间', '签约时间', '签署日期', '合同签订日期', '日期'],
  en: ['Date of Signing', 'Signing Date', 'Date'],
};
const DELIVERY_LABELS: Words = {
  zh: [
    '交货期限',
    '交货时间',
    '交货日期',
    '供货时间',
    '供货期限',
    '到货时间',
    '交付时间',
    '送货时间',
    '交货期',
  ],
  en: ['Delivery Date', 'Time of Delivery', 'Delivery Time'],
};
const TOTAL_LABELS: Words = {
  zh: ['合同总金额', '合同总价', '合同金额', '合同总价款', '总金额', '合同价款', '签约合同价', '合同总额'],
  en: ['Total Amount', 'Contract Price', 'Total Contract Value'],
};
const QUALITY_HEADINGS: Words = {
  zh: [
    '质量要求',
    '质量标准',
    '质量标准和要求',
    '技术标准',
    '执行标准',
    '产品质量',
    '质量保证',
    '技术要求',
    '货物质量要求',
  ],
  en: ['Quality Standards', 'Quality'],
};
const GOODS_HEADERS: Record<GoodsColumnId, Words> = {
  index: { zh: ['序号'], en: ['No.', 'S/N'] },
  product: {
    zh: ['品名', '货物名称', '产品名称', '商品名称', '名称', '标的名称', '品目名称', '货物品名'],
    en: ['Description', 'Product', 'Goods', 'Item', 'Product Name'],
  },
  model: {
    zh: ['规格型号', '型号', '规格', '款号', '型号规格', '规格/型号', '款式型号'],
    en: ['Model', 'Specification', 'Model No.', 'Style No.'],
  },
  brand: { zh: ['品牌', '商标'], en: ['Brand'] },
  maker: { zh: ['生产厂家', '制造商', '生产企业', '生产厂商'], en: ['Manufacturer', 'Maker'] },
  colour: { zh: ['颜色'], en: ['Colour'] },
  remark: { zh: ['备注'], en: ['Remarks'] },
  unit: { zh: ['单位', '计量单位'], en: ['Unit'] },
  quantity: { zh: ['数量', '采购数量', '数 量'], en: ['Qty', 'Quantity'] },
  unitPrice: {
    zh: ['单价', '单价（元）', '含税单价', '单价(元)', '单价/元', '综合单价（元）'],
    en: ['Unit Price', 'Price'],
  },
  amount: {
    zh: ['金额', '小计', '总价', '合计金额', '金额（元）', '合价', '总价（元）', '小计（元）'],
    en: ['Amount', 'Total', 'Subtotal', 'Total Price'],
  },
};
const BRANDS = ['启航', '青禾', '星辰', '朝阳', '博雅学苑'] as const;
const DATE_STYLES: readonly DateStyle[] = ['cn', 'cn', 'cn-pad', 'iso', 'dot', 'slash', 'hanzi'];

/** A well-formed code of a public institution (登记管理部门 1, 类别 2: 事业单位) drawn from `rnd`. */
function institutionCode(rnd: () => number): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let body = '12500117';
  for (let i = 0; i < 9; i++) body += alphabet[Math.floor(rnd() * 10)] ?? '0';
  return body + (usccCheckChar(body) ?? '0');
}

/** `count` contract layouts drawn from `seed`; ids `c<seed>-<n>`, descriptions list every knob drawn. */
export function randomContractLayouts(seed: number, count: number): ContractLayout[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const chance = (p: number) => rnd() < p;
  const out: ContractLayout[] = [];
  for (let n = 1; n <= count; n++) {
    const language = pick(['zh', 'zh', 'zh', 'zh', 'zh', 'en', 'bilingual'] as const);
    const word = (w: Words) =>
      language === 'zh' ? pick(w.zh) : language === 'en' ? pick(w.en) : `${pick(w.zh)} ${pick(w.en)}`;
    const partyStyle = pick([
      'lines',
      'kv-table',
      'kv-side',
      'next-line',
      'called',
      'signature-only',
    ] as const);
    // "called" prints 以下简称“甲方”: its labels are the other names of the parties
    const zhPairs =
      partyStyle === 'called' ? PARTY_PAIRS.zh.filter(([p]) => !/[甲乙（]/.test(p)) : PARTY_PAIRS.zh;
    const zhPair = pick(zhPairs);
    const enPair = pick(PARTY_PAIRS.en);
    const [purchaser, supplier] =
      language === 'zh'
        ? zhPair
        : language === 'en'
          ? enPair
          : ([`${zhPair[0]} ${enPair[0]}`, `${zhPair[1]} ${enPair[1]}`] as const);

    const rest: GoodsColumnId[] = ['product', 'model', 'quantity', 'unitPrice', 'amount'];
    const unitInQuantity = chance(0.15);
    if (!unitInQuantity) rest.push('unit');
    if (chance(0.35)) rest.push('brand');
    if (chance(0.25)) rest.push('maker');
    if (chance(0.15)) rest.push('colour');
    if (chance(0.2)) rest.push('remark');
    for (let i = rest.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [rest[i], rest[j]] = [rest[j] as GoodsColumnId, rest[i] as GoodsColumnId];
    }
    const columns: GoodsColumnId[] = [...(chance(0.8) ? (['index'] as GoodsColumnId[]) : []), ...rest];
    const headers: Partial<Record<GoodsColumnId, string>> = {};
    for (const c of columns) {
      const w = GOODS_HEADERS[c];
      headers[c] =
        language === 'zh' ? pick(w.zh) : language === 'en' ? pick(w.en) : `${pick(w.zh)}<br>${pick(w.en)}`;
    }
    const l: ContractLayout = {
      id: `c${seed}-${String(n).padStart(2, '0')}`,
      description: '',
      title: language === 'bilingual' ? `${pick(TITLES.zh)} ${pick(TITLES.en)}` : word(TITLES),
      language,
      parties: { purchaser, supplier },
      partyStyle,
      partyNameSuffix: language !== 'en' && !/[（ ]/.test(purchaser) && chance(0.5) ? '名称' : '',
      numberLabel: word(NUMBER_LABELS),
      numberPlace: pick(['line', 'right', 'beside-project'] as const),
      projectLabel: word(PROJECT_LABELS),
      projectNumber: `ZFCG-${2023 + Math.floor(rnd() * 3)}-${String(Math.floor(rnd() * 900) + 100)}`,
      usccLabel: word(USCC_LABELS),
      purchaserUscc: chance(0.4) ? institutionCode(rnd) : null,
      dates: pick(DATE_STYLES),
      signedLabel: word(SIGNED_LABELS),
      signedPlace: pick(['header', 'end', 'end', 'signature', 'sentence'] as const),
      deliveryLabel: word(DELIVERY_LABELS),
      deliveryForm: pick(['date', 'date', 'within', 'heading'] as const),
      goods: {
        columns,
        headers,
        totalRow: pick(['none', 'figure', 'capital'] as const),
        unitInQuantity,
        thousands: chance(0.6),
        yen: chance(0.2),
        fontPt: pick([7.5, 8, 9]),
      },
      total: pick(['both', 'capital-only', 'figure-only', 'figure-capital'] as const),
      totalLabel: word(TOTAL_LABELS),
      standards: {
        heading: word(QUALITY_HEADINGS),
        wording: pick(['conform', 'execute', 'label'] as const),
        separator: pick(['、', '，', '；', ' 及 ', ' ']),
        titles: chance(0.5),
        compact: chance(0.3),
      },
      clauseNumbers: pick(['chinese', 'article', 'none'] as const),
      brand: pick(BRANDS),
      fontPt: pick([9, 10, 10.5]),
      rules: pick(['grid', 'grid', 'horizontal'] as const),
    };
    // knobs added later are drawn from a stream of their own: the knobs above stay as they were drawn
    const more = mulberry32((seed * 7919 + n * 104_729) >>> 0);
    l.more = {
      // 8 to 20 paragraphs bring the goods table near the foot of the first page, over its break
      preamble: more() < 0.5 ? 0 : 8 + Math.floor(more() * 13),
      repeatHeader: more() < 0.5,
      infoTable: more() < 0.25,
      dateForm: (['plain', 'plain', 'spaced', 'fullwidth'] as const)[Math.floor(more() * 4)] ?? 'plain',
      quantityThousands: more() < 0.3,
      namesInSignature: more() < 0.4,
    };
    const m = l.more;
    const g = l.goods;
    l.description = [
      `${language}: ${l.title}`,
      `parties ${purchaser}/${supplier} as ${partyStyle}${l.partyNameSuffix && partyStyle.startsWith('kv') ? ` (+${l.partyNameSuffix})` : ''}`,
      `number ${l.numberLabel} ${l.numberPlace === 'beside-project' ? `after ${l.projectLabel}` : l.numberPlace}`,
      `uscc ${l.usccLabel}${l.purchaserUscc ? ' (school code too)' : ''}`,
      `dates ${l.dates}`,
      `signed ${l.signedLabel} ${l.signedPlace}`,
      `delivery ${l.deliveryLabel} ${l.deliveryForm}`,
      `goods ${columns.map((c) => (headers[c] ?? c).replace('<br>', '/')).join('|')}${unitInQuantity ? ' (unit in quantity)' : ''}, total row ${g.totalRow}${g.thousands ? ', 1,234.00' : ''}${g.yen ? ', ¥' : ''}`,
      `total ${l.totalLabel} ${l.total}`,
      `standards ${l.standards.heading} ${l.standards.wording}${l.standards.titles ? ' with titles' : ''}${l.standards.compact ? ' compact' : ''}`,
      `clauses ${l.clauseNumbers}`,
      `rules ${l.rules}`,
      [
        m.preamble
          ? `${m.preamble} paragraphs before the goods${m.repeatHeader ? ' (header repeated)' : ''}`
          : '',
        m.infoTable ? 'number in an information table' : '',
        m.dateForm !== 'plain' ? `dates ${m.dateForm}` : '',
        m.quantityThousands ? 'quantities 1,234' : '',
        m.namesInSignature ? 'names in the signature block' : '',
      ]
        .filter(Boolean)
        .join(', ') || 'no extras',
    ].join('; ');
    out.push(l);
  }
  return out;
}
