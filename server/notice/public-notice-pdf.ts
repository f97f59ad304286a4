/**
 * The 双送检结果公示 as a PDF, made on the server with pdfkit and Noto Sans SC from an npm package
 * (embedded and subset: the file opens and prints the same everywhere, offline, with no browser or
 * system font at run time). A4 landscape: a table of the verified-compliant lines, then the lines
 * still pending.
 */
import path from 'node:path';
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { conclusionLabel, type NoticeReport, type PublicNotice } from './public-notice.types';

let fontCache: Buffer | null = null;
/** Noto Sans SC Regular (SIL Open Font License), read once. */
function cjkFont(): Buffer {
  if (!fontCache) {
    const dir = path.dirname(require.resolve('@expo-google-fonts/noto-sans-sc/package.json'));
    fontCache = fs.readFileSync(path.join(dir, '400Regular', 'NotoSansSC_400Regular.ttf'));
  }
  return fontCache;
}

const MARGIN = 36;
const COLUMNS: { title: string; width: number }[] = [
  { title: '合同编号', width: 80 },
  { title: '产品（规格型号）', width: 120 },
  { title: '供应商', width: 105 },
  { title: '数量', width: 50 },
  { title: '供应商送检报告', width: 170 },
  { title: '学校抽样送检报告', width: 170 },
  { title: '核验日期', width: 70 },
];

const reportText = (rs: NoticeReport[]) =>
  rs.length
    ? rs
        .map(
          (r) =>
            `${r.labName ?? '—'}\n编号 ${r.reportNumber ?? '—'}\n${r.issuedDate ?? '—'} 出具 · ${conclusionLabel(r.conclusion)}`,
        )
        .join('\n')
    : '—';

/** Renders the notice; resolves with the PDF bytes. */
export function renderPublicNoticePdf(n: PublicNotice): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: `${n.school.name} 双送检结果公示`, Creator: '双送检核验' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  const width = doc.page.width - 2 * MARGIN;

  doc.fontSize(18).text(`${n.school.name}`, { align: 'center' });
  doc.fontSize(16).text('校服、园服、被褥、玩具等采购“双送检”结果公示', { align: 'center' });
  doc.moveDown(0.5);
  doc
    .fontSize(10)
    .text(
      `根据儿童和学生用品安全守护行动有关要求，现将本校集中采购物品的供货方送检与学校抽样送检检验结果公示如下。以下合同明细已核验：供货企业与学校双方均提交了具备 CMA 资质的检验机构出具的合格报告，报告引用现行强制性标准。公示日期：${n.generatedOn}。`,
      { width },
    );
  doc.moveDown(0.6);

  const row = (cells: string[], header = false) => {
    doc.fontSize(header ? 9.5 : 9);
    const heights = cells.map((c, i) => doc.heightOfString(c, { width: COLUMNS[i]!.width - 8 }));
    const h = Math.max(...heights) + 8;
    if (doc.y + h > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      const w = COLUMNS[i]!.width;
      if (header) doc.rect(x, y, w, h).fillAndStroke('#e8eef6', '#888888').fillColor('#000000');
      else doc.rect(x, y, w, h).stroke('#888888');
      doc.text(c, x + 4, y + 4, { width: w - 8 });
      x += w;
    });
    doc.x = MARGIN;
    doc.y = y + h;
  };

  doc.fontSize(12).text(`一、已核验合格（${n.verified.length} 项）`);
  doc.moveDown(0.3);
  if (n.verified.length) {
    row(
      COLUMNS.map((c) => c.title),
      true,
    );
    for (const v of n.verified) {
      row([
        v.contractNumber ?? '—',
        v.model ? `${v.product}（${v.model}）` : v.product,
        v.supplier ?? '—',
        v.quantity ?? '—',
        reportText(v.supplierReports),
        reportText(v.schoolReports),
        v.verifiedOn,
      ]);
    }
  } else {
    doc.fontSize(10).text('暂无已核验合格的合同明细。');
  }
  doc.moveDown(0.8);
  doc.fontSize(12).text(`二、尚未核验通过（${n.pending.length} 项，待补充报告或整改后公示）`, MARGIN);
  doc.moveDown(0.3);
  doc.fontSize(10);
  for (const p of n.pending) {
    doc.text(`· ${p.contractNumber ?? '—'} · ${p.product} · ${p.supplier ?? '—'} · ${p.statusLabel}`, {
      width,
    });
  }
  if (!n.pending.length) doc.text('无。');
  doc.moveDown(1);
  doc
    .fontSize(9)
    .fillColor('#555555')
    .text(
      `公示单位：${n.school.name}${n.district ? ` · 主管部门：${n.district.bureauName}` : ''} · 生成日期：${n.generatedOn}（双送检核验）`,
      { width },
    );
  doc.end();
  return done;
}
