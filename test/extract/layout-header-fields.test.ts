/**
 * Header fields of reports in the label layouts labs print (issue 13 point 2): a label/value grid,
 * "label：value" lines, a bilingual grid, English-only labels, and English labels in other words with
 * each value on the line below its label. Rendered from one corpus truth with Chromium (bench/layouts)
 * as text PDFs, then extracted; every header field must come back as the truth has it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate, withPrinter, type GeneratedDoc } from '../../bench/layouts/generate';
import type { ReportTruth } from '../../bench/layouts/report-html';
import { extractDocument } from '../../server/extract/extract-document';
import type { TestReportExtraction } from '../../parsers/types';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev');
// a uniform report: model, trademark, batch, safety class and three dates all printed
const truth = JSON.parse(readFileSync(path.join(CORPUS, 'truth', 'doc-016.json'), 'utf8')) as ReportTruth;
const VARIANTS = [
  'v01-grid-classic',
  'v02-reordered-bilingual',
  'v03-method-column',
  'v06-no-rules',
  'v16-english-stacked-fields',
];

let docs: GeneratedDoc[] = [];
beforeAll(async () => {
  docs = await withPrinter(async (printer) => {
    const out: GeneratedDoc[] = [];
    for await (const d of generate(printer, [{ id: 'doc-016', truth }], {
      variants: VARIANTS,
      forms: ['text_pdf'],
    })) {
      out.push(d);
    }
    return out;
  });
}, 120_000);

const header = (
  x: Pick<
    TestReportExtraction,
    | 'reportNumber'
    | 'sample'
    | 'client'
    | 'manufacturer'
    | 'inspectionType'
    | 'dates'
    | 'conclusion'
    | 'standards'
  >,
) => ({
  reportNumber: x.reportNumber,
  sample: {
    name: x.sample.name,
    model: x.sample.model,
    trademark: x.sample.trademark,
    batch: x.sample.batch,
    safetyClass: x.sample.safetyClass,
  },
  client: x.client,
  manufacturer: x.manufacturer,
  inspectionType: x.inspectionType,
  dates: { received: x.dates.received, tested: x.dates.tested, issued: x.dates.issued },
  conclusion: x.conclusion,
  standards: [...x.standards].sort(),
});

describe('report header fields in the label layouts labs print', () => {
  it.each(VARIANTS)(
    'When the header fields are printed as in %s, then every one is read',
    async (variant) => {
      const doc = docs.find((d) => d.variant === variant);
      expect(doc).toBeDefined();
      const x = (await extractDocument(doc?.file ?? Buffer.alloc(0))) as TestReportExtraction;
      expect(header(x)).toEqual(header(doc?.expected as unknown as TestReportExtraction));
    },
  );
});
