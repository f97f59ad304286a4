/**
 * A page of a document as a PNG for the review page: PDFs are rendered (server/extract/render-pdf.ts),
 * photos turned upright and scaled. Made once per page and kept under derived/.
 */
import sharp from 'sharp';
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { renderPdfPage } from '../../extract/render-pdf';
import { sniffFileType } from '../../extract/file-header';
import { getFileStore } from '../../storage/file-store.service';
import type { DocumentWithDistrict } from '../../../models/document.repository';

/** Width of review page images (enough to read a table, small enough to load quickly). */
const REVIEW_WIDTH = 1400;

export async function renderDocumentPage(
  ctx: AppContext,
  doc: DocumentWithDistrict,
  page: number,
): Promise<Buffer> {
  const store = getFileStore(ctx);
  const name = `page-${page}-w${REVIEW_WIDTH}.png`;
  const cached = await store.readDerived(doc.sha256, name);
  if (cached) return cached;
  const data = await store.readOriginal(doc.sha256);
  const type = sniffFileType(data.subarray(0, 4096));
  let image: Buffer;
  if (type === 'pdf') {
    if (doc.pageCount !== null && page > doc.pageCount) {
      throw new AppError('NOT_FOUND', `该文档只有 ${doc.pageCount} 页`);
    }
    image = (await renderPdfPage(data, page, { dpi: 150 })).png;
  } else {
    if (page !== 1) throw new AppError('NOT_FOUND', '图片文件只有 1 页');
    image = data;
  }
  let png: Buffer;
  try {
    png = await sharp(image, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize({ width: REVIEW_WIDTH, withoutEnlargement: true })
      .png({ compressionLevel: 6 })
      .toBuffer();
  } catch (e) {
    throw new AppError('CORRUPT_FILE', '无法生成页面图片：文件已损坏', undefined, { cause: e });
  }
  await store.writeDerived(doc.sha256, name, png);
  return png;
}
