/**
 * Server entry: config → start-up checks → database + migrations → demo data on an empty
 * embedded database → listen → graceful shutdown.
 */
import type { Server } from 'node:http';
import { configOrExit } from './config';
import { bootstrap, shutdown } from './bootstrap';
import { createApp } from './app';
import { createLogger } from './logger';
import { shutdownOnSignals } from './shutdown-on-signals';
import { formatDemoAccounts, hasAnyUser, loadDemo } from './use-cases/accounts/load-demo';
import { loadDemoDocuments } from './use-cases/accounts/load-demo-documents';
import { DataDirLockedError } from '../models/data-dir-lock';

async function main(): Promise<void> {
  const cfg = configOrExit();
  const logger = createLogger(cfg.LOG_LEVEL);
  let ctx;
  try {
    ctx = await bootstrap({ config: cfg, logger });
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  let demo = false;
  if (!cfg.DATABASE_URL && cfg.DEMO_ON_EMPTY === '1' && !(await hasAnyUser(ctx.db))) {
    const accounts = await loadDemo(ctx.db);
    process.stdout.write(`\n首次启动：已载入演示区县。\n${formatDemoAccounts(accounts)}\n\n`);
    demo = true;
  }
  const app = createApp(ctx);
  const server: Server = app.listen(cfg.PORT, cfg.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : cfg.PORT;
  logger.info({ port, database: ctx.database.driver }, 'listening');
  process.stdout.write(
    `双送检核验 已启动: http://localhost:${port}/ （数据库: ${ctx.database.driver === 'pglite' ? `内嵌 ${cfg.DATA_DIR}` : 'PostgreSQL'}）\n`,
  );

  if (demo) {
    // read in the background: the service answers at once; the documents are verified within seconds
    loadDemoDocuments(ctx).then(
      (r) => {
        process.stdout.write(
          `演示文档已识别并核验（${r.documentIds.length} 份）${r.listVersion ? `，已发送供货企业名单第 ${r.listVersion} 版` : ''}。\n`,
        );
      },
      (e: unknown) => logger.error({ err: e }, 'demo documents could not be loaded'),
    );
  }

  shutdownOnSignals(logger, 'server', async () => {
    server.close();
    server.closeAllConnections();
    await shutdown(ctx);
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`启动失败: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
