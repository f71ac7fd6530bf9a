// Push to the national reporting system: the delivery log, manual resend, indicator code mapping; and the
// SDMX-CSV export of a form's period. Contracts live here until they move to shared/contracts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FormCodeParams, PeriodId } from '../../../shared/contracts/indicators.js';
import { contextOf } from '../../core/context.js';
import { listNationalCodes, listNationalDeliveries, resendNationalDelivery, setNationalCodes } from './national-push.js';
import { formSdmxCsv } from './sdmx.js';

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
export const nationalPushRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['national-push'];
  app.get('/outbox', { schema: { tags, summary: 'Delivery log of report packets to the national system, with every attempt', querystring: ListNationalDeliveriesQuery, response: { 200: NationalDeliveryList } } },
    async (req) => listNationalDeliveries(contextOf(req), req.query));
  app.post('/outbox/:id/resend', { schema: { tags, summary: 'Send a failed or delivered packet again, with the same idempotency key', params: OutboxIdParams, response: { 200: NationalDelivery } } },
    async (req) => resendNationalDelivery(contextOf(req), req.params.id));
  app.get('/codes', { schema: { tags, summary: 'Local indicator code → national code', response: { 200: NationalCodeList } } },
    async (req) => listNationalCodes(contextOf(req)));
  app.put('/codes', { schema: { tags, summary: 'Map local indicator codes to national codes (null removes a mapping)', body: NationalCodesBody, response: { 200: NationalCodeList } } },
    async (req) => setNationalCodes(contextOf(req), req.body));
};

/** Under /api/forms (beside formsRoutes). */
export const formSdmxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/:code/sdmx', { schema: { tags: ['forms'], summary: 'SDMX-CSV of every unit’s values of a form and period', params: FormCodeParams, querystring: SdmxQuery, response: { 200: z.string() } } },
    async (req, reply) => {
      const { filename, csv } = await formSdmxCsv(contextOf(req), req.params.code, req.query.period);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(csv);
    });
};
