/**
 * The pages ask the server what the signed-in user may do (issue 9 point 6): the session carries `may`,
 * every action of the policy table with the user's scope. Here the answer for every role is checked
 * against a written matrix, against the policy table, against what the API then allows, and in the
 * OpenAPI document.
 */
import request from 'supertest';
import { ACTIONS, POLICY, type Action } from '../../server/policies/policy';
import type { Role } from '../../models/user.repository';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../helpers/test-app';
import { testDriver } from '../helpers/test-database';
import { buildTenancyFixture, ROLES, type TenancyFixture } from '../tenancy/fixture';

/** S own_school, D own_district, A any, - not allowed; columns: school_staff, bureau, regulator, admin. */
const MATRIX: Record<Action, string> = {
  'district.read': '- D D A',
  'district.manage': '- - - A',
  'district.policy.update': '- - - A',
  'school.read': 'S D D A',
  'school.manage': '- - - A',
  'user.read': '- D - A',
  'user.manage': '- - - A',
  'document.upload': 'S - - -',
  'document.read': 'S D - A',
  'document.correct': 'S D - -',
  'document.link': 'S - - -',
  'contract.read': 'S D - A',
  'contract.manage': 'S - - -',
  'compliance.read': 'S D - A',
  'supplier.read': '- D D A',
  'samplingList.preview': '- D - A',
  'samplingList.send': '- D - -',
  'samplingList.read': '- D D A',
  'samplingList.acknowledge': '- - D -',
  'samplingResult.record': '- - D -',
  'samplingResult.read': '- D D A',
  'webhook.manage': '- - D A',
  'webhookDelivery.resend': '- D - A',
  'statistics.read': '- D D A',
  'statistics.enter': '- - D -',
  'notification.read': 'S D D A',
  'registry.read': 'A A A A',
  'registry.update': '- - - A',
  'audit.read': '- D - A',
  'token.manage': 'A A A A',
};
const SCOPE = { S: 'own_school', D: 'own_district', A: 'any', '-': null } as const;

function expected(role: Role): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(MATRIX).map(([action, row]) => [
      action,
      SCOPE[row.split(' ')[ROLES.indexOf(role)] as keyof typeof SCOPE],
    ]),
  );
}

/** List routes and the action each one checks: a role without the action is refused with 403. */
const LIST_ROUTES: [string, Action][] = [
  ['/api/users', 'user.read'],
  ['/api/documents', 'document.read'],
  ['/api/contracts', 'contract.read'],
  ['/api/suppliers', 'supplier.read'],
  ['/api/sampling-lists', 'samplingList.read'],
  ['/api/sampling-lists/preview', 'samplingList.preview'],
  ['/api/sampling-results', 'samplingResult.read'],
  ['/api/webhooks', 'webhook.manage'],
  ['/api/districts', 'district.read'],
];

describe(`what the signed-in user may do (${testDriver()})`, () => {
  let t: TestApp;
  let f: TenancyFixture;
  beforeAll(async () => {
    t = await startTestApp();
    f = await buildTenancyFixture(t);
  });
  afterAll(() => t.close());

  test('When the matrix is written, then it names every action of the policy table', () => {
    expect(Object.keys(MATRIX).sort()).toEqual([...ACTIONS].sort());
  });

  test.each(ROLES)(
    'When a %s asks for the session, then `may` is their row of the matrix and of the policy table',
    async (role) => {
      const me = await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${f.tokens[role]}`);
      expect(me.status).toBe(200);
      expect(me.body.may).toEqual(expected(role));
      for (const action of ACTIONS) {
        const scope = (POLICY[action] as Partial<Record<Role, string>>)[role] ?? null;
        expect([action, me.body.may[action]]).toEqual([action, scope]);
      }
    },
  );

  test.each(ROLES)(
    'When a %s calls the list routes, then the API refuses exactly those `may` says they may not use',
    async (role) => {
      const may = (await request(t.app).get('/api/auth/me').set('Authorization', `Bearer ${f.tokens[role]}`))
        .body.may as Record<Action, string | null>;
      for (const [path, action] of LIST_ROUTES) {
        const res = await request(t.app)
          .get(`${path}?districtId=${f.districtA.id}`)
          .set('Authorization', `Bearer ${f.tokens[role]}`);
        expect([path, res.status === 403]).toEqual([path, may[action] === null]);
      }
    },
  );

  test('When a user logs in, then the login answer and the cookie session carry the same `may`', async () => {
    const agent = request.agent(t.app);
    const login = await agent
      .post('/api/auth/login')
      .send({ username: f.usernames.school_staff, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.may).toEqual(expected('school_staff'));
    expect((await agent.get('/api/auth/me')).body.may).toEqual(expected('school_staff'));
  });

  test('When the OpenAPI document describes the session, then `may` lists every action with its scopes', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body;
    const schema = doc.paths['/api/auth/me'].get.responses['200'].content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['user', 'may', 'csrfToken']));
    const may = schema.properties.may;
    expect(Object.keys(may.properties).sort()).toEqual([...ACTIONS].sort());
    expect(may.properties['document.correct']).toMatchObject({
      enum: expect.arrayContaining(['own_school', 'own_district', 'any']),
      nullable: true,
    });
    const login = doc.paths['/api/auth/login'].post.responses['200'].content['application/json'].schema;
    expect(Object.keys(login.properties.may.properties).sort()).toEqual([...ACTIONS].sort());
  });
});
