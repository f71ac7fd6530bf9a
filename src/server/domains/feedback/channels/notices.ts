// Telling the citizen of every public change of their report (a new state, the agency's answer) through the
// channel the report came from — Zalo, Facebook, e-mail, SMS for a phone report — or by e-mail, else SMS,
// for web and Open311 reports whose reporter gave one. Called inside the transaction that records the change, so a notice is queued
// exactly when the change commits.
import type { ReportState } from '../../../../shared/contracts/feedback.js';
import type { DbOrTx } from '../../../db/client.js';
import type { ReportRow } from '../feedback.table.js';
import { isClosed, publicLabels } from '../states.js';
import { supportersToNotify } from '../duplicates.queries.js';
import { noteOnTimeline, sendToCitizen, sendToFollowerByEmail, sendToFollowerBySms } from './outbound.js';
import { vietnamPhoneOf } from './sms.js';

/** The timeline rows a change writes, as far as a notice cares. */
export interface ChangeEvent { kind: string; toState?: string | null; isPublic?: boolean; text?: string | null }

export function noticeTextOf(trackingCode: string, to: ReportState | null, reason: string | null, answer: string | null): string {
  const lines = [`Phản ánh ${trackingCode}:`];
  if (to) lines.push(`Tình trạng mới: ${publicLabels[to]}.`);
  if (reason) lines.push(`Lý do: ${reason}`);
  if (answer) lines.push(`Trả lời của cơ quan xử lý: ${answer}`);
  if (to && isClosed(to) && to !== 'duplicate' && to !== 'rejected' && to !== 'cancelled') lines.push('Nếu vấn đề chưa được khắc phục, bạn có thể phản hồi lại tin nhắn này.');
  lines.push(`Tra cứu tình trạng bằng mã ${trackingCode}.`);
  return lines.join('\n');
}

/**
 * Queues the notice of a change, if it is public: a new state, or an answer. `before` is the report as it
 * was, `patch` what the change set, `events` the timeline rows it wrote.
 */
export async function tellCitizenOfChange(tx: DbOrTx, before: ReportRow, patch: Partial<ReportRow>, events: readonly ChangeEvent[], now = new Date()): Promise<void> {
  const to = patch.state && patch.state !== before.state ? (patch.state as ReportState) : null;
  const answerEvent = events.find((e) => e.kind === 'answer' && e.isPublic);
  if (!to && !answerEvent) return;
  // The reason shown publicly with the new state (rejected, cancelled, closed-not-fixed), never an internal one.
  const reason = to ? events.find((e) => e.isPublic && e.toState === to && e.kind === 'state')?.text ?? null : null;
  const notice = {
    report: { ...before, ...patch },
    kind: 'notice' as const,
    actorName: 'system:channels',
    subject: to ? publicLabels[to] : 'Trả lời của cơ quan xử lý',
    text: noticeTextOf(before.trackingCode, to, reason, answerEvent?.text ?? null),
    now,
  };
  const result = await sendToCitizen(tx, notice);
  // Those who follow the report (supporters who asked, reporters of reports merged into it) hear it too, once
  // each: by e-mail, or by SMS when they left only a phone number.
  const told = new Set([before.reporterEmail?.toLowerCase()].filter(Boolean));
  if (result.sentVia === 'sms') told.add(vietnamPhoneOf(before.reporterPhone)?.e164);
  const unreached = new Set<string>();
  for (const follower of await supportersToNotify(tx, before.id)) {
    const email = follower.email?.toLowerCase();
    if (email) {
      if (told.has(email)) continue;
      told.add(email);
      await sendToFollowerByEmail(tx, notice, email);
      continue;
    }
    const phone = vietnamPhoneOf(follower.phone)?.e164 ?? follower.phone;
    if (!phone || told.has(phone)) continue;
    told.add(phone);
    const sms = await sendToFollowerBySms(tx, notice, phone);
    if (!sms.sent) unreached.add(sms.why);
  }
  if (unreached.size) {
    await noteOnTimeline(tx, notice, `Người theo dõi chỉ để lại số điện thoại không được báo: ${[...unreached].join('; ')}.`, now);
  }
}
