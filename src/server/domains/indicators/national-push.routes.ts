// Push to the national reporting system: the delivery log, manual resend, indicator code mapping; and the
// SDMX-CSV export of a form's period.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FormCodeParams } from '../../../shared/contracts/indicators.js';
import {
  ListNationalDeliveriesQuery, NationalCodeList, NationalCodesBody, NationalDelivery, NationalDeliveryList, OutboxIdParams, SdmxQuery,
} from '../../../shared/contracts/national-push.js';
import { contextOf } from '../../core/context.js';
import { listNationalCodes, listNationalDeliveries, resendNationalDelivery, setNationalCodes } from './national-push.js';
import { formSdmxCsv } from './sdmx.js';

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
