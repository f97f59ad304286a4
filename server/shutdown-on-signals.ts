/**
 * Graceful stop for the server and worker processes: on SIGINT/SIGTERM run `stop` once, then exit
 * 0 (or 1 when stopping failed).
 */
import type { Logger } from './logger';

export function shutdownOnSignals(logger: Logger, process_: string, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${process_} shutting down`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, `${process_} shutdown failed`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
