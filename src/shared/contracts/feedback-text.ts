// Text intelligence of citizen feedback: category/agency suggestions from the report's words, and the FAQ
// knowledge base with its chatbot. See docs/feedback.md "Classification" and "FAQ chatbot".
import { z } from 'zod';
import { Uuid } from './common.js';
import { MAX_DESCRIPTION } from './feedback.js';

const Text = (max: number) => z.string().trim().min(1).max(max);

// ── classification ──
export const ClassifyBody = z.strictObject({ text: Text(MAX_DESCRIPTION) });
export type ClassifyBody = z.infer<typeof ClassifyBody>;

export const SuggestedCategory = z.object({ code: z.string(), name: z.string(), probability: z.number() });
export const SuggestedAgency = z.object({ id: Uuid, name: z.string(), probability: z.number() });

export const Classification = z.object({
  categories: z.array(SuggestedCategory),         // best first
  agencies: z.array(SuggestedAgency),             // best first; only agencies that exist today
  /** The words (normalised, without diacritics) that favoured the top category most. */
  words: z.array(z.string()),
  agencyWords: z.array(z.string()),
  /** How many of the province's decided reports the model learned from. */
  trainedOn: z.number().int(),
});
export type Classification = z.infer<typeof Classification>;

export const ReportSuggestion = Classification.extend({ reportId: Uuid, createdAt: z.string() });
export type ReportSuggestion = z.infer<typeof ReportSuggestion>;

// ── FAQ knowledge base ──
const Tags = z.array(z.string().trim().min(1).max(40)).max(20);
const Alternatives = z.array(Text(500)).max(20);

export const FaqEntry = z.object({
  id: Uuid, question: z.string(), answer: z.string(), alternatives: z.array(z.string()), tags: z.array(z.string()),
  active: z.boolean(), isDemo: z.boolean(), createdAt: z.string(), updatedAt: z.string(),
});
export type FaqEntry = z.infer<typeof FaqEntry>;
export const FaqEntryList = z.object({ items: z.array(FaqEntry) });
export type FaqEntryList = z.infer<typeof FaqEntryList>;

export const ListFaqQuery = z.strictObject({
  q: z.string().trim().min(1).max(200).optional(),     // diacritic-insensitive words of question, answer or tags
  tag: z.string().trim().min(1).max(40).optional(),
  includeInactive: z.enum(['true', 'false']).optional(),
});
export type ListFaqQuery = z.infer<typeof ListFaqQuery>;

export const CreateFaqEntryBody = z.strictObject({
  question: z.string().trim().min(3).max(500), answer: Text(4000),
  alternatives: Alternatives.default([]), tags: Tags.default([]), active: z.boolean().default(true),
});
export type CreateFaqEntryBody = z.infer<typeof CreateFaqEntryBody>;

export const UpdateFaqEntryBody = z.strictObject({
  question: z.string().trim().min(3).max(500).optional(), answer: Text(4000).optional(),
  alternatives: Alternatives.optional(), tags: Tags.optional(), active: z.boolean().optional(),
});
export type UpdateFaqEntryBody = z.infer<typeof UpdateFaqEntryBody>;

export const FaqSettings = z.object({ minConfidence: z.number() });
export type FaqSettings = z.infer<typeof FaqSettings>;
export const PutFaqSettingsBody = z.strictObject({ minConfidence: z.number().gt(0).max(1) });
export type PutFaqSettingsBody = z.infer<typeof PutFaqSettingsBody>;

// ── the chatbot ──
export const AskFaqBody = z.strictObject({ question: Text(1000) });
export type AskFaqBody = z.infer<typeof AskFaqBody>;

export const FaqAnswer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('answer'), entryId: Uuid, question: z.string(), answer: z.string(), confidence: z.number() }),
  z.object({ kind: z.literal('handover'), reason: z.enum(['requested', 'low_confidence']), confidence: z.number() }),
]);
export type FaqAnswer = z.infer<typeof FaqAnswer>;
