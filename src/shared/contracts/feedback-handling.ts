// Handling citizen reports: canned answers, duplicate suggestions and merging, "me too", satisfaction and
// reopening by the reporter, photo redaction. See docs/feedback.md.
import { z } from 'zod';
import { Uuid } from './common.js';
import { Location, MAX_DESCRIPTION, ReportChannel, Reporter, ReportSummary } from './feedback.js';

const Text = (max: number) => z.string().trim().min(1).max(max);

// ── canned answers (mẫu trả lời) ──
/** The placeholders a canned answer may use; anything else in braces is refused when saving. */
export const cannedAnswerPlaceholders = ['tracking_code', 'agency', 'deadline', 'category', 'received_at', 'address', 'unit', 'status'] as const;
export type CannedAnswerPlaceholder = (typeof cannedAnswerPlaceholders)[number];

export const CannedAnswer = z.object({
  id: Uuid,
  agencyId: Uuid.nullable(), agencyName: z.string().nullable(),     // null: for every handler
  categoryCode: z.string().nullable(),                              // null: any category
  title: z.string(), body: z.string(), active: z.boolean(),
  placeholders: z.array(z.string()),
  createdAt: z.string(), updatedAt: z.string(),
});
export type CannedAnswer = z.infer<typeof CannedAnswer>;
export const CannedAnswerList = z.object({ items: z.array(CannedAnswer) });
export type CannedAnswerList = z.infer<typeof CannedAnswerList>;

export const ListCannedAnswersQuery = z.strictObject({
  categoryCode: z.string().min(1).max(60).optional(),   // those of this category and those of any category
  includeInactive: z.enum(['true', 'false']).optional(),
});
export type ListCannedAnswersQuery = z.infer<typeof ListCannedAnswersQuery>;

export const CreateCannedAnswerBody = z.strictObject({
  title: Text(200),
  body: Text(MAX_DESCRIPTION),
  agencyId: Uuid.nullable().optional(),        // an agency officer's are always their agency's
  categoryCode: z.string().min(1).max(60).nullable().optional(),
  active: z.boolean().default(true),
});
export type CreateCannedAnswerBody = z.infer<typeof CreateCannedAnswerBody>;
export const UpdateCannedAnswerBody = z.strictObject({
  title: Text(200).optional(),
  body: Text(MAX_DESCRIPTION).optional(),
  categoryCode: z.string().min(1).max(60).nullable().optional(),
  active: z.boolean().optional(),
});
export type UpdateCannedAnswerBody = z.infer<typeof UpdateCannedAnswerBody>;

export const RenderCannedAnswerBody = z.strictObject({ cannedAnswerId: Uuid });
export type RenderCannedAnswerBody = z.infer<typeof RenderCannedAnswerBody>;
export const RenderedAnswer = z.object({ text: z.string(), cannedAnswerId: Uuid });
export type RenderedAnswer = z.infer<typeof RenderedAnswer>;

// ── duplicates ──
export const DUPLICATE_RADIUS_METERS = 250;
export const DUPLICATE_WINDOW_DAYS = 30;
const duplicateWindow = {
  radiusMeters: z.coerce.number().int().min(10).max(5000).default(DUPLICATE_RADIUS_METERS),
  days: z.coerce.number().int().min(1).max(365).default(DUPLICATE_WINDOW_DAYS),
  limit: z.coerce.number().int().min(1).max(50).default(10),
};

/** Open reports of the same category near an existing report (operators). */
export const DuplicateQuery = z.strictObject(duplicateWindow);
export type DuplicateQuery = z.infer<typeof DuplicateQuery>;

/** Before submitting: "is it one of these?" — the draft's category, text and place. */
export const DraftDuplicatesBody = z.strictObject({
  categoryCode: z.string().min(1).max(60),
  description: z.string().max(MAX_DESCRIPTION).optional(),
  location: Location.optional(),
  unitId: Uuid.optional(),        // without a point: open reports of the same unit
  ...duplicateWindow,
});
export type DraftDuplicatesBody = z.infer<typeof DraftDuplicatesBody>;

const ranking = {
  distanceMeters: z.number().nullable(),   // null when compared by unit, without a point
  similarity: z.number(),                  // 0–1, shared words of the descriptions (diacritic-insensitive)
  score: z.number(),                       // 0–1, the order of the list: nearer and more alike first
  supporterCount: z.number().int(),
};
export const DuplicateCandidate = z.object({ report: ReportSummary, ...ranking });
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;
export const DuplicateCandidates = z.object({ items: z.array(DuplicateCandidate) });
export type DuplicateCandidates = z.infer<typeof DuplicateCandidates>;

/** What the public page shows of a possible duplicate: nothing about who reported it. */
export const PublicDuplicateCandidate = z.object({
  trackingCode: z.string(), categoryName: z.string(), description: z.string(), statusLabel: z.string(),
  createdAt: z.string(), address: z.string().nullable(), ...ranking,
});
export type PublicDuplicateCandidate = z.infer<typeof PublicDuplicateCandidate>;
export const PublicDuplicateCandidates = z.object({ items: z.array(PublicDuplicateCandidate) });
export type PublicDuplicateCandidates = z.infer<typeof PublicDuplicateCandidates>;

/** A citizen attaches to an existing report ("me too") instead of filing a new one. */
export const PublicSupportBody = z.strictObject({
  reporter: Reporter.optional(),
  comment: Text(1000).optional(),
  notify: z.boolean().default(true),     // tell me of changes (needs a contact)
});
export type PublicSupportBody = z.infer<typeof PublicSupportBody>;
/** A call-center agent or operator attaches a caller to an existing report. */
export const SupportReportBody = PublicSupportBody.extend({ channel: ReportChannel.default('phone') });
export type SupportReportBody = z.infer<typeof SupportReportBody>;
export const SupportResult = z.object({ trackingCode: z.string(), supporterCount: z.number().int(), statusLabel: z.string() });
export type SupportResult = z.infer<typeof SupportResult>;

/** Merge this report into another: it becomes a duplicate and its reporter follows the other. */
export const MergeReportBody = z.strictObject({ intoId: Uuid, reason: Text(2000).optional() });
export type MergeReportBody = z.infer<typeof MergeReportBody>;

// ── the reporter's satisfaction and reopening (with the reporter's key) ──
export const ReporterKeyQuery = z.strictObject({ key: z.string().min(8).max(100).optional() });
export type ReporterKeyQuery = z.infer<typeof ReporterKeyQuery>;
export const RateReportBody = z.strictObject({
  key: z.string().min(8).max(100),
  score: z.number().int().min(1).max(5),
  comment: Text(2000).optional(),
});
export type RateReportBody = z.infer<typeof RateReportBody>;
export const ReopenReportBody = z.strictObject({ key: z.string().min(8).max(100), reason: Text(2000) });
export type ReopenReportBody = z.infer<typeof ReopenReportBody>;

// ── photos ──
export const PhotoParams = z.strictObject({ id: Uuid, photoId: Uuid });
export const PublicPhotoParams = z.strictObject({ trackingCode: z.string().min(4).max(40), photoId: Uuid });
/**
 * A rectangle of a photo to hide (a face, a licence plate): in pixels of the photo as shown (EXIF orientation
 * applied; the width and height the photo's listing gives), or as fractions 0–1 of that width and height.
 */
export const RedactionRegion = z.strictObject({
  x: z.number().min(0), y: z.number().min(0), width: z.number().positive(), height: z.number().positive(),
  unit: z.enum(['px', 'fraction']).default('px'),
});
export type RedactionRegion = z.infer<typeof RedactionRegion>;
/** No regions (or an empty list): the whole public copy is blurred. Regions: only they are pixelated. */
export const RedactPhotoBody = z.strictObject({ reason: Text(1000), regions: z.array(RedactionRegion).max(20).optional() });
export type RedactPhotoBody = z.infer<typeof RedactPhotoBody>;
