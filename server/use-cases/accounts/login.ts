/** 登录: throttles (per name and per address, in the database), checks the password, opens a session. */
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { DUMMY_HASH, verifyPassword } from '../../auth/passwords';
import { beginLoginAttempt } from '../../auth/login-throttle';
import { openSession } from '../../auth/sessions';
import { deleteSession, findUserByUsername, type User } from '../../../models/user.repository';
import { recordAudit } from '../../../models/audit.repository';

export interface LoginResult {
  user: User;
  sessionSecret: string;
  csrfToken: string;
  expiresAt: Date;
}

/**
 * Unknown names, disabled accounts and wrong passwords get the same answer after the same work
 * (one scrypt), so neither the message nor the timing tells which names exist.
 */
export async function login(
  ctx: AppContext,
  username: string,
  password: string,
  clientIp: string,
): Promise<LoginResult> {
  const attempt = await beginLoginAttempt(ctx.db, username, clientIp, ctx.config.LOGIN_RATE_LIMIT);
  const user = await findUserByUsername(ctx.db, username);
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || user.disabled || !ok) {
    await attempt.failed();
    const left = attempt.remainingAfterFailure;
    if (left <= 0) {
      throw new AppError('ACCOUNT_LOCKED', '登录失败次数过多，账户已锁定，请稍后再试');
    }
    throw new AppError('INVALID_CREDENTIALS', `用户名或密码错误（还可尝试 ${left} 次）`);
  }
  await attempt.succeeded();
  const session = await openSession(ctx.db, user.id);
  await recordAudit(ctx.db, {
    userId: user.id,
    action: 'login',
    resourceType: 'user',
    resourceId: user.id,
    districtId: user.districtId,
  });
  return { user, ...session };
}

/** 退出登录: ends the session the request came with (a Bearer-token request has none to end). */
export async function logout(ctx: AppContext, sessionId: string | undefined): Promise<void> {
  if (sessionId) await deleteSession(ctx.db, sessionId);
}
