import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { authorize } from '../../policies/policy';
import { notFound } from '../../errors';
import { presentToken, TokenView } from '../../presenters/account';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../../auth/tokens';
import { insertApiToken, listApiTokens, revokeApiToken } from '../../../models/user.repository';
import { recordAudit } from '../../../models/audit.repository';

const IdParams = z.object({ id: z.string().uuid('无效的编号') });
const NewToken = z.object({ name: z.string().trim().min(1, '请为令牌命名').max(64) });

export const tokenRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/tokens',
    summary: '我的个人访问令牌',
    tag: '账户',
    access: 'user',
    response: z.array(TokenView),
    handler: async ({ ctx, user }) => {
      authorize(user, 'token.manage');
      return (await listApiTokens(ctx.db, user.id)).map(presentToken);
    },
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
      authorize(user, 'token.manage');
      const token = newSecret(API_TOKEN_PREFIX);
      const row = await insertApiToken(ctx.db, {
        userId: user.id,
        name: body.name,
        tokenHash: hashSecret(token),
      });
      await recordAudit(ctx.db, {
        userId: user.id,
        action: 'token.create',
        resourceType: 'api_token',
        resourceId: row.id,
        districtId: user.districtId,
      });
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
      authorize(user, 'token.manage');
      const row = await revokeApiToken(ctx.db, user.id, params.id);
      if (!row) throw notFound('令牌');
      await recordAudit(ctx.db, {
        userId: user.id,
        action: 'token.revoke',
        resourceType: 'api_token',
        resourceId: row.id,
        districtId: user.districtId,
      });
      return undefined;
    },
  }),
];
