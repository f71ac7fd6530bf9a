import { asc, eq, sql } from 'drizzle-orm';
import { type DbOrTx, selectRows } from '../../db/client.js';
import { dossierConnectors, type DossierConnectorRow } from './dossiers.table.js';

export async function listConnectorRows(db: DbOrTx): Promise<DossierConnectorRow[]> {
  return db.select().from(dossierConnectors).orderBy(asc(dossierConnectors.name));
}

export async function findConnectorRow(db: DbOrTx, id: string): Promise<DossierConnectorRow | null> {
  const [row] = await db.select().from(dossierConnectors).where(eq(dossierConnectors.id, id));
  return row ?? null;
}

export async function findConnectorBySource(db: DbOrTx, source: string): Promise<DossierConnectorRow | null> {
  const [row] = await db.select().from(dossierConnectors).where(eq(dossierConnectors.source, source));
  return row ?? null;
}

export async function insertConnector(db: DbOrTx, row: typeof dossierConnectors.$inferInsert): Promise<void> {
  await db.insert(dossierConnectors).values(row);
}

export async function updateConnectorRow(db: DbOrTx, id: string, changes: Partial<typeof dossierConnectors.$inferInsert>): Promise<void> {
  await db.update(dossierConnectors).set({ ...changes, updatedAt: new Date() }).where(eq(dossierConnectors.id, id));
}

export async function deleteConnectorRow(db: DbOrTx, id: string): Promise<void> {
  await db.delete(dossierConnectors).where(eq(dossierConnectors.id, id));
}

const LEASE_SECONDS = 120;

/**
 * Claims a connector for one run, atomically across processes: `last_run_at` is the lease (refreshed per
 * page); a run has ended when `updated_at` is not older than it. Scheduled claims also wait for the poll
 * interval (times `backoff` after failures) since the last run ended; `force` (run now) does not.
 */
export async function claimConnector(db: DbOrTx, id: string, options: { force: boolean; backoff: number }): Promise<DossierConnectorRow | null> {
  const rows = await selectRows<{ id: string }>(db, sql`
    UPDATE dossier_connectors SET last_run_at = now()
    WHERE id = ${id}
      AND (last_run_at IS NULL OR last_run_at <= updated_at OR last_run_at < now() - make_interval(secs => ${LEASE_SECONDS}))
      AND (${options.force} OR (enabled AND (last_run_at IS NULL OR updated_at + make_interval(secs => poll_seconds * ${options.backoff}) <= now())))
    RETURNING id`);
  return rows.length ? findConnectorRow(db, id) : null;
}

export async function heartbeatConnector(db: DbOrTx, id: string): Promise<void> {
  await db.execute(sql`UPDATE dossier_connectors SET last_run_at = now() WHERE id = ${id}`);
}

/** Ends a run: `updated_at` moves past the lease; on success the cursor advances. */
export async function finishConnectorRun(
  db: DbOrTx, id: string, outcome: { ok: true; cursor: string | null; count: number; note: string | null } | { ok: false; error: string },
): Promise<void> {
  if (outcome.ok) {
    await db.execute(sql`UPDATE dossier_connectors SET cursor = ${outcome.cursor}, last_success_at = now(), last_count = ${outcome.count},
      last_error = ${outcome.note}, updated_at = greatest(now(), last_run_at) WHERE id = ${id}`);
  } else {
    await db.execute(sql`UPDATE dossier_connectors SET last_error = ${outcome.error}, updated_at = greatest(now(), last_run_at) WHERE id = ${id}`);
  }
}

export async function rootScope(db: DbOrTx): Promise<{ id: string; name: string; path: string }> {
  const [row] = await selectRows<{ id: string; name: string; path: string }>(db, sql`SELECT id, name, path FROM units WHERE parent_id IS NULL ORDER BY level, path LIMIT 1`);
  if (!row) throw new Error('no root unit');
  return row;
}

export async function enabledConnectorIds(db: DbOrTx): Promise<string[]> {
  const rows = await selectRows<{ id: string }>(db, sql`SELECT id FROM dossier_connectors WHERE enabled`);
  return rows.map((r) => r.id);
}
