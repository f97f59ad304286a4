import type { Db, Tx } from './db';
import { auditLog } from './schema';

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
