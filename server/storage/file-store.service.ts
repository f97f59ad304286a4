/** The process's FileStore over UPLOAD_DIR, created on first use and kept in the context's services. */
import type { AppContext } from '../context';
import { FileStore } from './file-store';

export function getFileStore(ctx: AppContext): FileStore {
  ctx.services.fileStore ??= new FileStore(ctx.config.UPLOAD_DIR);
  return ctx.services.fileStore;
}
