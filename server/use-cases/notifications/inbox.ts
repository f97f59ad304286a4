/** The in-app inbox (站内通知): notifications addressed to the user's role in their district (or school). */
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../errors';
import { authorize, scopeOf, type Principal } from '../../policies/policy';
import {
  findNotification,
  listNotifications,
  markNotificationRead,
  type NotificationRow,
  type Recipient,
} from '../../../models/notification.repository';

const NO_TENANT = '00000000-0000-0000-0000-000000000000';

function recipientOf(user: Principal): Recipient {
  const scope = scopeOf(user, 'notification.read');
  if (!scope) throw new AppError('FORBIDDEN');
  if (scope === 'any') return { role: user.role };
  return {
    role: user.role,
    districtId: user.districtId ?? NO_TENANT,
    ...(scope === 'own_school' ? { schoolId: user.schoolId ?? NO_TENANT } : {}),
  };
}

export async function inbox(
  ctx: AppContext,
  user: Principal,
  opts: { unreadOnly: boolean },
): Promise<NotificationRow[]> {
  return listNotifications(ctx.db, recipientOf(user), opts);
}

/** Marks one of the user's notifications read; another recipient's is refused like a missing one. */
export async function markRead(ctx: AppContext, user: Principal, id: string): Promise<NotificationRow> {
  const n = await findNotification(ctx.db, id);
  const r = recipientOf(user);
  const mine =
    !!n &&
    (user.role === 'admin' ||
      (n.recipientRole === user.role &&
        n.districtId === r.districtId &&
        (!r.schoolId || !n.schoolId || n.schoolId === r.schoolId)));
  authorize(user, 'notification.read', mine ? undefined : { districtId: null, schoolId: null });
  if (!n) throw notFound('通知');
  return (await markNotificationRead(ctx.db, n.id))!;
}
