// Push of approved reports to the national reporting system: delivery log, resend, code mapping, SDMX export.
import { z } from 'zod';
import { PeriodId } from './indicators.js';

export const OutboxStatus = z.enum(['pending', 'delivered', 'failed']);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

export const ListNationalDeliveriesQuery = z.strictObject({
  status: OutboxStatus.optional(),
  formCode: z.string().min(1).max(60).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  beforeId: z.coerce.number().int().positive().optional(),
});
export type ListNationalDeliveriesQuery = z.infer<typeof ListNationalDeliveriesQuery>;

export const NationalDeliveryAttempt = z.object({
  at: z.string(), httpStatus: z.number().int().nullable(), responseBody: z.string().nullable(), error: z.string().nullable(), durationMs: z.number().int(),
});
export const NationalDelivery = z.object({
  id: z.number().int(),
  key: z.string(),
  status: OutboxStatus,
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
  submissionId: z.string().nullable(),
  formCode: z.string().nullable(),
  unitCode: z.string().nullable(),
  periodId: z.string().nullable(),
  revision: z.number().int().nullable(),
  unmappedIndicators: z.array(z.string()),
  attemptLog: z.array(NationalDeliveryAttempt),
  packet: z.unknown(),
});
export type NationalDelivery = z.infer<typeof NationalDelivery>;
export const NationalDeliveryList = z.object({ items: z.array(NationalDelivery) });

export const OutboxIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const NationalCodesBody = z.strictObject({
  codes: z.array(z.strictObject({
    indicatorCode: z.string().min(1).max(60),
    nationalCode: z.string().trim().min(1).max(60).nullable(),   // null removes the mapping
    nationalName: z.string().max(500).nullable().optional(),
  })).min(1).max(2000),
});
export type NationalCodesBody = z.infer<typeof NationalCodesBody>;

export const NationalCode = z.object({ indicatorCode: z.string(), nationalCode: z.string(), nationalName: z.string().nullable(), updatedAt: z.string() });
export const NationalCodeList = z.array(NationalCode);

export const SdmxQuery = z.strictObject({ period: PeriodId });

/** Under /api/national-push. */
