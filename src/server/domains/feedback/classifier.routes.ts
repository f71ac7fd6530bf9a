// Staff endpoints of the classifier under /api/feedback: classify a text, a report's suggestion.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../shared/contracts/common.js';
import { Classification, ClassifyBody, ReportSuggestion } from '../../../shared/contracts/feedback-text.js';
import { contextOf } from '../../core/context.js';
import { classifierModelOf, classifyForStaff, reportSuggestion, reportSuggestionsSettled } from './classifier.service.js';

const tags = ['feedback'];

export const classifierRoutes: FastifyPluginAsyncZod = async (app) => {
  // Train soon after start (≈ 3–5 s with the demo history) so that the first suggestion does not wait for it.
  let warmUp: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    if (!app.config.backgroundJobs) return;
    warmUp = setTimeout(() => {
      classifierModelOf(app.db).catch((err: unknown) => app.log.warn({ err }, 'classifier: training failed; it is retried on first use'));
    }, 1_000);
    warmUp.unref();
  });
  app.addHook('onClose', async () => { if (warmUp) clearTimeout(warmUp); await reportSuggestionsSettled(app.db); });
  app.post('/classify', { schema: { tags, summary: 'Suggest category and agency for a text, learned from the province’s decisions, with the words that drove it', body: ClassifyBody, response: { 200: Classification } } },
    async (req) => classifyForStaff(contextOf(req), req.body.text));
  app.get('/:id/suggestion', { schema: { tags, summary: 'The classifier’s suggestion for a report (made now if intake made none)', params: IdParams, response: { 200: ReportSuggestion } } },
    async (req) => reportSuggestion(contextOf(req), req.params.id));
};
