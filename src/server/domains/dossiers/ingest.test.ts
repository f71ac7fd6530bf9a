import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../db/client.js';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app.js';
import { dailyStatsRecountSql } from './ingest.queries.js';

let t: TestApp;
let admin: Agent;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.admin();
  // Procedures of our own, so that the tests do not depend on the demo catalog.
  for (const [code, days] of [['T-HT-01', 3], ['T-DD-01', 5], ['T-KD-01', 0]] as const) {
    const res = await admin.post('/api/procedures', { code, name: `Thủ tục thử ${code}`, field: 'Thử nghiệm', level: 'district', processingDays: days, onlineLevel: 'level4' });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => { await t?.close(); });

type Result = { received: number; created: number; updated: number; unchanged: number; eventsAdded: number; duplicateEvents: number; errors: { index: number; code: string | null; field: string | null; message: string; messageEn: string }[]; replayed?: boolean };

let seq = 0;
const nextCode = (prefix = 'HS') => `${prefix}-${Date.now().toString(36)}-${++seq}`;

function dossier(overrides: Record<string, unknown> = {}) {
  return {
    code: nextCode(), procedureCode: 'T-DD-01', receivingUnitCode: '25195', handlingAgencyCode: 'BP-UBND-689', channel: 'online',
    receivedAt: '2024-02-07T10:00:00+07:00', events: [], ...overrides,
  };
}

async function bulk(agent: Agent, dossiers: unknown[], extra: Record<string, unknown> = {}, headers?: Record<string, string>) {
  return agent.post('/api/dossiers/bulk', { source: 'test-dvc', dossiers, ...extra }, headers);
}

async function stored(code: string, source = 'test-dvc') {
  const [row] = await selectRows<Record<string, unknown>>(t.database.db, sql`SELECT d.*, (SELECT count(*)::int FROM dossier_events e WHERE e.dossier_id = d.id) AS events
    FROM dossiers d WHERE source = ${source} AND code = ${code}`);
  return row;
}

describe('bulk upsert of dossiers', () => {
  it('creates a dossier, due 5 working days after receipt skipping Tết Giáp Thìn, with its receipt in the history', async () => {
    const d = dossier();
    const res = await bulk(admin, [d]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ received: 1, created: 1, updated: 0, unchanged: 0, eventsAdded: 1, duplicateEvents: 0, errors: [] });
    const row = (await stored(d.code))!;
    expect(new Date(row.due_at as string).toISOString()).toBe('2024-02-21T16:59:59.999Z');
    expect(row).toMatchObject({ status: 'received', unit_path: '/VN/70/689/25195/', events: 1 });
  });

  it('keeps a finished dossier finished when a delayed "in progress" arrives later', async () => {
    const d = dossier({ events: [
      { at: '2024-02-07T10:00:00+07:00', status: 'received' },
      { at: '2024-02-15T09:00:00+07:00', status: 'in_progress', agencyCode: 'BP-STNMT' },
      { at: '2024-02-20T16:00:00+07:00', status: 'finished', agencyCode: 'BP-UBND-689' },
    ] });
    expect((await bulk(admin, [d])).json()).toMatchObject({ created: 1, eventsAdded: 3 });
    const late = { ...d, events: [{ at: '2024-02-21T08:00:00+07:00', status: 'in_progress', agencyCode: 'BP-STNMT' }, { at: '2024-02-16T08:00:00+07:00', status: 'suspended' }] };
    expect((await bulk(admin, [late])).json()).toMatchObject({ updated: 1, eventsAdded: 2, duplicateEvents: 0 });
    const row = (await stored(d.code))!;
    expect(row).toMatchObject({ status: 'finished', timeliness: 'early', processing_days: 4, events: 5 });
    expect(new Date(row.finished_at as string).toISOString()).toBe('2024-02-20T09:00:00.000Z');
    // The holder is the agency of the latest event that names one, even when it arrived late.
    const [bpStnmt] = await selectRows<{ id: string }>(t.database.db, sql`SELECT id FROM agencies WHERE code = 'BP-STNMT'`);
    expect(row.holding_agency_id).toBe(bpStnmt!.id);
  });

  it('finishes a dossier whose "finished" event arrives before the older "in progress" one', async () => {
    const d = dossier({ events: [{ at: '2024-02-22T10:00:00+07:00', status: 'finished' }] });
    await bulk(admin, [d]);
    await bulk(admin, [{ ...d, events: [{ at: '2024-02-19T10:00:00+07:00', status: 'in_progress' }] }]);
    const row = (await stored(d.code))!;
    expect(row).toMatchObject({ status: 'finished', timeliness: 'late' });
    expect(new Date(row.last_event_at as string).toISOString()).toBe('2024-02-22T03:00:00.000Z');
  });

  it('counts an event sent twice as a duplicate and stores it once', async () => {
    const ev = { at: '2024-02-15T09:00:00+07:00', status: 'in_progress' };
    const d = dossier({ events: [ev, ev] });
    expect((await bulk(admin, [d])).json()).toMatchObject({ created: 1, eventsAdded: 2, duplicateEvents: 1 });   // receipt + in progress
    expect((await bulk(admin, [{ ...d, events: [ev, { at: '2024-02-16T09:00:00+07:00', status: 'additional_docs' }] }])).json())
      .toMatchObject({ updated: 1, eventsAdded: 1, duplicateEvents: 1 });
    expect((await stored(d.code))!).toMatchObject({ status: 'additional_docs', events: 3 });
  });

  it('answers "unchanged" to the same dossiers sent again, and writes nothing', async () => {
    const ds = [dossier({ events: [{ at: '2024-02-08T09:00:00+07:00', status: 'in_progress' }] }), dossier({ channel: 'direct' })];
    expect((await bulk(admin, ds)).json()).toMatchObject({ created: 2 });
    const [before] = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM events WHERE topic = 'dossiers'`);
    expect((await bulk(admin, ds)).json()).toMatchObject({ received: 2, created: 0, updated: 0, unchanged: 2, eventsAdded: 0, duplicateEvents: 1 });
    const [after] = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM events WHERE topic = 'dossiers'`);
    expect(after!.n).toBe(before!.n);
  });

  it('gives back the first answer to a retry with the same Idempotency-Key, and refuses the key with another body', async () => {
    const ds = [dossier()];
    const key = `key-${nextCode()}`;
    const first = await bulk(admin, ds, {}, { 'idempotency-key': key });
    expect(first.json()).toMatchObject({ created: 1, replayed: false });
    const again = await bulk(admin, ds, {}, { 'idempotency-key': key });
    expect(again.json()).toMatchObject({ created: 1, replayed: true });
    const other = await bulk(admin, [dossier()], {}, { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'idempotency-mismatch' });
  });

  it('writes nothing when one dossier is invalid (all-or-nothing), and lists every error by index', async () => {
    const good = dossier();
    const dup = dossier();
    const bad = [
      good,
      dossier({ procedureCode: 'NO-SUCH' }),
      dossier({ receivingUnitCode: 'NO-SUCH' }),
      dossier({ handlingAgencyCode: 'NO-SUCH' }),
      dossier({ events: [{ at: '2024-02-06T10:00:00+07:00', status: 'finished' }] }),
      dossier({ receivedAt: '2024-02-30T10:00:00+07:00' }),
      dup, { ...dup },
      dossier({ channel: 'fax' }),
      dossier({ receivingUnitCode: 'DN-new-p-dong-xoai' }),       // exists from 1 July 2025 only
    ];
    const res = await bulk(admin, bad);
    expect(res.statusCode).toBe(422);
    const body = res.json() as { code: string; report: Result };
    expect(body.code).toBe('ingest-rejected');
    expect(body.report.created).toBe(0);
    const byIndex = (i: number) => body.report.errors.filter((e) => e.index === i);
    expect(byIndex(0)).toEqual([]);
    expect(byIndex(1)[0]).toMatchObject({ field: 'procedureCode', messageEn: expect.stringContaining('unknown procedure') });
    expect(byIndex(2)[0]).toMatchObject({ field: 'receivingUnitCode' });
    expect(byIndex(3)[0]).toMatchObject({ field: 'handlingAgencyCode' });
    expect(byIndex(4)[0]).toMatchObject({ field: 'events.0.at', message: 'Thời điểm hoàn thành trước thời điểm tiếp nhận' });
    expect(byIndex(5)[0]).toMatchObject({ field: 'receivedAt' });
    expect(byIndex(6)[0]).toMatchObject({ field: 'code', messageEn: 'dossier code repeated in this batch' });
    expect(byIndex(7)[0]).toMatchObject({ field: 'code' });
    expect(byIndex(8)[0]).toMatchObject({ field: 'channel' });
    expect(byIndex(9)[0]).toMatchObject({ field: 'receivingUnitCode', messageEn: expect.stringContaining('did not exist') });
    expect(await stored(good.code)).toBeUndefined();
  });

  it('writes nothing of a 2,500-dossier batch whose last chunk conflicts with stored history, though earlier chunks were already sent', async () => {
    const early = dossier({ receivedAt: '2024-03-01T08:00:00+07:00', events: [{ at: '2024-03-02T08:00:00+07:00', status: 'in_progress' }] });
    expect((await bulk(admin, [early])).statusCode).toBe(200);
    const batch = Array.from({ length: 2_500 }, () => dossier());
    // The stored in-progress event precedes this new receipt: found while merging the third chunk of 1,000.
    batch[2_400] = { ...early, receivedAt: '2024-03-05T08:00:00+07:00', events: [] };
    const res = await bulk(admin, batch);
    expect(res.statusCode, res.body).toBe(422);
    expect((res.json() as { report: Result }).report.errors).toMatchObject([{ index: 2_400, field: 'receivedAt' }]);
    expect(await stored(batch[0]!.code)).toBeUndefined();
    expect(await stored(batch[1_999]!.code)).toBeUndefined();
  });

  it('reports the invalid dossiers of every chunk of a 2,500-dossier batch, validated while earlier chunks were written, and keeps none', async () => {
    const batch = Array.from({ length: 2_500 }, () => dossier());
    batch[1_500] = dossier({ procedureCode: 'NO-SUCH' });     // the second chunk of 1,000
    batch[2_450] = dossier({ channel: 'fax' });               // the third
    const res = await bulk(admin, batch);
    expect(res.statusCode, res.body).toBe(422);
    expect((res.json() as { report: Result }).report.errors.map((e) => [e.index, e.field])).toEqual([[1_500, 'procedureCode'], [2_450, 'channel']]);
    expect(await stored(batch[0]!.code)).toBeUndefined();
    // The same batch in skip-invalid mode keeps the 2,498 others.
    const kept = await bulk(admin, batch.map((d, i) => (i === 1_500 || i === 2_450 ? d : { ...d, code: `${d.code}-k` })), { mode: 'skip-invalid' });
    expect(kept.json()).toMatchObject({ received: 2_500, created: 2_498 });
  });

  it('refuses to delete a procedure that a stored dossier names, and deletes one that none names', async () => {
    const res = await admin.post('/api/procedures', { code: 'T-XOA-01', name: 'Thủ tục thử để xóa', field: 'Thử nghiệm', level: 'district', processingDays: 2, onlineLevel: 'level4' });
    expect(res.statusCode, res.body).toBe(201);
    const named = dossier({ procedureCode: 'T-DD-01' });
    expect((await bulk(admin, [named])).statusCode).toBe(200);
    await expect(t.database.db.execute(sql`DELETE FROM procedures WHERE code = 'T-DD-01'`)).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23503' }) });
    expect(await stored(named.code)).toBeDefined();
    await t.database.db.execute(sql`DELETE FROM procedures WHERE code = 'T-XOA-01'`);
    const [left] = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM procedures WHERE code = 'T-XOA-01'`);
    expect(left!.n).toBe(0);
  });

  it('writes the valid dossiers and reports the others in skip-invalid mode', async () => {
    const good = dossier();
    const res = await bulk(admin, [dossier({ procedureCode: 'NO-SUCH' }), good], { mode: 'skip-invalid' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ received: 2, created: 1, errors: [{ index: 0, field: 'procedureCode' }] });
    expect(await stored(good.code)).toBeDefined();
  });

  it('refuses an agency officer dossiers of units outside their scope (403) and takes those inside', async () => {
    const officer = await t.userAgent({ role: 'agency_officer', scopeCode: '689' });
    const outside = await bulk(officer, [dossier(), dossier({ receivingUnitCode: '25220' })]);   // 25220: Phước Long
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'out-of-scope' });
    expect((await bulk(officer, [dossier()])).json()).toMatchObject({ created: 1 });
    const viewer = await t.userAgent({ role: 'viewer', scopeCode: '689' });
    expect((await bulk(viewer, [dossier()])).statusCode).toBe(403);
  });

  it('announces the change on the hub per receiving unit and audits the batch once', async () => {
    const ds = [dossier(), dossier({ receivingUnitCode: '25198' }), dossier()];
    await bulk(admin, ds, { source: 'test-hub' });
    const events = await selectRows<{ unit_path: string; data: { ids: string[]; count: number } }>(t.database.db,
      sql`SELECT unit_path, data FROM events WHERE topic = 'dossiers' AND type = 'dossier.upserted' AND data->>'source' = 'test-hub' ORDER BY unit_path`);
    expect(events.map((e) => [e.unit_path, e.data.count])).toEqual([['/VN/70/689/25195/', 2], ['/VN/70/689/25198/', 1]]);
    const audits = await selectRows<{ unit_path: string; after: { created: number } }>(t.database.db,
      sql`SELECT unit_path, after FROM audit_log WHERE action = 'dossier.bulk-upsert' AND entity_id = 'test-hub'`);
    expect(audits).toEqual([{ unit_path: '/VN/70/689/', after: expect.objectContaining({ created: 3 }) }]);
  });
});

describe('daily counts', () => {
  it('match a recount from the dossiers after a mixed sequence of creates, updates and late events', async () => {
    const a = dossier({ channel: 'online', onlinePayment: true, satisfaction: 'satisfied' });
    const b = dossier({ channel: 'direct', handlingAgencyCode: undefined, receivedAt: '2024-04-26T16:30:00+07:00', procedureCode: 'T-HT-01' });
    const c = dossier({ channel: 'postal', receivedAt: '2024-12-31T23:30:00+07:00', procedureCode: 'T-KD-01' });
    await bulk(admin, [a, b, c], { source: 'test-stats' });
    await bulk(admin, [
      { ...a, events: [{ at: '2024-02-20T10:00:00+07:00', status: 'finished' }] },
      { ...b, events: [{ at: '2024-05-06T08:00:00+07:00', status: 'finished' }], digitisedResult: true },
    ], { source: 'test-stats' });
    // a moves to another agency and unit; c finishes the next day; b gets a late in-progress
    await bulk(admin, [
      { ...a, handlingAgencyCode: 'BP-STNMT', receivingUnitCode: '25198', events: [{ at: '2024-02-20T10:00:00+07:00', status: 'finished' }] },
      { ...b, events: [{ at: '2024-04-29T08:00:00+07:00', status: 'in_progress' }], digitisedResult: true, satisfaction: 'dissatisfied' },
      { ...c, events: [{ at: '2025-01-01T09:00:00+07:00', status: 'finished' }] },
    ], { source: 'test-stats' });
    const recount = await selectRows<Record<string, unknown>>(t.database.db, sql`SELECT * FROM (${dailyStatsRecountSql()}) r ORDER BY 1, 2, 3, 4, 5`);
    const stats = await selectRows<Record<string, unknown>>(t.database.db, sql`SELECT day, procedure_id, unit_id, agency_id, channel, received, finished, finished_early,
        finished_on_time, finished_late, processing_days_sum, paid_online, digitised, rated, satisfied FROM dossier_daily_stats
      WHERE received <> 0 OR finished <> 0 OR finished_early <> 0 OR finished_on_time <> 0 OR finished_late <> 0 OR processing_days_sum <> 0
        OR paid_online <> 0 OR digitised <> 0 OR rated <> 0 OR satisfied <> 0
      ORDER BY 1, 2, 3, 4, 5`);
    const norm = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(Object.values(r).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'number' ? v : String(v)))));
    expect(norm(stats)).toEqual(norm(recount));
    // The dossier received at 23:30 on 31 December counts on that day (Vietnam time), its finish on 1 January.
    const [c1] = await selectRows<{ received: number; finished: number }>(t.database.db, sql`SELECT sum(received)::int AS received, sum(finished)::int AS finished FROM dossier_daily_stats s
      JOIN procedures p ON p.id = s.procedure_id WHERE p.code = 'T-KD-01' AND s.day = '2024-12-31'`);
    expect(c1).toEqual({ received: 1, finished: 0 });
    const b1 = (await stored(b.code, 'test-stats'))!;
    expect(b1).toMatchObject({ status: 'finished', timeliness: 'late', processing_days: 4 });   // due 4/5 (2/5, 3/5 and the make-up Saturday 4/5), finished Monday 6/5
  });
});
