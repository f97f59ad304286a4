/** 个人访问令牌: a user's own API tokens — listed, created (the secret shown once) and revoked, audited. */
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { authorize, type Principal } from '../../policies/policy';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../../auth/tokens';
import {
  insertApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiToken,
} from '../../../models/user.repository';
import { recordAudit } from '../../../models/audit.repository';

export async function listOwnTokens(ctx: AppContext, user: Principal): Promise<ApiToken[]> {
  authorize(user, 'token.manage');
  return listApiTokens(ctx.db, user.id);
}

/** Creates a token; its secret is returned here only (the database keeps its hash). */
export async function createToken(
  ctx: AppContext,
  user: Principal,
  name: string,
): Promise<{ row: ApiToken; token: string }> {
  authorize(user, 'token.manage');
  const token = newSecret(API_TOKEN_PREFIX);
  const row = await ctx.db.transaction(async (tx) => {
    const created = await insertApiToken(tx, { userId: user.id, name, tokenHash: hashSecret(token) });
    await recordAudit(tx, {
      userId: user.id,
      action: 'token.create',
      resourceType: 'api_token',
      resourceId: created.id,
      districtId: user.districtId,
    });
    return created;
  });
  return { row, token };
}

export async function revokeToken(ctx: AppContext, user: Principal, id: string): Promise<void> {
  authorize(user, 'token.manage');
  await ctx.db.transaction(async (tx) => {
    const row = await revokeApiToken(tx, user.id, id);
    if (!row) throw notFound('令牌');
    await recordAudit(tx, {
      userId: user.id,
      action: 'token.revoke',
      resourceType: 'api_token',
      resourceId: row.id,
      districtId: user.districtId,
    });
  });
}
