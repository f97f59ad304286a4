import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { presentToken, TokenView } from '../../presenters/account';
import { createToken, listOwnTokens, revokeToken } from '../../use-cases/accounts/api-tokens';

const IdParams = z.object({ id: z.uuid({ error: '无效的编号' }) });
const NewToken = z.object({ name: z.string().trim().min(1, '请为令牌命名').max(64) });

export const tokenRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/tokens',
    summary: '我的个人访问令牌',
    tag: '账户',
    access: 'user',
    response: z.array(TokenView),
    handler: async ({ ctx, user }) => (await listOwnTokens(ctx, user)).map(presentToken),
  }),
  defineRoute({
    method: 'post',
    path: '/api/tokens',
    summary: '新建个人访问令牌（令牌只显示这一次）',
    tag: '账户',
    access: 'user',
    body: NewToken,
    response: TokenView.extend({ token: z.string() }),
    status: 201,
    handler: async ({ ctx, user, body }) => {
      const { row, token } = await createToken(ctx, user, body.name);
      return { ...presentToken(row), token };
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/tokens/:id',
    summary: '撤销个人访问令牌',
    tag: '账户',
    access: 'user',
    params: IdParams,
    handler: async ({ ctx, user, params }) => {
      await revokeToken(ctx, user, params.id);
      return undefined;
    },
  }),
];
