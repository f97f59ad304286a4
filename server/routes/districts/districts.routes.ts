import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { authorize } from '../../policies/policy';
import { DistrictView, presentDistrict } from '../../presenters/account';
import { createDistrict } from '../../use-cases/accounts/manage-accounts';
import {
  districtFor,
  listVisibleDistricts,
  setDistrictPolicy,
} from '../../use-cases/accounts/districts-and-schools';

const IdParams = z.object({ id: z.uuid({ error: '无效的编号' }) });
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
    handler: async ({ ctx, user }) => (await listVisibleDistricts(ctx, user)).map(presentDistrict),
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
    handler: async ({ ctx, user, params }) =>
      presentDistrict(await districtFor(ctx, user, params.id, 'district.read')),
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
    handler: async ({ ctx, user, params, body }) =>
      presentDistrict(await setDistrictPolicy(ctx, user, params.id, body.policy)),
  }),
];
