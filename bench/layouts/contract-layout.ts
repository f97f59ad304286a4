/**
 * A contract printed in a drawn layout (bench/layouts/random-contracts.ts draws the knobs): party
 * labels and block style, contract-number label and its neighbour, date style, signing and delivery
 * wording and placement, the goods table's columns, header words and total row, how the total is
 * printed, the quality clause's wording and the USCC label. Only the presentation changes: every
 * value the truth holds is printed, and the truth is what a correct extraction returns. Rendered to
 * HTML that flows over as many A4 pages as it needs (chromium.ts refuses a `.flow` wider than its page).
 */
import { capitalAmount, type ContractTruth } from './contract-html';

export type GoodsColumnId =
  | 'index'
  | 'product'
  | 'model'
  | 'brand'
  | 'maker'
  | 'colour'
  | 'remark'
  | 'unit'
  | 'quantity'
  | 'unitPrice'
  | 'amount';

export type DateStyle = 'cn' | 'cn-pad' | 'iso' | 'dot' | 'slash' | 'hanzi';

/** Knobs drawn apart from the first ones (random-contracts.ts keeps those draws as they were). */
export interface ContractExtras {
  /** paragraphs of project background before the goods table (it moves the table over a page break) */
  preamble: number;
  /** the goods header printed again on each page the table runs over */
  repeatHeader: boolean;
  /** the contract number in a ruled information table with the project's name, number and method */
  infoTable: boolean;
  /** dates spaced ("2024 年 6 月 26 日") or with full-width digits */
  dateForm: 'plain' | 'spaced' | 'fullwidth';
  /** quantities with a thousands separator (1,235) */
  quantityThousands: boolean;
  /** both names printed again in the signature block */
  namesInSignature: boolean;
}

export interface ContractLayout {
  id: string;
  description: string;
  title: string;
  /** labels everything else is printed with: Chinese, English, or both */
  language: 'zh' | 'en' | 'bilingual';
  /** the two parties' labels as printed before a colon ("甲方（采购人）", "Buyer", "需方 Buyer") */
  parties: { purchaser: string; supplier: string };
  /**
   * lines: "label：name" lines; kv-table: label | value rows; kv-side: both parties side by side in one
   * four-column table; next-line: the name on the line under its label; called: "label：name（以下简称…）";
   * signature-only: the names only in the two-column signature block at the end
   */
  partyStyle: 'lines' | 'kv-table' | 'kv-side' | 'next-line' | 'called' | 'signature-only';
  /** what a key/value table prints after the party label ("采购人" + "名称") */
  partyNameSuffix: string;
  numberLabel: string;
  /** own-line under the title, right-aligned, or on one line with a project number printed first */
  numberPlace: 'line' | 'right' | 'beside-project';
  projectLabel: string;
  projectNumber: string;
  usccLabel: string;
  /** the school's own code printed with its name (a code that is not the supplier's) */
  purchaserUscc: string | null;
  dates: DateStyle;
  signedLabel: string;
  /** header: a line under the number; end: one line before the signatures; signature: each party's 日期; sentence: 本合同于…签订 */
  signedPlace: 'header' | 'end' | 'signature' | 'sentence';
  deliveryLabel: string;
  /** date: "label：date前…"; within: "label：合同签订后N日内（即date前）"; heading: a clause heading naming it, the date in a sentence */
  deliveryForm: 'date' | 'within' | 'heading';
  goods: {
    columns: GoodsColumnId[];
    headers: Partial<Record<GoodsColumnId, string>>;
    /** 合计 row: none, the figure in the amount column, or 大写 and figure */
    totalRow: 'none' | 'figure' | 'capital';
    /** quantity and unit in one cell ("757套") instead of a unit column */
    unitInQuantity: boolean;
    thousands: boolean;
    yen: boolean;
    fontPt: number;
  };
  /** both: 大写 then (¥figure); capital-only; figure-only ("人民币 ¥…元"); figure-capital: figure then (大写：…) */
  total: 'both' | 'capital-only' | 'figure-only' | 'figure-capital';
  totalLabel: string;
  standards: {
    heading: string;
    wording: 'conform' | 'execute' | 'label';
    separator: string;
    titles: boolean;
    compact: boolean;
  };
  clauseNumbers: 'chinese' | 'article' | 'none';
  /** what a brand column prints */
  brand: string;
  more?: ContractExtras;
  fontPt: number;
  rules: 'grid' | 'horizontal';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const HANZI = '〇一二三四五六七八九';
function hanziNumber(n: number): string {
  if (n < 10) return HANZI[n] ?? '';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (HANZI[tens] ?? '')}十${ones ? (HANZI[ones] ?? '') : ''}`;
}

/** One ISO date as the layout prints it. */
export function printDate(iso: string, style: DateStyle): string {
  const [y = '', m = '', d = ''] = iso.split('-');
  switch (style) {
    case 'cn':
      return `${y}年${Number(m)}月${Number(d)}日`;
    case 'cn-pad':
      return `${y}年${m}月${d}日`;
    case 'iso':
      return iso;
    case 'dot':
      return `${y}.${Number(m)}.${Number(d)}`;
    case 'slash':
      return `${y}/${Number(m)}/${Number(d)}`;
    case 'hanzi':
      return `${[...y].map((c) => HANZI[Number(c)] ?? '').join('')}年${hanziNumber(Number(m))}月${hanziNumber(Number(d))}日`;
  }
}

/** Titles the quality clause may print after a standard's number. */
const STANDARD_TITLES: Record<string, string> = {
  'GB/T 31888-2015': '中小学生校服',
  'GB 18401-2010': '国家纺织产品基本安全技术规范',
  'GB 31701-2015': '婴幼儿及儿童纺织产品安全技术规范',
  'GB/T 22796-2021': '床上用品',
  'GB 18383-2007': '絮用纤维制品通用技术要求',
  'FZ/T 73045-2013': '针织儿童服装',
  'GB/T 31900-2015': '机织儿童服装',
  'GB 6675.1-2014': '玩具安全 第1部分：基本规范',
  'GB 6675.2-2014': '玩具安全 第2部分：机械与物理性能',
  'GB 6675.3-2014': '玩具安全 第3部分：易燃性能',
  'GB 6675.4-2014': '玩具安全 第4部分：特定元素的迁移',
};

/** A date as the layout prints it, with its spacing or full-width digits. */
function layoutDate(iso: string, l: ContractLayout): string {
  const d = printDate(iso, l.dates);
  switch (l.more?.dateForm ?? 'plain') {
    case 'plain':
      return d;
    case 'spaced':
      return d.replace(/\s*([年月])\s*/g, ' $1 ').replace(/\s*日$/, ' 日');
    case 'fullwidth':
      return d.replace(/[0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  }
}

function money(n: number, g: ContractLayout['goods'], yen = g.yen): string {
  const s = n.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
    useGrouping: g.thousands,
  });
  return yen ? `¥${s}` : s;
}

const zhEn = (l: ContractLayout, zh: string, en: string) =>
  l.language === 'zh' ? zh : l.language === 'en' ? en : `${zh} ${en}`;

const daysBetween = (a: string, b: string) =>
  Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/** Clause headings numbered in order (一、 / 第一条 / none), one counter per rendered contract. */
type Clause = (heading: string) => string;
function clauses(l: ContractLayout): Clause {
  let n = 0;
  return (heading) => {
    const no = hanziNumber(++n);
    const prefix =
      l.clauseNumbers === 'chinese' ? `${no}、` : l.clauseNumbers === 'article' ? `第${no}条 ` : '';
    return `<p class="clause">${esc(prefix + heading)}</p>`;
  };
}

function partyDetails(l: ContractLayout, who: 'purchaser' | 'supplier', t: ContractTruth): string[] {
  const rows: string[] = [];
  if (who === 'purchaser' && l.purchaserUscc) rows.push(`${l.usccLabel}：${l.purchaserUscc}`);
  if (who === 'supplier') rows.push(`${l.usccLabel}：${t.supplier.uscc ?? ''}`);
  rows.push(
    `${zhEn(l, '地址', 'Address')}：江州市${who === 'purchaser' ? '学府路' : '工业园区兴业路'}${who === 'purchaser' ? 18 : 66}号`,
  );
  rows.push(`${zhEn(l, '联系电话', 'Tel')}：${who === 'purchaser' ? '023-6512 0318' : '139 8312 7766'}`);
  return rows;
}

function partyBlock(l: ContractLayout, t: ContractTruth): string {
  const { purchaser: pl, supplier: sl } = l.parties;
  const p = esc(t.purchaser.name);
  const s = esc(t.supplier.name);
  const details = (who: 'purchaser' | 'supplier') =>
    partyDetails(l, who, t)
      .map((d) => `<p>${esc(d)}</p>`)
      .join('');
  switch (l.partyStyle) {
    case 'lines':
      return `<p>${esc(pl)}：${p}</p>${details('purchaser')}<p>${esc(sl)}：${s}</p>${details('supplier')}`;
    case 'next-line':
      return `<p>${esc(pl)}：</p><p>${p}</p>${details('purchaser')}<p>${esc(sl)}：</p><p>${s}</p>${details('supplier')}`;
    case 'called': {
      const a = zhEn(l, '（以下简称“甲方”）', ' (hereinafter "Party A")');
      const b = zhEn(l, '（以下简称“乙方”）', ' (hereinafter "Party B")');
      return `<p>${esc(pl)}：${p}${esc(a)}</p>${details('purchaser')}<p>${esc(sl)}：${s}${esc(b)}</p>${details('supplier')}`;
    }
    case 'kv-table': {
      const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`;
      const kv = (d: string) => {
        const [k = '', v = ''] = d.split('：');
        return row(k, v);
      };
      const k = l.partyNameSuffix;
      return `<table class="grid kv">${row(pl + k, t.purchaser.name)}${partyDetails(l, 'purchaser', t).map(kv).join('')}${row(sl + k, t.supplier.name)}${partyDetails(l, 'supplier', t).map(kv).join('')}</table>`;
    }
    case 'kv-side': {
      const pd = partyDetails(l, 'purchaser', t);
      const sd = partyDetails(l, 'supplier', t);
      // the school's details have no code when none is printed: align the rows by their label
      const labels = [...new Set([...sd, ...pd].map((d) => d.split('：')[0] ?? ''))];
      const cell = (list: string[], k: string) => {
        const d = list.find((x) => x.startsWith(`${k}：`));
        return d ? `<th>${esc(k)}</th><td>${esc(d.slice(k.length + 1))}</td>` : '<th></th><td></td>';
      };
      const rows = labels.map((k) => `<tr>${cell(pd, k)}${cell(sd, k)}</tr>`).join('');
      return `<table class="grid kv"><tr><th>${esc(pl + l.partyNameSuffix)}</th><td>${p}</td><th>${esc(sl + l.partyNameSuffix)}</th><td>${s}</td></tr>${rows}</table>`;
    }
    case 'signature-only':
      return `<p>${esc(zhEn(l, `${pl}与${sl}经友好协商，就下列货物的采购达成如下协议：`, `${pl} and ${sl} agree as follows:`))}</p>`;
  }
}

function numberBlock(l: ContractLayout, t: ContractTruth): string {
  if (l.more?.infoTable) {
    const row = (k: string, v: string) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`;
    return `<table class="grid kv">${[
      row(l.numberLabel, t.contractNumber ?? ''),
      row(
        zhEn(l, '项目名称', 'Project'),
        `${t.purchaser.name}${zhEn(l, '学生服装采购项目', ' procurement')}`,
      ),
      row(l.projectLabel, l.projectNumber),
      row(zhEn(l, '采购方式', 'Procurement method'), zhEn(l, '询价', 'Request for quotation')),
    ].join('')}</table>`;
  }
  const no = `${esc(l.numberLabel)}：${esc(t.contractNumber ?? '')}`;
  switch (l.numberPlace) {
    case 'line':
      return `<p>${no}</p>`;
    case 'right':
      return `<p class="right">${no}</p>`;
    case 'beside-project':
      return `<p>${esc(l.projectLabel)}：${esc(l.projectNumber)}\u3000\u3000${no}</p>`;
  }
}

function goodsTable(l: ContractLayout, t: ContractTruth): string {
  const g = l.goods;
  const headRow = `<tr>${g.columns.map((c) => `<th>${g.headers[c] ?? ''}</th>`).join('')}</tr>`;
  const head = l.more?.repeatHeader ? `<thead>${headRow}</thead>` : headRow;
  const quantity = (q: number) => (l.more?.quantityThousands ? q.toLocaleString('en-US') : String(q));
  const rows = t.lines.map((line, i) => {
    const cell: Record<GoodsColumnId, string> = {
      index: String(i + 1),
      product: line.product,
      model: line.model ?? '',
      brand: l.brand,
      maker: t.supplier.name,
      colour: '藏青',
      remark: i === 0 ? '含税' : '',
      unit: line.unit ?? '',
      quantity: g.unitInQuantity ? `${quantity(line.quantity)}${line.unit ?? ''}` : quantity(line.quantity),
      unitPrice: money(line.unitPrice, g),
      amount: money(line.amount, g),
    };
    return `<tr>${g.columns.map((c) => `<td>${esc(cell[c])}</td>`).join('')}</tr>`;
  });
  if (g.totalRow !== 'none') {
    const at = g.columns.indexOf('amount');
    const label =
      g.totalRow === 'capital'
        ? `${zhEn(l, '合计', 'Total')}（${zhEn(l, '大写', 'in words')}）：${capitalAmount(t.totalAmount)}`
        : zhEn(l, '合计', 'Total');
    const before = at > 0 ? `<td colspan="${at}">${esc(label)}</td>` : '';
    const after = g.columns.length - at - 1;
    const amount = `<td>${esc(money(t.totalAmount, g))}</td>`;
    const tail = after > 0 ? `<td colspan="${after}">${at === 0 ? esc(label) : ''}</td>` : '';
    rows.push(`<tr>${before}${amount}${tail}</tr>`);
  }
  const body = l.more?.repeatHeader ? `<tbody>${rows.join('')}</tbody>` : rows.join('');
  return `<table class="grid goods">${head}${body}</table>`;
}

function totalLine(l: ContractLayout, t: ContractTruth): string {
  const cap = capitalAmount(t.totalAmount);
  const fig = money(t.totalAmount, { ...l.goods, thousands: true }, false);
  const rmb = zhEn(l, '人民币', 'RMB');
  const words = zhEn(l, '大写', 'in words');
  switch (l.total) {
    case 'both':
      return `<p>${esc(l.totalLabel)}：${rmb}（${words}）${cap}（¥${fig}）。</p>`;
    case 'capital-only':
      return `<p>${esc(l.totalLabel)}：${rmb}${cap}。</p>`;
    case 'figure-only':
      return `<p>${esc(l.totalLabel)}：${rmb} ¥${fig} 元。</p>`;
    case 'figure-capital':
      return `<p>${esc(l.totalLabel)}：¥${fig}元（${words}：${cap}）。</p>`;
  }
}

function standardsClause(l: ContractLayout, t: ContractTruth, clause: Clause): string {
  const st = l.standards;
  const list = t.standards
    .map((code) => {
      const printed = st.compact ? code.replace(' ', '') : code;
      const title = STANDARD_TITLES[code];
      return st.titles && title ? `${printed}《${title}》` : printed;
    })
    .join(st.separator);
  const body =
    st.wording === 'conform'
      ? zhEn(
          l,
          `乙方所供货物须为全新合格产品，质量须符合 ${list} 等现行国家标准的要求。`,
          `The goods shall conform to ${list}.`,
        )
      : st.wording === 'execute'
        ? zhEn(l, `产品质量执行 ${list} 标准，安全技术类别不低于B类。`, `Standards applied: ${list}.`)
        : `${zhEn(l, '执行标准', 'Standards')}：${list}。`;
  return `${clause(st.heading)}<p>${esc(body)}</p>`;
}

function deliveryClause(l: ContractLayout, t: ContractTruth, clause: Clause): string {
  if (!t.deliveryDate) return '';
  const date = layoutDate(t.deliveryDate, l);
  const where = zhEn(l, '前将全部货物送达甲方指定地点。', ', to the place the buyer names.');
  switch (l.deliveryForm) {
    case 'date':
      return `${clause(zhEn(l, '交货', 'Delivery'))}<p>${esc(l.deliveryLabel)}：${esc(date)}${esc(where)}</p>`;
    case 'within': {
      const days = t.signedDate ? daysBetween(t.signedDate, t.deliveryDate) : 30;
      const text = zhEn(
        l,
        `合同签订后${days}日内（即${date}前）交货至甲方指定地点。`,
        `within ${days} days of signing (by ${date}).`,
      );
      return `${clause(zhEn(l, '交货', 'Delivery'))}<p>${esc(l.deliveryLabel)}：${esc(text)}</p>`;
    }
    case 'heading':
      return `${clause(`${l.deliveryLabel}${zhEn(l, '及地点', ' and Place')}`)}<p>${esc(zhEn(l, `乙方应于${date}前将全部货物送达甲方指定地点，并按班级分装。`, `The seller delivers by ${date}.`))}</p>`;
  }
}

/** Project background some contracts print before the goods (it moves the goods table down the page). */
const PREAMBLE = [
  '为规范中小学生校服、幼儿园园服及学生用品的采购管理，保障学生身体健康，根据《中小学生校服管理办法》及本地区有关规定，经学校家长委员会参与、公开遴选，确定本项目成交供应商。',
  '本项目采用询价方式采购，采购结果已在学校公示栏及区教育主管部门网站公示，公示期内无异议。双方应本着诚实信用原则履行本合同。',
  '乙方承诺所供货物与投标（响应）文件及封存样品一致，面料、辅料、款式、颜色、号型与封样相符；如有不符，甲方有权拒收。',
  '乙方应按甲方提供的学生名单及尺码统计表分班级、分尺码包装，并在包装上标明学校名称、班级、姓名及尺码。',
];
const FILLER_ZH: [string, string][] = [
  ['验收', '货物送达后10个工作日内，甲方组织验收；“双送检”检验报告是验收的必备文件。'],
  ['付款方式', '验收合格并收到乙方开具的发票后30日内，甲方一次性支付合同款。'],
  ['违约责任', '乙方逾期交货的，每逾期一日按合同总金额的0.5%支付违约金。'],
  ['争议解决', '因本合同引起的争议，双方协商解决；协商不成的，向甲方所在地人民法院提起诉讼。'],
  ['其他', '本合同一式肆份，甲乙双方各执贰份，自双方签字盖章之日起生效。'],
];
const FILLER_EN: [string, string][] = [
  ['Acceptance', 'The buyer inspects the goods within 10 working days of delivery.'],
  ['Payment', 'Payment within 30 days of acceptance and invoice.'],
  ['Disputes', 'Disputes are settled by negotiation, else before the court where the buyer is.'],
];

function signatureBlock(l: ContractLayout, t: ContractTruth): string {
  const { purchaser: pl, supplier: sl } = l.parties;
  const signedDate = t.signedDate ? layoutDate(t.signedDate, l) : '';
  const seal = zhEn(l, '（盖章）', ' (Seal)');
  const nameRows = l.partyStyle === 'signature-only' || (l.more?.namesInSignature ?? false);
  const col = (label: string, name: string, extra: string[]) => [
    `${label}${seal}：${nameRows ? name : ''}`,
    ...extra,
    `${zhEn(l, '法定代表人或授权代表（签字）', 'Authorised signature')}：`,
    ...(l.signedPlace === 'signature' ? [`${zhEn(l, '日期', 'Date')}：${signedDate}`] : []),
  ];
  const left = col(pl, t.purchaser.name, []);
  const usccHere = l.partyStyle === 'signature-only';
  const right = col(sl, t.supplier.name, usccHere ? [`${l.usccLabel}：${t.supplier.uscc ?? ''}`] : []);
  const n = Math.max(left.length, right.length);
  const rows = Array.from(
    { length: n },
    (_, i) => `<tr><td>${esc(left[i] ?? '')}</td><td>${esc(right[i] ?? '')}</td></tr>`,
  ).join('');
  return `<table class="sign">${rows}</table>`;
}

/** One contract truth in one drawn layout: the HTML Chromium prints, and the truth a correct extraction returns. */
export function renderContractLayout(
  t: ContractTruth,
  l: ContractLayout,
): { html: string; expected: ContractTruth } {
  const clause = clauses(l);
  const signed = t.signedDate ? layoutDate(t.signedDate, l) : '';
  const signedLine = `<p>${esc(l.signedLabel)}：${esc(signed)}</p>`;
  const parts: string[] = [`<h1>${esc(l.title)}</h1>`, numberBlock(l, t)];
  if (l.signedPlace === 'header') parts.push(signedLine);
  parts.push(partyBlock(l, t));
  if (l.partyStyle !== 'signature-only') {
    parts.push(
      `<p>${esc(zhEn(l, '根据《中华人民共和国民法典》及有关法律法规，经双方协商一致，订立本合同。', 'The parties agree as follows.'))}</p>`,
    );
  }
  for (let i = 0; i < (l.more?.preamble ?? 0); i++) {
    parts.push(`<p>${esc(PREAMBLE[i % PREAMBLE.length] ?? '')}</p>`);
  }
  parts.push(clause(zhEn(l, '合同标的', 'Goods')), goodsTable(l, t), totalLine(l, t));
  parts.push(standardsClause(l, t, clause), deliveryClause(l, t, clause));
  for (const [h, body] of l.language === 'en' ? FILLER_EN : FILLER_ZH) {
    parts.push(`${clause(h)}<p>${esc(body)}</p>`);
  }
  if (l.signedPlace === 'sentence') {
    parts.push(
      `<p>${esc(zhEn(l, `本合同于${signed}在江州市签订。`, `This contract was signed on ${signed}.`))}</p>`,
    );
  }
  if (l.signedPlace === 'end') parts.push(signedLine);
  parts.push(signatureBlock(l, t));
  const border = l.rules === 'grid' ? 'border: 0.6pt solid #000;' : 'border-bottom: 0.6pt solid #000;';
  const css = `@page { size: A4; margin: 15mm; }
body { font-family: "WenQuanYi Micro Hei", sans-serif; font-size: ${l.fontPt}pt; margin: 0; }
.flow { width: 180mm; }
h1 { text-align: center; font-size: 16pt; } p { margin: 1.2mm 0; } .right { text-align: right; }
.clause { font-weight: bold; margin-top: 3mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
table.grid th, table.grid td { ${border} padding: 1mm; text-align: left; font-weight: normal; }
table.goods { font-size: ${l.goods.fontPt}pt; } table.goods tr { break-inside: avoid; }
table.sign { margin-top: 6mm; break-inside: avoid; } table.sign td { width: 50%; padding: 1.2mm 0; vertical-align: top; }`;
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body><div class="flow">${parts.join('')}</div></body></html>`;
  return { html, expected: t };
}
