import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { apiTokens, schools, sessions, users } from './schema';

export type User = typeof users.$inferSelect;
export type Role = User['role'];
export type ApiToken = typeof apiTokens.$inferSelect;

export async function insertUser(
  db: Db | Tx,
  u: {
    username: string;
    displayName: string;
    passwordHash: string;
    role: Role;
    schoolId?: string | null;
    districtId?: string | null;
  },
): Promise<User> {
  const [row] = await db.insert(users).values(u).returning();
  return row!;
}

export async function findUserByUsername(db: Db | Tx, username: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row;
}

export async function findUser(db: Db | Tx, id: string): Promise<User | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Users visible in a scope: all, one district (incl. its schools' staff), or one school. */
export async function listUsers(
  db: Db | Tx,
  filter: { districtId?: string; schoolId?: string },
): Promise<User[]> {
  const base = db.select({ u: users }).from(users).leftJoin(schools, eq(users.schoolId, schools.id));
  let rows;
  if (filter.schoolId) {
    rows = await base.where(eq(users.schoolId, filter.schoolId)).orderBy(asc(users.username));
  } else if (filter.districtId) {
    rows = await base
      .where(sql`coalesce(${users.districtId}, ${schools.districtId}) = ${filter.districtId}`)
      .orderBy(asc(users.username));
  } else rows = await base.orderBy(asc(users.username));
  return rows.map((r) => r.u);
}

/**
 * A new password (own change or administrator's reset), in one transaction with ending every
 * session and revoking every API token of the user: whoever held the old password, or a session
 * or token obtained with it, is out. `mustChange` forces another change at the next login.
 */
export async function replacePassword(
  tx: Tx,
  id: string,
  passwordHash: string,
  mustChange: boolean,
): Promise<{ sessionsEnded: number; tokensRevoked: number }> {
  await tx
    .update(users)
    .set({ passwordHash, mustChangePassword: mustChange, passwordChangedAt: sql`now()` })
    .where(eq(users.id, id));
  const ended = await tx.delete(sessions).where(eq(sessions.userId, id)).returning({ id: sessions.id });
  const revoked = await tx
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return { sessionsEnded: ended.length, tokensRevoked: revoked.length };
}

export async function setUserDisabled(db: Db | Tx, id: string, disabled: boolean) {
  const [row] = await db.update(users).set({ disabled }).where(eq(users.id, id)).returning();
  return row;
}

export async function insertSession(
  db: Db | Tx,
  s: { id: string; userId: string; csrfToken: string; expiresAt: Date },
) {
  await db.insert(sessions).values(s);
}

export async function findSessionUser(db: Db | Tx, sessionHash: string) {
  const [row] = await db
    .select({ user: users, session: sessions })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionHash), gt(sessions.expiresAt, sql`now()`)));
  return row;
}

export async function deleteSession(db: Db | Tx, sessionHash: string) {
  await db.delete(sessions).where(eq(sessions.id, sessionHash));
}

export async function insertApiToken(db: Db | Tx, t: { userId: string; name: string; tokenHash: string }) {
  const [row] = await db.insert(apiTokens).values(t).returning();
  return row!;
}

/** How often a token's last-used time is written (reads with a token must not each write a row). */
export const LAST_USED_RESOLUTION_MS = 60_000;

export async function findTokenUser(db: Db | Tx, tokenHash: string) {
  const [row] = await db
    .select({ user: users, token: apiTokens })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  const last = row?.token.lastUsedAt?.getTime();
  if (row && (last === undefined || Date.now() - last >= LAST_USED_RESOLUTION_MS)) {
    // Conditional, so that processes racing on the same token write it once.
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(
        and(
          eq(apiTokens.id, row.token.id),
          sql`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < now() - interval '1 minute')`,
        ),
      );
  }
  return row;
}

export async function listApiTokens(db: Db | Tx, userId: string): Promise<ApiToken[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db | Tx, userId: string, id: string) {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}
