import type { Request, Response } from 'express';
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { login, logout } from '../../use-cases/accounts/login';
import { changeOwnPassword } from '../../use-cases/accounts/passwords';
import { SESSION_COOKIE } from '../../auth/tokens';
import { toPrincipal } from '../../auth/principal';
import type { OpenedSession } from '../../auth/sessions';
import { presentSession, SessionView } from '../../presenters/account';

const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});

const PasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});

/** The client address the login counters use (the proxy's view when behind a trusted proxy). */
const clientIp = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

function setSessionCookie(req: Request, res: Response, s: OpenedSession): void {
  res.cookie(SESSION_COOKIE, s.sessionSecret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.secure,
    path: '/',
    expires: s.expiresAt,
  });
}

export const authRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/api/auth/login',
    summary: '登录（设置会话 Cookie，返回 CSRF 令牌）；失败按账户和来源地址计数',
    tag: '账户',
    access: 'public',
    body: LoginBody,
    response: SessionView,
    handler: async ({ ctx, body, req, res }) => {
      const r = await login(ctx, body.username, body.password, clientIp(req));
      setSessionCookie(req, res, r);
      return presentSession(await toPrincipal(ctx.db, r.user), r.user.mustChangePassword, r.csrfToken);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/password',
    summary: '修改自己的密码（结束该用户所有会话并撤销所有访问令牌，本浏览器换发新会话）',
    tag: '账户',
    access: 'user',
    body: PasswordBody,
    response: SessionView,
    handler: async ({ ctx, user, body, req, res }) => {
      const r = await changeOwnPassword(ctx, user, body.currentPassword, body.newPassword, clientIp(req));
      setSessionCookie(req, res, r.session);
      return presentSession(user, false, r.session.csrfToken);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/logout',
    summary: '退出登录',
    tag: '账户',
    access: 'user',
    handler: async ({ ctx, res }) => {
      await logout(ctx, res.locals.sessionId as string | undefined);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      return undefined;
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/auth/me',
    summary: '当前用户与 CSRF 令牌',
    tag: '账户',
    access: 'user',
    response: SessionView,
    handler: ({ user, res }) =>
      Promise.resolve(
        presentSession(
          user,
          res.locals.mustChangePassword === true,
          (res.locals.csrfToken as string | undefined) ?? null,
        ),
      ),
  }),
];
