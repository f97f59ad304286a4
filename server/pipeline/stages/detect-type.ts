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
import { inspectFile, storedInspection } from '../../intake/inspect-file';
import { StopPipeline, type Stage } from '../stage';

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

export const detectTypeStage: Stage = {
  name: 'detect_type',
  async run(s) {
    try {
      s.data = await s.files.readOriginal(s.doc.sha256);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      throw new StopPipeline('FILE_MISSING', '原始文件在存储中找不到（可能已被移动或删除），请重新上传');
    }
    try {
      const blob = await findBlob(s.app.db, s.doc.sha256);
      s.inspected =
        (blob && storedInspection(blob)) ?? (await inspectFile(s.data, { maxPages: s.app.config.MAX_PAGES }));
      // the one image limit, for a photo stored before it applied at upload (cheap: the header only)
      if (s.inspected.type !== 'pdf') checkImageHeader(s.data);
    } catch (e) {
      if (e instanceof AppError) throw new StopPipeline(e.code, e.userMessage);
      throw e;
    }
    if (s.inspected.type !== 'pdf') await decodeCheck(s.data);
    await s.progress('detect_type', null, s.inspected.pages);
  },
};
