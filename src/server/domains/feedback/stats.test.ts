import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallerHistory, FeedbackDashboard, FeedbackMapPoints, FeedbackMapView, PublicPlaces, SlaBoard } from '../../../shared/contracts/feedback-stats.js';
import type { ReportDetail } from '../../../shared/contracts/feedback.js';
import { systemActor } from '../../core/auth.js';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { makeWorkingCalendar } from '../calendar/working-days.js';
import { DEFAULT_OFFICE_HOURS, workingHoursBetween } from '../calendar/working-hours.js';
import { bucketOf, median, phoneDigitsOf, workingClock } from './stats.js';
import { mapCells } from './stats.queries.js';

let t: TestApp;
// Two wards of their own, so that whatever else the template holds (demo reports) is not counted.
let wardA = '';
let wardB = '';
const box = (x: number, y: number) => ({ type: 'MultiPolygon', coordinates: [[[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01], [x, y]]]] });

beforeAll(async () => {
  // Sessions outlive the clock moved to 2027 below.
  t = await createTestApp({ env: { IOC_SESSION_HOURS: '200000' } });
  const admin = await t.admin();
  const province = await t.unitId('75');
  for (const [code, name, x] of [['H4-STATS-A', 'Phường Thống Kê A', 107.5], ['H4-STATS-B', 'Xã Thống Kê B', 107.6]] as const) {
    const res = await admin.post('/api/units', { code, name, type: 'ward', parentId: province, validFrom: '2026-01-01', boundary: box(x, 11.9), isBoundarySynthetic: true });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
  wardA = await t.unitId('H4-STATS-A');
  wardB = await t.unitId('H4-STATS-B');
});
afterAll(async () => { await t?.close(); });
afterEach(() => { vi.useRealTimers(); });

const at = (local: string) => vi.setSystemTime(new Date(`${local}+07:00`));

describe('the dashboard figures', () => {
  it('counts a week of reports by day, channel, category and ward, with working-hour medians and on-time rates', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    vi.useFakeTimers({ toFake: ['Date'] });
    // Monday 1 March 2027, 08:00: a roads report by phone in ward A, accepted at 10:00 (2 working hours), resolved Tuesday 08:00.
    at('2027-03-01T08:00:00');
    const roads = (await operator.post('/api/feedback', { categoryCode: 'roads', description: 'Ổ gà', address: 'Đường số 1', unitId: wardA })).json() as ReportDetail;
    const officer = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-SXD' });
    expect(roads.agencyId).not.toBeNull();
    at('2027-03-01T10:00:00');
    expect((await officer.post(`/api/feedback/${roads.id}/transition`, { to: 'in_progress' })).statusCode).toBe(200);
    at('2027-03-02T08:00:00');
    expect((await officer.post(`/api/feedback/${roads.id}/transition`, { to: 'resolved' })).statusCode).toBe(200);
    // Tuesday: an e-mail report in ward B (to the operator queue), and a lighting report in ward A accepted late.
    const other = (await operator.post('/api/feedback', { categoryCode: 'other', description: 'Góp ý', unitId: wardB, channel: 'email' })).json() as ReportDetail;
    expect(other.agencyId).toBeNull();
    const lighting = (await operator.post('/api/feedback', { categoryCode: 'public-lighting', description: 'Đèn tắt', unitId: wardA })).json() as ReportDetail;
    at('2027-03-03T08:00:00');   // due Tuesday 14:00: accepted late, 7.5 working hours after receipt
    expect((await officer.post(`/api/feedback/${lighting.id}/transition`, { to: 'in_progress' })).statusCode).toBe(200);
    at('2027-03-05T12:00:00');

    const res = await operator.get(`/api/feedback/stats/dashboard?from=2027-03-01&to=2027-03-05&unitId=${await t.unitId('75')}`);
    expect(res.statusCode, res.body).toBe(200);
    const wide = res.json() as FeedbackDashboard;
    const a = (await operator.get(`/api/feedback/stats/dashboard?from=2027-03-01&to=2027-03-05&unitId=${wardA}`)).json() as FeedbackDashboard;
    expect(a.unit).toEqual({ id: wardA, name: 'Phường Thống Kê A' });
    expect(a.totals).toMatchObject({ received: 2, accepted: 2, resolved: 1, open: 1 });
    // Acceptance: 2 h (roads) and Tue 08:00 → Wed 08:00 = 7.5 h (lighting); resolution 7.5 h (Mon 08:00 → Tue 08:00).
    expect(a.totals.medianAcceptHours).toBe(4.75);
    expect(a.totals.medianResolveHours).toBe(7.5);
    expect(a.totals.acceptOnTimeRate).toBe(0.5);
    expect(a.totals.resolveOnTimeRate).toBe(1);
    expect(a.byDay.map((d) => [d.date, d.total])).toEqual([['2027-03-01', 1], ['2027-03-02', 1], ['2027-03-03', 0], ['2027-03-04', 0], ['2027-03-05', 0]]);
    expect(a.byDay[0]!.byChannel.phone).toBe(1);
    expect(a.byCategory.map((c) => [c.key, c.count]).sort()).toEqual([['public-lighting', 1], ['roads', 1]]);
    expect(a.topIssues[0]).toMatchObject({ unitId: wardA, unitName: 'Phường Thống Kê A', count: 1 });

    // The province view splits by ward; the two test wards carry exactly their reports.
    expect(wide.byUnit.find((u) => u.key === wardA)?.count).toBe(2);
    expect(wide.byUnit.find((u) => u.key === wardB)?.count).toBe(1);
    expect(wide.byChannel.find((c) => c.key === 'email')?.count).toBeGreaterThanOrEqual(1);

    // An agency officer counts only its agency's reports: the operator-queue report of ward B is not theirs.
    const own = (await officer.get(`/api/feedback/stats/dashboard?from=2027-03-01&to=2027-03-05&unitId=${wardB}`)).json() as FeedbackDashboard;
    expect(own.totals.received).toBe(0);
  });

  it('counts the citizens’ satisfaction ratings given in the window', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const officer = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-SXD' });
    const sxd = ((await (await t.admin()).get('/api/agencies?q=DN-SXD')).json() as { items: { id: string; code: string }[] }).items.find((x) => x.code === 'DN-SXD')!.id;
    const before = (await operator.get(`/api/feedback/stats/dashboard?unitId=${wardB}`)).json() as FeedbackDashboard;
    expect(before.satisfaction).toMatchObject({ ratings: 0, average: null });
    for (const score of [4, 5]) {
      const created = await t.app.inject({ method: 'POST', url: '/api/public/reports', payload: { categoryCode: 'other', description: 'Góp ý', unitId: wardB }, remoteAddress: '203.0.113.77' });
      expect(created.statusCode, created.body).toBe(201);
      const { trackingCode, reporterKey } = created.json() as { trackingCode: string; reporterKey: string };
      const id = ((await operator.get(`/api/feedback?q=${trackingCode}`)).json() as { items: { id: string }[] }).items[0]!.id;
      expect((await operator.post(`/api/feedback/${id}/assign`, { agencyId: sxd })).statusCode).toBe(200);
      expect((await officer.post(`/api/feedback/${id}/transition`, { to: 'resolved' })).statusCode).toBe(200);
      const rated = await t.app.inject({ method: 'POST', url: `/api/public/reports/${trackingCode}/rating`, payload: { key: reporterKey, score } });
      expect(rated.statusCode, rated.body).toBe(200);
    }
    // The public rating publishes through the hub: the cached dashboard drops when the event is dispatched.
    await expect.poll(async () => ((await operator.get(`/api/feedback/stats/dashboard?unitId=${wardB}`)).json() as FeedbackDashboard).satisfaction?.ratings).toBe(2);
    const after = (await operator.get(`/api/feedback/stats/dashboard?unitId=${wardB}`)).json() as FeedbackDashboard;
    expect(after.satisfaction).toEqual({
      ratings: 2, average: 4.5,
      distribution: [{ rating: 1, count: 0 }, { rating: 2, count: 0 }, { rating: 3, count: 0 }, { rating: 4, count: 1 }, { rating: 5, count: 1 }],
    });
  });

  it('hides units outside the caller’s scope and refuses a window over a year', async () => {
    const local = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-p-dong-xoai' });
    expect((await local.get(`/api/feedback/stats/dashboard?unitId=${wardA}`)).statusCode).toBe(404);
    expect((await local.get('/api/feedback/stats/dashboard?from=2025-01-01&to=2026-06-01')).statusCode).toBe(400);
    const viewer = await t.userAgent({ role: 'viewer', scopeCode: '75' });
    expect((await viewer.get('/api/feedback/stats/dashboard')).statusCode).toBe(403);
  });
});

describe('the SLA board', () => {
  it('puts an open report in the bucket of the working time left to its next deadline, and overdue once it passes', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    vi.useFakeTimers({ toFake: ['Date'] });
    at('2027-04-05T08:00:00');   // Monday
    const r = (await operator.post('/api/feedback', { categoryCode: 'other', description: 'Hỏi thủ tục', unitId: wardB, urgency: 'normal' })).json() as ReportDetail;
    const board = async () => (await operator.get(`/api/feedback/stats/sla?unitId=${wardB}&agencyId=none`)).json() as SlaBoard;
    const first = await board();
    const item = first.items.find((i) => i.id === r.id);
    expect(item).toMatchObject({ deadline: 'accept', hoursLeft: 4, bucket: 'within4h' });
    expect(first.byAgency.find((a) => a.agencyId === null)?.within4h).toBeGreaterThanOrEqual(1);

    at('2027-04-05T15:30:00');   // the 4 working hours ran out at 14:00 (lunch does not count): 1.5 hours overdue
    const later = await board();
    expect(later.items.find((i) => i.id === r.id)).toMatchObject({ bucket: 'overdue', hoursLeft: -1.5 });
    expect(later.totals.overdue).toBeGreaterThanOrEqual(1);

    // Accepted: the next deadline is the resolution (37.5 working hours from receipt, 32 left).
    const agencies = (await (await t.admin()).get('/api/agencies?q=DN-SXD')).json() as { items: { id: string; code: string }[] };
    expect((await operator.post(`/api/feedback/${r.id}/assign`, { agencyId: agencies.items.find((x) => x.code === 'DN-SXD')!.id })).statusCode).toBe(200);
    const officer = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-SXD' });
    await officer.post(`/api/feedback/${r.id}/transition`, { to: 'in_progress' });
    const accepted = (await operator.get(`/api/feedback/stats/sla?unitId=${wardB}`)).json() as SlaBoard;
    expect(accepted.items.find((i) => i.id === r.id)).toMatchObject({ deadline: 'resolve', hoursLeft: 32, bucket: 'later' });
  });

  it('buckets working hours left: overdue, 4 h, a day, three days, later', () => {
    expect([-0.1, 0, 4, 4.5, 7.5, 8, 22.5, 23, null].map((h) => bucketOf(h, 7.5)))
      .toEqual(['overdue', 'within4h', 'within4h', 'withinDay', 'withinDay', 'within3Days', 'within3Days', 'later', 'noDeadline']);
  });
});

describe('the map points', () => {
  it('answers anonymised points of located reports only: no reporter, no text', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const created = (await operator.post('/api/feedback', {
      categoryCode: 'environment', description: 'Khói bụi — Nguyễn Văn Bí mật 0909 000 111', unitId: wardA,
      location: { lat: 11.905123456, lon: 107.505987654 }, reporter: { name: 'Nguyễn Văn Bí Mật', phone: '0909000111' },
    })).json() as ReportDetail;
    await operator.post('/api/feedback', { categoryCode: 'environment', description: 'Không có vị trí', unitId: wardA });
    const res = await operator.get(`/api/feedback/stats/map?unitId=${wardA}&open=true`);
    expect(res.statusCode, res.body).toBe(200);
    const points = res.json() as FeedbackMapPoints;
    expect(points.features).toHaveLength(1);
    expect(points.features[0]).toEqual({
      type: 'Feature', geometry: { type: 'Point', coordinates: [107.506, 11.9051] },
      properties: { id: created.id, category: 'environment', state: created.state, urgency: 'normal', open: true, overdue: false },
    });
    expect(res.body).not.toContain('Bí');
    expect(res.body).not.toContain('0909');
  });
});

describe('the map of a viewport', () => {
  const provinceActor = async () => {
    const [u] = await selectRows<{ id: string; name: string; path: string }>(t.database.db, sql`SELECT id, name, path FROM units WHERE id = ${await t.unitId('75')}`);
    return systemActor(u!);
  };
  const wardPath = async (id: string) => (await selectRows<{ path: string }>(t.database.db, sql`SELECT path FROM units WHERE id = ${id}`))[0]!.path;
  // Ward B's box is 107.6–107.61 × 11.9–11.91; these reports sit in its south-west and north-east corners.
  const wardBBox = '107.59,11.89,107.62,11.92';
  beforeAll(async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const place = async (lon: number, lat: number, n: number) => {
      for (let i = 0; i < n; i++) {
        const res = await operator.post('/api/feedback', {
          categoryCode: 'roads', description: `Ổ gà số ${i} — Lê Văn Riêng Tư 0912 345 678`, unitId: wardB,
          location: { lat: lat + i * 0.0001, lon: lon + i * 0.0001 }, reporter: { name: 'Lê Văn Riêng Tư', phone: '0912345678' },
        });
        if (res.statusCode !== 201) throw new Error(res.body);
      }
    };
    await place(107.601, 11.901, 3);
    await place(107.609, 11.909, 2);
  });

  it('answers the anonymised points themselves when zoomed in, without reporter or text', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const res = await operator.get(`/api/feedback/stats/map?unitId=${wardB}&open=true&bbox=${wardBBox}&zoom=16`);
    expect(res.statusCode, res.body).toBe(200);
    const points = res.json() as FeedbackMapView;
    expect(points.mode).toBe('points');
    expect(points.total).toBe(5);
    expect(points.features.map((f) => f.geometry.coordinates).sort()).toEqual([[107.601, 11.901], [107.6011, 11.9011], [107.6012, 11.9012], [107.609, 11.909], [107.6091, 11.9091]]);
    expect(res.body).not.toContain('Riêng');
    expect(res.body).not.toContain('0912');
  });

  it('groups the viewport on a grid in the database and says which cell holds a single report', async () => {
    const scope = { scopePath: (await provinceActor()).scopePath, unitPath: await wardPath(wardB) };
    // 0.005° cells: the three south-west reports share a cell, the two north-east ones another.
    const cells = await mapCells(t.database.db, scope, { from: new Date('2000-01-01'), to: new Date('2100-01-01') }, true, new Date(), [107.59, 11.89, 107.62, 11.92], 0.005);
    const byCount = cells.sort((a, b) => b.count - a.count);
    expect(byCount.map((c) => [c.count, c.open])).toEqual([[3, 3], [2, 2]]);
    expect(byCount[0]).toMatchObject({ lon: 107.6011, lat: 11.9011, bounds: [107.601, 11.901, 107.6012, 11.9012], oneId: null });
    const fine = await mapCells(t.database.db, scope, { from: new Date('2000-01-01'), to: new Date('2100-01-01') }, true, new Date(), [107.59, 11.89, 107.62, 11.92], 0.00005);
    expect(fine).toHaveLength(5);
    expect(fine.every((c) => c.count === 1 && typeof c.oneId === 'string')).toBe(true);
  });

  it('clusters a viewport below street zoom however few reports it holds, and a closer zoom splits a cluster into ones that add up to it', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const viewAt = async (zoom: number) => (await operator.get(`/api/feedback/stats/map?unitId=${wardB}&open=true&bbox=${wardBBox}&zoom=${zoom}`)).json() as FeedbackMapView;
    const view = await viewAt(12);
    expect(view.mode).toBe('clusters');
    expect(view.total).toBe(5);
    // At zoom 12 a 64-pixel cell is ~0.088°: one cluster of all five, whose click target is their extent.
    expect(view.features).toEqual([{ type: 'Feature', geometry: { type: 'Point', coordinates: [107.6043, 11.9043] }, properties: { count: 5, open: 5, overdue: 0, bounds: [107.601, 11.901, 107.6091, 11.9091] } }]);
    // At zoom 14 (~0.0055° cells) the corners fall apart: three and two, still five in all.
    const closer = await viewAt(14);
    expect(closer.mode).toBe('clusters');
    expect(closer.features.map((f) => ('count' in f.properties ? f.properties.count : 1)).sort()).toEqual([2, 3]);
    expect(closer.total).toBe(5);
    expect(closer.features.every((f) => 'bounds' in f.properties && f.properties.bounds[0] <= f.geometry.coordinates[0] && f.geometry.coordinates[0] <= f.properties.bounds[2])).toBe(true);
    expect(JSON.stringify(closer)).not.toContain('Riêng');
  });

  it('sends a cell holding one report as that report’s point, which the map opens', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    // A box around the north-east corner: its two reports share a cell. A box around one of them: its point.
    const ne = (await operator.get(`/api/feedback/stats/map?unitId=${wardB}&open=true&bbox=107.6085,11.9085,107.6095,11.9095&zoom=14`)).json() as FeedbackMapView;
    expect(ne.mode).toBe('clusters');
    expect(ne.features).toHaveLength(1);
    const [cluster] = ne.features;
    expect(cluster!.properties).toMatchObject({ count: 2 });
    const narrow = (await operator.get(`/api/feedback/stats/map?unitId=${wardB}&open=true&bbox=107.6089,11.9089,107.6090,11.9090&zoom=14`)).json() as FeedbackMapView;
    expect(narrow.total).toBe(1);
    expect(narrow.features).toEqual([{ type: 'Feature', geometry: { type: 'Point', coordinates: [107.609, 11.909] }, properties: expect.objectContaining({ id: expect.any(String), category: 'roads', open: true }) }]);
  });

  it('answers weighted heatmap cells, and refuses a half or inverted viewport', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const res = await operator.get(`/api/feedback/stats/map?unitId=${wardB}&open=true&bbox=${wardBBox}&zoom=8&mode=heatmap`);
    expect(res.statusCode, res.body).toBe(200);
    const heat = res.json() as FeedbackMapView;
    expect(heat.mode).toBe('heatmap');
    // At zoom 8 a 12-pixel heat cell is ~0.066°: the five reports weigh on one cell at their mean position.
    expect(heat.features).toEqual([{ type: 'Feature', geometry: { type: 'Point', coordinates: [107.6043, 11.9043] }, properties: { weight: 5, overdue: 0 } }]);
    expect(heat.maxWeight).toBe(5);
    expect((await operator.get(`/api/feedback/stats/map?unitId=${wardB}&zoom=14`)).statusCode).toBe(400);
    expect((await operator.get(`/api/feedback/stats/map?unitId=${wardB}&zoom=14&bbox=107.62,11.89,107.59,11.92`)).statusCode).toBe(400);
  });

  it('keeps the answer without a viewport as it was: every point', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const res = await operator.get(`/api/feedback/stats/map?unitId=${wardB}&open=true`);
    const all = res.json() as FeedbackMapPoints;
    expect(all.type).toBe('FeatureCollection');
    expect(all.features.filter((f) => f.properties.category === 'roads' && f.geometry.coordinates[1] >= 11.9)).toHaveLength(5);
  });
});

describe('the caller lookup', () => {
  it('finds a caller’s previous reports by number however it was written, for call-center staff only', async () => {
    const agent = await t.userAgent({ role: 'call_center_agent', scopeCode: '75' });
    await agent.post('/api/feedback', { categoryCode: 'water-supply', description: 'Mất nước', unitId: wardA, address: '12 Lê Lợi', reporter: { name: 'Trần Thị Gọi', phone: '+84 977.123.456' } });
    await agent.post('/api/feedback', { categoryCode: 'roads', description: 'Đường hỏng', unitId: wardB, reporter: { name: 'Trần Thị Gọi', phone: '0977-123-456' } });
    await agent.post('/api/feedback', { categoryCode: 'roads', description: 'Người khác', unitId: wardB, reporter: { name: 'Người khác', phone: '0977123999' } });

    const exact = (await agent.get('/api/feedback/stats/callers?phone=0977123456')).json() as CallerHistory;
    expect(exact).toMatchObject({ phone: '0977123456', exact: true, total: 2, names: ['Trần Thị Gọi'], addresses: ['12 Lê Lợi'] });
    expect(exact.items.map((i) => i.categoryCode)).toEqual(['roads', 'water-supply']);   // newest first

    const partial = (await agent.get(`/api/feedback/stats/callers?phone=${encodeURIComponent('+84977123')}`)).json() as CallerHistory;
    expect(partial).toMatchObject({ phone: '0977123', exact: false, total: 3 });

    const leader = await t.userAgent({ role: 'leader', scopeCode: '75' });
    expect((await leader.get('/api/feedback/stats/callers?phone=0977123456')).statusCode).toBe(403);
    // Outside the caller's scope the reports do not exist.
    const elsewhere = await t.userAgent({ role: 'call_center_agent', scopeCode: 'DN-new-p-dong-xoai' });
    expect(((await elsewhere.get('/api/feedback/stats/callers?phone=0977123456')).json() as CallerHistory).total).toBe(0);
    expect((await agent.get('/api/feedback/stats/callers?phone=12')).statusCode).toBe(400);
  });

  it('reads +84 as a leading 0 and ignores separators', () => {
    expect(phoneDigitsOf('+84 912.345.678')).toBe('0912345678');
    expect(phoneDigitsOf('0912-345-678')).toBe('0912345678');
    expect(phoneDigitsOf('84123')).toBe('84123');
    expect(phoneDigitsOf('+84 977 12')).toBe('097712');
  });

  it('reads the same working hours off the precomputed clock as workingHoursBetween, across nights, weekends and holidays', () => {
    const cal = makeWorkingCalendar([{ day: '2026-09-01', kind: 'holiday' }, { day: '2026-09-02', kind: 'holiday' }, { day: '2026-08-29', kind: 'working_day' }]);
    const from = Date.parse('2026-08-20T00:00:00+07:00');
    const to = Date.parse('2026-09-20T00:00:00+07:00');
    const clock = workingClock(cal, DEFAULT_OFFICE_HOURS, from, to);
    let seed = 7;
    const random = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
    for (let k = 0; k < 500; k++) {
      const a = from + random() * (to - from);
      const b = a + random() * (to - a);
      expect(clock(b) - clock(a)).toBeCloseTo(workingHoursBetween(cal, new Date(a), new Date(b)), 6);
    }
  });

  it('takes the middle of an even list as the mean of the two middle values', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});

describe('the public page’s places', () => {
  it('lists the province’s wards and communes with boundaries, without signing in', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/public/feedback/places' });
    expect(res.statusCode, res.body).toBe(200);
    const places = res.json() as PublicPlaces;
    expect(places.province?.name).toMatch(/Đồng Nai/);
    expect(places.features.find((f) => f.properties.id === wardA)?.properties.name).toBe('Phường Thống Kê A');
    expect(places.features.length).toBeGreaterThan(10);
  });
});
