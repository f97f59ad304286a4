/**
 * The 供货企业名单 as files for market supervision: XLSX (two sheets: 名单 and 明细), CSV (UTF-8
 * with BOM so Excel opens it as UTF-8, CRLF line ends) and JSON (the stored snapshot). Headers are
 * the columns an inspector acts on (issue 10 point 7): identity, 住所 and jurisdiction, products,
 * quantities, schools, reports with their labs, failed items with value and limit, 3C, 列入原因.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { toCsv } from '../export/csv';
import { CATEGORIES } from '../vocabulary';
import { REASON_LABELS, RISK_LABELS, reasonLabel } from './labels';
import type { SamplingListEntry, SamplingListSnapshot } from './sampling-list.types';

export type ExportFormat = 'xlsx' | 'csv' | 'json';

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

type Entry = SamplingListEntry;
const join = (xs: readonly (string | null | undefined)[] | undefined) =>
  (xs ?? []).filter(Boolean).join('、');

/** 产品名称（规格型号） 数量单位, per product and unit. */
export function quantityText(e: Entry): string {
  return join(
    (e.quantities ?? []).map(
      (q) => `${q.product}${q.model ? `（${q.model}）` : ''} ${q.quantity}${q.unit ?? ''}`,
    ),
  );
}

/** 报告编号（检验机构）, one per report. */
export function reportText(e: Entry): string {
  if (!e.reports) return e.supervision.报告编号; // snapshots of schema version 1
  return join(e.reports.map((r) => `${r.reportNumber ?? '（无编号）'}${r.lab ? `（${r.lab}）` : ''}`));
}

/** 项目 实测值 / 限值 （报告编号）, one per failed item. */
export function failedItemText(e: Entry): string {
  return (e.failedItems ?? [])
    .map((f) => {
      const value = f.result !== null ? `实测${f.result}${f.unit ?? ''}` : '';
      const limit = f.requirement !== null ? `限值${f.requirement}` : (f.detail ?? '');
      const where = f.reportNumber ? `（报告${f.reportNumber}）` : '';
      return [f.item, value, limit].filter(Boolean).join(' ') + where;
    })
    .join('；');
}

/** Columns of the 名单 sheet and the CSV, in order: what an inspector acts on. */
export const LIST_COLUMNS = [
  { header: '序号', width: 6, value: (e: Entry) => e.rank },
  { header: '风险等级', width: 8, value: (e: Entry) => RISK_LABELS[e.risk] },
  { header: '企业名称', width: 30, value: (e: Entry) => e.supervision.企业名称 },
  { header: '统一社会信用代码', width: 22, value: (e: Entry) => e.supervision.统一社会信用代码 ?? '' },
  { header: '住所/所在地', width: 30, value: (e: Entry) => e.location?.address ?? e.location?.place ?? '' },
  { header: '是否在本辖区', width: 20, value: (e: Entry) => e.location?.label ?? '未知' },
  { header: '管辖市场监管部门', width: 24, value: (e: Entry) => e.location?.jurisdiction ?? '未知' },
  { header: '标称生产企业', width: 30, value: (e: Entry) => join(e.manufacturers) },
  {
    header: '产品类别',
    width: 14,
    value: (e: Entry) => join((e.categories ?? []).map((c) => CATEGORIES[c] ?? c)),
  },
  { header: '产品名称', width: 36, value: (e: Entry) => e.supervision.产品名称 },
  { header: '商标', width: 12, value: (e: Entry) => e.supervision.商标 },
  { header: '规格型号', width: 20, value: (e: Entry) => e.supervision.规格型号 },
  { header: '批号/生产日期', width: 20, value: (e: Entry) => e.supervision['生产日期/批号'] },
  { header: '供货数量', width: 30, value: quantityText },
  { header: '涉及学校', width: 36, value: (e: Entry) => join(e.schools) },
  { header: '检验报告（编号/机构）', width: 40, value: reportText },
  { header: '不合格项目（实测值/限值）', width: 40, value: failedItemText },
  { header: '3C证书编号', width: 20, value: (e: Entry) => join(e.cccNumbers) },
  {
    header: '列入原因',
    width: 40,
    value: (e: Entry) => e.listedBecause ?? e.reasons.map(reasonLabel).join('、'),
  },
  { header: '原因代码', width: 30, value: (e: Entry) => e.reasons.join(' ') },
  { header: '涉及合同', width: 36, value: (e: Entry) => e.contracts.join('、') },
  { header: '监督抽查不合格批次', width: 10, value: (e: Entry) => e.officialSampling?.failedBatches ?? 0 },
] as const;

const DETAIL_COLUMNS = [
  { header: '序号', width: 6 },
  { header: '企业名称', width: 30 },
  { header: '学校（抽样场所）', width: 30 },
  { header: '合同编号', width: 22 },
  { header: '明细行', width: 8 },
  { header: '产品类别', width: 14 },
  { header: '产品名称', width: 36 },
  { header: '规格型号', width: 16 },
  { header: '供货数量', width: 12 },
  { header: '问题', width: 40 },
  { header: '报告编号', width: 30 },
  { header: '生产日期/批号', width: 20 },
] as const;

export function listTitle(s: SamplingListSnapshot): string {
  return `${s.district.name}学生用品供货企业名单${s.version ? `（第${s.version}版）` : '（预览）'}`;
}

/** A file name for downloads, e.g. 供货企业名单-江州市涪溪区-第3版.xlsx */
export function exportFileName(s: SamplingListSnapshot, format: ExportFormat): string {
  return `供货企业名单-${s.district.name}-${s.version ? `第${s.version}版` : '预览'}.${format}`;
}

/** CSV with a UTF-8 BOM (Excel opens it as UTF-8), CRLF line ends and formula cells neutralised. */
export function samplingListCsv(s: SamplingListSnapshot): Buffer {
  return toCsv(
    LIST_COLUMNS.map((c) => c.header),
    s.entries.map((e) => LIST_COLUMNS.map((c) => c.value(e))),
  );
}

export function samplingListJson(s: SamplingListSnapshot): Buffer {
  return Buffer.from(JSON.stringify(s, null, 2), 'utf8');
}

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function styleHeader(row: ExcelJS.Row): void {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.eachCell((c) => {
    c.border = BORDER;
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  });
}

/**
 * XLSX workbook: 名单 (one row per supplier) and 明细 (one row per contract line). Written with the
 * streaming writer (rows are serialised as they are committed), which is several times faster than
 * building the whole workbook model first.
 */
export async function samplingListXlsx(s: SamplingListSnapshot): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  wb.creator = '双送检核验';
  wb.created = new Date(s.generatedAt);
  const ws = wb.addWorksheet('供货企业名单', { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.columns = LIST_COLUMNS.map((c) => ({ width: c.width }));
  const title = ws.getRow(1);
  title.getCell(1).value = listTitle(s);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  ws.mergeCells(1, 1, 1, LIST_COLUMNS.length);
  title.commit();
  ws.getRow(2).getCell(1).value =
    `报送单位：${s.district.bureauName}    生成日期：${s.generatedAt.slice(0, 10)}    规则版本：${s.registryVersion}    ` +
    `排序：供货方问题（最重权重 → 权重合计）在前，学校端缺口（未送检等）在后，再按企业名称；` +
    `监督抽查不合格每批次按权重 ${s.rules.samplingFailureWeight} 计入；未发现问题的供货企业依通知要求列于末尾`;
  ws.mergeCells(2, 1, 2, LIST_COLUMNS.length);
  ws.getRow(2).commit();
  const header = ws.addRow(LIST_COLUMNS.map((c) => c.header));
  styleHeader(header);
  header.commit();
  for (const e of s.entries) {
    const row = ws.addRow(LIST_COLUMNS.map((c) => c.value(e)));
    row.alignment = { vertical: 'top', wrapText: true };
    row.eachCell((c) => (c.border = BORDER));
    row.commit();
  }
  ws.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: LIST_COLUMNS.length } };
  ws.commit();

  const ds = wb.addWorksheet('明细', { views: [{ state: 'frozen', ySplit: 1 }] });
  ds.columns = DETAIL_COLUMNS.map((c) => ({ width: c.width }));
  const dh = ds.addRow(DETAIL_COLUMNS.map((c) => c.header));
  styleHeader(dh);
  dh.commit();
  for (const e of s.entries) {
    for (const l of e.lines) {
      ds.addRow([
        e.rank,
        e.supplier,
        l.school,
        l.contractNumber,
        l.lineNo,
        l.category ? (CATEGORIES[l.category] ?? l.category) : '',
        l.product,
        l.model ?? '',
        l.quantity !== null && l.quantity !== undefined ? `${l.quantity}${l.unit ?? ''}` : '',
        l.findings.map((c) => (REASON_LABELS as Record<string, string>)[c] ?? c).join('、') || '未发现问题',
        l.reportNumbers.join('、'),
        l.batches.join('、'),
      ]).commit();
    }
  }
  ds.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

export async function renderSamplingList(s: SamplingListSnapshot, format: ExportFormat): Promise<Buffer> {
  switch (format) {
    case 'xlsx':
      return samplingListXlsx(s);
    case 'csv':
      return samplingListCsv(s);
    case 'json':
      return samplingListJson(s);
  }
}
