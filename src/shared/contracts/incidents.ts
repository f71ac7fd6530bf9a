// Incidents (sự cố, vụ việc): made from alarms (camera events come as their alarm), citizen reports or by hand;
// dispatched to agencies who acknowledge; closed with a closure report. See docs/alarms.md.
import { z } from 'zod';
import { AlarmSeverity } from './alarms.js';
import { Uuid } from './common.js';

export const incidentTypes = ['accident', 'congestion', 'violation', 'fight', 'fire', 'gathering', 'flood', 'environment', 'other'] as const;
export const IncidentType = z.enum(incidentTypes);
export type IncidentType = z.infer<typeof IncidentType>;
/** The dashboards' groups: traffic (giao thông) and public order (trật tự công cộng). */
export const incidentCategories = { traffic: ['accident', 'congestion', 'violation'], 'public-order': ['fight', 'fire', 'gathering'], other: ['flood', 'environment', 'other'] } as const;
export type IncidentCategory = keyof typeof incidentCategories;
export function categoryOf(type: IncidentType): IncidentCategory {
  for (const [category, types] of Object.entries(incidentCategories)) if ((types as readonly string[]).includes(type)) return category as IncidentCategory;
  return 'other';
}

export const incidentStatuses = ['open', 'dispatched', 'in_progress', 'resolved', 'closed'] as const;
export const IncidentStatus = z.enum(incidentStatuses);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

/** Moves people make with /status (dispatching goes through /dispatch). Closing needs the closure report. */
export const incidentMoves: Record<IncidentStatus, IncidentStatus[]> = {
  open: ['resolved'],
  dispatched: ['in_progress', 'resolved'],
  in_progress: ['resolved'],
  resolved: ['in_progress', 'closed'],
  closed: [],
};

const Text = (max: number) => z.string().trim().min(1).max(max);
export const IncidentLocation = z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) });

export const CreateIncidentBody = z.strictObject({
  type: IncidentType.optional(),            // from an alarm or report: guessed from it when not given
  title: Text(300).optional(),
  description: Text(4000).optional(),
  severity: AlarmSeverity.optional(),
  location: IncidentLocation.optional(),
  address: Text(500).optional(),
  unitId: Uuid.optional(),
  occurredAt: z.string().datetime({ offset: true }).optional(),
  fromAlarmId: Uuid.optional(),
  fromReportId: Uuid.optional(),
}).superRefine((b, ctx) => {
  if (b.fromAlarmId && b.fromReportId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['fromReportId'], message: 'one source at a time; link more afterwards' });
  if (!b.fromAlarmId && !b.fromReportId) {
    if (!b.type) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['type'], message: 'required' });
    if (!b.title) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['title'], message: 'required' });
    if (!b.location && !b.unitId) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['location'], message: 'give a location or a unit' });
  }
});
export type CreateIncidentBody = z.infer<typeof CreateIncidentBody>;

export const IncidentSource = z.object({ kind: z.enum(['alarm', 'report']), refId: Uuid, label: z.string(), addedAt: z.string() });
export const IncidentDispatch = z.object({
  agencyId: Uuid, agencyName: z.string(), note: z.string().nullable(), dispatchedAt: z.string(), dispatchedBy: z.string(),
  acknowledgedAt: z.string().nullable(), acknowledgedBy: z.string().nullable(),
});
export type IncidentDispatch = z.infer<typeof IncidentDispatch>;
export const IncidentEvent = z.object({
  at: z.string(), kind: z.string(), fromStatus: IncidentStatus.nullable(), toStatus: IncidentStatus.nullable(), agencyName: z.string().nullable(),
  text: z.string().nullable(), actorName: z.string(),
});
export type IncidentEvent = z.infer<typeof IncidentEvent>;

export const Incident = z.object({
  id: Uuid, code: z.string(), type: IncidentType, category: z.enum(['traffic', 'public-order', 'other']), title: z.string(), description: z.string().nullable(),
  severity: AlarmSeverity, status: IncidentStatus, lon: z.number().nullable(), lat: z.number().nullable(), address: z.string().nullable(),
  unitId: Uuid.nullable(), unitName: z.string().nullable(), unitPath: z.string(),
  occurredAt: z.string(), dispatchedAt: z.string().nullable(), resolvedAt: z.string().nullable(), closedAt: z.string().nullable(),
  createdBy: z.string(), dispatchCount: z.number().int(), acknowledgedCount: z.number().int(), version: z.number().int(), updatedAt: z.string(),
});
export type Incident = z.infer<typeof Incident>;
export const IncidentDetail = Incident.extend({
  closureReport: z.string().nullable(),
  sources: z.array(IncidentSource),
  dispatches: z.array(IncidentDispatch),
  events: z.array(IncidentEvent),
  allowedMoves: z.array(IncidentStatus),
});
export type IncidentDetail = z.infer<typeof IncidentDetail>;

const csv = <T extends z.ZodTypeAny>(item: T) => z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item));
export const ListIncidentsQuery = z.strictObject({
  status: csv(IncidentStatus).optional(),
  type: csv(IncidentType).optional(),
  unitId: Uuid.optional(),
  agencyId: Uuid.optional(),          // dispatched to this agency
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListIncidentsQuery = z.infer<typeof ListIncidentsQuery>;
export const IncidentPage = z.object({ items: z.array(Incident), total: z.number().int() });
export type IncidentPage = z.infer<typeof IncidentPage>;

export const DispatchIncidentBody = z.strictObject({ agencyIds: z.array(Uuid).min(1).max(20), note: Text(2000).optional() });
export type DispatchIncidentBody = z.infer<typeof DispatchIncidentBody>;
/** An agency officer acknowledges for their own agency; an operator may record it for an agency (e.g. by phone). */
export const AcknowledgeDispatchBody = z.strictObject({ agencyId: Uuid.optional(), text: Text(2000).optional() });
export type AcknowledgeDispatchBody = z.infer<typeof AcknowledgeDispatchBody>;
export const MoveIncidentBody = z.strictObject({ to: IncidentStatus, text: Text(2000).optional(), closureReport: Text(8000).optional() });
export type MoveIncidentBody = z.infer<typeof MoveIncidentBody>;
export const IncidentNoteBody = z.strictObject({ text: Text(4000) });
export const LinkIncidentSourceBody = z.strictObject({ alarmId: Uuid.optional(), reportId: Uuid.optional() })
  .refine((b) => Boolean(b.alarmId) !== Boolean(b.reportId), { message: 'give exactly one of alarmId, reportId', path: ['alarmId'] });
export type LinkIncidentSourceBody = z.infer<typeof LinkIncidentSourceBody>;

export const IncidentStatsQuery = z.strictObject({
  from: z.string().datetime({ offset: true }),
  to: z.string().datetime({ offset: true }),
  unitId: Uuid.optional(),
  category: z.enum(['traffic', 'public-order', 'other']).optional(),
});
export type IncidentStatsQuery = z.infer<typeof IncidentStatsQuery>;
export const IncidentStats = z.object({
  from: z.string(), to: z.string(), total: z.number().int(),
  byType: z.array(z.object({ type: IncidentType, count: z.number().int() })),
  byUnit: z.array(z.object({ unitId: Uuid.nullable(), unitName: z.string().nullable(), unitPath: z.string(), count: z.number().int() })),
  /** Hour of day in Asia/Ho_Chi_Minh, 0–23. */
  byHour: z.array(z.number().int()).length(24),
  byStatus: z.array(z.object({ status: IncidentStatus, count: z.number().int() })),
});
export type IncidentStats = z.infer<typeof IncidentStats>;
