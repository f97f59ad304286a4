/**
 * Configuration: read from the environment once, validated with zod, frozen (STYLE.md G6).
 * Nothing else in the code base reads process.env.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const intFromEnv = (def: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: intFromEnv(3000).refine((p) => p <= 65535, 'must be a port number (0-65535)'),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  UPLOAD_DIR: z.string().default('./uploads'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL'),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  OCR_WORKERS: intFromEnv(os.cpus().length || 1).refine((n) => n >= 1 && n <= 64, 'must be 1-64'),
  OCR_ENGINE: z.enum(['tesseract', 'paddle']).default('paddle'),
  /** PaddleOCR: processes, each with its own models (~0.6–0.8 GB) and OCR_WORKERS / processes threads. */
  PADDLE_PROCESSES: intFromEnv(1).refine((n) => n >= 1 && n <= 16, 'must be 1-16'),
  MAX_UPLOAD_MB: intFromEnv(30).refine((n) => n >= 1, 'must be at least 1'),
  MAX_PAGES: intFromEnv(100).refine((n) => n >= 1, 'must be at least 1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('双送检核验 <noreply@localhost>'),
  LOGIN_RATE_LIMIT: intFromEnv(20),
  /** Webhook/e-mail deliveries of sampling lists: poll interval, first retry delay (doubles), attempts, timeout. */
  WEBHOOK_POLL_MS: intFromEnv(5000).refine((n) => n >= 10, 'must be at least 10'),
  WEBHOOK_BACKOFF_MS: intFromEnv(30_000),
  WEBHOOK_MAX_ATTEMPTS: intFromEnv(10).refine((n) => n >= 1, 'must be at least 1'),
  WEBHOOK_TIMEOUT_MS: intFromEnv(10_000).refine((n) => n >= 100, 'must be at least 100'),
  /**
   * Let webhooks reach loopback, private, link-local and other internal addresses (tests, closed
   * networks). Off by default: a registered URL could otherwise make the server call internal hosts.
   */
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  DEMO_ON_EMPTY: z.enum(['0', '1']).default('1'),
});

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`配置错误 (CONFIG_INVALID):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses an environment object; throws ConfigError listing every problem at once. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const result = ConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = result.data;
  return Object.freeze({
    ...c,
    DATA_DIR: path.resolve(c.DATA_DIR),
    UPLOAD_DIR: path.resolve(c.UPLOAD_DIR),
  });
}

let cached: Config | undefined;

/** The process configuration, parsed on first use. */
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests: replace the configuration for this process. */
export function setConfigForTests(overrides: Partial<Record<keyof Config, string>>): Config {
  cached = parseConfig({ ...process.env, ...overrides });
  return cached;
}

/** For process entry points: the configuration, or every problem printed and exit code 1. */
export function configOrExit(): Config {
  try {
    return config();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
