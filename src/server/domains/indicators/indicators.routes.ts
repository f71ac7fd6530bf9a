import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok, Uuid } from '../../../shared/contracts/common.js';
import {
  AnalyticsQuery, AnalyticsResult, Completeness, CompletenessQuery, DataQuality, CreateDimensionBody, CreateFormBody, CreateIndicatorBody, Dimension, Entry, EntryQuery,
  Form, FormCodeParams, FormSummary, Indicator, ListIndicatorsQuery, ListReportsQuery, ReportList, PeriodId, Progress, ProgressQuery, SaveEntryBody, SaveEntryResult, SetTargetBody,
  Submission, SubmissionState, UpdateIndicatorBody, ValueHistory, ValueHistoryQuery, WorkflowBody, WorkflowParams, CreateValidationRuleBody, ValidationRule,
} from '../../../shared/contracts/indicators.js';
import { contextOf } from '../../core/context.js';
import { requestHash, withIdempotency } from '../../core/idempotency.js';
import { analyticsCsv, analyticsXlsx, indicatorNames, progressOf, runAnalytics } from './analytics.js';
import { completenessOf, getEntry, importValues, listReports, qualityOf, saveEntry, transitionReport, valueHistoryOf } from './data-entry.js';
import {
  createDimension, createForm, createIndicator, createValidationRule, getForm, getIndicator, listDimensionsFor, listForms, listIndicatorsFor, listValidationRules, updateIndicator,
} from './indicators.service.js';
import { setTarget } from './targets.js';

export const indicatorsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['indicators'];
  app.get('/', { schema: { tags, querystring: ListIndicatorsQuery, response: { 200: z.array(Indicator) } } }, async (req) => listIndicatorsFor(contextOf(req), req.query));
  app.get('/:id', { schema: { tags, params: IdParams, response: { 200: Indicator } } }, async (req) => getIndicator(contextOf(req), req.params.id));
  app.post('/', { schema: { tags, body: CreateIndicatorBody, response: { 201: Indicator } } }, async (req, reply) => reply.code(201).send(await createIndicator(contextOf(req), req.body)));
  app.patch('/:id', { schema: { tags, params: IdParams, body: UpdateIndicatorBody, response: { 200: Indicator } } }, async (req) => updateIndicator(contextOf(req), req.params.id, req.body));
  app.get('/progress', { schema: { tags, summary: 'Year to date against targets, with a traffic light', querystring: ProgressQuery, response: { 200: Progress } } },
    async (req) => progressOf(contextOf(req), req.query));
};

export const dimensionsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['indicators'];
  app.get('/', { schema: { tags, response: { 200: z.array(Dimension) } } }, async (req) => listDimensionsFor(contextOf(req)));
  app.post('/', { schema: { tags, body: CreateDimensionBody, response: { 201: Dimension } } }, async (req, reply) => reply.code(201).send(await createDimension(contextOf(req), req.body)));
};

const PushBody = z.strictObject({
  unitId: Uuid, period: PeriodId, submit: z.boolean().default(false),
  values: z.array(z.strictObject({ rowCode: z.string().min(1).max(20), optionKey: z.string().max(200).default(''), value: z.number().finite().nullable() })).min(1).max(20000),
});
const PushResult = z.object({ saved: z.number().int(), state: SubmissionState, submissionId: Uuid, replayed: z.boolean() });

export const formsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['forms'];
  app.get('/', { schema: { tags, response: { 200: z.array(FormSummary) } } }, async (req) => listForms(contextOf(req)));
  app.post('/', { schema: { tags, summary: 'Create a form, or the next version of an existing code', body: CreateFormBody, response: { 201: Form } } },
    async (req, reply) => reply.code(201).send(await createForm(contextOf(req), req.body)));
  app.get('/:code', { schema: { tags, params: FormCodeParams, querystring: z.strictObject({ period: PeriodId.optional() }), response: { 200: Form } } },
    async (req) => getForm(contextOf(req), req.params.code, req.query.period));
  app.get('/:code/entry', { schema: { tags, summary: 'The entry grid of a report: values, previous period, same period last year, validation', params: FormCodeParams, querystring: EntryQuery, response: { 200: Entry } } },
    async (req) => getEntry(contextOf(req), req.params.code, req.query.unitId, req.query.period));
  app.put('/:code/entry', { schema: { tags, summary: 'Save cells; each carries the version it was edited from (409 on a stale edit)', params: FormCodeParams, querystring: EntryQuery, body: SaveEntryBody, response: { 200: SaveEntryResult } } },
    async (req) => saveEntry(contextOf(req), req.params.code, req.query.unitId, req.query.period, req.body));
  app.post('/:code/values', {
    schema: {
      tags, summary: 'System-to-system push of a report’s values; requires an Idempotency-Key header', params: FormCodeParams,
      headers: z.object({ 'idempotency-key': z.string().min(8).max(200) }).passthrough(), body: PushBody, response: { 200: PushResult },
    },
  }, async (req) => {
    const ctx = contextOf(req);
    const key = req.headers['idempotency-key'] as string;
    const result = await ctx.db.transaction((tx) => withIdempotency(tx, `indicator-values:${ctx.actor.type}:${ctx.actor.id}`, key, requestHash({ code: req.params.code, body: req.body }),
      async () => ({ status: 200, body: await importValues({ ...ctx, db: tx as typeof ctx.db }, req.params.code, { ...req.body, source: 'api' }) })));
    return { ...result.body, replayed: result.replayed };
  });
  app.post('/:code/reports/:unitId/:period/:action', {
    schema: { tags, summary: 'Workflow: submit, return (reason), approve, lock, reopen (reason)', params: WorkflowParams.extend({ unitId: Uuid, period: PeriodId }), body: WorkflowBody.optional(), response: { 200: Submission } },
  }, async (req) => transitionReport(contextOf(req), req.params.code, req.params.unitId, req.params.period, req.params.action, req.body?.reason));
  app.get('/:code/quality', { schema: { tags, summary: 'Data quality: every report of the period with values, and the validation rules it fails', params: FormCodeParams, querystring: CompletenessQuery, response: { 200: DataQuality } } },
    async (req) => qualityOf(contextOf(req), req.params.code, req.query.period));
  app.get('/:code/completeness', { schema: { tags, summary: 'Expected, submitted, on time, and the named late units', params: FormCodeParams, querystring: CompletenessQuery, response: { 200: Completeness } } },
    async (req) => completenessOf(contextOf(req), req.params.code, req.query.period));
};

/** Under /api/reports: reports of every form by state, for the approvals inbox. */
export const reportsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags: ['forms'], summary: 'Reports in your scope by state; awaitingMe=true lists those you may decide on', querystring: ListReportsQuery, response: { 200: ReportList } } },
    async (req) => listReports(contextOf(req), req.query));
};

export const valuesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/history', { schema: { tags: ['indicators'], summary: 'Who changed a value, when, from what', querystring: ValueHistoryQuery.extend({ periodType: z.string().default('monthly') }), response: { 200: ValueHistory } } },
    async (req) => valueHistoryOf(contextOf(req), req.query));
};

export const analyticsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags: ['analytics'], summary: 'Indicators × units × periods, rolled up the tree as of a date (format=csv or xlsx for a file)', querystring: AnalyticsQuery, response: { 200: AnalyticsResult.or(z.string()).or(z.custom<Buffer>((v) => Buffer.isBuffer(v))) } } },
    async (req, reply) => {
      const ctx = contextOf(req);
      const result = await runAnalytics(ctx, req.query);
      if (req.query.format === 'json') return result;
      const names = await indicatorNames(ctx.db, [...new Set(result.rows.map((r) => r.indicatorCode))]);
      if (req.query.format === 'xlsx') {
        return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', 'attachment; filename="ioc-analytics.xlsx"')
          .send(await analyticsXlsx(result, names));
      }
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="ioc-analytics.csv"').send(analyticsCsv(result, names));
    });
};

export const targetsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put('/', { schema: { tags: ['indicators'], summary: 'Set an annual target (optionally phased by month)', body: SetTargetBody, response: { 200: Ok } } }, async (req) => setTarget(contextOf(req), req.body));
};

export const validationRulesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['indicators'];
  app.get('/', { schema: { tags, response: { 200: z.array(ValidationRule) } } }, async (req) => listValidationRules(contextOf(req)));
  app.post('/', { schema: { tags, body: CreateValidationRuleBody, response: { 201: ValidationRule } } }, async (req, reply) => reply.code(201).send(await createValidationRule(contextOf(req), req.body)));
};
