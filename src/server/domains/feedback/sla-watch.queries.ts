// SQL of the SLA watch: claiming the reports to alert (once per stage and deadline) and the people to tell.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, selectRows } from '../../db/client.js';
import { users } from '../accounts/accounts.table.js';
import { units } from '../units/units.table.js';

export type SlaStage = 'accept-warning' | 'accept-breach' | 'resolve-warning' | 'resolve-breach';
export interface ClaimedReport { reportId: string; stage: SlaStage; dueAt: Date; trackingCode: string; unitPath: string; agencyId: string | null; state: string }

/** Until the transaction ends no other process runs the watch: the one that waits then finds the reports alerted. */
export async function lockSlaWatch(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7734205)`);
}

/**
 * Records up to `limit` reports as alerted for the stage and returns them. The row key (report, stage,
 * deadline) makes each stage alert once per report and deadline; a recomputed deadline alerts again.
 * Served by the partial indexes on open reports' deadlines.
 */
export async function claimSlaStage(tx: DbOrTx, stage: SlaStage, now: Date, horizon: Date, limit: number): Promise<ClaimedReport[]> {
  const due = stage.startsWith('accept') ? sql.raw('accept_due_at') : sql.raw('resolve_due_at');
  const open = stage.startsWith('accept') ? sql`accepted_at IS NULL AND closed_at IS NULL` : sql`closed_at IS NULL`;
  const window = stage.endsWith('breach') ? sql`${due} < ${now}` : sql`${due} >= ${now} AND ${due} <= ${horizon}`;
  const rows = await selectRows<{ report_id: string; due_at: Date | string; tracking_code: string; unit_path: string; agency_id: string | null; state: string }>(tx, sql`
    WITH claimed AS (
      INSERT INTO report_sla_alerts (report_id, stage, due_at, alerted_at)
      SELECT r.id, ${stage}::text, r.${due}, ${now}::timestamptz FROM reports r
      WHERE ${open} AND ${window}
        AND NOT EXISTS (SELECT 1 FROM report_sla_alerts a WHERE a.report_id = r.id AND a.stage = ${stage} AND a.due_at = r.${due})
      ORDER BY r.${due}, r.id LIMIT ${limit}
      ON CONFLICT DO NOTHING
      RETURNING report_id, due_at)
    SELECT c.report_id, c.due_at, r.tracking_code, r.unit_path, r.agency_id, r.state FROM claimed c JOIN reports r ON r.id = c.report_id`);
  return rows.map((r) => ({ reportId: r.report_id, stage, dueAt: new Date(r.due_at), trackingCode: r.tracking_code, unitPath: r.unit_path, agencyId: r.agency_id, state: r.state }));
}

const recipientColumns = { id: users.id, email: users.email, role: users.role, agencyId: users.agencyId, scopePath: units.path };
export type SlaRecipient = { id: string; email: string | null; role: string; agencyId: string | null; scopePath: string };

/** Active officers and leaders of these agencies. */
export async function staffOfAgencies(db: DbOrTx, agencyIds: string[]): Promise<SlaRecipient[]> {
  if (agencyIds.length === 0) return [];
  return db.select(recipientColumns).from(users).innerJoin(units, eq(units.id, users.scopeUnitId))
    .where(and(inArray(users.agencyId, agencyIds), inArray(users.role, ['agency_officer', 'leader']), eq(users.disabled, false)));
}

/** Active IOC operators and leaders without an agency (a unit's leadership); the caller matches them by scope. */
export async function operatorsAndUnitLeaders(db: DbOrTx): Promise<SlaRecipient[]> {
  return db.select(recipientColumns).from(users).innerJoin(units, eq(units.id, users.scopeUnitId))
    .where(and(eq(users.disabled, false), sql`(${users.role} = 'operator' OR (${users.role} = 'leader' AND ${users.agencyId} IS NULL))`));
}

export async function agencyUnitPaths(db: DbOrTx, agencyIds: string[]): Promise<Map<string, { name: string; unitPath: string }>> {
  if (agencyIds.length === 0) return new Map();
  const rows = await selectRows<{ id: string; name: string; path: string }>(db, sql`
    SELECT a.id, a.name, u.path FROM agencies a JOIN units u ON u.id = a.unit_id WHERE a.id IN (${sql.join(agencyIds.map((id) => sql`${id}`), sql`, `)})`);
  return new Map(rows.map((r) => [r.id, { name: r.name, unitPath: r.path }]));
}
