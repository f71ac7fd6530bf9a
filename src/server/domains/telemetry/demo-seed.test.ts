// The demo's traffic counters on roads: a demo database seeded before road segments gets them on the next start.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoadStatusList } from '../../../shared/contracts/road-status.js';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { topUpDemoRoadSegments } from './demo-seed.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

const roadStatus = async () => ((await (await t.admin()).get('/api/telemetry/road-status')).json() as RoadStatusList).items;

describe('the demo seed on an existing demo database', () => {
  it('gives demo traffic counters seeded without road segments their segments, once', async () => {
    const before = await roadStatus();
    expect(before.length).toBeGreaterThan(10);
    // As an older demo stored them: no segment in the metadata, named after a commune road.
    await t.database.db.execute(sql`UPDATE devices SET metadata = metadata - 'roadSegment', name = name || ' (cũ)' WHERE metadata ? 'roadSegment'`);
    expect(await roadStatus()).toEqual([]);

    expect(await topUpDemoRoadSegments(t.database.db)).toBe(before.length);
    const after = await roadStatus();
    expect(after.map((s) => s.deviceId).sort()).toEqual(before.map((s) => s.deviceId).sort());
    const names = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM devices WHERE name LIKE '% (cũ)'`);
    expect(names[0]?.n).toBe(0);
    expect(await topUpDemoRoadSegments(t.database.db)).toBe(0);   // a second start changes nothing
  });

  it('leaves devices that are not demo devices alone', async () => {
    const [counter] = await roadStatus();
    await t.database.db.execute(sql`UPDATE devices SET metadata = (metadata - 'roadSegment') || '{"synthetic": false}'::jsonb WHERE id = ${counter!.deviceId}`);
    expect(await topUpDemoRoadSegments(t.database.db)).toBe(0);
    expect((await roadStatus()).map((s) => s.deviceId)).not.toContain(counter!.deviceId);
  });
});
