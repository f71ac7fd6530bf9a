import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoadStatusList } from '../../../shared/contracts/road-status.js';
import { createTestApp, type Agent, type TestApp } from '../../test/test-app.js';
import { roadStatusOf } from './road-status.js';

let t: TestApp;
let admin: Agent;
beforeAll(async () => { t = await createTestApp(); admin = await t.admin(); });
afterAll(async () => { await t?.close(); });

const segment = (road: string) => ({
  road, freeFlowSpeed: 60, lanes: 4, geometry: { type: 'LineString', coordinates: [[106.85, 11.52], [106.86, 11.525]] },
});

async function counter(id: string, unit: string, metadata: Record<string, unknown>): Promise<void> {
  const res = await admin.post('/api/telemetry/devices', { id, type: 'traffic-counter', name: `Điểm đếm ${id}`, unitId: await t.unitId(unit), lon: 106.855, lat: 11.522, metadata });
  expect(res.statusCode, res.body).toBe(201);
}

describe('road status', () => {
  it('grades speed against free flow: free, slow, congested, stopped, and no data when the reading is stale', () => {
    const now = new Date('2026-11-25T10:00:00Z');
    const at = new Date(now.getTime() - 60_000);
    const grade = (v: number) => roadStatusOf({ value: v, at }, 60, now, 15 * 60_000).status;
    expect([grade(50), grade(42), grade(30), grade(24), grade(23), grade(9), grade(8)]).toEqual(['free', 'free', 'slow', 'slow', 'congested', 'congested', 'stopped']);
    expect(roadStatusOf({ value: 50, at: new Date(now.getTime() - 16 * 60_000) }, 60, now, 15 * 60_000).status).toBe('no-data');
    expect(roadStatusOf(undefined, 60, now, 15 * 60_000).status).toBe('no-data');
  });

  it('answers each segment in the caller’s scope with its latest speed, intensity and status', async () => {
    await counter('rs-dong-xoai-1', 'DN-new-p-dong-xoai', { roadSegment: segment('Quốc lộ 14') });
    await counter('rs-dong-xoai-2', 'DN-new-p-dong-xoai', { roadSegment: segment('Đường tỉnh 741') });
    await counter('rs-no-segment', 'DN-new-p-dong-xoai', {});
    await counter('rs-loc-ninh-1', 'DN-new-x-loc-ninh', { roadSegment: segment('Quốc lộ 13') });
    const at = new Date(Date.now() - 30_000);
    const sent = await admin.post('/api/telemetry/readings', { readings: [
      { deviceId: 'rs-dong-xoai-1', ts: at.toISOString(), values: { averageVehicleSpeed: 21, intensity: 180, occupancy: 82 } },
      { deviceId: 'rs-loc-ninh-1', ts: at.toISOString(), values: { averageVehicleSpeed: 55, intensity: 60 } },
    ] });
    expect(sent.statusCode, sent.body).toBe(200);

    const operator = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-p-dong-xoai' });
    const res = await operator.get('/api/telemetry/road-status');
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as RoadStatusList;
    const mine = list.items.filter((s) => s.deviceId.startsWith('rs-'));
    expect(mine.map((s) => s.deviceId).sort()).toEqual(['rs-dong-xoai-1', 'rs-dong-xoai-2']);
    expect(mine.find((s) => s.deviceId === 'rs-dong-xoai-1')).toMatchObject({
      road: 'Quốc lộ 14', speed: 21, intensity: 180, occupancy: 82, status: 'congested', speedRatio: 0.35, at: at.toISOString(),
      geometry: { type: 'LineString' },
    });
    expect(mine.find((s) => s.deviceId === 'rs-dong-xoai-2')).toMatchObject({ status: 'no-data', speed: null, at: null });

    const all = ((await admin.get('/api/telemetry/road-status')).json() as RoadStatusList).items;
    expect(all.find((s) => s.deviceId === 'rs-loc-ninh-1')).toMatchObject({ status: 'free', speed: 55 });
  });

});
