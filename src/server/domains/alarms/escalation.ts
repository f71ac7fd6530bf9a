// Escalation of alarms nobody acknowledges: a route with a delay and a target sends each alarm it covers that is
// still active and unacknowledged that long after it was raised to the target route (the agency leader, the IOC
// duty officer), once per alarm and route, and writes it on the alarm's timeline. Silenced alarms wait until the
// silence ends; acknowledged or cleared alarms never escalate. Runs in the evaluator's round, before the flush.
import { uuidv7 } from 'uuidv7';
import type { PublishInput } from '../../core/hub.js';
import type { Db } from '../../db/client.js';
import { ESCALATION_GROUP_PREFIX } from './alarm-notifications.js';
import { addToGroup, alarmsDueForEscalation, insertAlarmEvents, insertEscalation, matchingSilence, routeById } from './alarms.queries.js';
import { publishAlarmEvents } from './alarms.service.js';


export async function escalateUnacknowledgedAlarms(db: Db, now: Date): Promise<{ escalated: number }> {
  let escalated = 0;
  for (const c of await alarmsDueForEscalation(db, now)) {
    const done = await db.transaction(async (tx) => {
      const silence = await matchingSilence(tx, { ruleId: c.rule_id, sourceId: c.source_id, deviceType: c.device_type, type: c.type, unitPath: c.unit_path }, now);
      if (silence) return false;
      if (!(await insertEscalation(tx, { alarmId: c.alarm_id, routeId: c.route_id, toRouteId: c.to_route_id, escalatedAt: now }))) return false;
      const target = await routeById(tx, c.to_route_id);
      if (!target) return false;
      // Group wait 0: sent in this round's flush; alarms escalating together through one route share one message.
      await addToGroup(tx, {
        id: uuidv7(), routeId: target.id, groupKey: `${ESCALATION_GROUP_PREFIX}${c.route_id}|${c.dedupe_key}|${c.group_path}`, now, waitSeconds: 0, alarmId: c.alarm_id,
      });
      await insertAlarmEvents(tx, [{
        alarmId: c.alarm_id, at: now, kind: 'escalated', actorName: 'system',
        text: `${target.name} — ${c.minutes} phút chưa xác nhận (${c.route_name})`,
      }]);
      const event: PublishInput = { topic: 'alarms', type: 'alarm.escalated', unitPath: c.unit_path, ids: [c.alarm_id], data: { toRouteId: target.id, routeId: c.route_id } };
      await publishAlarmEvents(tx, [event]);
      return true;
    });
    if (done) escalated++;
  }
  return { escalated };
}
