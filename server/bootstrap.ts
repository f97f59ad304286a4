/**
 * Builds the application context: configuration → database (migrated) → services.
 * Used by the server, the worker and the CLI, and by tests with their own options.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import type { AppContext } from './context';
import { createLogger, type Logger } from './logger';
import { openDatabase, type Database } from '../models/db';
import { startServices, stopServices } from './services';
import { deferredServices } from './deferred-services';

export interface BootstrapOptions {
  config: Config;
  logger?: Logger;
  /** Use this database instead of opening one from the configuration (tests). */
  database?: Database;
  /** Start background services (job processing, deliveries). Default true. */
  services?: boolean;
}

/** Start-up checks (STYLE.md G6): folders exist and are writable. Throws with every problem. */
export function checkFolders(config: Config): void {
  const problems: string[] = [];
  const dirs = [config.UPLOAD_DIR, ...(config.DATABASE_URL ? [] : [config.DATA_DIR])];
  for (const dir of dirs) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      const probe = path.join(dir, `.write-test-${process.pid}`);
      fs.writeFileSync(probe, '');
      fs.rmSync(probe);
    } catch (e) {
      problems.push(`目录 ${dir} 不可写: ${(e as Error).message}`);
    }
  }
  if (problems.length) throw new Error(`启动检查失败:\n  - ${problems.join('\n  - ')}`);
}

export async function bootstrap(opts: BootstrapOptions): Promise<AppContext> {
  const { config } = opts;
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  checkFolders(config);
  const database =
    opts.database ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  try {
    await database.migrate();
  } catch (e) {
    await database.close();
    throw e;
  }
  const ctx: AppContext = { config, database, db: database.db, logger, services: deferredServices(logger) };
  if (opts.services ?? true) await startServices(ctx);
  return ctx;
}

export async function shutdown(ctx: AppContext): Promise<void> {
  await stopServices(ctx);
  await ctx.database.close();
}
