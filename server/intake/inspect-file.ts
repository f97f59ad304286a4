/**
 * What an uploaded file really is, decided from its bytes (never its name or the client's MIME type),
 * and the cheap checks that refuse it before it is stored: type allow-list, empty, encrypted or
 * damaged PDF, page limit, image pixel limit. Deep damage (a JPEG cut short in its pixel data) is
 * found later by the pipeline, which marks the document failed.
 */
import { PDFParse } from 'pdf-parse';
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../errors';

export type FileType = 'pdf' | 'jpeg' | 'png';

export const MIME: Record<FileType, string> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** Largest image accepted, in pixels (a 48 MP phone photo fits; 30000×30000 does not). */
export const MAX_IMAGE_PIXELS = 60_000_000;
/** Longest image side accepted. */
export const MAX_IMAGE_SIDE = 20_000;

export interface InspectedFile {
  type: FileType;
  mime: string;
  /** Pages (1 for images). */
  pages: number;
  width?: number;
  height?: number;
}

const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Detects the type from the first bytes; undefined for anything we do not accept. */
export function sniffType(head: Buffer): FileType | undefined {
  if (head.length >= 8 && head.subarray(0, 8).equals(PNG_SIG)) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  // PDF readers accept the header anywhere in the first 1 KB (some producers prepend junk).
  if (head.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  return undefined;
}

export interface InspectLimits {
  maxPages: number;
}

/**
 * Inspects a whole file (already on disk, read into memory: at most MAX_UPLOAD_MB) and throws an
 * AppError with a Chinese message when it is refused.
 */
export async function inspectFile(data: Buffer, limits: InspectLimits): Promise<InspectedFile> {
  if (data.length === 0) throw new AppError('EMPTY_FILE');
  const type = sniffType(data.subarray(0, 4096));
  if (!type) {
    throw new AppError('UNSUPPORTED_FILE_TYPE', '不支持的文件类型（按文件内容识别），仅支持 PDF、JPEG、PNG');
  }
  if (type === 'pdf') return inspectPdf(data, limits);
  return inspectImage(data, type);
}

async function inspectPdf(data: Buffer, limits: InspectLimits): Promise<InspectedFile> {
  // A PDF ends with %%EOF (a few bytes of trailing junk are common): its absence means the upload was cut.
  if (!data.subarray(Math.max(0, data.length - 2048)).includes('%%EOF')) {
    throw new AppError('CORRUPT_FILE', 'PDF 文件不完整（可能上传中断或文件已损坏）');
  }
  const pages = await countPdfPages(data);
  if (pages < 1) throw new AppError('CORRUPT_FILE', 'PDF 文件没有页面');
  if (pages > limits.maxPages) {
    throw new AppError('TOO_MANY_PAGES', `文档共 ${pages} 页，超过每个文件 ${limits.maxPages} 页的上限`, {
      pages,
      maxPages: limits.maxPages,
    });
  }
  return { type: 'pdf', mime: MIME.pdf, pages };
}

/** Opens the PDF with pdfjs (bundled in pdf-parse) and returns its page count. */
export async function countPdfPages(data: Buffer): Promise<number> {
  const parser = new PDFParse({
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice(),
  });
  try {
    // `load` is pdf-parse's accessor for the wrapped pdfjs document (see server/extract/render-pdf.ts).
    const load = (parser as unknown as { load(): Promise<{ numPages: number }> }).load.bind(parser);
    const doc = await load();
    return doc.numPages;
  } catch (err) {
    if (err instanceof AppError) throw err;
    const name = err instanceof Error ? err.name : '';
    if (name === 'PasswordException') {
      throw new AppError('ENCRYPTED_PDF', undefined, undefined, { cause: err });
    }
    throw new AppError('CORRUPT_FILE', 'PDF 文件已损坏，无法读取', undefined, { cause: err });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

async function inspectImage(data: Buffer, type: 'jpeg' | 'png'): Promise<InspectedFile> {
  let meta: Metadata;
  try {
    // Reads the header only; no pixels are decoded here.
    meta = await sharp(data, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new AppError('CORRUPT_FILE', '图片文件已损坏，无法读取', undefined, { cause: err });
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (!width || !height) throw new AppError('CORRUPT_FILE', '图片文件已损坏，无法读取尺寸');
  if (width * height > MAX_IMAGE_PIXELS || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) {
    throw new AppError(
      'IMAGE_TOO_LARGE',
      `图片尺寸 ${width}×${height} 过大（最多 ${MAX_IMAGE_PIXELS / 1_000_000} 百万像素，单边不超过 ${MAX_IMAGE_SIDE} 像素）`,
      { width, height },
    );
  }
  return { type, mime: MIME[type], pages: 1, width, height };
}
