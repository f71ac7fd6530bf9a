import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ReportDetail } from '../../../shared/contracts/feedback.js';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { watchReportSla } from './sla-watch.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });
afterEach(() => { vi.useRealTimers(); });

const at = (s: string) => new Date(`${s}+07:00`);

async function noticesOf(userId: string) {
  return selectRows<{ kind: string; title: string; body: string }>(t.database.db, sql`SELECT kind, title, body FROM notifications WHERE user_id = ${userId} ORDER BY created_at, id`);
}

describe('SLA breach warnings and escalation', () => {
  it('warns the agency near a deadline, escalates a breach to its leader and the IOC, once per report and stage, one notice per recipient', async () => {
    const officer = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-SXD' });
    const leader = await t.userAgent({ role: 'leader', scopeCode: '75', agencyCode: 'DN-SXD' });
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const police = await t.userAgent({ role: 'agency_officer', scopeCode: '75', agencyCode: 'DN-CA' });
    const agent = await t.userAgent({ role: 'call_center_agent', scopeCode: '75' });

    // Friday 16:00: normal urgency, accept within 4 working hours (Monday 10:30), resolve within 37.5 (Friday 27th 16:00).
    vi.useFakeTimers({ toFake: ['Date'], now: at('2026-11-20T16:00:00') });
    const reports: ReportDetail[] = [];
    for (const d of ['Mất nước cả khu phố', 'Nước máy có mùi lạ', 'Vòi nước công cộng hỏng']) {
      reports.push((await agent.post('/api/feedback', { categoryCode: 'water-supply', description: d, address: 'Phường Đồng Xoài' })).json() as ReportDetail);
    }
    const accepted = (await agent.post('/api/feedback', { categoryCode: 'water-supply', description: 'Ống nước rò rỉ', address: 'Phường Đồng Xoài' })).json() as ReportDetail;
    vi.useRealTimers();
    expect(reports.every((r) => r.acceptDueAt === at('2026-11-23T10:30:00').toISOString())).toBe(true);
    expect((await officer.post(`/api/feedback/${accepted.id}/transition`, { to: 'in_progress' })).statusCode).toBe(200);

    // Monday 08:00: nothing within two working hours (10:00) yet.
    expect(await watchReportSla(t.database.db, { now: at('2026-11-23T08:00:00') })).toMatchObject({ warnings: 0, breaches: 0 });
    // Monday 09:00: the acceptance deadline (10:30) is within two working hours: the officers are warned, once.
    expect(await watchReportSla(t.database.db, { now: at('2026-11-23T09:00:00') })).toMatchObject({ warnings: 3, breaches: 0, notifications: 1, escalations: 0 });
    expect(await watchReportSla(t.database.db, { now: at('2026-11-23T09:30:00') })).toMatchObject({ warnings: 0, notifications: 0 });
    const warned = await noticesOf(officer.userId);
    expect(warned).toMatchObject([{ kind: 'feedback-sla-warning', title: '3 phản ánh sắp hết hạn' }]);
    for (const r of reports) expect(warned[0]!.body).toContain(r.trackingCode);
    expect(warned[0]!.body).not.toContain(accepted.trackingCode);
    expect(await noticesOf(leader.userId)).toEqual([]);

    // Monday 11:00: past the deadline: the officer is told, the agency's leader and the IOC operator get one escalation each.
    const breach = await watchReportSla(t.database.db, { now: at('2026-11-23T11:00:00') });
    expect(breach).toMatchObject({ warnings: 0, breaches: 3, notifications: 1, escalations: 2 });
    expect((await noticesOf(officer.userId)).map((n) => n.kind)).toEqual(['feedback-sla-warning', 'feedback-sla-breach']);
    const [escalated] = await noticesOf(leader.userId);
    expect(escalated).toMatchObject({ kind: 'escalation', title: 'Chuyển lãnh đạo: 3 phản ánh quá hạn' });
    for (const r of reports) expect(escalated!.body).toContain(r.trackingCode);
    expect(await noticesOf(operator.userId)).toMatchObject([{ kind: 'escalation' }]);
    expect(await noticesOf(police.userId)).toEqual([]);
    expect(await watchReportSla(t.database.db, { now: at('2026-11-23T15:00:00') })).toMatchObject({ warnings: 0, breaches: 0 });

    const detail = (await operator.get(`/api/feedback/${reports[0]!.id}`)).json() as ReportDetail;
    expect(detail.events.filter((e) => e.kind === 'sla')).toMatchObject([{ isPublic: false }]);
    const events = await selectRows<{ type: string; n: number }>(t.database.db, sql`
      SELECT type, jsonb_array_length(data->'ids')::int AS n FROM events WHERE type LIKE 'report.sla-%' ORDER BY seq`);
    expect(events).toEqual([{ type: 'report.sla-warning', n: 3 }, { type: 'report.sla-breach', n: 3 }]);

    // Friday 27th 15:00: the resolution deadline (16:00) is near for all four; two watches at once warn once.
    const [a, b] = await Promise.all([
      watchReportSla(t.database.db, { now: at('2026-11-27T15:00:00') }),
      watchReportSla(t.database.db, { now: at('2026-11-27T15:00:00') }),
    ]);
    expect(a!.warnings + b!.warnings).toBe(4);
    expect((await noticesOf(officer.userId)).filter((n) => n.kind === 'feedback-sla-warning')).toHaveLength(2);
  });

  it('alerts again when the deadline is recomputed, and tells the operators of a report no agency holds', async () => {
    await t.database.db.execute(sql`UPDATE reports SET state = 'cancelled', closed_at = now()`);   // the first test's reports are done
    const operator = await t.userAgent({ role: 'operator', scopeCode: '75' });
    const agent = await t.userAgent({ role: 'call_center_agent', scopeCode: '75' });
    vi.useFakeTimers({ toFake: ['Date'], now: at('2026-11-24T08:00:00') });   // Tuesday (before the real date: the session stays valid)
    const other = (await agent.post('/api/feedback', { categoryCode: 'other', description: 'Góp ý chung về dịch vụ công', address: 'Đồng Xoài' })).json() as ReportDetail;
    vi.useRealTimers();
    expect(other.agencyId).toBeNull();
    const first = await watchReportSla(t.database.db, { now: at('2026-11-24T11:00:00') });   // accept due 14:00 (4 working hours)
    expect(first.warnings).toBeGreaterThanOrEqual(1);
    expect((await noticesOf(operator.userId)).map((n) => n.kind)).toEqual(['feedback-sla-warning']);
    // Raised to urgent: new deadlines from receipt (accept 09:00), a breach of the new deadline alerts.
    const officerAgency = (await (await t.admin()).get('/api/agencies?q=DN-SXD')).json<{ items: { id: string; code: string }[] }>().items.find((x) => x.code === 'DN-SXD')!.id;
    expect((await operator.post(`/api/feedback/${other.id}/assign`, { agencyId: officerAgency, urgency: 'urgent' })).statusCode).toBe(200);
    const again = await watchReportSla(t.database.db, { now: at('2026-11-24T11:00:00') });
    expect(again.breaches).toBeGreaterThanOrEqual(1);
    const [row] = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM report_sla_alerts WHERE report_id = ${other.id}`);
    expect(row!.n).toBeGreaterThanOrEqual(2);
  });
});
