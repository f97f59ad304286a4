/** Browser sessions: a random secret in an HttpOnly cookie, stored only as its SHA-256, with a CSRF token. */
import type { Db, Tx } from '../../models/db';
import { insertSession } from '../../models/user.repository';
import { hashSecret, newSecret, SESSION_HOURS } from './tokens';

export interface OpenedSession {
  sessionSecret: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function openSession(db: Db | Tx, userId: string): Promise<OpenedSession> {
  const sessionSecret = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await insertSession(db, { id: hashSecret(sessionSecret), userId, csrfToken, expiresAt });
  return { sessionSecret, csrfToken, expiresAt };
}
