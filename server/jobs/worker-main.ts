/**
 * Extra worker process (`npm run worker`): processes document jobs from the shared PostgreSQL database
 * (DATABASE_URL) and the shared UPLOAD_DIR, without serving HTTP. Run as many as the machines allow.
 * The embedded database (PGlite) has exactly one owner, so a separate worker needs DATABASE_URL.
 */
import { shutdownOnSignals } from '../shutdown-on-signals';
import { configOrExit } from '../config';
import { bootstrap, shutdown } from '../bootstrap';
import { createLogger } from '../logger';

async function main(): Promise<void> {
  const cfg = configOrExit();
  if (!cfg.DATABASE_URL) {
    process.stderr.write(
      '独立工作进程需要共享的 PostgreSQL 数据库：请设置 DATABASE_URL（内嵌数据库模式下文档由服务器进程自行处理）。\n',
    );
    process.exit(1);
  }
  const logger = createLogger(cfg.LOG_LEVEL);
  const ctx = await bootstrap({ config: cfg, logger });
  logger.info(
    { pid: process.pid, concurrency: ctx.services.documentJobs.concurrency },
    'document worker started',
  );
  process.stdout.write(`双送检核验 文档处理进程已启动 (pid ${process.pid})\n`);
  shutdownOnSignals(logger, 'worker', () => shutdown(ctx));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `工作进程启动失败: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
