/** 登录: checks the password, applies the lockout, opens a session. */
import type { AppContext } from '../../context';
import { AppError } from '../../errors';
import { DUMMY_HASH, verifyPassword } from '../../auth/passwords';
import { LOCK_MINUTES, MAX_LOGIN_FAILURES, newSecret, hashSecret, SESSION_HOURS } from '../../auth/tokens';
import {
  findUserByUsername,
  insertSession,
  recordLoginFailure,
  recordLoginSuccess,
  type User,
} from '../../../models/user.repository';
import { recordAudit } from '../../../models/audit.repository';

export interface LoginResult {
  user: User;
  sessionSecret: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function login(ctx: AppContext, username: string, password: string): Promise<LoginResult> {
  const user = await findUserByUsername(ctx.db, username);
  if (!user) {
    await verifyPassword(password, DUMMY_HASH); // same timing as a wrong password
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    const minutes = Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60000);
    throw new AppError('ACCOUNT_LOCKED', `登录失败次数过多，账户已锁定，请 ${minutes} 分钟后再试`);
  }
  if (user.disabled || !(await verifyPassword(password, user.passwordHash))) {
    await recordLoginFailure(ctx.db, user.id, MAX_LOGIN_FAILURES, LOCK_MINUTES);
    const left = MAX_LOGIN_FAILURES - (user.failedLogins + 1);
    if (left <= 0) throw new AppError('ACCOUNT_LOCKED', `登录失败次数过多，账户已锁定 ${LOCK_MINUTES} 分钟`);
    throw new AppError('INVALID_CREDENTIALS', `用户名或密码错误（还可尝试 ${left} 次）`);
  }
  await recordLoginSuccess(ctx.db, user.id);
  const sessionSecret = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await insertSession(ctx.db, { id: hashSecret(sessionSecret), userId: user.id, csrfToken, expiresAt });
  await recordAudit(ctx.db, {
    userId: user.id,
    action: 'login',
    resourceType: 'user',
    resourceId: user.id,
    districtId: user.districtId,
  });
  return { user, sessionSecret, csrfToken, expiresAt };
}
