/** Label vocabularies for procurement-contract fields, kept as data. Longer labels win. */
export type ContractField =
  | 'contractNumber'
  | 'purchaser'
  | 'supplier'
  | 'uscc'
  | 'signedDate'
  | 'deliveryDate'
  | 'totalAmount';

export const CONTRACT_LABELS: Record<ContractField, readonly string[]> = {
  contractNumber: ['合同编号', '合同号', '合同编码', '采购合同编号', 'Contract No.'],
  purchaser: [
    '甲方（采购人）', '甲方(采购人)', '甲方（采购单位）', '甲方(采购单位)', '甲方（买方）', '甲方（采购方）', '采购人名称',
    '采购单位名称', '甲方（需方）', '甲方(需方)', '需方（甲方）', '需方(甲方)', '买方（甲方）', '采购人：', '采购单位：', '采购方：',
    '买方：', '需方：', '甲方：', 'Purchaser:', 'Buyer:',
  ],
  supplier: [
    '乙方（供应商）', '乙方(供应商)', '乙方（供货单位）', '乙方(供货单位)', '乙方（供货方）', '乙方（卖方）', '乙方（成交供应商）',
    '供应商名称', '乙方（供方）', '乙方(供方)', '供方（乙方）', '供方(乙方)', '卖方（乙方）', '成交供应商：', '中标供应商：', '供应商：',
    '供货单位：', '供货方：', '卖方：', '供方：', '乙方：', 'Supplier:', 'Seller:', 'Vendor:',
  ],
  uscc: ['统一社会信用代码', '社会信用代码', '信用代码'],
  signedDate: ['合同签订日期', '签订日期', '签约日期', '签署日期', '签订时间', '日期'],
  deliveryDate: [
    '交货日期', '交货期限', '交货时间', '供货期限', '交付日期', '交付时间', '交付期限', '交货时限', '交货期', '供货时间',
    '供货日期', '到货时间', '到货日期', '送货时间', '送达时间', '履行期限', 'Delivery Date', 'Delivery Time', 'Delivery',
  ],
  totalAmount: ['合同总金额', '合同总价', '合同金额', '合计金额', '总金额', '合同价款', '总价款', '合计', '总计'],
};

export const CONTRACT_STOP_LABELS: readonly string[] = [
  '地址', '乙方地址', '甲方地址', '联系人', '电话', '联系电话', '法定代表人', '开户行', '账号', '项目名称', '采购项目名称',
  '采购项目编号', '采购方式', '签订地点', '代表签字', '邮编',
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
  model: ['规格型号', '型号规格', '规格', '型号', '款号', '款式', 'Model', 'Specification', 'Spec'],
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

/** A line matching one of these ends the goods table. */
export const GOODS_TABLE_END: readonly RegExp[] = [
  /^(?:合\s*计|总\s*计|小\s*计)/,
  /^(?:合同总金额|合同金额|合计金额|总金额|合同总价)/,
  /^[一二三四五六七八九十]+[、.]/,
  /^第[一二三四五六七八九十\d]+条/,
  /大写/,
];

/** Headings that open and close the quality clause, whose standards the contract requires. */
export const QUALITY_CLAUSE = /质量(?:要求|标准|条款|保证及标准)|技术(?:标准|要求)|执行标准/;
export const CLAUSE_HEADING = /^(?:第[一二三四五六七八九十\d]+条|[一二三四五六七八九十]+\s*[、.．])/;
