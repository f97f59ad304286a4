/**
 * pino logger; request logs carry the request id (server/app.ts). Credentials never reach a log line:
 * the Authorization header (Bearer tokens), cookies (session secrets), the CSRF token header and
 * passwords are replaced by [已隐藏].
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** `destination`: where lines go (default stdout; tests capture them). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: undefined,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'password',
        '*.password',
        'res.headers["set-cookie"]',
      ],
      censor: '[已隐藏]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
