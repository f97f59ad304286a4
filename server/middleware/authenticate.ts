/**
 * Authentication: a Bearer personal API token (scripts) or the HttpOnly session cookie (web pages).
 * Cookie-authenticated requests that change state must carry the session's CSRF token in the
 * X-CSRF-Token header (synchronizer token); Bearer requests are not exposed to CSRF.
 *
 * The user behind a token or session is looked up once per database snapshot (server/http/read-cache.ts):
 * while nothing has been committed, requests reuse it; a revocation, a password change, a disabled
 * account or an ended session is a commit and is seen by the next request. A token's last use is
 * still written at most once a minute (models/user.repository.ts).
 */
import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context';
import { AppError } from '../errors';
import { toPrincipal } from '../auth/principal';
import { API_TOKEN_PREFIX, hashSecret, parseCookies, safeEqual, SESSION_COOKIE } from '../auth/tokens';
import {
  findSessionUser,
  findTokenUser,
  LAST_USED_RESOLUTION_MS,
  type User,
} from '../../models/user.repository';
import { readCacheOf, requestSnapshot } from '../http/read-cache';
import type { Principal } from '../policies/policy';

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

interface TokenUser {
  user: User;
  principal: Principal;
  /** When last_used_at was last known to be recorded (the next write is due a minute later). */
  touchedAt: number;
}

async function tokenUser(ctx: AppContext, res: Response, tokenHash: string): Promise<TokenUser | null> {
  const cache = readCacheOf(ctx);
  const key = `auth:token:${tokenHash}`;
  const snapshot = await requestSnapshot(ctx, res);
  const load = async (): Promise<TokenUser | null> => {
    const row = await findTokenUser(ctx.db, tokenHash); // records the use when a minute has passed
    if (!row) return null;
    const last = row.token.lastUsedAt?.getTime();
    const touchedAt = last !== undefined && Date.now() - last < LAST_USED_RESOLUTION_MS ? last : Date.now();
    return { user: row.user, principal: await toPrincipal(ctx.db, row.user), touchedAt };
  };
  let found = await cache.get(key, snapshot, load);
  if (found && Date.now() - found.touchedAt >= LAST_USED_RESOLUTION_MS) {
    cache.drop(key);
    found = await cache.get(key, snapshot, load);
  }
  return found;
}

async function sessionUser(ctx: AppContext, res: Response, sessionHash: string) {
  const cache = readCacheOf(ctx);
  const key = `auth:session:${sessionHash}`;
  const load = async () => {
    const row = await findSessionUser(ctx.db, sessionHash);
    return row ? { ...row, principal: await toPrincipal(ctx.db, row.user) } : null;
  };
  const found = await cache.get(key, await requestSnapshot(ctx, res), load);
  if (found && found.session.expiresAt.getTime() <= Date.now()) {
    cache.drop(key);
    return null;
  }
  return found;
}

export function authenticate(ctx: AppContext) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const auth = req.headers.authorization;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      if (!m?.[1]?.startsWith(API_TOKEN_PREFIX)) throw new AppError('UNAUTHENTICATED', '无效的访问令牌');
      const row = await tokenUser(ctx, res, hashSecret(m[1]));
      if (!row || row.user.disabled) throw new AppError('UNAUTHENTICATED', '访问令牌无效或已撤销');
      res.locals.user = row.principal;
      res.locals.authVia = 'token';
      res.locals.mustChangePassword = row.user.mustChangePassword;
      if (row.user.mustChangePassword) refuseDuringForcedChange(req);
      next();
      return;
    }
    const cookie = parseCookies(req.headers.cookie)[SESSION_COOKIE];
    if (cookie) {
      const row = await sessionUser(ctx, res, hashSecret(cookie));
      if (row && !row.user.disabled) {
        if (!SAFE_METHODS.has(req.method)) {
          const sent = req.get('x-csrf-token') ?? '';
          if (!safeEqual(sent, row.session.csrfToken)) throw new AppError('CSRF_FAILED');
        }
        res.locals.user = row.principal;
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
