/** Label vocabularies for procurement-contract fields, kept as data. Longer labels win. */
export type ContractField =
  | 'contractNumber'
  | 'purchaser'
  | 'supplier'
  | 'uscc'
  | 'signedDate'
  | 'deliveryDate'
  | 'totalAmount';

/**
 * What purchasing offices call the two parties: 甲方/乙方, the procurement law's 采购人/供应商, the civil
 * code's 买受人/出卖人 (sale) and 定作人/承揽人 (made to order), 买方/卖方, 需方/供方, 委托方/受托方, and
 * English. Each is a label as "role：", "role名称" or, in a key/value table, a cell of its own.
 */
export const PARTY_ROLES: Record<'purchaser' | 'supplier', readonly string[]> = {
  purchaser: [
    '甲方', '采购人', '采购方', '采购单位', '买方', '需方', '买受人', '委托方', '委托人', '定作方', '定作人', '订货方',
    '订货单位', '订购方', '购货方', '购货单位', '购买方', 'Purchaser', 'Buyer', 'Party A',
  ],
  supplier: [
    '乙方', '供应商', '供货方', '供货单位', '供货商', '卖方', '供方', '出卖人', '受托方', '受托人', '承揽方', '承揽人',
    '承制方', '成交供应商', '中标供应商', '成交人', '中标人', '中标单位', '成交单位', '销售方', '销货方', 'Supplier', 'Seller',
    'Vendor', 'Party B',
  ],
};

/** The labels a party role gives: "role名称" (Chinese) and "role：" (a colon or a cell of its own). */
const partyLabels = (roles: readonly string[]): string[] => [
  ...roles.filter((r) => !/^[\x20-\x7e]+$/.test(r)).map((r) => `${r}名称`),
  ...roles.map((r) => `${r}：`),
];

export const CONTRACT_LABELS: Record<ContractField, readonly string[]> = {
  contractNumber: ['合同编号', '合同号', '合同编码', '采购合同编号', '合同书编号', 'Contract No.', '^编号：', '^No.：'],
  // the preferred forms first (a school's full label), then every role
  purchaser: [
    '甲方（采购人）', '甲方(采购人)', '甲方（采购单位）', '甲方(采购单位)', '甲方（买方）', '甲方（采购方）', '甲方（需方）', '甲方(需方)',
    '需方（甲方）', '需方(甲方)', '买方（甲方）', ...partyLabels(PARTY_ROLES.purchaser),
  ],
  supplier: [
    '乙方（供应商）', '乙方(供应商)', '乙方（供货单位）', '乙方(供货单位)', '乙方（供货方）', '乙方（卖方）', '乙方（成交供应商）',
    '乙方（供方）', '乙方(供方)', '供方（乙方）', '供方(乙方)', '卖方（乙方）', ...partyLabels(PARTY_ROLES.supplier),
  ],
  uscc: [
    '统一社会信用代码', '社会信用代码', '信用代码', '纳税人识别号', '税务登记号', 'Unified Social Credit Code', 'Credit Code',
    'USCC',
  ],
  signedDate: [
    '合同签订日期', '签订日期', '签约日期', '签署日期', '签订时间', '签约时间', '签署时间', '订立日期', 'Date of Signing',
    'Signing Date', 'Date Signed', '日期', 'Date：',
  ],
  deliveryDate: [
    '交货日期', '交货期限', '交货时间', '供货期限', '交付日期', '交付时间', '交付期限', '交货时限', '交货期', '供货时间',
    '供货日期', '到货时间', '到货日期', '到货期限', '送货时间', '送达时间', '履行期限', 'Delivery Date', 'Delivery Time',
    'Time of Delivery', 'Date of Delivery', 'Delivery',
  ],
  totalAmount: [
    '合同总金额', '合同总价', '合同金额', '合同总价款', '合同总额', '签约合同价', '合计金额', '总金额', '合同价款', '总价款',
    '合同价', '合计', '总计', 'Total Amount', 'Contract Price', 'Total Contract Value', 'Contract Value',
  ],
};

/**
 * Sentences that give the signing date without a label ("本合同于2024年6月26日在江州市签订", "signed on
 * 2024-06-26"): the first group holds the date.
 */
export const SIGNED_SENTENCES: readonly RegExp[] = [
  /(?:本合同|合同|双方)(?:于|已于)([^。；;，,\n]{6,20}?)(?:在[^。；;，,\n]{1,20})?(?:签订|签署|签约|订立)/g,
  /\bsigned\s+(?:on|at)\s+([^.;\n]{6,24})/gi,
];

/**
 * Labels whose values are none of the fields (they end the value before them). The other numbers a
 * contract prints beside its own (项目编号, 采购计划编号 …) are listed so that "编号" is not read in them.
 */
export const CONTRACT_STOP_LABELS: readonly string[] = [
  '地址', '乙方地址', '甲方地址', '联系人', '电话', '联系电话', '法定代表人', '开户行', '开户银行', '账号', '项目名称', '采购项目名称',
  '采购方式', '签订地点', '代表签字', '邮编', '项目编号', '采购项目编号', '采购计划编号', '政府采购计划编号', '计划编号',
  '招标编号', '标段编号', '包号', '预算编号', '备案编号', '项目代码', 'Project No.', 'Tender No.', 'Address', 'Tel',
];

/** A goods-table column, known by its header's meaning (any order, Chinese or English). */
export type GoodsColumn =
  | 'index'
  | 'product'
  | 'model'
  | 'brand'
  | 'manufacturer'
  | 'unit'
  | 'quantity'
  | 'unitPrice'
  | 'amount'
  | 'other';

/**
 * Goods-table header words per column. The longest word wins where two overlap ("单价" before "单位",
 * "Unit Price" before "Unit"); columns we do not extract (颜色, 备注 …) are `other` so their cells are
 * not taken for the product.
 */
export const GOODS_COLUMNS: Record<GoodsColumn, readonly string[]> = {
  index: ['序号', 'No.'],
  product: ['货物名称', '品目名称', '产品名称', '商品名称', '标的名称', '服装名称', '品名', '货物', '名称', 'Description', 'Product', 'Goods', 'Item'],
  model: ['规格型号', '型号规格', '规格', '型号', '款号', '款式', '货号', 'Model', 'Model No.', 'Style No.', 'Style', 'Article No.', 'Art. No.', 'Specification', 'Spec'],
  brand: ['品牌', '商标', 'Brand', 'Trademark'],
  manufacturer: ['生产厂家', '生产厂商', '生产企业', '制造商', '生产商', '厂家', '产地', 'Manufacturer', 'Maker'],
  unit: ['计量单位', '单位', 'Unit'],
  quantity: ['数量', '采购数量', 'Quantity', "Q'ty", 'Qty'],
  unitPrice: ['单价', '综合单价', 'Unit Price', 'Price'],
  amount: ['金额', '总价', '合价', '小计', '总金额', 'Amount', 'Total', 'Subtotal'],
  other: ['颜色', '备注', '面料', '材质', '尺码', '交货期', 'Remark', 'Remarks', 'Color', 'Colour', 'Fabric'],
};

/** Goods-table header words (a line naming a product, a quantity and a price column opens the table). */
export const GOODS_HEADER = {
  product: /货物名称|品目名称|产品名称|商品名称|标的名称|品名|货物|名称|Description|Product|Goods/i,
  quantity: /数量|Quantity|Qty/i,
  price: /单价|金额|总价|合价|Price|Amount/i,
} as const;

/** The label of a goods table's total row, Chinese and English. */
const TOTAL_HAN = String.raw`合\s*计|总\s*计|小\s*计`;
const TOTAL_LATIN = 'Total|Sum';

/** A row that sums the goods table rather than naming goods: its first cell opens with a total's label. */
export const TOTAL_ROW = new RegExp(`^(?:${TOTAL_HAN}|(?:${TOTAL_LATIN})\\b)`, 'i');

/** A cell holding nothing but a total's label, in whatever column it stands (the table may open with 总价). */
export const TOTAL_CELL = new RegExp(`^(?:${TOTAL_HAN}|${TOTAL_LATIN})\\s*[:：]?$`, 'i');

/** A line matching one of these ends the goods table. */
export const GOODS_TABLE_END: readonly RegExp[] = [
  new RegExp(`^(?:${TOTAL_HAN})`),
  /^(?:合同总金额|合同金额|合计金额|总金额|合同总价)/,
  /^[一二三四五六七八九十]+[、.]/,
  /^第[一二三四五六七八九十\d]+条/,
  /大写/,
];

/**
 * Headings that open and close the quality clause, whose standards the contract requires: the words at
 * the start of a line, after the clause's number ("第二条 质量要求", "四、技术标准", "执行标准：…"); a
 * standard's title in the clause ("《絮用纤维制品通用技术要求》") is no heading.
 */
export const QUALITY_CLAUSE =
  /^(?:第[一二三四五六七八九十\d]+条|[一二三四五六七八九十]+\s*[、.．]|\d{1,2}\s*[、.．])?\s*(?:(?:产品|货物)?质量(?:要求|标准|条款|保证)?|技术(?:标准|要求)|执行标准|Quality)/i;
export const CLAUSE_HEADING = /^(?:第[一二三四五六七八九十\d]+条|[一二三四五六七八九十]+\s*[、.．])/;
