import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { login } from '../../use-cases/accounts/login';
import { SESSION_COOKIE } from '../../auth/tokens';
import { toPrincipal } from '../../auth/principal';
import { presentPrincipal, UserView } from '../../presenters/account';
import { deleteSession } from '../../../models/user.repository';

const LoginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});

const SessionView = z.object({ user: UserView, csrfToken: z.string().nullable() });

export const authRoutes: AnyRoute[] = [
  defineRoute({
    method: 'post',
    path: '/api/auth/login',
    summary: '登录（设置会话 Cookie，返回 CSRF 令牌）',
    tag: '账户',
    access: 'public',
    body: LoginBody,
    response: SessionView,
    handler: async ({ ctx, body, req, res }) => {
      const r = await login(ctx, body.username, body.password);
      res.cookie(SESSION_COOKIE, r.sessionSecret, {
        httpOnly: true,
        sameSite: 'lax',
        secure: req.secure,
        path: '/',
        expires: r.expiresAt,
      });
      return { user: presentPrincipal(await toPrincipal(ctx.db, r.user)), csrfToken: r.csrfToken };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/auth/logout',
    summary: '退出登录',
    tag: '账户',
    access: 'user',
    handler: async ({ ctx, res }) => {
      const sid = res.locals.sessionId as string | undefined;
      if (sid) await deleteSession(ctx.db, sid);
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
      Promise.resolve({
        user: presentPrincipal(user),
        csrfToken: (res.locals.csrfToken as string | undefined) ?? null,
      }),
  }),
];
