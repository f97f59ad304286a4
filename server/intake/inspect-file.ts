/**
 * One inspection per uploaded file: what it really is, decided from its bytes (never its name or the
 * client's MIME type), how many pages it has and, for an image, the pixel size its header declares —
 * with the refusals that apply before a file is stored: type allow-list, empty, PDF cut short,
 * encrypted or damaged, page limit, the pipeline's one image-size limit. Nothing is decoded here: a
 * PDF's page count is read in the PDF sandbox (server/extract/pdf-sandbox/), an image's size from its
 * header.
 *
 * The result is kept with the document (the blob row: MIME type and pages; `storedInspection`) and
 * passed down the pipeline, which reads the file's content under the sandbox's limits. Damage only
 * visible when decoding (a JPEG cut short in its pixel data) is found there, and the document fails.
 */
import { AppError } from '../errors';
import { checkImageHeader, MIME, sniffFileType, type FileType } from '../extract/file-header';
import { countPdfPages } from '../extract/pdf-sandbox';
import { tooManyPages } from '../extract/pdf-text';

export { MIME, type FileType } from '../extract/file-header';

export interface InspectedFile {
  type: FileType;
  mime: string;
  /** Pages (1 for images). */
  pages: number;
  /** Images: pixel size from the header. */
  width?: number;
  height?: number;
}

export interface InspectLimits {
  maxPages: number;
}

/**
 * Inspects a whole file (already on disk, read into memory: at most MAX_UPLOAD_MB) and throws an
 * AppError with a Chinese message when it is refused.
 */
export async function inspectFile(data: Buffer, limits: InspectLimits): Promise<InspectedFile> {
  const checked = checkFileBytes(data);
  if (checked.type !== 'pdf') return { ...checked, mime: MIME[checked.type], pages: 1 };
  const pages = await countPdfPages(data);
  if (pages < 1) throw new AppError('CORRUPT_FILE', 'PDF 文件没有页面');
  if (pages > limits.maxPages) throw tooManyPages(pages, limits.maxPages);
  return { type: 'pdf', mime: MIME.pdf, pages };
}

/**
 * The refusals of inspectFile that need no PDF reader (empty, type, PDF cut short, image header), for
 * a caller that reads the PDF next anyway and has its pages counted there (`dsv extract`).
 */
export function checkFileBytes(data: Buffer): { type: FileType; width?: number; height?: number } {
  if (data.length === 0) throw new AppError('EMPTY_FILE');
  const type = sniffFileType(data.subarray(0, 4096));
  if (!type) {
    throw new AppError('UNSUPPORTED_FILE_TYPE', '不支持的文件类型（按文件内容识别），仅支持 PDF、JPEG、PNG');
  }
  if (type !== 'pdf') {
    const { width, height } = checkImageHeader(data);
    return { type, width, height };
  }
  // A PDF ends with %%EOF (a few bytes of trailing junk are common): its absence means the upload was cut.
  if (!data.subarray(Math.max(0, data.length - 2048)).includes('%%EOF')) {
    throw new AppError('CORRUPT_FILE', 'PDF 文件不完整（可能上传中断或文件已损坏）');
  }
  return { type };
}

/** The inspection kept with a stored file (its blob row), or null when the row predates it. */
export function storedInspection(blob: { mime: string; pages: number | null }): InspectedFile | null {
  const type = (Object.keys(MIME) as FileType[]).find((t) => MIME[t] === blob.mime);
  if (!type || blob.pages === null) return null;
  return { type, mime: blob.mime, pages: blob.pages };
}
