// Camera analytics events in Frigate's shape: how a message merges into the stored event, and which
// label → alarm rule (if any) it satisfies.
import type { FrigateEventMessage } from '../../../shared/contracts/cameras.js';
import type { CameraAlarmRule } from './cameras.config.js';

export interface StoredEventState {
  label: string; subLabel: string | null; score: number; topScore: number; currentZones: string[]; enteredZones: string[];
  startTime: Date; endTime: Date | null; hasSnapshot: boolean; hasClip: boolean; lastType: 'new' | 'update' | 'end';
}

/** Frigate's sub_label is a string, or [name, score] in newer versions. */
function subLabelOf(value: unknown): string | null {
  if (typeof value === 'string') return value || null;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0] || null;
  return null;
}

const secondsToDate = (s: number) => new Date(Math.round(s * 1000));

/**
 * The stored state after a message: later messages win for the current fields, the top score only grows,
 * entered zones accumulate, and an ended event stays ended even if a late `update` arrives after its `end`.
 */
export function mergeEvent(existing: StoredEventState | null, message: FrigateEventMessage): StoredEventState {
  const a = message.after;
  const score = a.score ?? a.top_score ?? existing?.score ?? 0;
  const topScore = Math.max(existing?.topScore ?? 0, a.top_score ?? 0, score);
  const ended = existing?.lastType === 'end' || message.type === 'end';
  return {
    label: a.label,
    subLabel: subLabelOf(a.sub_label) ?? existing?.subLabel ?? null,
    score,
    topScore,
    currentZones: a.current_zones ?? existing?.currentZones ?? [],
    enteredZones: [...new Set([...(existing?.enteredZones ?? []), ...(a.entered_zones ?? [])])],
    startTime: existing?.startTime ?? secondsToDate(a.start_time),
    endTime: a.end_time ? secondsToDate(a.end_time) : existing?.endTime ?? null,
    hasSnapshot: (existing?.hasSnapshot ?? false) || (a.has_snapshot ?? false),
    hasClip: (existing?.hasClip ?? false) || (a.has_clip ?? false),
    lastType: ended ? 'end' : message.type === 'new' && existing ? existing.lastType : message.type,
  };
}

/** The first rule the event satisfies: its label, a top score at or above the rule's minimum, and (if the rule names zones) one of them. */
export function matchingAlarmRule(rules: CameraAlarmRule[], event: StoredEventState, falsePositive: boolean): CameraAlarmRule | null {
  if (falsePositive) return null;
  const label = event.label.toLowerCase();
  const zones = new Set([...event.enteredZones, ...event.currentZones]);
  for (const rule of rules) {
    if (!rule.labels.some((l) => l.toLowerCase() === label)) continue;
    if (event.topScore < rule.minScore) continue;
    if (rule.zones && rule.zones.length > 0 && !rule.zones.some((z) => zones.has(z))) continue;
    return rule;
  }
  return null;
}

/** Frigate keeps fields we do not model (box, area, region, stationary…): stored as they came, for reference. */
export function extraAttributes(message: FrigateEventMessage): Record<string, unknown> {
  const known = new Set(['id', 'camera', 'label', 'sub_label', 'score', 'top_score', 'current_zones', 'entered_zones', 'start_time', 'end_time', 'has_snapshot', 'has_clip', 'thumbnail']);
  return Object.fromEntries(Object.entries(message.after).filter(([k]) => !known.has(k)));
}
