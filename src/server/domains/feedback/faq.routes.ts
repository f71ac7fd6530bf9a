// The FAQ knowledge base for staff under /api/feedback/faq, and the chatbot for the public page under
// /api/public/faq (no sign-in, a per-IP limit).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, Ok } from '../../../shared/contracts/common.js';
import {
  AskFaqBody, CreateFaqEntryBody, FaqAnswer, FaqEntry, FaqEntryList, FaqSettings, ListFaqQuery, PutFaqSettingsBody, UpdateFaqEntryBody,
} from '../../../shared/contracts/feedback-text.js';
import { contextOf } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { answerFromFaq } from './faq.js';
import { createFaqEntry, faqSettings, getFaqEntry, listFaq, putFaqSettings, removeFaqEntry, updateFaq } from './faq.service.js';
import { createRateLimiter } from './rate-limit.js';

const tags = ['feedback'];

export const faqRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { schema: { tags, summary: 'FAQ entries (active only unless includeInactive), filtered by tag or words', querystring: ListFaqQuery, response: { 200: FaqEntryList } } },
    async (req) => listFaq(contextOf(req), req.query));
  app.post('/', { schema: { tags, summary: 'Add an FAQ entry (feedback:configure)', body: CreateFaqEntryBody, response: { 201: FaqEntry } } },
    async (req, reply) => reply.code(201).send(await createFaqEntry(contextOf(req), req.body)));
  app.get('/settings', { schema: { tags, summary: 'The chatbot’s confidence threshold', response: { 200: FaqSettings } } },
    async (req) => faqSettings(contextOf(req)));
  app.put('/settings', { schema: { tags, summary: 'Set the chatbot’s confidence threshold (feedback:configure)', body: PutFaqSettingsBody, response: { 200: FaqSettings } } },
    async (req) => putFaqSettings(contextOf(req), req.body));
  app.get('/:id', { schema: { tags, summary: 'One FAQ entry', params: IdParams, response: { 200: FaqEntry } } },
    async (req) => getFaqEntry(contextOf(req), req.params.id));
  app.patch('/:id', { schema: { tags, summary: 'Change an FAQ entry, or (de)activate it (feedback:configure)', params: IdParams, body: UpdateFaqEntryBody, response: { 200: FaqEntry } } },
    async (req) => updateFaq(contextOf(req), req.params.id, req.body));
  app.delete('/:id', { schema: { tags, summary: 'Delete an FAQ entry (feedback:configure)', params: IdParams, response: { 200: Ok } } },
    async (req) => { await removeFaqEntry(contextOf(req), req.params.id); return { ok: true as const }; });
};

export const publicFaqRoutes: FastifyPluginAsyncZod = async (app) => {
  const limiter = createRateLimiter(app.config.publicFaqLimit, 10 * 60_000);
  app.post('/ask', { schema: { tags: ['feedback (public)'], summary: 'Ask the chatbot: an answer from the FAQ, or a handover to a person (on request or low confidence)', security: [], body: AskFaqBody, response: { 200: FaqAnswer } } },
    async (req, reply) => {
      const wait = limiter.hit(req.ip);
      if (wait !== null) { reply.header('retry-after', String(wait)); throw new AppError('rate-limited', { retryAfterSeconds: wait }); }
      return answerFromFaq(app.db, req.body.question);
    });
};
