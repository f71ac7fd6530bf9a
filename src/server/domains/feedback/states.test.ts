import { describe, expect, it } from 'vitest';
import { reportStates } from '../../../shared/contracts/feedback.js';
import { agencyTargets, canMove, fixMyStreetStatusOf, isClosed, open311StatusOf, publicLabels, transitions } from './states.js';

describe('report states', () => {
  it('maps every state to Open311 open/closed, a FixMyStreet status and a Vietnamese label', () => {
    for (const s of reportStates) {
      expect(open311StatusOf(s)).toBe(isClosed(s) ? 'closed' : 'open');
      expect(fixMyStreetStatusOf(s)).toMatch(/^[A-Z_]+$/);
      expect(publicLabels[s].length).toBeGreaterThan(3);
    }
    expect(reportStates.filter((s) => isClosed(s))).toEqual(['resolved', 'closed_not_fixed', 'duplicate', 'rejected', 'cancelled']);
  });

  it('lets only reopening leave a closed state, and nothing leave duplicate, rejected or cancelled', () => {
    expect(transitions.duplicate).toEqual([]);
    expect(transitions.rejected).toEqual([]);
    expect(transitions.cancelled).toEqual([]);
    expect(transitions.resolved).toEqual(['in_progress']);
    expect(canMove('new', 'resolved')).toBe(false);
    expect(canMove('assigned', 'not_our_responsibility')).toBe(true);
    expect(canMove('not_our_responsibility', 'assigned')).toBe(true);
  });

  it('names only states reachable from somewhere, and agency targets that agencies can reach', () => {
    const reachable = new Set(Object.values(transitions).flat());
    for (const s of reportStates) if (s !== 'new') expect(reachable.has(s), s).toBe(true);
    for (const s of agencyTargets) expect(transitions.assigned.includes(s) || transitions.in_progress.includes(s), s).toBe(true);
  });
});
