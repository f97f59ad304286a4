/**
 * `dsv audit` over the dev corpus's documents themselves, scored against scenario.json:
 * `npm run bench:audit [-- options]` (or `npx tsx bench/audit.bench.ts …`).
 *
 * The corpus's documents (text PDFs, scans and photos: every one as the real file) are copied into a
 * temporary folder with a submissions.json built from scenario.json, the audit runs in-process (the
 * code `dsv audit DIR --json --as-of …` runs), and the bench prints finding recall and precision per
 * code and overall (per contract line: expected codes = scenario.json's with the sourced rule updates of
 * test/helpers/scenario-rule-updates.ts), the lines whose compliant verdict differs, and how the sampling
 * list differs (suppliers, order, reasons).
 *
 *   --corpus DIR            corpus folder with docs/ and scenario.json (default ../shared/corpus/dev)
 *   --as-of YYYY-MM-DD      the audit's date (default 2024-12-31, as test/verify/audit-documents.test.ts)
 *   --ocr-cache             take scans' and photos' OCR from the page cache bench/extract-diff.ts writes
 *                           (DATA_DIR/ocr-cache/paddle/<sha256 of file>.json, or --ocr-cache-dir DIR); a
 *                           file not cached is OCR'd (the cache is not written). Parsing runs as usual.
 *   --save-extractions DIR  write every document's extraction as the audit used it to DIR/<docId>.json
 *   --extractions DIR       hand in DIR/<docId>.json (extraction JSON) instead of the file where present:
 *                           a saved run re-verified in seconds (the documents are not parsed again, so a
 *                           parser change needs --ocr-cache instead)
 *   --quiet                 no per-line differences
 *
 * OCR of the 32 scans and photos takes 6–10 minutes on a busy 2-core machine: run it once with
 * --save-extractions, or use --ocr-cache.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DocumentText, PageText } from '../parsers/types';
import { presentAudit } from '../server/cli/audit-command';
import { createOcrProvider } from '../server/extract/ocr';
import type { OcrProvider } from '../server/extract/ocr-provider';
import { auditFolder } from '../server/use-cases/audit/audit-folder';
import { corpusAuditFolder } from '../test/helpers/corpus-folder';
import { expectedLineFindings, expectedSamplingList } from '../test/helpers/scenario-rule-updates';
import { ocrCacheDir, ocrCacheFile } from './ocr-page-cache';
import { PROJECT_ROOT } from './project-root';

interface Scenario {
  documents: { docId: string; file: string; form: string }[];
  contracts: {
    docId: string;
    contractNumber: string;
    lines: { lineNo: number; reports: string[]; expected: { compliant: boolean; findings: string[] } }[];
  }[];
  samplingList: { supplier: string; reasons: string[] }[];
}

/** OCR pages from the page cache by the file's hash; pages not cached are OCR'd by a real provider. */
class CachedOcr implements OcrProvider {
  private real: OcrProvider | null = null;
  hits = 0;
  misses = 0;
  constructor(private readonly dir: string) {}

  /** each file's cached text, read once (a PDF's pages are asked for one by one) */
  private readonly texts = new Map<Buffer, DocumentText | null>();

  private cached(buf: Buffer, page: number): PageText | null {
    let doc = this.texts.get(buf);
    if (doc === undefined) {
      const file = ocrCacheFile(this.dir, buf);
      doc = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as DocumentText) : null;
      this.texts.set(buf, doc);
    }
    return doc?.pages.find((p) => p.page === page && p.source === 'ocr') ?? null;
  }

  private provider(): OcrProvider {
    this.real ??= createOcrProvider({ workers: 1 });
    return this.real;
  }

  async recognisePdfPage(pdf: Buffer, page: number): Promise<PageText> {
    const hit = this.cached(pdf, page);
    if (hit) this.hits++;
    else this.misses++;
    return hit ?? this.provider().recognisePdfPage(pdf, page);
  }

  async recogniseImage(img: Buffer, page: number): Promise<PageText> {
    const hit = this.cached(img, page);
    if (hit) this.hits++;
    else this.misses++;
    return hit ?? this.provider().recogniseImage(img, page);
  }

  async close(): Promise<void> {
    await this.real?.close();
  }
}

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);

async function main(argv: string[]): Promise<void> {
  const { values: o } = parseArgs({
    args: argv,
    options: {
      corpus: { type: 'string' },
      'as-of': { type: 'string', default: '2024-12-31' },
      'ocr-cache': { type: 'boolean', default: false },
      'ocr-cache-dir': { type: 'string' },
      'save-extractions': { type: 'string' },
      extractions: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const corpus = path.resolve(o.corpus ?? path.join(PROJECT_ROOT, '../shared/corpus/dev'));
  const scenario = JSON.parse(fs.readFileSync(path.join(corpus, 'scenario.json'), 'utf8')) as Scenario;
  const saved = o.extractions;
  const dir = corpusAuditFolder(corpus, (d) => {
    const json = saved && path.join(saved, `${d.docId}.json`);
    return json && fs.existsSync(json) ? json : null;
  });
  const cache = o['ocr-cache'] ? new CachedOcr(o['ocr-cache-dir'] ?? ocrCacheDir('paddle')) : undefined;
  const started = performance.now();
  let run: Awaited<ReturnType<typeof auditFolder>>;
  try {
    run = await auditFolder({ dir, asOf: o['as-of'], ...(cache ? { ocrProvider: cache } : {}) });
  } finally {
    await cache?.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const result = presentAudit(run);

  const docIdOf = (file: string) => path.basename(file).replace(/\.[a-z]+$/i, '');
  if (o['save-extractions']) {
    fs.mkdirSync(o['save-extractions'], { recursive: true });
    for (const d of run.documents) {
      fs.writeFileSync(
        path.join(o['save-extractions'], `${docIdOf(d.file)}.json`),
        JSON.stringify(d.extraction),
      );
    }
  }

  // per contract line: expected vs got codes
  const expected = new Map<string, string[]>();
  const expectedCompliant = new Map<string, boolean>();
  for (const c of scenario.contracts) {
    for (const l of c.lines) {
      const key = `${c.contractNumber}#${l.lineNo}`;
      const codes = expectedLineFindings(c.contractNumber, l.lineNo, l.expected.findings);
      expected.set(key, codes);
      expectedCompliant.set(key, codes.length === 0);
    }
  }
  const got = new Map(
    result.lines.map((l) => [
      `${l.contractNumber}#${l.lineNo}`,
      [...new Set(l.findings.map((f): string => f.code))],
    ]),
  );
  const compliantOf = new Map(result.lines.map((l) => [`${l.contractNumber}#${l.lineNo}`, l.compliant]));
  const perCode = new Map<string, { tp: number; fn: number; fp: number }>();
  const count = (code: string) => {
    const c = perCode.get(code) ?? { tp: 0, fn: 0, fp: 0 };
    perCode.set(code, c);
    return c;
  };
  const lineDiffs: string[] = [];
  for (const key of new Set([...expected.keys(), ...got.keys()])) {
    const want = expected.get(key) ?? [];
    const have = got.get(key) ?? [];
    for (const c of want) {
      if (have.includes(c)) count(c).tp++;
      else count(c).fn++;
    }
    for (const c of have) if (!want.includes(c)) count(c).fp++;
    const missing = want.filter((c) => !have.includes(c));
    const extra = have.filter((c) => !want.includes(c));
    if (missing.length || extra.length || !got.has(key)) {
      lineDiffs.push(
        `  ${key}${got.has(key) ? '' : ' (no line)'}: missing [${missing.join(',')}] extra [${extra.join(',')}]`,
      );
    }
  }

  const out: string[] = [];
  out.push(
    `audit over ${scenario.documents.length} documents (as of ${o['as-of']}) in ${seconds.toFixed(1)} s` +
      (cache ? `; OCR pages from cache ${cache.hits}, OCR'd ${cache.misses}` : '') +
      (run.skipped.length ? `; skipped ${run.skipped.map((s) => `${s.file} (${s.reason})`).join(', ')}` : ''),
  );
  out.push('\nfindings per code            recall            precision');
  let tp = 0;
  let fn = 0;
  let fp = 0;
  for (const [code, c] of [...perCode].sort((a, b) => a[0].localeCompare(b[0]))) {
    tp += c.tp;
    fn += c.fn;
    fp += c.fp;
    out.push(
      `  ${code.padEnd(28)} ${`${c.tp}/${c.tp + c.fn}`.padStart(6)} ${pct(c.tp, c.tp + c.fn).padStart(8)}  ${`${c.tp}/${c.tp + c.fp}`.padStart(6)} ${pct(c.tp, c.tp + c.fp).padStart(8)}`,
    );
  }
  out.push(
    `  ${'overall'.padEnd(28)} ${`${tp}/${tp + fn}`.padStart(6)} ${pct(tp, tp + fn).padStart(8)}  ${`${tp}/${tp + fp}`.padStart(6)} ${pct(tp, tp + fp).padStart(8)}`,
  );
  const exact = [...expected].filter(([k, v]) => {
    const h = got.get(k);
    return h !== undefined && h.length === v.length && v.every((c) => h.includes(c));
  }).length;
  out.push(`  contract lines exact: ${exact}/${expected.size}`);

  const verdictDiffs = [...expectedCompliant]
    .filter(([k, v]) => compliantOf.get(k) !== v)
    .map(
      ([k, v]) =>
        `  ${k}: expected ${v ? 'compliant' : 'non-compliant'}, got ${
          compliantOf.has(k) ? (compliantOf.get(k) ? 'compliant' : 'non-compliant') : 'no line'
        }`,
    );
  out.push(`\ncompliant verdicts differing: ${verdictDiffs.length}/${expectedCompliant.size}`);
  out.push(...verdictDiffs);

  const want = expectedSamplingList(scenario.samplingList);
  const have = result.samplingList;
  out.push(
    `\nsampling list: ${
      JSON.stringify(want.map((e) => e.supplier)) === JSON.stringify(have.map((e) => e.supplier))
        ? 'order exact'
        : 'order differs'
    }`,
  );
  for (const [i, e] of want.entries()) {
    const h = have.find((x) => x.supplier === e.supplier);
    if (!h) {
      out.push(`  missing supplier ${e.supplier} (expected rank ${i + 1})`);
      continue;
    }
    const rank = have.indexOf(h) + 1;
    const missing = e.reasons.filter((r) => !(h.reasons as string[]).includes(r));
    const extra = h.reasons.filter((r: string) => !e.reasons.includes(r));
    if (rank !== i + 1 || missing.length || extra.length) {
      out.push(
        `  ${e.supplier}: rank ${rank} (expected ${i + 1}); reasons missing [${missing.join(',')}] extra [${extra.join(',')}]`,
      );
    }
  }
  for (const h of have) {
    if (!want.some((e) => e.supplier === h.supplier)) {
      out.push(`  extra supplier ${h.supplier} (rank ${h.rank}; ${h.reasons.join(',')})`);
    }
  }

  if (!o.quiet) {
    out.push('\nlines differing from the scenario:');
    out.push(...lineDiffs);
    const decoded = result.nameReadings.map((r) => `  ${docIdOf(r.file)} ${r.reason}: ${r.message}`);
    if (decoded.length) out.push('\nparty names decoded against the folder’s text layers:', ...decoded);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
