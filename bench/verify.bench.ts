/**
 * `npm run bench:verify` — verification engine on a generated district: 300 schools, 60 suppliers,
 * 3,000 contract lines, 12,000 reports. Targets: full recompute < 3 s, incremental update after one
 * document < 100 ms, sampling-list export (rank + XLSX/CSV/JSON via server/sampling) < 2 s. Prints the figures; exits 1 on a miss.
 */
import { performance } from 'node:perf_hooks';
import type { ContractExtraction, ReportItem, TestReportExtraction } from '../parsers/types';
import {
  assembleResult,
  buildSamplingList,
  indexReport,
  linesAffectedByDocument,
  prepareDistrict,
  verifyDistrict,
  verifyLines,
} from '../server/verify/engine';
import { resolvePolicy } from '../server/verify/policy';
import { reasonLabel } from '../server/sampling/labels';
import { renderSamplingList } from '../server/sampling/sampling-list.export';
import type { SamplingListSnapshot } from '../server/sampling/sampling-list.types';
import { registryForDate } from '../server/verify/registry/registry';
import { usccCheckChar } from '../parsers/uscc';
import type {
  EngineContract,
  EngineReport,
  EngineSchool,
  LineResult,
  SamplingEntry,
  VerifyDistrictInput,
} from '../server/verify/types';

const SCHOOLS = 300;
const SUPPLIERS = 60;
const LINES = 3000;
const LINES_PER_CONTRACT = 5;
const REPORTS_PER_LINE = 4;
const BUREAU = '基准市基准区教育局';

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function items(random: () => number): ReportItem[] {
  const pass = (
    name: string,
    requirement: string,
    result: string,
    unit: string | null = null,
  ): ReportItem => ({
    name,
    unit,
    requirement,
    result,
    verdict: 'pass',
  });
  const hcho = random() < 0.02 ? '120' : '未检出(<20)'; // 2 % fail the limit while printed 合格
  return [
    pass('纤维含量', '棉 60% 聚酯纤维 40%', '棉 60.1 聚酯纤维 39.9', '%'),
    pass('甲醛含量', '≤75', hcho, 'mg/kg'),
    pass('pH值', '4.0～8.5', (5 + random() * 3).toFixed(1)),
    pass('可分解致癌芳香胺染料', '禁用', '未检出', 'mg/kg'),
    pass('异味', '无', '无'),
    pass('耐水色牢度 变色', '≥3-4', '4-5', '级'),
    pass('耐汗渍色牢度 沾色', '≥3-4', '4', '级'),
    pass('耐干摩擦色牢度', '≥3-4', '4', '级'),
    ...(random() < 0.03 ? [] : [pass('燃烧性能', '1级', '1级', '级')]),
    { ...pass('绳带要求', '符合GB 31701-2015中5.2要求', '无绳带'), verdict: 'n/a' },
    pass('附件抗拉强力', '≥70', '≥70，未脱落', 'N'),
  ];
}

function generate(): VerifyDistrictInput {
  const random = rng(42);
  const schools: EngineSchool[] = Array.from({ length: SCHOOLS }, (_, i) => ({
    name: `基准区第${i + 1}${i % 3 === 0 ? '初级中学' : '小学'}`,
    kind: i % 3 === 0 ? 'junior' : 'primary',
  }));
  const suppliers = Array.from({ length: SUPPLIERS }, (_, i) => {
    const first17 = `91110108MA${String(i).padStart(7, '0')}`;
    const check = usccCheckChar(first17) ?? '0';
    // every 17th supplier prints a wrong check character (INVALID_USCC)
    return {
      name: `基准${i + 1}号服饰有限公司`,
      uscc: `${first17}${i % 17 === 0 ? (check === '0' ? '1' : '0') : check}`,
    };
  });
  const contracts: EngineContract[] = [];
  const reports: EngineReport[] = [];
  let reportNo = 0;
  const makeReport = (client: string, maker: string, model: string, issued: string): EngineReport => {
    reportNo++;
    const number = random() < 0.005 ? 'DUP-0001' : `BR${String(reportNo).padStart(6, '0')}`;
    const extraction: TestReportExtraction = {
      kind: 'test_report',
      reportNumber: number,
      lab: { name: '基准检验院', cmaNumber: random() < 0.01 ? null : '170022342981', cnasNumber: null },
      sample: { name: '中小学生校服', model, trademark: '基准', batch: null, safetyClass: 'B' },
      client,
      manufacturer: maker,
      inspectionType: 'commissioned',
      dates: { received: issued, tested: issued, issued },
      standards: ['GB/T 31888-2015', 'GB 18401-2010', 'GB 31701-2015'],
      items: items(random),
      conclusion: 'pass',
      pages: 2,
    };
    const r = { id: `doc-${reportNo}`, file: `docs/doc-${reportNo}.pdf`, extraction };
    reports.push(r);
    return r;
  };
  for (let c = 0; c < LINES / LINES_PER_CONTRACT; c++) {
    const school = schools[c % SCHOOLS]!;
    const supplier = suppliers[Math.floor(random() * SUPPLIERS)]!;
    const extraction: ContractExtraction = {
      kind: 'contract',
      contractNumber: `BJ2024-${String(c + 1).padStart(4, '0')}`,
      purchaser: { name: school.name },
      supplier: { name: supplier.name, uscc: supplier.uscc },
      signedDate: '2024-04-01',
      deliveryDate: '2024-06-01',
      lines: [],
      totalAmount: null,
      standards: ['GB/T 31888-2015'],
    };
    const contract: EngineContract = {
      id: `contract-${c}`,
      file: `docs/contract-${c}.pdf`,
      extraction,
      lines: [],
    };
    for (let l = 0; l < LINES_PER_CONTRACT; l++) {
      const model = `M${c}-${l}`;
      const line = {
        product: '夏季校服',
        category: 'school_uniform' as const,
        model,
        quantity: 100,
        unit: '套',
        unitPrice: 100,
        amount: 10000,
      };
      extraction.lines.push(line);
      const ids = [
        makeReport(supplier.name, supplier.name, model, '2024-03-01').id,
        makeReport(supplier.name, supplier.name, model, '2024-05-01').id,
        makeReport(random() < 0.02 ? '某代工厂' : school.name, supplier.name, model, '2024-06-15').id,
        makeReport(BUREAU, supplier.name, model, '2024-07-01').id,
      ].slice(0, REPORTS_PER_LINE);
      contract.lines.push({ id: `line-${c}-${l}`, lineNo: l + 1, line, reportIds: ids });
    }
    contracts.push(contract);
  }
  const registry = registryForDate('2026-11-28');
  return {
    district: { name: '基准区', bureauName: BUREAU },
    schools,
    contracts,
    reports,
    registry,
    policy: resolvePolicy({}, registry),
    asOf: '2026-11-28',
  };
}

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
function toSnapshot(
  list: SamplingEntry[],
  input: VerifyDistrictInput,
  lines: LineResult[],
): SamplingListSnapshot {
  const byContractLine = new Map(lines.map((l) => [`${l.contractNumber ?? l.contractFile}#${l.lineNo}`, l]));
  return {
    schemaVersion: 1,
    district: { id: 'bench', name: input.district.name, bureauName: input.district.bureauName },
    version: null,
    registryVersion: input.registry.version,
    asOf: input.asOf,
    generatedAt: new Date().toISOString(),
    rules: { samplingFailureWeight: 100, samplingLookBackYears: 3 },
    entries: list.map((e) => ({
      rank: e.rank,
      supplierId: null,
      supplier: e.supplier,
      uscc: e.uscc,
      risk: e.risk,
      maxWeight: e.maxWeight,
      score: e.score,
      reasons: e.reasons,
      reasonDetails: e.reasons.map((code) => ({
        code,
        label: reasonLabel(code),
        weight: input.registry.weights[code]?.weight ?? 0,
        count: e.lines.filter((l) => l.findings.includes(code)).length,
      })),
      schools: e.schools,
      contracts: e.contracts,
      lines: e.lines.map((l) => {
        const line = byContractLine.get(`${l.contractNumber}#${l.lineNo}`);
        return {
          lineId: line?.lineId ?? '',
          school: l.school,
          contractNumber: l.contractNumber,
          lineNo: l.lineNo,
          product: line?.product ?? '',
          model: line?.model ?? null,
          findings: l.findings,
          reportNumbers: line?.reports.map((r) => r.reportNumber ?? '').filter(Boolean) ?? [],
          batches: [],
        };
      }),
      officialSampling: null,
      supervision: e.supervision,
    })),
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
      const list = buildSamplingList(result.lines, input.registry, prepared.ctx.index.reports);
      const snapshot = toSnapshot(list, input, result.lines);
      const [xlsx, csv, json] = await Promise.all([
        renderSamplingList(snapshot, 'xlsx'),
        renderSamplingList(snapshot, 'csv'),
        renderSamplingList(snapshot, 'json'),
      ]);
      return {
        size: list.length,
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
