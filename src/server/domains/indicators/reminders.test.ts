import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../../../../test/support/smtp-sink.js';
import { startOutboxWorker } from '../../core/outbox.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createEmailConnector } from '../notifications/email.js';
import { chaseReporters } from './reminders.js';

let t: TestApp;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
const silent = { info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
  t = await createTestApp();
  sink = await startSmtpSink();
  const admin = await t.admin();
  const res = await admin.post('/api/forms', {
    code: 'T-REM', name: 'Biểu thử nhắc hạn', nameEn: 'Reminder test form', periodType: 'monthly', deadlineDays: 5, reminderDays: 2, validFromPeriod: '2020-09',
    rows: [{ rowCode: '01', indicatorCode: 'FIRES' }], assignedUnitIds: [await t.unitId('689'), await t.unitId('690')],
  });
  expect(res.statusCode).toBe(201);
  for (const [username, role, scope] of [['clerk-dx', 'data_clerk', '689'], ['leader-bp', 'leader', '70']] as const) {
    const created = await admin.post('/api/users', { username, displayName: username, email: `${username}@example.org`, role, scopeUnitId: await t.unitId(scope), password: `password-of-${username}` });
    expect(created.statusCode).toBe(201);
  }
});
afterAll(async () => { await t?.close(); await sink?.stop(); });

describe('chasing late reporters', () => {
  it('reminds the unit’s clerk before the deadline, once however often it runs', async () => {
    // Period 2020-09 is due on 2020-10-05; two days before, the clerks of units that have not submitted hear of it.
    expect(await chaseReporters(t.database.db, '2020-10-02')).toEqual({ reminders: 0, escalations: 0 });
    expect(await chaseReporters(t.database.db, '2020-10-03')).toMatchObject({ reminders: 1 });
    expect(await chaseReporters(t.database.db, '2020-10-04')).toMatchObject({ reminders: 0 });
    const clerk = await t.signIn('clerk-dx', 'password-of-clerk-dx');
    const mine = (await clerk.get('/api/notifications')).json() as { unread: number; items: { kind: string; body: string; link: string }[] };
    expect(mine.unread).toBe(1);
    expect(mine.items[0]).toMatchObject({ kind: 'reminder', body: expect.stringContaining('Thành phố Đồng Xoài'), link: expect.stringContaining('period=2020-09') });
  });

  it('escalates to the level above after the deadline, naming each late unit, and not for units that submitted', async () => {
    const clerk = await t.signIn('clerk-dx', 'password-of-clerk-dx');
    const dongXoai = await t.unitId('689');
    await clerk.request({ method: 'PUT', url: `/api/forms/T-REM/entry?unitId=${dongXoai}&period=2020-09`, payload: { values: [{ rowCode: '01', value: 0, baseVersion: 0 }] } });
    expect((await clerk.post(`/api/forms/T-REM/reports/${dongXoai}/2020-09/submit`, {})).statusCode).toBe(200);
    expect(await chaseReporters(t.database.db, '2020-10-06')).toMatchObject({ escalations: 1 });
    const leader = await t.signIn('leader-bp', 'password-of-leader-bp');
    const items = ((await leader.get('/api/notifications?unreadOnly=true')).json() as { items: { kind: string; title: string }[] }).items;
    expect(items).toEqual([expect.objectContaining({ kind: 'escalation', title: expect.stringContaining('Thị xã Bình Long') })]);
    expect((await leader.post('/api/notifications/read-all')).statusCode).toBe(200);
    expect(((await leader.get('/api/notifications')).json() as { unread: number }).unread).toBe(0);
  });

  it('sends each notice by e-mail through the outbox to a real SMTP server', async () => {
    const worker = startOutboxWorker(t.database.db, { connectors: { email: createEmailConnector(sink.url, 'IOC <ioc@localhost>') }, log: silent, pollMs: 0 });
    try {
      while (await worker.drainOnce() > 0) { /* deliver everything due */ }
    } finally {
      await worker.stop();
    }
    const recipients = sink.mails.flatMap((m) => m.to).sort();
    expect(recipients).toEqual(['clerk-dx@example.org', 'leader-bp@example.org']);
    const raw = sink.mails.find((m) => m.to.includes('leader-bp@example.org'))!.raw;
    expect(decodeSubject(raw)).toBe('[IOC] Thị xã Bình Long chậm báo cáo T-REM kỳ 2020-09');
  });

  it('reminds only the staff of the agency a form is assigned to', async () => {
    const admin = await t.admin();
    const agencies = (await admin.get('/api/agencies?includeEnded=true&q=BP-SYT')).json() as { items: { id: string; code: string }[] };
    const res = await admin.post('/api/forms', {
      code: 'T-REM-AG', name: 'Biểu thử giao cho sở', nameEn: 'Form assigned to a department', periodType: 'monthly', deadlineDays: 5, reminderDays: 2, validFromPeriod: '2021-01',
      rows: [{ rowCode: '01', indicatorCode: 'FIRES' }], assignedAgencyIds: [agencies.items.find((a) => a.code === 'BP-SYT')!.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const health = await t.userAgent({ role: 'data_clerk', scopeCode: '70', agencyCode: 'BP-SYT' });
    const finance = await t.userAgent({ role: 'data_clerk', scopeCode: '70', agencyCode: 'BP-STC' });
    await chaseReporters(t.database.db, '2021-02-03');   // January is due on 5 February
    const unread = async (agent: typeof health) => ((await agent.get('/api/notifications')).json() as { items: { title: string }[] }).items.filter((i) => i.title.includes('T-REM-AG'));
    expect(await unread(health)).toHaveLength(1);
    expect(await unread(finance)).toHaveLength(0);
  });
});

/** The Subject header with RFC 2047 encoded words decoded (Vietnamese subjects are always encoded). */
function decodeSubject(raw: string): string {
  const header = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(raw)![1]!.replace(/\r\n[ \t]/g, ' ');
  return header.replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8')).trim();
}
