// HTTP of the channels under /api/channels: the platforms' webhooks (no sign-in; a signature instead) and the
// staff's view of and reply to a report's conversation.
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams } from '../../../../shared/contracts/common.js';
import {
  ChannelMessageList, ChannelReplyBody, ChannelReplyResult, FacebookVerifyQuery, WebhookAccepted,
} from '../../../../shared/contracts/feedback-channels.js';
import { contextOf } from '../../../core/context.js';
import { parseOfficeHours } from '../../calendar/working-hours.js';
import { acceptFacebookWebhook, acceptZaloWebhook, replyToCitizen, reportMessages, verifyFacebookSubscription } from './channels.service.js';
import { inboundProcessingSettled, kickInboundProcessing } from './inbound.js';
import { useChannelsConfig } from './outbound.js';

const tags = ['feedback channels'];
const rawBodies = new WeakMap<FastifyRequest, Buffer>();

function rawBodyOf(req: FastifyRequest): Buffer {
  return rawBodies.get(req) ?? Buffer.alloc(0);
}

export const channelRoutes: FastifyPluginAsyncZod = async (app) => {
  const config = app.config.channels;
  useChannelsConfig(config, parseOfficeHours(app.config.officeHours));
  // Signatures are over the exact bytes sent: keep them beside the parsed JSON (this plugin's routes only).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const buf = body as Buffer;
    rawBodies.set(req, buf);
    try {
      done(null, buf.length ? JSON.parse(buf.toString('utf8')) : undefined);
    } catch {
      done(Object.assign(new Error('invalid JSON'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }), undefined);
    }
  });
  app.addHook('onClose', async () => { await inboundProcessingSettled(app.db); });

  app.get('/facebook/webhook', { schema: { tags, summary: 'Meta webhook verification: answers hub.challenge when hub.verify_token matches', security: [], querystring: FacebookVerifyQuery } },
    async (req, reply) => reply.type('text/plain').send(verifyFacebookSubscription(config, req.query['hub.mode'], req.query['hub.verify_token'], req.query['hub.challenge'])));

  app.post('/facebook/webhook', { schema: { tags, summary: 'Messenger events (X-Hub-Signature-256): stored at once, turned into reports afterwards', security: [], body: z.unknown(), response: { 200: WebhookAccepted } } },
    async (req) => {
      const header = req.headers['x-hub-signature-256'];
      const result = await acceptFacebookWebhook(app.db, config, rawBodyOf(req), typeof header === 'string' ? header : undefined, req.body);
      if (result.stored) kickInboundProcessing(app.db, req.log);
      return result;
    });

  app.post('/zalo/webhook', { schema: { tags, summary: 'Zalo OA events (X-ZEvent-Signature): stored at once, turned into reports afterwards', security: [], body: z.unknown(), response: { 200: WebhookAccepted } } },
    async (req) => {
      const header = req.headers['x-zevent-signature'];
      const result = await acceptZaloWebhook(app.db, config, rawBodyOf(req), typeof header === 'string' ? header : undefined, req.body);
      if (result.stored) kickInboundProcessing(app.db, req.log);
      return result;
    });

  app.get('/reports/:id/messages', { schema: { tags, summary: 'The conversation of a report with the person’s addresses and the reply window (feedback:handle)', params: IdParams, response: { 200: ChannelMessageList } } },
    async (req) => reportMessages(contextOf(req), req.params.id));

  app.post('/reports/:id/reply', { schema: { tags, summary: 'Write to the citizen on the report’s channel (e-mail when the window has closed)', params: IdParams, body: ChannelReplyBody, response: { 200: ChannelReplyResult } } },
    async (req) => replyToCitizen(contextOf(req), req.params.id, req.body.text));
};
