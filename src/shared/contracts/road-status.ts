// Road status from traffic counters (TrafficFlowObserved): the segment each counter measures, its latest speed
// and intensity, and a status relative to the segment's free-flow speed. See docs/telemetry.md, "Road status".
import { z } from 'zod';
import { Uuid } from './common.js';

const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export const LineString = z.object({ type: z.literal('LineString'), coordinates: z.array(Position).min(2).max(500) });
export type LineString = z.infer<typeof LineString>;

/** What a traffic counter's `metadata.roadSegment` holds (set with the device PATCH). */
export const RoadSegment = z.object({
  road: z.string().trim().min(1).max(200),                 // 'Quốc lộ 14'
  section: z.string().max(200).optional(),                 // 'qua phường Đồng Xoài'
  freeFlowSpeed: z.number().positive().max(150),           // km/h: what the segment allows with no traffic
  lanes: z.number().int().min(1).max(12).optional(),
  geometry: LineString,
});
export type RoadSegment = z.infer<typeof RoadSegment>;

export const roadStatuses = ['free', 'slow', 'congested', 'stopped', 'no-data'] as const;
export const RoadStatus = z.enum(roadStatuses);
export type RoadStatus = z.infer<typeof RoadStatus>;

/** Speed as a share of free-flow speed: at or above `slow` is free, at or above `congested` slow, and so on. */
export const ROAD_STATUS_THRESHOLDS = { slow: 0.7, congested: 0.4, stopped: 0.15, staleMinutes: 15 } as const;

export const RoadStatusQuery = z.strictObject({ unitId: Uuid.optional() });
export type RoadStatusQuery = z.infer<typeof RoadStatusQuery>;

export const RoadSegmentStatus = z.object({
  deviceId: z.string(), deviceName: z.string(), unitId: Uuid, unitPath: z.string(),
  road: z.string(), section: z.string().nullable(), freeFlowSpeed: z.number(), lanes: z.number().int().nullable(), geometry: LineString,
  speed: z.number().nullable(),            // km/h (averageVehicleSpeed)
  intensity: z.number().nullable(),        // vehicles per reporting period, as the device reports it
  intensityUnit: z.string().nullable(),
  occupancy: z.number().nullable(),        // %
  speedRatio: z.number().nullable(),
  status: RoadStatus,
  at: z.string().nullable(),               // time of the speed reading
});
export type RoadSegmentStatus = z.infer<typeof RoadSegmentStatus>;

export const RoadStatusList = z.object({
  items: z.array(RoadSegmentStatus),
  thresholds: z.object({ slow: z.number(), congested: z.number(), stopped: z.number(), staleMinutes: z.number() }),
  at: z.string(),
});
export type RoadStatusList = z.infer<typeof RoadStatusList>;
