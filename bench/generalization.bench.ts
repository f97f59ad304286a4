/**
 * Generalization benchmark: `npm run bench:layouts [-- options]`.
 *
 *   --truths doc-005,doc-001   report truths of the dev corpus to render (default: one per product kind)
 *   --variants v01-…,v05-…     layout variants (default: all, bench/layouts/variants.ts)
 *   --forms text_pdf,scanned_pdf,photo   (default: all three)
 *   --engine paddle|tesseract  OCR engine for scans and photos (default: the configured one)
 *   --keep DIR                 write the generated documents and their truths to DIR
 *   --random N [--seed S]      instead of the hand-made variants, N layouts with every knob drawn at random
 *                              (bench/layouts/random-variants.ts; seed default 1): layouts nobody chose
 *   --generate-only            with --keep: only write them (no OCR, no scores); score them later with
 *                              `bench/extract-diff.ts --corpus DIR`, which caches each page's OCR so a parser
 *                              change is re-scored without reading the pages again
 *   --kind contract            contracts instead of reports (text PDFs only): contract truths (default one per
 *                              product kind) in the hand-made contract variants (bench/layouts/contract-html.ts)
 *                              or, with --random N [--seed S], in N drawn contract layouts
 *                              (bench/layouts/random-contracts.ts); prints fields, standards F1, goods lines
 *                              found and their cells right, per layout, and the misses per field
 *
 * Renders each truth in every layout variant with Chromium (text PDFs), degrades copies into scans
 * (turned 0/90/180/270°, askew, blurred, noisy, JPEG, a red seal) and photos (perspective, shading),
 * extracts each with `extractDocument` and prints accuracy per variant and form: field accuracy,
 * standards F1, item recall and verdicts, failed items caught, spurious items and item verdicts that
 * are wrong and not flagged for review. The variants are layouts the parsers were not written for:
 * a drop here is overfitting to the dev corpus.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { config } from '../server/config';
import { extractDocument } from '../server/extract/extract-document';
import { createOcrProvider, type OcrEngineName } from '../server/extract/ocr';
import { CONTRACT_VARIANTS, renderContract, type ContractTruth } from './layouts/contract-html';
import { renderContractLayout } from './layouts/contract-layout';
import {
  generate,
  generateContracts,
  withPrinter,
  type ContractLayoutRenderer,
  type GeneratedForm,
} from './layouts/generate';
import { randomContractLayouts } from './layouts/random-contracts';
import { randomVariants } from './layouts/random-variants';
import type { ReportTruth } from './layouts/report-html';
import {
  contractSummaryRow,
  CONTRACT_SUMMARY_HEADER,
  scoreDocument,
  summarise,
  summaryRow,
  SUMMARY_HEADER,
  type DocScore,
} from './score';
import { PROJECT_ROOT } from './project-root';

// the project folder, whether this runs compiled (dist/bench) or from source (tsx)
const ROOT = PROJECT_ROOT;
const DEFAULT_TRUTHS = ['doc-005', 'doc-001', 'doc-033', 'doc-028'];
/** one contract per product kind: school uniforms (3 lines), kindergarten garments, bedding, toys */
const DEFAULT_CONTRACT_TRUTHS = ['doc-014', 'doc-055', 'doc-013', 'doc-030'];

/** Contracts in the hand-made or drawn layouts, text PDFs only: scores per layout and misses per field. */
async function runContracts(
  o: { truths?: string; random?: string; seed?: string; keep?: string },
  corpus: string,
) {
  const truths = (o.truths?.split(',') ?? DEFAULT_CONTRACT_TRUTHS).map((id) => ({
    id,
    truth: JSON.parse(readFileSync(path.join(corpus, 'truth', `${id}.json`), 'utf8')) as ContractTruth,
  }));
  const layouts: ContractLayoutRenderer[] = o.random
    ? randomContractLayouts(Number(o.seed ?? 1), Number(o.random)).map((l) => {
        console.log(`${l.id}: ${l.description}`);
        return { id: l.id, render: (t: ContractTruth) => renderContractLayout(t, l) };
      })
    : CONTRACT_VARIANTS.map((v) => ({ id: v.id, render: (t: ContractTruth) => renderContract(t, v) }));
  const scores = new Map<string, DocScore[]>();
  const add = (key: string, s: DocScore) => scores.set(key, [...(scores.get(key) ?? []), s]);
  const misses = new Map<string, number>();
  const started = performance.now();
  await withPrinter(async (printer) => {
    const onUnprintable = (id: string, reason: string) => console.log(`${id}: skipped, ${reason}`);
    for await (const doc of generateContracts(printer, truths, layouts, onUnprintable)) {
      if (o.keep) {
        mkdirSync(path.join(o.keep, 'docs'), { recursive: true });
        mkdirSync(path.join(o.keep, 'truth'), { recursive: true });
        writeFileSync(path.join(o.keep, 'docs', `${doc.id}.pdf`), doc.file);
        writeFileSync(
          path.join(o.keep, 'truth', `${doc.id}.json`),
          JSON.stringify({ ...doc.expected, file: `docs/${doc.id}.pdf`, template: doc.variant }, null, 2),
        );
      }
      let got: Record<string, unknown>;
      try {
        got = (await extractDocument(doc.file)) as unknown as Record<string, unknown>;
      } catch (err) {
        // a page holding too little text to count as a text layer is OCR'd by the service: not here
        if ((err as { code?: string }).code === 'OCR_UNAVAILABLE') {
          console.log(`${doc.id}: skipped, a page holds too little text for its text layer (needs OCR)`);
          continue;
        }
        console.log(`${doc.id}: ${err instanceof Error ? err.message : String(err)}`);
        got = {};
      }
      const s = scoreDocument(doc.expected as unknown as Record<string, unknown>, got);
      const linesOff = s.lines.found < s.lines.truth || s.lines.fieldHit < s.lines.fieldTotal;
      if (s.wrongFields.length || linesOff || s.std.fp || s.std.fn) {
        console.log(
          `${doc.id}: fields wrong [${s.wrongFields.join(', ')}] lines ${s.lines.found}/${s.lines.truth} cells ${s.lines.fieldHit}/${s.lines.fieldTotal} standards missed ${s.std.fn} extra ${s.std.fp}`,
        );
      }
      for (const f of s.wrongFields) misses.set(f, (misses.get(f) ?? 0) + 1);
      if (s.std.fp || s.std.fn) misses.set('standards', (misses.get('standards') ?? 0) + 1);
      if (linesOff) misses.set('lines', (misses.get('lines') ?? 0) + 1);
      add(`${doc.variant} text_pdf`, s);
      add('all text_pdf', s);
    }
  });
  console.log(`\n${CONTRACT_SUMMARY_HEADER}`);
  for (const [key, list] of [...scores].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(contractSummaryRow(key, summarise(list)));
  }
  const missed = [...misses].sort(([, a], [, b]) => b - a).map(([f, n]) => `${f} ${n}`);
  console.log(`\ndocuments with a miss, per field: ${missed.join(', ') || 'none'}`);
  console.log(`\n${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function main(argv: string[]): Promise<void> {
  const { values: o } = parseArgs({
    args: argv,
    options: {
      truths: { type: 'string' },
      variants: { type: 'string' },
      forms: { type: 'string' },
      engine: { type: 'string' },
      keep: { type: 'string' },
      corpus: { type: 'string' },
      'generate-only': { type: 'boolean' },
      random: { type: 'string' },
      seed: { type: 'string' },
      kind: { type: 'string' },
    },
  });
  const generateOnly = o['generate-only'] ?? false;
  if (generateOnly && !o.keep) throw new Error('--generate-only needs --keep DIR');
  const corpus = path.resolve(o.corpus ?? path.join(ROOT, '../shared/corpus/dev'));
  if (o.kind === 'contract') {
    if (generateOnly) {
      throw new Error('--kind contract scores as it goes: --keep DIR writes the documents too');
    }
    if (o.forms && o.forms !== 'text_pdf') {
      throw new Error('--kind contract: text PDFs only (--forms text_pdf)');
    }
    await runContracts(o, corpus);
    return;
  }
  if (o.kind && o.kind !== 'test_report') throw new Error(`--kind ${o.kind}: test_report or contract`);
  const truths = (o.truths?.split(',') ?? DEFAULT_TRUTHS).map((id) => ({
    id,
    truth: JSON.parse(readFileSync(path.join(corpus, 'truth', `${id}.json`), 'utf8')) as ReportTruth,
  }));
  const forms = (o.forms?.split(',') ?? ['text_pdf', 'scanned_pdf', 'photo']) as GeneratedForm[];
  const engine = (o.engine ?? config().OCR_ENGINE) as OcrEngineName;
  const ocr =
    !generateOnly && forms.some((f) => f !== 'text_pdf') ? createOcrProvider({ engine }) : undefined;
  const scores = new Map<string, DocScore[]>();
  const add = (key: string, s: DocScore) => scores.set(key, [...(scores.get(key) ?? []), s]);
  const started = performance.now();
  try {
    await withPrinter(async (printer) => {
      const layouts = o.random ? randomVariants(Number(o.seed ?? 1), Number(o.random)) : undefined;
      for (const v of layouts ?? []) console.log(`${v.id}: ${v.description}`);
      const onUnprintable = (id: string, reason: string) => console.log(`${id}: skipped, ${reason}`);
      for await (const doc of generate(printer, truths, {
        variants: o.variants?.split(','),
        forms,
        layouts,
        onUnprintable: layouts ? onUnprintable : undefined,
      })) {
        if (o.keep) {
          mkdirSync(path.join(o.keep, 'docs'), { recursive: true });
          mkdirSync(path.join(o.keep, 'truth'), { recursive: true });
          writeFileSync(path.join(o.keep, 'docs', `${doc.id}.${doc.ext}`), doc.file);
          writeFileSync(
            path.join(o.keep, 'truth', `${doc.id}.json`),
            JSON.stringify(
              { ...doc.expected, file: `docs/${doc.id}.${doc.ext}`, template: doc.variant },
              null,
              2,
            ),
          );
        }
        if (generateOnly) continue;
        let got: Record<string, unknown>;
        try {
          got = (await extractDocument(doc.file, { ocr })) as unknown as Record<string, unknown>;
        } catch (err) {
          console.log(`${doc.id}: ${err instanceof Error ? err.message : String(err)}`);
          got = {};
        }
        const s = scoreDocument(doc.expected, got);
        if (s.wrongFields.length || s.items.verdictHit < s.items.truth || s.items.extra) {
          console.log(
            `${doc.id}: fields wrong [${s.wrongFields.join(', ')}] items ${s.items.found}/${s.items.truth} verdicts ${s.items.verdictHit} extra ${s.items.extra} wrong&unflagged ${s.items.wrongUnflagged}`,
          );
        }
        add(`${doc.variant} ${doc.form}`, s);
        add(`all ${doc.form}`, s);
      }
    });
  } finally {
    await ocr?.close();
  }
  if (generateOnly) {
    console.log(`written to ${o.keep} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    return;
  }
  console.log(`\n${SUMMARY_HEADER}`);
  for (const [key, list] of [...scores].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(summaryRow(key, summarise(list)));
  }
  console.log(`\n${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
