/**
 * Suppliers as market supervision and the bureau see them: the district's suppliers with their
 * findings, and one supplier's history (findings across schools and years, sampling results, lists).
 */
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { scopeOf } from '../../policies/policy';
import { AppError, notFound } from '../../errors';
import { findSupplier, supplierDistrictIds } from '../../../models/compliance.repository';
import { listSamplingResults } from '../../../models/sampling.repository';
import { districtFor } from '../../sampling/district-scope';
import { listSupplierSummaries, supplierHistory } from '../../use-cases/supplier-views';

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
    handler: async ({ ctx, user, query }) => {
      const scope = scopeOf(user, 'supplier.read');
      if (!scope) throw new AppError('FORBIDDEN');
      const districtId =
        scope === 'any' && !query.districtId
          ? undefined
          : (await districtFor(ctx, user, 'supplier.read', query.districtId)).id;
      return listSupplierSummaries(ctx.db, districtId);
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
    handler: async ({ ctx, user, params, query }) => {
      const scope = scopeOf(user, 'supplier.read');
      if (!scope) throw new AppError('FORBIDDEN');
      const supplier = await findSupplier(ctx.db, params.id);
      if (!supplier) throw notFound('供货企业');
      let districtId: string | undefined;
      if (scope !== 'any' || query.districtId) {
        districtId = (await districtFor(ctx, user, 'supplier.read', query.districtId)).id;
        // A supplier is visible in a district where it delivered or was sampled.
        const districts = await supplierDistrictIds(ctx.db, supplier);
        const sampledHere =
          (await listSamplingResults(ctx.db, { districtId, supplierId: supplier.id })).length > 0;
        if (!districts.includes(districtId) && !sampledHere) throw notFound('供货企业');
      }
      return supplierHistory(ctx.db, supplier, districtId);
    },
  }),
];
