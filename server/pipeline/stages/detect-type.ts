/**
 * detect_type: reads the stored original and takes the inspection made at upload (type, pages, kept on
 * the blob row); a file stored before inspections were kept is inspected now. Photos are decoded once,
 * small, so one cut short in its pixel data fails here with a clear reason.
 */
import sharp from 'sharp';
import { findBlob } from '../../../models/document.repository';
import { AppError } from '../../errors';
import { checkImageHeader } from '../../extract/file-header';
import { MAX_IMAGE_PIXELS } from '../../extract/limits';
import { inspectFile, storedInspection, type InspectedFile } from '../../intake/inspect-file';
import { StopPipeline, type ReadInput } from '../stage';

export interface StoredFile {
  data: Buffer;
  inspected: InspectedFile;
}

/**
 * Decodes an image once (shrunk on load, cheap) so a photo cut short in its pixel data fails here with
 * a clear reason instead of inside an OCR worker.
 */
async function decodeCheck(data: Buffer): Promise<void> {
  try {
    await sharp(data, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS })
      .resize({ width: 256, withoutEnlargement: true })
      .raw()
      .toBuffer();
  } catch {
    throw new StopPipeline('CORRUPT_FILE', '图片文件不完整或已损坏，无法读取');
  }
}

export async function detectType(input: ReadInput): Promise<StoredFile> {
  let data: Buffer;
  try {
    data = await input.files.readOriginal(input.doc.sha256);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    throw new StopPipeline('FILE_MISSING', '原始文件在存储中找不到（可能已被移动或删除），请重新上传');
  }
  let inspected: InspectedFile;
  try {
    const blob = await findBlob(input.db, input.doc.sha256);
    inspected = (blob && storedInspection(blob)) ?? (await inspectFile(data, { maxPages: input.maxPages }));
    // the one image limit, for a photo stored before it applied at upload (cheap: the header only)
    if (inspected.type !== 'pdf') checkImageHeader(data);
  } catch (e) {
    if (e instanceof AppError) throw new StopPipeline(e.code, e.userMessage);
    throw e;
  }
  if (inspected.type !== 'pdf') await decodeCheck(data);
  await input.progress('detect_type', null, inspected.pages);
  return { data, inspected };
}
