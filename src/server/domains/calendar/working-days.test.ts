import { describe, expect, it } from 'vitest';
import { vietnamHolidays } from './holidays.data.js';
import {
  addWorkingDays, EMPTY_CALENDAR, endOfVietnamDay, isWorkingDay, makeWorkingCalendar, vietnamDate, workingDaysBetween,
} from './working-days.js';

const cal = makeWorkingCalendar(Object.values(vietnamHolidays).flat());
const vn = (local: string) => new Date(`${local}+07:00`);
const dueDay = (d: Date) => vietnamDate(d);

describe('working days in Vietnam', () => {
  it('counts Monday to Friday and not weekends', () => {
    expect(isWorkingDay(cal, '2024-03-15')).toBe(true);   // Friday
    expect(isWorkingDay(cal, '2024-03-16')).toBe(false);  // Saturday
    expect(isWorkingDay(cal, '2024-03-17')).toBe(false);  // Sunday
  });

  it('does not count Tết Giáp Thìn (8–14 February 2024)', () => {
    for (const d of ['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14']) expect(isWorkingDay(cal, d)).toBe(false);
    expect(isWorkingDay(cal, '2024-02-07')).toBe(true);
    expect(isWorkingDay(cal, '2024-02-15')).toBe(true);
  });

  it('counts Saturday 4 May 2024, worked to make up the 29 April bridge day', () => {
    expect(isWorkingDay(cal, '2024-04-29')).toBe(false);
    expect(isWorkingDay(cal, '2024-05-04')).toBe(true);
  });

  it('gives the day in lieu when a holiday falls on a weekend (Monday 4 September 2023)', () => {
    expect(isWorkingDay(cal, '2023-09-04')).toBe(false);
  });
});

describe('due dates (end of the Nth working day after receipt)', () => {
  it('makes a 3-day dossier received on Monday due at the end of Thursday, Vietnam time', () => {
    const due = addWorkingDays(cal, vn('2024-03-11T09:30:00'), 3);
    expect(due.toISOString()).toBe('2024-03-14T16:59:59.999Z');
    expect(due).toEqual(endOfVietnamDay('2024-03-14'));
  });

  it('counts receipt by the Vietnam date: 23:30 UTC on Sunday is already Monday in Hà Nội', () => {
    expect(dueDay(addWorkingDays(cal, new Date('2024-03-10T23:30:00Z'), 1))).toBe('2024-03-12');
  });

  it('skips Tết: 5 working days from Wednesday 7 February 2024 end on Wednesday 21 February', () => {
    // 15, 16, 19, 20, 21 February
    expect(dueDay(addWorkingDays(cal, vn('2024-02-07T10:00:00'), 5))).toBe('2024-02-21');
  });

  it('skips 30/4–1/5 and counts the make-up Saturday: 3 days from Friday 26 April 2024 end on Saturday 4 May', () => {
    // 29/4 bridge, 30/4, 1/5 off; 2/5, 3/5, 4/5 (make-up Saturday)
    expect(dueDay(addWorkingDays(cal, vn('2024-04-26T08:00:00'), 3))).toBe('2024-05-04');
  });

  it('skips National Day: 2 days from Friday 29 August 2025 end on Thursday 4 September', () => {
    // 1/9 and 2/9/2025 off; 3/9, 4/9
    expect(dueDay(addWorkingDays(cal, vn('2025-08-29T15:00:00'), 2))).toBe('2025-09-04');
  });

  it('makes a same-day procedure due the day it is received, or the next working day when received on a day off', () => {
    expect(dueDay(addWorkingDays(cal, vn('2024-03-13T10:00:00'), 0))).toBe('2024-03-13');
    expect(dueDay(addWorkingDays(cal, vn('2024-03-16T10:00:00'), 0))).toBe('2024-03-18');
    expect(dueDay(addWorkingDays(cal, vn('2025-01-26T10:00:00'), 0))).toBe('2025-02-03');  // Sunday before Tết Ất Tỵ
  });

  it('counts a weekend-only calendar when no holidays are known', () => {
    expect(dueDay(addWorkingDays(EMPTY_CALENDAR, vn('2024-02-07T10:00:00'), 5))).toBe('2024-02-14');
  });

  it('refuses negative or fractional day counts', () => {
    expect(() => addWorkingDays(cal, new Date(), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(cal, new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('working days between two instants', () => {
  it('is 0 on the same day and N when finished on the due day', () => {
    const received = vn('2024-02-07T10:00:00');
    expect(workingDaysBetween(cal, received, vn('2024-02-07T16:00:00'))).toBe(0);
    expect(workingDaysBetween(cal, received, addWorkingDays(cal, received, 5))).toBe(5);
  });

  it('does not count Tết Ất Tỵ: Friday 24 January to Monday 3 February 2025 is 1 working day', () => {
    expect(workingDaysBetween(cal, vn('2025-01-24T09:00:00'), vn('2025-02-03T09:00:00'))).toBe(1);
  });

  it('counts the overdue days after a due date, negative before it', () => {
    const due = endOfVietnamDay('2024-04-26');
    expect(workingDaysBetween(cal, due, vn('2024-05-06T08:00:00'))).toBe(4);   // 2/5, 3/5, 4/5 (make-up), 6/5
    expect(workingDaysBetween(cal, vn('2024-05-06T08:00:00'), due)).toBe(-4);
  });

  it('agrees with addWorkingDays for every day count and start day of 2022–2026', () => {
    for (let start = Date.UTC(2022, 0, 1); start < Date.UTC(2026, 11, 1); start += 5 * 86_400_000) {
      const from = new Date(start + 3 * 3_600_000);
      for (const n of [1, 2, 7, 15, 30]) expect(workingDaysBetween(cal, from, addWorkingDays(cal, from, n))).toBe(n);
    }
  });
});
