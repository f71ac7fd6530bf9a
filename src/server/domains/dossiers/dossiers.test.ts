import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DossierDetail, type DossierMetricRow, type DossierMetrics, type DossierPage, drillDownQuery, type Index766, metricNames, type OverdueBoard,
} from '../../../shared/contracts/dossiers.js';
import { addDays, todayInVietnam } from '../../core/calendar.js';
import { selectRows } from '../../db/client.js';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app.js';
import { alertDossiers, sendDossierDigest } from './alerts.js';
import { splitPeriod } from './dossiers.queries.js';
import { rebuildDailyStats } from './ingest.queries.js';

let t: TestApp;
let admin: Agent;
const today = todayInVietnam();
const tag = Math.random().toString(36).slice(2, 7);
const FIELD = `Giám sát thử nghiệm ${tag}`;          // isolates this file's dossiers from the demo ones
const W1 = 'DN-new-p-dong-xoai';
const W2 = 'DN-new-p-binh-long';
const ids: Record<string, string> = {};
let dossierIds: Record<string, number> = {};

const at = (date: string, time = '09:00') => `${date}T${time}:00+07:00`;
const endOf = (date: string) => `${date}T23:59:59.999+07:00`;
const D = addDays(today, -40);
const query = (q: object) => new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)])).toString();
let bulkCounter = 0;

async function ingest(dossiers: unknown[]) {
  const res = await admin.post('/api/dossiers/bulk', { source: `test-${tag}`, dossiers }, { 'idempotency-key': `monitor-${tag}-${++bulkCounter}` });
  expect(res.statusCode, res.body).toBe(200);
  expect((res.json() as { errors: unknown[] }).errors).toEqual([]);
}

async function list(agent: Agent, q: object): Promise<DossierPage> {
  const res = await agent.get(`/api/dossiers?${query(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DossierPage;
}

async function metrics(agent: Agent, q: object): Promise<DossierMetrics> {
  const res = await agent.get(`/api/dossiers/metrics?${query(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DossierMetrics;
}

async function createAgency(code: string, unitCode: string): Promise<string> {
  const res = await admin.post('/api/agencies', { code, name: `Cơ quan thử ${code}`, nameEn: `Test agency ${code}`, kind: 'department', unitId: await t.unitId(unitCode), validFrom: '2025-07-01' });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

async function createProcedure(code: string, processingDays: number, onlineLevel: string): Promise<string> {
  const res = await admin.post('/api/procedures', { code, name: `Thủ tục thử ${code}`, nameEn: `Test procedure ${code}`, field: FIELD, level: 'commune', processingDays, onlineLevel });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.admin();
  ids.A1 = await createAgency(`A1-${tag}`, W1);
  ids.A2 = await createAgency(`A2-${tag}`, W2);
  ids.P1 = await createProcedure(`P1-${tag}`, 5, 'full');
  ids.P2 = await createProcedure(`P2-${tag}`, 10, 'none');
  const base = { procedureCode: `P1-${tag}`, receivingUnitCode: W1, handlingAgencyCode: `A1-${tag}`, channel: 'online' };
  await ingest([
    { ...base, code: `M1-${tag}`, receivedAt: at(D), dueAt: endOf(addDays(D, 14)), onlinePayment: true, digitisedResult: true, satisfaction: 'very_satisfied',
      events: [{ at: at(D), status: 'received', agencyCode: `A1-${tag}` }, { at: at(addDays(D, 2), '15:00'), status: 'finished', agencyCode: `A1-${tag}` }] },
    { ...base, code: `M2-${tag}`, channel: 'direct', receivedAt: at(D), dueAt: endOf(addDays(D, 5)), satisfaction: 'dissatisfied',
      events: [{ at: at(D), status: 'received', agencyCode: `A1-${tag}` }, { at: at(addDays(D, 12)), status: 'finished', agencyCode: `A1-${tag}` }] },
    { ...base, code: `M3-${tag}`, procedureCode: `P2-${tag}`, receivedAt: at(addDays(D, 3)), dueAt: endOf(addDays(D, 8)),
      events: [{ at: at(addDays(D, 3)), status: 'received' }, { at: at(addDays(D, 4)), status: 'in_progress', agencyCode: `A1-${tag}`, note: 'thẩm định' }] },
    { ...base, code: `M4-${tag}`, receivingUnitCode: W2, handlingAgencyCode: `A2-${tag}`, channel: 'direct', receivedAt: at(addDays(today, -2)), dueAt: endOf(addDays(today, 20)),
      events: [{ at: at(addDays(today, -2)), status: 'received', agencyCode: `A2-${tag}` }] },
    { ...base, code: `M5-${tag}`, procedureCode: `P2-${tag}`, receivingUnitCode: W2, handlingAgencyCode: `A2-${tag}`, channel: 'postal', receivedAt: at(D), dueAt: endOf(addDays(D, 10)), digitisedResult: true,
      events: [{ at: at(D), status: 'received', agencyCode: `A2-${tag}` }, { at: at(addDays(D, 10), '10:00'), status: 'finished', agencyCode: `A2-${tag}` }] },
    { ...base, code: `M6-${tag}`, receivingUnitCode: '75', receivedAt: at(addDays(D, 1)), dueAt: endOf(addDays(D, 4)),
      events: [{ at: at(addDays(D, 1)), status: 'received', agencyCode: `A1-${tag}` }] },
  ]);
  const page = await list(admin, { field: FIELD, limit: 100 });
  dossierIds = Object.fromEntries(page.items.map((d) => [d.code.split('-')[0]!, d.id]));
});
afterAll(async () => { await t?.close(); });

const period = { from: addDays(today, -60), to: today };

describe('dossier metrics', () => {
  it('reads whole months from the monthly counts and only the days around them from the daily ones', () => {
    expect(splitPeriod('2025-01-01', '2025-12-31')).toEqual({ months: ['2025-01-01', '2025-12-01'], days: [] });
    expect(splitPeriod('2025-01-15', '2025-03-10')).toEqual({ months: ['2025-02-01', '2025-02-01'], days: [['2025-01-15', '2025-01-31'], ['2025-03-01', '2025-03-10']] });
    expect(splitPeriod('2025-01-15', '2025-02-10')).toEqual({ months: null, days: [['2025-01-15', '2025-02-10']] });
    expect(splitPeriod('2024-02-01', '2024-02-29')).toEqual({ months: ['2024-02-01', '2024-02-01'], days: [] });
    expect(splitPeriod('2024-12-20', '2025-01-31')).toEqual({ months: ['2025-01-01', '2025-01-01'], days: [['2024-12-20', '2024-12-31']] });
  });

  it('counts received, finished early/on time/late and pending by district as a hand count does', async () => {
    const m = await metrics(admin, { groupBy: 'unit', unitCode: '75', field: FIELD, ...period });
    const row = (code: string) => m.rows.find((r) => r.code === code)!;
    expect(row(W1)).toMatchObject({ received: 3, receivedOnline: 2, finished: 2, finishedEarly: 1, finishedOnTime: 0, finishedLate: 1, pendingWithinDeadline: 0, pendingOverdue: 1, onTimeRate: 0.5, onlineReceiptRate: 0.6667, isSelf: false });
    expect(row(W2)).toMatchObject({ received: 2, receivedOnline: 0, finished: 1, finishedEarly: 0, finishedOnTime: 1, finishedLate: 0, pendingWithinDeadline: 1, pendingOverdue: 0, onTimeRate: 1 });
    expect(row('75')).toMatchObject({ received: 1, finished: 0, pendingOverdue: 1, isSelf: true, onTimeRate: null });
    expect(m.total).toMatchObject({
      received: 6, receivedOnline: 3, finished: 3, finishedEarly: 1, finishedOnTime: 1, finishedLate: 1, pendingWithinDeadline: 1, pendingOverdue: 2,
      onTimeRate: 0.6667, onlineReceiptRate: 0.5, onlinePaymentRate: 0.3333, digitisationRate: 0.6667, satisfactionRate: 0.5,
    });
    // The average processing time is the mean of the finished dossiers' own processing days.
    const finished = (await list(admin, { field: FIELD, finishedFrom: period.from, finishedTo: period.to })).items;
    expect(m.total.averageProcessingDays).toBeCloseTo(finished.reduce((s, d) => s + d.processingDays!, 0) / 3, 2);
  });

  it('ranks agencies by on-time rate, with the overdue ones they still hold', async () => {
    const m = await metrics(admin, { groupBy: 'agency', unitCode: '75', field: FIELD, sort: 'onTimeRate', ...period });
    expect(m.rows.map((r) => [r.key, r.onTimeRate, r.received, r.pendingOverdue])).toEqual([[ids.A2, 1, 2, 0], [ids.A1, 0.5, 4, 2]]);
  });

  it('answers a trend by month whose months add up to the period', async () => {
    const m = await metrics(admin, { groupBy: 'month', unitCode: '75', field: FIELD, ...period });
    const months = new Set<string>();
    for (let d = period.from; d <= period.to; d = addDays(d, 1)) months.add(d.slice(0, 7));
    expect(m.rows.map((r) => r.key)).toEqual([...months]);
    expect(m.rows.reduce((s, r) => s + r.received, 0)).toBe(6);
    expect(m.rows.reduce((s, r) => s + r.finished, 0)).toBe(3);
  });

  it('drills every number down to a list of exactly that many dossiers', async () => {
    let checked = 0;
    for (const groupBy of ['unit', 'agency', 'procedure', 'field', 'month', 'channel'] as const) {
      const m = await metrics(admin, { groupBy, unitCode: '75', field: FIELD, ...period });
      const rows: DossierMetricRow[] = [...m.rows.filter((r) => r.received + r.finished + r.pendingOverdue + r.pendingWithinDeadline > 0), m.total];
      for (const row of rows) {
        for (const metric of metricNames) {
          const drill = drillDownQuery(m, row, metric);
          const listed = drill ? (await list(admin, { ...drill, limit: 1 })).total : 0;
          expect(listed, `${groupBy} ${row.label} ${metric}`).toBe(row[metric]);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('the monthly counts', () => {
  it('stay equal to the daily counts when a dossier is sent again and finishes, and after a rebuild of the daily counts', async () => {
    await ingest([{
      code: `M4-${tag}`, procedureCode: `P1-${tag}`, receivingUnitCode: W2, handlingAgencyCode: `A2-${tag}`, channel: 'direct', receivedAt: at(addDays(today, -2)), dueAt: endOf(addDays(today, 20)),
      events: [{ at: at(addDays(today, -2)), status: 'received', agencyCode: `A2-${tag}` }, { at: at(addDays(today, -1)), status: 'finished', agencyCode: `A2-${tag}` }],
    }]);
    const compare = sql`
      WITH d AS (SELECT date_trunc('month', day::timestamp)::date AS month, procedure_id, unit_id, agency_id, channel, sum(received)::int AS r, sum(finished)::int AS f,
                        sum(finished_early)::int AS e, sum(finished_late)::int AS l, sum(processing_days_sum) AS p, sum(satisfied)::int AS s
                 FROM dossier_daily_stats GROUP BY 1, 2, 3, 4, 5),
           m AS (SELECT month, procedure_id, unit_id, agency_id, channel, received AS r, finished AS f, finished_early AS e, finished_late AS l, processing_days_sum AS p, satisfied AS s
                 FROM dossier_monthly_stats)
      SELECT count(*)::int AS n FROM (
        (SELECT * FROM d EXCEPT SELECT * FROM m WHERE r <> 0 OR f <> 0)
        UNION ALL (SELECT * FROM m WHERE r <> 0 OR f <> 0 EXCEPT SELECT * FROM d)) x`;
    expect(await selectRows<{ n: number }>(t.database.db, compare)).toEqual([{ n: 0 }]);
    // A rebuild deletes every daily row and inserts the recount: the months follow both statements.
    await t.database.db.transaction((tx) => rebuildDailyStats(tx));
    expect(await selectRows<{ n: number }>(t.database.db, compare)).toEqual([{ n: 0 }]);
    const [{ n }] = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM dossier_monthly_stats WHERE received > 0`) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    const m = await metrics(admin, { groupBy: 'unit', unitCode: '75', field: FIELD, ...period });
    expect(m.rows.find((r) => r.code === W2)).toMatchObject({ received: 2, finished: 2, pendingWithinDeadline: 0 });
  });
});

describe('dossier search and detail', () => {
  it('finds a dossier by part of its code and shows its full history with agency names', async () => {
    const page = await list(admin, { q: `M3-${tag}` });
    expect(page.items.map((d) => d.code)).toEqual([`M3-${tag}`]);
    const res = await admin.get(`/api/dossiers/${page.items[0]!.id}`);
    expect(res.statusCode).toBe(200);
    const d = res.json() as DossierDetail;
    expect(d).toMatchObject({ code: `M3-${tag}`, isOverdue: true, holdingAgencyId: ids.A1, holdingAgencyName: `Cơ quan thử A1-${tag}`, holdingUnitName: 'Phường Đồng Xoài', procedureProcessingDays: 10 });
    expect(d.daysOverdue).toBeGreaterThan(20);
    expect(d.events.map((e) => [e.status, e.agencyName, e.note])).toEqual([['received', null, null], ['in_progress', `Cơ quan thử A1-${tag}`, 'thẩm định']]);
  });

  it('hides other districts from an officer scoped to one ward', async () => {
    const viewer = await t.userAgent({ role: 'viewer', scopeCode: W1 });
    expect((await list(viewer, { field: FIELD })).items.map((d) => d.code.split('-')[0]).sort()).toEqual(['M1', 'M2', 'M3']);
    expect((await viewer.get(`/api/dossiers/${dossierIds.M4}`)).statusCode).toBe(404);
    expect((await viewer.get(`/api/dossiers/${dossierIds.M1}`)).statusCode).toBe(200);
    expect((await viewer.get(`/api/dossiers/metrics?unitCode=75&field=${encodeURIComponent(FIELD)}`)).statusCode).toBe(404);
    const mine = await metrics(viewer, { field: FIELD, ...period });
    expect(mine.unit.code).toBe(W1);
    expect(mine.total).toMatchObject({ received: 3, pendingOverdue: 1 });
    const board = (await viewer.get(`/api/dossiers/overdue?holdingAgencyId=${ids.A1}`)).json() as OverdueBoard;
    expect(board.items.map((d) => d.code)).toEqual([`M3-${tag}`]);   // M6 is held by A1 too, but received by the province
  });
});

describe('the overdue board', () => {
  it('counts days overdue in working days, skipping a holiday', async () => {
    const a3 = await createAgency(`A3-${tag}`, W1);
    const due = addDays(today, -12);
    await ingest([{
      code: `H1-${tag}`, procedureCode: `P1-${tag}`, receivingUnitCode: W1, handlingAgencyCode: `A3-${tag}`, channel: 'direct',
      receivedAt: at(addDays(due, -7)), dueAt: endOf(due), events: [{ at: at(addDays(due, -7)), status: 'received', agencyCode: `A3-${tag}` }],
    }]);
    const years = [...new Set([due.slice(0, 4), today.slice(0, 4)])];
    const calendar = new Map<string, string>();
    for (const y of years) for (const h of ((await admin.get(`/api/calendar/holidays?year=${y}`)).json() as { items: { day: string; kind: string }[] }).items) calendar.set(h.day, h.kind);
    const isWorking = (d: string) => { const wd = new Date(`${d}T00:00:00Z`).getUTCDay(); return calendar.get(d) === 'working_day' || (wd !== 0 && wd !== 6 && calendar.get(d) !== 'holiday'); };
    const expected = () => { let n = 0; for (let d = addDays(due, 1); d <= today; d = addDays(d, 1)) if (isWorking(d)) n++; return n; };
    const board = async () => ((await admin.get(`/api/dossiers/overdue?holdingAgencyId=${a3}`)).json() as OverdueBoard);
    const before = await board();
    expect(before).toMatchObject({ total: 1, items: [{ code: `H1-${tag}`, daysOverdue: expected(), holdingAgencyId: a3, holdingUnitName: 'Phường Đồng Xoài' }] });
    expect(before.byAgency).toEqual([{ agencyId: a3, agencyName: `Cơ quan thử A3-${tag}`, unitName: 'Phường Đồng Xoài', overdue: 1 }]);

    // Declare a weekday after the due date a public holiday: one working day fewer.
    let holiday = addDays(due, 1);
    while (!isWorking(holiday) || new Date(`${holiday}T00:00:00Z`).getUTCDay() === 6) holiday = addDays(holiday, 1);
    const year = holiday.slice(0, 4);
    const items = [...calendar.entries()].filter(([d]) => d.startsWith(year)).map(([day, kind]) => ({ day, kind, name: 'Ngày nghỉ', nameEn: 'Day off' }));
    const put = await admin.request({ method: 'PUT', url: `/api/calendar/holidays/${year}`, payload: { items: [...items, { day: holiday, kind: 'holiday', name: 'Nghỉ thử', nameEn: 'Test holiday' }] } });
    expect(put.statusCode, put.body).toBe(200);
    calendar.set(holiday, 'holiday');
    const after = await board();
    expect(after.items[0]!.daysOverdue).toBe(before.items[0]!.daysOverdue - 1);
    expect(after.items[0]!.daysOverdue).toBe(expected());
    expect(((await admin.get(`/api/dossiers/${after.items[0]!.id}`)).json() as DossierDetail).daysOverdue).toBe(expected());
  });

  it('lists the most overdue first', async () => {
    const board = (await admin.get(`/api/dossiers/overdue?holdingAgencyId=${ids.A1}`)).json() as OverdueBoard;
    expect(board.items.map((d) => d.code)).toEqual([`M6-${tag}`, `M3-${tag}`]);
    expect(board.items[0]!.daysOverdue).toBeGreaterThanOrEqual(board.items[1]!.daysOverdue);
  });
});

describe('the Decision 766 view', () => {
  it('computes what our data allows and marks the rest as not computable, with reasons', async () => {
    const res = await admin.get(`/api/dossiers/index-766?unitCode=${W1}&year=${D.slice(0, 4)}`);
    expect(res.statusCode, res.body).toBe(200);
    const index = res.json() as Index766;
    expect(index.groups.map((g) => [g.code, g.maxPoints])).toEqual([['1', 18], ['2', 20], ['3', 22], ['4', 22], ['5', 18]]);
    for (const g of index.groups) expect(g.components.reduce((s, c) => s + c.maxPoints, 0)).toBeCloseTo(g.maxPoints, 1);
    const byCode = new Map(index.groups.flatMap((g) => g.components).map((c) => [c.code, c]));
    for (const code of ['1.1', '1.2', '3.2', '3.3', '5.2', '5.3']) {
      expect(byCode.get(code)).toMatchObject({ computable: false, value: null, points: null, reason: expect.any(String), reasonEn: expect.any(String) });
    }
    for (const code of ['2.1', '3.1', '4.1', '4.2', '4.3', '5.1']) expect(byCode.get(code)).toMatchObject({ computable: true, value: expect.any(Number) });
    expect(index.groups[0]!.points).toBeNull();
    expect(index.computableMaxPoints).toBeLessThan(100);
    expect(index.points).toBeLessThanOrEqual(index.computableMaxPoints);
    for (const c of byCode.values()) expect(c.formula.length * c.formulaEn.length).toBeGreaterThan(0);
  });
});

describe('dossier alerts', () => {
  async function userWithEmail(username: string, role: string, scopeCode: string, agencyId: string | null) {
    const res = await admin.post('/api/users', { username, displayName: username, email: `${username}@example.org`, role, scopeUnitId: await t.unitId(scopeCode), agencyId, password: `password-of-${username}` });
    expect(res.statusCode, res.body).toBe(201);
    return () => t.signIn(username, `password-of-${username}`);
  }
  const notices = async (agent: Agent, kind: string) =>
    ((await agent.get('/api/notifications?limit=200')).json() as { items: { kind: string; title: string; titleEn: string; link: string }[] }).items.filter((n) => n.kind === kind);

  it('tells the holding agency once, in one grouped notice for 100 newly overdue dossiers, and escalates to its leader', async () => {
    const code = `A4-${tag}`;
    const a4 = await createAgency(code, W2);
    const officer = await userWithEmail(`officer-${tag}`, 'agency_officer', W2, a4);
    const clerk = await userWithEmail(`clerk-${tag}`, 'data_clerk', W2, a4);
    const leader = await userWithEmail(`leader-${tag}`, 'leader', W2, null);
    const received = addDays(today, -20);
    const overdue = Array.from({ length: 100 }, (_, i) => ({
      code: `O${i}-${tag}`, procedureCode: `P2-${tag}`, receivingUnitCode: W2, handlingAgencyCode: code, channel: 'direct',
      receivedAt: at(received), dueAt: endOf(addDays(today, -3)), events: [{ at: at(received), status: 'received', agencyCode: code }],
    }));
    const soon = Array.from({ length: 3 }, (_, i) => ({
      code: `S${i}-${tag}`, procedureCode: `P2-${tag}`, receivingUnitCode: W2, handlingAgencyCode: code, channel: 'online',
      receivedAt: at(received), dueAt: new Date(Date.now() + 3_600_000).toISOString(), events: [{ at: at(received), status: 'received', agencyCode: code }],
    }));
    await ingest([...overdue, ...soon]);

    // Two processes at once: each dossier is claimed by one of them.
    const [r1, r2] = await Promise.all([alertDossiers(t.database.db, { batchSize: 5000 }), alertDossiers(t.database.db, { batchSize: 5000 })]);
    expect(r1.overdue + r2.overdue).toBeGreaterThanOrEqual(100);
    for (const who of [officer, clerk]) {
      const agent = await who();
      const late = await notices(agent, 'dossier-overdue');
      expect(late).toHaveLength(1);
      expect(late[0]!.title).toContain('100 hồ sơ');
      expect(late[0]!.link).toContain(a4);
      expect((await notices(agent, 'dossier-due-soon')).map((n) => n.titleEn)).toEqual([expect.stringContaining('3 dossiers due soon')]);
    }
    const escalations = (await notices(await leader(), 'escalation')).filter((n) => n.title.includes(`Cơ quan thử ${code}`));
    expect(escalations).toHaveLength(1);
    expect(escalations[0]!.title).toContain('100 hồ sơ');

    // One live event per agency and run, not one per dossier.
    const events = await selectRows<{ type: string; data: { count: number; ids: string[] } }>(t.database.db,
      sql`SELECT type, data FROM events WHERE topic = 'dossiers' AND data->>'agencyId' = ${a4} ORDER BY seq`);
    expect(events.map((e) => [e.type, e.data.count, e.data.ids.length])).toEqual([['dossier.overdue', 100, 100], ['dossier.due-soon', 3, 3]]);

    // Running again alerts nothing more.
    expect(await alertDossiers(t.database.db)).toMatchObject({ overdue: 0, dueSoon: 0 });
    expect(await notices(await officer(), 'dossier-overdue')).toHaveLength(1);
  });

  it('sends one daily digest per recipient and day, by e-mail too', async () => {
    const officer = () => t.signIn(`officer-${tag}`, `password-of-officer-${tag}`);
    const first = await sendDossierDigest(t.database.db, { fromHour: 0 });
    expect(first.digests).toBeGreaterThanOrEqual(3);   // officer, clerk, leader (and the demo's people)
    expect((await sendDossierDigest(t.database.db, { fromHour: 0 })).digests).toBe(0);
    expect((await sendDossierDigest(t.database.db, { fromHour: 0, force: true })).digests).toBe(0);
    const digest = await notices(await officer(), 'dossier-digest');
    expect(digest).toHaveLength(1);
    expect(digest[0]!.title).toMatch(/100 quá hạn, 3 sắp đến hạn/);
    const mails = await selectRows<{ subject: string }>(t.database.db,
      sql`SELECT payload->>'subject' AS subject FROM outbox WHERE connector = 'email' AND payload->>'to' = ${`officer-${tag}@example.org`} ORDER BY id`);
    expect(mails.map((m) => m.subject)).toEqual([expect.stringContaining('quá hạn'), expect.stringContaining('sắp đến hạn'), expect.stringContaining('Tình hình hồ sơ')]);
  });
});
