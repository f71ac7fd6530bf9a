import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { dossierImports, type DossierImportRow } from './dossiers.table.js';

export async function createImport(db: DbOrTx, row: typeof dossierImports.$inferInsert): Promise<void> {
  await db.insert(dossierImports).values(row);
}

export async function findImport(db: DbOrTx, id: string): Promise<DossierImportRow | null> {
  const [row] = await db.select().from(dossierImports).where(eq(dossierImports.id, id));
  return row ?? null;
}

export async function listImportsOf(db: DbOrTx, createdBy: string | null, limit: number): Promise<DossierImportRow[]> {
  const q = db.select().from(dossierImports);
  return (createdBy ? q.where(eq(dossierImports.createdBy, createdBy)) : q).orderBy(desc(dossierImports.createdAt)).limit(limit);
}

export async function updateImport(
  db: DbOrTx, id: string,
  changes: { processedRows?: number; savedRows?: number; status?: string; finishedAt?: Date; appendErrors?: Record<string, unknown>[] },
): Promise<void> {
  const { appendErrors, ...rest } = changes;
  const rows = new Set((appendErrors ?? []).map((e) => e.index)).size;
  await db.update(dossierImports).set({
    ...rest,
    // the first 1,000 errors are kept
    ...(appendErrors?.length ? {
      errors: sql`(SELECT coalesce(jsonb_agg(e), '[]'::jsonb) FROM (SELECT e FROM jsonb_array_elements(${dossierImports.errors} || ${JSON.stringify(appendErrors)}::jsonb) e LIMIT 1000) x)`,
      errorRows: sql`${dossierImports.errorRows} + ${rows}`,
    } : {}),
  }).where(eq(dossierImports.id, id));
}
