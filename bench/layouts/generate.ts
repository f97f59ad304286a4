/**
 * The generalization corpus: report truths rendered in every layout variant as text PDFs, and
 * degraded copies as scans and phone photos, each with the truth a correct extraction returns.
 */
import { startPdfPrinter, type PdfPrinter } from './chromium';
import type { ContractTruth } from './contract-html';
import { photographPdf, scanPdf, type PhotoOptions, type ScanOptions } from './degrade';
import { renderReport, type ReportTruth } from './report-html';
import { LAYOUT_VARIANTS, type LayoutVariant } from './variants';

export type GeneratedForm = 'text_pdf' | 'scanned_pdf' | 'photo';

export interface GeneratedDoc {
  id: string;
  variant: string;
  truthId: string;
  form: GeneratedForm;
  file: Buffer;
  ext: 'pdf' | 'jpg';
  expected: ReportTruth;
}

/** How a variant's scan is degraded: turned a quarter, half or three quarters on some, always stamped. */
export function scanOptionsFor(variantIndex: number): ScanOptions {
  const turns = [0, 1, 2, 0, 3, 0, 2, 1, 0, 0] as const;
  return {
    quarterTurns: turns[variantIndex % turns.length] ?? 0,
    skew: ((variantIndex % 5) - 2) * 0.45,
    blur: 0.5,
    noise: 9,
    jpegQuality: 60,
    seal: true,
    dpi: 200,
  };
}

export function photoOptionsFor(variantIndex: number): PhotoOptions {
  return {
    perspective: 0.02 + (variantIndex % 3) * 0.012,
    blur: 0.7,
    noise: 7,
    jpegQuality: 72,
    seal: true,
    shade: 0.72,
    size: 2600,
  };
}

/** Pages Chromium printed (page objects of the PDF). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

export async function withPrinter<T>(f: (p: PdfPrinter) => Promise<T>): Promise<T> {
  const printer = await startPdfPrinter();
  try {
    return await f(printer);
  } finally {
    await printer.close();
  }
}

/**
 * Generates one truth in the chosen variants and forms. Photos are taken of single-page layouts only
 * (a phone photo is one page).
 */
export async function* generate(
  printer: PdfPrinter,
  truths: { id: string; truth: ReportTruth }[],
  opts: {
    variants?: string[];
    forms?: GeneratedForm[];
    /** the layouts to draw from (default: the hand-made LAYOUT_VARIANTS) */
    layouts?: readonly LayoutVariant[];
    /**
     * called for a layout whose content overflows its pages or that Chromium printed on another
     * number of pages than it was laid out for (a drawn combination whose rows do not fit), which is
     * then skipped; without it, that throws
     */
    onUnprintable?: (id: string, reason: string) => void;
  } = {},
): AsyncGenerator<GeneratedDoc> {
  const forms = opts.forms ?? ['text_pdf', 'scanned_pdf', 'photo'];
  const variants = (opts.layouts ?? LAYOUT_VARIANTS)
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => !opts.variants || opts.variants.includes(v.id));
  for (const { id, truth } of truths) {
    for (const { v, i } of variants) {
      const rendered = renderReport(truth, v);
      let pdf: Buffer;
      try {
        pdf = await printer.print(rendered.html);
      } catch (err) {
        // a page whose content overflows it (the printer refuses to cut it)
        if (!opts.onUnprintable) throw err;
        opts.onUnprintable(`${id} ${v.id}`, err instanceof Error ? err.message.slice(0, 60) : String(err));
        continue;
      }
      const printed = pdfPageCount(pdf);
      if (printed !== rendered.pages) {
        const reason = `laid out for ${rendered.pages} pages, Chromium printed ${printed}`;
        if (!opts.onUnprintable) throw new Error(`${id} ${v.id}: ${reason}`);
        opts.onUnprintable(`${id} ${v.id}`, reason);
        continue;
      }
      const base = { variant: v.id, truthId: id };
      const expected = (form: GeneratedForm): ReportTruth => ({ ...rendered.expected, form });
      if (forms.includes('text_pdf')) {
        yield {
          ...base,
          id: `${id}-${v.id}-text`,
          form: 'text_pdf',
          file: pdf,
          ext: 'pdf',
          expected: expected('text_pdf'),
        };
      }
      if (forms.includes('scanned_pdf')) {
        const scan = await scanPdf(pdf, scanOptionsFor(i), `${id}-${v.id}-scan`);
        yield {
          ...base,
          id: `${id}-${v.id}-scan`,
          form: 'scanned_pdf',
          file: scan,
          ext: 'pdf',
          expected: expected('scanned_pdf'),
        };
      }
      if (forms.includes('photo') && rendered.pages === 1) {
        const photo = await photographPdf(pdf, photoOptionsFor(i), `${id}-${v.id}-photo`);
        yield {
          ...base,
          id: `${id}-${v.id}-photo`,
          form: 'photo',
          file: photo,
          ext: 'jpg',
          expected: expected('photo'),
        };
      }
    }
  }
}

/** A contract layout: its id and how it prints a truth (HTML, and the truth a correct extraction returns). */
export interface ContractLayoutRenderer {
  id: string;
  render(t: ContractTruth): { html: string; expected: ContractTruth };
}

export interface GeneratedContract {
  id: string;
  variant: string;
  truthId: string;
  form: 'text_pdf';
  file: Buffer;
  ext: 'pdf';
  expected: ContractTruth & { form: 'text_pdf' };
}

/**
 * Contract truths printed in each layout as text PDFs (contracts are not degraded: text PDFs only).
 * A layout wider than its page is skipped through `onUnprintable`, or throws without it.
 */
export async function* generateContracts(
  printer: PdfPrinter,
  truths: { id: string; truth: ContractTruth }[],
  layouts: readonly ContractLayoutRenderer[],
  onUnprintable?: (id: string, reason: string) => void,
): AsyncGenerator<GeneratedContract> {
  for (const { id, truth } of truths) {
    for (const v of layouts) {
      const rendered = v.render(truth);
      let pdf: Buffer;
      try {
        pdf = await printer.print(rendered.html);
      } catch (err) {
        if (!onUnprintable) throw err;
        onUnprintable(`${id} ${v.id}`, err instanceof Error ? err.message.slice(0, 60) : String(err));
        continue;
      }
      yield {
        id: `${id}-${v.id}-text`,
        variant: v.id,
        truthId: id,
        form: 'text_pdf',
        file: pdf,
        ext: 'pdf',
        expected: { ...rendered.expected, form: 'text_pdf' },
      };
    }
  }
}
