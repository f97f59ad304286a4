import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { authorize, listScope } from '../../policies/policy';
import { notFound } from '../../errors';
import { DistrictView, presentDistrict } from '../../presenters/account';
import { createDistrict } from '../../use-cases/accounts/manage-accounts';
import { findDistrict, listDistricts, updateDistrictPolicy } from '../../../models/district.repository';
import { recordAudit } from '../../../models/audit.repository';

const IdParams = z.object({ id: z.string().uuid('无效的编号') });
const NewDistrict = z.object({
  code: z
    .string()
    .trim()
    .min(1)
    .max(32)
    .regex(/^[A-Za-z0-9_-]+$/, '代码只能包含字母、数字、下划线和连字符'),
  name: z.string().trim().min(1, '请输入区县名称').max(100),
  bureauName: z.string().trim().min(1, '请输入教育行政部门名称').max(100),
});
const PolicyBody = z.object({ policy: z.record(z.string(), z.unknown()) });

export const districtRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/districts',
    summary: '区县列表（按权限范围）',
    tag: '区县与学校',
    access: 'user',
    response: z.array(DistrictView),
    handler: async ({ ctx, user }) => {
      const scope = listScope(user, 'district.read');
      return (await listDistricts(ctx.db, { id: scope.districtId })).map(presentDistrict);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/districts',
    summary: '新建区县',
    tag: '区县与学校',
    access: 'user',
    body: NewDistrict,
    response: DistrictView,
    status: 201,
    handler: async ({ ctx, user, body }) => {
      authorize(user, 'district.manage');
      return presentDistrict(await createDistrict(ctx.db, user.id, body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/districts/:id',
    summary: '区县详情',
    tag: '区县与学校',
    access: 'user',
    params: IdParams,
    response: DistrictView,
    handler: async ({ ctx, user, params }) => {
      const d = await findDistrict(ctx.db, params.id);
      authorize(user, 'district.read', { districtId: d?.id ?? null });
      if (!d) throw notFound('区县');
      return presentDistrict(d);
    },
  }),
  defineRoute({
    method: 'put',
    path: '/api/districts/:id/policy',
    summary: '修改区县核验政策（如学校送检是否必需、报告有效期）',
    tag: '区县与学校',
    access: 'user',
    params: IdParams,
    body: PolicyBody,
    response: DistrictView,
    handler: async ({ ctx, user, params, body }) => {
      const d = await findDistrict(ctx.db, params.id);
      authorize(user, 'district.policy.update', { districtId: d?.id ?? null });
      if (!d) throw notFound('区县');
      const row = await updateDistrictPolicy(ctx.db, d.id, body.policy);
      await recordAudit(ctx.db, {
        userId: user.id,
        action: 'district.policy.update',
        resourceType: 'district',
        resourceId: d.id,
        districtId: d.id,
        details: { before: d.policy, after: body.policy },
      });
      return presentDistrict(row!);
    },
  }),
];
