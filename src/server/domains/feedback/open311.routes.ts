// Open311 GeoReport v2 under /open311/v2: every resource as .json and .xml; errors as the spec writes them.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../core/errors.js';
import { parseOfficeHours } from '../calendar/working-hours.js';
import { originOf } from './feedback.service.js';
import type { PhotoUpload } from './media.js';
import {
  discovery, discoveryXml, errorBody, type Format, formFieldsOf, getRequest, getRequests, getToken, Open311Error, postRequest,
  serviceDefinition, serviceDefinitionXml, serviceRequestUpdates, services, toXml,
} from './open311.js';

const formats: Format[] = ['json', 'xml'];

function formatOfUrl(url: string): Format {
  return url.split('?')[0]!.endsWith('.xml') ? 'xml' : 'json';
}

function send(reply: FastifyReply, format: Format, json: unknown, xml: () => string) {
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(json);
  return reply.type('text/xml; charset=utf-8').send(xml());
}

/** 'ABC.json' → ['ABC', 'json']; anything else → 404 in the spec's format. */
function splitFile(file: string): [string, Format] {
  const dot = file.lastIndexOf('.');
  const ext = file.slice(dot + 1);
  if (dot <= 0 || (ext !== 'json' && ext !== 'xml')) throw new Open311Error(404, 'unknown format; use .json or .xml');
  return [decodeURIComponent(file.slice(0, dot)), ext];
}

export const open311Routes: FastifyPluginAsync = async (app) => {
  const opts = { officeHours: parseOfficeHours(app.config.officeHours) };
  const hide = { hide: true };   // not in the IOC OpenAPI document: the GeoReport v2 spec documents them

  const handling = app.config.handling;
  // multipart/form-data as FixMyStreet and Open311 mobile clients send a photo: the fields as form fields, the
  // photo as a file named "media". Read here, checked and stored by postRequest (open311.ts) after the api_key.
  await app.register(fastifyMultipart, { limits: { fileSize: handling.photoMaxBytes, files: 1, fields: 60, fieldSize: 16 * 1024, parts: 61 } });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, formFieldsOf(body as string)));
  app.setErrorHandler((error, req, reply) => {
    const format = formatOfUrl(req.url);
    let status = 500;
    let description = 'internal error';
    if (error instanceof Open311Error) { status = error.status; description = error.description; }
    else if (error instanceof AppError && error.code === 'rate-limited') { status = 429; description = 'too many requests'; }
    else if ((error as { statusCode?: number }).statusCode === 413) { status = 400; description = 'request body too large'; }
    else if ((error as { statusCode?: number }).statusCode === 415) { status = 400; description = 'send application/x-www-form-urlencoded or multipart/form-data'; }
    else if ((error as { statusCode?: number }).statusCode === 400) { status = 400; description = 'malformed request'; }
    else req.log.error({ err: error }, 'open311 request failed');
    return reply.code(status).type(format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8').send(errorBody(format, status, description));
  });
  app.setNotFoundHandler((req, reply) => {
    const format = formatOfUrl(req.url);
    return reply.code(404).type(format === 'xml' ? 'text/xml; charset=utf-8' : 'application/json; charset=utf-8').send(errorBody(format, 404, 'no such resource'));
  });

  const baseUrl = (req: FastifyRequest) => `${req.protocol}://${req.host}`;
  const query = (req: FastifyRequest) => req.query as Record<string, unknown>;

  for (const f of formats) {
    app.get(`/discovery.${f}`, { schema: hide }, async (req, reply) => send(reply, f, discovery(baseUrl(req)), () => discoveryXml(baseUrl(req))));
    app.get(`/services.${f}`, { schema: hide }, async (req, reply) => {
      const list = await services(app.db);
      return send(reply, f, list, () => toXml('services', 'service', list));
    });
    app.get(`/requests.${f}`, { schema: hide }, async (req, reply) => {
      const list = await getRequests(app.db, query(req), new Date(), baseUrl(req));
      return send(reply, f, list, () => toXml('service_requests', 'request', list));
    });
    app.post(`/requests.${f}`, { schema: hide }, async (req, reply) => {
      const { fields, uploads } = req.isMultipart() ? await readOpen311Multipart(req, handling.photoMaxBytes)
        : { fields: req.body && typeof req.body === 'object' ? req.body as Record<string, unknown> : {}, uploads: [] };
      const list = await postRequest(originOf(req), { ...query(req), ...fields }, opts, uploads);
      return send(reply, f, list, () => toXml('service_requests', 'request', list));
    });
    app.get(`/servicerequestupdates.${f}`, { schema: hide }, async (req, reply) => {
      const list = await serviceRequestUpdates(app.db, query(req));
      return send(reply, f, list, () => toXml('service_request_updates', 'request_update', list));
    });
  }
  app.get('/services/:file', { schema: hide }, async (req, reply) => {
    const [code, f] = splitFile((req.params as { file: string }).file);
    const def = await serviceDefinition(app.db, code);
    return send(reply, f, def, () => serviceDefinitionXml(def));
  });
  app.get('/requests/:file', { schema: hide }, async (req, reply) => {
    const [id, f] = splitFile((req.params as { file: string }).file);
    const list = await getRequest(app.db, id, baseUrl(req));
    return send(reply, f, list, () => toXml('service_requests', 'request', list));
  });
  app.get('/tokens/:file', { schema: hide }, async (req, reply) => {
    const [token, f] = splitFile((req.params as { file: string }).file);
    const list = await getToken(app.db, token);
    return send(reply, f, list, () => toXml('service_requests', 'request', list));
  });
};

/**
 * A multipart POST: its form fields read as the form-urlencoded body would be (attribute[code] included), and
 * the "media" file kept as bytes. Limits and the multipart plugin's errors answer as Open311 400s.
 */
async function readOpen311Multipart(req: FastifyRequest, maxBytes: number): Promise<{ fields: Record<string, unknown>; uploads: PhotoUpload[] }> {
  const pairs = new URLSearchParams();
  const uploads: PhotoUpload[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'media') throw new Open311Error(400, `unexpected file field ${part.fieldname}; send the photo as media`);
        uploads.push({ bytes: await part.toBuffer(), fileName: part.filename || null });
      } else pairs.append(part.fieldname, String(part.value));
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new Open311Error(400, `media is larger than ${Math.round(maxBytes / 104_857.6) / 10} MB`);
    if (code === 'FST_FILES_LIMIT') throw new Open311Error(400, 'send at most one media file');
    if (code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_PROTO_VIOLATION') throw new Open311Error(400, 'too many form fields');
    if (code?.startsWith('FST_') || (e as { statusCode?: number }).statusCode === 400) throw new Open311Error(400, 'malformed multipart/form-data');
    throw e;
  }
  return { fields: formFieldsOf(pairs.toString()), uploads };
}
