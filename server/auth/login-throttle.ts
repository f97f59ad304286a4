/**
 * How logins are limited (issue: accounts that hold). Failures are counted in the database, shared
 * by every process, per account name and per client address:
 *  - an account name allows MAX_LOGIN_FAILURES failures; each is forgotten FAILURE_DECAY_MINUTES
 *    later, one at a time — so five quick failures lock the name for a few minutes, and after the
 *    lock one more wrong password does not lock it again for long (the count decays, it is not reset
 *    to a full lock);
 *  - a client address allows LOGIN_RATE_LIMIT failures per 15 minutes (decaying the same way), over
 *    all names it tries — one school network logging in all day is never limited by its successes.
 * Names are counted whether or not the account exists, so the answers (还可尝试 N 次, 账户已锁定) say
 * nothing about which user names exist.
 */
import type { Db } from '../../models/db';
import {
  clearAttempts,
  refundAttempt,
  sweepAttempts,
  takeAttempt,
  type ThrottleRule,
} from '../../models/login-throttle.repository';
import { AppError } from '../errors';

export const MAX_LOGIN_FAILURES = 5;
export const FAILURE_DECAY_MINUTES = 3;
const ADDRESS_WINDOW_MINUTES = 15;

const ACCOUNT_RULE: ThrottleRule = { limit: MAX_LOGIN_FAILURES, decaySeconds: FAILURE_DECAY_MINUTES * 60 };

function addressRule(perWindow: number): ThrottleRule {
  return { limit: perWindow, decaySeconds: (ADDRESS_WINDOW_MINUTES * 60) / perWindow };
}

/** User names are compared as typed, but counted case-insensitively (Admin and admin share a count). */
export const accountKey = (username: string) => `user:${username.normalize('NFKC').toLowerCase()}`;
export const addressKey = (ip: string) => `addr:${ip}`;

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/** One login attempt's place in both counters; call `succeeded()` or `failed()` once it is decided. */
export interface LoginAttempt {
  /** Failures still allowed for this name after this one fails. */
  remainingAfterFailure: number;
  succeeded(): Promise<void>;
  failed(): Promise<void>;
}

/**
 * Reserves an attempt for `username` from `ip` before the password is checked (so 30 concurrent
 * guesses cannot all be checked). Throws RATE_LIMITED (address) or ACCOUNT_LOCKED (name).
 */
export async function beginLoginAttempt(
  db: Db,
  username: string,
  ip: string,
  addressLimit: number,
): Promise<LoginAttempt> {
  const account = accountKey(username);
  const address = addressKey(ip);
  const byAddress = await takeAttempt(db, address, addressRule(addressLimit));
  if (!byAddress.allowed) {
    throw new AppError(
      'RATE_LIMITED',
      `登录尝试过于频繁，请 ${minutes(byAddress.retryAfterSeconds)} 分钟后再试`,
      { retryAfterSeconds: byAddress.retryAfterSeconds },
    );
  }
  const byAccount = await takeAttempt(db, account, ACCOUNT_RULE);
  if (!byAccount.allowed) {
    throw new AppError(
      'ACCOUNT_LOCKED',
      `登录失败次数过多，账户已锁定，请 ${minutes(byAccount.retryAfterSeconds)} 分钟后再试`,
      { retryAfterSeconds: byAccount.retryAfterSeconds },
    );
  }
  return {
    remainingAfterFailure: Math.max(0, Math.floor(MAX_LOGIN_FAILURES - byAccount.score + 1e-9)),
    succeeded: async () => {
      // Success is not a failure: the address gets its attempt back, the name starts afresh.
      await refundAttempt(db, address);
      await clearAttempts(db, account);
    },
    failed: async () => {
      // Counters untouched for a day have decayed to nothing; forget them now and then.
      if (Math.random() < 0.02) await sweepAttempts(db);
    },
  };
}

/** A new password (own change or administrator's reset) ends any lock on the name. */
export async function clearLoginFailures(db: Db, username: string): Promise<void> {
  await clearAttempts(db, accountKey(username));
}
