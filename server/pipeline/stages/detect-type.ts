/** detect_type: reads the stored original, sniffs its real type and checks it (pages, encryption, size). */
import { AppError } from '../../errors';
import { inspectFile } from '../../intake/inspect-file';
import { StopPipeline, type Stage } from '../stage';

export const detectTypeStage: Stage = {
  name: 'detect_type',
  async run(s) {
    s.data = await s.files.readOriginal(s.doc.sha256);
    try {
      s.inspected = await inspectFile(s.data, { maxPages: s.app.config.MAX_PAGES });
    } catch (e) {
      if (e instanceof AppError) throw new StopPipeline(e.code, e.userMessage);
      throw e;
    }
    await s.progress('detect_type', null, s.inspected.pages);
  },
};
