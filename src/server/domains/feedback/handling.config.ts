// Settings of report handling (photos, reopening, SLA warnings), from the environment; see docs/feedback.md.
import { z } from 'zod';

const Env = z.object({
  IOC_REPORT_PHOTO_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1_048_576).default(10 * 1_048_576),   // per photo
  IOC_REPORT_PHOTO_MAX_FILES: z.coerce.number().int().min(1).max(20).default(5),                             // per request
  IOC_REPORT_REOPEN_DAYS: z.coerce.number().int().min(0).max(365).default(7),      // the citizen may reopen this many days after closure
  IOC_REPORT_SLA_WARN_HOURS: z.coerce.number().positive().max(100).default(2),      // "near the deadline" = within these working hours
});

export interface HandlingConfig {
  photoMaxBytes: number;
  photoMaxFiles: number;
  reopenDays: number;
  slaWarnHours: number;
}

export const defaultHandlingConfig: HandlingConfig = { photoMaxBytes: 10 * 1_048_576, photoMaxFiles: 5, reopenDays: 7, slaWarnHours: 2 };

export function handlingConfigOf(env: NodeJS.ProcessEnv): HandlingConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  return { photoMaxBytes: e.IOC_REPORT_PHOTO_MAX_BYTES, photoMaxFiles: e.IOC_REPORT_PHOTO_MAX_FILES, reopenDays: e.IOC_REPORT_REOPEN_DAYS, slaWarnHours: e.IOC_REPORT_SLA_WARN_HOURS };
}
