/**
 * Renders the demo district's documents (server/demo/demo-district.ts) as text PDFs with the code that
 * renders the layout fixtures (bench/layouts: report-html.ts printed by Chromium), plus a one-page
 * contract in the same way. The PDFs are kept in the repository (server/demo/documents/ and samples/) so
 * that the service needs no browser; re-run after changing the demo's names:
 *   npm run demo:documents
 * The planted findings: the winter uniform has only the supplier's report, which cites the superseded
 * GB 18401-2003 (缺少采购方送检报告, 引用已废止标准); the kindergarten's own report failed formaldehyde
 * (检验项目不合格). The summer uniform is compliant.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startPdfPrinter } from './layouts/chromium';
import { renderReport, type ReportTruth, type TruthItem } from './layouts/report-html';
import { LAYOUT_VARIANTS } from './layouts/variants';
import {
  DEMO_DISTRICT,
  DEMO_DOCUMENTS,
  DEMO_SAMPLES,
  DEMO_SCHOOLS,
  DEMO_SUPPLIERS,
} from '../server/demo/demo-district';

const ROOT = path.resolve(__dirname, '..', 'server', 'demo');

const LABS = {
  fibre: { name: '示范市纤维织品检验所', cmaNumber: '210012340567', cnasNumber: 'L3021' },
  private: { name: '明德华测检测技术有限公司', cmaNumber: '220019045613', cnasNumber: null },
};

const it = (
  name: string,
  unit: string | null,
  requirement: string | null,
  result: string,
  verdict: TruthItem['verdict'] = 'pass',
): TruthItem => ({ name, unit, requirement, result, verdict });

function garmentItems(o: { formaldehyde?: string } = {}): TruthItem[] {
  const hcho = o.formaldehyde ?? '<20';
  return [
    it('纤维含量', '%', '棉 60% 聚酯纤维 40%', '棉 61.2 聚酯纤维 38.8'),
    it('甲醛含量', 'mg/kg', '≤75', hcho, Number(hcho) > 75 ? 'fail' : 'pass'),
    it('pH值', null, '4.0～8.5', '6.3'),
    it('可分解致癌芳香胺染料', 'mg/kg', '禁用', '<20'),
    it('异味', null, '无', '无'),
    it('耐水色牢度 变色', '级', '≥3-4', '4-5'),
    it('耐水色牢度 沾色', '级', '≥3-4', '4'),
    it('耐汗渍色牢度 变色', '级', '≥3-4', '4-5'),
    it('耐汗渍色牢度 沾色', '级', '≥3-4', '4'),
    it('耐干摩擦色牢度', '级', '≥3-4', '4-5'),
    it('耐湿摩擦色牢度', '级', '≥3', '3-4'),
    it('燃烧性能', '级', '1级', '1级'),
    it('绳带要求', null, '符合GB 31701-2015中5.2要求', '符合'),
    it('附件抗拉强力', 'N', '≥70', '≥70，未脱落'),
    it('锐利尖端和锐利边缘', null, '不允许', '无'),
  ];
}

function report(o: {
  number: string;
  lab: keyof typeof LABS;
  sample: string;
  model: string;
  client: string;
  maker: string;
  received: string;
  issued: string;
  standards: string[];
  items: TruthItem[];
}): ReportTruth {
  return {
    kind: 'test_report',
    reportNumber: o.number,
    lab: LABS[o.lab],
    sample: { name: o.sample, model: o.model, trademark: '明德', batch: null, safetyClass: 'B' },
    client: o.client,
    manufacturer: o.maker,
    inspectionType: 'commissioned',
    dates: { received: o.received, tested: o.issued, issued: o.issued },
    standards: o.standards,
    items: o.items,
    conclusion: o.items.some((i) => i.verdict === 'fail') ? 'fail' : 'pass',
    pages: 1,
  };
}

const UNIFORM_STANDARDS = ['GB/T 31888-2015', 'GB 18401-2010', 'GB 31701-2015'];
const KG_STANDARDS = ['GB 31701-2015', 'GB 18401-2010', 'GB/T 31900-2015'];
const school = DEMO_SCHOOLS.primary.name;
const kg = DEMO_SCHOOLS.kindergarten.name;
const uni = DEMO_SUPPLIERS.uniforms;
const kgs = DEMO_SUPPLIERS.kindergarten;

const REPORTS: Record<string, ReportTruth> = {
  '实验小学-夏季校服-供应商送检报告.pdf': report({
    number: 'SFJ24-0518-031',
    lab: 'fibre',
    sample: '学生夏装（短袖POLO衫、短裤）',
    model: 'MD24-X01',
    client: uni.name,
    maker: uni.name,
    received: '2024-05-13',
    issued: '2024-05-20',
    standards: UNIFORM_STANDARDS,
    items: garmentItems(),
  }),
  '实验小学-夏季校服-学校送检报告.pdf': report({
    number: 'MDHC24-0906-117',
    lab: 'private',
    sample: '学生夏装（短袖POLO衫、短裤）',
    model: 'MD24-X01',
    client: school,
    maker: uni.name,
    received: '2024-08-30',
    issued: '2024-09-06',
    standards: UNIFORM_STANDARDS,
    items: garmentItems(),
  }),
  '实验小学-冬季校服-供应商送检报告.pdf': report({
    number: 'SFJ24-0522-044',
    lab: 'fibre',
    sample: '学生冬装（防寒外套）',
    model: 'MD24-D02',
    client: uni.name,
    maker: uni.name,
    received: '2024-05-15',
    issued: '2024-05-22',
    standards: ['GB/T 31888-2015', 'GB 18401-2003', 'GB 31701-2015'],
    items: garmentItems(),
  }),
  '实验小学-冬季校服-学校送检报告.pdf': report({
    number: 'MDHC24-0910-121',
    lab: 'private',
    sample: '学生冬装（防寒外套）',
    model: 'MD24-D02',
    client: school,
    maker: uni.name,
    received: '2024-09-03',
    issued: '2024-09-10',
    standards: UNIFORM_STANDARDS,
    items: garmentItems(),
  }),
  '阳光幼儿园-园服-供应商送检报告.pdf': report({
    number: 'SFJ24-0603-058',
    lab: 'fibre',
    sample: '幼儿园园服（春秋装）',
    model: 'TQ24-Y01',
    client: kgs.name,
    maker: kgs.name,
    received: '2024-05-27',
    issued: '2024-06-03',
    standards: KG_STANDARDS,
    items: garmentItems(),
  }),
  '阳光幼儿园-园服-幼儿园送检报告.pdf': report({
    number: 'MDHC24-0912-126',
    lab: 'private',
    sample: '幼儿园园服（春秋装）',
    model: 'TQ24-Y01',
    client: kg,
    maker: kgs.name,
    received: '2024-09-05',
    issued: '2024-09-12',
    standards: KG_STANDARDS,
    items: garmentItems({ formaldehyde: '126' }),
  }),
};

interface ContractSpec {
  number: string;
  purchaser: string;
  supplier: { name: string; uscc: string };
  signed: string;
  delivery: string;
  standards: string[];
  lines: { product: string; model: string; unit: string; quantity: number; price: number }[];
}

const CONTRACTS: Record<string, ContractSpec> = {
  '实验小学-校服采购合同.pdf': {
    number: 'MDCG2024-0107',
    purchaser: school,
    supplier: uni,
    signed: '2024-07-10',
    delivery: '2024-08-25',
    standards: UNIFORM_STANDARDS,
    lines: [
      { product: '夏季校服（短袖POLO衫+短裤）', model: 'MD24-X01', unit: '套', quantity: 620, price: 98 },
      { product: '冬季校服（防寒外套）', model: 'MD24-D02', unit: '件', quantity: 410, price: 268 },
    ],
  },
  '阳光幼儿园-园服采购合同.pdf': {
    number: 'MDCG2024-0112',
    purchaser: kg,
    supplier: kgs,
    signed: '2024-07-15',
    delivery: '2024-08-28',
    standards: KG_STANDARDS,
    lines: [{ product: '幼儿园园服（春秋装）', model: 'TQ24-Y01', unit: '套', quantity: 260, price: 156 }],
  },
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const cn = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};
const money = (n: number) => n.toFixed(2);

/** A one-page 采购合同 (parties, goods table, amount, delivery, quality clause, signatures). */
function contractHtml(c: ContractSpec): string {
  const total = c.lines.reduce((s, l) => s + l.quantity * l.price, 0);
  const rows = c.lines
    .map(
      (l, i) =>
        `<tr><td>${i + 1}</td><td>${esc(l.product)}</td><td>明德</td><td>${esc(l.model)}</td><td>${l.unit}</td><td>${l.quantity}</td><td>${money(l.price)}</td><td>${money(l.quantity * l.price)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page { size: A4; margin: 0; }
body { margin: 0; font-family: 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif; font-size: 10.5pt; }
.page { width: 210mm; height: 297mm; box-sizing: border-box; padding: 18mm 20mm; overflow: hidden; }
h1 { text-align: center; font-size: 18pt; margin: 0 0 6mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
td, th { border: 0.6pt solid #000; padding: 1.5mm 2mm; text-align: left; }
.goods td:nth-child(n+5), .goods th:nth-child(n+5) { text-align: right; }
p { margin: 2mm 0; line-height: 1.5; }
.sign { display: flex; justify-content: space-between; margin-top: 10mm; }
</style></head><body><div class="page">
<h1>采购合同</h1>
<p>合同编号：${esc(c.number)}</p>
<p>采购人（甲方）：${esc(c.purchaser)}</p>
<p>供应商（乙方）：${esc(c.supplier.name)}</p>
<p>统一社会信用代码：${esc(c.supplier.uscc)}</p>
<p>甲、乙双方经协商一致，就甲方采购学生服装事宜订立本合同。</p>
<p>一、合同标的</p>
<table class="goods"><tr><th>序号</th><th>品目名称</th><th>品牌</th><th>规格型号</th><th>单位</th><th>数量</th><th>单价(元)</th><th>总价(元)</th></tr>${rows}</table>
<p>二、合同金额：人民币${total.toLocaleString('en-US', { minimumFractionDigits: 2 })}元。</p>
<p>三、交货期限：${cn(c.delivery)}前交货至甲方指定地点。</p>
<p>四、质量标准：货物应符合 ${c.standards.join('、')} 的规定。供货前乙方须将样品送具有CMA资质的检验检测机构检验（供应商送检）；交货后由甲方抽取样品送检（采购方送检）。“双送检”任一结果不合格的，甲方有权拒收。</p>
<p>五、本合同一式肆份，甲乙双方各执贰份，自双方签章之日起生效。</p>
<div class="sign"><div>甲方（盖章）：${esc(c.purchaser)}<br>日期：${cn(c.signed)}</div><div>乙方（盖章）：${esc(c.supplier.name)}<br>日期：${cn(c.signed)}</div></div>
</div></body></html>`;
}

async function main(): Promise<void> {
  const variant = LAYOUT_VARIANTS.find((v) => v.id === 'v01-grid-classic');
  if (!variant) throw new Error('layout v01-grid-classic not found');
  const printer = await startPdfPrinter();
  try {
    const wanted = [
      ...DEMO_DOCUMENTS.map((d) => ({ file: d.file, dir: 'documents' })),
      ...DEMO_SAMPLES.map((file) => ({ file, dir: 'samples' })),
    ];
    for (const { file, dir } of wanted) {
      const truth = REPORTS[file];
      const contract = CONTRACTS[file];
      const html = truth ? renderReport(truth, variant).html : contract ? contractHtml(contract) : null;
      if (!html) throw new Error(`no content for ${file}`);
      const pdf = await printer.print(html);
      fs.mkdirSync(path.join(ROOT, dir), { recursive: true });
      fs.writeFileSync(path.join(ROOT, dir, file), pdf);
      process.stdout.write(`${dir}/${file}  ${(pdf.length / 1024).toFixed(0)} KB\n`);
    }
  } finally {
    await printer.close();
  }
  process.stdout.write(`${DEMO_DISTRICT.name}: ${DEMO_DOCUMENTS.length + DEMO_SAMPLES.length} files\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
