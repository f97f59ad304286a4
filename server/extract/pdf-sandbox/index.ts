/**
 * Reading untrusted PDFs, always through the sandbox processes (sandbox.ts): the page count at upload,
 * the text layer, a page's size and scan image. One sandbox per server process, created on first use.
 */
import type { PdfText } from '../pdf-text';
import type { TaskResults } from './protocol';
import { PdfSandbox } from './sandbox';

export { PdfSandbox, type PdfSandboxOptions } from './sandbox';
export type { PdfText } from '../pdf-text';

let shared: PdfSandbox | undefined;

/** The process's sandbox. */
export function pdfSandbox(): PdfSandbox {
  shared ??= new PdfSandbox();
  return shared;
}

/** Starts a sandbox child ahead of the first read (see PdfSandbox.prestart). */
export function prestartPdfSandbox(): void {
  pdfSandbox().prestart();
}

/** Stops the sandbox's children (shutdown); a later read starts a new sandbox. */
export async function closePdfSandbox(): Promise<void> {
  const s = shared;
  shared = undefined;
  await s?.close();
}

/** Page count, reading only the document's structure. Throws ENCRYPTED_PDF / CORRUPT_FILE / PDF_TOO_COMPLEX. */
export async function countPdfPages(pdf: Uint8Array): Promise<number> {
  return (await pdfSandbox().run(pdf, { task: 'count-pages' })).pages;
}

/** Every page's text layer. Throws TOO_MANY_PAGES, the pre-scan's refusals, and the errors above. */
export function readPdfText(pdf: Uint8Array, opts: { maxPages?: number } = {}): Promise<PdfText> {
  return pdfSandbox().run(pdf, { task: 'read-text', maxPages: opts.maxPages ?? 100 });
}

/** One page's size (PAGE_SIZE_INVALID when absurd) and its scan image, null when it is not a scan. */
export function readPdfPage(pdf: Uint8Array, page: number): Promise<TaskResults['page-image']> {
  return pdfSandbox().run(pdf, { task: 'page-image', page });
}
