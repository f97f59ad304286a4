/**
 * Reading an audit folder (`dsv audit DIR`): which files are documents, `submissions.json`, and the
 * extraction of each document (extraction JSON taken as is; PDF/JPEG/PNG through `extractDocument`,
 * loaded lazily so the audit still works on JSON alone when the extractor is unavailable).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ParseContext } from '../../parsers/text/party-lexicon';
import type { DocumentText, Extraction } from '../../parsers/types';
import { asExtraction } from '../../parsers/extraction-schema';

export const DOCUMENT_EXTENSIONS = new Map([
  ['.pdf', 'application/pdf'],
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.png', 'image/png'],
  ['.json', 'application/json'],
]);

const submissionsSchema = z.object({
  submissions: z.array(
    z.object({
      contract: z.string().min(1),
      lines: z.array(
        z.object({
          lineNo: z.number().int().positive(),
          reports: z.array(z.string().min(1)),
          /** 验收/到货日期 (YYYY-MM-DD): the school-side window counts from it */
          acceptedDate: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, 'acceptedDate 应为 YYYY-MM-DD')
            .optional(),
        }),
      ),
    }),
  ),
});
export type Submissions = z.infer<typeof submissionsSchema>;

/** Relative paths (POSIX separators) of every document-like file under `dir`, sorted. */
export function listFolderDocuments(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (DOCUMENT_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

export function readSubmissions(dir: string): Submissions | null {
  const file = path.join(dir, 'submissions.json');
  if (!fs.existsSync(file)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new Error('submissions.json 不是有效的 JSON');
  }
  const parsed = submissionsSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(
      `submissions.json 格式不正确（${first ? `${first.path.join('.')}: ${first.message}` : ''}）`,
    );
  }
  return parsed.data;
}

export function normaliseRelPath(p: string): string {
  return path.posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\//, '');
}

export interface FolderDocument {
  /** path relative to the folder */
  file: string;
  sha256: string;
  size: number;
  mime: string;
  extraction: Extraction;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

interface ExtractModule {
  readDocumentText(buffer: Buffer, opts: { fileName?: string; ocr?: OcrLike }): Promise<DocumentText>;
  extractionFromText(text: DocumentText, context?: ParseContext): unknown;
}
/** An OCR provider (server/extract/ocr-provider.ts), typed here so the module loads lazily. */
export interface OcrLike {
  recognisePdfPage(pdf: Buffer, page: number): Promise<unknown>;
  recogniseImage(img: Buffer, page: number): Promise<unknown>;
  close(): Promise<void>;
}

/** Imports an optional module by a computed specifier (absent modules resolve to null). */
function optionalImport(...parts: string[]): Promise<Record<string, unknown> | null> {
  const specifier = parts.join('/');
  return import(specifier).then(
    (mod: Record<string, unknown>) => mod,
    () => null,
  );
}

function failure(e: unknown): { reason: string } {
  return { reason: `识别失败：${e instanceof Error ? e.message : String(e)}` };
}

/**
 * Reads PDFs and images (`readDocumentText`, server/extract) and parses their text, starting the OCR
 * engine only when a page needs it. Loaded lazily: `dsv audit` over extraction JSON works without it.
 * Reading and parsing are two steps so that a folder's party names read from text layers can be
 * passed to the parse of its OCR'd documents (server/use-cases/audit/audit-folder.ts).
 */
export class FolderExtractor {
  private module: Promise<ExtractModule | null> | undefined;
  private ocr: OcrLike | null = null;
  /**
   * @param useOcr OCR for scanned pages and photos
   * @param provider an OCR provider to use instead of starting one (closed by its owner, not here)
   */
  constructor(
    private readonly useOcr = true,
    private readonly provider?: OcrLike,
  ) {}

  private load(): Promise<ExtractModule | null> {
    this.module ??= optionalImport('..', 'extract', 'extract-document').then((mod) =>
      typeof mod?.readDocumentText === 'function' && typeof mod.extractionFromText === 'function'
        ? (mod as unknown as ExtractModule)
        : null,
    );
    return this.module;
  }

  private lazyOcr(): OcrLike {
    if (this.provider) return this.provider;
    const get = async (): Promise<OcrLike> => {
      if (!this.ocr) {
        const mod = await optionalImport('..', 'extract', 'ocr', 'index');
        if (typeof mod?.createOcrProvider !== 'function') throw new Error('OCR 模块不可用');
        this.ocr = (mod.createOcrProvider as (o: { workers: number }) => OcrLike)({ workers: 1 });
      }
      return this.ocr;
    };
    return {
      recognisePdfPage: async (pdf, page) => (await get()).recognisePdfPage(pdf, page),
      recogniseImage: async (img, page) => (await get()).recogniseImage(img, page),
      close: async () => {
        await this.ocr?.close();
      },
    };
  }

  /** The text of a document (text layer, OCR where needed), or a reason it could not be read. */
  async readText(buffer: Buffer, fileName: string): Promise<{ text: DocumentText } | { reason: string }> {
    const mod = await this.load();
    if (!mod) {
      return {
        reason: '本版本未包含文档识别模块（extractDocument），无法读取 PDF/图片，请提供抽取结果 JSON',
      };
    }
    try {
      return {
        text: await mod.readDocumentText(buffer, {
          fileName,
          ...(this.useOcr ? { ocr: this.lazyOcr() } : {}),
        }),
      };
    } catch (e) {
      return failure(e);
    }
  }

  /** The extraction of a text read by `readText`; OCR'd party names decoded against `context.partyNames`. */
  async parse(
    text: DocumentText,
    context?: ParseContext,
  ): Promise<{ extraction: Extraction } | { reason: string }> {
    const mod = await this.load();
    if (!mod) return { reason: '本版本未包含文档识别模块（extractDocument）' };
    try {
      const extraction = asExtraction(mod.extractionFromText(text, context));
      return extraction ? { extraction } : { reason: '未能识别为合同或检验报告' };
    } catch (e) {
      return failure(e);
    }
  }

  async close(): Promise<void> {
    await this.ocr?.close();
    this.ocr = null;
  }
}

/** A folder document before parsing: its bytes' identity and its extraction, or the text to parse. */
export type ReadDocument = Omit<FolderDocument, 'extraction'> &
  ({ extraction: Extraction; text?: undefined } | { text: DocumentText; extraction?: undefined });

/** Reads one document of the folder: an extraction JSON as is, a PDF or image as its text. */
export async function readFolderDocument(
  dir: string,
  rel: string,
  extractor: FolderExtractor,
): Promise<ReadDocument | SkippedFile> {
  const abs = path.join(dir, rel);
  if (!fs.existsSync(abs)) return { file: rel, reason: '文件不存在' };
  const bytes = fs.readFileSync(abs);
  const mime = DOCUMENT_EXTENSIONS.get(path.extname(rel).toLowerCase()) ?? 'application/octet-stream';
  const base = {
    file: rel,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    mime,
  };
  if (mime === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(bytes.toString('utf8'));
    } catch {
      return { file: rel, reason: 'JSON 格式错误' };
    }
    const extraction = asExtraction(parsed);
    return extraction
      ? { ...base, extraction }
      : { file: rel, reason: '不是合同或检验报告的抽取结果（extraction）格式' };
  }
  const read = await extractor.readText(bytes, path.basename(rel));
  return 'reason' in read ? { file: rel, reason: read.reason } : { ...base, text: read.text };
}

export function isSkipped<T extends object>(d: T | SkippedFile): d is SkippedFile {
  return 'reason' in d;
}
