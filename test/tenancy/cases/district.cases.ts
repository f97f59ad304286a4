/**
 * Tenancy cases for compliance views, suppliers, sampling lists, sampling results, webhooks,
 * statistics and the inbox (server/routes/{compliance,suppliers,sampling-lists,sampling-results,
 * webhooks,statistics,notifications}). Each request builds fresh data in the target tenant.
 */
import type { Role } from '../../../models/user.repository';
import { insertSamplingList } from '../../../models/sampling.repository';
import { insertEndpoint } from '../../../models/webhook.repository';
import { insertNotification } from '../../../models/notification.repository';
import { webhookDeliveries } from '../../../models/schema';
import { buildSamplingList } from '../../../server/use-cases/sampling/build-sampling-list';
import { buildContract, buildFinding } from '../../helpers/district-builders';
import { ALL, DISTRICT, SCHOOL, type TenancyCase } from '../cases';
import { districtOf, type TenancyFixture, type Target } from '../fixture';

const everyone = { school_staff: ALL, bureau: ALL, regulator: ALL, admin: ALL };

/** A contract line with a finding at the target school. */
async function lineAt(f: TenancyFixture, target: Target) {
  const built = await buildContract(f.t.ctx, { schoolId: f.schools[target].id });
  await buildFinding(f.t.ctx, { lineId: built.lines[0]!.id, code: 'ITEM_FAILED' });
  return { lineId: built.lines[0]!.id, supplier: built.supplier };
}

/** A stored list in the target district. */
async function listIn(f: TenancyFixture, target: Target) {
  const districtId = districtOf(f, target).id;
  await lineAt(f, target);
  const snapshot = await buildSamplingList(f.t.ctx.db, districtId);
  return insertSamplingList(f.t.ctx.db, {
    districtId,
    snapshot,
    registryVersion: snapshot.registryVersion,
    sentBy: null,
  });
}

async function endpointIn(f: TenancyFixture, target: Target) {
  return insertEndpoint(f.t.ctx.db, {
    districtId: districtOf(f, target).id,
    url: 'http://127.0.0.1:9/never',
    secret: 'matrix-secret-0123456789',
  });
}

/** A delivery of a list of the target district that gave up (status 'failed'). */
async function failedDeliveryIn(f: TenancyFixture, target: Target) {
  const [list, endpoint] = await Promise.all([listIn(f, target), endpointIn(f, target)]);
  const [row] = await f.t.ctx.db
    .insert(webhookDeliveries)
    .values({
      endpointId: endpoint.id,
      listId: list.id,
      status: 'failed',
      attempts: 5,
      lastError: '请求超时',
    })
    .returning();
  return row!;
}

const q = (f: TenancyFixture, target: Target) => `districtId=${districtOf(f, target).id}`;

export const cases: TenancyCase[] = [
  {
    route: 'GET /api/compliance/schools',
    // School staff see their own school's row when they ask about their district.
    request: (f, target) =>
      Promise.resolve({ method: 'get', url: `/api/compliance/schools?${q(f, target)}` }),
    allow: { school_staff: DISTRICT, bureau: DISTRICT, admin: ALL },
  },
  {
    route: 'GET /api/compliance/schools/:id',
    request: (f, target) =>
      Promise.resolve({ method: 'get', url: `/api/compliance/schools/${f.schools[target].id}` }),
    allow: { school_staff: SCHOOL, bureau: DISTRICT, admin: ALL },
  },
  {
    route: 'GET /api/compliance/schools/:id/public-notice',
    request: (f, target) =>
      Promise.resolve({
        method: 'get',
        url: `/api/compliance/schools/${f.schools[target].id}/public-notice?format=pdf`,
      }),
    allow: { school_staff: SCHOOL, bureau: DISTRICT, admin: ALL },
  },
  {
    route: 'GET /api/compliance/lines/:id',
    request: async (f, target) => ({
      method: 'get',
      url: `/api/compliance/lines/${(await lineAt(f, target)).lineId}`,
    }),
    allow: { school_staff: SCHOOL, bureau: DISTRICT, admin: ALL },
  },
  {
    route: 'GET /api/suppliers',
    request: (f, target) => Promise.resolve({ method: 'get', url: `/api/suppliers?${q(f, target)}` }),
    allow: { bureau: DISTRICT, regulator: DISTRICT, admin: ALL },
  },
  {
    route: 'GET /api/suppliers/:id',
    request: async (f, target) => ({
      method: 'get',
      url: `/api/suppliers/${(await lineAt(f, target)).supplier.id}`,
    }),
    allow: { bureau: DISTRICT, regulator: DISTRICT, admin: ALL },
  },
  {
    route: 'GET /api/sampling-lists/preview',
    request: (f, target) =>
      Promise.resolve({ method: 'get', url: `/api/sampling-lists/preview?${q(f, target)}` }),
    allow: { bureau: DISTRICT, admin: ALL },
  },
  {
    route: 'POST /api/sampling-lists',
    request: async (f, target) => {
      await lineAt(f, target);
      return { method: 'post', url: '/api/sampling-lists', body: { districtId: districtOf(f, target).id } };
    },
    allow: { bureau: DISTRICT },
  },
  {
    route: 'GET /api/sampling-lists',
    request: (f, target) => Promise.resolve({ method: 'get', url: `/api/sampling-lists?${q(f, target)}` }),
    allow: { bureau: DISTRICT, regulator: DISTRICT, admin: ALL },
  },
  {
    route: 'GET /api/sampling-lists/:id',
    request: async (f, target) => ({
      method: 'get',
      url: `/api/sampling-lists/${(await listIn(f, target)).id}`,
    }),
    allow: { bureau: DISTRICT, regulator: DISTRICT, admin: ALL },
  },
  {
    route: 'GET /api/sampling-lists/:id/export',
    request: async (f, target) => ({
      method: 'get',
      url: `/api/sampling-lists/${(await listIn(f, target)).id}/export?format=csv`,
    }),
    allow: { bureau: DISTRICT, regulator: DISTRICT, admin: ALL },
  },
  {
    route: 'POST /api/sampling-lists/:id/ack',
    request: async (f, target) => ({
      method: 'post',
      url: `/api/sampling-lists/${(await listIn(f, target)).id}/ack`,
    }),
    allow: { regulator: DISTRICT },
  },
  {
    route: 'POST /api/sampling-results',
    request: async (f, target) => ({
      method: 'post',
      url: '/api/sampling-results',
      body: {
        supplierId: (await lineAt(f, target)).supplier.id,
        sampledBatches: 2,
        failedBatches: 1,
        failingItems: ['pH值'],
        reportNumbers: ['JZ-MATRIX-1'],
      },
    }),
    allow: { regulator: DISTRICT },
  },
  {
    route: 'GET /api/sampling-results',
    request: (f, target) => Promise.resolve({ method: 'get', url: `/api/sampling-results?${q(f, target)}` }),
    allow: { bureau: DISTRICT, regulator: DISTRICT, admin: ALL },
  },
  {
    route: 'GET /api/webhooks',
    request: (f, target) => Promise.resolve({ method: 'get', url: `/api/webhooks?${q(f, target)}` }),
    allow: { regulator: DISTRICT, admin: ALL },
  },
  {
    route: 'POST /api/webhooks',
    request: (f, target) =>
      Promise.resolve({
        method: 'post',
        url: '/api/webhooks',
        body: { url: 'https://receiver.example.test/hook', districtId: districtOf(f, target).id },
      }),
    allow: { regulator: DISTRICT, admin: ALL },
  },
  {
    route: 'DELETE /api/webhooks/:id',
    request: async (f, target) => ({
      method: 'delete',
      url: `/api/webhooks/${(await endpointIn(f, target)).id}`,
    }),
    allow: { regulator: DISTRICT, admin: ALL },
  },
  {
    route: 'GET /api/webhooks/:id/deliveries',
    request: async (f, target) => ({
      method: 'get',
      url: `/api/webhooks/${(await endpointIn(f, target)).id}/deliveries`,
    }),
    allow: { regulator: DISTRICT, admin: ALL },
  },
  {
    route: 'POST /api/webhook-deliveries/:id/resend',
    request: async (f, target) => ({
      method: 'post',
      url: `/api/webhook-deliveries/${(await failedDeliveryIn(f, target)).id}/resend`,
    }),
    allow: { bureau: DISTRICT, admin: ALL },
  },
  {
    route: 'GET /api/statistics',
    request: (f, target) => Promise.resolve({ method: 'get', url: `/api/statistics?${q(f, target)}` }),
    allow: { bureau: DISTRICT, regulator: DISTRICT, admin: ALL },
  },
  {
    route: 'PUT /api/statistics/cells',
    request: (f, target) =>
      Promise.resolve({
        method: 'put',
        url: '/api/statistics/cells',
        body: {
          districtId: districtOf(f, target).id,
          periodStart: '2026-01-01',
          periodEnd: '2026-12-31',
          reportingUnit: '矩阵区市场监督管理局',
          cells: { casesOpened: 2, finesAmount: 1.5 },
        },
      }),
    allow: { regulator: DISTRICT },
  },
  {
    route: 'GET /api/notifications',
    untenanted: true,
    request: () => Promise.resolve({ method: 'get', url: '/api/notifications' }),
    allow: everyone,
  },
  {
    route: 'POST /api/notifications/:id/read',
    // A notification addressed to the requesting role at the target tenant.
    request: async (f, target, role: Role) => {
      const n = await insertNotification(f.t.ctx.db, {
        districtId: districtOf(f, target).id,
        recipientRole: role,
        schoolId: role === 'school_staff' ? f.schools[target].id : null,
        kind: 'matrix',
        title: '矩阵测试通知',
      });
      return { method: 'post', url: `/api/notifications/${n.id}/read` };
    },
    allow: { school_staff: SCHOOL, bureau: DISTRICT, regulator: DISTRICT, admin: ALL },
  },
];
