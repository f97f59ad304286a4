/**
 * The sandbox's work, run inside the sandbox process (child.ts): every task except counting pages
 * first pre-scans the file (cached per file), then opens it with pdf.js and reads what was asked.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../errors';
import { openPdf, pdfError } from '../pdf-document';
import { extractPageImage, pageSize } from '../pdf-page-image';
import { prescanPdf } from '../pdf-prescan';
import { readTextLayer } from '../pdf-text';
import type { SandboxRequest, TaskResults } from './protocol';

/** Pre-scan verdicts of the last few files (a document's pages are read one task at a time). */
const verdicts = new Map<string, AppError | null>();

async function prescanOnce(pdf: Uint8Array): Promise<void> {
  const key = createHash('sha256').update(pdf).digest('hex');
  if (!verdicts.has(key)) {
    const verdict = await prescanPdf(pdf).then(
      () => null,
      (e: unknown) => (e instanceof AppError ? e : pdfError(e)),
    );
    verdicts.set(key, verdict);
    if (verdicts.size > 8) verdicts.delete(verdicts.keys().next().value ?? '');
  }
  const verdict = verdicts.get(key);
  if (verdict) throw verdict;
}

/** Runs one task; `progress` is called after each page of a long task. */
export async function runTask(
  req: SandboxRequest,
  progress: (page: number) => void,
): Promise<TaskResults[SandboxRequest['task']]> {
  if (req.task !== 'count-pages') await prescanOnce(req.pdf);
  // only a page's scan image needs pdf.js to decode images
  const opened = await openPdf(req.pdf, { images: req.task === 'page-image' });
  const doc = opened.doc;
  try {
    switch (req.task) {
      case 'count-pages':
        return { pages: doc.numPages };
      case 'read-text':
        return await readTextLayer(doc, { maxPages: req.maxPages, onPage: progress });
      case 'page-image': {
        if (!Number.isInteger(req.page) || req.page < 1 || req.page > doc.numPages) {
          throw new AppError('UNPROCESSABLE', `页码超出范围：第 ${req.page} 页（共 ${doc.numPages} 页）`);
        }
        const page = await doc.getPage(req.page);
        const size = pageSize(page, req.page);
        return { size, image: await extractPageImage(page, req.page) };
      }
    }
  } catch (err) {
    throw pdfError(err);
  } finally {
    await opened.close();
  }
}
