/**
 * In-app notifications (inbox). A notification is addressed to a role within a district (and, for
 * school staff, one school); everyone holding that role there sees it.
 */
import { and, desc, eq, isNull, or, type SQL } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { notifications } from './schema';
import type { Role } from './user.repository';

export type NotificationRow = typeof notifications.$inferSelect;

export async function insertNotification(
  db: Db | Tx,
  n: {
    districtId: string;
    recipientRole: Role;
    schoolId?: string | null;
    kind: string;
    title: string;
    payload?: Record<string, unknown>;
  },
): Promise<NotificationRow> {
  const [row] = await db
    .insert(notifications)
    .values({ ...n, payload: n.payload ?? {} })
    .returning();
  return row!;
}

/** What one recipient sees: their role in their district (school staff: also their school). */
export interface Recipient {
  role: Role;
  districtId?: string;
  schoolId?: string;
}

function recipientWhere(r: Recipient): SQL | undefined {
  if (r.role === 'admin' && !r.districtId) return undefined;
  const conds: (SQL | undefined)[] = [eq(notifications.recipientRole, r.role)];
  if (r.districtId) conds.push(eq(notifications.districtId, r.districtId));
  if (r.schoolId) conds.push(or(eq(notifications.schoolId, r.schoolId), isNull(notifications.schoolId)));
  return and(...conds);
}

export async function listNotifications(
  db: Db | Tx,
  r: Recipient,
  opts: { unreadOnly?: boolean; limit?: number } = {},
): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(and(recipientWhere(r), opts.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt))
    .limit(opts.limit ?? 100);
}

export async function findNotification(db: Db | Tx, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db.select().from(notifications).where(eq(notifications.id, id));
  return row;
}

export async function markNotificationRead(db: Db | Tx, id: string): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), isNull(notifications.readAt)))
    .returning();
  return row ?? findNotification(db, id);
}
