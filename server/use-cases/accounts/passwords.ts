/**
 * 修改密码 and 重置密码. Either way the new password is set in one transaction with ending every
 * session and revoking every API token of the user (issue: accounts that hold), and the change is
 * audited. An administrator's reset also makes the user choose their own password at the next login.
 */
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { hashPassword, passwordProblem, verifyPassword } from '../../auth/passwords';
import { beginLoginAttempt, clearLoginFailures } from '../../auth/login-throttle';
import { openSession, type OpenedSession } from '../../auth/sessions';
import type { Principal } from '../../policies/policy';
import { findUser, replacePassword, type User } from '../../../models/user.repository';
import { recordAudit } from '../../../models/audit.repository';

function checkPolicy(password: string, field: string): void {
  const problem = passwordProblem(password);
  if (problem) {
    throw new AppError('VALIDATION_FAILED', problem, [{ field, label: '新密码', message: problem }]);
  }
}

/**
 * The signed-in user changes their own password: the current one is checked (wrong guesses count
 * like failed logins), every old session and token ends, and a fresh session is opened for the
 * browser that made the change.
 */
export async function changeOwnPassword(
  ctx: AppContext,
  principal: Principal,
  currentPassword: string,
  newPassword: string,
  clientIp: string,
): Promise<{ user: User; session: OpenedSession }> {
  const user = await findUser(ctx.db, principal.id);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const attempt = await beginLoginAttempt(ctx.db, user.username, clientIp, ctx.config.LOGIN_RATE_LIMIT);
  if (!(await verifyPassword(currentPassword, user.passwordHash))) {
    await attempt.failed();
    throw new AppError('INVALID_CREDENTIALS', '当前密码不正确', [
      { field: 'body.currentPassword', label: '当前密码', message: '当前密码不正确' },
    ]);
  }
  await attempt.succeeded();
  checkPolicy(newPassword, 'body.newPassword');
  if (newPassword === currentPassword) {
    throw new AppError('VALIDATION_FAILED', '新密码不能与当前密码相同', [
      { field: 'body.newPassword', label: '新密码', message: '新密码不能与当前密码相同' },
    ]);
  }
  const hash = await hashPassword(newPassword);
  const session = await ctx.db.transaction(async (tx) => {
    const ended = await replacePassword(tx, user.id, hash, false);
    await recordAudit(tx, {
      userId: user.id,
      action: 'user.password.change',
      resourceType: 'user',
      resourceId: user.id,
      districtId: principal.districtId,
      details: ended,
    });
    return openSession(tx, user.id);
  });
  await clearLoginFailures(ctx.db, user.username);
  return { user: (await findUser(ctx.db, user.id))!, session };
}

/** An administrator sets a new password for `target`; the user must change it at the next login. */
export async function resetPassword(
  ctx: AppContext,
  actor: Principal,
  target: User,
  newPassword: string,
  districtId: string | null,
): Promise<void> {
  checkPolicy(newPassword, 'body.password');
  const hash = await hashPassword(newPassword);
  await ctx.db.transaction(async (tx) => {
    const ended = await replacePassword(tx, target.id, hash, true);
    await recordAudit(tx, {
      userId: actor.id,
      action: 'user.password.reset',
      resourceType: 'user',
      resourceId: target.id,
      districtId,
      details: ended,
    });
  });
  await clearLoginFailures(ctx.db, target.username);
}
