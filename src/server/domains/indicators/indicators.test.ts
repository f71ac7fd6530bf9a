import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCacheOf } from '../../core/read-cache.js';
import { selectRows } from '../../db/client.js';
import { type Agent, createTestApp, type TestApp } from '../../test/test-app.js';

let t: TestApp;
let admin: Agent;
let clerk: Agent;            // data clerk of Thành phố Đồng Xoài (689)
let provinceLeader: Agent;   // leader of Bình Phước (70): the level above the districts
let dongXoai: string;
let binhLong: string;
const FORM = 'T-ANTT';
const entryUrl = (unitId: string, period: string) => `/api/forms/${FORM}/entry?unitId=${unitId}&period=${period}`;
const reportUrl = (unitId: string, period: string, action: string) => `/api/forms/${FORM}/reports/${unitId}/${period}/${action}`;

type Cell = { rowCode: string; optionKey: string; value: number | null; version: number; previous: number | null; lastYear: number | null; updatedBy: string | null };

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.admin();
  dongXoai = await t.unitId('689');
  binhLong = await t.unitId('690');
  // The seed reports from 2021 on; this form's tests use 2020, where nothing is reported yet.
  const form = await admin.post('/api/forms', {
    code: FORM, name: 'Biểu thử an toàn giao thông', nameEn: 'Test traffic form', periodType: 'monthly', deadlineDays: 5, validFromPeriod: '2020-01',
    rows: [
      { rowCode: '01', section: 'Tai nạn', indicatorCode: 'TRAFFIC_ACCIDENTS' },
      { rowCode: '02', section: 'Tai nạn', indicatorCode: 'TRAFFIC_DEATHS' },
      { rowCode: '03', section: 'Y tế', indicatorCode: 'CHILD_VACCINATION_COVERAGE' },
      { rowCode: '04', section: 'Lao động', indicatorCode: 'JOBS_CREATED' },
    ],
    assignedUnitIds: [dongXoai, binhLong],
  });
  expect(form.statusCode).toBe(201);
  const rule = await admin.post('/api/validation-rules', {
    code: 'T-DEATHS-LE-3X', name: 'Số người chết ≤ 3 lần số vụ', nameEn: 'Deaths ≤ 3 × accidents', kind: 'comparison', severity: 'blocking', formCode: FORM,
    params: { left: 'TRAFFIC_DEATHS', op: '<=', right: 'TRAFFIC_ACCIDENTS * 3' },
  });
  expect(rule.statusCode).toBe(201);
  clerk = await t.userAgent({ role: 'data_clerk', scopeCode: '689' });
  provinceLeader = await t.userAgent({ role: 'leader', scopeCode: '70' });
});
afterAll(async () => { await t?.close(); });

async function entry(agent: Agent, unitId: string, period: string) {
  const res = await agent.get(entryUrl(unitId, period));
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { cells: Cell[]; submission: { state: string; dueOn: string; isLate: boolean }; validation: { ruleCode: string; severity: string }[]; editable: boolean; optionKeys: Record<string, { key: string }[]> };
}

const cell = (cells: Cell[], rowCode: string, optionKey = '') => cells.find((c) => c.rowCode === rowCode && c.optionKey === optionKey)!;

describe('catalog', () => {
  it('refuses a derived indicator whose formula would make a cycle, naming it', async () => {
    const a = await admin.post('/api/indicators', { code: 'T_A', name: 'A', nameEn: 'A', measureUnit: '%', sector: 'economy', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', formula: 'TRAFFIC_DEATHS / TRAFFIC_ACCIDENTS' });
    expect(a.statusCode).toBe(201);
    const b = await admin.post('/api/indicators', { code: 'T_B', name: 'B', nameEn: 'B', measureUnit: '%', sector: 'economy', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', formula: 'T_A * 2' });
    expect(b.statusCode).toBe(201);
    const cyc = await admin.patch(`/api/indicators/${(a.json() as { id: string }).id}`, { formula: 'T_B + 1' });
    expect(cyc.statusCode).toBe(400);
    expect(cyc.json()).toMatchObject({ code: 'formula-cycle', cycle: expect.arrayContaining(['T_A', 'T_B']) });
    const unknown = await admin.post('/api/indicators', { code: 'T_C', name: 'C', nameEn: 'C', measureUnit: '%', sector: 'economy', valueType: 'number', unitAggregation: 'none', timeAggregation: 'none', formula: 'NOPE * 2' });
    expect(unknown.json()).toMatchObject({ code: 'formula-invalid' });
  });

  it('finds indicators without diacritics', async () => {
    const res = (await admin.get(`/api/indicators?q=${encodeURIComponent('tai nan giao thong')}`)).json() as { code: string }[];
    expect(res.map((i) => i.code)).toContain('TRAFFIC_ACCIDENTS');
  });

  it('keeps the old version of a form for old periods when a new version starts', async () => {
    const v2 = await admin.post('/api/forms', {
      code: FORM, name: 'Biểu thử (phiên bản 2)', nameEn: 'Test traffic form v2', periodType: 'monthly', deadlineDays: 5, validFromPeriod: '2020-09',
      rows: [{ rowCode: '01', indicatorCode: 'TRAFFIC_ACCIDENTS' }, { rowCode: '02', indicatorCode: 'TRAFFIC_DEATHS' }, { rowCode: '03', indicatorCode: 'CHILD_VACCINATION_COVERAGE' }, { rowCode: '04', indicatorCode: 'JOBS_CREATED' }, { rowCode: '05', indicatorCode: 'FIRES' }],
    });
    expect(v2.json()).toMatchObject({ version: 2 });
    expect((await admin.get(`/api/forms/${FORM}?period=2020-05`)).json()).toMatchObject({ version: 1, rows: expect.arrayContaining([expect.objectContaining({ rowCode: '04' })]) });
    expect(((await admin.get(`/api/forms/${FORM}?period=2020-10`)).json() as { rows: unknown[] }).rows).toHaveLength(5);
  });
});

describe('data entry', () => {
  it('shows the grid with disaggregations, the previous period and the same period last year', async () => {
    const april = await entry(clerk, dongXoai, '2020-04');
    expect(april.editable).toBe(true);
    expect(april.optionKeys.JOBS_CREATED!.map((o) => o.key)).toEqual(['AREA=URBAN;SEX=MALE', 'AREA=URBAN;SEX=FEMALE', 'AREA=RURAL;SEX=MALE', 'AREA=RURAL;SEX=FEMALE']);
    const saved = await clerk.request({ method: 'PUT', url: entryUrl(dongXoai, '2020-04'), payload: { values: [{ rowCode: '01', value: 12, baseVersion: 0 }, { rowCode: '02', value: 3, baseVersion: 0 }] } });
    expect(saved.statusCode, saved.body).toBe(200);
    const may = await entry(clerk, dongXoai, '2020-05');
    expect(cell(may.cells, '01')).toMatchObject({ value: null, previous: 12, version: 0 });
  });

  it('saves a cell with its version and refuses a stale edit from a second clerk, saving nothing', async () => {
    const other = await t.userAgent({ role: 'data_clerk', scopeCode: '689' });
    const first = await clerk.request({ method: 'PUT', url: entryUrl(dongXoai, '2020-05'), payload: { values: [{ rowCode: '01', value: 10, baseVersion: 0 }] } });
    expect(first.statusCode).toBe(200);
    const v1 = cell((first.json() as { cells: Cell[] }).cells, '01');
    expect(v1).toMatchObject({ value: 10, version: 1 });
    // The second clerk opened the grid before the first saved: base version 0.
    const stale = await other.request({ method: 'PUT', url: entryUrl(dongXoai, '2020-05'), payload: { values: [{ rowCode: '02', value: 1, baseVersion: 0 }, { rowCode: '01', value: 11, baseVersion: 0 }] } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale-value', conflicts: [expect.objectContaining({ rowCode: '01', currentVersion: 1, currentValue: 10 })] });
    const after = await entry(clerk, dongXoai, '2020-05');
    expect(cell(after.cells, '01').value).toBe(10);
    expect(cell(after.cells, '02').value).toBeNull(); // the valid cell of the refused batch was not saved either
  });

  it.each([
    [{ rowCode: '01', value: 2.5, baseVersion: 0 }, /whole numbers/],
    [{ rowCode: '03', value: 104, baseVersion: 0 }, /above the maximum 100/],
    [{ rowCode: '01', value: -1, baseVersion: 0 }, /below the minimum/],
    [{ rowCode: '04', optionKey: 'SEX=OTHER', value: 1, baseVersion: 0 }, /not a disaggregation/],
    [{ rowCode: '99', value: 1, baseVersion: 0 }, /not on form/],
  ])('refuses %o with a clear message and saves nothing', async (value, message) => {
    const res = await clerk.request({ method: 'PUT', url: entryUrl(dongXoai, '2020-06'), payload: { values: [{ rowCode: '02', value: 1, baseVersion: 0 }, value] } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'value-invalid' });
    expect(JSON.stringify((res.json() as { errors: unknown[] }).errors)).toMatch(message);
    expect(cell((await entry(clerk, dongXoai, '2020-06')).cells, '02').value).toBeNull();
  });

  it('refuses a period that does not exist, a unit outside the scope and a unit that does not report the form', async () => {
    expect((await clerk.get(entryUrl(dongXoai, '2020-13'))).json()).toMatchObject({ code: 'invalid-period' });
    expect((await clerk.get(entryUrl(dongXoai, '2019-12'))).json()).toMatchObject({ code: 'invalid-period' });
    expect((await clerk.get(entryUrl(binhLong, '2020-05'))).statusCode).toBe(404);
    expect((await admin.get(entryUrl(await t.unitId('691'), '2020-05'))).json()).toMatchObject({ code: 'not-assigned' });
  });

  it('records who changed a value, when and from what', async () => {
    await clerk.request({ method: 'PUT', url: entryUrl(dongXoai, '2020-07'), payload: { values: [{ rowCode: '01', value: 5, baseVersion: 0 }] } });
    await clerk.request({ method: 'PUT', url: entryUrl(dongXoai, '2020-07'), payload: { values: [{ rowCode: '01', value: 6, comment: 'Bổ sung 1 vụ', baseVersion: 1 }] } });
    const history = (await clerk.get(`/api/values/history?indicatorCode=TRAFFIC_ACCIDENTS&unitId=${dongXoai}&period=2020-07`)).json() as { oldValue: number | null; newValue: number; actorName: string; comment: string | null }[];
    expect(history.map((h) => [h.oldValue, h.newValue])).toEqual([[5, 6], [null, 5]]);
    expect(history[0]).toMatchObject({ comment: 'Bổ sung 1 vụ', actorName: expect.stringMatching(/^data-clerk/) });
  });
});

describe('forms assigned to agencies', () => {
  it('lets only the assigned department enter the province’s report, and names it in the completeness board', async () => {
    const province = await t.unitId('70');
    const agencies = (await admin.get('/api/agencies?includeEnded=true&q=BP-SYT')).json() as { items: { id: string; code: string; name: string }[] };
    const health = agencies.items.find((a) => a.code === 'BP-SYT')!;
    const created = await admin.post('/api/forms', {
      code: 'T-YTE', name: 'Biểu thử y tế', nameEn: 'Test health form', periodType: 'monthly', deadlineDays: 5, validFromPeriod: '2020-01',
      rows: [{ rowCode: '01', indicatorCode: 'TRAFFIC_ACCIDENTS' }], assignedAgencyIds: [health.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ assignedUnitIds: [province], assignedAgencies: [{ agencyId: health.id, agencyName: health.name, unitId: province }] });

    const url = `/api/forms/T-YTE/entry?unitId=${province}&period=2020-03`;
    const financeClerk = await t.userAgent({ role: 'data_clerk', scopeCode: '70', agencyCode: 'BP-STC' });
    const refused = await financeClerk.request({ method: 'PUT', url, payload: { values: [{ rowCode: '01', value: 4, baseVersion: 0 }] } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ detail: expect.stringContaining(health.name) });
    expect(((await financeClerk.get(url)).json() as { editable: boolean }).editable).toBe(false);
    const healthClerk = await t.userAgent({ role: 'data_clerk', scopeCode: '70', agencyCode: 'BP-SYT' });
    expect((await healthClerk.request({ method: 'PUT', url, payload: { values: [{ rowCode: '01', value: 4, baseVersion: 0 }] } })).statusCode).toBe(200);

    const board = (await admin.get('/api/forms/T-YTE/completeness?period=2020-03')).json() as { units: { unitId: string; agencyNames: string[] }[] };
    expect(board.units).toEqual([expect.objectContaining({ unitId: province, agencyNames: [health.name] })]);
  });
});

describe('data quality', () => {
  it('checks a district against the sum of its communes, on entry and in the quality view of the period', async () => {
    const rule = await admin.post('/api/validation-rules', {
      code: 'T-ACC-SUM', name: 'Số vụ tai nạn khớp tổng cấp xã', nameEn: 'Accidents match the communes', kind: 'children_sum', severity: 'warning', formCode: FORM,
      params: { indicatorCode: 'TRAFFIC_ACCIDENTS', tolerancePct: 0 },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const [accidents] = await selectRows<{ id: string }>(t.database.db, sql`SELECT id FROM indicators WHERE code = 'TRAFFIC_ACCIDENTS'`);
    const communes = await selectRows<{ id: string }>(t.database.db, sql`SELECT id FROM units WHERE parent_id = ${dongXoai} AND valid_from <= '2020-12-31' AND (valid_to IS NULL OR valid_to > '2020-12-31') ORDER BY code LIMIT 2`);
    for (const [i, c] of communes.entries()) {
      await t.database.db.execute(sql`INSERT INTO indicator_values (indicator_id, unit_id, period_type, period_id, period_start, option_key, value, version)
        VALUES (${accidents!.id}, ${c.id}, 'monthly', '2020-12', '2020-12-01', '', ${3 + i}, 1)`);
    }
    const saved = await clerk.request({ method: 'PUT', url: entryUrl(dongXoai, '2020-12'), payload: { values: [{ rowCode: '01', value: 9, baseVersion: 0 }] } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as { validation: { ruleCode: string; messageVi: string }[] }).validation)
      .toEqual([expect.objectContaining({ ruleCode: 'T-ACC-SUM', messageVi: expect.stringContaining('khác tổng của 2 đơn vị cấp dưới (7)') })]);

    const quality = (await admin.get(`/api/forms/${FORM}/quality?period=2020-12`)).json() as { checked: number; warnings: number; reports: { unitId: string; failures: { ruleCode: string }[] }[] };
    expect(quality.warnings).toBe(1);
    expect(quality.reports[0]).toMatchObject({ unitId: dongXoai, failures: [expect.objectContaining({ ruleCode: 'T-ACC-SUM' })] });

    await clerk.request({ method: 'PUT', url: entryUrl(dongXoai, '2020-12'), payload: { values: [{ rowCode: '01', value: 7, baseVersion: 1 }] } });
    expect(((await admin.get(`/api/forms/${FORM}/quality?period=2020-12`)).json() as { warnings: number }).warnings).toBe(0);
  });
});

describe('workflow', () => {
  it('blocks a submit on a failing blocking rule, then submits, approves from the level above, locks and reopens with a reason', async () => {
    await clerk.request({ method: 'PUT', url: entryUrl(dongXoai, '2020-08'), payload: { values: [{ rowCode: '01', value: 2, baseVersion: 0 }, { rowCode: '02', value: 9, baseVersion: 0 }] } });
    const blocked = await clerk.post(reportUrl(dongXoai, '2020-08', 'submit'), {});
    expect(blocked.statusCode).toBe(422);
    expect(blocked.json()).toMatchObject({ code: 'validation-blocked', validation: [expect.objectContaining({ ruleCode: 'T-DEATHS-LE-3X' })] });
    await clerk.request({ method: 'PUT', url: entryUrl(dongXoai, '2020-08'), payload: { values: [{ rowCode: '02', value: 4, baseVersion: 1 }] } });
    expect((await clerk.post(reportUrl(dongXoai, '2020-08', 'submit'), {})).json()).toMatchObject({ state: 'submitted' });

    // The approvals inbox: the province leader may decide on it; the district's own leader may not.
    type Inbox = { items: { formCode: string; unitId: string; periodId: string; canDecide: boolean }[] };
    const inbox = (await provinceLeader.get(`/api/reports?state=submitted&awaitingMe=true&formCode=${FORM}`)).json() as Inbox;
    expect(inbox.items).toEqual([expect.objectContaining({ formCode: FORM, unitId: dongXoai, periodId: '2020-08', canDecide: true })]);
    const districtLeader = await t.userAgent({ role: 'leader', scopeCode: '689' });
    expect(((await districtLeader.get(`/api/reports?state=submitted&awaitingMe=true&formCode=${FORM}`)).json() as Inbox).items).toEqual([]);
    expect(((await districtLeader.get(`/api/reports?state=submitted&formCode=${FORM}`)).json() as Inbox).items).toEqual([expect.objectContaining({ canDecide: false })]);

    const locked = await clerk.request({ method: 'PUT', url: entryUrl(dongXoai, '2020-08'), payload: { values: [{ rowCode: '01', value: 3, baseVersion: 1 }] } });
    expect(locked.json()).toMatchObject({ code: 'report-not-editable' });
    expect((await districtLeader.post(reportUrl(dongXoai, '2020-08', 'approve'), {})).statusCode).toBe(403);
    expect((await provinceLeader.post(reportUrl(dongXoai, '2020-08', 'approve'), {})).json()).toMatchObject({ state: 'approved' });
    expect((await provinceLeader.post(reportUrl(dongXoai, '2020-08', 'lock'), {})).json()).toMatchObject({ state: 'locked' });
    expect((await provinceLeader.post(reportUrl(dongXoai, '2020-08', 'reopen'), {})).statusCode).toBe(400); // a reason is required
    expect((await provinceLeader.post(reportUrl(dongXoai, '2020-08', 'reopen'), { reason: 'Sai số liệu người chết' })).json()).toMatchObject({ state: 'returned', reason: 'Sai số liệu người chết' });
    expect((await entry(clerk, dongXoai, '2020-08')).editable).toBe(true);
    const log = (await admin.get('/api/audit?entityType=submission&limit=20')).json() as { items: { action: string }[] };
    expect(log.items.map((i) => i.action)).toEqual(expect.arrayContaining(['submission.submit', 'submission.approve', 'submission.lock', 'submission.reopen', 'values.save']));
  });

  it('names the late units of a period and counts on-time submissions from submission times', async () => {
    // Bình Long never reports 2020-09; Đồng Xoài submits now, long after the due date.
    await clerk.request({ method: 'PUT', url: entryUrl(dongXoai, '2020-09'), payload: { values: [{ rowCode: '01', value: 1, baseVersion: 0 }] } });
    await clerk.post(reportUrl(dongXoai, '2020-09', 'submit'), {});
    const c = (await admin.get(`/api/forms/${FORM}/completeness?period=2020-09`)).json() as { expected: number; submitted: number; onTime: number; dueOn: string; lateUnits: { unitName: string; submitted: boolean; daysLate: number }[] };
    expect(c).toMatchObject({ expected: 2, submitted: 1, onTime: 0, dueOn: '2020-10-05' });
    expect(c.lateUnits.map((u) => [u.unitName, u.submitted])).toEqual(expect.arrayContaining([['Thị xã Bình Long', false], ['Thành phố Đồng Xoài', true]]));
    expect(c.lateUnits.every((u) => u.daysLate > 2000)).toBe(true);
  });
});

describe('system push', () => {
  it('applies a push once per idempotency key and refuses the key with another body', async () => {
    const key = await admin.post('/api/api-keys', { name: 'ANTT connector', role: 'data_clerk', scopeUnitId: binhLong });
    const secret = (key.json() as { secret: string }).secret;
    const body = { unitId: binhLong, period: '2020-10', submit: true, values: [{ rowCode: '01', value: 7 }, { rowCode: '02', value: 1 }, { rowCode: '04', optionKey: 'AREA=URBAN;SEX=FEMALE', value: 30 }] };
    const push = (b: unknown, idem: string) => t.app.inject({ method: 'POST', url: `/api/forms/${FORM}/values`, headers: { 'x-api-key': secret, 'idempotency-key': idem }, payload: b as object });
    const first = await push(body, 'push-2020-10-a');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ saved: 3, state: 'submitted', replayed: false });
    const again = await push(body, 'push-2020-10-a');
    expect(again.json()).toMatchObject({ saved: 3, replayed: true });
    const history = (await admin.get(`/api/values/history?indicatorCode=TRAFFIC_ACCIDENTS&unitId=${binhLong}&period=2020-10`)).json() as unknown[];
    expect(history).toHaveLength(1);
    expect((await push({ ...body, values: [{ rowCode: '01', value: 8 }] }, 'push-2020-10-a')).json()).toMatchObject({ code: 'idempotency-mismatch' });
    expect((await t.app.inject({ method: 'POST', url: `/api/forms/${FORM}/values`, headers: { 'x-api-key': secret }, payload: body })).statusCode).toBe(400);
  });
});

describe('analytics', () => {
  it('rolls communes up and keeps Bình Phước’s history inside Đồng Nai after the 2025 merger', async () => {
    const before = (await admin.get(`/api/analytics?indicators=TRAFFIC_ACCIDENTS&unitIds=${await t.unitId('70')}&periodType=yearly&from=2023&to=2024&asOf=2025-06-30`)).json() as { rows: { periodId: string; value: number }[] };
    const after = (await admin.get(`/api/analytics?indicators=TRAFFIC_ACCIDENTS&unitIds=${await t.unitId('75')}&periodType=yearly&from=2023&to=2024`)).json() as { rows: { periodId: string; value: number }[] };
    expect(before.rows.every((r) => r.value > 50)).toBe(true);
    expect(after.rows).toEqual(before.rows.map((r) => ({ ...r, unitId: expect.any(String) })));
    const districts = (await admin.get(`/api/analytics?indicators=TRAFFIC_ACCIDENTS&childrenOf=${await t.unitId('70')}&periodType=yearly&from=2024&to=2024&asOf=2025-06-30`)).json() as { units: unknown[]; rows: { value: number }[] };
    expect(districts.units).toHaveLength(11);
    expect(districts.rows.reduce((s, r) => s + r.value, 0)).toBe(before.rows.find((r) => r.periodId === '2024')!.value);
  });

  it('computes a derived rate from rolled-up inputs, not by adding rates', async () => {
    const q = `indicators=POVERTY_RATE,POOR_HOUSEHOLDS,TOTAL_HOUSEHOLDS&unitIds=${await t.unitId('70')}&periodType=yearly&from=2023&to=2023&asOf=2025-06-30`;
    const rows = ((await admin.get(`/api/analytics?${q}`)).json() as { rows: { indicatorCode: string; value: number }[] }).rows;
    const v = (code: string) => rows.find((r) => r.indicatorCode === code)!.value;
    expect(v('POVERTY_RATE')).toBeCloseTo((v('POOR_HOUSEHOLDS') / v('TOTAL_HOUSEHOLDS')) * 100, 1);
  });

  it('shows a new value at once, and announces it on the live hub', async () => {
    const q = `/api/analytics?indicators=FIRES&unitIds=${dongXoai}&periodType=monthly&from=2020-11&to=2020-11&asOf=2020-12-01`;
    expect(((await admin.get(q)).json() as { rows: { value: number | null }[] }).rows[0]!.value).toBeNull();
    await clerk.request({ method: 'PUT', url: entryUrl(dongXoai, '2020-11'), payload: { values: [{ rowCode: '05', value: 2, baseVersion: 0 }] } });
    expect(((await admin.get(q)).json() as { rows: { value: number | null }[] }).rows[0]!.value).toBe(2);
    const events = await selectRows<{ type: string; unit_path: string }>(t.database.db, sql`SELECT type, unit_path FROM events WHERE type = 'values.changed' ORDER BY seq DESC LIMIT 1`);
    expect(events[0]).toMatchObject({ unit_path: expect.stringContaining('/689/') });
  });

  it('drops a cached overview when another server process commits a change', async () => {
    const q = `/api/analytics?indicators=FIRES&unitIds=${dongXoai}&periodType=monthly&from=2020-10&to=2020-10&asOf=2020-12-01`;
    const read = async () => ((await admin.get(q)).json() as { rows: { value: number | null }[] }).rows[0]!.value;
    expect(await read()).toBeNull();
    // What another process does: write the value and publish its event, outside this process's requests.
    const [fires] = await selectRows<{ id: string }>(t.database.db, sql`SELECT id FROM indicators WHERE code = 'FIRES'`);
    await t.database.db.execute(sql`INSERT INTO indicator_values (indicator_id, unit_id, period_type, period_id, period_start, option_key, value, version)
      VALUES (${fires!.id}, ${dongXoai}, 'monthly', '2020-10', '2020-10-01', '', 7, 1)`);
    const [event] = await selectRows<{ seq: number }>(t.database.db, sql`INSERT INTO events (topic, type, unit_path, data)
      VALUES ('indicators', 'values.changed', NULL, '{"ids":[]}') RETURNING seq`);
    await t.database.db.execute(sql`SELECT pg_notify('ioc_events', ${String(event!.seq)})`);
    await t.app.hub.dispatched(Number(event!.seq));
    expect(await read()).toBe(7);
  });

  it('lets a district’s own months stand for its communes and counts the communes only where the district is silent', async () => {
    // 2019: nothing seeded. The district reports January–June and November; its communes report what follows.
    const [fires] = await selectRows<{ id: string }>(t.database.db, sql`SELECT id FROM indicators WHERE code = 'FIRES'`);
    const communes = (await selectRows<{ id: string }>(t.database.db, sql`SELECT id FROM units WHERE parent_id = ${dongXoai} ORDER BY code LIMIT 4`)).map((r) => r.id);
    expect(communes).toHaveLength(4);
    const [a, b, c, d] = communes as [string, string, string, string];
    const months = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `2019-${String(from + i).padStart(2, '0')}`);
    const values: [string, string, string, string, number][] = [    // unit, type, period, start, value
      ...months(1, 6).map((m) => [dongXoai, 'monthly', m, `${m}-01`, 10] as [string, string, string, string, number]),
      [dongXoai, 'monthly', '2019-11', '2019-11-01', 10],
      ...months(1, 12).map((m) => [a, 'monthly', m, `${m}-01`, 1] as [string, string, string, string, number]),   // counts July–October and December: 5
      [b, 'monthly', '2019-03', '2019-03-01', 2], [b, 'monthly', '2019-09', '2019-09-01', 2],                        // counts September: 2
      [c, 'weekly', '2019W30', '2019-07-22', 5],                                                                       // a week the district never reported: 5
      // Periods with a cut-off day (Decree 09: from the 15th of the month before): December counts, February does not.
      [d, 'monthly', '2019-12', '2019-11-15', 3], [d, 'monthly', '2019-02', '2019-01-15', 100],
    ];
    for (const [unit, type, period, start, value] of values) {
      await t.database.db.execute(sql`INSERT INTO indicator_values (indicator_id, unit_id, period_type, period_id, period_start, option_key, value, version)
        VALUES (${fires!.id}, ${unit}, ${type}, ${period}, ${start}, '', ${value}, 1)`);
    }
    readCacheOf(t.database.db).invalidate('indicators');
    const yearly = async (target: string) => {
      const res = await admin.get(`/api/analytics?indicators=FIRES&${target}&periodType=yearly&from=2019&to=2019&asOf=2019-12-31`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { rows: { unitId: string; value: number | null }[] }).rows;
    };
    const district = 70 + 5 + 2 + 5 + 3;
    expect((await yearly(`unitIds=${dongXoai}`))[0]!.value).toBe(district);
    expect((await yearly(`unitIds=${await t.unitId('70')}`))[0]!.value).toBe(district);
    // With the communes as targets the district is no source: each commune counts all it reported.
    const byCommune = new Map((await yearly(`childrenOf=${dongXoai}`)).map((r) => [r.unitId, r.value]));
    expect([a, b, c, d].map((u) => byCommune.get(u))).toEqual([12, 4, 5, 103]);
  });

  it('breaks an indicator down by every option combination, the parts adding up to the total', async () => {
    const q = `/api/analytics?indicators=JOBS_CREATED&unitIds=${await t.unitId('70')}&periodType=yearly&from=2024&to=2024&asOf=2025-06-30&breakdown=true`;
    const res = (await admin.get(q)).json() as { options: { key: string; label: string }[]; rows: { optionKey: string; value: number | null }[] };
    expect(res.options.map((o) => o.key)).toEqual(['AREA=URBAN;SEX=MALE', 'AREA=URBAN;SEX=FEMALE', 'AREA=RURAL;SEX=MALE', 'AREA=RURAL;SEX=FEMALE']);
    expect(res.options[3]!.label).toBe('Nông thôn · Nữ');
    const total = res.rows.find((r) => r.optionKey === '')!.value!;
    const parts = res.rows.filter((r) => r.optionKey !== '');
    expect(parts).toHaveLength(4);
    expect(total).toBeGreaterThan(0);
    expect(parts.reduce((sum, r) => sum + r.value!, 0)).toBeCloseTo(total, 6);
    const csv = await admin.get(`${q}&format=csv`);
    expect(csv.body).toContain(',AREA=RURAL;SEX=FEMALE,Nông thôn · Nữ');
  });

  it('exports the result as CSV that Excel opens in Vietnamese', async () => {
    const res = await admin.get(`/api/analytics?indicators=TRAFFIC_ACCIDENTS&childrenOf=${await t.unitId('70')}&periodType=yearly&from=2024&to=2024&asOf=2025-06-30&format=csv`);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.startsWith('\uFEFFindicator_code,indicator_name,unit_code,unit_name,period,value')).toBe(true);
    expect(res.body).toContain('Thành phố Đồng Xoài');
  });

  it('answers every unit of a level and exports the result as a spreadsheet', async () => {
    const q = `indicators=TRAFFIC_ACCIDENTS&level=2&periodType=yearly&from=2024&to=2024&asOf=2025-06-30`;
    const json = (await admin.get(`/api/analytics?${q}`)).json() as { units: { code: string }[] };
    expect(json.units).toHaveLength(11);
    const res = await admin.request({ method: 'GET', url: `/api/analytics?${q}&format=xlsx` });
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Mã chỉ tiêu');
    expect(typeof sheet.getRow(2).getCell(6).value).toBe('number');
    expect(sheet.rowCount).toBeGreaterThanOrEqual(12);
  });
});

describe('targets', () => {
  it('gives year-to-date progress against the target with a traffic light', async () => {
    const unit = await t.unitId('70');
    expect((await admin.request({ method: 'PUT', url: '/api/targets', payload: { indicatorCode: 'TRAFFIC_ACCIDENTS', unitId: unit, year: 2024, annual: 120 } })).statusCode).toBe(200);
    const progress = (await admin.get(`/api/indicators/progress?unitId=${unit}&period=2024-06&indicators=TRAFFIC_ACCIDENTS`)).json() as { yearToDate: number; targetToDate: number; progressPct: number; status: string }[];
    expect(progress[0]!.targetToDate).toBe(60);
    expect(progress[0]!.progressPct).toBeCloseTo((60 / progress[0]!.yearToDate) * 100, 0); // fewer accidents is better
    expect(['green', 'amber', 'red']).toContain(progress[0]!.status);
  });

  it('phases a target by quarter, and refuses a phasing that does not add up', async () => {
    const unit = await t.unitId('70');
    const put = (body: object) => admin.request({ method: 'PUT', url: '/api/targets', payload: { indicatorCode: 'TRAFFIC_ACCIDENTS', unitId: unit, year: 2023, ...body } });
    expect((await put({ annual: 100, quarterly: [10, 20, 30, 50] })).json()).toMatchObject({ code: 'validation-failed' });
    expect((await put({ annual: 120, quarterly: [60, 20, 20, 20] })).statusCode).toBe(200);
    const may = (await admin.get(`/api/indicators/progress?unitId=${unit}&period=2023-05&indicators=TRAFFIC_ACCIDENTS`)).json() as { targetToDate: number }[];
    expect(may[0]!.targetToDate).toBeCloseTo(60 + 20 * 2 / 3, 6);
  });
});
