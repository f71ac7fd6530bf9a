// The life of a report: which state may follow which, who may move it, and how each state reads to the
// public (plain Vietnamese), to Open311 clients (open/closed) and to FixMyStreet (extended statuses).
import type { ReportState } from '../../../shared/contracts/feedback.js';

export const transitions: Record<ReportState, readonly ReportState[]> = {
  new: ['triaged', 'assigned', 'duplicate', 'rejected', 'cancelled'],
  triaged: ['assigned', 'duplicate', 'rejected', 'cancelled'],
  assigned: ['in_progress', 'action_scheduled', 'resolved', 'closed_not_fixed', 'not_our_responsibility', 'duplicate', 'rejected'],
  in_progress: ['action_scheduled', 'resolved', 'closed_not_fixed', 'not_our_responsibility'],
  action_scheduled: ['in_progress', 'resolved', 'closed_not_fixed'],
  // Returned by an agency: an operator routes it again (or closes it).
  not_our_responsibility: ['triaged', 'assigned', 'rejected', 'cancelled'],
  // Reopened when the citizen says it was not fixed.
  resolved: ['in_progress'],
  closed_not_fixed: ['in_progress'],
  duplicate: [],
  rejected: [],
  cancelled: [],
};

/** States an agency's own officer may move its reports to (the rest are the operators'). */
export const agencyTargets: ReadonlySet<ReportState> = new Set(['in_progress', 'action_scheduled', 'resolved', 'closed_not_fixed', 'not_our_responsibility']);

const closedStates: ReadonlySet<ReportState> = new Set(['resolved', 'closed_not_fixed', 'duplicate', 'rejected', 'cancelled']);

export function canMove(from: ReportState, to: ReportState): boolean {
  return transitions[from].includes(to);
}

export function isClosed(state: ReportState): boolean {
  return closedStates.has(state);
}

/** Open311 GeoReport v2 knows only open and closed. */
export function open311StatusOf(state: ReportState): 'open' | 'closed' {
  return isClosed(state) ? 'closed' : 'open';
}

/** The statuses FixMyStreet reads in servicerequestupdates. */
export function fixMyStreetStatusOf(state: ReportState): string {
  switch (state) {
    case 'new': case 'triaged': return 'OPEN';
    case 'assigned': return 'INVESTIGATING';
    case 'in_progress': return 'IN_PROGRESS';
    case 'action_scheduled': return 'ACTION_SCHEDULED';
    case 'resolved': return 'FIXED';
    case 'closed_not_fixed': return 'NO_FURTHER_ACTION';
    case 'not_our_responsibility': return 'INTERNAL_REFERRAL';
    case 'duplicate': return 'DUPLICATE';
    case 'rejected': return 'CLOSED';
    case 'cancelled': return 'CLOSED';
  }
}

/** What the citizen reads on the status page. */
export const publicLabels: Record<ReportState, string> = {
  new: 'Đã nhận phản ánh',
  triaged: 'Đang phân loại',
  assigned: 'Đã chuyển cơ quan có trách nhiệm',
  in_progress: 'Đang xử lý',
  action_scheduled: 'Đã lên kế hoạch xử lý',
  resolved: 'Đã xử lý xong',
  closed_not_fixed: 'Đã đóng, chưa khắc phục được',
  // The citizen sees that it is being passed on, not the internal hand-back.
  not_our_responsibility: 'Đang chuyển cơ quan khác xử lý',
  duplicate: 'Trùng với phản ánh đã có',
  rejected: 'Không đủ điều kiện xử lý',
  cancelled: 'Đã hủy',
};
