/**
 * `dsv audit DIR [--as-of YYYY-MM-DD] [--json]` — verifies a folder (shared/spec/extraction.md,
 * "Audit output"). Exit codes: 0 done (findings or not), 1 failure, 2 usage error.
 */
import fs from 'node:fs';
import { auditFolder, type AuditRun } from '../use-cases/audit/audit-folder';

const USAGE = '用法 / usage: dsv audit DIR [--as-of YYYY-MM-DD] [--json] [--no-ocr]';

interface AuditArgs {
  dir: string;
  asOf: string;
  json: boolean;
  ocr: boolean;
}

function parseArgs(args: string[]): AuditArgs | string {
  let dir: string | undefined;
  let asOf = new Date().toISOString().slice(0, 10);
  let json = false;
  let ocr = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--no-ocr') ocr = false;
    else if (a === '--as-of' || a.startsWith('--as-of=')) {
      const v = a.includes('=') ? a.slice('--as-of='.length) : args[++i];
      if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) {
        return `--as-of 需要 YYYY-MM-DD 格式的日期`;
      }
      asOf = v;
    } else if (a.startsWith('-')) return `未知选项：${a}`;
    else if (dir === undefined) dir = a;
    else return `多余的参数：${a}`;
  }
  if (!dir) return '缺少文件夹参数 DIR';
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) return `不是文件夹：${dir}`;
  return { dir, asOf, json, ocr };
}

/** The audit JSON (version 1): the spec's fields, plus evidence text, matching and skipped files. */
export function presentAudit(run: AuditRun) {
  const { result } = run;
  return {
    version: 1,
    asOf: result.asOf,
    registryVersion: result.registryVersion,
    district: { name: run.district.name, bureau: run.district.bureauName },
    lines: result.lines.map((l) => ({
      contractNumber: l.contractNumber,
      contractFile: l.contractFile,
      lineNo: l.lineNo,
      purchaser: l.purchaser,
      supplier: l.supplier,
      product: l.product,
      model: l.model,
      category: l.category,
      compliant: l.compliant,
      ...(l.reviews && l.reviews.length > 0 ? { review: l.reviews } : {}),
      findings: l.findings.map((f) => ({
        code: f.code,
        severity: f.severity,
        message: f.message,
        evidence: f.evidence.map((e) => ({
          file: e.file,
          page: e.page,
          ...(e.item !== undefined ? { item: e.item } : {}),
          text: e.text,
          ...(e.confirmClient ? { confirmClient: e.confirmClient } : {}),
        })),
      })),
      reports: l.reports.map((r) => ({
        file: r.file,
        reportNumber: r.reportNumber,
        side: r.side,
        sideReason: r.sideReason,
        guessed: r.guessed,
      })),
    })),
    samplingList: result.samplingList.map((e) => ({
      supplier: e.supplier,
      uscc: e.uscc,
      rank: e.rank,
      risk: e.risk,
      maxWeight: e.maxWeight,
      score: e.score,
      reasons: e.reasons,
      schools: e.schools,
      contracts: e.contracts,
      lines: e.lines.map((l) => ({
        contractNumber: l.contractNumber,
        lineNo: l.lineNo,
        school: l.school,
        findings: l.findings,
        product: l.product,
        category: l.category,
        model: l.model,
        quantity: l.quantity,
        unit: l.unit,
        reportNumbers: l.reportNumbers,
        batches: l.batches,
      })),
      supervision: e.supervision,
      // the columns an inspector acts on (issue 10 point 7); added keys, the spec's are unchanged
      listedBecause: e.listedBecause,
      supplierSide: e.supplierSide,
      schoolSide: e.schoolSide,
      location: e.location,
      manufacturers: e.manufacturers,
      categories: e.categories,
      products: e.products,
      trademarks: e.trademarks,
      models: e.models,
      batches: e.batches,
      quantities: e.quantities,
      reports: e.reports,
      failedItems: e.failedItems,
      cccNumbers: e.cccNumbers,
    })),
    matching: { mode: run.mode, guessed: run.guessed, unmatched: run.unmatched },
    skipped: run.skipped,
    // party names OCR read that were decoded against the names the folder's text layers print (or are
    // near several of them): what was read and what it was taken for, to check against the original
    nameReadings: nameReadings(run),
  };
}

function nameReadings(run: AuditRun): { file: string; path: string; reason: string; message: string }[] {
  return run.documents.flatMap((d) =>
    (d.extraction.review ?? [])
      .filter((f) => f.reason === 'name_decoded' || f.reason === 'name_ambiguous')
      .map((f) => ({ file: d.file, path: f.path, reason: f.reason, message: f.message })),
  );
}

function printSummary(run: AuditRun, out: NodeJS.WritableStream): void {
  const { result } = run;
  const bad = result.lines.filter((l) => !l.compliant);
  out.write(
    `区县：${run.district.name}（${run.district.bureauName}）  核验日期：${result.asOf}  规则版本：${result.registryVersion}\n`,
  );
  out.write(`合同明细 ${result.lines.length} 行，其中 ${bad.length} 行存在问题。\n`);
  for (const l of bad) {
    out.write(
      `\n${l.contractNumber ?? l.contractFile} 第${l.lineNo}行 ${l.purchaser} / ${l.supplier} / ${l.product}\n`,
    );
    for (const f of l.findings) out.write(`  [${f.severity}] ${f.code} ${f.message}\n`);
  }
  out.write('\n供货企业名单（供货方问题在前，学校端缺口在后，未发现问题的企业列于末尾）：\n');
  for (const e of result.samplingList) {
    out.write(`  ${e.rank}. ${e.supplier}（${e.risk}）${e.listedBecause}  ${e.location.label}\n`);
  }
  if (run.mode === 'guessed') {
    out.write(`\n未提供 submissions.json：${run.guessed.length} 处报告与合同明细的对应是推测的。\n`);
  }
  const readings = nameReadings(run);
  if (readings.length > 0) {
    out.write('\n以下名称由 OCR 识别，已对照文件夹内文字版文件所载名称处理，请核对原件：\n');
    for (const r of readings) out.write(`  ${r.file}：${r.message}\n`);
  }
  for (const s of run.skipped) out.write(`跳过 ${s.file}：${s.reason}\n`);
}

export async function runAuditCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`${parsed}\n${USAGE}\n`);
    return 2;
  }
  let run: AuditRun;
  try {
    run = await auditFolder({ dir: parsed.dir, asOf: parsed.asOf, ocr: parsed.ocr });
  } catch (e) {
    process.stderr.write(`核验失败：${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  if (parsed.json) process.stdout.write(`${JSON.stringify(presentAudit(run), null, 2)}\n`);
  else printSummary(run, process.stdout);
  for (const s of run.skipped) if (parsed.json) process.stderr.write(`跳过 ${s.file}：${s.reason}\n`);
  return 0;
}
