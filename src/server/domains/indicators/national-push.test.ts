import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeNationalReceiver, startFakeNationalReceiver } from '../../../../test/support/fake-national-receiver.js';
import { systemActor } from '../../core/auth.js';
import type { RequestContext } from '../../core/context.js';
import { publish } from '../../core/hub.js';
import { listOutbox, type OutboxWorker, startOutboxWorker } from '../../core/outbox.js';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app.js';
import { enqueueApprovedReport, enqueueScheduled, type NationalPacket, nationalConnectors, nationalReportConnector } from './national-push.js';

let t: TestApp;
let app: FastifyInstance;
let admin: Agent;
let clerk: Agent;                  // data clerk of Thành phố Đồng Xoài (689)
let leader: Agent;                 // leader of Bình Phước (70), the level above
let dongXoai: string;
let ctx: RequestContext;
let receiver: FakeNationalReceiver;
let worker: OutboxWorker;
const FORM = 'T-PUSH';
const TOKEN = 'token-of-the-national-system';
const silent = { info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.admin();
  dongXoai = await t.unitId('689');
  const form = await admin.post('/api/forms', {
    code: FORM, name: 'Biểu thử gửi báo cáo lên Chính phủ', nameEn: 'Test national push form', periodType: 'monthly', deadlineDays: 5, validFromPeriod: '2020-01',
    legalBasis: 'Thông tư thử nghiệm',
    rows: [
      { rowCode: '01', indicatorCode: 'TRAFFIC_ACCIDENTS' },
      { rowCode: '02', indicatorCode: 'JOBS_CREATED' },
      { rowCode: '03', indicatorCode: 'FIRES' },
    ],
    assignedUnitIds: [dongXoai, await t.unitId('690')],
  });
  expect(form.statusCode, form.body).toBe(201);
  clerk = await t.userAgent({ role: 'data_clerk', scopeCode: '689' });
  leader = await t.userAgent({ role: 'leader', scopeCode: '70' });

  app = t.app;
  const province = await t.unitId('70');
  ctx = { db: t.database.db, actor: systemActor({ id: province, name: 'Tỉnh Bình Phước', path: '/VN/70/' }), log: t.app.log, publish, ip: null, requestId: null };
  receiver = await startFakeNationalReceiver({ failures: [{ status: 500 }, { slowMs: 2000 }], token: TOKEN });
  worker = startOutboxWorker(t.database.db, {
    connectors: nationalConnectors({ url: receiver.url, token: TOKEN, timeoutMs: 250 }), log: silent, pollMs: 0, baseDelayMs: 1,
  });
});
afterAll(async () => {
  await worker?.stop();
  await receiver?.close();
  if (app && app !== t.app) await app.close();
  await t?.close();
});

/** A request to the app under test as a signed-in agent. */
function as(agent: Agent, opts: InjectOptions) {
  return app.inject({ ...opts, headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, ...opts.headers } });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function drainUntilSettled(rounds = 200) {
  for (let i = 0; i < rounds; i++) {
    const log = (await (await as(admin, { method: 'GET', url: `/api/national-push/outbox?formCode=${FORM}` })).json()) as { items: { status: string }[] };
    if (log.items.every((d) => d.status !== 'pending')) return;
    if ((await worker.drainOnce()) === 0) await sleep(5);
  }
}

async function approve(period: string, values: { rowCode: string; optionKey?: string; value: number; baseVersion: number }[]) {
  const entryUrl = `/api/forms/${FORM}/entry?unitId=${dongXoai}&period=${period}`;
  const saved = await clerk.request({ method: 'PUT', url: entryUrl, payload: { values } });
  expect(saved.statusCode, saved.body).toBe(200);
  expect((await clerk.post(`/api/forms/${FORM}/reports/${dongXoai}/${period}/submit`, {})).json()).toMatchObject({ state: 'submitted' });
  const approved = await leader.post(`/api/forms/${FORM}/reports/${dongXoai}/${period}/approve`, {});
  expect(approved.json()).toMatchObject({ state: 'approved' });
  return (approved.json() as { id: string }).id;
}

type Delivery = { id: number; key: string; status: string; attempts: number; unmappedIndicators: string[]; attemptLog: { httpStatus: number | null; responseBody: string | null; error: string | null }[] };

describe('national push', () => {
  let submissionId: string;
  let key: string;

  it('maps local indicator codes to national codes (admins only)', async () => {
    const body = { codes: [{ indicatorCode: 'TRAFFIC_ACCIDENTS', nationalCode: 'QG-0601', nationalName: 'Số vụ tai nạn giao thông' }, { indicatorCode: 'JOBS_CREATED', nationalCode: 'QG-0305' }] };
    expect((await as(leader, { method: 'PUT', url: '/api/national-push/codes', payload: body })).statusCode).toBe(403);
    const unknown = await as(admin, { method: 'PUT', url: '/api/national-push/codes', payload: { codes: [{ indicatorCode: 'NOPE', nationalCode: 'X' }] } });
    expect(unknown.json()).toMatchObject({ code: 'validation-failed', errors: [{ path: 'body.codes.0.indicatorCode' }] });
    const res = await as(admin, { method: 'PUT', url: '/api/national-push/codes', payload: body });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual(expect.arrayContaining([expect.objectContaining({ indicatorCode: 'TRAFFIC_ACCIDENTS', nationalCode: 'QG-0601' })]));
  });

  it('queues the packet of an approved report in the approval itself, once', async () => {
    submissionId = await approve('2020-03', [
      { rowCode: '01', value: 7, baseVersion: 0 },
      { rowCode: '02', optionKey: 'AREA=URBAN;SEX=FEMALE', value: 30, baseVersion: 0 },
      { rowCode: '02', optionKey: 'AREA=RURAL;SEX=MALE', value: 12, baseVersion: 0 },
      { rowCode: '03', value: 2, baseVersion: 0 },
    ]);
    const queued = await listOutbox(t.database.db, {});
    expect(queued.map((m) => m.key)).toContain(`national:${FORM}:689:2020-03:v1`);
    // Queueing it again (as the schedule does) changes nothing: same data, same packet.
    const again = await t.database.db.transaction((tx) => enqueueApprovedReport(tx, ctx, submissionId));
    expect(again).toEqual({ key: `national:${FORM}:689:2020-03:v1`, revision: 1, enqueued: false });
    key = again.key;
    expect(await enqueueScheduled(t.database.db, { decidedSince: new Date(Date.now() - 60_000) })).toEqual({ enqueued: 0, skipped: [] });
  });

  it('delivers it once through a receiver that fails twice, logging the three answers', async () => {
    await drainUntilSettled();
    expect(receiver.accepted).toHaveLength(1);
    expect(receiver.requests.map((r) => r.outcome)).toEqual(['failed', 'failed', 'accepted']);
    for (const r of receiver.requests) {
      expect(r.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'idempotency-key': key, 'content-type': 'application/json' });
    }
    const packet = receiver.accepted[0]!.packet as NationalPacket;
    expect(packet.header).toMatchObject({
      packetId: key, sender: '70', reportingRegime: 'periodic', legalBasis: 'Thông tư thử nghiệm', formCode: FORM, formVersion: 1, revision: 1,
      period: { type: 'monthly', id: '2020-03', start: '2020-03-01', end: '2020-03-31' },
      unit: { code: '689', officialCode: '689', name: 'Thành phố Đồng Xoài' },
    });
    expect(packet.data).toEqual([
      { indicatorCode: 'QG-0601', localCode: 'TRAFFIC_ACCIDENTS', isMapped: true, value: 7, measureUnit: 'vụ', disaggregations: [] },
      { indicatorCode: 'QG-0305', localCode: 'JOBS_CREATED', isMapped: true, value: 12, measureUnit: 'người', disaggregations: [{ dimension: 'AREA', option: 'RURAL' }, { dimension: 'SEX', option: 'MALE' }] },
      { indicatorCode: 'QG-0305', localCode: 'JOBS_CREATED', isMapped: true, value: 30, measureUnit: 'người', disaggregations: [{ dimension: 'AREA', option: 'URBAN' }, { dimension: 'SEX', option: 'FEMALE' }] },
      { indicatorCode: 'FIRES', localCode: 'FIRES', isMapped: false, value: 2, measureUnit: 'vụ', disaggregations: [] },
    ]);

    expect((await as(clerk, { method: 'GET', url: '/api/national-push/outbox' })).statusCode).toBe(403);
    const log = (await as(leader, { method: 'GET', url: `/api/national-push/outbox?formCode=${FORM}` })).json() as { items: Delivery[] };
    expect(log.items).toHaveLength(1);
    const delivery = log.items[0]!;
    expect(delivery).toMatchObject({ key, status: 'delivered', attempts: 3, unmappedIndicators: ['FIRES'] });
    expect(delivery.attemptLog).toMatchObject([
      { httpStatus: 500, responseBody: expect.stringContaining('scripted failure 500'), error: null },
      { httpStatus: null, responseBody: null, error: 'no answer within 250 ms' },
      { httpStatus: 200, responseBody: expect.stringContaining(receiver.accepted[0]!.receiptId), error: null },
    ]);
    expect(((await as(leader, { method: 'GET', url: '/api/national-push/outbox?formCode=OTHER' })).json() as { items: unknown[] }).items).toHaveLength(0);
  });

  it('resends with the same key on an admin’s request, and the receiver drops the duplicate', async () => {
    const log = (await as(admin, { method: 'GET', url: `/api/national-push/outbox?formCode=${FORM}&status=delivered` })).json() as { items: Delivery[] };
    const id = log.items[0]!.id;
    expect((await as(leader, { method: 'POST', url: `/api/national-push/outbox/${id}/resend` })).statusCode).toBe(403);
    expect((await as(admin, { method: 'POST', url: '/api/national-push/outbox/999999/resend' })).statusCode).toBe(404);
    const res = await as(admin, { method: 'POST', url: `/api/national-push/outbox/${id}/resend` });
    expect(res.json()).toMatchObject({ id, key, status: 'pending' });
    expect((await as(admin, { method: 'POST', url: `/api/national-push/outbox/${id}/resend` })).json()).toMatchObject({ code: 'invalid-transition' });
    await drainUntilSettled();
    expect(receiver.requests.at(-1)).toMatchObject({ outcome: 'duplicate', headers: expect.objectContaining({ 'idempotency-key': key }) });
    expect(receiver.accepted).toHaveLength(1);
    const after = (await as(admin, { method: 'GET', url: `/api/national-push/outbox?formCode=${FORM}` })).json() as { items: Delivery[] };
    expect(after.items[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(after.items[0]!.attemptLog.at(-1)!.responseBody).toContain('"duplicate":true');
    const audit = (await admin.get('/api/audit?entityType=outbox&limit=5')).json() as { items: { action: string }[] };
    expect(audit.items.map((i) => i.action)).toContain('national-push.resend');
  });

  it('sends a corrected report again as the next revision when it is approved again', async () => {
    const reason = { reason: 'Sai số vụ tai nạn' };
    expect((await leader.post(`/api/forms/${FORM}/reports/${dongXoai}/2020-03/reopen`, reason)).json()).toMatchObject({ state: 'returned' });
    const since = new Date(Date.now() - 1000);
    await approve('2020-03', [{ rowCode: '01', value: 8, baseVersion: 1 }]); // queues v2 in the approval
    expect(await enqueueScheduled(t.database.db, { decidedSince: since })).toEqual({ enqueued: 0, skipped: [] });
    await drainUntilSettled();
    expect(receiver.accepted.map((a) => a.key)).toEqual([key, `national:${FORM}:689:2020-03:v2`]);
    const v2 = receiver.accepted[1]!.packet as NationalPacket;
    expect(v2.header.revision).toBe(2);
    expect(v2.data.find((d) => d.localCode === 'TRAFFIC_ACCIDENTS')).toMatchObject({ indicatorCode: 'QG-0601', value: 8 });
    // Locking changes nothing in the data: nothing new is sent.
    expect((await leader.post(`/api/forms/${FORM}/reports/${dongXoai}/2020-03/lock`, {})).json()).toMatchObject({ state: 'locked' });
    expect(await enqueueScheduled(t.database.db, { decidedSince: since })).toEqual({ enqueued: 0, skipped: [] });
  });

  it('fails at once, without retrying, when no endpoint is configured', async () => {
    const connector = nationalReportConnector({ url: undefined, token: undefined });
    expect(await connector({ id: 1, connector: 'national-report', key: 'k', payload: {}, attempt: 1, entityType: null, entityId: null, unitPath: null }))
      .toMatchObject({ ok: false, retryable: false, error: expect.stringContaining('IOC_NATIONAL_REPORT_URL') });
  });
});

describe('SDMX-CSV export', () => {
  it('lists every visible unit’s values of the form and period, with dimensions and status', async () => {
    const res = await as(admin, { method: 'GET', url: `/api/forms/${FORM}/sdmx?period=2020-03` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,AREA,SEX,OBS_VALUE,UNIT_MEASURE,OBS_STATUS');
    expect(lines).toContain('VN_IOC:FORM_T-PUSH(1.0),689,TRAFFIC_ACCIDENTS,2020-03,_T,_T,8,vụ,A');
    expect(lines).toContain('VN_IOC:FORM_T-PUSH(1.0),689,JOBS_CREATED,2020-03,URBAN,FEMALE,30,người,A');
    expect(lines.every((l) => !l.includes(',690,'))).toBe(true);
    const other = await as(leader, { method: 'GET', url: '/api/forms/T-PUSH/sdmx?period=2020-13' });
    expect(other.json()).toMatchObject({ code: 'invalid-period' });
  });
});
