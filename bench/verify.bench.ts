/**
 * `npm run bench:verify` — verification engine on a generated district: 300 schools, 60 suppliers,
 * 3,000 contract lines, 12,000 reports. Targets: full recompute < 3 s, incremental update after one
 * document < 100 ms, sampling-list export (rank + XLSX/CSV/JSON via server/sampling) < 2 s. Prints the figures; exits 1 on a miss.
 */
import { performance } from 'node:perf_hooks';
import { generate, SUPPLIERS } from './generated-district';
import {
  assembleResult,
  buildSamplingList,
  indexReport,
  linesAffectedByDocument,
  prepareDistrict,
  verifyDistrict,
  verifyLines,
} from '../server/verify/engine';
import { renderSamplingList } from '../server/sampling/sampling-list.export';
import type { SamplingListSnapshot } from '../server/sampling/sampling-list.types';
import type { EngineReport, LineResult, VerifyDistrictInput } from '../server/verify/types';
import type { SupplierList } from '../server/verify/supplier-list.types';

function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** The engine's list as the snapshot the service exports (server/sampling). */
function toSnapshot(list: SupplierList, input: VerifyDistrictInput): SamplingListSnapshot {
  return {
    schemaVersion: 2,
    district: { id: 'bench', name: input.district.name, bureauName: input.district.bureauName },
    version: null,
    registryVersion: list.registryVersion,
    asOf: input.asOf,
    generatedAt: new Date().toISOString(),
    rules: list.rules,
    entries: list.entries,
  };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const out = await fn();
  return [out, performance.now() - t0];
}

async function main(): Promise<number> {
  const input = generate();
  const lineCount = input.contracts.reduce((n, c) => n + c.lines.length, 0);
  process.stdout.write(
    `district: ${input.schools.length} schools, ${SUPPLIERS} suppliers, ${lineCount} lines, ${input.reports.length} reports\n`,
  );

  verifyDistrict(input); // warm-up (JIT)
  const fullRuns = [1, 2, 3].map(() => time(() => verifyDistrict(input)));
  const full = median(fullRuns.map(([, ms]) => ms));
  const result = fullRuns[0]![0];
  const findings = result.lines.reduce((n, l) => n + l.findings.length, 0);

  // Incremental: one report is corrected (its item now fails), recompute only the affected lines.
  const prepared = prepareDistrict(input);
  let results = verifyLines(prepared);
  const incRuns: number[] = [];
  let affectedCount = 0;
  for (let i = 0; i < 20; i++) {
    const target = input.reports[(i * 997) % input.reports.length]!;
    const changed: EngineReport = {
      ...target,
      extraction: { ...target.extraction, conclusion: i % 2 === 0 ? 'fail' : 'pass' },
    };
    const [, ms] = time(() => {
      indexReport(prepared.ctx.index, changed);
      const affected = linesAffectedByDocument(prepared.ctx.index, changed.id);
      affectedCount = affected.size;
      const updated = verifyLines(prepared, affected);
      results = new Map<string, LineResult>([...results, ...updated]);
      return assembleResult(prepared, results);
    });
    incRuns.push(ms);
  }
  const incremental = median(incRuns);

  // Export: rank the list from the line results, then render it as the service does (XLSX, CSV, JSON).
  const exportOnce = () =>
    timeAsync(async () => {
      const list = buildSamplingList(result.lines, input.registry, prepared.ctx.index.reports, {
        district: input.district,
        asOf: input.asOf,
        contractLines: new Map([...prepared.lines].map(([id, l]) => [id, l.line.line])),
      });
      const snapshot = toSnapshot(list, input);
      const [xlsx, csv, json] = await Promise.all([
        renderSamplingList(snapshot, 'xlsx'),
        renderSamplingList(snapshot, 'csv'),
        renderSamplingList(snapshot, 'json'),
      ]);
      return {
        size: list.entries.length,
        xlsx: xlsx.length,
        csv: csv.length,
        json: json.length,
      };
    });
  await exportOnce(); // warm-up (module load, JIT)
  const exportRuns = [await exportOnce(), await exportOnce(), await exportOnce()];
  const exported = exportRuns[0]![0];
  const exportMs = median(exportRuns.map(([, ms]) => ms));

  const rows = [
    ['full recompute', full, 3000],
    ['incremental (1 document)', incremental, 100],
    ['sampling list export (XLSX+CSV+JSON)', exportMs, 2000],
  ] as const;
  for (const [name, ms, budget] of rows) {
    process.stdout.write(
      `${name.padEnd(34)} ${ms.toFixed(1).padStart(9)} ms  (budget ${budget} ms) ${ms < budget ? 'ok' : 'MISS'}\n`,
    );
  }
  process.stdout.write(
    `findings: ${findings}; suppliers listed: ${exported.size}; lines per incremental update: ${affectedCount}; ` +
      `export ${(exported.xlsx / 1024).toFixed(0)} KiB XLSX, ${(exported.csv / 1024).toFixed(0)} KiB CSV, ` +
      `${(exported.json / 1024).toFixed(0)} KiB JSON\n`,
  );
  return rows.every(([, ms, budget]) => ms < budget) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
