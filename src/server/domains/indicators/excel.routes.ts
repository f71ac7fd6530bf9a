// A report as an Excel file: download the template, upload it filled (the raw .xlsx is the request body).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EntryQuery, ExcelImportMode, ExcelImportResult, FormCodeParams } from '../../../shared/contracts/indicators.js';
import { contextOf } from '../../core/context.js';
import { importReportWorkbook, reportTemplate, XLSX_TYPE } from './excel.js';

const ExcelImportQuery = EntryQuery.extend({ mode: ExcelImportMode.default('all-or-nothing') });

export const formExcelRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['forms'];
  // Scoped to this plugin: other routes keep refusing these types with 415.
  app.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: app.config.importLimit },
    (_req, body, done) => done(null, body));

  app.get('/:code/excel', {
    schema: { tags, summary: 'The Excel (.xlsx) template of a report, pre-filled with its current values', params: FormCodeParams, querystring: EntryQuery },
  }, async (req, reply) => {
    const file = await reportTemplate(contextOf(req), req.params.code, req.query.unitId, req.query.period);
    return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${file.filename}"`).send(file.content);
  });

  app.post('/:code/excel', {
    bodyLimit: app.config.importLimit,
    schema: {
      tags, summary: 'Upload a filled template (raw .xlsx body); all-or-nothing (default) or save-valid', params: FormCodeParams, querystring: ExcelImportQuery,
      body: z.unknown(), response: { 200: ExcelImportResult },
    },
  }, async (req) => importReportWorkbook(contextOf(req), req.params.code, req.query, req.body));
};
