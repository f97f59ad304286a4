/** Tenancy cases for the foundation routes (districts, schools, users, tokens, session). */
import { buildSchool, buildUser, TEST_PASSWORD, tokenFor } from '../../helpers/test-app';
import { ALL, DISTRICT, SCHOOL, type TenancyCase } from '../cases';
import { districtOf } from '../fixture';

const uniq = () => Math.random().toString(36).slice(2, 10);
const everyone = { school_staff: ALL, bureau: ALL, regulator: ALL, admin: ALL };

export const cases: TenancyCase[] = [
  {
    route: 'GET /api/auth/me',
    untenanted: true,
    request: () => Promise.resolve({ method: 'get', url: '/api/auth/me' }),
    allow: everyone,
  },
  {
    route: 'POST /api/auth/logout',
    untenanted: true,
    // Logging out with a Bearer token has no session to end; it must still be allowed.
    request: () => Promise.resolve({ method: 'post', url: '/api/auth/logout' }),
    allow: everyone,
  },
  {
    route: 'POST /api/auth/password',
    untenanted: true,
    // Changing one's own password revokes one's tokens: each request uses a fresh user of the role.
    token: async (f, role) => {
      const u = await buildUser(f.t.ctx, role, {
        schoolId: role === 'school_staff' ? f.schools.own.id : undefined,
        districtId: role === 'bureau' || role === 'regulator' ? f.districtA.id : undefined,
      });
      return tokenFor(f.t.app, u.username);
    },
    request: () =>
      Promise.resolve({
        method: 'post',
        url: '/api/auth/password',
        body: { currentPassword: TEST_PASSWORD, newPassword: 'Matrix-changed9' },
      }),
    allow: everyone,
  },
  {
    route: 'GET /api/districts',
    untenanted: true,
    request: () => Promise.resolve({ method: 'get', url: '/api/districts' }),
    allow: { bureau: ALL, regulator: ALL, admin: ALL },
  },
  {
    route: 'POST /api/districts',
    untenanted: true,
    request: () =>
      Promise.resolve({
        method: 'post',
        url: '/api/districts',
        body: { code: `m${uniq()}`, name: '矩阵区', bureauName: '矩阵区教育局' },
      }),
    allow: { admin: ALL },
  },
  {
    route: 'GET /api/districts/:id',
    request: (f, target) =>
      Promise.resolve({ method: 'get', url: `/api/districts/${districtOf(f, target).id}` }),
    allow: { bureau: DISTRICT, regulator: DISTRICT, admin: ALL },
  },
  {
    route: 'PUT /api/districts/:id/policy',
    request: (f, target) =>
      Promise.resolve({
        method: 'put',
        url: `/api/districts/${districtOf(f, target).id}/policy`,
        body: { policy: { purchaserTestRequired: true } },
      }),
    allow: { admin: ALL },
  },
  {
    route: 'GET /api/schools',
    untenanted: true,
    request: () => Promise.resolve({ method: 'get', url: '/api/schools' }),
    allow: everyone,
  },
  {
    route: 'POST /api/schools',
    request: (f, target) =>
      Promise.resolve({
        method: 'post',
        url: '/api/schools',
        body: { districtId: districtOf(f, target).id, name: `矩阵学校${uniq()}`, kind: 'primary' },
      }),
    allow: { admin: ALL },
  },
  {
    route: 'GET /api/schools/:id',
    request: (f, target) => Promise.resolve({ method: 'get', url: `/api/schools/${f.schools[target].id}` }),
    allow: { school_staff: SCHOOL, bureau: DISTRICT, regulator: DISTRICT, admin: ALL },
  },
  {
    route: 'GET /api/users',
    untenanted: true,
    request: () => Promise.resolve({ method: 'get', url: '/api/users' }),
    allow: { bureau: ALL, admin: ALL },
  },
  {
    route: 'POST /api/users',
    request: (f, target) =>
      Promise.resolve({
        method: 'post',
        url: '/api/users',
        body: {
          username: `u${uniq()}`,
          displayName: '矩阵用户',
          password: 'Matrix-pass1',
          role: 'school_staff',
          schoolId: f.schools[target].id,
        },
      }),
    allow: { admin: ALL },
  },
  {
    route: 'GET /api/users/:id',
    request: async (f, target) => {
      const u = await buildUser(f.t.ctx, 'school_staff', { schoolId: f.schools[target].id });
      return { method: 'get', url: `/api/users/${u.id}` };
    },
    allow: { bureau: DISTRICT, admin: ALL },
  },
  {
    route: 'PATCH /api/users/:id',
    request: async (f, target) => {
      const school = await buildSchool(f.t.ctx, { districtId: districtOf(f, target).id });
      const u = await buildUser(f.t.ctx, 'school_staff', { schoolId: school.id });
      return { method: 'patch', url: `/api/users/${u.id}`, body: { disabled: true } };
    },
    allow: { admin: ALL },
  },
  {
    route: 'GET /api/tokens',
    untenanted: true,
    request: () => Promise.resolve({ method: 'get', url: '/api/tokens' }),
    allow: everyone,
  },
  {
    route: 'POST /api/tokens',
    untenanted: true,
    request: () => Promise.resolve({ method: 'post', url: '/api/tokens', body: { name: 'matrix' } }),
    allow: everyone,
  },
  {
    route: 'DELETE /api/tokens/:id',
    untenanted: true,
    // A token of another user is never visible: revoking it is NOT_FOUND for everyone but its owner.
    request: async (f, _target, role) => {
      const res = await (
        await import('supertest')
      )
        .default(f.t.app)
        .post('/api/tokens')
        .set('Authorization', `Bearer ${f.tokens[role]}`)
        .send({ name: 'to-revoke' });
      return { method: 'delete', url: `/api/tokens/${res.body.id as string}` };
    },
    allow: everyone,
  },
];
