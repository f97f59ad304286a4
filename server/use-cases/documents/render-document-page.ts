/**
 * A page of a document as a JPEG for the review page, made once per page and size and kept under
 * derived/. The boxes of the extracted fields are fractions of the image OCR read, so a page that was
 * read by OCR (a photo, a scanned PDF) is shown as that image — found, flattened and straightened by
 * image-prep — and its boxes sit on the text they name; a text PDF is shown as rendered.
 * `screen` is sized for a review screen (typically well under 500 KB), `full` keeps the resolution OCR
 * read at, for zooming in.
 */
import sharp from 'sharp';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { prepareImage } from '../../extract/image-prep';
import { renderPdfPage } from '../../extract/render-pdf';
import { sniffFileType } from '../../extract/file-header';
import { getFileStore } from '../../storage/file-store.service';
import type { DocumentWithDistrict } from '../../../models/document.repository';
import { storedExtraction } from '../../../parsers/extraction-schema';

export type PageImageSize = 'screen' | 'full';

/** Width of `screen` page images (enough to read a table, small enough to load quickly). */
const SCREEN_WIDTH = 1400;
/** Resolution of text PDF pages (OCR'd pages keep the resolution they were read at). */
const TEXT_PDF_DPI: Record<PageImageSize, number> = { screen: 150, full: 200 };

/** Whether the document's pages were read by OCR (their boxes refer to the prepared image). */
function readByOcr(doc: DocumentWithDistrict): boolean {
  const form = storedExtraction(doc.extraction ?? doc.effective)?.form;
  return form === 'photo' || form === 'scanned_pdf';
}

export async function renderDocumentPage(
  ctx: AppContext,
  doc: DocumentWithDistrict,
  page: number,
  size: PageImageSize = 'screen',
): Promise<Buffer> {
  const store = getFileStore(ctx);
  const ocr = readByOcr(doc);
  const extraction = storedExtraction(doc.extraction ?? doc.effective);
  const rotation = ocr ? (extraction?.pageRotations?.[String(page)] ?? 0) : 0;
  const name = `page-${page}-${ocr ? `straight${rotation ? `-r${rotation}` : ''}` : 'plain'}-${size}.jpg`;

  const cached = await store.readDerived(doc.sha256, name);
  if (cached) return cached;
  const data = await store.readOriginal(doc.sha256);
  const type = sniffFileType(data.subarray(0, 4096));
  if (type === 'pdf' && doc.pageCount !== null && page > doc.pageCount) {
    throw new AppError('NOT_FOUND', `该文档只有 ${doc.pageCount} 页`);
  }
  if (type !== 'pdf' && page !== 1) throw new AppError('NOT_FOUND', '图片文件只有 1 页');
  let jpeg: Buffer;
  try {
    const prepared = await pageImage(data, type === 'pdf', page, ocr, size);
    // OCR read a page scanned sideways or upside down turned upright: show it that way
    const image = rotation ? await sharp(prepared).rotate(rotation).png().toBuffer() : prepared;
    jpeg = await sharp(image, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize(size === 'screen' ? { width: SCREEN_WIDTH, withoutEnlargement: true } : undefined)
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: size === 'screen' ? 72 : 82, mozjpeg: true })
      .toBuffer();
  } catch (e) {
    if (e instanceof AppError && e.code !== 'CORRUPT_FILE') throw e;
    throw new AppError('CORRUPT_FILE', '无法生成页面图片：文件已损坏', undefined, { cause: e });
  }
  await store.writeDerived(doc.sha256, name, jpeg);
  return jpeg;
}

/** The page as OCR saw it (straightened), or as rendered (text PDFs). */
async function pageImage(
  data: Buffer,
  pdf: boolean,
  page: number,
  ocr: boolean,
  size: PageImageSize,
): Promise<Buffer> {
  if (pdf) {
    if (ocr) {
      const rendered = await renderPdfPage(data, page);
      return (await prepareImage(rendered.png, { dpi: rendered.dpi, tableLines: false })).png;
    }
    return (await renderPdfPage(data, page, { dpi: TEXT_PDF_DPI[size] })).png;
  }
  return ocr ? (await prepareImage(data, { tableLines: false })).png : data;
}
