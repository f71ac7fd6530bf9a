// Figures for the feedback screens: the dashboard, the SLA board, the map's points and the call-center caller
// lookup. Scope as everywhere in feedback (docs/feedback.md): the caller's unit subtree, and for an agency
// officer only its agency's reports. Durations and time left count working hours (office hours, holidays).
import type {
  CallerHistory, CallerLookupQuery, CountByKey, FeedbackDashboard, FeedbackDashboardQuery, FeedbackMapFeature, FeedbackMapPoints, FeedbackMapQuery, FeedbackMapView,
  PublicPlaces, SlaBoard, SlaBoardQuery, SlaBucket,
} from '../../../shared/contracts/feedback-stats.js';
import { MAP_POINT_LIMIT, MAP_POINTS_ZOOM } from '../../../shared/contracts/feedback-stats.js';
import { reportChannels, type ReportChannel, type ReportState, type Urgency } from '../../../shared/contracts/feedback.js';
import { type Actor, assertVisible, can, systemActor } from '../../core/auth.js';
import { addDays, todayInVietnam } from '../../core/calendar.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { readCacheOf } from '../../core/read-cache.js';
import { type DbOrTx, onPostgresServer } from '../../db/client.js';
import { loadWorkingCalendar } from '../calendar/calendar.service.js';
import { isWorkingDay, type WorkingCalendar } from '../calendar/working-days.js';
import { addWorkingHours, DEFAULT_OFFICE_HOURS, type OfficeHours, workingHoursBetween } from '../calendar/working-hours.js';
import { unitBoundaries } from '../units/units.service.js';
import { currentProvince, unitById } from './feedback.queries.js';
import {
  type Bbox, dashboardGroups, dashboardWorkMem, durationsIn, mapCells, mapCount, mapPoints, mapPointsByIds, nextDueReports, ratingsIn, reportsOfCaller, slaBucketsByAgency, type StatsScope, topIssuesIn,
  unitNamesByPath, type Window,
} from './stats.queries.js';

type StatsContext = Pick<RequestContext, 'db' | 'actor'>;
export interface StatsOptions { officeHours: OfficeHours }
const defaults: StatsOptions = { officeHours: DEFAULT_OFFICE_HOURS };

const MAX_WINDOW_DAYS = 366;
const NO_AGENCY = '00000000-0000-0000-0000-000000000000';

const invalid = (path: string, message: string) => new AppError('validation-failed', { errors: [{ path, message }] });

/** The caller's scope, narrowed to a unit's subtree when one is asked for (404 outside the scope). */
async function scopeOf(ctx: StatsContext, unitId: string | undefined): Promise<StatsScope & { unit: { id: string; name: string; path: string } | null }> {
  const actor: Actor = ctx.actor;
  const scope: StatsScope & { unit: { id: string; name: string; path: string } | null } = {
    scopePath: actor.scopePath,
    onlyAgencyId: actor.role === 'agency_officer' ? (actor.agencyId ?? NO_AGENCY) : undefined,
    unit: null,
  };
  if (unitId) {
    const unit = await unitById(ctx.db, unitId);
    if (!unit) throw new AppError('not-found');
    assertVisible(actor, unit.path);
    scope.unitPath = unit.path;
    scope.unit = { id: unit.id, name: unit.name, path: unit.path };
  }
  return scope;
}

/** [from 00:00, to+1 00:00) in Vietnam time, at most a year. */
function windowOf(q: { from?: string | undefined; to?: string | undefined }, now: Date, defaultDays: number): { from: string; to: string; window: Window } {
  const to = q.to ?? todayInVietnam(now);
  const from = q.from ?? addDays(to, -(defaultDays - 1));
  if (from > to) throw invalid('querystring.from', 'from must not be after to');
  const window = { from: new Date(`${from}T00:00:00+07:00`), to: new Date(`${addDays(to, 1)}T00:00:00+07:00`) };
  if (window.to.getTime() - window.from.getTime() > MAX_WINDOW_DAYS * 86_400_000) throw invalid('querystring.from', `at most ${MAX_WINDOW_DAYS} days`);
  return { from, to, window };
}

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3_600_000;

/**
 * Working hours elapsed since the start of `fromMs`'s day, as a function of the instant: the difference of
 * two readings is workingHoursBetween (working-hours.ts) in O(1), built once per answer. A year's dashboard
 * measures ~58,000 reports; one workingHoursBetween each took ~0.9 s, the clock takes a few milliseconds.
 */
export function workingClock(cal: WorkingCalendar, office: OfficeHours, fromMs: number, toMs: number): (ms: number) => number {
  const first = Math.floor((fromMs + VN_OFFSET_MS) / DAY_MS);
  const last = Math.floor((toMs + VN_OFFSET_MS) / DAY_MS);
  const perDay = office.reduce((sum, [a, b]) => sum + (b - a), 0);
  const working = new Uint8Array(last - first + 1);
  const before = new Float64Array(last - first + 2);   // office minutes before the start of each day
  for (let i = 0; i <= last - first; i++) {
    working[i] = isWorkingDay(cal, new Date((first + i) * DAY_MS).toISOString().slice(0, 10)) ? 1 : 0;
    before[i + 1] = before[i]! + (working[i] ? perDay : 0);
  }
  return (ms) => {
    const local = ms + VN_OFFSET_MS;
    const i = Math.min(Math.max(Math.floor(local / DAY_MS) - first, 0), last - first);
    let minutes = before[i]!;
    if (working[i]) {
      const minute = (local - (first + i) * DAY_MS) / 60_000;
      for (const [a, b] of office) minutes += Math.min(Math.max(minute - a, 0), b - a);
    }
    return minutes / 60;
  };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round = (x: number | null, digits = 2) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const share = (part: number, whole: number) => (whole === 0 ? null : round(part / whole, 4));
const dateOf = (v: Date | string) => (v instanceof Date ? v : new Date(v));

async function calendarFor(db: DbOrTx, from: Date, to: Date) {
  return loadWorkingCalendar(db, Number(todayInVietnam(from).slice(0, 4)), Number(todayInVietnam(to).slice(0, 4)) + 1);
}

/** Ratings given in the window: their count, average and distribution over 1–5 (average null without any). */
async function satisfactionIn(db: DbOrTx, scope: StatsScope, window: Window): Promise<NonNullable<FeedbackDashboard['satisfaction']>> {
  const rows = await ratingsIn(db, scope, window);
  const distribution = [1, 2, 3, 4, 5].map((rating) => ({ rating, count: rows.find((r) => r.score === rating)?.count ?? 0 }));
  const ratings = distribution.reduce((a, d) => a + d.count, 0);
  const average = ratings ? round(distribution.reduce((a, d) => a + d.rating * d.count, 0) / ratings) : null;
  return { ratings, average, distribution };
}

export async function feedbackDashboard(ctx: StatsContext, q: FeedbackDashboardQuery, opts: StatsOptions = defaults, now = new Date()): Promise<FeedbackDashboard> {
  can(ctx.actor, 'feedback:read');
  const scope = await scopeOf(ctx, q.unitId);
  scope.agencyId = q.agencyId;
  const { from, to, window } = windowOf(q, now, 30);

  // Cached until the next feedback event or the next minute (overdue counts move with the clock): a wall
  // screen asks every few seconds, and any change refreshes it.
  const key = `feedback-dashboard:${JSON.stringify([scope, from, to, Math.floor(now.getTime() / 60_000)])}`;
  return readCacheOf(ctx.db).read(key, ['feedback'], async () => {
    // The GROUPING SETS statement in its own transaction for its work_mem (dashboardGroups). On a PostgreSQL
    // server the four statements run at once on pool connections (the answer waits for the slowest, not the
    // sum); PGlite is a single connection: one after another.
    const groupsOf = () => ctx.db.transaction(async (tx) => { await dashboardWorkMem(tx); return dashboardGroups(tx, scope, window, now); });
    const [groups, durations, topIssues, satisfaction] = onPostgresServer(ctx.db)
      ? await Promise.all([groupsOf(), durationsIn(ctx.db, scope, window), topIssuesIn(ctx.db, scope, window, 10), satisfactionIn(ctx.db, scope, window)])
      : [await groupsOf(), await durationsIn(ctx.db, scope, window), await topIssuesIn(ctx.db, scope, window, 10), await satisfactionIn(ctx.db, scope, window)];

    const cal = await calendarFor(ctx.db, window.from, now);
    const acceptHours: number[] = [];
    const resolveHours: number[] = [];
    if (durations.length) {
      let earliest = Infinity;
      let latest = now.getTime();
      for (const d of durations) { earliest = Math.min(earliest, d.createdAt); latest = Math.max(latest, d.acceptedAt, d.resolvedAt ?? 0); }
      const clock = workingClock(cal, opts.officeHours, earliest, latest);
      for (const d of durations) {
        const start = clock(d.createdAt);
        acceptHours.push(clock(d.acceptedAt) - start);
        if (d.resolvedAt !== null) resolveHours.push(clock(d.resolvedAt) - start);
      }
    }

    const byDayMap = new Map<string, Record<ReportChannel, number>>();
    for (let day = from; day <= to; day = addDays(day, 1)) byDayMap.set(day, Object.fromEntries(reportChannels.map((c) => [c, 0])) as Record<ReportChannel, number>);
    const channelTotals = new Map<string, number>();
    const totals = groups.find((g) => g.kind === 'total');
    for (const g of groups.filter((x) => x.kind === 'dayChannel')) {
      const row = g.day ? byDayMap.get(g.day) : undefined;
      if (row && g.channel) row[g.channel as ReportChannel] = g.received;
      if (g.channel) channelTotals.set(g.channel, (channelTotals.get(g.channel) ?? 0) + g.received);
    }
    const answer: FeedbackDashboard = {
      from, to, asOf: now.toISOString(),
      unit: scope.unit ? { id: scope.unit.id, name: scope.unit.name } : null,
      totals: {
        received: totals?.received ?? 0, accepted: totals?.accepted ?? 0, resolved: totals?.resolved ?? 0, open: totals?.open ?? 0, overdueOpen: totals?.overdueOpen ?? 0,
        medianAcceptHours: round(median(acceptHours)), medianResolveHours: round(median(resolveHours)),
        acceptOnTimeRate: share(totals?.acceptedOnTime ?? 0, totals?.acceptMeasured ?? 0),
        resolveOnTimeRate: share(totals?.resolvedOnTime ?? 0, totals?.resolveMeasured ?? 0),
      },
      byDay: [...byDayMap].map(([date, byChannel]) => ({ date, total: Object.values(byChannel).reduce((a, b) => a + b, 0), byChannel })),
      byChannel: reportChannels.map((c) => ({ key: c, name: c, count: channelTotals.get(c) ?? 0 })),
      byCategory: groups.filter((g) => g.kind === 'category').map((g) => ({ key: g.categoryCode ?? '', name: g.categoryName ?? '', count: g.received })),
      byUnit: await byChildUnit(ctx.db, scope.unit?.path ?? ctx.actor.scopePath, groups.filter((g) => g.kind === 'unitPath').map((g) => ({ path: g.unitPath ?? '', count: g.received }))),
      byAgency: groups.filter((g) => g.kind === 'agency').map((g) => ({
        key: g.agencyId ?? 'none', name: g.agencyName ?? '', count: g.received, open: g.open, resolveOnTimeRate: share(g.resolvedOnTime, g.resolveMeasured),
      })),
      satisfaction,
      topIssues,
    };
    return answer;
  });
}

/** Counts per child unit of `basePath` (a report placed on the unit itself counts in the unit's own row). */
async function byChildUnit(db: DbOrTx, basePath: string, counts: { path: string; count: number }[]): Promise<CountByKey[]> {
  const perChild = new Map<string, number>();
  for (const c of counts) {
    const rest = c.path.slice(basePath.length).split('/').filter(Boolean);
    const childPath = rest.length ? `${basePath}${rest[0]}/` : basePath;
    perChild.set(childPath, (perChild.get(childPath) ?? 0) + c.count);
  }
  const names = await unitNamesByPath(db, [...perChild.keys()]);
  return [...perChild].map(([path, count]) => ({ key: names.get(path)?.id ?? path, name: names.get(path)?.name ?? path, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'vi'));
}

/** Working hours in one office day (7.5 with the default hours). */
function hoursPerDay(office: OfficeHours): number {
  return office.reduce((sum, [a, b]) => sum + (b - a), 0) / 60;
}

export function bucketOf(hoursLeft: number | null, perDay: number): SlaBucket {
  if (hoursLeft === null) return 'noDeadline';
  if (hoursLeft < 0) return 'overdue';
  if (hoursLeft <= 4) return 'within4h';
  if (hoursLeft <= perDay) return 'withinDay';
  if (hoursLeft <= 3 * perDay) return 'within3Days';
  return 'later';
}

export async function slaBoard(ctx: StatsContext, q: SlaBoardQuery, opts: StatsOptions = defaults, now = new Date()): Promise<SlaBoard> {
  can(ctx.actor, 'feedback:read');
  const scope = await scopeOf(ctx, q.unitId);
  scope.agencyId = q.agencyId;
  const cal = await calendarFor(ctx.db, now, now);
  const perDay = hoursPerDay(opts.officeHours);
  const edges = {
    now,
    in4h: addWorkingHours(cal, now, 4, opts.officeHours),
    inDay: addWorkingHours(cal, now, perDay, opts.officeHours),
    in3Days: addWorkingHours(cal, now, 3 * perDay, opts.officeHours),
  };
  const byAgency = await slaBucketsByAgency(ctx.db, scope, edges);
  const rows = await nextDueReports(ctx.db, scope, q.limit);
  const totals = { overdue: 0, within4h: 0, withinDay: 0, within3Days: 0, later: 0, noDeadline: 0 };
  for (const a of byAgency) for (const k of Object.keys(totals) as SlaBucket[]) totals[k] += a[k];
  const pastCal = rows.length ? await calendarFor(ctx.db, new Date(Math.min(now.getTime(), ...rows.map((r) => dateOf(r.due).getTime()))), edges.in3Days) : cal;
  return {
    asOf: now.toISOString(),
    totals,
    byAgency,
    items: rows.map((r) => {
      const due = dateOf(r.due);
      const hoursLeft = round(workingHoursBetween(pastCal, now, due, opts.officeHours))!;
      // A deadline past by less than a working minute (evenings, weekends) still counts as overdue.
      const bucket = due < now ? 'overdue' : bucketOf(hoursLeft, perDay);
      return {
        id: r.id, trackingCode: r.tracking_code, categoryName: r.cname, state: r.state as ReportState, urgency: r.urgency as Urgency,
        agencyId: r.agency_id, agencyName: r.aname, unitName: r.uname, deadline: r.accepted ? 'resolve' as const : 'accept' as const,
        dueAt: due.toISOString(), hoursLeft, bucket,
      };
    }),
  };
}

type MapPointRow = Awaited<ReturnType<typeof mapPoints>>[number];
const pointFeature = (r: MapPointRow) => ({
  type: 'Feature' as const,
  geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] as [number, number] },
  properties: { id: r.id, category: r.code, state: r.state as ReportState, urgency: r.urgency as Urgency, open: r.open, overdue: r.overdue },
});

async function mapScopeOf(ctx: StatsContext, q: FeedbackMapQuery) {
  can(ctx.actor, 'feedback:read');
  const scope = await scopeOf(ctx, q.unitId);
  scope.agencyId = q.agencyId;
  scope.categoryCode = q.categoryCode;
  return scope;
}

/** Every matching point (up to MAP_POINT_LIMIT): the answer without a viewport. */
export async function feedbackMapPoints(ctx: StatsContext, q: FeedbackMapQuery, now = new Date()): Promise<FeedbackMapPoints> {
  const scope = await mapScopeOf(ctx, q);
  const { window } = windowOf(q, now, 90);
  const rows = await mapPoints(ctx.db, scope, window, q.open === undefined ? undefined : q.open === 'true', now, MAP_POINT_LIMIT + 1);
  return { type: 'FeatureCollection', truncated: rows.length > MAP_POINT_LIMIT, features: rows.slice(0, MAP_POINT_LIMIT).map(pointFeature) };
}

// Grid cells in screen pixels at the asked zoom: a 256-pixel tile spans 360 / 2^zoom degrees of longitude (at
// the province's ~11–12° N a degree of latitude is within 2 % of that on screen, close enough for a grid).
const CLUSTER_CELL_PX = 64;
const HEAT_CELL_PX = 12;
const cellDegrees = (zoom: number, px: number) => (360 / 2 ** zoom) * (px / 256);

/** 'west,south,east,north' → numbers, inside the world and not inverted. */
export function bboxOf(text: string): Bbox {
  const [west, south, east, north] = text.split(',').map(Number) as Bbox;
  if (!(west >= -180 && east <= 180 && south >= -90 && north <= 90)) throw invalid('querystring.bbox', 'outside -180..180, -90..90');
  if (!(west < east && south < north)) throw invalid('querystring.bbox', 'west must be less than east and south less than north');
  return [west, south, east, north];
}

/**
 * The map of one viewport, grouped in the database: clusters (grid cells of `CLUSTER_CELL_PX` on screen, a cell
 * holding one report sent as that report's point) below MAP_POINTS_ZOOM, the points themselves from it, or
 * heatmap cells. Clusters at any count: the map first sent every point while the viewport held at most 1,500,
 * and in a browser a year of the demo's ~1,100 reports was a blot of overlapping dots at province zoom (the open
 * ones hidden under the closed ones, no count anywhere); a cell of one report is drawn as that point anyway.
 * A year of the province at zoom 8 is a few hundred features instead of 60,000 points (docs/feedback.md).
 */
export async function feedbackMapView(ctx: StatsContext, q: FeedbackMapQuery & { bbox: string; zoom: number }, now = new Date()): Promise<FeedbackMapView> {
  const scope = await mapScopeOf(ctx, q);
  const { window } = windowOf(q, now, 90);
  const bbox = bboxOf(q.bbox);
  const open = q.open === undefined ? undefined : q.open === 'true';
  const base = { zoom: q.zoom, truncated: false, maxWeight: 0 };
  if (q.mode === 'heatmap') {
    const cell = cellDegrees(q.zoom, HEAT_CELL_PX);
    const cells = await mapCells(ctx.db, scope, window, open, now, bbox, cell);
    return {
      ...base, mode: 'heatmap', total: cells.reduce((a, c) => a + c.count, 0), cellDegrees: cell, maxWeight: cells.reduce((a, c) => Math.max(a, c.count), 0),
      features: cells.map((c) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [c.lon, c.lat] as [number, number] }, properties: { weight: c.count, overdue: c.overdue } })),
    };
  }
  if (q.zoom >= MAP_POINTS_ZOOM) {
    const rows = await mapPoints(ctx.db, scope, window, open, now, MAP_POINT_LIMIT + 1, bbox);
    return {
      ...base, mode: 'points', total: rows.length > MAP_POINT_LIMIT ? await mapCount(ctx.db, scope, window, open, bbox) : rows.length,
      truncated: rows.length > MAP_POINT_LIMIT, cellDegrees: null, features: rows.slice(0, MAP_POINT_LIMIT).map(pointFeature),
    };
  }
  const cell = cellDegrees(q.zoom, CLUSTER_CELL_PX);
  const cells = await mapCells(ctx.db, scope, window, open, now, bbox, cell);
  const singles = new Map((await mapPointsByIds(ctx.db, cells.flatMap((c) => (c.oneId ? [c.oneId] : [])), now)).map((r) => [r.id, r]));
  const features: FeedbackMapFeature[] = [];
  for (const c of cells) {
    const single = c.oneId ? singles.get(c.oneId) : undefined;
    if (single) features.push(pointFeature(single));
    else features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [c.lon, c.lat] }, properties: { count: c.count, open: c.open, overdue: c.overdue, bounds: c.bounds } });
  }
  return { ...base, mode: 'clusters', total: cells.reduce((a, c) => a + c.count, 0), cellDegrees: cell, features };
}

/** '+84 912.345.678' → '0912345678': the form the lookup compares (stats.queries.ts does the same in SQL). */
export function phoneDigitsOf(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  // '+84…' is the country code however short the number typed so far; a bare 84 only with a full number after it.
  return /^\s*\+84/.test(phone) || /^84\d{9,10}$/.test(digits) ? `0${digits.slice(2)}` : digits;
}

/** A caller's previous reports for the call-center screen: a full number matches exactly, a partial one by its start. */
export async function callerHistory(ctx: StatsContext, q: CallerLookupQuery): Promise<CallerHistory> {
  can(ctx.actor, 'feedback:handle');
  const scope = await scopeOf(ctx, undefined);
  const digits = phoneDigitsOf(q.phone);
  if (digits.length < 4) throw invalid('querystring.phone', 'at least 4 digits');
  const exact = digits.length >= 9;
  const { items, total } = await reportsOfCaller(ctx.db, scope, digits, exact, q.limit);
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))].slice(0, 5);
  return {
    phone: digits, total, exact,
    names: distinct(items.map((r) => r.reporter_name)),
    addresses: distinct(items.map((r) => r.address)),
    items: items.map((r) => ({
      id: r.id, trackingCode: r.tracking_code, createdAt: dateOf(r.created_at).toISOString(), categoryCode: r.code, categoryName: r.cname,
      state: r.state as ReportState, channel: r.channel as ReportChannel, reporterName: r.reporter_name, reporterPhone: r.reporter_phone,
      address: r.address, description: r.description, agencyName: r.aname,
    })),
  };
}

/** The province's communes and wards with their boundaries, for the public page (no sign-in; public data). */
export async function publicPlaces(origin: Omit<RequestContext, 'actor'>, now = new Date()): Promise<PublicPlaces> {
  const today = todayInVietnam(now);
  const province = await currentProvince(origin.db, today);
  if (!province) return { province: null, features: [] };
  const boundaries = await unitBoundaries({ ...origin, actor: systemActor(province) }, { asOf: today, parentId: province.id });
  return {
    province: { id: province.id, name: province.name },
    features: boundaries.features.map((f) => ({ type: 'Feature' as const, id: f.id, geometry: f.geometry, properties: { id: f.properties.id, name: f.properties.name, synthetic: f.properties.synthetic } }))
      .sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'vi')),
  };
}
