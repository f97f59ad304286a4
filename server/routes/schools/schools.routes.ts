import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { authorize } from '../../policies/policy';
import { presentSchool, SchoolKindSchema, SchoolView } from '../../presenters/account';
import { createSchool } from '../../use-cases/accounts/manage-accounts';
import { listVisibleSchools, schoolFor } from '../../use-cases/accounts/districts-and-schools';

const IdParams = z.object({ id: z.uuid({ error: '无效的编号' }) });
const ListQuery = z.object({ districtId: z.uuid({ error: '无效的区县编号' }).optional() });
const NewSchool = z.object({
  districtId: z.uuid({ error: '无效的区县编号' }),
  name: z.string().trim().min(1, '请输入学校名称').max(100),
  kind: SchoolKindSchema,
  address: z.string().trim().max(200).optional(),
});

export const schoolRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/schools',
    summary: '学校列表（按权限范围）',
    tag: '区县与学校',
    access: 'user',
    query: ListQuery,
    response: z.array(SchoolView),
    handler: async ({ ctx, user, query }) =>
      (await listVisibleSchools(ctx, user, query.districtId)).map(presentSchool),
  }),
  defineRoute({
    method: 'post',
    path: '/api/schools',
    summary: '新建学校',
    tag: '区县与学校',
    access: 'user',
    body: NewSchool,
    response: SchoolView,
    status: 201,
    handler: async ({ ctx, user, body }) => {
      authorize(user, 'school.manage', { districtId: body.districtId });
      return presentSchool(await createSchool(ctx.db, user.id, body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/schools/:id',
    summary: '学校详情',
    tag: '区县与学校',
    access: 'user',
    params: IdParams,
    response: SchoolView,
    handler: async ({ ctx, user, params }) =>
      presentSchool(await schoolFor(ctx, user, params.id, 'school.read')),
  }),
];
