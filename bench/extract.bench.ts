/**
 * Extraction benchmark on the dev corpus: `npm run bench:extract [-- options]`.
 *
 *   --engines tesseract,paddle   OCR engines to measure (default both; the first is the speed reference)
 *   --corpus DIR                 corpus folder holding docs/ and truth/ (default ../shared/corpus/dev)
 *   --native-pages N             pages timed against native tesseract (default 8; 0 skips)
 *   --skip-score                 skip the end-to-end scoring through `dsv extract`
 *   --only doc-002,doc-008       restrict to these documents (a quick run)
 *
 * For each engine it prints:
 *  1. raw OCR quality of every scanned/photo page: share of the truth's key strings (numbers, names,
 *     models, standards, item names/requirements/results) found in the OCR text, and how many ≤/≥ kept;
 *  2. speed: seconds per page (render + prepare + OCR), pages per minute with OCR_WORKERS in parallel,
 *     and the peak RSS of the whole process tree (this process, its worker threads and children);
 *  3. native Tesseract (`tesseract` CLI, OMP_THREAD_LIMIT=1, psm 3, chi_sim) on the same prepared
 *     pages, interleaved page by page with one tesseract.js worker: the speed ratio of the same run;
 *  4. end-to-end accuracy per field and per form from shared/tools/score-extraction.mjs;
 *  5. the same extractions scored per layout (and form), with item verdicts wrong and not flagged.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { config } from '../server/config';
import { prepareImage } from '../server/extract/image-prep';
import { createOcrEngine, type OcrEngine, type OcrEngineName } from '../server/extract/ocr';
import { TesseractEngine } from '../server/extract/ocr/tesseract-engine';
import { countPdfPages } from '../server/extract/pdf-sandbox';
import { renderPdfPage } from '../server/extract/render-pdf';
import { printPerLayout } from './per-layout';
import { treePids, treeRss } from './process-tree';
import { PROJECT_ROOT } from './project-root';

const ROOT = PROJECT_ROOT;

interface Args {
  engines: OcrEngineName[];
  corpus: string;
  nativePages: number;
  skipScore: boolean;
  only: string[] | null;
}

function parseArgs(argv: string[]): Args {
  const opt = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const engines = (opt('--engines') ?? 'tesseract,paddle')
    .split(',')
    .filter((e): e is OcrEngineName => e === 'tesseract' || e === 'paddle');
  return {
    engines,
    corpus: path.resolve(opt('--corpus') ?? path.join(ROOT, '../shared/corpus/dev')),
    nativePages: Number(opt('--native-pages') ?? 8),
    skipScore: argv.includes('--skip-score'),
    only: opt('--only')?.split(',') ?? null,
  };
}

/** Same normalisation as the scoring tool: NFKC, unified dashes and tildes, no spaces, lower case. */
function normalise(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[～〜]/g, '~')
    .replace(/\s+/g, '')
    .toLowerCase();
}

interface Truth {
  file: string;
  form: string;
  kind: string;
  [k: string]: unknown;
}

interface OcrDoc {
  id: string;
  form: string;
  file: string;
  truth: Truth;
  pages: number;
}

/** Strings a reader must get right: identifiers, names, standards, item cells. */
function keyStrings(t: Truth): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.trim().length >= 2) out.push(v);
  };
  const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  [t.reportNumber, t.contractNumber, t.client, t.manufacturer].forEach(add);
  [obj(t.lab).name, obj(t.lab).cmaNumber, obj(t.sample).name, obj(t.sample).model].forEach(add);
  [obj(t.purchaser).name, obj(t.supplier).name, obj(t.supplier).uscc].forEach(add);
  for (const s of (t.standards as string[] | undefined) ?? []) add(s);
  for (const item of (t.items as Array<Record<string, unknown>> | undefined) ?? []) {
    // Merged-cell names are "parent sub": the parts are printed apart, so look for each.
    if (typeof item.name === 'string') item.name.split(' ').forEach(add);
    add(item.requirement);
    add(item.result);
  }
  for (const line of (t.lines as Array<Record<string, unknown>> | undefined) ?? []) add(line.model);
  return out;
}

/** CPU seconds (user + system) used so far by one process. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ 100)
  } catch {
    return 0;
  }
}

/**
 * Samples a process tree every 250 ms: peak RSS, and CPU seconds of every process seen (the last value
 * read before a child exits; children ending between samples lose < 250 ms each).
 */
function treeSampler(pid: number): { stop(): { peakRss: number; cpu: number } } {
  let peak = 0;
  const cpu = new Map<number, number>();
  const start = new Map(treePids(pid).map((p) => [p, cpuSeconds(p)]));
  const sample = () => {
    peak = Math.max(peak, treeRss(pid));
    for (const p of treePids(pid)) cpu.set(p, Math.max(cpu.get(p) ?? 0, cpuSeconds(p)));
  };
  sample();
  const timer = setInterval(sample, 250);
  return {
    stop() {
      clearInterval(timer);
      sample();
      let total = 0;
      for (const [p, c] of cpu) total += c - (start.get(p) ?? 0);
      return { peakRss: peak, cpu: total };
    },
  };
}

const mb = (b: number) => `${Math.round(b / 1024 ** 2)} MB`;
const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');

function loadOcrDocs(corpus: string): OcrDoc[] {
  const truthDir = path.join(corpus, 'truth');
  return readdirSync(truthDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const truth = JSON.parse(readFileSync(path.join(truthDir, f), 'utf8')) as Truth;
      return {
        id: path.basename(f, '.json'),
        form: truth.form,
        file: path.join(corpus, truth.file),
        truth,
        pages: 1,
      };
    })
    .filter((d) => d.form === 'scanned_pdf' || d.form === 'photo');
}

async function countPages(file: string): Promise<number> {
  if (!file.endsWith('.pdf')) return 1;
  return countPdfPages(readFileSync(file));
}

interface PreparedPage {
  doc: OcrDoc;
  page: number;
  png: Buffer;
  prepSeconds: number;
  /** CPU seconds of render + prepare (this process, all threads) */
  prepCpu: number;
}

async function preparePages(docs: OcrDoc[]): Promise<PreparedPage[]> {
  const pages: PreparedPage[] = [];
  for (const doc of docs) {
    const buf = readFileSync(doc.file);
    doc.pages = await countPages(doc.file);
    for (let page = 1; page <= doc.pages; page++) {
      const t = performance.now();
      const c = process.cpuUsage();
      const png = doc.file.endsWith('.pdf')
        ? await renderPdfPage(buf, page).then((r) => prepareImage(r.png, { dpi: r.dpi }))
        : await prepareImage(buf);
      const used = process.cpuUsage(c);
      pages.push({
        doc,
        page,
        png: png.png,
        prepSeconds: (performance.now() - t) / 1000,
        prepCpu: (used.user + used.system) / 1e6,
      });
    }
  }
  return pages;
}

interface EngineRun {
  engine: OcrEngineName;
  wallSeconds: number;
  ocrSecondsPerPage: number;
  /** CPU seconds (whole process tree) per page, OCR plus render and prepare: load-independent. */
  cpuSecondsPerPage: number;
  pagesPerMinute: number;
  peakRss: number;
  texts: Map<string, string>;
}

/** All pages through one engine, OCR_WORKERS pages at a time, as the service would run a batch. */
async function runEngine(name: OcrEngineName, pages: PreparedPage[], workers: number): Promise<EngineRun> {
  const engine: OcrEngine = createOcrEngine({ engine: name, workers });
  const sampler = treeSampler(process.pid);
  const texts = new Map<string, string>();
  const perPage: number[] = [];
  const started = performance.now();
  let next = 0;
  const lanes = workers;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < pages.length) {
        const p = pages[next++];
        if (!p) break;
        const t = performance.now();
        const result = await engine.recognise(p.png, p.page);
        perPage.push((performance.now() - t) / 1000);
        const text = result.lines.map((l) => l.text).join('\n');
        texts.set(p.doc.id, `${texts.get(p.doc.id) ?? ''}\n${text}`);
      }
    }),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const { peakRss, cpu } = sampler.stop();
  await engine.close();
  const prep = pages.reduce((s, p) => s + p.prepSeconds, 0);
  return {
    engine: name,
    wallSeconds,
    ocrSecondsPerPage: (perPage.reduce((a, b) => a + b, 0) + prep) / pages.length,
    cpuSecondsPerPage: (cpu + pages.reduce((s, p) => s + p.prepCpu, 0)) / pages.length,
    pagesPerMinute: (60 * pages.length) / (wallSeconds + prep / lanes),
    peakRss,
    texts,
  };
}

function reportQuality(run: EngineRun, docs: OcrDoc[]): void {
  const byForm = new Map<string, { hit: number; total: number; geHit: number; geTotal: number }>();
  for (const doc of docs) {
    const text = normalise(run.texts.get(doc.id) ?? '');
    const acc = byForm.get(doc.form) ?? { hit: 0, total: 0, geHit: 0, geTotal: 0 };
    for (const key of keyStrings(doc.truth)) {
      const k = normalise(key);
      acc.total++;
      if (text.includes(k)) acc.hit++;
      if (/[≤≥]/.test(k)) {
        acc.geTotal++;
        if (text.includes(k)) acc.geHit++;
      }
    }
    byForm.set(doc.form, acc);
  }
  for (const [form, a] of byForm) {
    console.log(
      `  ${run.engine.padEnd(9)} ${form.padEnd(11)} key strings found ${pct(a.hit, a.total).padStart(7)} (${a.hit}/${a.total}), ≤/≥ requirements kept ${pct(a.geHit, a.geTotal)}`,
    );
  }
}

function nativeTesseractAvailable(): boolean {
  const has = () =>
    spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout?.includes('chi_sim');
  if (has()) return true;
  if (process.getuid?.() === 0) {
    console.log('native tesseract missing: apt-get install -y tesseract-ocr tesseract-ocr-chi-sim …');
    spawnSync(
      'sh',
      ['-c', 'apt-get update -qq && apt-get install -y -qq tesseract-ocr tesseract-ocr-chi-sim'],
      {
        stdio: 'inherit',
      },
    );
    if (has()) return true;
  }
  console.log(
    'native tesseract (with chi_sim) is not installed; run: apt-get install -y tesseract-ocr tesseract-ocr-chi-sim',
  );
  return false;
}

/** Interleaves one tesseract.js worker and the native CLI page by page so machine load hits both alike. */
async function compareWithNative(pages: PreparedPage[]): Promise<void> {
  const engine = new TesseractEngine({ workers: 1, pagesPerWorker: 1000 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dsv-bench-'));
  try {
    const first = pages[0];
    if (first) await engine.recognise(first.png, 1); // worker start-up is not part of the page time
    let js = 0;
    let native = 0;
    let jsCpu = 0;
    let nativeCpu = 0;
    for (const [i, p] of pages.entries()) {
      const file = path.join(dir, `p${i}.png`);
      writeFileSync(file, p.png);
      let t = performance.now();
      const c = process.cpuUsage();
      await engine.recognise(p.png, p.page);
      const used = process.cpuUsage(c);
      jsCpu += (used.user + used.system) / 1e6;
      js += performance.now() - t;
      t = performance.now();
      // GNU time reports the child's CPU seconds on stderr ("user system").
      const run = spawnSync(
        '/usr/bin/time',
        ['-f', '%U %S', 'tesseract', file, 'stdout', '-l', 'chi_sim', '--psm', '3', '--dpi', '200'],
        { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, encoding: 'utf8' },
      );
      native += performance.now() - t;
      const [u, sys] = (run.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
      nativeCpu += (u ?? 0) + (sys ?? 0);
    }
    const n = pages.length;
    console.log(
      `  ${n} pages: tesseract.js ${(js / n / 1000).toFixed(2)} s/page wall, ${(jsCpu / n).toFixed(2)} CPU s/page; native ${(native / n / 1000).toFixed(2)} s/page wall, ${(nativeCpu / n).toFixed(2)} CPU s/page`,
    );
    console.log(
      `  ratio tesseract.js / native: ${(js / native).toFixed(2)}× wall, ${nativeCpu ? (jsCpu / nativeCpu).toFixed(2) : '—'}× CPU (target ≤ 1.5×)`,
    );
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface ScoreSummary {
  documents: number;
  fields: Record<string, number>;
  byForm: Record<string, { docs: number; errors: number; fieldAccuracy: number; medianSeconds: number }>;
  fieldAccuracy: number;
  standardsF1: number;
  itemRecall: number;
  itemResultAccuracy: number;
  itemVerdictAccuracy: number;
  [k: string]: unknown;
}

/**
 * Runs the scoring tool over `dsv extract` with the given engine; samples the tree's peak memory.
 * Each extraction is also saved to `outputs/<file name>.json` (for the per-layout scores).
 */
function score(
  engine: OcrEngineName,
  corpus: string,
  only: string[] | null,
  outputs: string,
): Promise<{ summary: ScoreSummary | null; peakRss: number }> {
  const tool = path.resolve(corpus, '../../tools/score-extraction.mjs');
  const save = `tee ${JSON.stringify(outputs)}/"$(basename {file})".json`;
  const cmd = `set -o pipefail; node ${JSON.stringify(path.join(ROOT, 'bin/dsv.js'))} extract {file} --json | ${save}`;
  return new Promise((resolve) => {
    const filter = only ? ['--only', only.join(',')] : [];
    const child = spawn(process.execPath, [tool, corpus, '--cmd', cmd, '--json', ...filter], {
      env: { ...process.env, OCR_ENGINE: engine },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const sampler = treeSampler(child.pid ?? process.pid);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', () => {
      const { peakRss } = sampler.stop();
      try {
        resolve({ summary: JSON.parse(out.slice(out.indexOf('{'))) as ScoreSummary, peakRss });
      } catch {
        console.log(`  scoring output was not JSON: ${out.slice(0, 200)}`);
        resolve({ summary: null, peakRss });
      }
    });
  });
}

function printScore(engine: OcrEngineName, s: ScoreSummary): void {
  console.log(
    `  ${engine}: ${s.documents} documents, field accuracy ${s.fieldAccuracy} %, standards F1 ${s.standardsF1} %`,
  );
  console.log(
    `    items: recall ${s.itemRecall} %, result ${s.itemResultAccuracy} %, verdict ${s.itemVerdictAccuracy} %`,
  );
  for (const [form, f] of Object.entries(s.byForm)) {
    console.log(
      `    form ${form.padEnd(11)} docs ${f.docs} errors ${f.errors} field accuracy ${f.fieldAccuracy} % median ${f.medianSeconds} s/doc`,
    );
  }
  for (const [field, v] of Object.entries(s.fields)) console.log(`    ${field.padEnd(34)} ${v} %`);
}

/** Renames outputs saved by document file name (`doc-005.pdf.json`) to the truth's id (`<id>.json`). */
function byTruthId(corpus: string, saved: string): string {
  const dir = path.join(saved, 'by-id');
  mkdirSync(dir);
  for (const f of readdirSync(path.join(corpus, 'truth')).filter((n) => n.endsWith('.json'))) {
    const truth = JSON.parse(readFileSync(path.join(corpus, 'truth', f), 'utf8')) as { file?: string };
    const out = path.join(saved, `${path.basename(truth.file ?? '')}.json`);
    if (truth.file && existsSync(out)) renameSync(out, path.join(dir, f));
  }
  return dir;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const workers = config().OCR_WORKERS;
  if (!existsSync(path.join(args.corpus, 'truth'))) throw new Error(`corpus not found: ${args.corpus}`);
  console.log(`extract bench: corpus ${args.corpus}, OCR_WORKERS ${workers}, ${os.cpus().length} cores`);

  const docs = loadOcrDocs(args.corpus).filter((d) => !args.only || args.only.includes(d.id));
  const pages = await preparePages(docs);
  const prep = pages.reduce((s, p) => s + p.prepSeconds, 0) / pages.length;
  console.log(
    `\n${docs.length} scanned/photo documents, ${pages.length} pages; render + prepare ${prep.toFixed(2)} s/page`,
  );

  console.log('\n1–2. Raw OCR quality and speed (all scanned/photo pages, one long-lived engine)');
  for (const engine of args.engines) {
    const run = await runEngine(engine, pages, workers);
    const cores = os.cpus().length;
    console.log(
      `  ${engine.padEnd(9)} ${run.ocrSecondsPerPage.toFixed(2)} s/page wall, ${run.cpuSecondsPerPage.toFixed(2)} CPU s/page; ${run.pagesPerMinute.toFixed(1)} pages/min measured with ${workers} in parallel, ${((60 * cores) / run.cpuSecondsPerPage).toFixed(1)} pages/min if the ${cores} cores were ours (target ≥ 12); peak RSS ${mb(run.peakRss)} (target < 2 GB)`,
    );
    console.log(
      `  load average during the run: ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    reportQuality(run, docs);
  }

  console.log('\n3. tesseract.js vs native Tesseract (same prepared pages, same run)');
  if (args.nativePages > 0 && nativeTesseractAvailable()) {
    const step = Math.max(1, Math.floor(pages.length / args.nativePages));
    await compareWithNative(pages.filter((_, i) => i % step === 0).slice(0, args.nativePages));
  }

  if (!args.skipScore) {
    console.log('\n4. End-to-end accuracy: score-extraction.mjs over `dsv extract` (all documents)');
    for (const engine of args.engines) {
      const saved = mkdtempSync(path.join(os.tmpdir(), 'dsv-extract-'));
      try {
        const { summary, peakRss } = await score(engine, args.corpus, args.only, saved);
        if (summary) printScore(engine, summary);
        console.log(`    peak RSS of the scoring process tree ${mb(peakRss)}`);
        console.log(`\n5. ${engine}: per layout (the truth's layout, for grouping scores only)`);
        printPerLayout(args.corpus, byTruthId(args.corpus, saved), args.only);
      } finally {
        rmSync(saved, { recursive: true, force: true });
      }
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
