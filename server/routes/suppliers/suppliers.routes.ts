/**
 * Suppliers as market supervision and the bureau see them: the district's suppliers with their
 * findings, and one supplier's history (findings across schools and years, sampling results, lists).
 */
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { AppError, notFound } from '../../errors';
import { authorize, scopeOf } from '../../policies/policy';
import { sendCached } from '../../http/read-cache';
import { districtIdFor } from '../../sampling/district-scope';
import { districtSuppliers, supplierHistoryFor } from '../../use-cases/suppliers/supplier-views';

const IdParams = z.object({ id: z.uuid({ error: '无效的企业编号' }) });
const DistrictQuery = z.object({ districtId: z.uuid({ error: '无效的区县编号' }).optional() });
const TAG = '供货企业与监督抽查';

export const supplierRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/suppliers',
    summary: '本区县的供货企业及其核验问题',
    tag: TAG,
    access: 'user',
    query: DistrictQuery,
    handler: async ({ ctx, user, query, res }) => {
      const scope = scopeOf(user, 'supplier.read');
      if (!scope) throw new AppError('FORBIDDEN');
      // admin without a district: every district's suppliers
      const districtId =
        scope === 'any' && !query.districtId
          ? undefined
          : districtIdFor(user, 'supplier.read', query.districtId);
      return sendCached(
        ctx,
        res,
        `suppliers:${districtId ?? '*'}`,
        () => districtSuppliers(ctx.db, districtId),
        (meta) => {
          if (!districtId) return;
          authorize(user, 'supplier.read', { districtId: meta?.districtId ?? null });
          if (!meta) throw notFound('区县');
        },
      );
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/suppliers/:id',
    summary: '供货企业档案：历年各校核验问题、监督抽查结果、列入名单记录',
    tag: TAG,
    access: 'user',
    params: IdParams,
    query: DistrictQuery,
    handler: async ({ ctx, user, params, query }) =>
      supplierHistoryFor(ctx, user, params.id, query.districtId),
  }),
];
