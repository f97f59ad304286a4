/** A notification as the inbox shows it. */
import type { NotificationRow } from '../../models/notification.repository';

export function presentNotification(n: NotificationRow) {
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
