/** detect_type: reads the stored original, sniffs its real type and checks it (pages, encryption, size). */
import { AppError } from '../../errors';
import { inspectFile } from '../../intake/inspect-file';
import sharp from 'sharp';
import { StopPipeline, type Stage } from '../stage';

/**
 * Decodes an image once (shrunk on load, cheap) so a photo cut short in its pixel data fails here with
 * a clear reason instead of inside an OCR worker.
 */
async function decodeCheck(data: Buffer): Promise<void> {
  try {
    await sharp(data, { failOn: 'truncated' })
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
      s.inspected = await inspectFile(s.data, { maxPages: s.app.config.MAX_PAGES });
    } catch (e) {
      if (e instanceof AppError) throw new StopPipeline(e.code, e.userMessage);
      throw e;
    }
    if (s.inspected.type !== 'pdf') await decodeCheck(s.data);
    await s.progress('detect_type', null, s.inspected.pages);
  },
};
