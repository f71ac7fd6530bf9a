import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';

let t: TestApp;
beforeAll(async () => { t = await createTestApp(); });
afterAll(async () => { await t?.close(); });

type Year = { year: number; items: { day: string; kind: string; name: string; nameEn: string }[] };

describe('holidays', () => {
  it('come with the Vietnamese public holidays already loaded, Tết included', async () => {
    const a = await t.admin();
    const res = (await a.get('/api/calendar/holidays?year=2025')).json() as Year;
    expect(res.items.filter((i) => i.name === 'Tết Nguyên đán').map((i) => i.day)).toEqual(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']);
    expect(res.items).toContainEqual(expect.objectContaining({ day: '2025-04-26', kind: 'working_day' }));
  });

  it('replaces a year’s list, audits it, announces it, and due dates follow at once', async () => {
    const a = await t.admin();
    const items = [
      { day: '2027-01-01', kind: 'holiday', name: 'Tết Dương lịch', nameEn: 'New Year’s Day' },
      { day: '2027-01-04', kind: 'holiday', name: 'Nghỉ thử', nameEn: 'Test day off' },
      { day: '2027-01-09', kind: 'working_day', name: 'Làm bù thử', nameEn: 'Test make-up day' },
    ];
    const res = await a.request({ method: 'PUT', url: '/api/calendar/holidays/2027', payload: { items } });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as Year).items.map((i) => i.day)).toEqual(['2027-01-01', '2027-01-04', '2027-01-09']);
    const [audit] = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'calendar.holidays.replace' AND entity_id = '2027'`);
    expect(audit!.n).toBe(1);
    const [event] = await selectRows<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM events WHERE topic = 'system' AND type = 'calendar.holidays.updated'`);
    expect(event!.n).toBe(1);
    // Replacing again drops what is no longer listed.
    const again = await a.request({ method: 'PUT', url: '/api/calendar/holidays/2027', payload: { items: items.slice(0, 1) } });
    expect((again.json() as Year).items).toHaveLength(1);
  });

  it('refuses days of another year, a weekday as a make-up day, and writers without calendar:write', async () => {
    const a = await t.admin();
    const wrongYear = await a.request({ method: 'PUT', url: '/api/calendar/holidays/2027', payload: { items: [{ day: '2026-12-31', kind: 'holiday', name: 'x', nameEn: 'x' }] } });
    expect(wrongYear.statusCode).toBe(400);
    const weekday = await a.request({ method: 'PUT', url: '/api/calendar/holidays/2027', payload: { items: [{ day: '2027-01-05', kind: 'working_day', name: 'x', nameEn: 'x' }] } });
    expect(weekday.statusCode).toBe(400);
    const officer = await t.userAgent({ role: 'agency_officer', scopeCode: '70' });
    expect((await officer.request({ method: 'PUT', url: '/api/calendar/holidays/2027', payload: { items: [] } })).statusCode).toBe(403);
    expect((await officer.get('/api/calendar/holidays?year=2024')).statusCode).toBe(200);
  });
});
