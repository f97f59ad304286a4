import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { authorize } from '../../policies/policy';
import { presentUser, RoleSchema, UserView } from '../../presenters/account';
import { createUser } from '../../use-cases/accounts/manage-accounts';
import { listVisibleUsers, updateUser, userFor } from '../../use-cases/accounts/users';

const IdParams = z.object({ id: z.uuid({ error: '无效的编号' }) });
const NewUser = z.object({
  username: z
    .string()
    .trim()
    .min(3, '用户名至少 3 个字符')
    .max(64)
    .regex(/^[A-Za-z0-9_.@-]+$/, '用户名只能包含字母、数字和 _ . @ -'),
  displayName: z.string().trim().min(1, '请输入姓名').max(64),
  password: z.string().min(1).max(256),
  role: RoleSchema,
  schoolId: z.uuid({ error: '无效的学校编号' }).optional(),
  districtId: z.uuid({ error: '无效的区县编号' }).optional(),
});
const UpdateUser = z
  .object({ disabled: z.boolean().optional(), password: z.string().min(1).max(256).optional() })
  .refine((b) => b.disabled !== undefined || b.password !== undefined, '请至少修改一项');

export const userRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/users',
    summary: '用户列表（管理员：全部；教育行政部门：本区县）',
    tag: '账户',
    access: 'user',
    response: z.array(UserView),
    handler: async ({ ctx, user }) => (await listVisibleUsers(ctx, user)).map(presentUser),
  }),
  defineRoute({
    method: 'post',
    path: '/api/users',
    summary: '新建用户',
    tag: '账户',
    access: 'user',
    body: NewUser,
    response: UserView,
    status: 201,
    handler: async ({ ctx, user, body }) => {
      authorize(user, 'user.manage');
      return presentUser(await createUser(ctx.db, user.id, body));
    },
  }),
  defineRoute({
    method: 'get',
    path: '/api/users/:id',
    summary: '用户详情',
    tag: '账户',
    access: 'user',
    params: IdParams,
    response: UserView,
    handler: async ({ ctx, user, params }) => presentUser(await userFor(ctx, user, params.id)),
  }),
  defineRoute({
    method: 'patch',
    path: '/api/users/:id',
    summary: '停用/启用用户或重置密码（重置后该用户所有会话和访问令牌失效，下次登录须修改密码）',
    tag: '账户',
    access: 'user',
    params: IdParams,
    body: UpdateUser,
    response: UserView,
    handler: async ({ ctx, user, params, body }) => presentUser(await updateUser(ctx, user, params.id, body)),
  }),
];
