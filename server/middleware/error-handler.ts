/**
 * The one place errors become HTTP responses: { code, message (Chinese), details, requestId }.
 * Library errors are translated here (zod, multer, body-parser, PostgreSQL unique violation).
 */
import type { NextFunction, Request, Response } from 'express';
import { ZodError } from 'zod';
import { AppError, ERROR_TABLE, type ErrorCode } from '../errors';
import { validationError } from '../http/route';
import type { Logger } from '../logger';

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
    return new AppError(code, code === 'BAD_REQUEST' ? `上传字段不符合要求：${e.field ?? ''}` : undefined);
  }
  if (e.type === 'entity.parse.failed') return new AppError('BAD_REQUEST', '请求体不是有效的 JSON');
  if (e.type === 'entity.too.large') return new AppError('FILE_TOO_LARGE', '请求体过大');
  if (e.code === '23505') return new AppError('CONFLICT');
  if (e.code === '23503') return new AppError('BAD_REQUEST', '引用的记录不存在');
  if (e.code === '22P02') return new AppError('VALIDATION_FAILED', '参数格式不正确');
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
