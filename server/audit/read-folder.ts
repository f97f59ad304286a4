/**
 * Reading an audit folder (`dsv audit DIR`): which files are documents, `submissions.json`, and the
 * extraction of each document (extraction JSON taken as is; PDF/JPEG/PNG through `extractDocument`,
 * loaded lazily so the audit still works on JSON alone when the extractor is unavailable).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Extraction } from '../../parsers/types';
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

type ExtractFn = (buffer: Buffer, opts: { fileName?: string; ocr?: OcrLike }) => Promise<unknown>;
interface OcrLike {
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

/**
 * Turns PDFs and images into extractions with `extractDocument` (server/extract), starting the OCR
 * engine only when a page needs it. Loaded lazily: `dsv audit` over extraction JSON works without it.
 */
export class FolderExtractor {
  private extract: Promise<ExtractFn | null> | undefined;
  private ocr: OcrLike | null = null;
  constructor(private readonly useOcr = true) {}

  private load(): Promise<ExtractFn | null> {
    this.extract ??= optionalImport('..', 'extract', 'extract-document').then((mod) =>
      typeof mod?.extractDocument === 'function' ? (mod.extractDocument as ExtractFn) : null,
    );
    return this.extract;
  }

  private lazyOcr(): OcrLike {
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

  /** The extraction of a document, or a reason it could not be read. */
  async read(buffer: Buffer, fileName: string): Promise<{ extraction: Extraction } | { reason: string }> {
    const extract = await this.load();
    if (!extract) {
      return {
        reason: '本版本未包含文档识别模块（extractDocument），无法读取 PDF/图片，请提供抽取结果 JSON',
      };
    }
    try {
      const out = (await extract(buffer, { fileName, ...(this.useOcr ? { ocr: this.lazyOcr() } : {}) })) as {
        extraction?: unknown;
      } | null;
      const extraction = asExtraction(out) ?? asExtraction(out?.extraction);
      return extraction ? { extraction } : { reason: '未能识别为合同或检验报告' };
    } catch (e) {
      return { reason: `识别失败：${e instanceof Error ? e.message : String(e)}` };
    }
  }

  async close(): Promise<void> {
    await this.ocr?.close();
    this.ocr = null;
  }
}

/** Reads and extracts one document of the folder. */
export async function readFolderDocument(
  dir: string,
  rel: string,
  extractor: FolderExtractor,
): Promise<FolderDocument | SkippedFile> {
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
  const read = await extractor.read(bytes, path.basename(rel));
  return 'reason' in read ? { file: rel, reason: read.reason } : { ...base, extraction: read.extraction };
}

export function isSkipped(d: FolderDocument | SkippedFile): d is SkippedFile {
  return 'reason' in d;
}
