// The real local mail system for e-mail channel tests: Postfix (SMTP, 127.0.0.1:25) delivering over LMTP to
// Dovecot (IMAP, 127.0.0.1:143), set up by .ci/mail-setup.sh (run by .ci/run; on a fresh Debian machine:
// `apt-get install postfix dovecot-imapd dovecot-lmtpd && .ci/mail-setup.sh` as root). Each test gets its own
// IMAP folders through plus-addressing ("ioc-hotline+<folder>@ioc.test" lands in folder <folder>), so the
// PGlite and PostgreSQL runs never read each other's mail.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { ImapFlow } from 'imapflow';
import { type ParsedMail, simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';

export const MAIL_DOMAIN = 'ioc.test';
export const MAIL_PASSWORD = process.env.IOC_TEST_MAIL_PASSWORD ?? 'ioc-mail-test-password';
export const SMTP_URL = 'smtp://127.0.0.1:25';
export const HOTLINE_USER = 'ioc-hotline';
export const CITIZEN_USER = 'ioc-citizen';

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port, timeout: 1000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

/** Null when the servers answer and the test user can sign in; otherwise why not (the tests skip, saying so). */
export async function mailServerUnavailable(): Promise<string | null> {
  if (!(await reachable(25))) return 'no SMTP server on 127.0.0.1:25 (install postfix and run .ci/mail-setup.sh as root)';
  if (!(await reachable(143))) return 'no IMAP server on 127.0.0.1:143 (install dovecot-imapd dovecot-lmtpd and run .ci/mail-setup.sh as root)';
  const client = imapClient(HOTLINE_USER);
  try {
    await client.connect();
    await client.logout();
    return null;
  } catch (err) {
    return `cannot sign in to IMAP as ${HOTLINE_USER}: ${(err as Error).message} (run .ci/mail-setup.sh)`;
  }
}

export function imapClient(user: string): ImapFlow {
  return new ImapFlow({ host: '127.0.0.1', port: 143, secure: false, doSTARTTLS: false, auth: { user, pass: MAIL_PASSWORD }, logger: false });
}

/** A fresh folder name for one test: addresses and the IOC_FEEDBACK_IMAP_URL that reads it. */
export function mailFolder(prefix = 't'): { folder: string; hotline: string; citizen: string; imapUrl: string } {
  const folder = `${prefix}${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  return {
    folder,
    hotline: `${HOTLINE_USER}+${folder}@${MAIL_DOMAIN}`,
    citizen: `${CITIZEN_USER}+${folder}@${MAIL_DOMAIN}`,
    imapUrl: `imap://${HOTLINE_USER}:${encodeURIComponent(MAIL_PASSWORD)}@127.0.0.1:143/${folder}`,
  };
}

/** Sends a mail through the local Postfix, as a citizen's mail client would. */
export async function sendMail(mail: SendMailOptions): Promise<string> {
  const transport = nodemailer.createTransport(SMTP_URL);
  try {
    const info = await transport.sendMail(mail);
    return info.messageId;
  } finally {
    transport.close();
  }
}

/** The mails of a user's folder, parsed, oldest first ([] while the folder does not exist). */
export async function readFolder(user: string, folder: string): Promise<ParsedMail[]> {
  const client = imapClient(user);
  await client.connect();
  try {
    const exists = (await client.list()).some((m) => m.path === folder);
    if (!exists) return [];
    const lock = await client.getMailboxLock(folder);
    try {
      const out: ParsedMail[] = [];
      if (!client.mailbox || client.mailbox.exists === 0) return out;
      for await (const m of client.fetch('1:*', { uid: true, source: true })) if (m.source) out.push(await simpleParser(m.source));
      return out;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

/** Waits until the folder holds at least `count` mails (delivery through Postfix takes a moment). */
export async function waitForMail(user: string, folder: string, count = 1, timeoutMs = 15_000): Promise<ParsedMail[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const mails = await readFolder(user, folder);
    if (mails.length >= count) return mails;
    if (Date.now() > until) throw new Error(`expected ${count} mail(s) in ${user}/${folder}, found ${mails.length}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Removes a test's folders from both mailboxes. */
export async function removeFolder(folder: string): Promise<void> {
  for (const user of [HOTLINE_USER, CITIZEN_USER]) {
    const client = imapClient(user);
    try {
      await client.connect();
      if ((await client.list()).some((m) => m.path === folder)) await client.mailboxDelete(folder);
      await client.logout();
    } catch { /* best effort: a leftover folder does not affect other tests */ }
  }
}
