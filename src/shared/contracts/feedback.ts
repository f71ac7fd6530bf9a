// Citizen feedback (phản ánh, kiến nghị; hotline 1022): the staff inbox and the public intake and status page.
// Times are ISO instants; deadlines count working hours (see docs/feedback.md).
import { z } from 'zod';
import { Uuid } from './common.js';

export const reportStates = [
  'new', 'triaged', 'assigned', 'in_progress', 'action_scheduled', 'resolved',
  'closed_not_fixed', 'not_our_responsibility', 'duplicate', 'rejected', 'cancelled',
] as const;
export const ReportState = z.enum(reportStates);
export type ReportState = z.infer<typeof ReportState>;
export const urgencies = ['urgent', 'complex', 'normal'] as const;   // khẩn | phức tạp | bình thường
export const Urgency = z.enum(urgencies);
export type Urgency = z.infer<typeof Urgency>;
export const reportChannels = ['web', 'open311', 'phone', 'email', 'zalo', 'facebook'] as const;
export const ReportChannel = z.enum(reportChannels);
export type ReportChannel = z.infer<typeof ReportChannel>;

export const MAX_DESCRIPTION = 4000;
const Text = (max: number) => z.string().trim().min(1).max(max);

export const Location = z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });
export type Location = z.infer<typeof Location>;

export const Reporter = z.strictObject({
  name: Text(200).optional(),
  phone: z.string().trim().regex(/^\+?[0-9 .-]{6,20}$/, 'a phone number').optional(),
  email: z.string().trim().email().max(254).optional(),
});
export type Reporter = z.infer<typeof Reporter>;

export const CategoryAttribute = z.object({
  code: z.string(),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean(),
  description: z.string(),
  descriptionEn: z.string(),
  order: z.number().int(),
  values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
});
export type CategoryAttribute = z.infer<typeof CategoryAttribute>;

export const ReportCategory = z.object({
  id: Uuid, code: z.string(), name: z.string(), nameEn: z.string(), group: z.string(), description: z.string().nullable(),
  isEmergency: z.boolean(), emergencyNumber: z.string().nullable(), attributes: z.array(CategoryAttribute), active: z.boolean(),
});
export type ReportCategory = z.infer<typeof ReportCategory>;

const hasPlace = (b: { location?: unknown; address?: unknown; unitId?: unknown }) => b.location !== undefined || b.address !== undefined || b.unitId !== undefined;
const placeMessage = { message: 'give a location, an address or a unit', path: ['location'] };

const reportFields = {
  categoryCode: z.string().min(1).max(60),
  description: Text(MAX_DESCRIPTION),
  location: Location.optional(),
  address: Text(500).optional(),
  unitId: Uuid.optional(),
  reporter: Reporter.optional(),
  attributes: z.record(z.string().max(60), z.union([z.string().max(1000), z.array(z.string().max(200)).max(50)])).optional(),
};

/** A report taken by an operator or call-center agent (phone, e-mail, …). */
export const CreateReportBody = z.strictObject({
  ...reportFields,
  channel: ReportChannel.default('phone'),
  urgency: Urgency.default('normal'),
}).refine(hasPlace, placeMessage);
export type CreateReportBody = z.infer<typeof CreateReportBody>;

/** A report from the public web page (no sign-in). */
export const PublicCreateReportBody = z.strictObject(reportFields).refine(hasPlace, placeMessage);
export type PublicCreateReportBody = z.infer<typeof PublicCreateReportBody>;

export const ReportEvent = z.object({
  at: z.string(), kind: z.string(), fromState: ReportState.nullable(), toState: ReportState.nullable(),
  agencyId: Uuid.nullable(), agencyName: z.string().nullable(), isPublic: z.boolean(), text: z.string().nullable(), actorName: z.string(),
});
export type ReportEvent = z.infer<typeof ReportEvent>;

export const ReportSummary = z.object({
  id: Uuid,
  trackingCode: z.string(),
  categoryId: Uuid, categoryCode: z.string(), categoryName: z.string(),
  description: z.string(),
  state: ReportState,
  open311Status: z.enum(['open', 'closed']),
  urgency: Urgency,
  channel: ReportChannel,
  location: Location.nullable(),
  address: z.string().nullable(),
  unitId: Uuid.nullable(), unitName: z.string().nullable(), unitPath: z.string(),
  agencyId: Uuid.nullable(), agencyName: z.string().nullable(),   // null: the operator queue
  acceptDueAt: z.string().nullable(), resolveDueAt: z.string().nullable(),
  acceptedAt: z.string().nullable(), resolvedAt: z.string().nullable(), closedAt: z.string().nullable(),
  isOverdue: z.boolean(),
  createdAt: z.string(), updatedAt: z.string(),
});
export type ReportSummary = z.infer<typeof ReportSummary>;

/** A photo as staff see it: the original (EXIF kept) for handlers, the public copy for everyone else. */
export const ReportPhoto = z.object({
  id: Uuid, kind: z.enum(['report', 'answer']), contentType: z.string(), byteSize: z.number().int(),
  width: z.number().int().nullable(), height: z.number().int().nullable(),
  redacted: z.boolean(), redactedAt: z.string().nullable(), redactionReason: z.string().nullable(), createdAt: z.string(),
  url: z.string(),          // the original for feedback:handle, else the public copy
  publicUrl: z.string(),    // what the public sees (metadata stripped; blurred once redacted)
  // The regions of the last region redaction, as fractions (0–1) of the photo as shown; null when not redacted
  // or blurred whole. The redaction editor starts from them.
  redactionRegions: z.array(z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() })).nullable(),
});
export type ReportPhoto = z.infer<typeof ReportPhoto>;
export const PublicReportPhoto = z.object({ id: Uuid, kind: z.enum(['report', 'answer']), url: z.string(), redacted: z.boolean() });
export type PublicReportPhoto = z.infer<typeof PublicReportPhoto>;

export const ReportRating = z.object({ score: z.number().int().min(1).max(5), comment: z.string().nullable(), stateRated: ReportState, ratedAt: z.string() });
export type ReportRating = z.infer<typeof ReportRating>;

/** Someone else with the same problem (a "me too", or a merged duplicate's reporter); contact for handlers only. */
export const ReportSupporter = z.object({
  id: Uuid, channel: z.string(), name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(),
  comment: z.string().nullable(), sourceReportId: Uuid.nullable(), sourceTrackingCode: z.string().nullable(), createdAt: z.string(),
});
export type ReportSupporter = z.infer<typeof ReportSupporter>;

export const ReportDetail = ReportSummary.extend({
  reporter: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable() }),  // null fields without feedback:handle
  supporterCount: z.number().int(),
  supporters: z.array(ReportSupporter),      // empty without feedback:handle
  rating: ReportRating.nullable(),           // the latest closure's rating
  photos: z.array(ReportPhoto),
  publicAnswer: z.string().nullable(),
  attributes: z.record(z.string(), z.unknown()),
  duplicateOfId: Uuid.nullable(),
  allowedTransitions: z.array(ReportState),
  events: z.array(ReportEvent),
});
export type ReportDetail = z.infer<typeof ReportDetail>;

const csv = <T extends z.ZodTypeAny>(item: T) => z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).min(1).max(20));

export const ListReportsQuery = z.strictObject({
  state: csv(ReportState).optional(),             // e.g. state=new,triaged
  categoryCode: z.string().min(1).max(60).optional(),
  agencyId: Uuid.or(z.literal('none')).optional(),// 'none' = the operator queue
  unitId: Uuid.optional(),                        // the unit's subtree
  channel: ReportChannel.optional(),
  urgency: csv(Urgency).optional(),               // e.g. urgency=urgent,complex
  overdue: z.enum(['true', 'false']).optional(),  // past the acceptance or resolution deadline and not closed
  q: z.string().trim().min(1).max(200).optional(),// tracking code or words of the description or address
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListReportsQuery = z.infer<typeof ListReportsQuery>;

export const ReportPage = z.object({ items: z.array(ReportSummary), total: z.number().int() });
export type ReportPage = z.infer<typeof ReportPage>;

export const TransitionReportBody = z.strictObject({ to: ReportState, reason: Text(2000).optional(), duplicateOfId: Uuid.optional() });
export type TransitionReportBody = z.infer<typeof TransitionReportBody>;
export const AssignReportBody = z.strictObject({ agencyId: Uuid, urgency: Urgency.optional() });
export type AssignReportBody = z.infer<typeof AssignReportBody>;
export const ReturnReportBody = z.strictObject({ reason: Text(2000) });
export type ReturnReportBody = z.infer<typeof ReturnReportBody>;
// An operator's correction of the category: routed again when asked, or when no agency holds the report yet.
export const ChangeCategoryBody = z.strictObject({ categoryCode: z.string().min(1).max(60), reason: Text(2000).optional(), reroute: z.boolean().default(false) });
export type ChangeCategoryBody = z.infer<typeof ChangeCategoryBody>;
export const ReportNoteBody = z.strictObject({ text: Text(MAX_DESCRIPTION), isPublic: z.boolean().default(false) });
export type ReportNoteBody = z.infer<typeof ReportNoteBody>;
export const ReportAnswerBody = z.strictObject({ text: Text(MAX_DESCRIPTION) });
export type ReportAnswerBody = z.infer<typeof ReportAnswerBody>;

export const EmergencyNotice = z.object({ number: z.string(), message: z.string(), messageEn: z.string() });

export const PublicReportCreated = z.object({
  trackingCode: z.string(),
  statusLabel: z.string(),
  resolveDueAt: z.string().nullable(),
  emergency: EmergencyNotice.nullable(),   // life-threatening categories: call 113/114/115 as well
  // The reporter's secret: with it (and only with it) the reporter rates the result and may reopen the
  // report; the tracking link carries it (?key=…). Never shown to staff or on the status page.
  reporterKey: z.string(),
  photoCount: z.number().int(),
});
export type PublicReportCreated = z.infer<typeof PublicReportCreated>;

export const TrackingCodeParams = z.strictObject({ trackingCode: z.string().min(4).max(40) });

export const PublicReportStatus = z.object({
  trackingCode: z.string(),
  categoryName: z.string(),
  state: ReportState,
  statusLabel: z.string(),                  // plain Vietnamese
  isOpen: z.boolean(),
  createdAt: z.string(),
  resolveDueAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  isLate: z.boolean(),                      // done after the deadline, or still open past it
  agencyName: z.string().nullable(),
  publicAnswer: z.string().nullable(),
  history: z.array(z.object({ at: z.string(), statusLabel: z.string(), text: z.string().nullable() })),
  photos: z.array(PublicReportPhoto),      // public copies only: the report's and the answer's
  supporterCount: z.number().int(),        // citizens who said "me too" or whose duplicate was merged here
  duplicateOfTrackingCode: z.string().nullable(),
  // Only with the reporter's key (?key=…): what the reporter may do now.
  reporterActions: z.object({
    canRate: z.boolean(), canReopen: z.boolean(), reopenUntil: z.string().nullable(), rating: ReportRating.nullable(),
  }).nullable(),
});
export type PublicReportStatus = z.infer<typeof PublicReportStatus>;

export const CategoryList = z.object({ items: z.array(ReportCategory) });

// ── configuration: the routing matrix and SLA settings (feedback:configure) ──
export const RoutingEntry = z.object({
  id: Uuid, categoryCode: z.string(), categoryName: z.string(), unitId: Uuid, unitName: z.string(), unitPath: z.string(),
  agencyId: Uuid, agencyName: z.string(),
});
export type RoutingEntry = z.infer<typeof RoutingEntry>;
export const RoutingMatrix = z.object({ items: z.array(RoutingEntry) });
export type RoutingMatrix = z.infer<typeof RoutingMatrix>;
/** Sets the agency of a category in a unit's subtree (replacing the one there). */
export const PutRoutingEntryBody = z.strictObject({ categoryCode: z.string().min(1).max(60), unitId: Uuid, agencyId: Uuid });
export type PutRoutingEntryBody = z.infer<typeof PutRoutingEntryBody>;

export const SlaSetting = z.object({ categoryCode: z.string(), urgency: Urgency, acceptHours: z.number(), resolveHours: z.number() });
export type SlaSetting = z.infer<typeof SlaSetting>;
export const SlaSettings = z.object({ items: z.array(SlaSetting) });
export type SlaSettings = z.infer<typeof SlaSettings>;
export const PutSlaSettingBody = z.strictObject({
  categoryCode: z.string().min(1).max(60), urgency: Urgency,
  acceptHours: z.number().positive().max(2000), resolveHours: z.number().positive().max(5000),
}).refine((b) => b.resolveHours >= b.acceptHours, { message: 'resolveHours must be at least acceptHours', path: ['resolveHours'] });
export type PutSlaSettingBody = z.infer<typeof PutSlaSettingBody>;
