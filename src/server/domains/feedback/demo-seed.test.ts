import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { hasDemoReports, seedDemoReports } from './demo-seed.js';

let t: TestApp;
let seeded: { reports: number; events: number; ratings: number };
const now = new Date('2026-11-20T03:00:00Z');
beforeAll(async () => {
  t = await createTestApp();
  expect(await hasDemoReports(t.database.db)).toBe(false);   // tests' template databases carry none
  seeded = await t.database.db.transaction((tx) => seedDemoReports(tx, { count: 2_000, now }));
});
afterAll(async () => { await t?.close(); });

const one = async <T>(query: ReturnType<typeof sql>) => (await selectRows<T>(t.database.db, query))[0]!;

describe('demo reports', () => {
  it('spreads about the requested number over two years, marked synthetic', async () => {
    expect(seeded.reports).toBeGreaterThan(1_950);
    expect(seeded.reports).toBeLessThanOrEqual(2_000);
    expect(await hasDemoReports(t.database.db)).toBe(true);
    const r = await one<{ n: number; marked: number; first: string; last: string }>(sql`SELECT count(*)::int AS n,
      count(*) FILTER (WHERE tracking_code LIKE 'DM%' AND attributes->>'synthetic' = 'true')::int AS marked,
      min(created_at)::text AS first, max(created_at)::text AS last FROM reports`);
    expect(r.marked).toBe(r.n);
    expect(r.n).toBe(seeded.reports);
    expect(new Date(r.first).getTime()).toBeLessThan(now.getTime() - 725 * 86_400_000);
    expect(new Date(r.last).getTime()).toBeLessThan(now.getTime());
    expect(new Date(r.last).getTime()).toBeGreaterThan(now.getTime() - 2 * 86_400_000);
  });

  it('comes mostly by phone, then the other channels, across every category', async () => {
    const channels = await selectRows<{ channel: string; n: number }>(t.database.db, sql`SELECT channel, count(*)::int AS n FROM reports GROUP BY channel ORDER BY n DESC`);
    expect(channels[0]!.channel).toBe('phone');
    expect(channels.map((c) => c.channel).sort()).toEqual(['email', 'facebook', 'open311', 'phone', 'web', 'zalo']);
    const categories = await one<{ n: number; all: number }>(sql`SELECT count(DISTINCT category_id)::int AS n, (SELECT count(*)::int FROM report_categories WHERE active) AS all FROM reports`);
    expect(categories.n).toBe(categories.all);
  });

  it('places every report inside a unit valid on its day: Bình Phước communes before the merger, Đồng Nai after', async () => {
    const r = await one<{ outside: number; invalid: number; old: number; merged: number }>(sql`SELECT
      count(*) FILTER (WHERE NOT ST_Covers(u.boundary, r.location))::int AS outside,
      count(*) FILTER (WHERE u.valid_from > (r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
        OR (u.valid_to IS NOT NULL AND u.valid_to <= (r.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date))::int AS invalid,
      count(*) FILTER (WHERE r.unit_path LIKE '/VN/70/%')::int AS old, count(*) FILTER (WHERE r.unit_path LIKE '/VN/75/%')::int AS merged
      FROM reports r JOIN units u ON u.id = r.unit_id`);
    expect(r).toMatchObject({ outside: 0, invalid: 0 });
    expect(r.old).toBeGreaterThan(0);
    expect(r.merged).toBeGreaterThan(0);
  });

  it('keeps timelines consistent with the states and the SLA, some late, some handed back', async () => {
    const r = await one<Record<string, number>>(sql`SELECT
      count(*) FILTER (WHERE accept_due_at > resolve_due_at OR accept_due_at < created_at)::int AS bad_due,
      count(*) FILTER (WHERE accepted_at < created_at OR resolved_at < accepted_at OR closed_at < created_at)::int AS bad_order,
      count(*) FILTER (WHERE state IN ('resolved', 'closed_not_fixed', 'duplicate', 'rejected', 'cancelled') AND closed_at IS NULL)::int AS closed_without_time,
      count(*) FILTER (WHERE state NOT IN ('resolved', 'closed_not_fixed', 'duplicate', 'rejected', 'cancelled') AND closed_at IS NOT NULL)::int AS open_with_time,
      count(*) FILTER (WHERE state = 'resolved' AND (resolved_at IS NULL OR accepted_at IS NULL OR public_answer IS NULL OR agency_id IS NULL))::int AS bad_resolved,
      count(*) FILTER (WHERE state IN ('in_progress', 'action_scheduled') AND accepted_at IS NULL)::int AS bad_progress,
      count(*) FILTER (WHERE state = 'duplicate' AND duplicate_of_id IS NULL)::int AS bad_duplicate,
      count(*) FILTER (WHERE state = 'resolved')::int AS resolved,
      count(*) FILTER (WHERE state = 'resolved' AND resolved_at > resolve_due_at)::int AS late,
      count(*) FILTER (WHERE state NOT IN ('resolved', 'closed_not_fixed', 'duplicate', 'rejected', 'cancelled'))::int AS open,
      (SELECT count(DISTINCT report_id)::int FROM report_events WHERE kind = 'returned') AS handed_back,
      (SELECT count(*)::int FROM reports r WHERE NOT EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.kind = 'created' AND e.at = r.created_at)) AS without_created
      FROM reports`);
    expect(r).toMatchObject({ bad_due: 0, bad_order: 0, closed_without_time: 0, open_with_time: 0, bad_resolved: 0, bad_progress: 0, bad_duplicate: 0, without_created: 0 });
    expect(r.resolved! / seeded.reports).toBeGreaterThan(0.8);
    expect(r.late! / r.resolved!).toBeGreaterThan(0.05);
    expect(r.late! / r.resolved!).toBeLessThan(0.3);
    expect(r.open).toBeGreaterThan(0);
    expect(r.handed_back).toBeGreaterThan(0);
  });

  it('rates some closures, from 1 to 5, by the agency that handled them', async () => {
    const r = await one<{ n: number; bad: number; avg: number }>(sql`SELECT count(*)::int AS n,
      count(*) FILTER (WHERE rt.score NOT BETWEEN 1 AND 5 OR r.state NOT IN ('resolved', 'closed_not_fixed') OR rt.closed_at <> r.closed_at OR rt.agency_id IS DISTINCT FROM r.agency_id)::int AS bad,
      avg(rt.score)::float AS avg FROM report_ratings rt JOIN reports r ON r.id = rt.report_id`);
    expect(r.n).toBe(seeded.ratings);
    expect(r.n).toBeGreaterThan(200);
    expect(r.bad).toBe(0);
    expect(r.avg).toBeGreaterThan(3);
    expect(r.avg).toBeLessThan(4.8);
  });

  it('shows demo reports on the public status page like any other', async () => {
    const [row] = await selectRows<{ code: string }>(t.database.db, sql`SELECT tracking_code AS code FROM reports WHERE state = 'resolved' LIMIT 1`);
    const res = await t.app.inject({ method: 'GET', url: `/api/public/reports/${row!.code}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ trackingCode: row!.code, state: 'resolved', isOpen: false });
  });
});
