// Outbox connectors of the channels: SMTP (nodemailer) with our Message-ID for threading, the Zalo OA
// consultation-message API, the Facebook Send API and the SMS gateway (sms.ts). Payloads as assumed in docs/feedback-channels.md.
import nodemailer from 'nodemailer';
import type { Connector, ConnectorAnswer } from '../../../core/outbox.js';
import type { ChannelsConfig } from './channels.config.js';
import { createSmsConnector } from './sms.js';
import { CONNECTOR, type EmailPayload, type MessagingPayload } from './outbound.js';

const TIMEOUT_MS = 10_000;

async function postJson(url: string, body: unknown, headers: Record<string, string>): Promise<{ status: number; text: string; json: unknown }> {
  const res = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let json: unknown = null;
  try { json = JSON.parse(text); } catch { /* not JSON: kept as text */ }
  return { status: res.status, text, json };
}

function networkFailure(err: unknown): ConnectorAnswer {
  return { ok: false, error: err instanceof Error ? err.message : String(err) };   // no answer: retried
}

export function createFeedbackEmailConnector(config: ChannelsConfig['email']): Connector {
  const transport = config.smtpUrl ? nodemailer.createTransport(config.smtpUrl) : null;
  return async (message) => {
    if (!transport) return { ok: false, retryable: false, body: 'e-mail is not configured (IOC_FEEDBACK_SMTP_URL or IOC_SMTP_URL)' };
    const m = message.payload as EmailPayload;
    try {
      const info = await transport.sendMail({
        from: config.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId,
        ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}), ...(m.references.length ? { references: m.references } : {}),
        // RFC 3834: citizens' auto-responders must not answer our notices (and start a loop).
        headers: m.autoSubmitted ? { 'Auto-Submitted': 'auto-generated' } : {},
      });
      return { ok: true, httpStatus: 250, body: String(info.response ?? info.messageId) };
    } catch (err) {
      const code = (err as { responseCode?: number }).responseCode;
      return { ok: false, retryable: !(code && code >= 500), body: (err as Error).message, ...(code ? { httpStatus: code } : {}) };
    }
  };
}

/** Zalo OA "tin tư vấn": POST {api}/v3.0/oa/message/cs, header access_token; HTTP 200 with error ≠ 0 is a refusal. */
export function createZaloConnector(config: ChannelsConfig['zalo']): Connector {
  return async (message) => {
    if (!config.oaToken) return { ok: false, retryable: false, body: 'Zalo OA is not configured (IOC_ZALO_OA_TOKEN)' };
    const m = message.payload as MessagingPayload;
    try {
      const res = await postJson(`${config.apiUrl}/v3.0/oa/message/cs`, { recipient: { user_id: m.recipientId }, message: { text: m.text } }, { access_token: config.oaToken });
      const error = (res.json as { error?: number } | null)?.error;
      if (res.status === 200 && error === 0) return { ok: true, httpStatus: 200, body: res.text };
      // A refusal in the body (expired token, user outside the window, blocked OA) will not change by retrying.
      if (res.status === 200) return { ok: false, httpStatus: 200, retryable: false, body: res.text };
      return { ok: false, httpStatus: res.status, body: res.text };
    } catch (err) {
      return networkFailure(err);
    }
  };
}

/** Messenger Send API: POST {api}/me/messages?access_token=…, messaging_type RESPONSE (inside the 24-hour window). */
export function createFacebookConnector(config: ChannelsConfig['facebook']): Connector {
  return async (message) => {
    if (!config.pageToken) return { ok: false, retryable: false, body: 'Facebook is not configured (IOC_FACEBOOK_PAGE_TOKEN)' };
    const m = message.payload as MessagingPayload;
    try {
      const url = `${config.apiUrl}/me/messages?access_token=${encodeURIComponent(config.pageToken)}`;
      const res = await postJson(url, { recipient: { id: m.recipientId }, messaging_type: 'RESPONSE', message: { text: m.text } }, {});
      return res.status === 200 ? { ok: true, httpStatus: 200, body: res.text } : { ok: false, httpStatus: res.status, body: res.text };
    } catch (err) {
      return networkFailure(err);
    }
  };
}

/** The connectors the outbox worker needs for the channels, by name. */
export function channelConnectors(config: ChannelsConfig): Record<string, Connector> {
  return {
    [CONNECTOR.email]: createFeedbackEmailConnector(config.email),
    [CONNECTOR.zalo]: createZaloConnector(config.zalo),
    [CONNECTOR.facebook]: createFacebookConnector(config.facebook),
    [CONNECTOR.sms]: createSmsConnector(config.sms),
  };
}
