import { describe, expect, it } from 'vitest';
import { deadlineOf, isValidPeriod, periodContaining, periodRange, periodsBetween, previousPeriod, samePeriodLastYear, shiftPeriod } from './periods.js';
import { relativePeriods } from './analytics.js';

describe('reporting periods', () => {
  it('covers calendar months, quarters, halves and years without a cut-off', () => {
    expect(periodRange({ type: 'monthly', id: '2025-02' })).toEqual({ start: '2025-02-01', end: '2025-03-01' });
    expect(periodRange({ type: 'quarterly', id: '2025Q4' })).toEqual({ start: '2025-10-01', end: '2026-01-01' });
    expect(periodRange({ type: 'six_monthly', id: '2025S1' })).toEqual({ start: '2025-01-01', end: '2025-07-01' });
    expect(periodRange({ type: 'yearly', id: '2025' })).toEqual({ start: '2025-01-01', end: '2026-01-01' });
  });

  it('runs a Decree 09/2019 month from the 15th of the previous month to the 14th', () => {
    expect(periodRange({ type: 'monthly', id: '2025-01' }, 15)).toEqual({ start: '2024-12-15', end: '2025-01-15' });
    expect(periodRange({ type: 'yearly', id: '2025' }, 15)).toEqual({ start: '2024-12-15', end: '2025-12-15' });
    expect(periodContaining('monthly', '2025-01-14', 15).id).toBe('2025-01');
    expect(periodContaining('monthly', '2025-01-15', 15).id).toBe('2025-02');
    expect(periodContaining('monthly', '2024-12-20', 15).id).toBe('2025-01');
    expect(periodContaining('quarterly', '2025-03-20', 15).id).toBe('2025Q2');
  });

  it('uses ISO weeks, including week 53 and weeks that start in the previous year', () => {
    expect(periodRange({ type: 'weekly', id: '2026W01' })).toEqual({ start: '2025-12-29', end: '2026-01-05' });
    expect(isValidPeriod({ type: 'weekly', id: '2020W53' })).toBe(true);
    expect(isValidPeriod({ type: 'weekly', id: '2025W53' })).toBe(false);
    expect(periodContaining('weekly', '2021-01-01').id).toBe('2020W53');
    expect(samePeriodLastYear({ type: 'weekly', id: '2020W53' }).id).toBe('2019W52');
  });

  it('rejects periods that do not exist', () => {
    expect(isValidPeriod({ type: 'monthly', id: '2025-13' })).toBe(false);
    expect(isValidPeriod({ type: 'daily', id: '2025-02-29' })).toBe(false);
    expect(isValidPeriod({ type: 'quarterly', id: '2025Q5' })).toBe(false);
    expect(() => periodRange({ type: 'monthly', id: '2025-1' })).toThrow(RangeError);
  });

  it('steps to neighbours and the same period last year', () => {
    expect(previousPeriod({ type: 'monthly', id: '2025-01' }).id).toBe('2024-12');
    expect(shiftPeriod({ type: 'quarterly', id: '2025Q4' }, 1).id).toBe('2026Q1');
    expect(samePeriodLastYear({ type: 'monthly', id: '2025-03' }).id).toBe('2024-03');
    expect(samePeriodLastYear({ type: 'daily', id: '2024-02-29' }).id).toBe('2023-02-28');
    expect(periodsBetween({ type: 'monthly', id: '2024-11' }, { type: 'monthly', id: '2025-02' }).map((p) => p.id)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('puts the deadline a number of days after the period ends', () => {
    expect(deadlineOf({ type: 'monthly', id: '2025-06' }, 1, 5)).toBe('2025-07-05');
    expect(deadlineOf({ type: 'monthly', id: '2025-06' }, 15, 3)).toBe('2025-06-17');
  });
});

describe('relative periods', () => {
  const ids = (ps: { id: string }[]) => ps.map((p) => p.id);

  it('follows the calendar without a cut-off', () => {
    expect(ids(relativePeriods('THIS_MONTH', 'monthly', '2026-11-20'))).toEqual(['2026-11']);
    expect(ids(relativePeriods('YEAR_TO_DATE', 'quarterly', '2026-11-20'))).toEqual(['2026Q1', '2026Q2', '2026Q3', '2026Q4']);
  });

  it('follows a Decree 09 cut-off: on 20 November the current month is December, on 20 December the year is next year', () => {
    expect(ids(relativePeriods('THIS_MONTH', 'monthly', '2026-11-20', 15))).toEqual(['2026-12']);
    expect(ids(relativePeriods('LAST_MONTH', 'monthly', '2026-11-20', 15))).toEqual(['2026-11']);
    expect(ids(relativePeriods('LAST_MONTH', 'monthly', '2026-11-10', 15))).toEqual(['2026-10']);
    expect(ids(relativePeriods('YEAR_TO_DATE', 'monthly', '2026-12-20', 15))).toEqual(['2027-01']);
    expect(relativePeriods('LAST_12_MONTHS', 'monthly', '2026-11-20', 15)).toHaveLength(12);
    expect(ids(relativePeriods('LAST_12_MONTHS', 'monthly', '2026-11-20', 15)).at(-1)).toBe('2026-11');
  });
});
