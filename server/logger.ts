/** pino logger; request logs carry the request id (see middleware/request-log.ts). */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: undefined,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'password',
        '*.password',
        'res.headers["set-cookie"]',
      ],
      censor: '[已隐藏]',
    },
  });
}
