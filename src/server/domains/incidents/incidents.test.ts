import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmDetail } from '../../../shared/contracts/alarms.js';
import type { ReportDetail } from '../../../shared/contracts/feedback.js';
import type { IncidentDetail, IncidentPage, IncidentStats } from '../../../shared/contracts/incidents.js';
import { selectRows } from '../../db/client.js';
import { createTestApp, type Agent, type TestApp } from '../../test/test-app.js';
import { raiseSourceAlarm } from '../alarms/alarms.service.js';

let t: TestApp;
let operator: Agent;
beforeAll(async () => {
  t = await createTestApp();
  operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
});
afterAll(async () => { await t?.close(); });

/** A point surely inside the unit: PostGIS's point on the surface of its (synthetic) boundary. */
async function pointIn(unitCode: string): Promise<{ lat: number; lon: number }> {
  const [p] = await selectRows<{ lat: number; lon: number }>(t.database.db,
    sql`SELECT ST_Y(p) AS lat, ST_X(p) AS lon FROM (SELECT ST_PointOnSurface(boundary) AS p FROM units WHERE code = ${unitCode}) s`);
  return { lat: Number(p!.lat), lon: Number(p!.lon) };
}

async function agencyId(code: string): Promise<string> {
  const res = (await (await t.admin()).get(`/api/agencies?q=${encodeURIComponent(code)}&includeEnded=true`)).json() as { items: { id: string; code: string }[] };
  return res.items.find((x) => x.code === code)!.id;
}

let cameraSeq = 0;
async function cameraAlarm(type: string, unitCode: string): Promise<string> {
  const point = await pointIn(unitCode);
  const [unit] = await selectRows<{ path: string }>(t.database.db, sql`SELECT path FROM units WHERE code = ${unitCode}`);
  const r = await t.database.db.transaction((tx) => raiseSourceAlarm(tx, {
    source: { kind: 'camera', id: `cam-inc-${++cameraSeq}`, name: 'Camera ngã tư Sóc Miên', unitPath: unit!.path, ...point },
    type, severity: 'critical', message: { vi: 'Phát hiện tai nạn giao thông', en: 'Traffic accident detected' }, details: { label: 'car', score: 0.91 }, at: new Date(),
  }));
  return r.alarmId;
}

describe('making incidents', () => {
  it('makes an incident of a camera alarm: type, place and severity from the alarm, the alarm linked, and only once', async () => {
    const alarmId = await cameraAlarm('camera.accident', 'DN-new-p-dong-xoai');
    const res = await operator.post('/api/incidents', { fromAlarmId: alarmId });
    expect(res.statusCode, res.body).toBe(201);
    const incident = res.json() as IncidentDetail;
    expect(incident).toMatchObject({ type: 'accident', category: 'traffic', severity: 'critical', status: 'open', unitId: await t.unitId('DN-new-p-dong-xoai'), title: 'Phát hiện tai nạn giao thông' });
    expect(incident.code).toMatch(/^SC-\d{4}-\d{4}$/);
    expect(incident.lon).not.toBeNull();
    expect(incident.sources).toMatchObject([{ kind: 'alarm', refId: alarmId }]);
    expect(incident.events.map((e) => e.kind)).toEqual(['created', 'linked']);
    const alarm = (await operator.get(`/api/alarms/${alarmId}`)).json() as AlarmDetail;
    expect(alarm.incidentId).toBe(incident.id);
    expect(alarm.events.map((e) => e.kind)).toContain('incident');
    expect((await operator.post('/api/incidents', { fromAlarmId: alarmId })).statusCode).toBe(409);
  });

  it('makes an incident of a citizen report about a traffic accident, placed where the report is', async () => {
    const report = (await operator.post('/api/feedback', { categoryCode: 'traffic-accident', description: 'Va chạm giữa xe tải và xe máy trên QL14, đoạn qua phường Đồng Xoài', location: await pointIn('DN-new-p-dong-xoai') })).json() as ReportDetail;
    const res = await operator.post('/api/incidents', { fromReportId: report.id, severity: 'major' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ type: 'accident', severity: 'major', unitPath: report.unitPath, description: report.description, sources: [{ kind: 'report', refId: report.id }] });
    expect((res.json() as IncidentDetail).sources[0]!.label).toContain(report.trackingCode);
  });

  it('refuses a hand-made incident without type, title or place, and one outside the operator’s scope', async () => {
    expect((await operator.post('/api/incidents', { title: 'Cháy' })).statusCode).toBe(400);
    const ward = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-p-dong-xoai' });
    const res = await ward.post('/api/incidents', { type: 'fire', title: 'Cháy kho', unitId: await t.unitId('DN-new-x-bom-bo') });
    expect(res.statusCode).toBe(404);
    const viewer = await t.userAgent({ role: 'leader', scopeCode: '75' });
    expect((await viewer.post('/api/incidents', { type: 'fire', title: 'Cháy kho', unitId: await t.unitId('DN-new-x-bom-bo') })).statusCode).toBe(403);
  });
});

describe('dispatch, acknowledgement and closure', () => {
  it('dispatches agencies who acknowledge for themselves, and closes only with a closure report', async () => {
    const police = await agencyId('DN-CA');
    const construction = await agencyId('DN-SXD');
    const policeOfficer = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-CA' });
    const otherOfficer = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-SXD' });
    const created = (await operator.post('/api/incidents', { type: 'gathering', title: 'Tụ tập đông người trước cổng KCN Đồng Xoài', location: await pointIn('DN-new-p-dong-xoai') })).json() as IncidentDetail;
    expect(created.unitId).toBe(await t.unitId('DN-new-p-dong-xoai'));

    expect((await policeOfficer.post(`/api/incidents/${created.id}/dispatch`, { agencyIds: [police] })).statusCode).toBe(403);
    let res = await operator.post(`/api/incidents/${created.id}/dispatch`, { agencyIds: [police, construction], note: 'Cử lực lượng đến hiện trường' });
    expect(res.statusCode, res.body).toBe(200);
    let detail = res.json() as IncidentDetail;
    expect(detail).toMatchObject({ status: 'dispatched', dispatchCount: 2, acknowledgedCount: 0 });
    const inbox = (await policeOfficer.get('/api/notifications')).json() as { items: { kind: string; link: string }[] };
    expect(inbox.items.filter((n) => n.kind === 'incident').map((n) => n.link)).toEqual([`/operations/incidents/${created.id}`]);

    expect((await otherOfficer.post(`/api/incidents/${created.id}/acknowledge`, { agencyId: police })).statusCode).toBe(403);   // not their agency
    res = await policeOfficer.post(`/api/incidents/${created.id}/acknowledge`, { text: 'Tổ tuần tra 113 đang đến' });
    expect(res.statusCode, res.body).toBe(200);
    detail = res.json() as IncidentDetail;
    expect(detail.dispatches.find((d) => d.agencyId === police)).toMatchObject({ acknowledgedBy: expect.any(String), acknowledgedAt: expect.any(String) });
    expect(detail.dispatches.find((d) => d.agencyId === construction)!.acknowledgedAt).toBeNull();
    expect((await policeOfficer.post(`/api/incidents/${created.id}/acknowledge`, {})).statusCode).toBe(409);
    // The operator records the other agency's acknowledgement received by phone.
    expect((await operator.post(`/api/incidents/${created.id}/acknowledge`, { agencyId: construction })).json()).toMatchObject({ acknowledgedCount: 2 });

    expect((await operator.post(`/api/incidents/${created.id}/status`, { to: 'closed' })).statusCode).toBe(409);
    expect((await policeOfficer.post(`/api/incidents/${created.id}/status`, { to: 'in_progress' })).json()).toMatchObject({ status: 'in_progress' });
    await operator.post(`/api/incidents/${created.id}/notes`, { text: 'Đám đông đã giải tán một phần' });
    expect((await operator.post(`/api/incidents/${created.id}/status`, { to: 'resolved' })).json()).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });
    const noReport = await operator.post(`/api/incidents/${created.id}/status`, { to: 'closed' });
    expect(noReport.statusCode).toBe(400);
    expect(noReport.json()).toMatchObject({ code: 'incident-closure-report-required' });
    res = await operator.post(`/api/incidents/${created.id}/status`, { to: 'closed', closureReport: 'Lực lượng công an đã giải tán đám đông lúc 10:40, không có thiệt hại.' });
    expect(res.statusCode, res.body).toBe(200);
    detail = res.json() as IncidentDetail;
    expect(detail).toMatchObject({ status: 'closed', closureReport: expect.stringContaining('giải tán'), allowedMoves: [] });
    expect(detail.events.map((e) => e.kind)).toEqual([
      'created', 'dispatched', 'dispatched', 'status', 'acknowledged', 'acknowledged', 'status', 'note', 'status', 'status', 'closure-report',
    ]);
    expect((await operator.post(`/api/incidents/${created.id}/notes`, { text: 'x' })).statusCode).toBe(200);   // notes stay possible after closing
    const audit = (await (await t.admin()).get(`/api/audit?entityType=incident&entityId=${created.id}`)).json() as { items: { action: string }[] };
    expect(audit.items.map((a) => a.action)).toContain('incident.dispatch');
  });
});

describe('lists, scope and dashboards', () => {
  it('shows a ward operator only incidents of their ward, and counts by type, unit and hour of day', async () => {
    const ward = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-x-loc-ninh' });
    const at = (h: number) => new Date(Date.UTC(2026, 9, 5, h - 7, 15)).toISOString();   // 5 Oct 2026, h:15 in Vietnam
    const make = async (type: string, unitCode: string, hour: number) => {
      const res = await operator.post('/api/incidents', { type, title: `Sự việc ${type}`, unitId: await t.unitId(unitCode), occurredAt: at(hour) });
      expect(res.statusCode, res.body).toBe(201);
      return (res.json() as IncidentDetail).id;
    };
    const a = await make('congestion', 'DN-new-x-loc-ninh', 7);
    await make('congestion', 'DN-new-x-loc-ninh', 17);
    await make('accident', 'DN-new-x-loc-ninh', 17);
    const elsewhere = await make('fight', 'DN-new-x-bu-dang', 22);

    const list = (await ward.get('/api/incidents?from=2026-10-05T00:00:00%2B07:00&to=2026-10-06T00:00:00%2B07:00')).json() as IncidentPage;
    expect(list.total).toBe(3);
    expect(list.items.map((i) => i.id)).toContain(a);
    expect((await ward.get(`/api/incidents/${elsewhere}`)).statusCode).toBe(404);

    const q = 'from=2026-10-05T00:00:00%2B07:00&to=2026-10-06T00:00:00%2B07:00';
    const all = (await operator.get(`/api/incidents/stats?${q}`)).json() as IncidentStats;
    expect(all.total).toBe(4);
    expect(all.byType.find((x) => x.type === 'congestion')!.count).toBe(2);
    expect(all.byHour[7]).toBe(1);
    expect(all.byHour[17]).toBe(2);
    expect(all.byHour[22]).toBe(1);
    expect(all.byUnit.find((u) => u.unitPath.endsWith('/DN-new-x-loc-ninh/'))).toMatchObject({ count: 3, unitId: await t.unitId('DN-new-x-loc-ninh') });
    const traffic = (await operator.get(`/api/incidents/stats?${q}&category=traffic`)).json() as IncidentStats;
    expect(traffic.total).toBe(3);
    expect(traffic.byType.map((x) => x.type)).toEqual(['accident', 'congestion', 'violation']);
    const wardStats = (await ward.get(`/api/incidents/stats?${q}`)).json() as IncidentStats;
    expect(wardStats.total).toBe(3);
  });
});
