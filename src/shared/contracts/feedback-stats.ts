// Figures for the feedback screens: the dashboard, the SLA board, the map and the call-center caller lookup.
// Days are Vietnam calendar days (YYYY-MM-DD, inclusive); durations are working hours (docs/feedback.md).
import { z } from 'zod';
import { IsoDate, Uuid } from './common.js';
import { ReportChannel, ReportState, Urgency } from './feedback.js';

export const FeedbackDashboardQuery = z.strictObject({
  from: IsoDate.optional(),          // default: 29 days before `to`
  to: IsoDate.optional(),            // default: today
  unitId: Uuid.optional(),           // the unit's subtree (default: the caller's scope)
  agencyId: Uuid.optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type FeedbackDashboardQuery = z.infer<typeof FeedbackDashboardQuery>;

const Count = z.number().int().min(0);
const Share = z.number().min(0).max(1).nullable();   // null: nothing to measure

export const CountByKey = z.object({ key: z.string(), name: z.string(), count: Count });
export type CountByKey = z.infer<typeof CountByKey>;

export const FeedbackDashboard = z.object({
  from: IsoDate, to: IsoDate, asOf: z.string(),
  unit: z.object({ id: Uuid, name: z.string() }).nullable(),
  totals: z.object({
    received: Count,                 // taken in the window
    accepted: Count,                 // of those, accepted (in progress or further)
    resolved: Count,                 // of those, resolved
    open: Count,                     // of those, still open now
    overdueOpen: Count,              // of those, open and past a deadline now
    medianAcceptHours: z.number().nullable(),    // working hours from receipt to acceptance
    medianResolveHours: z.number().nullable(),   // working hours from receipt to resolution
    acceptOnTimeRate: Share,         // accepted by the acceptance deadline, of those accepted or already late
    resolveOnTimeRate: Share,        // resolved by the resolution deadline, of those resolved or already late
  }),
  byDay: z.array(z.object({ date: IsoDate, total: Count, byChannel: z.record(ReportChannel, Count) })),
  byChannel: z.array(CountByKey),
  byCategory: z.array(CountByKey),
  byUnit: z.array(CountByKey),       // the selected unit's children (reports placed on the unit itself: its own row)
  byAgency: z.array(CountByKey.extend({ resolveOnTimeRate: Share, open: Count })),
  satisfaction: z.object({
    ratings: Count,
    average: z.number().nullable(),
    distribution: z.array(z.object({ rating: z.number().int().min(1).max(5), count: Count })),
  }).nullable(),                     // ratings given in the window (report_ratings); null only if the server keeps none
  topIssues: z.array(z.object({
    categoryCode: z.string(), categoryName: z.string(), unitId: Uuid.nullable(), unitName: z.string().nullable(),
    count: Count, open: Count,
  })),
});
export type FeedbackDashboard = z.infer<typeof FeedbackDashboard>;

export const SlaBoardQuery = z.strictObject({
  unitId: Uuid.optional(),
  agencyId: Uuid.or(z.literal('none')).optional(),   // 'none' = the operator queue
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type SlaBoardQuery = z.infer<typeof SlaBoardQuery>;

/** Open reports by working time left to their next deadline (acceptance while not accepted, else resolution). */
export const slaBuckets = ['overdue', 'within4h', 'withinDay', 'within3Days', 'later', 'noDeadline'] as const;
export const SlaBucket = z.enum(slaBuckets);
export type SlaBucket = z.infer<typeof SlaBucket>;
const Buckets = z.object(Object.fromEntries(slaBuckets.map((b) => [b, Count])) as Record<SlaBucket, typeof Count>);

export const SlaBoard = z.object({
  asOf: z.string(),
  totals: Buckets,
  byAgency: z.array(z.object({ agencyId: Uuid.nullable(), agencyName: z.string().nullable(), open: Count }).extend(Buckets.shape)),
  items: z.array(z.object({
    id: Uuid, trackingCode: z.string(), categoryName: z.string(), state: ReportState, urgency: Urgency,
    agencyId: Uuid.nullable(), agencyName: z.string().nullable(), unitName: z.string().nullable(),
    deadline: z.enum(['accept', 'resolve']), dueAt: z.string(),
    hoursLeft: z.number(),           // working hours; negative = overdue by that much
    bucket: SlaBucket,
  })),
});
export type SlaBoard = z.infer<typeof SlaBoard>;

export const FeedbackMapQuery = z.strictObject({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  open: z.enum(['true', 'false']).optional(),   // only open (true) or only closed (false) reports
  categoryCode: z.string().min(1).max(60).optional(),
  unitId: Uuid.optional(),
  agencyId: Uuid.optional(),
  // The viewport (both or neither): with them the answer is a FeedbackMapView clustered on the server; without
  // them, FeedbackMapPoints as before (the operations map and other callers).
  bbox: z.string().regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'west,south,east,north in degrees').optional(),
  zoom: z.coerce.number().int().min(0).max(22).optional(),
  mode: z.enum(['clusters', 'heatmap']).optional(),   // with a viewport; default clusters
});
export type FeedbackMapQuery = z.infer<typeof FeedbackMapQuery>;

export const MAP_POINT_LIMIT = 20_000;

/** Anonymised points: no reporter, no description; coordinates rounded to 4 decimals (about 11 m). */
export const FeedbackMapPoints = z.object({
  type: z.literal('FeatureCollection'),
  truncated: z.boolean(),            // more than MAP_POINT_LIMIT reports matched: the newest are drawn
  features: z.array(z.object({
    type: z.literal('Feature'),
    geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
    properties: z.object({ id: Uuid, category: z.string(), state: ReportState, urgency: Urgency, open: z.boolean(), overdue: z.boolean() }),
  })),
});
export type FeedbackMapPoints = z.infer<typeof FeedbackMapPoints>;

/** From this zoom on (a street), the viewport answer is the points themselves; below it, clusters. */
export const MAP_POINTS_ZOOM = 16;

const MapPointFeature = FeedbackMapPoints.shape.features.element;
/** A grid cell of the viewport with more than one report: where (the mean of its points), how many, of what state. */
const MapClusterFeature = z.object({
  type: z.literal('Feature'),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
  properties: z.object({
    count: Count, open: Count, overdue: Count,     // closed = count − open; overdue ⊂ open
    bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),   // west, south, east, north of its points: a click zooms there
  }),
});
/** A heatmap cell: the reports of a small grid cell at their mean position, weighted by their count. */
const MapHeatFeature = z.object({
  type: z.literal('Feature'),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
  properties: z.object({ weight: Count, overdue: Count }),
});

/** The map for one viewport (FeedbackMapQuery with bbox and zoom): anonymised as FeedbackMapPoints. */
export const FeedbackMapView = z.object({
  mode: z.enum(['clusters', 'points', 'heatmap']),   // clusters (below MAP_POINTS_ZOOM): cells of >1 report as clusters, single reports as points
  zoom: z.number().int(),
  total: Count,                      // reports matching in the viewport
  truncated: z.boolean(),            // points mode only: more than MAP_POINT_LIMIT matched
  cellDegrees: z.number().nullable(),   // the grid cell's side (clusters, heatmap)
  maxWeight: Count,                  // heatmap: the heaviest cell (to scale colours); else 0
  features: z.array(z.union([MapClusterFeature, MapHeatFeature, MapPointFeature])),
});
export type FeedbackMapView = z.infer<typeof FeedbackMapView>;
export type FeedbackMapFeature = FeedbackMapView['features'][number];

export const CallerLookupQuery = z.strictObject({
  phone: z.string().trim().regex(/^\+?[0-9 .-]{4,20}$/, 'a phone number (at least 4 digits)'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export type CallerLookupQuery = z.infer<typeof CallerLookupQuery>;

export const CallerHistory = z.object({
  phone: z.string(),                 // the digits searched (a leading +84 read as 0)
  total: Count,
  exact: z.boolean(),                // a full number (≥ 9 digits) matched exactly, else numbers starting with the digits
  names: z.array(z.string()),        // names the caller gave before, most recent first
  addresses: z.array(z.string()),
  items: z.array(z.object({
    id: Uuid, trackingCode: z.string(), createdAt: z.string(), categoryCode: z.string(), categoryName: z.string(), state: ReportState,
    channel: ReportChannel, reporterName: z.string().nullable(), reporterPhone: z.string().nullable(), address: z.string().nullable(),
    description: z.string(),         // the first 300 characters
    agencyName: z.string().nullable(),
  })),
});
export type CallerHistory = z.infer<typeof CallerHistory>;

/** Communes and wards of the province for the public page (pick a unit, drop a pin inside a boundary). */
export const PublicPlaces = z.object({
  province: z.object({ id: Uuid, name: z.string() }).nullable(),
  features: z.array(z.object({
    type: z.literal('Feature'), id: z.string(), geometry: z.unknown(),
    properties: z.object({ id: Uuid, name: z.string(), synthetic: z.boolean() }),
  })),
});
export type PublicPlaces = z.infer<typeof PublicPlaces>;
