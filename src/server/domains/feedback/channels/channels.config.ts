// Settings of the messaging channels, from the environment (documented in docs/feedback-channels.md).
// Each channel is off until its credentials are set.
import { z } from 'zod';

const flag = z.enum(['true', 'false']);
const Env = z.object({
  IOC_SMTP_URL: z.string().url().optional(),
  IOC_MAIL_FROM: z.string().default('IOC <ioc@localhost>'),
  // E-mail: the hotline mailbox, polled over IMAP; replies over SMTP.
  IOC_FEEDBACK_IMAP_URL: z.string().regex(/^imaps?:\/\//, 'imap://user:password@host:143/INBOX or imaps://…:993/INBOX').optional(),
  IOC_FEEDBACK_MAIL_POLL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
  IOC_FEEDBACK_SMTP_URL: z.string().url().optional(),   // unset: IOC_SMTP_URL
  IOC_FEEDBACK_MAIL_FROM: z.string().optional(),        // unset: the IMAP user's address, else IOC_MAIL_FROM
  IOC_FEEDBACK_IMAP_TLS_VERIFY: flag.default('true'),
  // Facebook Messenger (a Page's messages through a Meta app).
  IOC_FACEBOOK_APP_SECRET: z.string().min(1).optional(),
  IOC_FACEBOOK_VERIFY_TOKEN: z.string().min(1).optional(),
  IOC_FACEBOOK_PAGE_TOKEN: z.string().min(1).optional(),
  IOC_FACEBOOK_API_URL: z.string().url().default('https://graph.facebook.com/v21.0'),
  IOC_FACEBOOK_REPLY_WINDOW_HOURS: z.coerce.number().positive().default(24),
  // Zalo Official Account.
  IOC_ZALO_APP_ID: z.string().min(1).optional(),
  IOC_ZALO_OA_SECRET: z.string().min(1).optional(),
  IOC_ZALO_OA_TOKEN: z.string().min(1).optional(),
  IOC_ZALO_API_URL: z.string().url().default('https://openapi.zalo.me'),
  IOC_ZALO_REPLY_WINDOW_HOURS: z.coerce.number().positive().default(168),
  // SMS through an HTTP brandname gateway (assumed payload, docs/feedback-channels.md): off until URL and key are set.
  IOC_SMS_GATEWAY_URL: z.string().url().optional(),
  IOC_SMS_API_KEY: z.string().min(1).optional(),
  IOC_SMS_SENDER: z.string().regex(/^[A-Za-z0-9 ._-]{1,11}$/, 'a brandname of at most 11 letters, digits, space . _ -').default('IOC'),
  IOC_SMS_ASCII_ONLY: flag.default('true'),            // most brandname routes carry no Vietnamese diacritics
  IOC_SMS_MAX_SEGMENTS: z.coerce.number().int().min(1).max(10).default(3),
  // Webhook events older than this are refused as replays (the platforms retry for a few hours at most).
  IOC_CHANNEL_WEBHOOK_MAX_AGE_SECONDS: z.coerce.number().int().min(60).default(6 * 3600),
});

export interface ImapSettings { host: string; port: number; secure: boolean; user: string; password: string; mailbox: string; verifyTls: boolean }

export interface ChannelsConfig {
  email: { imap: ImapSettings | null; pollMs: number; smtpUrl: string | null; from: string };
  facebook: { appSecret: string | null; verifyToken: string | null; pageToken: string | null; apiUrl: string; replyWindowHours: number };
  zalo: { appId: string | null; oaSecret: string | null; oaToken: string | null; apiUrl: string; replyWindowHours: number };
  sms: { gatewayUrl: string | null; apiKey: string | null; sender: string; asciiOnly: boolean; maxSegments: number };
  webhookMaxAgeMs: number;
}

export function parseImapUrl(url: string, verifyTls = true): ImapSettings {
  const u = new URL(url);
  const secure = u.protocol === 'imaps:';
  const mailbox = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'INBOX';
  return {
    host: u.hostname, port: u.port ? Number(u.port) : secure ? 993 : 143, secure,
    user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), mailbox, verifyTls,
  };
}

export function channelsConfigOf(env: NodeJS.ProcessEnv | Record<string, string | undefined>): ChannelsConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const imap = e.IOC_FEEDBACK_IMAP_URL ? parseImapUrl(e.IOC_FEEDBACK_IMAP_URL, e.IOC_FEEDBACK_IMAP_TLS_VERIFY === 'true') : null;
  const imapAddress = imap && imap.user.includes('@') ? imap.user : null;
  return {
    email: {
      imap, pollMs: e.IOC_FEEDBACK_MAIL_POLL_SECONDS * 1000,
      smtpUrl: e.IOC_FEEDBACK_SMTP_URL ?? e.IOC_SMTP_URL ?? null,
      from: e.IOC_FEEDBACK_MAIL_FROM ?? imapAddress ?? e.IOC_MAIL_FROM,
    },
    facebook: {
      appSecret: e.IOC_FACEBOOK_APP_SECRET ?? null, verifyToken: e.IOC_FACEBOOK_VERIFY_TOKEN ?? null, pageToken: e.IOC_FACEBOOK_PAGE_TOKEN ?? null,
      apiUrl: e.IOC_FACEBOOK_API_URL.replace(/\/$/, ''), replyWindowHours: e.IOC_FACEBOOK_REPLY_WINDOW_HOURS,
    },
    zalo: {
      appId: e.IOC_ZALO_APP_ID ?? null, oaSecret: e.IOC_ZALO_OA_SECRET ?? null, oaToken: e.IOC_ZALO_OA_TOKEN ?? null,
      apiUrl: e.IOC_ZALO_API_URL.replace(/\/$/, ''), replyWindowHours: e.IOC_ZALO_REPLY_WINDOW_HOURS,
    },
    sms: {
      gatewayUrl: e.IOC_SMS_GATEWAY_URL ?? null, apiKey: e.IOC_SMS_API_KEY ?? null, sender: e.IOC_SMS_SENDER,
      asciiOnly: e.IOC_SMS_ASCII_ONLY === 'true', maxSegments: e.IOC_SMS_MAX_SEGMENTS,
    },
    webhookMaxAgeMs: e.IOC_CHANNEL_WEBHOOK_MAX_AGE_SECONDS * 1000,
  };
}
