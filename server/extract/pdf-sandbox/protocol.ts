/** Messages between the server and its PDF sandbox process (structured clone over the IPC channel). */
import type { ErrorCode } from '../../errors';
import type { PageImage, PageSize } from '../pdf-page-image';
import type { PdfText } from '../pdf-text';

/** What the sandbox can be asked to read from a PDF. */
export type SandboxTask =
  /** the page count (at upload: no pre-scan, only the document's structure is read) */
  | { task: 'count-pages' }
  /** every page's text layer with positions */
  | { task: 'read-text'; maxPages: number }
  /** one page's size (checked) and its scan image, when the page is a scan */
  | { task: 'page-image'; page: number };

export interface TaskResults {
  'count-pages': { pages: number };
  'read-text': PdfText;
  'page-image': { size: PageSize; image: PageImage | null };
}

export type SandboxRequest = SandboxTask & { id: number; pdf: Uint8Array };

export interface SandboxError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type SandboxResponse =
  | { ready: true }
  /** a page of a long task is done: the clock restarts */
  | { id: number; progress: number }
  | { id: number; ok: true; result: TaskResults[SandboxTask['task']]; rss: number }
  | { id: number; ok: false; error: SandboxError; rss: number };
