import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmDetail, AlarmPage, AlarmRoute, AlarmRule } from '../../../shared/contracts/alarms.js';
import { createTestApp, type Agent, type TestApp } from '../../test/test-app.js';
import { withoutDemoAlarmRules } from './alarms.test-setup.js';
import { evaluateAlarmRules } from './evaluator.js';

let t: TestApp;
let admin: Agent;
const MIN = 60_000;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.admin();
  await withoutDemoAlarmRules(admin);
});
afterAll(async () => { await t?.close(); });

const evaluate = (now: Date) => evaluateAlarmRules(t.database.db, now);
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MIN);

async function device(id: string, unit: string): Promise<string> {
  const res = await admin.post('/api/telemetry/devices', { id, type: 'water-level', name: `Trạm ${id}`, unitId: await t.unitId(unit), lon: 106.6, lat: 11.83 });
  expect(res.statusCode, res.body).toBe(201);
  return id;
}

async function route(body: Record<string, unknown>): Promise<AlarmRoute> {
  const res = await admin.post('/api/alarm-routes', { channel: 'in-app', groupWaitSeconds: 0, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as AlarmRoute;
}

async function alarmOf(ruleId: string, deviceId: string): Promise<AlarmDetail> {
  const page = (await admin.get(`/api/alarms?ruleId=${ruleId}`)).json() as AlarmPage;
  const found = page.items.find((a) => a.source.id === deviceId);
  expect(found).toBeDefined();
  return (await admin.get(`/api/alarms/${found!.id}`)).json() as AlarmDetail;
}

describe('escalation of unacknowledged alarms', () => {
  it('refuses a route with an escalation delay but no target', async () => {
    const res = await admin.post('/api/alarm-routes', { name: 'Nửa chừng', unitId: await t.unitId('75'), minSeverity: 'major', channel: 'in-app', escalateAfterMinutes: 10 });
    expect(res.statusCode).toBe(400);
  });

  it('escalates an alarm nobody acknowledged after N minutes, once, to the leader, and not an acknowledged or silenced one', async () => {
    const unit = 'DN-new-x-loc-ninh';
    const unitId = await t.unitId(unit);
    const operator = await t.userAgent({ role: 'operator', scopeCode: unit });
    const leader = await t.userAgent({ role: 'leader', scopeCode: unit });
    const leaders = await route({ name: 'Lãnh đạo xã Lộc Ninh', unitId, minSeverity: 'major', roles: ['leader'], escalationOnly: true });
    const duty = await route({ name: 'Trực ban Lộc Ninh', unitId, minSeverity: 'major', roles: ['operator'], escalateAfterMinutes: 15, escalateToRouteId: leaders.id });
    expect(duty).toMatchObject({ escalateAfterMinutes: 15, escalateToRouteId: leaders.id, escalateToRouteName: 'Lãnh đạo xã Lộc Ninh', escalationOnly: false });

    const [unattended, acknowledged, silenced] = [await device('esc-1', unit), await device('esc-2', unit), await device('esc-3', unit)];
    const rule = await admin.post('/api/alarm-rules', {
      name: 'Mực nước vượt báo động 2', unitId, deviceType: 'water-level', kind: 'threshold', metric: 'waterLevel', operator: '>=', threshold: 3.5, severity: 'major',
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const ruleId = (rule.json() as AlarmRule).id;
    const raisedAt = new Date();
    const send = await admin.post('/api/telemetry/readings', {
      readings: [unattended, acknowledged, silenced].map((deviceId) => ({ deviceId, ts: new Date(raisedAt.getTime() - 30_000).toISOString(), values: { waterLevel: 3.8 } })),
    });
    expect(send.statusCode, send.body).toBe(200);
    expect((await evaluate(raisedAt)).raised).toBe(3);

    // The duty operators hear of it at once; the escalation-only route does not.
    const leaderInbox = async () => ((await leader.get('/api/notifications')).json() as { items: { kind: string; title: string; body: string }[] }).items.filter((n) => n.kind === 'alarm');
    expect(((await operator.get('/api/notifications')).json() as { items: { kind: string }[] }).items.filter((n) => n.kind === 'alarm')).toHaveLength(1);
    expect(await leaderInbox()).toHaveLength(0);

    const ack = await operator.post(`/api/alarms/${(await alarmOf(ruleId, acknowledged)).id}/ack`, {});
    expect(ack.statusCode, ack.body).toBe(200);
    const silence = await operator.post('/api/silences', { kind: 'silence', sourceId: silenced, unitId, endsAt: at(raisedAt, 120).toISOString(), reason: 'Đang kiểm tra tại chỗ' });
    expect(silence.statusCode, silence.body).toBe(201);

    expect((await evaluate(at(raisedAt, 14))).escalated).toBe(0);
    expect((await evaluate(at(raisedAt, 16))).escalated).toBe(1);
    const inbox = await leaderInbox();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.title).toMatch(/^\[Chuyển cấp\]/);
    expect(inbox[0]!.body).toContain(unattended);
    expect(inbox[0]!.body).not.toContain(acknowledged);
    expect(inbox[0]!.body).not.toContain(silenced);

    const timeline = (await alarmOf(ruleId, unattended)).events;
    expect(timeline.map((e) => e.kind)).toContain('escalated');
    expect(timeline.find((e) => e.kind === 'escalated')!.text).toContain('Lãnh đạo xã Lộc Ninh');
    expect((await alarmOf(ruleId, acknowledged)).events.map((e) => e.kind)).not.toContain('escalated');

    // Once only: later rounds do not escalate it again.
    expect((await evaluate(at(raisedAt, 30))).escalated).toBe(0);
    expect(await leaderInbox()).toHaveLength(1);
  });

  it('escalates a second level from the first target after its own delay, and stops once the alarm is acknowledged', async () => {
    const unit = 'DN-new-x-loc-hung';
    const unitId = await t.unitId(unit);
    const ioc = await route({ name: 'Trực ban IOC tỉnh', unitId: await t.unitId('75'), minSeverity: 'critical', roles: ['admin'], escalationOnly: true });
    const leaders = await route({ name: 'Lãnh đạo xã Lộc Hưng', unitId, minSeverity: 'critical', roles: ['leader'], escalationOnly: true, escalateAfterMinutes: 30, escalateToRouteId: ioc.id });
    await route({ name: 'Trực ban Lộc Hưng', unitId, minSeverity: 'critical', roles: ['operator'], escalateAfterMinutes: 10, escalateToRouteId: leaders.id });
    const a = await device('esc-4', unit);
    const b = await device('esc-5', unit);
    const rule = await admin.post('/api/alarm-rules', {
      name: 'Mực nước vượt báo động 3', unitId, deviceType: 'water-level', kind: 'threshold', metric: 'waterLevel', operator: '>=', threshold: 4.5, severity: 'critical',
    });
    const ruleId = (rule.json() as AlarmRule).id;
    const raisedAt = new Date();
    await admin.post('/api/telemetry/readings', { readings: [a, b].map((deviceId) => ({ deviceId, ts: new Date(raisedAt.getTime() - 30_000).toISOString(), values: { waterLevel: 4.9 } })) });
    expect((await evaluate(raisedAt)).raised).toBe(2);
    expect((await evaluate(at(raisedAt, 11))).escalated).toBe(2);               // level 1: both to the leaders
    const ack = await admin.post(`/api/alarms/${(await alarmOf(ruleId, b)).id}/ack`, {});
    expect(ack.statusCode, ack.body).toBe(200);
    expect((await evaluate(at(raisedAt, 31))).escalated).toBe(1);               // level 2: only the unacknowledged one
    const kinds = (await alarmOf(ruleId, a)).events.filter((e) => e.kind === 'escalated').map((e) => e.text);
    expect(kinds).toHaveLength(2);
    expect(kinds[1]).toContain('Trực ban IOC tỉnh');
    expect((await alarmOf(ruleId, b)).events.filter((e) => e.kind === 'escalated')).toHaveLength(1);
  });
});
