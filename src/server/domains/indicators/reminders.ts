// Chasing reporters: a reminder before the deadline to the unit's clerks, an escalation after it to
// the approvers of the level above. Runs periodically on every server; each notice goes out once
// (notification keys are unique per user), so running it often or on several processes is harmless.
import { addDays, todayInVietnam } from '../../core/calendar.js';
import type { DbOrTx } from '../../db/client.js';
import { usersResponsibleFor } from '../accounts/accounts.service.js';
import { notify } from '../notifications/notifications.service.js';
import { expectedReporters, reportingAgenciesOf } from './data-entry.js';
import { listFormVersions, submissionsOfPeriod } from './indicators.queries.js';
import { deadlineOf, type PeriodType, periodContaining, periodRange, previousPeriod } from './periods.js';

export interface ChaseResult { reminders: number; escalations: number }

export async function chaseReporters(db: DbOrTx, today = todayInVietnam()): Promise<ChaseResult> {
  const result: ChaseResult = { reminders: 0, escalations: 0 };
  const versions = await listFormVersions(db);
  const latest = versions.filter((v, i) => i === 0 || versions[i - 1]!.code !== v.code);
  for (const form of latest) {
    const current = periodContaining(form.periodType as PeriodType, today, form.cutoffDay);
    // The period that just ended (its deadline is near or past) and the one before it (still overdue?).
    for (const period of [previousPeriod(current), previousPeriod(previousPeriod(current))]) {
      if (periodRange(period).start < periodRange({ type: period.type, id: form.validFromPeriod }).start) continue;
      const dueOn = deadlineOf(period, form.cutoffDay, form.deadlineDays);
      const remind = today >= addDays(dueOn, -form.reminderDays) && today <= dueOn;
      const escalate = today > dueOn;
      if (!remind && !escalate) continue;
      const lastDay = addDays(periodRange(period, form.cutoffDay).end, -1);
      const submitted = new Set((await submissionsOfPeriod(db, form.code, period.id)).filter((s) => s.firstSubmittedAt).map((s) => s.unitId));
      const reportingAgencies = await reportingAgenciesOf(db, form.code);
      for (const unit of await expectedReporters(db, form.code, lastDay)) {
        if (submitted.has(unit.id)) continue;
        const link = `/indicators/entry?form=${encodeURIComponent(form.code)}&unit=${unit.id}&period=${period.id}`;
        if (remind) {
          // A form assigned to agencies is chased from their staff, not from every clerk of the unit.
          const agencyIds = (reportingAgencies.get(unit.id) ?? []).map((a) => a.id);
          const clerks = (await usersResponsibleFor(db, [unit.id], ['data_clerk', 'agency_officer']))
            .filter((u) => agencyIds.length === 0 || (u.agencyId !== null && agencyIds.includes(u.agencyId)));
          result.reminders += await notify(db, clerks, {
            key: `report-reminder:${form.code}:${unit.id}:${period.id}`, kind: 'reminder', link,
            title: `Sắp đến hạn báo cáo ${form.code} kỳ ${period.id}`,
            titleEn: `Report ${form.code} for ${period.id} is due on ${dueOn}`,
            body: `${unit.name} chưa gửi báo cáo "${form.name}" kỳ ${period.id}. Hạn gửi: ${dueOn}.`,
          });
        } else if (unit.parentId) {
          const approvers = await usersResponsibleFor(db, [unit.parentId], ['leader', 'agency_officer', 'admin']);
          result.escalations += await notify(db, approvers, {
            key: `report-overdue:${form.code}:${unit.id}:${period.id}`, kind: 'escalation', link,
            title: `${unit.name} chậm báo cáo ${form.code} kỳ ${period.id}`,
            titleEn: `${unit.code} is late with report ${form.code} for ${period.id} (due ${dueOn})`,
            body: `${unit.name} chưa gửi báo cáo "${form.name}" kỳ ${period.id}, quá hạn từ ${dueOn}.`,
          });
        }
      }
    }
  }
  return result;
}
