// Builds the Fastify app: core plugins first, then each domain under its prefix.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { registerErrorHandling, sendProblem } from './core/errors.js';
import { healthRoutes } from './core/health.routes.js';
import { type Hub, startHub } from './core/hub.js';
import { hubRoutes } from './core/hub.routes.js';
import { readCacheOf } from './core/read-cache.js';
import './core/context.js';
import type { Database } from './db/client.js';
import { checkReadiness } from './db/migrate.js';
import { apiKeysRoutes, usersRoutes } from './domains/accounts/accounts.routes.js';
import { authRoutes } from './domains/accounts/auth.routes.js';
import { registerAuthentication } from './domains/accounts/authenticate.js';
import { auditRoutes } from './domains/audit/audit.routes.js';
import { calendarRoutes } from './domains/calendar/calendar.routes.js';
import { dossierIngestRoutes } from './domains/dossiers/ingest.routes.js';
import { proceduresRoutes } from './domains/dossiers/procedures.routes.js';
import { dossierMonitoringRoutes } from './domains/dossiers/dossiers.routes.js';
import { feedbackRoutes, publicReportRoutes } from './domains/feedback/feedback.routes.js';
import { classifierRoutes } from './domains/feedback/classifier.routes.js';
import { faqRoutes, publicFaqRoutes } from './domains/feedback/faq.routes.js';
import { open311Routes } from './domains/feedback/open311.routes.js';
import { channelRoutes } from './domains/feedback/channels/channels.routes.js';
import { feedbackStatsRoutes, publicPlacesRoutes } from './domains/feedback/stats.routes.js';
import {
  analyticsRoutes, dimensionsRoutes, formsRoutes, indicatorsRoutes, reportsRoutes, targetsRoutes, validationRulesRoutes, valuesRoutes,
} from './domains/indicators/indicators.routes.js';
import { agenciesRoutes } from './domains/units/agencies.routes.js';
import { formExcelRoutes } from './domains/indicators/excel.routes.js';
import { formSdmxRoutes, nationalPushRoutes } from './domains/indicators/national-push.routes.js';
import { notificationsRoutes } from './domains/notifications/notifications.routes.js';
import { unitsRoutes } from './domains/units/units.routes.js';
import { telemetryRoutes } from './domains/telemetry/telemetry.routes.js';
import { ngsiLdRoutes } from './domains/telemetry/ngsi-ld.routes.js';
import { roadStatusRoutes } from './domains/telemetry/road-status.routes.js';
import { alarmRoutingRoutes, alarmRulesRoutes, alarmsRoutes, silencesRoutes } from './domains/alarms/alarms.routes.js';
import { incidentsRoutes } from './domains/incidents/incidents.routes.js';
import { camerasRoutes } from './domains/cameras/cameras.routes.js';
import { registerWallScreenAuthentication } from './domains/walls/screen-keys.js';
import { mapConfigRoutes, wallsRoutes } from './domains/walls/walls.routes.js';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  hub?: Hub;                 // started here when not given
  logger?: boolean;
}

export async function buildApp({ config, database, hub, logger = true }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["x-csrf-token"]'],
    } : false,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', database.db);
  app.decorate('config', config);
  app.decorate('hub', hub ?? await startHub(database, app.log));
  if (!hub) app.addHook('onClose', async () => { await app.hub.stop(); });
  // Cached reads (core/read-cache.ts) go stale with any committed event of their topics, from any process.
  const detachReadCache = await app.hub.attach({
    scopePath: '/', topics: new Set(),
    send: (message) => { if ('topic' in message) readCacheOf(database.db).invalidate(message.topic); },
  }, null);
  app.addHook('onClose', async () => { detachReadCache(); });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'SAMEORIGIN');
  });

  registerErrorHandling(app);
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'IOC API', version: '0.1.0', description: 'Intelligent Operations Center. Errors are RFC 9457 problem+json: English `title`, Vietnamese `detail`.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ioc_session' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerAuthentication(app);
  registerWallScreenAuthentication(app);   // after sessions and API keys: a wall PC's key cookie, read-only
  await app.register(healthRoutes(() => checkReadiness(database), database.kind));
  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(unitsRoutes, { prefix: '/api/units' });
  await app.register(agenciesRoutes, { prefix: '/api/agencies' });
  await app.register(usersRoutes, { prefix: '/api/users' });
  await app.register(apiKeysRoutes, { prefix: '/api/api-keys' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(indicatorsRoutes, { prefix: '/api/indicators' });
  await app.register(dimensionsRoutes, { prefix: '/api/dimensions' });
  await app.register(formsRoutes, { prefix: '/api/forms' });
  await app.register(formExcelRoutes, { prefix: '/api/forms' });
  await app.register(formSdmxRoutes, { prefix: '/api/forms' });
  await app.register(nationalPushRoutes, { prefix: '/api/national-push' });
  await app.register(valuesRoutes, { prefix: '/api/values' });
  await app.register(analyticsRoutes, { prefix: '/api/analytics' });
  await app.register(targetsRoutes, { prefix: '/api/targets' });
  await app.register(reportsRoutes, { prefix: '/api/reports' });
  await app.register(validationRulesRoutes, { prefix: '/api/validation-rules' });
  await app.register(notificationsRoutes, { prefix: '/api/notifications' });
  await app.register(calendarRoutes, { prefix: '/api/calendar' });
  await app.register(proceduresRoutes, { prefix: '/api/procedures' });
  await app.register(dossierIngestRoutes, { prefix: '/api/dossiers' });
  await app.register(dossierMonitoringRoutes, { prefix: '/api/dossiers' });
  await app.register(feedbackStatsRoutes, { prefix: '/api/feedback/stats' });
  await app.register(feedbackRoutes, { prefix: '/api/feedback' });
  await app.register(classifierRoutes, { prefix: '/api/feedback' });
  await app.register(faqRoutes, { prefix: '/api/feedback/faq' });
  await app.register(publicFaqRoutes, { prefix: '/api/public/faq' });
  await app.register(publicReportRoutes, { prefix: '/api/public/reports' });
  await app.register(publicPlacesRoutes, { prefix: '/api/public/feedback' });
  await app.register(open311Routes, { prefix: '/open311/v2' });
  await app.register(channelRoutes, { prefix: '/api/channels' });
  await app.register(wallsRoutes, { prefix: '/api/walls' });
  await app.register(mapConfigRoutes, { prefix: '/api/map/config' });
  await app.register(camerasRoutes, { prefix: '/api/cameras' });
  await app.register(alarmsRoutes, { prefix: '/api/alarms' });
  await app.register(alarmRulesRoutes, { prefix: '/api/alarm-rules' });
  await app.register(silencesRoutes, { prefix: '/api/silences' });
  await app.register(alarmRoutingRoutes, { prefix: '/api/alarm-routes' });
  await app.register(incidentsRoutes, { prefix: '/api/incidents' });
  await app.register(telemetryRoutes, { prefix: '/api/telemetry' });
  await app.register(roadStatusRoutes, { prefix: '/api/telemetry' });
  await app.register(ngsiLdRoutes, { prefix: '/ngsi-ld/v1' });
  await app.register(hubRoutes, { prefix: '/api/hub' });

  const webDir = path.resolve(config.webDir);
  const hasWeb = existsSync(path.join(webDir, 'index.html'));
  // wildcard: files are looked up per request, so a rebuilt dist/web is served without a restart.
  if (hasWeb) await app.register(fastifyStatic, { root: webDir, wildcard: true, index: ['index.html'] });
  // The SPA owns every other GET path; the API answers problem+json.
  app.setNotFoundHandler((req, reply) => {
    const isPage = req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (isPage && hasWeb) return reply.type('text/html').sendFile('index.html');
    return sendProblem(reply, 'not-found');
  });
  return app;
}
