// All SQL of the messaging channels: the message log, the threads of reports, the mailbox cursors.
import { and, asc, desc, eq, gt, inArray, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client.js';
import { outbox } from '../../../core/core.table.js';
import { reports } from '../feedback.table.js';
import { channelMailboxCursors, channelMessages, type ChannelMessageRow, channelThreads, type ChannelThreadRow } from './channels.table.js';

const CLOSED_STATES = ['resolved', 'closed_not_fixed', 'duplicate', 'rejected', 'cancelled'];
// Per-person lock namespace: two processes never turn two messages of one person into two reports.
const CONTACT_LOCK = 7_734_301;

export type NewChannelMessage = typeof channelMessages.$inferInsert;

/** Stores messages as received; a message already stored (same channel, direction, id) is skipped. */
export async function insertMessages(db: DbOrTx, rows: NewChannelMessage[]): Promise<{ stored: number; duplicates: number }> {
  if (rows.length === 0) return { stored: 0, duplicates: 0 };
  const inserted = await db.insert(channelMessages).values(rows)
    .onConflictDoNothing({ target: [channelMessages.channel, channelMessages.direction, channelMessages.externalId] })
    .returning({ id: channelMessages.id });
  return { stored: inserted.length, duplicates: rows.length - inserted.length };
}

/**
 * The oldest pending inbound message (or the one named), not in `skip`. With `lock`, nobody else is
 * processing it and the row stays locked until the transaction ends.
 */
export async function claimPendingMessage(tx: DbOrTx, skip: string[], lock = true, id?: string): Promise<ChannelMessageRow | undefined> {
  const query = tx.select().from(channelMessages)
    .where(and(eq(channelMessages.status, 'pending'), id ? eq(channelMessages.id, id) : undefined, skip.length ? notInArray(channelMessages.id, skip) : undefined))
    .orderBy(asc(channelMessages.createdAt), asc(channelMessages.id))
    .limit(1);
  const [row] = lock ? await query.for('update', { skipLocked: true }) : await query;
  return row;
}

export async function lockContact(tx: DbOrTx, channel: string, contact: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CONTACT_LOCK}, hashtext(${`${channel}:${contact}`}))`);
}

export async function updateMessage(db: DbOrTx, id: string, patch: Partial<NewChannelMessage>): Promise<void> {
  await db.update(channelMessages).set(patch).where(eq(channelMessages.id, id));
}

export async function attachMessagesToReport(db: DbOrTx, ids: string[], reportId: string): Promise<void> {
  if (ids.length === 0) return;
  await db.update(channelMessages).set({ reportId }).where(inArray(channelMessages.id, ids));
}

/** A failed processing attempt, recorded outside the rolled-back transaction; failed for good after `maxAttempts`. */
export async function recordFailedAttempt(db: DbOrTx, id: string, error: string, maxAttempts: number): Promise<void> {
  await db.update(channelMessages).set({
    attempts: sql`${channelMessages.attempts} + 1`,
    lastError: error.slice(0, 2000),
    status: sql`CASE WHEN ${channelMessages.attempts} + 1 >= ${maxAttempts} THEN 'failed' ELSE 'pending' END`,
  }).where(and(eq(channelMessages.id, id), eq(channelMessages.status, 'pending')));
}

/** The person's most recent report on this channel that is still open. */
export async function openThreadOf(db: DbOrTx, channel: string, contact: string): Promise<ChannelThreadRow | undefined> {
  const [row] = await db.select({ thread: channelThreads }).from(channelThreads)
    .innerJoin(reports, eq(reports.id, channelThreads.reportId))
    .where(and(eq(channelThreads.channel, channel), eq(channelThreads.contact, contact), notInArray(reports.state, CLOSED_STATES)))
    .orderBy(desc(channelThreads.lastInboundAt))
    .limit(1);
  return row?.thread;
}

export async function upsertThread(db: DbOrTx, row: { reportId: string; channel: string; contact: string; contactName: string | null; subject: string | null; at: Date }): Promise<void> {
  await db.insert(channelThreads).values({
    reportId: row.reportId, channel: row.channel, contact: row.contact, contactName: row.contactName, subject: row.subject,
    lastInboundAt: row.at, createdAt: row.at, updatedAt: row.at,
  }).onConflictDoUpdate({
    target: [channelThreads.reportId, channelThreads.channel, channelThreads.contact],
    set: { lastInboundAt: sql`greatest(${channelThreads.lastInboundAt}, excluded.last_inbound_at)`, updatedAt: row.at },
  });
}

/** The threads of a report, the one with the latest message first. */
export async function threadsOfReport(db: DbOrTx, reportId: string): Promise<ChannelThreadRow[]> {
  return db.select().from(channelThreads).where(eq(channelThreads.reportId, reportId)).orderBy(desc(channelThreads.lastInboundAt));
}

/** When the person last wrote on this channel, whichever report it was about (the reply window counts from it). */
export async function lastInboundAtOf(db: DbOrTx, channel: string, contact: string): Promise<Date | null> {
  const [row] = await db.select({ at: sql<Date | string | null>`max(coalesce(${channelMessages.sentAt}, ${channelMessages.createdAt}))` })
    .from(channelMessages)
    .where(and(eq(channelMessages.channel, channel), eq(channelMessages.contact, contact), eq(channelMessages.direction, 'in'), inArray(channelMessages.status, ['pending', 'processed'])));
  return row?.at ? new Date(row.at) : null;
}

/** The report an e-mail replies to: a Message-ID we received or sent for it among In-Reply-To / References. */
export async function reportIdByEmailRefs(db: DbOrTx, refs: string[]): Promise<string | null> {
  if (refs.length === 0) return null;
  const [row] = await db.select({ reportId: channelMessages.reportId }).from(channelMessages)
    .where(and(eq(channelMessages.channel, 'email'), inArray(channelMessages.externalId, refs.slice(0, 100)), sql`${channelMessages.reportId} IS NOT NULL`))
    .orderBy(desc(channelMessages.createdAt))
    .limit(1);
  return row?.reportId ?? null;
}

/** The Message-IDs of a report's e-mail conversation, oldest first (for In-Reply-To and References). */
export async function emailIdsOfReport(db: DbOrTx, reportId: string, limit = 20): Promise<{ externalId: string; direction: string }[]> {
  const rows = await db.select({ externalId: channelMessages.externalId, direction: channelMessages.direction, at: channelMessages.createdAt })
    .from(channelMessages)
    .where(and(eq(channelMessages.reportId, reportId), eq(channelMessages.channel, 'email'), or(eq(channelMessages.direction, 'out'), inArray(channelMessages.status, ['pending', 'processed']))))
    .orderBy(desc(channelMessages.createdAt))
    .limit(limit);
  return rows.reverse();
}

/** Messages of the person not yet attached to any report since `since` (e.g. questions the FAQ answered). */
export async function unattachedMessagesOf(db: DbOrTx, channel: string, contact: string, since: Date): Promise<ChannelMessageRow[]> {
  return db.select().from(channelMessages)
    .where(and(eq(channelMessages.channel, channel), eq(channelMessages.contact, contact), eq(channelMessages.direction, 'in'),
      isNull(channelMessages.reportId), eq(channelMessages.status, 'processed'), gt(channelMessages.createdAt, since)))
    .orderBy(asc(channelMessages.createdAt))
    .limit(20);
}

/** A report's messages with the delivery state of the outbox message behind each reply, oldest first. */
export async function messagesOfReport(db: DbOrTx, reportId: string) {
  return db.select({ message: channelMessages, deliveryStatus: outbox.status })
    .from(channelMessages)
    .leftJoin(outbox, eq(outbox.key, channelMessages.outboxKey))
    .where(eq(channelMessages.reportId, reportId))
    .orderBy(asc(channelMessages.createdAt), asc(channelMessages.id))
    .limit(1000);
}

// ── mailbox cursors ─────────────────────────────────────────────────────────────────────────────────

/**
 * Takes the poll lease of a mailbox when nobody holds it (or theirs ran out): answers the cursor, or
 * null when another process is polling. A crashed poller's lease simply expires.
 */
export async function leaseMailbox(db: DbOrTx, mailbox: string, holder: string, leaseMs: number): Promise<{ uidValidity: number; lastUid: number } | null> {
  await db.insert(channelMailboxCursors).values({ mailbox, uidValidity: 0, lastUid: 0 }).onConflictDoNothing();
  const [row] = await db.update(channelMailboxCursors)
    .set({ leasedBy: holder, leasedUntil: sql`now() + ${Math.round(leaseMs)}::int * interval '1 millisecond'` })
    .where(and(eq(channelMailboxCursors.mailbox, mailbox),
      or(isNull(channelMailboxCursors.leasedUntil), lt(channelMailboxCursors.leasedUntil, sql`now()`), eq(channelMailboxCursors.leasedBy, holder))))
    .returning();
  return row ? { uidValidity: row.uidValidity, lastUid: row.lastUid } : null;
}

/** Moves the cursor, but only for the lease holder (a poller whose lease ran out and was taken over stops here). */
export async function advanceMailbox(db: DbOrTx, mailbox: string, holder: string, uidValidity: number, lastUid: number): Promise<boolean> {
  const rows = await db.update(channelMailboxCursors)
    .set({ uidValidity, lastUid, polledAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(channelMailboxCursors.mailbox, mailbox), eq(channelMailboxCursors.leasedBy, holder)))
    .returning({ mailbox: channelMailboxCursors.mailbox });
  return rows.length > 0;
}

export async function releaseMailbox(db: DbOrTx, mailbox: string, holder: string): Promise<void> {
  await db.update(channelMailboxCursors).set({ leasedUntil: null, leasedBy: null, polledAt: sql`now()` })
    .where(and(eq(channelMailboxCursors.mailbox, mailbox), eq(channelMailboxCursors.leasedBy, holder)));
}

/** Serialises the writes of mailbox polls (as the dossier alerts do): the lease decides who polls, this who writes. */
export async function lockMailboxWrite(tx: DbOrTx, mailbox: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CONTACT_LOCK + 1}, hashtext(${mailbox}))`);
}

/** Replies and notices a platform refused for good (the outbox gave up) that have not been sent another way. */
export async function refusedDeliveries(db: DbOrTx, limit: number) {
  return db.select({ message: channelMessages, lastError: outbox.lastError, payload: outbox.payload })
    .from(channelMessages)
    .innerJoin(outbox, eq(outbox.key, channelMessages.outboxKey))
    .where(and(eq(channelMessages.direction, 'out'), eq(channelMessages.status, 'queued'), inArray(channelMessages.channel, ['zalo', 'facebook', 'sms']),
      sql`${channelMessages.reportId} IS NOT NULL`, eq(outbox.status, 'failed')))
    .orderBy(asc(channelMessages.createdAt))
    .limit(limit);
}

/** Locks one outbound message while it is still queued (another process may be falling back on it). */
export async function lockQueuedMessage(tx: DbOrTx, id: string): Promise<ChannelMessageRow | undefined> {
  const [row] = await tx.select().from(channelMessages)
    .where(and(eq(channelMessages.id, id), eq(channelMessages.status, 'queued')))
    .for('update', { skipLocked: true });
  return row;
}

