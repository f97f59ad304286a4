/** Reading accounts within the user's scope, and disabling/enabling one or resetting its password (audited). */
import type { AppContext } from '../../context';
import { notFound } from '../../errors';
import { authorize, listScope, type Principal, type Tenancy } from '../../policies/policy';
import { resetPassword } from './passwords';
import { findUser, listUsers, setUserDisabled, type User } from '../../../models/user.repository';
import { findSchool } from '../../../models/district.repository';
import { recordAudit } from '../../../models/audit.repository';

export async function listVisibleUsers(ctx: AppContext, actor: Principal): Promise<User[]> {
  return listUsers(ctx.db, listScope(actor, 'user.read'));
}

/** An account and where it belongs (its district: its own, or its school's). */
async function accountWithTenancy(ctx: AppContext, id: string) {
  const u = await findUser(ctx.db, id);
  if (!u) return { account: undefined, tenancy: { districtId: null } satisfies Tenancy };
  const districtId =
    u.districtId ?? (u.schoolId ? ((await findSchool(ctx.db, u.schoolId))?.districtId ?? null) : null);
  return { account: u, tenancy: { districtId, schoolId: u.schoolId } satisfies Tenancy };
}

export async function userFor(ctx: AppContext, actor: Principal, id: string): Promise<User> {
  const { account, tenancy } = await accountWithTenancy(ctx, id);
  authorize(actor, 'user.read', tenancy);
  if (!account) throw notFound('用户');
  return account;
}

/** Disables/enables an account and/or resets its password; returns the account as it is now. */
export async function updateUser(
  ctx: AppContext,
  actor: Principal,
  id: string,
  change: { disabled?: boolean; password?: string },
): Promise<User> {
  const { account, tenancy } = await accountWithTenancy(ctx, id);
  authorize(actor, 'user.manage', tenancy);
  if (!account) throw notFound('用户');
  if (change.password !== undefined) {
    await resetPassword(ctx, actor, account, change.password, tenancy.districtId);
  }
  await ctx.db.transaction(async (tx) => {
    if (change.disabled !== undefined) await setUserDisabled(tx, account.id, change.disabled);
    await recordAudit(tx, {
      userId: actor.id,
      action: 'user.update',
      resourceType: 'user',
      resourceId: account.id,
      districtId: tenancy.districtId,
      details: { disabled: change.disabled, passwordReset: change.password !== undefined },
    });
  });
  return (await findUser(ctx.db, account.id))!;
}
