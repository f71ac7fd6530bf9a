// Environment parsed once, with defaults for the embedded demo. Documented in README "Configuration".
import { z } from 'zod';
import { type ChannelsConfig, channelsConfigOf } from './domains/feedback/channels/channels.config.js';
import { type CamerasConfig, camerasConfigOf } from './domains/cameras/cameras.config.js';
import { type HandlingConfig, handlingConfigOf } from './domains/feedback/handling.config.js';
import { type TelemetryConfig, telemetryConfigOf } from './domains/telemetry/telemetry.config.js';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),          // unset: embedded PGlite under IOC_DATA_DIR
  IOC_DATA_DIR: z.string().default('./data'),
  IOC_ADMIN_PASSWORD: z.string().min(10).optional(),  // first start only; generated and printed when unset
  IOC_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  IOC_DEMO_DOSSIERS: z.coerce.number().int().min(0).max(5_000_000).optional(), // synthetic dossiers of the demo; unset: 300,000 (PostgreSQL) or 50,000 (PGlite)
  IOC_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  IOC_TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  IOC_SESSION_HOURS: z.coerce.number().positive().default(12),
  IOC_BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  IOC_IMPORT_LIMIT_BYTES: z.coerce.number().int().positive().default(20 * 1_048_576),
  IOC_WEB_DIR: z.string().default('./dist/web'),
  IOC_SMTP_URL: z.string().url().optional(),                 // e.g. smtp://user:pass@mail.example.gov.vn:587; unset: no e-mail
  IOC_MAIL_FROM: z.string().default('IOC <ioc@localhost>'),
  IOC_NATIONAL_REPORT_URL: z.string().url().optional(),      // the national reporting system's endpoint; unset: push disabled
  IOC_NATIONAL_REPORT_TOKEN: z.string().optional(),
  IOC_BACKGROUND_JOBS: z.enum(['true', 'false']).default('true'), // outbox delivery, reminders, maintenance in this process
  IOC_DOSSIER_DUE_SOON_DAYS: z.coerce.number().int().min(0).max(30).default(2), // dossier alerts: "due soon" = within this many working days
  IOC_OFFICE_HOURS: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}(,\d{2}:\d{2}-\d{2}:\d{2})*$/).default('07:30-11:30,13:30-17:00'), // SLA clocks of citizen reports run in these hours of working days
  IOC_PUBLIC_REPORT_LIMIT: z.coerce.number().int().min(1).default(10), // public report submissions per IP per 10 minutes
  IOC_PUBLIC_FAQ_LIMIT: z.coerce.number().int().min(1).default(60), // chatbot questions per IP per 10 minutes on the public page
  IOC_DEMO_REPORTS: z.coerce.number().int().min(0).max(2_000_000).optional(), // synthetic citizen reports of the demo; unset: 110,000 (PostgreSQL) or 10,000 (PGlite)
  IOC_BASEMAP_URL: z.string().regex(/^https?:\/\/.+\{z\}.*\{x\}.*\{y\}/, 'a raster tile URL template with {z}, {x} and {y}').optional(), // the province's tile server for the IOC map; unset: vector layers on a plain background
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | null;
  dataDir: string;
  adminPassword: string | null;
  seedDemo: boolean;
  demoDossiers: number | null;
  logLevel: z.infer<typeof Env>['IOC_LOG_LEVEL'];
  trustProxy: boolean;
  sessionHours: number;
  bodyLimit: number;
  importLimit: number;
  webDir: string;
  smtpUrl: string | null;
  mailFrom: string;
  nationalReportUrl: string | null;
  nationalReportToken: string | null;
  backgroundJobs: boolean;
  dossierDueSoonDays: number;
  officeHours: string;
  publicReportLimit: number;
  publicFaqLimit: number;
  demoReports: number | null;
  basemapUrl: string | null;          // IOC_BASEMAP_URL
  handling: HandlingConfig;            // photos, reopening and SLA warnings of citizen reports (IOC_REPORT_* variables)
  channels: ChannelsConfig;            // e-mail, Zalo and Facebook channels of citizen feedback (their own IOC_FEEDBACK_*, IOC_ZALO_*, IOC_FACEBOOK_* variables)
  cameras: CamerasConfig;              // live view, snapshots and camera events (IOC_CAMERA_* variables, IOC_MQTT_URL)
  telemetry: TelemetryConfig;          // MQTT ingest, ingest limits, retention, demo simulator (IOC_MQTT_*, IOC_TELEMETRY_* variables)
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: e.IOC_DATA_DIR,
    adminPassword: e.IOC_ADMIN_PASSWORD ?? null,
    seedDemo: e.IOC_SEED_DEMO === 'true',
    demoDossiers: e.IOC_DEMO_DOSSIERS ?? null,
    logLevel: e.IOC_LOG_LEVEL,
    trustProxy: e.IOC_TRUST_PROXY === 'true',
    sessionHours: e.IOC_SESSION_HOURS,
    bodyLimit: e.IOC_BODY_LIMIT_BYTES,
    importLimit: e.IOC_IMPORT_LIMIT_BYTES,
    webDir: e.IOC_WEB_DIR,
    smtpUrl: e.IOC_SMTP_URL ?? null,
    mailFrom: e.IOC_MAIL_FROM,
    nationalReportUrl: e.IOC_NATIONAL_REPORT_URL ?? null,
    nationalReportToken: e.IOC_NATIONAL_REPORT_TOKEN ?? null,
    backgroundJobs: e.IOC_BACKGROUND_JOBS === 'true',
    dossierDueSoonDays: e.IOC_DOSSIER_DUE_SOON_DAYS,
    officeHours: e.IOC_OFFICE_HOURS,
    publicReportLimit: e.IOC_PUBLIC_REPORT_LIMIT,
    publicFaqLimit: e.IOC_PUBLIC_FAQ_LIMIT,
    demoReports: e.IOC_DEMO_REPORTS ?? null,
    basemapUrl: e.IOC_BASEMAP_URL ?? null,
    handling: handlingConfigOf(env),
    channels: channelsConfigOf(env),
    cameras: camerasConfigOf(env),
    telemetry: telemetryConfigOf(env),
  };
}
