import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmDetail, AlarmPage, AlarmRule, AlarmWebhookPayload, Silence } from '../../../shared/contracts/alarms.js';
import { listOutbox, startOutboxWorker } from '../../core/outbox.js';
import { createTestApp, type Agent, type TestApp } from '../../test/test-app.js';
import { createAlarmWebhookConnector, WEBHOOK_CONNECTOR } from './alarm-notifications.js';
import { raiseSourceAlarm } from './alarms.service.js';
import { withoutDemoAlarmRules } from './alarms.test-setup.js';
import { evaluateAlarmRules } from './evaluator.js';

let t: TestApp;
let admin: Agent;
const MIN = 60_000;
const quietLog = { info() {}, warn() {}, error() {} };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.admin();
  await withoutDemoAlarmRules(admin);
});
afterAll(async () => { await t?.close(); });

let seq = 0;
/** A device registered through the telemetry API; ids are unique per test. */
async function device(type: string, unitCode: string, prefix = 'dev'): Promise<string> {
  const id = `${prefix}-${++seq}`;
  const res = await admin.post('/api/telemetry/devices', { id, type, name: `Trạm ${id}`, unitId: await t.unitId(unitCode), lon: 106.88, lat: 11.53 });
  expect(res.statusCode, res.body).toBe(201);
  return id;
}

/** Readings through the HTTP batch door, as a gateway would send them. */
async function send(points: { deviceId: string; at: Date; values: Record<string, number> }[]): Promise<void> {
  const res = await admin.post('/api/telemetry/readings', { readings: points.map((p) => ({ deviceId: p.deviceId, ts: p.at.toISOString(), values: p.values })) });
  expect(res.statusCode, res.body).toBe(200);
  expect((res.json() as { accepted: number }).accepted).toBe(points.reduce((n, p) => n + Object.keys(p.values).length, 0));
}

async function rule(body: Record<string, unknown>, as: Agent = admin): Promise<AlarmRule> {
  const res = await as.post('/api/alarm-rules', { name: 'Rule', unitId: await t.unitId('75'), severity: 'major', ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as AlarmRule;
}

async function alarmsOf(query: string, as: Agent = admin): Promise<AlarmPage> {
  const res = await as.get(`/api/alarms?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AlarmPage;
}

const evaluate = (now: Date) => evaluateAlarmRules(t.database.db, now);
const minutesAgo = (base: Date, m: number) => new Date(base.getTime() - m * MIN);

describe('rules', () => {
  it('describes each rule’s condition in Vietnamese and English, and refuses a rule missing what its kind needs', async () => {
    const r = await rule({ deviceType: 'air-quality', kind: 'for-duration', metric: 'pm25', operator: '>', threshold: 150, clearThreshold: 120, forSeconds: 600 });
    expect(r.condition.vi).toBe('pm25 lớn hơn 150 liên tục trong 10 phút; hết cảnh báo khi pm25 không quá 120');
    expect(r.condition.en).toBe('pm25 above 150 for 10 minutes; clears when pm25 is at or below 120');
    const bad = await admin.post('/api/alarm-rules', { name: 'x', unitId: await t.unitId('75'), severity: 'minor', deviceType: 'air-quality', kind: 'repeat', metric: 'pm25', operator: '>', threshold: 1 });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('repeatCount');
    const upsideDown = await admin.post('/api/alarm-rules', { name: 'x', unitId: await t.unitId('75'), severity: 'minor', deviceType: 'air-quality', kind: 'threshold', metric: 'pm25', operator: '>', threshold: 100, clearThreshold: 120 });
    expect(upsideDown.statusCode).toBe(400);
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    expect((await operator.post('/api/alarm-rules', { name: 'x', unitId: await t.unitId('75'), severity: 'minor', deviceType: 'air-quality', kind: 'no-data', silentMinutes: 5 })).statusCode).toBe(403);
    const changed = await admin.request({ method: 'PUT', url: `/api/alarm-rules/${r.id}`, payload: { name: 'Bụi mịn', unitId: await t.unitId('75'), severity: 'critical', deviceType: 'air-quality', kind: 'threshold', metric: 'pm25', operator: '>=', threshold: 200, enabled: false } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ kind: 'threshold', forSeconds: null, clearThreshold: null, severity: 'critical', enabled: false });
    const audit = (await admin.get(`/api/audit?entityType=alarm_rule&entityId=${r.id}`)).json() as { items: { action: string }[] };
    expect(audit.items.map((a) => a.action).sort()).toEqual(['alarm-rule.create', 'alarm-rule.update']);
    expect((await admin.request({ method: 'DELETE', url: `/api/alarm-rules/${r.id}` })).statusCode).toBe(200);
  });
});

describe('evaluation of each rule kind', () => {
  it('threshold: raises once per source and rule, counts further breaches on the same alarm, and clears only past the clear threshold', async () => {
    const d = await device('air-quality', 'DN-new-p-dong-xoai', 'thr');
    const r = await rule({ deviceType: 'air-quality', kind: 'threshold', metric: 'no2', operator: '>', threshold: 200, clearThreshold: 150, unitId: await t.unitId('DN-new-p-dong-xoai') });
    const now = new Date();
    await send([{ deviceId: d, at: minutesAgo(now, 4), values: { no2: 210 } }]);
    expect((await evaluate(minutesAgo(now, 4))).raised).toBe(1);
    await evaluate(minutesAgo(now, 4));   // the same reading again: nothing changes
    await send([{ deviceId: d, at: minutesAgo(now, 3), values: { no2: 230 } }]);
    await evaluate(minutesAgo(now, 3));
    let page = await alarmsOf(`ruleId=${r.id}&status=any`);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ status: 'active-unack', count: 2, lastValue: 230, severity: 'major', source: { kind: 'device', id: d } });
    await send([{ deviceId: d, at: minutesAgo(now, 2), values: { no2: 170 } }]);   // below 200 but above 150: still on
    await evaluate(minutesAgo(now, 2));
    expect((await alarmsOf(`ruleId=${r.id}`)).items).toHaveLength(1);
    await send([{ deviceId: d, at: minutesAgo(now, 1), values: { no2: 140 } }]);
    expect((await evaluate(minutesAgo(now, 1))).cleared).toBe(1);
    page = await alarmsOf(`ruleId=${r.id}&status=any`);
    expect(page.items[0]).toMatchObject({ status: 'cleared-unack', clearedBy: 'system' });
    const detail = (await admin.get(`/api/alarms/${page.items[0]!.id}`)).json() as AlarmDetail;
    expect(detail.events.map((e) => e.kind)).toEqual(['raised', 'cleared']);
  });

  it('for-duration: does not fire before the pending period has passed, fires once it has', async () => {
    const d = await device('air-quality', 'DN-new-p-dong-xoai', 'dur');
    const r = await rule({ deviceType: 'air-quality', kind: 'for-duration', metric: 'pm25', operator: '>', threshold: 150, forSeconds: 600, unitId: await t.unitId('DN-new-p-dong-xoai') });
    const start = minutesAgo(new Date(), 30);
    await send([{ deviceId: d, at: minutesAgo(start, 1), values: { pm25: 90 } }]);
    await send(Array.from({ length: 10 }, (_, i) => ({ deviceId: d, at: new Date(start.getTime() + i * MIN), values: { pm25: 160 + i } })));
    expect((await evaluate(new Date(start.getTime() + 9 * MIN))).raised).toBe(0);   // 9 minutes above 150
    expect((await alarmsOf(`ruleId=${r.id}`)).total).toBe(0);
    await send([{ deviceId: d, at: new Date(start.getTime() + 10 * MIN), values: { pm25: 158 } }]);
    expect((await evaluate(new Date(start.getTime() + 10 * MIN))).raised).toBe(1);   // 10 minutes: fires
    expect((await alarmsOf(`ruleId=${r.id}`)).items[0]).toMatchObject({ lastValue: 158, status: 'active-unack' });
    expect((await alarmsOf(`ruleId=${r.id}`)).items[0]!.message.vi).toContain('liên tục trong 10 phút');
  });

  it('repeat: needs N breaching readings in a row; an interruption starts the count again', async () => {
    const d = await device('water-level', 'DN-new-p-dong-xoai', 'rep');
    const r = await rule({ deviceType: 'water-level', kind: 'repeat', metric: 'waterLevel', operator: '>=', threshold: 300, repeatCount: 5, unitId: await t.unitId('DN-new-p-dong-xoai') });
    const start = minutesAgo(new Date(), 40);
    const values = [310, 320, 290, 305, 306, 307, 308];   // the 290 breaks the first run: 4 in a row at the end
    await send(values.map((v, i) => ({ deviceId: d, at: new Date(start.getTime() + i * MIN), values: { waterLevel: v } })));
    await evaluate(new Date(start.getTime() + 7 * MIN));
    expect((await alarmsOf(`ruleId=${r.id}`)).total).toBe(0);
    await send([{ deviceId: d, at: new Date(start.getTime() + 7 * MIN), values: { waterLevel: 309 } }]);
    await evaluate(new Date(start.getTime() + 8 * MIN));
    expect((await alarmsOf(`ruleId=${r.id}`)).items[0]).toMatchObject({ lastValue: 309, count: 1 });
  });

  it('rate of change: fires when the level rises faster than the limit per minute, clears when it slows', async () => {
    const d = await device('water-level', 'DN-new-p-dong-xoai', 'roc');
    const r = await rule({ deviceType: 'water-level', kind: 'rate-of-change', metric: 'waterLevel', operator: '>', threshold: 5, severity: 'critical', unitId: await t.unitId('DN-new-p-dong-xoai') });
    const start = minutesAgo(new Date(), 20);
    await send([{ deviceId: d, at: start, values: { waterLevel: 100 } }, { deviceId: d, at: new Date(start.getTime() + 2 * MIN), values: { waterLevel: 108 } }]);
    await evaluate(new Date(start.getTime() + 2 * MIN));
    expect((await alarmsOf(`ruleId=${r.id}`)).total).toBe(0);   // 4 per minute
    await send([{ deviceId: d, at: new Date(start.getTime() + 4 * MIN), values: { waterLevel: 130 } }]);
    await evaluate(new Date(start.getTime() + 4 * MIN));
    expect((await alarmsOf(`ruleId=${r.id}`)).items[0]).toMatchObject({ lastValue: 11, severity: 'critical' });
    await send([{ deviceId: d, at: new Date(start.getTime() + 5 * MIN), values: { waterLevel: 131 } }]);
    await evaluate(new Date(start.getTime() + 5 * MIN));
    expect((await alarmsOf(`ruleId=${r.id}&status=cleared`)).total).toBe(1);
  });

  it('no data: fires for a device silent longer than the limit, not for one that reports, and clears when data arrives', async () => {
    const silent = await device('rain-gauge', 'DN-new-x-bom-bo', 'nod');
    const talking = await device('rain-gauge', 'DN-new-x-bom-bo', 'nod');
    const r = await rule({ deviceType: 'rain-gauge', kind: 'no-data', silentMinutes: 15, severity: 'warning', unitId: await t.unitId('DN-new-x-bom-bo') });
    await send([{ deviceId: silent, at: new Date(), values: { precipitation: 0 } }, { deviceId: talking, at: new Date(), values: { precipitation: 1 } }]);
    expect((await evaluate(new Date(Date.now() + 10 * MIN))).raised).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 5200));   // last-seen is written at most every 5 s per device
    await send([{ deviceId: talking, at: new Date(), values: { precipitation: 2 } }]);
    await evaluate(new Date(Date.now() + 14.95 * MIN));
    const page = await alarmsOf(`ruleId=${r.id}`);
    expect(page.items.map((a) => a.source.id)).toEqual([silent]);
    expect(page.items[0]!.message.vi).toMatch(/không có dữ liệu 1[45] phút/);
    await send([{ deviceId: silent, at: new Date(), values: { precipitation: 0 } }]);
    await evaluate(new Date(Date.now() + MIN));
    expect((await alarmsOf(`ruleId=${r.id}`)).total).toBe(0);
    expect((await alarmsOf(`ruleId=${r.id}&status=cleared`)).items[0]).toMatchObject({ source: { id: silent }, clearedBy: 'system' });
  });
});

describe('lifecycle', () => {
  async function openAlarm(type: string): Promise<string> {
    const source = { kind: 'camera' as const, id: `cam-${++seq}`, name: 'Camera ngã tư Đồng Xoài', unitPath: '/VN/75/DN-new-p-dong-xoai/', lon: 106.9, lat: 11.53 };
    const r = await t.database.db.transaction((tx) => raiseSourceAlarm(tx, { source, type, severity: 'major', message: { vi: 'Tai nạn', en: 'Accident' }, at: new Date() }));
    return r.alarmId;
  }

  it('keeps acknowledge and clear independent: active-ack then cleared-ack, or cleared-unack then cleared-ack', async () => {
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const a = await openAlarm('camera.lifecycle');
    let res = await operator.post(`/api/alarms/${a}/ack`, { text: 'Đã thấy, đang kiểm tra' });
    expect(res.json()).toMatchObject({ status: 'active-ack', acknowledgedBy: expect.any(String) });
    expect((await operator.post(`/api/alarms/${a}/ack`, {})).statusCode).toBe(409);
    res = await operator.post(`/api/alarms/${a}/clear`, {});
    expect(res.json()).toMatchObject({ status: 'cleared-ack' });

    const b = await openAlarm('camera.lifecycle');   // the first is cleared: a new one opens
    expect(b).not.toBe(a);
    expect((await operator.post(`/api/alarms/${b}/clear`, {})).json()).toMatchObject({ status: 'cleared-unack' });
    expect((await operator.post(`/api/alarms/${b}/clear`, {})).statusCode).toBe(409);
    expect((await operator.post(`/api/alarms/${b}/ack`, {})).json()).toMatchObject({ status: 'cleared-ack' });

    const c = await openAlarm('camera.lifecycle');
    expect((await operator.post(`/api/alarms/${c}/assign`, { userId: 'me' })).json().assignee).toMatchObject({ name: expect.any(String) });
    const detail = (await operator.post(`/api/alarms/${c}/comments`, { text: 'Đã báo CSGT' })).json() as AlarmDetail;
    expect(detail.events.map((e) => e.kind)).toEqual(['raised', 'assigned', 'comment']);
    const viewer = await t.userAgent({ role: 'leader', scopeCode: '75' });
    expect((await viewer.post(`/api/alarms/${c}/ack`, {})).statusCode).toBe(403);
    expect((await viewer.get(`/api/alarms/${c}`)).statusCode).toBe(200);
    const audit = (await admin.get(`/api/audit?entityType=alarm&entityId=${a}`)).json() as { items: { action: string }[] };
    expect(audit.items.map((x) => x.action).sort()).toEqual(['alarm.ack', 'alarm.clear']);
  });

  it('raiseSourceAlarm keeps one open alarm per camera and type, counting repeats, and sorts the console by severity', async () => {
    const source = { kind: 'camera' as const, id: 'cam-dx-01', name: 'Camera QL14 - Đồng Xoài', unitPath: '/VN/75/DN-new-p-dong-xoai/', lon: 106.9, lat: 11.53 };
    const raise = (type: string, severity: 'critical' | 'minor', at: Date) => t.database.db.transaction((tx) => raiseSourceAlarm(tx, {
      source, type, severity, message: { vi: `Sự kiện ${type}`, en: `Event ${type}` }, details: { score: 0.9 }, at,
    }));
    const first = await raise('camera.wrong-way', 'minor', new Date(Date.now() - 2000));
    const again = await raise('camera.wrong-way', 'minor', new Date(Date.now() - 1000));
    expect(first.created).toBe(true);
    expect(again).toEqual({ alarmId: first.alarmId, created: false });
    await raise('camera.accident', 'critical', new Date());
    const page = await alarmsOf('sourceId=cam-dx-01');
    expect(page.items.map((a) => [a.type, a.count])).toEqual([['camera.accident', 1], ['camera.wrong-way', 2]]);
    expect(page.items[0]).toMatchObject({ lon: 106.9, lat: 11.53, unitPath: '/VN/75/DN-new-p-dong-xoai/', severity: 'critical' });
  });
});

describe('scope', () => {
  it('shows a ward operator only the alarms of their ward', async () => {
    const raise = (id: string, unitPath: string) => t.database.db.transaction((tx) => raiseSourceAlarm(tx, {
      source: { kind: 'camera', id, name: id, unitPath }, type: 'camera.crowd', severity: 'minor', message: { vi: 'Tụ tập đông người', en: 'Crowd' }, at: new Date(),
    }));
    const mine = await raise('cam-scope-dx', '/VN/75/DN-new-p-dong-xoai/');
    const other = await raise('cam-scope-bb', '/VN/75/DN-new-x-bom-bo/');
    const ward = await t.userAgent({ role: 'operator', scopeCode: 'DN-new-p-dong-xoai' });
    const ids = (await alarmsOf('type=camera.crowd', ward)).items.map((a) => a.id);
    expect(ids).toContain(mine.alarmId);
    expect(ids).not.toContain(other.alarmId);
    expect((await ward.get(`/api/alarms/${other.alarmId}`)).statusCode).toBe(404);
    expect((await ward.post(`/api/alarms/${other.alarmId}/ack`, {})).statusCode).toBe(404);
    expect((await alarmsOf('type=camera.crowd')).items.map((a) => a.id)).toEqual(expect.arrayContaining([mine.alarmId, other.alarmId]));
  });
});

describe('the map’s time window', () => {
  it('lists the alarms that were active at some time in a past window', async () => {
    const raise = (id: string, at: Date) => t.database.db.transaction((tx) => raiseSourceAlarm(tx, {
      source: { kind: 'camera', id, name: id, unitPath: '/VN/75/DN-new-p-an-loc/' }, type: 'camera.window', severity: 'info', message: { vi: 'Thử', en: 'Test' }, at,
    }));
    const hour = 3600_000;
    const old = await raise('cam-window-old', new Date(Date.now() - 3 * hour));
    const fresh = await raise('cam-window-new', new Date());
    expect((await admin.post(`/api/alarms/${old.alarmId}/clear`, {})).statusCode).toBe(200);
    const from = new Date(Date.now() - 2 * hour).toISOString();
    const to = new Date(Date.now() - hour).toISOString();
    const page = await alarmsOf(`type=camera.window&status=any&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
    expect(page.items.map((a) => a.id)).toEqual([old.alarmId]);
    expect((await alarmsOf('type=camera.window&status=any')).items.map((a) => a.id).sort()).toEqual([old.alarmId, fresh.alarmId].sort());
  });
});

describe('silences and notifications', () => {
  it('records an alarm raised during a silence as silenced and sends nothing for it, while others are notified', async () => {
    const unit = 'DN-new-x-tan-hung';
    const operator = await t.userAgent({ role: 'operator', scopeCode: unit });
    const route = await admin.post('/api/alarm-routes', { name: 'Trực ban Tân Hưng', unitId: await t.unitId(unit), minSeverity: 'warning', channel: 'in-app', roles: ['operator'], groupWaitSeconds: 0 });
    expect(route.statusCode, route.body).toBe(201);
    const quiet = await device('air-quality', unit, 'sil');
    const loud = await device('air-quality', unit, 'sil');
    const r = await rule({ deviceType: 'air-quality', kind: 'threshold', metric: 'co', operator: '>', threshold: 30, unitId: await t.unitId(unit) });
    const silence = await operator.post('/api/silences', { kind: 'maintenance', sourceId: quiet, unitId: await t.unitId(unit), endsAt: new Date(Date.now() + 3600_000).toISOString(), reason: 'Hiệu chuẩn cảm biến CO' });
    expect(silence.statusCode, silence.body).toBe(201);
    expect(silence.json()).toMatchObject({ state: 'active', kind: 'maintenance' } satisfies Partial<Silence>);
    const now = new Date();
    await send([{ deviceId: quiet, at: minutesAgo(now, 1), values: { co: 40 } }, { deviceId: loud, at: minutesAgo(now, 1), values: { co: 45 } }]);
    await evaluate(now);
    const page = await alarmsOf(`ruleId=${r.id}`);
    expect(page.items.map((a) => [a.source.id, a.silenced]).sort()).toEqual([[loud, false], [quiet, true]].sort());
    const inbox = (await operator.get('/api/notifications')).json() as { items: { kind: string; title: string; body: string }[] };
    const alarmNotes = inbox.items.filter((n) => n.kind === 'alarm');
    expect(alarmNotes).toHaveLength(1);
    expect(alarmNotes[0]!.body).toContain(loud);
    expect(alarmNotes[0]!.body).not.toContain(quiet);
    const quietDetail = (await admin.get(`/api/alarms/${page.items.find((a) => a.source.id === quiet)!.id}`)).json() as AlarmDetail;
    expect(quietDetail.events.map((e) => e.kind)).toEqual(['raised', 'silenced']);
  });

  it('groups 100 sensors going silent into one notification and one webhook call, delivered with the outbox’s retries', async () => {
    const unit = 'DN-new-x-phu-rieng';
    const operator = await t.userAgent({ role: 'operator', scopeCode: unit });
    const received: { body: string; headers: IncomingMessage['headers'] }[] = [];
    let failFirst = true;
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => {
        if (failFirst) { failFirst = false; res.writeHead(503).end('busy'); return; }
        received.push({ body, headers: req.headers });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/ioc`;
      const secret = 'a-webhook-secret-of-the-province';
      for (const body of [
        { name: 'Trực ban Phú Riềng', unitId: await t.unitId(unit), minSeverity: 'warning', channel: 'in-app', roles: ['operator'], groupWaitSeconds: 60 },
        { name: 'Hệ thống điều hành PCTT', unitId: await t.unitId(unit), minSeverity: 'warning', channel: 'webhook', webhookUrl: url, webhookSecret: secret, groupWaitSeconds: 60 },
      ]) expect((await admin.post('/api/alarm-routes', body)).statusCode).toBe(201);
      const ids: string[] = [];
      for (let i = 0; i < 100; i++) ids.push(await device('traffic-counter', unit, 'grp'));
      await send(ids.map((deviceId) => ({ deviceId, at: new Date(), values: { intensity: 12 } })));
      const r = await rule({ deviceType: 'traffic-counter', kind: 'no-data', silentMinutes: 15, severity: 'warning', unitId: await t.unitId(unit) });

      const silentAt = new Date(Date.now() + 16 * MIN);
      await evaluate(silentAt);
      expect((await alarmsOf(`ruleId=${r.id}`)).total).toBe(100);
      expect((await evaluate(new Date(silentAt.getTime() + 30_000))).notificationGroups).toBe(0);   // still inside the group wait
      expect((await evaluate(new Date(silentAt.getTime() + 61_000))).notificationGroups).toBe(2);   // one per route
      expect((await evaluate(new Date(silentAt.getTime() + 120_000))).notificationGroups).toBe(0);  // sent once

      const notes = ((await operator.get('/api/notifications')).json() as { items: { kind: string; title: string; titleEn: string }[] }).items.filter((n) => n.kind === 'alarm');
      expect(notes).toHaveLength(1);
      expect(notes[0]!.titleEn).toMatch(/^100 warning alarms/);
      const queued = await listOutbox(t.database.db, { connector: WEBHOOK_CONNECTOR });
      expect(queued).toHaveLength(1);

      const worker = startOutboxWorker(t.database.db, { connectors: { [WEBHOOK_CONNECTOR]: createAlarmWebhookConnector() }, log: quietLog, pollMs: 0, baseDelayMs: 0 });
      expect(await worker.drainOnce()).toBe(1);   // 503: kept for a retry
      expect((await listOutbox(t.database.db, { connector: WEBHOOK_CONNECTOR }))[0]).toMatchObject({ status: 'pending', attempts: 1 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await worker.drainOnce()).toBe(1);
      await worker.stop();
      expect((await listOutbox(t.database.db, { connector: WEBHOOK_CONNECTOR }))[0]).toMatchObject({ status: 'delivered', attempts: 2 });
      expect(received).toHaveLength(1);
      const payload = JSON.parse(received[0]!.body) as AlarmWebhookPayload;
      expect(payload).toMatchObject({ kind: 'ioc.alarms', count: 100, route: 'Hệ thống điều hành PCTT' });
      expect(new Set(payload.alarms.map((a) => a.source.id))).toEqual(new Set(ids));
      expect(received[0]!.headers['x-ioc-signature']).toBe(`sha256=${createHmac('sha256', secret).update(received[0]!.body).digest('hex')}`);
      expect(received[0]!.headers['idempotency-key']).toMatch(/^alarm-group:/);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
