// The doors dossiers come in by: the bulk upsert API, file import, polling connectors.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Ok } from '../../../shared/contracts/common.js';
import {
  BulkUpsertDossiersBody, BulkUpsertResult, ConnectorRunResult, CreateConnectorBody, DossierConnector, DossierImport, ImportDossiersQuery,
  UpdateConnectorBody,
} from '../../../shared/contracts/dossier-ingest.js';
import { contextOf } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import {
  createConnector, deleteConnector, getConnector, listConnectors, runConnectorNow, updateConnector,
} from './connector.js';
import { getDossierImport, listMyDossierImports, startDossierImport, waitForImports, XLSX_TYPE } from './dossier-import.js';
import { upsertDossiers } from './ingest.js';

const tags = ['dossiers'];

export const dossierIngestRoutes: FastifyPluginAsyncZod = async (app) => {
  // Scoped to this plugin: import files arrive raw (CSV text, .xlsx bytes) or as multipart/form-data.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: app.config.importLimit }, (_req, body, done) => done(null, body));
  app.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: app.config.importLimit }, (_req, body, done) => done(null, body));
  await app.register(fastifyMultipart, { limits: { fileSize: app.config.importLimit, files: 1 } });
  app.addHook('onClose', async () => { await waitForImports(); });

  app.post('/bulk', {
    bodyLimit: app.config.importLimit,
    schema: {
      tags,
      summary: 'Create or update up to 10,000 dossiers with their status events, idempotent by (source, code); optional Idempotency-Key header',
      description: 'mode all-or-nothing (default): any invalid dossier → 422 ingest-rejected with `report`, nothing saved. skip-invalid: the valid ones are saved, the rest listed in `errors`.',
      headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).passthrough(),
      body: BulkUpsertDossiersBody,
      response: { 200: BulkUpsertResult },
    },
  }, async (req) => upsertDossiers(contextOf(req), req.body, req.headers['idempotency-key'] as string | undefined));

  app.post('/import', {
    bodyLimit: app.config.importLimit,
    schema: {
      tags,
      summary: 'Import dossiers from a CSV or XLSX file (raw body: text/csv or .xlsx; or multipart/form-data with one file)',
      description: 'Answers 202 with the import (status running; follow GET /imports/:id or the hub event dossier.import.progress), 200 when the file was rejected as a whole (all-or-nothing) or for a dry run.',
      querystring: ImportDossiersQuery,
      body: z.unknown(),
      response: { 200: DossierImport, 202: DossierImport },
    },
  }, async (req, reply) => {
    let file: { content: Buffer | string; fileName: string; contentType: string | null };
    if (req.isMultipart()) {
      const part = await req.file();
      if (!part) throw new AppError('bad-request', { title: 'No file in the form.', detail: 'Biểu mẫu không có tệp đính kèm.' });
      file = { content: await part.toBuffer(), fileName: part.filename, contentType: part.mimetype };
    } else {
      file = { content: Buffer.isBuffer(req.body) || typeof req.body === 'string' ? req.body : '', fileName: req.query.fileName ?? 'upload', contentType: req.headers['content-type'] ?? null };
    }
    const result = await startDossierImport(contextOf(req), req.query, file);
    return reply.code(result.status === 202 ? 202 : 200).send(result.body);
  });

  app.get('/imports', { schema: { tags, summary: 'Your latest dossier imports (all of them for an admin)', response: { 200: z.object({ items: z.array(DossierImport) }) } } },
    async (req) => listMyDossierImports(contextOf(req)));

  app.get('/imports/:id', { schema: { tags, summary: 'Progress and row errors of a dossier import', params: IdParams, response: { 200: DossierImport } } },
    async (req) => getDossierImport(contextOf(req), req.params.id));

  app.get('/connectors', { schema: { tags, summary: 'Polling connectors to one-stop-shop systems (tokens are never answered)', response: { 200: z.object({ items: z.array(DossierConnector) }) } } },
    async (req) => listConnectors(contextOf(req)));

  app.get('/connectors/:id', { schema: { tags, params: IdParams, response: { 200: DossierConnector } } },
    async (req) => getConnector(contextOf(req), req.params.id));

  app.post('/connectors', { schema: { tags, body: CreateConnectorBody, response: { 201: DossierConnector } } },
    async (req, reply) => reply.code(201).send(await createConnector(contextOf(req), req.body)));

  app.patch('/connectors/:id', { schema: { tags, params: IdParams, body: UpdateConnectorBody, response: { 200: DossierConnector } } },
    async (req) => updateConnector(contextOf(req), req.params.id, req.body));

  app.delete('/connectors/:id', { schema: { tags, params: IdParams, response: { 200: Ok } } },
    async (req) => deleteConnector(contextOf(req), req.params.id));

  app.post('/connectors/:id/run', { schema: { tags, summary: 'Poll the connector now (waits for the run)', params: IdParams, response: { 200: ConnectorRunResult } } },
    async (req) => runConnectorNow(contextOf(req), req.params.id));
};
