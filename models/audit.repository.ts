import { and, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { auditLog } from './schema';

export type AuditEntry = typeof auditLog.$inferSelect;

export async function recordAudit(
  db: Db | Tx,
  e: {
    userId: string | null;
    action: string;
    resourceType: string;
    resourceId?: string | null;
    districtId?: string | null;
    details?: Record<string, unknown>;
  },
) {
  await db.insert(auditLog).values({ ...e, details: e.details ?? {} });
}

export async function listAudit(
  db: Db | Tx,
  filter: { districtId?: string; resourceType?: string; resourceId?: string; limit?: number },
): Promise<AuditEntry[]> {
  const conds = [];
  if (filter.districtId) conds.push(eq(auditLog.districtId, filter.districtId));
  if (filter.resourceType) conds.push(eq(auditLog.resourceType, filter.resourceType));
  if (filter.resourceId) conds.push(eq(auditLog.resourceId, filter.resourceId));
  return db
    .select()
    .from(auditLog)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(auditLog.at))
    .limit(filter.limit ?? 200);
}
