import { describe, expect, it } from 'vitest';
import { vietnamHolidays } from './holidays.data.js';
import { makeWorkingCalendar } from './working-days.js';
import { addWorkingHours, DEFAULT_OFFICE_HOURS, parseOfficeHours, workingHoursBetween } from './working-hours.js';

const cal = makeWorkingCalendar(Object.values(vietnamHolidays).flat());
const vn = (local: string) => new Date(`${local}+07:00`);

describe('working hours', () => {
  it('parses the default office hours as 07:30–11:30 and 13:30–17:00', () => {
    expect(DEFAULT_OFFICE_HOURS).toEqual([[450, 690], [810, 1020]]);
    expect(() => parseOfficeHours('08:00-12:00,11:00-17:00')).toThrow(/overlapping/);
    expect(() => parseOfficeHours('12:00-08:00')).toThrow(/empty/);
  });

  it('skips the lunch break', () => {
    expect(addWorkingHours(cal, vn('2026-11-23T10:30:00'), 2)).toEqual(vn('2026-11-23T14:30:00'));
  });

  it('carries a Friday-afternoon report over the weekend to Monday morning', () => {
    expect(addWorkingHours(cal, vn('2026-11-20T16:00:00'), 4)).toEqual(vn('2026-11-23T10:30:00'));
    expect(workingHoursBetween(cal, vn('2026-11-20T16:00:00'), vn('2026-11-23T10:30:00'))).toBe(4);
  });

  it('starts the clock at the next opening when a report arrives at night or on Sunday', () => {
    expect(addWorkingHours(cal, vn('2026-11-22T21:00:00'), 1)).toEqual(vn('2026-11-23T08:30:00'));
    expect(addWorkingHours(cal, vn('2026-11-19T19:00:00'), 7.5)).toEqual(vn('2026-11-20T17:00:00'));
  });

  it('does not count the Tết holiday (Bính Ngọ 2026: 16–20 February off)', () => {
    // Friday 13 Feb 16:00: one hour that day, then weekend, Tết week, weekend; the rest on Monday 23 Feb.
    expect(addWorkingHours(cal, vn('2026-02-13T16:00:00'), 4)).toEqual(vn('2026-02-23T10:30:00'));
    // Tết Ất Tỵ 2025: 27–31 January off; 16 working hours from Friday 24 Jan 07:30: 7.5 that day, 7.5 on Monday 3 Feb, one on Tuesday 4 Feb.
    expect(addWorkingHours(cal, vn('2025-01-24T07:30:00'), 16)).toEqual(vn('2025-02-04T08:30:00'));
  });

  it('uses other office hours when configured', () => {
    const office = parseOfficeHours('08:00-12:00,13:00-17:00');
    expect(addWorkingHours(cal, vn('2026-11-23T11:00:00'), 2, office)).toEqual(vn('2026-11-23T14:00:00'));
  });
});
