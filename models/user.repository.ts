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

export async function recordLoginFailure(db: Db | Tx, id: string, maxFailures: number, lockMinutes: number) {
  await db
    .update(users)
    .set({
      failedLogins: sql`${users.failedLogins} + 1`,
      lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${maxFailures} then now() + make_interval(mins => ${lockMinutes}) else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, id));
}

export async function recordLoginSuccess(db: Db | Tx, id: string) {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
}

export async function setPassword(db: Db | Tx, id: string, passwordHash: string) {
  await db.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, id));
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

export async function findTokenUser(db: Db | Tx, tokenHash: string) {
  const [row] = await db
    .select({ user: users, token: apiTokens })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  if (row) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()` })
      .where(eq(apiTokens.id, row.token.id));
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
