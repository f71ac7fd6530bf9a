// What a rule says about one device's recent readings: raise, clear, or hold (no change). Pure functions,
// so the evaluator, the tests and the docs agree on one meaning of each rule kind.
import type { ComparisonOperator, RuleKind } from '../../../shared/contracts/alarms.js';

export interface RuleCondition {
  kind: RuleKind;
  operator: ComparisonOperator | null;
  threshold: number | null;
  clearThreshold: number | null;
  forSeconds: number | null;
  repeatCount: number | null;
  silentMinutes: number | null;
}

export interface Reading { at: Date; value: number }

export type Verdict =
  | { kind: 'raise'; value: number; at: Date }
  | { kind: 'clear'; value: number | null; at: Date }
  | { kind: 'hold' };

const HOLD: Verdict = { kind: 'hold' };

export function compare(value: number, operator: ComparisonOperator, threshold: number): boolean {
  switch (operator) {
    case '>': return value > threshold;
    case '>=': return value >= threshold;
    case '<': return value < threshold;
    case '<=': return value <= threshold;
  }
}

const isUpward = (op: ComparisonOperator) => op === '>' || op === '>=';

/** The raise condition on one value (a reading, or a change per minute). */
export function breaches(rule: RuleCondition, value: number): boolean {
  return compare(value, rule.operator!, rule.threshold!);
}

/**
 * Whether a value is back on the safe side. Without a clear threshold that is "the condition is false"; with
 * one it is hysteresis: above 150 raises, only 120 or below clears, and 130 keeps whatever state there is.
 */
export function clears(rule: RuleCondition, value: number): boolean {
  if (rule.clearThreshold === null) return !breaches(rule, value);
  return isUpward(rule.operator!) ? value <= rule.clearThreshold : value >= rule.clearThreshold;
}

/** How far back the evaluator reads for a rule: enough to decide, bounded so a round stays cheap. */
export function lookbackMs(rule: RuleCondition): number {
  switch (rule.kind) {
    case 'for-duration': return (rule.forSeconds ?? 0) * 1000 + 60 * 60_000;
    case 'repeat': return 6 * 3600_000;
    case 'threshold': case 'rate-of-change': case 'no-data': return 60 * 60_000;
  }
}

/** Change per minute between the last two readings; null with fewer than two readings. */
export function ratePerMinute(readings: Reading[]): { rate: number; at: Date } | null {
  if (readings.length < 2) return null;
  const a = readings[readings.length - 2]!;
  const b = readings[readings.length - 1]!;
  const minutes = (b.at.getTime() - a.at.getTime()) / 60_000;
  if (minutes <= 0) return null;
  return { rate: (b.value - a.value) / minutes, at: b.at };
}

/** Readings ordered by time, oldest first (as readingsInWindow answers them per device). */
export function verdictOnReadings(rule: RuleCondition, readings: Reading[]): Verdict {
  const last = readings[readings.length - 1];
  if (!last) return HOLD;
  switch (rule.kind) {
    case 'threshold':
      if (breaches(rule, last.value)) return { kind: 'raise', value: last.value, at: last.at };
      return clears(rule, last.value) ? { kind: 'clear', value: last.value, at: last.at } : HOLD;
    case 'for-duration': {
      if (breaches(rule, last.value)) {
        // The run of breaching readings that ends with the last one: it must span the pending period.
        let start = last;
        for (let i = readings.length - 2; i >= 0 && breaches(rule, readings[i]!.value); i--) start = readings[i]!;
        const heldMs = last.at.getTime() - start.at.getTime();
        return heldMs >= (rule.forSeconds ?? 0) * 1000 ? { kind: 'raise', value: last.value, at: last.at } : HOLD;
      }
      return clears(rule, last.value) ? { kind: 'clear', value: last.value, at: last.at } : HOLD;
    }
    case 'repeat': {
      const n = rule.repeatCount ?? 1;
      const tail = readings.slice(-n);
      if (tail.length === n && tail.every((r) => breaches(rule, r.value))) return { kind: 'raise', value: last.value, at: last.at };
      return clears(rule, last.value) ? { kind: 'clear', value: last.value, at: last.at } : HOLD;
    }
    case 'rate-of-change': {
      const r = ratePerMinute(readings);
      if (!r) return HOLD;
      if (breaches(rule, r.rate)) return { kind: 'raise', value: r.rate, at: r.at };
      return clears(rule, r.rate) ? { kind: 'clear', value: r.rate, at: r.at } : HOLD;
    }
    case 'no-data':
      return HOLD;
  }
}

/** No data: silent for N minutes since the last reading. A device never seen is not judged (it may not be installed yet). */
export function verdictOnSilence(rule: RuleCondition, lastSeenAt: Date | null, now: Date): Verdict {
  if (!lastSeenAt) return HOLD;
  const silentMs = now.getTime() - lastSeenAt.getTime();
  if (silentMs >= (rule.silentMinutes ?? 0) * 60_000) return { kind: 'raise', value: Math.floor(silentMs / 60_000), at: lastSeenAt };
  return { kind: 'clear', value: null, at: lastSeenAt };
}
