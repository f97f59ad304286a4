/**
 * Authentication: a Bearer personal API token (scripts) or the HttpOnly session cookie (web pages).
 * Cookie-authenticated requests that change state must carry the session's CSRF token in the
 * X-CSRF-Token header (synchronizer token); Bearer requests are not exposed to CSRF.
 */
import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { toPrincipal } from '../auth/principal';
import { API_TOKEN_PREFIX, hashSecret, parseCookies, safeEqual, SESSION_COOKIE } from '../auth/tokens';
import { findSessionUser, findTokenUser } from '../../models/user.repository';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * While an administrator's reset is pending, the user may only see who they are, change the
 * password or log out (issue: forced change at next login).
 */
const DURING_FORCED_CHANGE = new Set([
  'GET /api/auth/me',
  'POST /api/auth/password',
  'POST /api/auth/logout',
]);

function refuseDuringForcedChange(req: Request): void {
  if (req.path.startsWith('/api/') && !DURING_FORCED_CHANGE.has(`${req.method} ${req.path}`)) {
    throw new AppError('PASSWORD_CHANGE_REQUIRED');
  }
}

export function authenticate(ctx: AppContext) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!m?.[1]?.startsWith(API_TOKEN_PREFIX)) throw new AppError('UNAUTHENTICATED', '无效的访问令牌');
      const row = await findTokenUser(ctx.db, hashSecret(m[1]));
      if (!row || row.user.disabled) throw new AppError('UNAUTHENTICATED', '访问令牌无效或已撤销');
      res.locals.user = await toPrincipal(ctx.db, row.user);
      res.locals.authVia = 'token';
      res.locals.mustChangePassword = row.user.mustChangePassword;
      if (row.user.mustChangePassword) refuseDuringForcedChange(req);
      next();
      return;
    }
    const cookie = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (cookie) {
      const row = await findSessionUser(ctx.db, hashSecret(cookie));
      if (row && !row.user.disabled) {
        if (!SAFE_METHODS.has(req.method)) {
          const sent = req.get('x-csrf-token') ?? '';
          if (!safeEqual(sent, row.session.csrfToken)) throw new AppError('CSRF_FAILED');
        }
        res.locals.user = await toPrincipal(ctx.db, row.user);
        res.locals.authVia = 'session';
        res.locals.sessionId = row.session.id;
        res.locals.csrfToken = row.session.csrfToken;
        res.locals.mustChangePassword = row.user.mustChangePassword;
        if (row.user.mustChangePassword) refuseDuringForcedChange(req);
      }
    }
    next();
  };
}
