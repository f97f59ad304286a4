/**
 * A route is declared once (STYLE.md G4): method, path, zod schemas for params/query/body and the
 * response, and a plain async handler. From the same declarations we mount Express routes
 * (validation → handler → JSON) and generate the OpenAPI document — it is never hand-written.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { z, type ZodType } from 'zod';
import type { Principal } from '../policies/policy';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { fieldLabel } from './field-labels';
import { findControlCharacter } from './control-characters';
import './zod-zh';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** How a route is reached: public (no login) or with a logged-in user. */
export type Access = 'public' | 'user';

export interface HandlerInput<P, Q, B> {
  ctx: AppContext;
  user: Principal;
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

export interface RouteDef<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Express path, e.g. '/api/schools/:id' */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Response body schema (documentation and the contract the presenters follow). */
  response?: ZodType;
  /** Success status (default 200). */
  status?: number;
  /** Content type of the success response when it is not JSON (exports). */
  produces?: string[];
  /**
   * Express middleware run after authentication and before validation (e.g. multer), or a function
   * building them from the app context (when they need its configuration).
   */
  before?: RequestHandler[] | ((ctx: AppContext) => RequestHandler[]);
  /** multipart/form-data request (documented as such). */
  multipart?: boolean;
  /**
   * Returns the response body (sent as JSON with `status`), or undefined when the handler
   * wrote the response itself (file downloads).
   */
  handler: (input: HandlerInput<P, Q, B>) => Promise<unknown>;
}

/** Identity helper that keeps the generic types of one route together. */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  def: RouteDef<P, Q, B>,
): RouteDef<P, Q, B> {
  return def;
}

/**
 * Turns a ZodError into our VALIDATION_FAILED error. The message names each field in Chinese
 * (「用户名：至少 3 个字符」, never a request path such as `body.username`); `details` keep the path for
 * programs: [{ field: 'body.username', label: '用户名', message }].
 */
export function validationError(where: string, error: z.ZodError): AppError {
  const details = error.issues.map((i) => ({
    field: [where, ...i.path.map(String)].join('.'),
    label: fieldLabel(where, i.path),
    message: i.message,
  }));
  // A schema's own message may already name the field (请输入用户名): then it is not named twice.
  const text = details
    .map((d) => (d.message.includes(d.label) ? d.message : `${d.label}：${d.message}`))
    .join('；');
  return new AppError('VALIDATION_FAILED', `提交的数据不符合要求：${text}`, details);
}

function parsePart<T>(schema: ZodType<T> | undefined, value: unknown, where: string): T {
  const input = value ?? (where === 'body' ? undefined : {});
  const bad = findControlCharacter(input);
  if (bad) {
    const label = fieldLabel(where, bad.path);
    const message = bad.inKey ? '字段名含有不允许的控制字符' : '含有不允许的控制字符（如 NUL）或不完整的字符';
    throw new AppError('VALIDATION_FAILED', `提交的数据不符合要求：${label}：${message}`, [
      { field: [where, ...bad.path.map(String)].join('.'), label, message },
    ]);
  }
  if (!schema) return (where === 'body' ? undefined : {}) as T;
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(where, r.error);
  return r.data;
}

/** The route's `before` middleware for this app context. */
export function beforeHandlers(def: { before?: RouteDef['before'] }, ctx: AppContext): RequestHandler[] {
  return typeof def.before === 'function' ? def.before(ctx) : (def.before ?? []);
}

/** Express handler for one route: validates, calls the handler, writes the result. */
export function toExpressHandler(def: RouteDef<unknown, unknown, unknown>, ctx: AppContext): RequestHandler {
  return async (req: Request, res: Response, _next: NextFunction) => {
    const user = res.locals.user as Principal | undefined;
    if (def.access === 'user' && !user) throw new AppError('UNAUTHENTICATED');
    const params = parsePart(def.params, req.params, 'params');
    const query = parsePart(def.query, req.query, 'query');
    const body = parsePart(def.body, req.body as unknown, 'body');
    const result = await def.handler({ ctx, user: user as Principal, params, query, body, req, res });
    if (result === undefined) {
      if (!res.headersSent) res.status(def.status ?? 204).end();
      return;
    }
    res.status(def.status ?? 200).json(result);
  };
}

/** '/api/schools/:id' → '/api/schools/{id}' */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** A route of any parameter types, for lists of routes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDef<any, any, any>;
