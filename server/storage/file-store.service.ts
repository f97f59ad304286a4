/** The process's FileStore over UPLOAD_DIR, created on first use, one per context. */
import type { AppContext } from '../context';
import { FileStore } from './file-store';

const stores = new WeakMap<AppContext, FileStore>();

export function getFileStore(ctx: AppContext): FileStore {
  let store = stores.get(ctx);
  if (!store) {
    store = new FileStore(ctx.config.UPLOAD_DIR);
    stores.set(ctx, store);
  }
  return store;
}
