import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from './db';
import { districts, schools } from './schema';

export type District = typeof districts.$inferSelect;
export type School = typeof schools.$inferSelect;
export type SchoolKind = School['kind'];

export async function insertDistrict(
  db: Db | Tx,
  d: { code: string; name: string; bureauName: string; policy?: Record<string, unknown> },
): Promise<District> {
  const [row] = await db.insert(districts).values(d).returning();
  return row!;
}

export async function findDistrict(db: Db | Tx, id: string): Promise<District | undefined> {
  const [row] = await db.select().from(districts).where(eq(districts.id, id));
  return row;
}

export async function findDistrictByCode(db: Db | Tx, code: string): Promise<District | undefined> {
  const [row] = await db.select().from(districts).where(eq(districts.code, code));
  return row;
}

export async function listDistricts(db: Db | Tx, filter: { id?: string } = {}): Promise<District[]> {
  const q = db.select().from(districts);
  return filter.id ? q.where(eq(districts.id, filter.id)) : q.orderBy(asc(districts.code));
}

export async function updateDistrictPolicy(db: Db | Tx, id: string, policy: Record<string, unknown>) {
  const [row] = await db.update(districts).set({ policy }).where(eq(districts.id, id)).returning();
  return row;
}

export async function insertSchool(
  db: Db | Tx,
  s: { districtId: string; name: string; kind: SchoolKind; address?: string | null },
): Promise<School> {
  const [row] = await db.insert(schools).values(s).returning();
  return row!;
}

export async function findSchool(db: Db | Tx, id: string): Promise<School | undefined> {
  const [row] = await db.select().from(schools).where(eq(schools.id, id));
  return row;
}

export async function listSchools(
  db: Db | Tx,
  filter: { districtId?: string; schoolId?: string },
): Promise<School[]> {
  const q = db.select().from(schools);
  if (filter.schoolId) return q.where(eq(schools.id, filter.schoolId));
  if (filter.districtId) return q.where(eq(schools.districtId, filter.districtId)).orderBy(asc(schools.name));
  return q.orderBy(asc(schools.name));
}
