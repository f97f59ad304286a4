/**
 * One tenancy case per API route: how to make a request against a resource of each target tenant,
 * and which (role, target) pairs are allowed. Feature cases live in test/tenancy/cases/*.cases.ts
 * and are collected here; the matrix test fails for any route without a case.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../../models/user.repository';
import type { TenancyFixture, Target } from './fixture';

export interface TenancyRequest {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  url: string;
  body?: unknown;
  /** multipart file fields (name → [buffer, filename]) */
  files?: Array<{ field: string; buffer: Buffer; filename: string }>;
}

export interface TenancyCase {
  /** 'METHOD /express/path' exactly as declared in server/routes */
  route: string;
  /** Builds the request against a fresh resource of the target tenant. */
  request: (f: TenancyFixture, target: Target, role: Role) => Promise<TenancyRequest>;
  /** Allowed (role → targets). Anything not listed must be refused (401/403/404). */
  allow: Partial<Record<Role, Target[]>>;
  /** For routes without a tenant (own account, global data): targets are irrelevant. */
  untenanted?: boolean;
  /**
   * The Bearer token to send instead of the fixture's token of `role` — for routes that end the
   * caller's own credentials (changing one's password revokes every token of the user).
   */
  token?: (f: TenancyFixture, role: Role) => Promise<string>;
}

export const ALL: Target[] = ['own', 'sameDistrict', 'otherDistrict'];
export const DISTRICT: Target[] = ['own', 'sameDistrict'];
export const SCHOOL: Target[] = ['own'];

export function loadCases(): TenancyCase[] {
  const dir = path.join(__dirname, 'cases');
  const out: TenancyCase[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cases.ts'))
    .sort()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, file)) as { cases: TenancyCase[] };
    out.push(...mod.cases);
  }
  return out;
}
