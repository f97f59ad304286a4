/**
 * Layouts the parsers were not written for: one corpus truth rendered by the generator
 * (bench/layouts) in varied layouts as text PDFs with Chromium, then extracted. The benchmark
 * (`npm run bench:layouts`) runs every variant, form and degradation; these are a few of them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate, withPrinter, type GeneratedDoc } from '../../bench/layouts/generate';
import type { ReportTruth } from '../../bench/layouts/report-html';
import { normalise } from '../../bench/score';
import { extractDocument } from '../../server/extract/extract-document';
import type { TestReportExtraction } from '../../parsers/types';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev');
// a toy report with a failed item (lead), elements and phthalates as sub-items
const truth = JSON.parse(readFileSync(path.join(CORPUS, 'truth', 'doc-005.json'), 'utf8')) as ReportTruth;
const VARIANTS = [
  'v02-reordered-bilingual',
  'v04-merged-parents',
  'v05-matrix',
  'v07-summary-detail',
  'v08-three-line-continued',
  'v10-no-index-remark',
  'v11-summary-part-matrix',
  'v13-no-header',
  'v14-unreadable-header',
  'v15-grid-continued-no-header',
];

let docs: GeneratedDoc[] = [];
beforeAll(async () => {
  docs = await withPrinter(async (printer) => {
    const out: GeneratedDoc[] = [];
    for await (const d of generate(printer, [{ id: 'doc-005', truth }], {
      variants: VARIANTS,
      forms: ['text_pdf'],
    })) {
      out.push(d);
    }
    return out;
  });
}, 120_000);

describe('reports in layouts the parsers were not written for', () => {
  it.each(VARIANTS)(
    'When the report is printed as %s, then every item is read with its printed verdict',
    async (variant) => {
      const doc = docs.find((d) => d.variant === variant);
      expect(doc).toBeDefined();
      const x = (await extractDocument(doc?.file ?? Buffer.alloc(0))) as TestReportExtraction;
      // a layout may print items in another order (matrix tables after the main table)
      const byName = (a: (string | null)[], b: (string | null)[]) => String(a[0]).localeCompare(String(b[0]));
      // compared as the scoring tool compares: full-width signs (＜2) half-width, white space ignored
      // (a name wrapped in a narrow cell, "邻苯二甲酸酯 DINP+…", may lose its space)
      const got = x.items.map((i) => [normalise(i.name), normalise(i.result), i.verdict]).sort(byName);
      const want = (doc?.expected.items ?? [])
        .map((i) => [normalise(i.name), normalise(i.result), i.verdict])
        .sort(byName);
      expect(got).toEqual(want);
      expect(x.items.filter((i) => i.verdict === 'fail').map((i) => i.name)).toEqual(['可迁移元素 铅(Pb)']);
      expect(x.reportNumber).toBe(truth.reportNumber);
      expect(x.conclusion).toBe('fail');
      expect(x.pages).toBe(doc?.expected.pages);
    },
  );
});
