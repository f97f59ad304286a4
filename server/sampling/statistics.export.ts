/**
 * The 成果统计表 as XLSX: one summary table with grouped headers (基本情况 / 双送检落实 / 核验发现问题 /
 * 供货企业名单 / 监督抽查 with 企业数, 批次数, 发现不合格批次数), then the findings by code and the
 * failing items found by official sampling.
 */
import ExcelJS from 'exceljs';
import type { CampaignStatistics } from './statistics.types';

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9E1F2' } };

/** Grouped columns of the summary table: [group, [column header, value]]. */
function summaryGroups(s: CampaignStatistics): [string, [string, number][]][] {
  return [
    [
      '基本情况',
      [
        ['学校数（所）', s.schools],
        ['采购合同数（份）', s.contracts],
        ['合同明细行（条）', s.lines],
        ['供货企业数（家）', s.suppliers],
      ],
    ],
    [
      '“双送检”落实情况',
      [
        ['双送检齐全明细行（条）', s.dualCoveredLines],
        ['双送检覆盖率（%）', s.dualCoveredPct],
      ],
    ],
    [
      '核验发现问题',
      [
        ['存在问题明细行（条）', s.linesWithFindings],
        ['问题数（条）', s.findings],
      ],
    ],
    [
      '供货企业名单',
      [
        ['报送次数（次）', s.samplingLists.sent],
        ['已确认接收（次）', s.samplingLists.acknowledged],
      ],
    ],
    [
      '监督抽查',
      [
        ['企业数（家）', s.supervision.enterprises],
        ['批次数（批）', s.supervision.batches],
        ['发现不合格批次数（批）', s.supervision.failedBatches],
      ],
    ],
  ];
}

function box(cell: ExcelJS.Cell, header = false): void {
  cell.border = BORDER;
  cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  if (header) {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  }
}

export async function statisticsXlsx(s: CampaignStatistics): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '双送检核验';
  const ws = wb.addWorksheet('成果统计表');
  const groups = summaryGroups(s);
  const width = groups.reduce((n, [, cols]) => n + cols.length, 0) + 1;
  ws.columns = Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 22 : 14 }));

  ws.mergeCells(1, 1, 1, width);
  const title = ws.getCell(1, 1);
  title.value = `${s.district.name}学生用品“双送检”及监督抽查工作成果统计表`;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value = `填报单位：${s.district.bureauName}    统计日期：${s.generatedAt.slice(0, 10)}`;

  // Rows 3–4: grouped header; row 5: values.
  ws.mergeCells(3, 1, 4, 1);
  ws.getCell(3, 1).value = '地区';
  box(ws.getCell(3, 1), true);
  let col = 2;
  for (const [group, cols] of groups) {
    ws.mergeCells(3, col, 3, col + cols.length - 1);
    ws.getCell(3, col).value = group;
    box(ws.getCell(3, col), true);
    cols.forEach(([header], i) => {
      ws.getCell(4, col + i).value = header;
      box(ws.getCell(4, col + i), true);
    });
    col += cols.length;
  }
  ws.getRow(4).height = 42;
  ws.getCell(5, 1).value = s.district.name;
  box(ws.getCell(5, 1));
  col = 2;
  for (const [, cols] of groups) {
    for (const [, value] of cols) {
      ws.getCell(5, col).value = value;
      box(ws.getCell(5, col));
      col++;
    }
  }

  let row = 7;
  ws.getCell(row, 1).value = '核验发现问题分类';
  ws.getCell(row, 1).font = { bold: true };
  row++;
  ['问题类型', '代码', '问题数（条）', '涉及明细行（条）', '涉及企业（家）'].forEach((h, i) => {
    ws.getCell(row, i + 1).value = h;
    box(ws.getCell(row, i + 1), true);
  });
  for (const f of s.findingsByCode) {
    row++;
    [f.label, f.code, f.findings, f.lines, f.suppliers].forEach((v, i) => {
      ws.getCell(row, i + 1).value = v;
      box(ws.getCell(row, i + 1));
    });
  }

  row += 2;
  ws.getCell(row, 1).value = '监督抽查不合格项目';
  ws.getCell(row, 1).font = { bold: true };
  row++;
  ['不合格项目', '批次数（批）'].forEach((h, i) => {
    ws.getCell(row, i + 1).value = h;
    box(ws.getCell(row, i + 1), true);
  });
  for (const item of s.supervision.failingItems) {
    row++;
    ws.getCell(row, 1).value = item.item;
    ws.getCell(row, 2).value = item.batches;
    box(ws.getCell(row, 1));
    box(ws.getCell(row, 2));
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}
