/**
 * Accuracy workbench for the parsers on OCR'd pages: `npm run bench:extract-diff [-- options]`.
 *
 *   --engine paddle|tesseract   OCR engine (default: the configured OCR_ENGINE)
 *   --corpus DIR                corpus folder holding docs/ and truth/ (default ../shared/corpus/dev)
 *   --only doc-002,doc-008      restrict to these documents
 *   --refresh                   OCR again instead of using the cache
 *   --quiet                     print only the score, not each document's differences
 *   --relayout                  rebuild cached PaddleOCR pages' lines from their segments with the
 *                               current layout code (a layout change is scored without new OCR)
 *   --flat-slope                with --relayout: one text slope per page (its skew), ignoring how the
 *                               slope changes down a photo taken at an angle (to measure what that does)
 *   --per-layout                also print the scores per layout (the truth's template, for reporting only)
 *   --district [--scenario F]   parse as the service does for a district: party names read by OCR are
 *                               decoded against the names the district registers (its bureau and schools,
 *                               from a scenario.json: F, or the corpus's own); without it, as
 *                               `dsv extract` (no district)
 *
 * OCR is slow and the parsers are fast: the recognised pages of every scanned/photo document are cached
 * under DATA_DIR/ocr-cache/<engine>/<sha256 of file>.json, so a parser change is re-scored in seconds.
 * The cache knows the engine's name, not its settings: after changing the engine or the image
 * preparation, run once with --refresh.
 * For every document it prints the fields and items that differ from the truth, then the scoring tool's
 * summary (shared/tools/score-extraction.mjs --outputs) over the same outputs. Text PDFs are included
 * (they need no OCR) so a parser change that breaks them shows at once.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from '../parsers/registry';
import { ocrCacheDir, ocrCacheFile } from './ocr-page-cache';
import type { DocumentText } from '../parsers/types';
import { config } from '../server/config';
import { readDocumentText } from '../server/extract/extract-document';
import { createOcrProvider, type OcrEngineName, type OcrLine } from '../server/extract/ocr';
import { wordsToPageText } from '../server/extract/ocr/paddle-engine';
import { textSlopeOf } from '../parsers/table/level';
import { printPerLayout } from './per-layout';
import { PROJECT_ROOT } from './project-root';

const ROOT = PROJECT_ROOT;

interface Truth {
  file: string;
  form: string;
  kind: string;
  items?: Array<{ name: string; verdict: string; result?: string; requirement?: string }>;
  [k: string]: unknown;
}

function norm(v: unknown): string {
  if (v === null || v === undefined) return '∅';
  const text = typeof v === 'object' ? JSON.stringify(v) : `${v as string | number | boolean}`;
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/\s+/g, '')
    .toLowerCase();
}

function flatten(o: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    for (const [k, v] of Object.entries(o)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = o;
  return out;
}

/** Scalar fields of the truth that the output gets wrong (items, lines and standards apart). */
function fieldDiffs(truth: Truth, got: Record<string, unknown>): string[] {
  const skip = new Set(['file', 'form', 'items', 'lines', 'standards']);
  const t = flatten(Object.fromEntries(Object.entries(truth).filter(([k]) => !skip.has(k))));
  const g = flatten(got);
  return Object.entries(t)
    .filter(([k, v]) => norm(v) !== norm(g[k]))
    .map(([k, v]) => `  ${k}: want ${JSON.stringify(v)} got ${JSON.stringify(g[k] ?? null)}`);
}

function listDiffs(truth: Truth, got: Record<string, unknown>): string[] {
  const out: string[] = [];
  const ts = ((truth.standards as string[] | undefined) ?? []).map(norm);
  const gs = ((got.standards as string[] | undefined) ?? []).map(norm);
  const missing = ts.filter((s) => !gs.includes(s));
  const extra = gs.filter((s) => !ts.includes(s));
  if (missing.length || extra.length) {
    out.push(`  standards: missing ${missing.join(' ')} extra ${extra.join(' ')}`);
  }
  const items = (got.items as Array<Record<string, unknown>> | undefined) ?? [];
  const free = [...items];
  for (const t of truth.items ?? []) {
    const i = free.findIndex((g) => norm(g.name) === norm(t.name));
    if (i < 0) {
      out.push(`  item missing: ${t.name} [${t.verdict}] ${t.result ?? ''}`);
      continue;
    }
    const g = free.splice(i, 1)[0] ?? {};
    if (g.verdict !== t.verdict || norm(g.result) !== norm(t.result)) {
      out.push(
        `  item ${t.name}: want ${t.verdict} ${JSON.stringify(t.result)} got ${String(g.verdict)} ${JSON.stringify(g.result)}`,
      );
    }
  }
  for (const g of free) {
    out.push(`  item extra: ${String(g.name)} [${String(g.verdict)}] ${String(g.result)}`);
  }
  return out;
}

/** Cached PaddleOCR pages with their lines rebuilt from the segments (the words of every line). */
function relayoutPaddle(doc: DocumentText, flatSlope: boolean): DocumentText {
  return {
    ...doc,
    pages: doc.pages.map((p) =>
      p.source === 'ocr'
        ? {
            ...p,
            skewGradient: undefined,
            skewOrigin: undefined,
            ...wordsToPageText(
              p.lines.flatMap((l) => (l as OcrLine).words ?? []),
              p.page,
              flatSlope ? (p.skew ?? 0) : textSlopeOf(p),
            ),
          }
        : p,
    ),
  };
}

/** Contract goods lines of the truth that the output lacks or reads differently. */
function contractLineDiffs(truth: Truth, got: Record<string, unknown>): string[] {
  const want = (truth.lines as Array<Record<string, unknown>> | undefined) ?? [];
  const free = [...((got.lines as Array<Record<string, unknown>> | undefined) ?? [])];
  const out: string[] = [];
  for (const t of want) {
    const i = free.findIndex((g) => norm(g.model) === norm(t.model) || norm(g.product) === norm(t.product));
    if (i < 0) {
      out.push(`  line missing: ${JSON.stringify(t)}`);
      continue;
    }
    const g = free.splice(i, 1)[0] ?? {};
    const bad = ['product', 'model', 'quantity', 'unitPrice', 'amount'].filter(
      (k) => norm(g[k]) !== norm(t[k]),
    );
    if (bad.length) {
      out.push(
        `  line ${String(t.product)}: ${bad.map((k) => `${k} want ${norm(t[k])} got ${norm(g[k])}`).join(', ')}`,
      );
    }
  }
  for (const g of free) out.push(`  line extra: ${JSON.stringify(g)}`);
  return out;
}

/** The names a district registers in the service (bureau and schools), as a corpus scenario states them. */
function registeredNames(file: string): string[] {
  if (!existsSync(file)) {
    throw new Error(`--district needs a scenario.json (--scenario FILE): ${file} is missing`);
  }
  const s = JSON.parse(readFileSync(file, 'utf8')) as {
    district?: { bureau?: string };
    schools?: Array<{ name: string }>;
  };
  return [...(s.district?.bureau ? [s.district.bureau] : []), ...(s.schools ?? []).map((x) => x.name)];
}

async function main(argv: string[]): Promise<void> {
  const { values: o } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string' },
      corpus: { type: 'string' },
      only: { type: 'string' },
      refresh: { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      relayout: { type: 'boolean', default: false },
      'flat-slope': { type: 'boolean', default: false },
      'per-layout': { type: 'boolean', default: false },
      district: { type: 'boolean', default: false },
      scenario: { type: 'string' },
    },
  });
  const engine = (o.engine ?? config().OCR_ENGINE) as OcrEngineName;
  const corpus = path.resolve(o.corpus ?? path.join(ROOT, '../shared/corpus/dev'));
  const only = o.only?.split(',') ?? null;
  const { refresh, quiet } = o;
  const relayout = o.relayout && engine === 'paddle';
  const context = o.district
    ? { partyNames: registeredNames(o.scenario ?? path.join(corpus, 'scenario.json')) }
    : undefined;
  const cacheDir = ocrCacheDir(engine);
  mkdirSync(cacheDir, { recursive: true });
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'dsv-diff-'));
  const provider = createOcrProvider({ engine });
  let ocrSeconds = 0;
  try {
    const ids = readdirSync(path.join(corpus, 'truth'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => path.basename(f, '.json'))
      .filter((id) => !only || only.includes(id))
      .sort();
    // OCR runs for as many documents at a time as the engine has workers; parsing and printing in order.
    const texts = new Map<string, Promise<DocumentText>>();
    const truths = new Map<string, Truth>();
    let next = 0;
    const readNext = async (): Promise<void> => {
      const id = ids[next++];
      if (!id) return;
      const truth = JSON.parse(readFileSync(path.join(corpus, 'truth', `${id}.json`), 'utf8')) as Truth;
      truths.set(id, truth);
      const buf = readFileSync(path.join(corpus, truth.file));
      const cacheFile = ocrCacheFile(cacheDir, buf);
      const read = async (): Promise<DocumentText> => {
        if (!refresh && existsSync(cacheFile)) {
          const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as DocumentText;
          return relayout ? relayoutPaddle(cached, o['flat-slope']) : cached;
        }
        const t = performance.now();
        const text = await readDocumentText(buf, { ocr: provider });
        if (text.form !== 'text_pdf') {
          ocrSeconds += (performance.now() - t) / 1000;
          writeFileSync(cacheFile, JSON.stringify(text));
        }
        return text;
      };
      const p = read();
      texts.set(id, p);
      await p;
      return readNext();
    };
    await Promise.all(Array.from({ length: config().OCR_WORKERS }, readNext));
    for (const id of ids) {
      const truth = truths.get(id);
      const text = await texts.get(id);
      if (!truth || !text) continue;
      const got = (parseDocument(text, undefined, context) ?? {}) as Record<string, unknown>;
      writeFileSync(path.join(outDir, `${id}.json`), JSON.stringify(got));
      const diffs = [
        ...fieldDiffs(truth, got),
        ...(truth.kind === 'test_report' ? listDiffs(truth, got) : contractLineDiffs(truth, got)),
      ];
      if (!quiet && diffs.length) console.log(`${id} (${truth.form}, ${truth.kind})\n${diffs.join('\n')}`);
    }
  } finally {
    await provider.close();
  }
  if (ocrSeconds) {
    console.log(`\nOCR time (documents not cached, summed over lanes): ${ocrSeconds.toFixed(1)} s`);
  }
  const score = spawnSync(
    'node',
    [
      path.join(ROOT, '../shared/tools/score-extraction.mjs'),
      corpus,
      '--outputs',
      outDir,
      ...(only ? ['--only', only.join(',')] : []),
    ],
    { encoding: 'utf8' },
  );
  process.stdout.write(score.stdout + score.stderr);
  if (o['per-layout']) printPerLayout(corpus, outDir, only);
  rmSync(outDir, { recursive: true, force: true });
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
