/** The in-app inbox: notifications addressed to the user's role in their district (or school). */
import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../../http/route';
import { presentNotification } from '../../presenters/notification';
import { inbox, markRead } from '../../use-cases/notifications/inbox';

const IdParams = z.object({ id: z.uuid({ error: '无效的编号' }) });
const ListQuery = z.object({
  unread: z.enum(['0', '1', 'true', 'false'], { error: 'unread 只能是 0/1/true/false' }).optional(),
});

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
      return (await inbox(ctx, user, { unreadOnly })).map(presentNotification);
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
      return presentNotification(await markRead(ctx, user, params.id));
    },
  }),
];
