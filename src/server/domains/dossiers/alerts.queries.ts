// The SQL of the dossier alerts: claiming dossiers to alert (once each, safe on several processes), the
// people to tell, and the counts of the daily digest. All reads of the pending set go through the partial
// index on due_at WHERE finished_at IS NULL.
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { type DbOrTx, selectRows } from '../../db/client.js';
import { users } from '../accounts/accounts.table.js';
import { units } from '../units/units.table.js';

export interface ClaimedDossier { id: number; code: string; unit_path: string; due_at: Date; agency_id: string | null }

/**
 * Marks up to `limit` dossiers as alerted and returns them: newly overdue (past due, not yet alerted) or
 * due soon (due in [now, until], not yet alerted). SKIP LOCKED: two processes never claim the same dossier;
 * the marks commit with the notifications of the caller's transaction. The agency to tell is the one
 * holding the dossier, or the handling agency when nobody is recorded as holding it.
 */
/** Until the transaction ends, no other process runs the alerts (they wait, then find the dossiers alerted). */
export async function lockAlertRun(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(7734201)`);
}

export async function claimDossiersToAlert(tx: DbOrTx, kind: 'overdue' | 'due-soon', now: Date, until: Date, limit: number): Promise<ClaimedDossier[]> {
  const pick = kind === 'overdue'
    ? sql`finished_at IS NULL AND overdue_alerted_at IS NULL AND due_at < ${now}`
    : sql`finished_at IS NULL AND due_soon_alerted_at IS NULL AND due_at >= ${now} AND due_at <= ${until}`;
  const mark = kind === 'overdue' ? sql`overdue_alerted_at = ${now}` : sql`due_soon_alerted_at = ${now}`;
  const rows = await selectRows<ClaimedDossier & { due_at: Date | string }>(tx, sql`
    UPDATE dossiers d SET ${mark}
    WHERE d.id IN (SELECT id FROM dossiers WHERE ${pick} ORDER BY due_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING d.id::float8 AS id, d.code, d.unit_path, d.due_at, coalesce(d.holding_agency_id, d.handling_agency_id) AS agency_id`);
  return rows.map((r) => ({ ...r, id: Number(r.id), due_at: new Date(r.due_at) }));
}

const recipientColumns = { id: users.id, email: users.email, role: users.role, agencyId: users.agencyId, scopePath: units.path };

/** Active users of these agencies with one of these roles. */
export async function usersOfAgencies(db: DbOrTx, agencyIds: string[], roles: string[]) {
  if (agencyIds.length === 0) return [];
  return db.select(recipientColumns).from(users).innerJoin(units, eq(units.id, users.scopeUnitId))
    .where(and(inArray(users.agencyId, agencyIds), inArray(users.role, roles), eq(users.disabled, false)));
}

/** Active leaders: of these agencies, or of no agency (a unit's leadership, matched by scope by the caller). */
export async function leadersOf(db: DbOrTx, agencyIds: string[]) {
  return db.select(recipientColumns).from(users).innerJoin(units, eq(units.id, users.scopeUnitId))
    .where(and(eq(users.role, 'leader'), eq(users.disabled, false), agencyIds.length ? or(isNull(users.agencyId), inArray(users.agencyId, agencyIds)) : isNull(users.agencyId)));
}

/** Unfinished dossiers due by `until`: overdue and due soon, per agency (holding, else handling) and receiving unit path. */
export async function pendingDueCounts(db: DbOrTx, now: Date, until: Date) {
  const rows = await selectRows<{ agency_id: string | null; unit_path: string; overdue: number; due_soon: number }>(db, sql`
    SELECT coalesce(holding_agency_id, handling_agency_id) AS agency_id, unit_path,
           (count(*) FILTER (WHERE due_at < ${now}))::int AS overdue,
           (count(*) FILTER (WHERE due_at >= ${now}))::int AS due_soon
    FROM dossiers
    WHERE finished_at IS NULL AND due_at <= ${until}
    GROUP BY 1, 2`);
  return rows;
}
