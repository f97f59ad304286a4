/** The in-app inbox: notifications addressed to the user's role in their district (or school). */
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { authorize, scopeOf } from '../../policies/policy';
import { AppError, notFound } from '../../errors';
import type { Principal } from '../../policies/policy';
import {
  findNotification,
  listNotifications,
  markNotificationRead,
  type NotificationRow,
  type Recipient,
} from '../../../models/notification.repository';

const IdParams = z.object({ id: z.uuid({ error: '无效的编号' }) });
const ListQuery = z.object({
  unread: z.enum(['0', '1', 'true', 'false'], { error: 'unread 只能是 0/1/true/false' }).optional(),
});

function recipientOf(user: Principal): Recipient {
  const scope = scopeOf(user, 'notification.read');
  if (!scope) throw new AppError('FORBIDDEN');
  if (scope === 'any') return { role: user.role };
  return {
    role: user.role,
    districtId: user.districtId ?? '00000000-0000-0000-0000-000000000000',
    ...(scope === 'own_school' ? { schoolId: user.schoolId ?? '00000000-0000-0000-0000-000000000000' } : {}),
  };
}

function present(n: NotificationRow) {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    payload: n.payload,
    read: !!n.readAt,
    readAt: n.readAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
  };
}

export const notificationRoutes: AnyRoute[] = [
  defineRoute({
    method: 'get',
    path: '/api/notifications',
    summary: '站内通知（收件箱）',
    tag: '通知',
    access: 'user',
    query: ListQuery,
    handler: async ({ ctx, user, query }) => {
      const unreadOnly = query.unread === '1' || query.unread === 'true';
      return (await listNotifications(ctx.db, recipientOf(user), { unreadOnly })).map(present);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/notifications/:id/read',
    summary: '标记通知为已读',
    tag: '通知',
    access: 'user',
    params: IdParams,
    handler: async ({ ctx, user, params }) => {
      const n = await findNotification(ctx.db, params.id);
      const r = recipientOf(user);
      const mine =
        !!n &&
        (user.role === 'admin' ||
          (n.recipientRole === user.role &&
            n.districtId === r.districtId &&
            (!r.schoolId || !n.schoolId || n.schoolId === r.schoolId)));
      authorize(user, 'notification.read', mine ? undefined : { districtId: null, schoolId: null });
      if (!n) throw notFound('通知');
      return present((await markNotificationRead(ctx.db, n.id))!);
    },
  }),
];
