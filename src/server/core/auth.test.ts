import { describe, expect, it } from 'vitest';
import { type Actor, assertVisible, assertWithinScope, can, isInScope, rolePermissions } from './auth.js';
import { isDeliverable } from './hub.js';
import { addDays, isValidIsoDate, todayInVietnam } from './calendar.js';

const districtClerk: Actor = { type: 'user', id: 'u1', name: 'Clerk', role: 'data_clerk', scopeUnitId: 'x', scopeUnitName: 'Đồng Xoài', scopePath: '/VN/70/689/', agencyId: null };

describe('scope', () => {
  it('contains the unit itself and its descendants, not a sibling whose code starts the same', () => {
    expect(isInScope('/VN/70/689/', '/VN/70/689/')).toBe(true);
    expect(isInScope('/VN/70/689/', '/VN/70/689/25195/')).toBe(true);
    expect(isInScope('/VN/70/68/', '/VN/70/689/')).toBe(false);
    expect(isInScope('/VN/70/689/', '/VN/70/')).toBe(false);
    expect(isInScope('/VN/70/689/', null)).toBe(false);
  });

  it('hides out-of-scope records as 404 on reads and refuses them as 403 in writes', () => {
    expect(() => assertVisible(districtClerk, '/VN/70/690/')).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => assertWithinScope(districtClerk, '/VN/70/690/')).toThrow(expect.objectContaining({ code: 'out-of-scope' }));
  });

  it('gives every permission to admin and no write permission to a viewer', () => {
    expect(() => can(districtClerk, 'units:write')).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(rolePermissions.viewer.some((p) => p.endsWith(':write') || p.endsWith(':manage'))).toBe(false);
    const all = new Set(Object.values(rolePermissions).flat());
    expect(new Set(rolePermissions.admin)).toEqual(all);
  });
});

describe('hub delivery rule', () => {
  const event = { seq: 1, type: 'unit.updated', topic: 'units' as const, unitPath: '/VN/70/689/25195/', at: '', data: { ids: [] } };
  it('delivers in scope and on a subscribed topic only; province-wide events to everyone', () => {
    expect(isDeliverable({ scopePath: '/VN/70/689/', topics: new Set() }, event)).toBe(true);
    expect(isDeliverable({ scopePath: '/VN/70/690/', topics: new Set() }, event)).toBe(false);
    expect(isDeliverable({ scopePath: '/VN/70/689/', topics: new Set(['agencies'] as const) }, event)).toBe(false);
    expect(isDeliverable({ scopePath: '/VN/70/690/', topics: new Set() }, { ...event, unitPath: null })).toBe(true);
  });
});

describe('calendar', () => {
  it('knows the date in Vietnam, seven hours ahead of UTC', () => {
    expect(todayInVietnam(new Date('2025-06-30T17:30:00Z'))).toBe('2025-07-01');
    expect(todayInVietnam(new Date('2025-06-30T16:59:00Z'))).toBe('2025-06-30');
  });
  it('rejects impossible dates and adds days across months', () => {
    expect(isValidIsoDate('2025-02-29')).toBe(false);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(addDays('2025-06-30', 1)).toBe('2025-07-01');
  });
});
