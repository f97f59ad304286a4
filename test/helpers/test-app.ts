/**
 * The app in-process against a fresh database, with builders for tenancy and a login helper.
 * Usage: const t = await startTestApp(); … afterAll(() => t.close());
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { parseConfig, type Config } from '../../server/config';
import { bootstrap, shutdown } from '../../server/bootstrap';
import { createApp } from '../../server/app';
import type { AppContext } from '../../server/context';
import { createDistrict, createSchool, createUser } from '../../server/use-cases/accounts/manage-accounts';
import type { Role } from '../../models/user.repository';
import type { SchoolKind } from '../../models/district.repository';
import { createTestDatabase, type TestDatabase } from './test-database';

export const TEST_PASSWORD = 'Passw0rd-test';

export interface TestApp {
  ctx: AppContext;
  app: Express;
  config: Config;
  tmpDir: string;
  testDb: TestDatabase;
  close(): Promise<void>;
}

export async function startTestApp(
  env: Record<string, string> = {},
  opts: { services?: boolean } = {},
): Promise<TestApp> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsv-test-'));
  const config = parseConfig({
    ...process.env,
    DATA_DIR: path.join(tmpDir, 'data'),
    UPLOAD_DIR: path.join(tmpDir, 'uploads'),
    ...env,
  });
  const testDb = await createTestDatabase();
  const ctx = await bootstrap({ config, database: testDb.database, services: opts.services ?? false });
  const app = createApp(ctx);
  return {
    ctx,
    app,
    config,
    tmpDir,
    testDb,
    close: async () => {
      await shutdown(ctx).catch(() => undefined);
      await testDb.drop().catch(() => undefined);
      fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

export async function buildDistrict(
  ctx: AppContext,
  o: Partial<{ code: string; name: string; bureauName: string }> = {},
) {
  const n = uniq();
  return createDistrict(ctx.db, null, {
    code: o.code ?? `d${n}`,
    name: o.name ?? `测试区${n}`,
    bureauName: o.bureauName ?? `测试区${n}教育局`,
  });
}

export async function buildSchool(
  ctx: AppContext,
  o: { districtId?: string; name?: string; kind?: SchoolKind } = {},
) {
  const districtId = o.districtId ?? (await buildDistrict(ctx)).id;
  return createSchool(ctx.db, null, {
    districtId,
    name: o.name ?? `测试学校${uniq()}`,
    kind: o.kind ?? 'primary',
  });
}

export async function buildUser(
  ctx: AppContext,
  role: Role,
  o: { schoolId?: string; districtId?: string; username?: string } = {},
) {
  let { schoolId, districtId } = o;
  if (role === 'school_staff' && !schoolId) schoolId = (await buildSchool(ctx, { districtId })).id;
  if ((role === 'bureau' || role === 'regulator') && !districtId) districtId = (await buildDistrict(ctx)).id;
  return createUser(ctx.db, null, {
    username: o.username ?? `${role}_${uniq()}`,
    displayName: `${role} 测试`,
    password: TEST_PASSWORD,
    role,
    schoolId,
    districtId,
  });
}

/** A supertest agent logged in through the real login endpoint, sending the CSRF header. */
export async function loginAs(app: Express, username: string, password = TEST_PASSWORD) {
  const agent = request.agent(app);
  const res = await agent.post('/api/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const csrf = res.body.csrfToken as string;
  return { agent, csrf, user: res.body.user as { id: string; role: Role } };
}

/** A Bearer token for `username`, created through the API. */
export async function tokenFor(app: Express, username: string): Promise<string> {
  const { agent, csrf } = await loginAs(app, username);
  const res = await agent.post('/api/tokens').set('x-csrf-token', csrf).send({ name: 'test' });
  if (res.status !== 201) throw new Error(`token failed: ${res.status}`);
  return res.body.token as string;
}
