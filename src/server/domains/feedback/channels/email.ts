// The e-mail channel: the hotline mailbox is polled over IMAP (imapflow); each new message is parsed
// (mailparser: MIME, encodings, HTML-only mail to text) and stored as an inbound channel message, in the
// same transaction that moves the mailbox cursor (UIDVALIDITY + last UID). A crash before that commit reads
// the message again; the Message-ID makes the second read a no-op. One process polls at a time.
import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { ImapFlow } from 'imapflow';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../../db/client.js';
import type { ImapSettings } from './channels.config.js';
import { advanceMailbox, insertMessages, leaseMailbox, lockMailboxWrite, type NewChannelMessage, releaseMailbox } from './channels.queries.js';
import type { InboundRaw } from './inbound.js';

const LEASE_MS = 5 * 60_000;
const BATCH = 50;                       // messages read per poll; the next poll continues
const MAX_SOURCE_BYTES = 25 * 1024 * 1024;
// As the photo upload of the public page (H2's media defaults): five photos of up to 10 MB.
const MAX_IMAGES = 5;
const MAX_IMAGE_BYTES = 10 * 1_048_576;

export interface PollResult { fetched: number; stored: number; ignored: number; skipped: boolean; uidValidity: number | null; lastUid: number | null }

function mailboxKey(imap: ImapSettings): string {
  return `${imap.user}@${imap.host}:${imap.port}/${imap.mailbox}`;
}

const headerValue = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(' ') : v && typeof v === 'object' && 'text' in v ? String((v as { text: unknown }).text) : v === undefined || v === null ? '' : JSON.stringify(v));

/**
 * Mail that no person wrote: auto-replies and bounces (RFC 3834 Auto-Submitted, Precedence, the usual
 * X-Autoreply headers, delivery reports, mailer-daemon senders). Answering them would start loops.
 */
export function isAutomatedMail(mail: Pick<ParsedMail, 'headers'> & { from?: ParsedMail['from'] }): boolean {
  const h = mail.headers;
  const autoSubmitted = headerValue(h.get('auto-submitted')).trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (/^(bulk|junk|list|auto_reply)$/i.test(headerValue(h.get('precedence')).trim())) return true;
  if (h.has('x-autoreply') || h.has('x-autorespond') || h.has('x-auto-response-suppress') && /all|oof|autoreply/i.test(headerValue(h.get('x-auto-response-suppress')))) return true;
  if (/multipart\/report/i.test(headerValue(h.get('content-type')))) return true;
  const from = mail.from?.value[0]?.address ?? '';
  return /^(mailer-daemon|postmaster)@/i.test(from);
}

/** A reply's new text without the quoted message below it. */
export function stripQuotedReply(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cut = lines.findIndex((l) => /^\s*>/.test(l) || /^(On|Vào) .+(wrote|đã viết):\s*$/i.test(l.trim()) || /^-{2,}\s*Original Message\s*-{2,}/i.test(l.trim()));
  return (cut > 0 ? lines.slice(0, cut) : lines).join('\n').trim();
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): { address: string; name: string | null } | null {
  const list = Array.isArray(a) ? a.flatMap((x) => x.value) : a?.value ?? [];
  const first = list.find((v) => v.address);
  return first?.address ? { address: first.address.toLowerCase(), name: first.name || null } : null;
}

/** The channel message a raw e-mail becomes (or null when it has no sender to answer). */
export async function inboundFromMail(source: Buffer, fallbackId: string, ownAddress: string | null): Promise<NewChannelMessage | null> {
  const mail = await simpleParser(source, { skipImageLinks: true, skipTextLinks: true });
  const from = firstAddress(mail.from);
  if (!from) return null;
  const messageId = mail.messageId?.trim() || `<${fallbackId}>`;
  const refs = [
    ...(mail.inReplyTo ? [mail.inReplyTo] : []),
    ...(Array.isArray(mail.references) ? mail.references : mail.references ? mail.references.split(/\s+/) : []),
  ].map((r) => r.trim()).filter(Boolean);
  // mailparser derives `text` from the HTML part when a mail has no plain part.
  const body = stripQuotedReply(mail.text ?? '');
  // Photos travel with the stored message until it is handled (then they move into the report's media);
  // other files are only listed.
  const images = mail.attachments.filter((a) => /^image\//i.test(a.contentType) && a.size <= MAX_IMAGE_BYTES).slice(0, MAX_IMAGES);
  const attachments = mail.attachments.filter((a) => !images.includes(a)).map((a) => `${a.filename ?? 'tệp đính kèm'} (${a.contentType}, ${a.size} B)`);
  const raw: InboundRaw = {
    headers: { from: mail.from?.text ?? '', to: headerValue(mail.to && ('text' in mail.to ? mail.to.text : '')), date: mail.date?.toISOString() ?? '', subject: mail.subject ?? '' },
    attachments,
    images: images.map((a) => ({ fileName: a.filename ?? null, base64: a.content.toString('base64') })),
  };
  const automated = isAutomatedMail(mail) || (ownAddress !== null && from.address === ownAddress.toLowerCase());
  const attachmentNote = attachments.length ? `\n\n[Tệp đính kèm chưa được lưu: ${attachments.join('; ')}]` : '';
  return {
    id: uuidv7(), channel: 'email', direction: 'in', externalId: messageId, contact: from.address, contactName: from.name,
    subject: mail.subject?.trim() || null, text: `${body}${attachmentNote}`, threadRefs: [...new Set(refs)].slice(0, 50), raw,
    sentAt: mail.date ?? null, status: automated ? 'ignored' : 'pending',
  };
}

function addressOf(from: string): string | null {
  const m = /<([^>]+)>/.exec(from) ?? /(\S+@\S+)/.exec(from);
  return m?.[1]?.toLowerCase() ?? null;
}

/**
 * One poll of the mailbox: takes the lease (or returns `skipped` when another process holds it), reads the
 * messages after the cursor, and stores each with the cursor move in one transaction.
 */
export async function pollMailbox(db: Db, imap: ImapSettings, options: { ownAddress: string; holder?: string; log?: Pick<FastifyBaseLogger, 'warn'> | null } = { ownAddress: '' }): Promise<PollResult> {
  const key = mailboxKey(imap);
  const holder = options.holder ?? `${hostname()}:${process.pid}:${uuidv7()}`;
  const result: PollResult = { fetched: 0, stored: 0, ignored: 0, skipped: false, uidValidity: null, lastUid: null };
  const cursor = await leaseMailbox(db, key, holder, LEASE_MS);
  if (!cursor) return { ...result, skipped: true };
  const client = new ImapFlow({
    host: imap.host, port: imap.port, secure: imap.secure, auth: { user: imap.user, pass: imap.password }, logger: false,
    tls: { rejectUnauthorized: imap.verifyTls }, ...(imap.secure ? {} : { doSTARTTLS: false }),
  });
  try {
    await client.connect();
    const lock = await client.getMailboxLock(imap.mailbox);
    try {
      const mailbox = client.mailbox;
      if (!mailbox) throw new Error(`mailbox ${imap.mailbox} is not open`);
      const uidValidity = Number(mailbox.uidValidity);
      // A new UIDVALIDITY means the UIDs were renumbered: read everything again (Message-IDs deduplicate).
      let lastUid = uidValidity === cursor.uidValidity ? cursor.lastUid : 0;
      if (uidValidity !== cursor.uidValidity) await advanceMailbox(db, key, holder, uidValidity, 0);
      result.uidValidity = uidValidity;
      const uids = ((await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || []).filter((u) => u > lastUid).sort((a, b) => a - b).slice(0, BATCH);
      for (const uid of uids) {
        const msg = await client.fetchOne(String(uid), { uid: true, source: true, size: true }, { uid: true });
        result.fetched++;
        let row: NewChannelMessage | null = null;
        if (msg && msg.source && (msg.size ?? msg.source.length) <= MAX_SOURCE_BYTES) {
          row = await inboundFromMail(msg.source, `${uidValidity}.${uid}@${imap.host}`, options.ownAddress ? addressOf(options.ownAddress) : null);
        } else if (msg) {
          options.log?.warn({ uid, size: msg.size }, 'mail too large or empty; skipped');
        }
        await db.transaction(async (tx) => {
          await lockMailboxWrite(tx, key);
          if (row) {
            const { stored } = await insertMessages(tx, [row]);
            result.stored += stored;
            if (row.status === 'ignored') result.ignored++;
          }
          if (!(await advanceMailbox(tx, key, holder, uidValidity, uid))) throw new Error('mailbox lease lost to another process');
        });
        lastUid = uid;
      }
      result.lastUid = lastUid;
    } finally {
      lock.release();
    }
    await client.logout();
  } catch (err) {
    client.close();
    throw err;
  } finally {
    await releaseMailbox(db, key, holder);
  }
  return result;
}
