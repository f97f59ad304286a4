/**
 * A generated report degraded into what a school uploads: printed in a layout the parsers were not
 * written for, then scanned sideways (a quarter turn), askew, blurred, noisy, JPEG-compressed and
 * stamped with a red seal (bench/layouts/degrade.ts). The benchmark (`npm run bench:layouts`) runs
 * every variant, form and degradation; this is one, read by the default OCR engine.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { rasterise } from '../../bench/layouts/degrade';
import { generate, scanOptionsFor, withPrinter, type GeneratedDoc } from '../../bench/layouts/generate';
import type { ReportTruth } from '../../bench/layouts/report-html';
import { LAYOUT_VARIANTS } from '../../bench/layouts/variants';
import { extractDocument } from '../../server/extract/extract-document';
import { createOcrProvider } from '../../server/extract/ocr';
import type { OcrProvider } from '../../server/extract/ocr-provider';
import type { TestReportExtraction } from '../../parsers/types';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/dev');
// a toy report with a failed item (lead)
const truth = JSON.parse(readFileSync(path.join(CORPUS, 'truth', 'doc-005.json'), 'utf8')) as ReportTruth;
const VARIANT = 'v08-three-line-continued';
// OCR of a page takes seconds on an idle machine; shared machines are several times slower.
jest.setTimeout(300_000);

let scan: GeneratedDoc | undefined;
let ocr: OcrProvider;
beforeAll(async () => {
  ocr = createOcrProvider({ engine: 'paddle' });
  scan = await withPrinter(async (printer) => {
    for await (const d of generate(printer, [{ id: 'doc-005', truth }], {
      variants: [VARIANT],
      forms: ['scanned_pdf'],
    })) {
      return d;
    }
    return undefined;
  });
}, 300_000);
afterAll(() => ocr.close());

describe('a scanned report lying on its side', () => {
  it('When the report is scanned a quarter turned, then every page is turned upright and its items and failed item are read', async () => {
    const index = LAYOUT_VARIANTS.findIndex((v) => v.id === VARIANT);
    expect(scanOptionsFor(index).quarterTurns).toBe(1);
    expect(scan).toBeDefined();
    const doc = scan as GeneratedDoc;
    // the scan really is sideways: its page images are landscape
    for (const image of rasterise(doc.file, 20)) {
      const meta = await sharp(image).metadata();
      expect(meta.width ?? 0).toBeGreaterThan(meta.height ?? 0);
    }

    const x = (await extractDocument(doc.file, { ocr })) as TestReportExtraction;

    // turned a quarter clockwise by the scanner: three quarters clockwise back
    expect(Object.values(x.pageRotations ?? {})).toEqual(Array.from({ length: x.pages }, () => 270));
    expect(x.reportNumber).toBe(truth.reportNumber);
    expect(x.conclusion).toBe('fail');
    // OCR drops the space and may print full-width brackets: compare names as the scorer does
    const plain = (n: string) => n.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');
    const failed = x.items.filter((i) => i.verdict === 'fail').map((i) => plain(i.name));
    expect(failed).toEqual(['可迁移元素铅(Pb)']);
    expect(x.items.length).toBe(doc.expected.items.length);
  });
});
