// Public-service dossiers (hồ sơ thủ tục hành chính): the monitoring reads — search and drill-down, detail with
// history, metrics, the overdue board and the Decision 766 view. Rates are ratios 0…1 (null when the
// denominator is 0); working days follow the holiday calendar; dates are Vietnam dates (YYYY-MM-DD).
import { z } from 'zod';
import { IsoDate, Uuid } from './common.js';

export const dossierChannels = ['online', 'direct', 'postal'] as const;
export const DossierChannel = z.enum(dossierChannels);
export type DossierChannel = z.infer<typeof DossierChannel>;
export const dossierStatuses = ['received', 'in_progress', 'additional_docs', 'suspended', 'finished', 'returned'] as const;
export const DossierStatus = z.enum(dossierStatuses);
export type DossierStatus = z.infer<typeof DossierStatus>;
export const timelinessValues = ['early', 'on_time', 'late'] as const;
export const Timeliness = z.enum(timelinessValues);
export type Timeliness = z.infer<typeof Timeliness>;
/**
 * Unfinished dossiers, as of now: `all` every one; `within-deadline` not past due (or no deadline);
 * `overdue` past due; `due-soon` not past due but due within `dueWithinDays` working days (default 2).
 */
export const pendingStates = ['all', 'within-deadline', 'overdue', 'due-soon'] as const;
export const PendingState = z.enum(pendingStates);
export type PendingState = z.infer<typeof PendingState>;
export const dossierSorts = ['receivedAt', '-receivedAt', 'dueAt', '-dueAt', 'finishedAt', '-finishedAt', 'code'] as const;

export const DossierIdParams = z.strictObject({ id: z.coerce.number().int().positive() });
export type DossierIdParams = z.infer<typeof DossierIdParams>;

/**
 * Search, and the drill-down target of every metric cell (see `drillDownQuery`). Every filter narrows;
 * unit filters take the receiving unit's whole subtree; the caller's scope always applies.
 */
export const ListDossiersQuery = z.strictObject({
  unitId: Uuid.optional(),                       // receiving unit subtree
  unitCode: z.string().min(1).max(60).optional(),// the same by code
  receivingUnitId: Uuid.optional(),              // exactly this receiving unit (not its subtree): the 'isSelf' metric row
  handlingAgencyId: Uuid.or(z.literal('none')).optional(),   // cơ quan giải quyết; 'none' = no handling agency recorded
  holdingAgencyId: Uuid.optional(),              // who holds it now
  procedureId: Uuid.optional(),
  field: z.string().min(1).max(200).optional(),  // lĩnh vực of the procedure
  channel: DossierChannel.optional(),
  status: DossierStatus.optional(),
  timeliness: Timeliness.optional(),             // finished dossiers only
  pending: PendingState.optional(),
  dueWithinDays: z.coerce.number().int().min(0).max(30).default(2),   // for pending=due-soon
  receivedFrom: IsoDate.optional(), receivedTo: IsoDate.optional(),   // inclusive Vietnam dates
  finishedFrom: IsoDate.optional(), finishedTo: IsoDate.optional(),   // inclusive; implies finished
  q: z.string().min(1).max(100).optional(),      // part of the dossier code
  sort: z.enum(dossierSorts).default('-receivedAt'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type ListDossiersQuery = z.infer<typeof ListDossiersQuery>;

export const DossierSummary = z.object({
  id: z.number().int(),
  source: z.string(),
  code: z.string(),
  procedureId: Uuid, procedureCode: z.string(), procedureName: z.string(), field: z.string(),
  receivingUnitId: Uuid, receivingUnitCode: z.string(), receivingUnitName: z.string(),
  handlingAgencyId: Uuid.nullable(), handlingAgencyName: z.string().nullable(),
  holdingAgencyId: Uuid.nullable(), holdingAgencyName: z.string().nullable(),
  channel: DossierChannel,
  status: DossierStatus,
  receivedAt: z.string(), dueAt: z.string().nullable(), finishedAt: z.string().nullable(), returnedAt: z.string().nullable(),
  timeliness: Timeliness.nullable(),
  processingDays: z.number().nullable(),          // working days from receipt to finish
  isOverdue: z.boolean(),                         // unfinished and past due now
  daysOverdue: z.number().int(),                  // working days past due: until now when unfinished, until the finish when finished late; else 0
  onlinePayment: z.boolean(), digitisedResult: z.boolean(),
  satisfaction: z.enum(['very_satisfied', 'satisfied', 'dissatisfied']).nullable(),
  result: z.string().nullable(),
});
export type DossierSummary = z.infer<typeof DossierSummary>;
export const DossierPage = z.object({ items: z.array(DossierSummary), total: z.number().int() });
export type DossierPage = z.infer<typeof DossierPage>;

export const DossierEvent = z.object({
  at: z.string(), status: DossierStatus,
  agencyId: Uuid.nullable(), agencyName: z.string().nullable(), agencyNameEn: z.string().nullable(),
  note: z.string().nullable(), recordedAt: z.string(),
});
export type DossierEvent = z.infer<typeof DossierEvent>;
export const DossierDetail = DossierSummary.extend({
  unitPath: z.string(),
  procedureNationalCode: z.string().nullable(),
  procedureProcessingDays: z.number().int(),      // legal processing time, working days
  holdingUnitId: Uuid.nullable(), holdingUnitName: z.string().nullable(),   // the unit of the agency holding it
  events: z.array(DossierEvent),                  // full history, oldest first
});
export type DossierDetail = z.infer<typeof DossierDetail>;

export const metricGroupings = ['unit', 'agency', 'procedure', 'field', 'month', 'channel'] as const;
export const MetricGrouping = z.enum(metricGroupings);
export type MetricGrouping = z.infer<typeof MetricGrouping>;

/**
 * from/to are inclusive Vietnam dates (default: 1 January of this year to today). Dimension filters are the
 * list's. groupBy=unit groups by the children of `unitId` (default: the caller's scope unit), each rolling up
 * its subtree, plus one row for dossiers received by the unit itself. sort=onTimeRate ranks (best first).
 */
export const DossierMetricsQuery = z.strictObject({
  groupBy: MetricGrouping.default('unit'),
  from: IsoDate.optional(), to: IsoDate.optional(),
  unitId: Uuid.optional(), unitCode: z.string().min(1).max(60).optional(),
  handlingAgencyId: Uuid.or(z.literal('none')).optional(), procedureId: Uuid.optional(), field: z.string().min(1).max(200).optional(), channel: DossierChannel.optional(),
  sort: z.enum(['key', 'received', 'onTimeRate', '-onTimeRate', 'pendingOverdue']).default('key'),
});
export type DossierMetricsQuery = z.infer<typeof DossierMetricsQuery>;

export const DossierMetricValues = z.object({
  received: z.number().int(),                     // received in the period
  receivedOnline: z.number().int(),
  finished: z.number().int(),                     // finished in the period
  finishedEarly: z.number().int(), finishedOnTime: z.number().int(), finishedLate: z.number().int(),
  pendingWithinDeadline: z.number().int(),        // unfinished now (see docs: a snapshot, not the period)
  pendingOverdue: z.number().int(),
  onTimeRate: z.number().nullable(),              // (early + on time) / finished
  onlineReceiptRate: z.number().nullable(),       // received online / received
  onlinePaymentRate: z.number().nullable(),       // paid online / finished
  digitisationRate: z.number().nullable(),        // digitised result / finished
  satisfactionRate: z.number().nullable(),        // (very) satisfied / rated, of the finished
  averageProcessingDays: z.number().nullable(),   // working days, of the finished
});
export type DossierMetricValues = z.infer<typeof DossierMetricValues>;
export const metricNames = ['received', 'receivedOnline', 'finished', 'finishedEarly', 'finishedOnTime', 'finishedLate', 'pendingWithinDeadline', 'pendingOverdue'] as const;
export type MetricName = (typeof metricNames)[number];

/** The list filter a row stands for (one dimension), and the period its counts cover. */
export const MetricRowFilter = ListDossiersQuery.pick({ unitId: true, receivingUnitId: true, handlingAgencyId: true, procedureId: true, field: true, channel: true }).partial();
export type MetricRowFilter = z.infer<typeof MetricRowFilter>;
export const DossierMetricRow = DossierMetricValues.extend({
  key: z.string(),                                // unit/agency/procedure id, field name, 'YYYY-MM', channel; 'none' = no handling agency
  code: z.string().nullable(),
  label: z.string(), labelEn: z.string().nullable(),
  isSelf: z.boolean(),                            // groupBy=unit: the dossiers received by the chosen unit itself
  from: IsoDate, to: IsoDate,                     // the row's period (a month for groupBy=month)
  filter: MetricRowFilter,                        // the row's dimension as list filters (self row: receivingUnitId)
});
export type DossierMetricRow = z.infer<typeof DossierMetricRow>;
export const DossierMetrics = z.object({
  groupBy: MetricGrouping,
  from: IsoDate, to: IsoDate,
  asOf: z.string(),                               // the instant pending/overdue were counted
  unit: z.object({ id: Uuid, code: z.string(), name: z.string() }),
  baseFilter: ListDossiersQuery.pick({ unitId: true, handlingAgencyId: true, procedureId: true, field: true, channel: true }).partial(),
  rows: z.array(DossierMetricRow),
  total: DossierMetricRow,
});
export type DossierMetrics = z.infer<typeof DossierMetrics>;

/**
 * The list query behind one number of a metrics answer: base filter + the row's dimension + the metric's own
 * condition over the row's period. Pending numbers are "now", but on month rows they cover the dossiers
 * received in that month. `GET /api/dossiers?…` with this query answers `total` equal to the cell. Null when
 * the cell is 0 by construction (online receipts of the 'direct' channel row): there is nothing to list.
 */
export function drillDownQuery(answer: Pick<DossierMetrics, 'groupBy' | 'baseFilter'>, row: Pick<DossierMetricRow, 'from' | 'to' | 'filter' | 'isSelf'>, metric: MetricName): Partial<ListDossiersQuery> | null {
  const q: Partial<ListDossiersQuery> = { ...answer.baseFilter, ...row.filter };
  if (metric === 'receivedOnline' && q.channel !== undefined && q.channel !== 'online') return null;
  const received = { receivedFrom: row.from, receivedTo: row.to };
  const finished = { finishedFrom: row.from, finishedTo: row.to };
  switch (metric) {
    case 'received': return { ...q, ...received };
    case 'receivedOnline': return { ...q, ...received, channel: 'online' };
    case 'finished': return { ...q, ...finished };
    case 'finishedEarly': return { ...q, ...finished, timeliness: 'early' };
    case 'finishedOnTime': return { ...q, ...finished, timeliness: 'on_time' };
    case 'finishedLate': return { ...q, ...finished, timeliness: 'late' };
    case 'pendingWithinDeadline': return { ...q, pending: 'within-deadline', ...(answer.groupBy === 'month' ? received : {}) };
    case 'pendingOverdue': return { ...q, pending: 'overdue', ...(answer.groupBy === 'month' ? received : {}) };
  }
}

/** The overdue board: unfinished dossiers past due, most overdue first. */
export const OverdueQuery = z.strictObject({
  holdingAgencyId: Uuid.optional(),
  handlingAgencyId: Uuid.optional(),
  unitId: Uuid.optional(), unitCode: z.string().min(1).max(60).optional(),   // receiving unit subtree
  procedureId: Uuid.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type OverdueQuery = z.infer<typeof OverdueQuery>;
export const OverdueDossier = z.object({
  id: z.number().int(), code: z.string(),
  procedureId: Uuid, procedureCode: z.string(), procedureName: z.string(), field: z.string(),
  receivingUnitId: Uuid, receivingUnitName: z.string(),
  holdingAgencyId: Uuid.nullable(), holdingAgencyName: z.string().nullable(),
  holdingUnitId: Uuid.nullable(), holdingUnitName: z.string().nullable(),
  handlingAgencyId: Uuid.nullable(), handlingAgencyName: z.string().nullable(),
  status: DossierStatus, channel: DossierChannel,
  receivedAt: z.string(), dueAt: z.string(),
  daysOverdue: z.number().int(),                  // working days past the due date, as of now
});
export type OverdueDossier = z.infer<typeof OverdueDossier>;
export const OverdueBoard = z.object({
  asOf: z.string(),
  total: z.number().int(),
  items: z.array(OverdueDossier),
  /** Overdue counts per holding agency under the same filters (largest first); agencyId null = nobody recorded. */
  byAgency: z.array(z.object({ agencyId: Uuid.nullable(), agencyName: z.string().nullable(), unitName: z.string().nullable(), overdue: z.number().int() })),
});
export type OverdueBoard = z.infer<typeof OverdueBoard>;

/** Decision 766/QĐ-TTg (23/6/2022): five groups, 100 points. */
export const Index766Query = z.strictObject({
  year: z.coerce.number().int().min(2015).max(2100).optional(),   // default: this year
  unitId: Uuid.optional(), unitCode: z.string().min(1).max(60).optional(),
});
export type Index766Query = z.infer<typeof Index766Query>;
export const Index766Component = z.object({
  code: z.string(),                               // '2.1'
  name: z.string(), nameEn: z.string(),
  formula: z.string(), formulaEn: z.string(),
  maxPoints: z.number(),
  weightIsAssumption: z.boolean(),                // true: the split of the group's points is ours, not the Decision's
  computable: z.boolean(),
  value: z.number().nullable(),                   // the ratio 0…1 (or the measure) from our data; null when not computable or no data
  points: z.number().nullable(),                  // maxPoints × value, rounded to 0.01; null when not computable or no data
  numerator: z.number().nullable(), denominator: z.number().nullable(),
  reason: z.string().nullable(), reasonEn: z.string().nullable(),   // why it is not computable (or has no data)
});
export type Index766Component = z.infer<typeof Index766Component>;
export const Index766Group = z.object({
  code: z.string(),                               // '1'…'5'
  name: z.string(), nameEn: z.string(),
  maxPoints: z.number(),                          // 18, 20, 22, 22, 18
  points: z.number().nullable(),                  // sum of the computable components' points; null when none has data
  computableMaxPoints: z.number(),                // what the computable components could earn
  components: z.array(Index766Component),
});
export type Index766Group = z.infer<typeof Index766Group>;
export const Index766 = z.object({
  year: z.number().int(), from: IsoDate, to: IsoDate,
  unit: z.object({ id: Uuid, code: z.string(), name: z.string() }),
  points: z.number(),                             // sum over groups of the computed points
  computableMaxPoints: z.number(),                // out of this many (the rest cannot be computed from our data)
  maxPoints: z.literal(100),
  groups: z.array(Index766Group),
  source: z.string(),                             // the legal source and our documentation
});
export type Index766 = z.infer<typeof Index766>;

/** Hub events on topic 'dossiers' (grouped per agency, never one per dossier). */
export const DossierAlertEventData = z.object({
  ids: z.array(z.string()),                        // dossier ids (at most 100 listed)
  agencyId: Uuid.nullable(),
  count: z.number().int(),
});
export type DossierAlertEventData = z.infer<typeof DossierAlertEventData>;
export const dossierAlertEventTypes = ['dossier.overdue', 'dossier.due-soon'] as const;
