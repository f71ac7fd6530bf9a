// SMS to citizens who left only a phone number, through an HTTP SMS gateway (a brandname route): Vietnamese
// numbers to E.164, the text fitted to the gateway (diacritics stripped for ASCII-only routes, a bounded
// number of 160-character segments) and the outbox connector. The gateway's payload is ASSUMED, not any
// real provider's specification: see docs/feedback-channels.md ("SMS gateway").
import type { Connector } from '../../../core/outbox.js';
import type { ChannelsConfig } from './channels.config.js';

/** `original`: the full Vietnamese text, kept for an e-mail fallback if the gateway refuses (never sent to it). */
export interface SmsPayload { to: string; text: string; requestId: string; unicode: boolean; original?: string }

// Mobile numbers renumbered from 11 to 10 digits in 2018 (Bộ TT&TT): old hotline records still hold them.
const OLD_MOBILE_PREFIXES: Record<string, string> = {
  '162': '32', '163': '33', '164': '34', '165': '35', '166': '36', '167': '37', '168': '38', '169': '39',
  '120': '70', '121': '79', '122': '77', '126': '76', '128': '78',
  '123': '83', '124': '84', '125': '85', '127': '81', '129': '82',
  '186': '56', '188': '58', '199': '59',
};

export type VietnamPhone = { e164: string; isMobile: boolean };

/**
 * A Vietnamese number in E.164: "0912 345 678", "84912345678", "+84 91 234 5678", "0084…" all become
 * "+84912345678". Mobiles have 9 national digits starting 3, 5, 7, 8 or 9; landlines (02x…) have 10 and
 * cannot take an SMS. Anything else (foreign, too short) is null: we do not guess.
 */
export function vietnamPhoneOf(raw: string | null | undefined): VietnamPhone | null {
  if (!raw) return null;
  const trimmed = raw.trim();
  if (/[^\d\s+().-]/.test(trimmed)) return null;
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) {
    if (!digits.startsWith('84')) return null;
    digits = digits.slice(2);
  } else if (digits.startsWith('0084')) digits = digits.slice(4);
  else if (digits.startsWith('84') && (digits.length === 11 || digits.length === 12)) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = digits.slice(1);
  else return null;
  if (digits.length === 10 && OLD_MOBILE_PREFIXES[digits.slice(0, 3)]) digits = OLD_MOBILE_PREFIXES[digits.slice(0, 3)] + digits.slice(3);
  if (/^[35789]\d{8}$/.test(digits)) return { e164: `+84${digits}`, isMobile: true };
  if (/^2\d{9}$/.test(digits)) return { e164: `+84${digits}`, isMobile: false };
  return null;
}

/** Vietnamese without its marks ("Phản ánh đã xử lý" → "Phan anh da xu ly"), for routes that carry ASCII only. */
export function withoutDiacritics(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

// GSM 03.38: the basic table (one septet) and the extension table (an escape plus one: two septets).
const GSM_BASIC = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export interface SmsSize { encoding: 'gsm7' | 'ucs2'; units: number; segments: number }

/** How many segments a text takes: GSM-7 160 septets (153 each when concatenated), else UCS-2 70 (67). */
export function smsSizeOf(text: string): SmsSize {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) septets += 1;
    else if (GSM_EXTENDED.has(ch)) septets += 2;
    else { gsm = false; break; }
  }
  if (gsm) return { encoding: 'gsm7', units: septets, segments: septets === 0 ? 1 : septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = text.length;   // UTF-16 code units, as UCS-2 counts them
  return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

const PUNCTUATION: [RegExp, string][] = [[/…/g, '...'], [/[‘’‚′]/g, "'"], [/[“”„″]/g, '"'], [/[–—−]/g, '-'], [/\u00a0/g, ' ']];

/**
 * The text an SMS carries. An ASCII-only route gets it without diacritics and with anything outside GSM-7
 * replaced; either way it is cut to `maxSegments`, keeping the last line (the tracking code) whole.
 */
export function smsTextOf(text: string, options: { asciiOnly: boolean; maxSegments: number }): string {
  let out = text.replace(/\r\n?/g, '\n');
  if (options.asciiOnly) {
    out = withoutDiacritics(out);
    for (const [re, to] of PUNCTUATION) out = out.replace(re, to);
    out = out.replace(/`/g, "'").replace(/[^\n\x20-\x7e]/g, '?');   // printable ASCII is GSM-7 but for the backquote
  }
  if (smsSizeOf(out).segments <= options.maxSegments) return out;
  const cut = out.lastIndexOf('\n');
  const tail = cut > 0 ? out.slice(cut) : '';
  let body = cut > 0 ? out.slice(0, cut) : out;
  const ellipsis = options.asciiOnly ? '...' : '…';
  // Shorten by whole code points until it fits (at most a few hundred steps: texts are ≤ 2,000 characters).
  const chars = [...body];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {   // the longest prefix that fits
    const mid = Math.ceil((lo + hi) / 2);
    if (smsSizeOf(chars.slice(0, mid).join('') + ellipsis + tail).segments <= options.maxSegments) lo = mid; else hi = mid - 1;
  }
  body = chars.slice(0, lo).join('').trimEnd();
  return body + ellipsis + tail;
}

export function isSmsConfigured(config: ChannelsConfig['sms']): boolean {
  return Boolean(config.gatewayUrl && config.apiKey);
}

const TIMEOUT_MS = 10_000;

/**
 * The gateway connector (assumed payload): POST {gatewayUrl} with `X-Api-Key`, body
 * `{ from, to: "849…", text, unicode, requestId }`. 2xx with `status: "accepted"` (or "duplicate": the
 * gateway already took this requestId) is sent; 2xx with another status is a refusal that retrying will not
 * change (number not reachable, brandname not registered); 408/429/5xx and network errors are retried.
 */
export function createSmsConnector(config: ChannelsConfig['sms']): Connector {
  return async (message) => {
    if (!config.gatewayUrl || !config.apiKey) return { ok: false, retryable: false, body: 'SMS is not configured (IOC_SMS_GATEWAY_URL, IOC_SMS_API_KEY)' };
    const m = message.payload as SmsPayload;
    try {
      const res = await fetch(config.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': config.apiKey, 'idempotency-key': m.requestId },
        body: JSON.stringify({ from: config.sender, to: m.to.replace(/^\+/, ''), text: m.text, unicode: m.unicode, requestId: m.requestId }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const text = await res.text();
      let status: unknown = null;
      try { status = (JSON.parse(text) as { status?: unknown } | null)?.status; } catch { /* not JSON */ }
      if (res.ok && (status === 'accepted' || status === 'duplicate')) return { ok: true, httpStatus: res.status, body: text };
      if (res.ok) return { ok: false, httpStatus: res.status, retryable: false, body: text };
      return { ok: false, httpStatus: res.status, body: text };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
}
