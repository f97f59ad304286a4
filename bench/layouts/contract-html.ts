/**
 * Contract layouts for the generalization harness: one contract truth printed the ways purchasing
 * offices print it — clause style with 甲方/乙方 lines, a key/value party block, goods-table columns in
 * other orders with brand and maker columns, the total only in 大写, 买方/卖方 or 需方/供方, English
 * labels — never changing the contract's content. Rendered to HTML for Chromium (chromium.ts).
 */

export interface ContractTruth {
  contractNumber: string | null;
  purchaser: { name: string };
  supplier: { name: string; uscc: string | null };
  signedDate: string | null;
  deliveryDate: string | null;
  lines: {
    product: string;
    model: string | null;
    quantity: number;
    unit: string | null;
    unitPrice: number;
    amount: number;
  }[];
  totalAmount: number;
  standards: string[];
}

type GoodsCol =
  'index' | 'product' | 'model' | 'brand' | 'maker' | 'unit' | 'quantity' | 'unitPrice' | 'amount';

export interface ContractVariant {
  id: string;
  description: string;
  /** party labels: 甲方/乙方 lines, a key/value table, 买方/卖方, 需方/供方, English */
  parties: 'lines' | 'kv-table' | 'buyer-seller' | 'english';
  columns: GoodsCol[];
  headers: Partial<Record<GoodsCol, string>>;
  /** the total as figure and 大写, or 大写 only */
  total: 'both' | 'capital-only';
  english: boolean;
}

export const CONTRACT_VARIANTS: readonly ContractVariant[] = [
  {
    id: 'c01-clauses',
    description:
      '条款式: 甲方（采购人）/乙方（供应商） lines, 序号|货物名称|规格型号|单位|数量|单价|金额, total in figures and 大写',
    parties: 'lines',
    columns: ['index', 'product', 'model', 'unit', 'quantity', 'unitPrice', 'amount'],
    headers: {
      index: '序号',
      product: '货物名称',
      model: '规格型号',
      unit: '单位',
      quantity: '数量',
      unitPrice: '单价（元）',
      amount: '金额（元）',
    },
    total: 'both',
    english: false,
  },
  {
    id: 'c02-kv-parties-reordered',
    description:
      '信息表: 采购人名称/供应商名称 in a key/value table, 产品名称|单价|数量|单位|总价|品牌|生产厂家',
    parties: 'kv-table',
    columns: ['index', 'product', 'model', 'unitPrice', 'quantity', 'unit', 'amount', 'brand', 'maker'],
    headers: {
      index: '序号',
      product: '产品名称',
      model: '款号',
      unitPrice: '单价',
      quantity: '数量',
      unit: '单位',
      amount: '总价',
      brand: '品牌',
      maker: '生产厂家',
    },
    total: 'both',
    english: false,
  },
  {
    id: 'c03-buyer-seller-capital',
    description: '买方/卖方, 品名 first then 款号 after 品牌, total printed only in 大写',
    parties: 'buyer-seller',
    columns: ['index', 'product', 'brand', 'model', 'quantity', 'unit', 'unitPrice', 'amount'],
    headers: {
      index: '序号',
      product: '品名',
      brand: '商标',
      model: '型号',
      quantity: '数量',
      unit: '计量单位',
      unitPrice: '单价',
      amount: '合价',
    },
    total: 'capital-only',
    english: false,
  },
  {
    id: 'c04-english',
    description:
      'English labels: Contract No., Purchaser/Supplier, Description|Model|Qty|Unit|Unit Price|Amount',
    parties: 'english',
    columns: ['index', 'product', 'model', 'quantity', 'unit', 'unitPrice', 'amount'],
    headers: {
      index: 'No.',
      product: 'Description',
      model: 'Model',
      quantity: 'Qty',
      unit: 'Unit',
      unitPrice: 'Unit Price',
      amount: 'Amount',
    },
    total: 'both',
    english: true,
  },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const money = (n: number) =>
  n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const cnDate = (iso: string | null) => {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL = ['', '拾', '佰', '仟'];
const BIG = ['', '万', '亿'];

/** A sum of money in 大写: 476135.5 → 肆拾柒万陆仟壹佰叁拾伍元伍角整. */
export function capitalAmount(n: number): string {
  const cents = Math.round(n * 100);
  let int = Math.floor(cents / 100);
  const jiao = Math.floor(cents / 10) % 10;
  const fen = cents % 10;
  const section = (x: number) => {
    let s = '';
    let zero = false;
    for (let i = 3; i >= 0; i--) {
      const d = Math.floor(x / 10 ** i) % 10;
      if (d === 0) {
        if (s) zero = true;
      } else {
        if (zero) s += '零';
        zero = false;
        s += (DIGITS[d] ?? '') + (SMALL[i] ?? '');
      }
    }
    return s;
  };
  const sections: number[] = [];
  while (int > 0) {
    sections.unshift(int % 10000);
    int = Math.floor(int / 10000);
  }
  let out = '';
  let gap = false;
  sections.forEach((sec, k) => {
    if (sec === 0) {
      gap = out !== '';
      return;
    }
    if (out && (sec < 1000 || gap)) out += '零';
    out += section(sec) + (BIG[sections.length - 1 - k] ?? '');
    gap = false;
  });
  out = `${out || '零'}元`;
  if (jiao === 0 && fen === 0) return `${out}整`;
  out += jiao ? `${DIGITS[jiao]}角` : '零';
  return fen ? `${out}${DIGITS[fen]}分` : `${out}整`;
}

function partyBlock(t: ContractTruth, v: ContractVariant): string {
  const uscc = t.supplier.uscc ?? '';
  switch (v.parties) {
    case 'lines':
      return `<p>合同编号：${esc(t.contractNumber ?? '')}</p><p>甲方（采购人）：${esc(t.purchaser.name)}</p><p>乙方（供应商）：${esc(t.supplier.name)}</p><p>统一社会信用代码：${esc(uscc)}</p>`;
    case 'kv-table':
      return `<table class="grid"><tr><th>合同编号</th><td>${esc(t.contractNumber ?? '')}</td></tr><tr><th>采购人名称</th><td>${esc(t.purchaser.name)}</td></tr><tr><th>地 址</th><td>江州市某区某路1号</td></tr><tr><th>供应商名称</th><td>${esc(t.supplier.name)}</td></tr><tr><th>统一社会信用代码</th><td>${esc(uscc)}</td></tr></table>`;
    case 'buyer-seller':
      return `<p>合同号：${esc(t.contractNumber ?? '')}</p><p>买方：${esc(t.purchaser.name)}</p><p>卖方：${esc(t.supplier.name)} 统一社会信用代码：${esc(uscc)}</p>`;
    case 'english':
      return `<p>Contract No.: ${esc(t.contractNumber ?? '')}</p><p>Purchaser: ${esc(t.purchaser.name)}</p><p>Supplier: ${esc(t.supplier.name)}</p><p>统一社会信用代码：${esc(uscc)}</p>`;
  }
}

function goodsTable(t: ContractTruth, v: ContractVariant): string {
  const head = `<tr>${v.columns.map((c) => `<th>${esc(v.headers[c] ?? '')}</th>`).join('')}</tr>`;
  const rows = t.lines.map((l, i) => {
    const cell: Record<GoodsCol, string> = {
      index: String(i + 1),
      product: l.product,
      model: l.model ?? '',
      brand: '博雅学苑',
      maker: t.supplier.name,
      unit: l.unit ?? '',
      quantity: String(l.quantity),
      unitPrice: money(l.unitPrice),
      amount: money(l.amount),
    };
    return `<tr>${v.columns.map((c) => `<td>${esc(cell[c])}</td>`).join('')}</tr>`;
  });
  return `<table class="grid goods">${head}${rows.join('')}</table>`;
}

function totalLine(t: ContractTruth, v: ContractVariant): string {
  const cap = capitalAmount(t.totalAmount);
  if (v.english) return `<p>Total Amount: RMB ${money(t.totalAmount)} (大写：${cap})</p>`;
  if (v.total === 'capital-only') return `<p>合同总价：人民币${cap}。</p>`;
  return `<p>合同总金额：人民币（大写）${cap}（¥${money(t.totalAmount)}）。</p>`;
}

/** One contract truth in one layout: the HTML Chromium prints, and the truth a correct extraction returns. */
export function renderContract(
  t: ContractTruth,
  v: ContractVariant,
): { html: string; expected: ContractTruth } {
  const title = v.english ? 'PURCHASE CONTRACT 采购合同' : '采 购 合 同';
  const delivery = v.english
    ? `<p>Delivery Date: ${t.deliveryDate ?? ''}</p>`
    : `<p>交货期限：${cnDate(t.deliveryDate)}前交货至甲方指定地点。</p>`;
  const quality = `<p>${v.english ? 'Quality Standards' : '质量标准'}：货物须符合 ${t.standards.join('、')} 的要求。</p>`;
  const signed = v.english
    ? `<p>Date of Signing 签订日期：${t.signedDate ?? ''}</p>`
    : `<p>签订日期：${cnDate(t.signedDate)}</p>`;
  const css = `@page { size: A4; margin: 15mm; } body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 10pt; }
h1 { text-align: center; font-size: 16pt; } table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
th, td { border: 0.6pt solid #000; padding: 1mm; text-align: left; font-weight: normal; }
table.goods { font-size: 8pt; }`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body><h1>${title}</h1>${partyBlock(t, v)}<p>${v.english ? 'Goods:' : '一、合同标的'}</p>${goodsTable(t, v)}${totalLine(t, v)}${delivery}${quality}${signed}</body></html>`;
  return { html, expected: t };
}
