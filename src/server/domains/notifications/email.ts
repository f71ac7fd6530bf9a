// The e-mail connector of the outbox: SMTP through nodemailer (IOC_SMTP_URL, e.g. smtp://127.0.0.1:2525).
import nodemailer from 'nodemailer';
import type { Connector } from '../../core/outbox.js';

export interface EmailMessage { to: string; subject: string; text: string }

export function createEmailConnector(smtpUrl: string | null, from: string): Connector {
  const transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  return async (message) => {
    if (!transport) return { ok: false, retryable: false, body: 'e-mail is not configured (IOC_SMTP_URL)' };
    const m = message.payload as EmailMessage;
    try {
      const info = await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
      return { ok: true, httpStatus: 250, body: String(info.response ?? info.messageId) };
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      // 5xx SMTP answers are permanent (bad address); connection errors and 4xx are worth retrying.
      return { ok: false, retryable: !(code && code >= 500), body: (err as Error).message, ...(code ? { httpStatus: code } : {}) };
    }
  };
}
