/**
 * The one place errors become HTTP responses: { code, message (Chinese), details, requestId }.
 * Library errors are translated here (zod, multer, body-parser, PostgreSQL errors — unwrapped from
 * Drizzle's DrizzleQueryError — see database-errors.ts).
 */
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { AppError, ERROR_TABLE, type ErrorCode } from '../errors';
import { validationError } from '../http/route';
import { fieldLabel } from '../http/field-labels';
import type { Logger } from '../logger';
import { databaseError } from './database-errors';
import { JSON_TOO_DEEP } from './json-depth';

interface HttpishError {
  code?: string;
  status?: number;
  statusCode?: number;
  type?: string;
  field?: string;
}

const MULTER: Record<string, ErrorCode> = {
  LIMIT_FILE_SIZE: 'FILE_TOO_LARGE',
  LIMIT_FILE_COUNT: 'TOO_MANY_FILES',
  LIMIT_PART_COUNT: 'TOO_MANY_FILES',
  LIMIT_UNEXPECTED_FILE: 'BAD_REQUEST',
  LIMIT_FIELD_KEY: 'BAD_REQUEST',
  LIMIT_FIELD_VALUE: 'BAD_REQUEST',
  LIMIT_FIELD_COUNT: 'BAD_REQUEST',
};

/** Maps anything thrown to an AppError. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return validationError('body', err);
  const e = (err ?? {}) as HttpishError;
  if (e.code && e.code in MULTER) {
    const code = MULTER[e.code]!;
    return new AppError(
      code,
      code === 'BAD_REQUEST'
        ? `上传内容不符合要求：${fieldLabel('body', e.field ? [e.field] : [])}`
        : undefined,
    );
  }
  if (e.code === JSON_TOO_DEEP) return new AppError('BAD_REQUEST', '请求体的嵌套层级过深');
  if (e.type === 'entity.parse.failed') return new AppError('BAD_REQUEST', '请求体不是有效的 JSON');
  if (e.type === 'entity.too.large') return new AppError('FILE_TOO_LARGE', '请求体过大');
  if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
    return new AppError('BAD_REQUEST', '请求体的字符编码不受支持，请使用 UTF-8');
  }
  const db = databaseError(err);
  if (db) return db;
  const status = e.status ?? e.statusCode;
  if (status && status >= 400 && status < 500) return new AppError('BAD_REQUEST');
  return new AppError('INTERNAL', undefined, undefined, { cause: err });
}

export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appErr = toAppError(err);
    const requestId = typeof req.id === 'string' || typeof req.id === 'number' ? String(req.id) : '';
    if (appErr.code === 'INTERNAL') logger.error({ err, requestId }, 'unhandled error');
    else logger.debug({ code: appErr.code, requestId }, appErr.message);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(ERROR_TABLE[appErr.code].status).json({
      code: appErr.code,
      message: appErr.userMessage,
      ...(appErr.details !== undefined ? { details: appErr.details } : {}),
      requestId,
    });
  };
}
