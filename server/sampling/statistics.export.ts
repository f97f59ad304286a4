/**
 * The 成果统计表 as XLSX. Sheet 「成果统计表」 keeps the attachment's layout (statistics.layout.ts): a
 * title, 填报单位 and 统计期间, then a two-row header — 填报单位 spanning both rows, each group's name
 * merged across its sub-columns above their headers — and the district's row of values. Sheet
 * 「双送检核验情况」 holds what the verification data adds (schools, contracts, dual coverage, findings
 * by code, failing items of official sampling).
 */
import ExcelJS from 'exceljs';
import type { CampaignStatistics, SamplingBlock } from './statistics.types';
import { periodText } from './campaign-period';

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFD9E1F2' } };
/** Cells counted by the service from recorded results are shaded, so a reader tells them from typed ones. */
const COUNTED_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFF2F2F2' } };

export const STATISTICS_SHEET = '成果统计表';
export const VERIFICATION_SHEET = '双送检核验情况';
/** The attachment's title. */
export const STATISTICS_TITLE = '儿童和学生用品安全守护行动成果统计表';
/** First rows of the table on the 成果统计表 sheet (1-based). */
export const STATISTICS_ROWS = { title: 1, unit: 2, groups: 3, columns: 4, values: 5 } as const;

function box(cell: ExcelJS.Cell, header = false): void {
  cell.border = BORDER;
  cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  if (header) {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
  }
}

function campaignSheet(wb: ExcelJS.Workbook, s: CampaignStatistics): void {
  const ws = wb.addWorksheet(STATISTICS_SHEET, {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const { campaign } = s;
  const R = STATISTICS_ROWS;
  const width = 1 + campaign.groups.reduce((n, g) => n + g.columns.length, 0);
  ws.columns = Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 26 : 11 }));

  ws.mergeCells(R.title, 1, R.title, width);
  const title = ws.getCell(R.title, 1);
  title.value = STATISTICS_TITLE;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(R.title).height = 30;

  const half = Math.ceil(width / 2);
  ws.mergeCells(R.unit, 1, R.unit, half);
  ws.getCell(R.unit, 1).value = `填报单位：${campaign.reportingUnit}`;
  ws.mergeCells(R.unit, half + 1, R.unit, width);
  const when = ws.getCell(R.unit, half + 1);
  when.value = `统计期间：${periodText(campaign.period)}`;
  when.alignment = { horizontal: 'right' };

  ws.mergeCells(R.groups, 1, R.columns, 1);
  ws.getCell(R.groups, 1).value = '填报单位';
  box(ws.getCell(R.groups, 1), true);
  let col = 2;
  for (const g of campaign.groups) {
    if (g.columns.length > 1) ws.mergeCells(R.groups, col, R.groups, col + g.columns.length - 1);
    ws.getCell(R.groups, col).value = g.title;
    for (let i = 0; i < g.columns.length; i++) box(ws.getCell(R.groups, col + i), true);
    g.columns.forEach((c, i) => {
      const head = ws.getCell(R.columns, col + i);
      head.value = c.header;
      box(head, true);
      const cell = ws.getCell(R.values, col + i);
      cell.value = c.value;
      box(cell);
      if (c.unit === 'pct') cell.numFmt = '0.0';
      if (c.unit === 'amount') cell.numFmt = '0.0000';
      if (g.filledBy === 'results') cell.fill = COUNTED_FILL;
    });
    col += g.columns.length;
  }
  ws.getRow(R.columns).height = 60;
  ws.getCell(R.values, 1).value = campaign.reportingUnit;
  box(ws.getCell(R.values, 1));
  ws.getRow(R.values).height = 24;

  const notes = [
    '说明：',
    '1. 监督抽查、风险监测两组由系统根据市场监管部门录入的抽查结果统计（按抽样日期计入统计期间，未填抽样日期的按录入日期），底色为灰色；其余各组由市场监管部门填报。',
    '2. 不合格发现率、问题发现率 = 不合格（发现问题）批次 ÷ 抽查（监测）批次 × 100%；无抽查批次时不计算。罚没金额单位为万元。',
    campaign.savedAt
      ? `3. 填报人：${campaign.savedBy ?? '—'}；最近保存：${campaign.savedAt.slice(0, 10)}。`
      : '3. 本统计期间尚无填报数据。',
  ];
  notes.forEach((text, i) => {
    const row = R.values + 2 + i;
    ws.mergeCells(row, 1, row, width);
    const cell = ws.getCell(row, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (i === 0) cell.font = { bold: true };
  });
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: R.columns }];
}

/** Grouped columns of the verification summary: [group, [column header, value]]. */
function verificationGroups(s: CampaignStatistics): [string, [string, number][]][] {
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
  ];
}

function verificationSheet(wb: ExcelJS.Workbook, s: CampaignStatistics): void {
  const ws = wb.addWorksheet(VERIFICATION_SHEET);
  const groups = verificationGroups(s);
  const width = groups.reduce((n, [, cols]) => n + cols.length, 0) + 1;
  ws.columns = Array.from({ length: width }, (_, i) => ({ width: i === 0 ? 22 : 14 }));

  ws.mergeCells(1, 1, 1, width);
  const title = ws.getCell(1, 1);
  title.value = `${s.district.name}学生用品“双送检”核验情况`;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, width);
  ws.getCell(2, 1).value =
    `教育行政部门：${s.district.bureauName}    统计日期：${s.generatedAt.slice(0, 10)}`;

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

  const items = (heading: string, block: SamplingBlock) => {
    row += 2;
    ws.getCell(row, 1).value = heading;
    ws.getCell(row, 1).font = { bold: true };
    row++;
    ['不合格项目', '批次数（批）'].forEach((h, i) => {
      ws.getCell(row, i + 1).value = h;
      box(ws.getCell(row, i + 1), true);
    });
    for (const item of block.failingItems) {
      row++;
      ws.getCell(row, 1).value = item.item;
      ws.getCell(row, 2).value = item.batches;
      box(ws.getCell(row, 1));
      box(ws.getCell(row, 2));
    }
  };
  items('监督抽查不合格项目（统计期间内）', s.supervision);
  items('风险监测发现问题项目（统计期间内）', s.riskMonitoring);
}

export async function statisticsXlsx(s: CampaignStatistics): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '双送检核验';
  campaignSheet(wb, s);
  verificationSheet(wb, s);
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out);
}
