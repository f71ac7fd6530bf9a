// Notifications to people: in the app (with a live hub event) and by e-mail through the outbox, once
// per user and key.
import { uuidv7 } from 'uuidv7';
import { can } from '../../core/auth.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { publish } from '../../core/hub.js';
import { enqueue } from '../../core/outbox.js';
import type { DbOrTx } from '../../db/client.js';
import { insertNotifications, markRead, notificationsOf } from './notifications.queries.js';

export interface Recipient { id: string; email: string | null; scopePath: string }
export interface NotificationInput { key: string; kind: string; title: string; titleEn: string; body: string; link: string | null }

export async function notify(tx: DbOrTx, recipients: Recipient[], n: NotificationInput): Promise<number> {
  const inserted = await insertNotifications(tx, recipients.map((r) => ({ id: uuidv7(), userId: r.id, ...n })));
  for (const row of inserted) {
    const to = recipients.find((r) => r.id === row.userId)!;
    if (to.email) {
      await enqueue(tx, {
        connector: 'email', key: `email:${row.id}`, entityType: 'notification', entityId: row.id, unitPath: to.scopePath,
        payload: { to: to.email, subject: `[IOC] ${n.title}`, text: `${n.body}\n\n${n.titleEn}${n.link ? `\n\n${n.link}` : ''}` },
      });
    }
    await publish(tx, { topic: 'notifications', type: 'notification.created', unitPath: to.scopePath, ids: [row.id], data: { userId: row.userId, kind: n.kind } });
  }
  return inserted.length;
}

export async function myNotifications(ctx: RequestContext, q: { unreadOnly: boolean; limit: number }) {
  if (ctx.actor.type !== 'user' || !ctx.actor.id) throw new AppError('forbidden');
  can(ctx.actor, 'hub:subscribe');
  const { items, unread } = await notificationsOf(ctx.db, ctx.actor.id, q.unreadOnly, q.limit);
  return {
    unread,
    items: items.map((r) => ({ id: r.id, kind: r.kind, title: r.title, titleEn: r.titleEn, body: r.body, link: r.link, createdAt: r.createdAt.toISOString(), readAt: r.readAt?.toISOString() ?? null })),
  };
}

export async function markNotificationsRead(ctx: RequestContext, id: string | null): Promise<{ ok: true }> {
  if (ctx.actor.type !== 'user' || !ctx.actor.id) throw new AppError('forbidden');
  await markRead(ctx.db, ctx.actor.id, id);
  return { ok: true };
}
