// Everything a fresh or existing database needs before serving: migrations, partitions, demo, admin.
import type { Config } from '../config.js';
import { ensureAuditPartitions } from '../core/audit.js';
import { ensureFirstAdmin } from '../domains/accounts/bootstrap.js';
import { ensureVietnamHolidays } from '../domains/calendar/calendar.service.js';
import { DEFAULT_DEMO_DOSSIERS, DEFAULT_DEMO_DOSSIERS_PGLITE, hasDemoProcedures, seedDemoDossierData } from '../domains/dossiers/demo-seed.js';
import { seedDemoIndicators } from '../domains/indicators/demo-seed.js';
import { ensureReportCategories, seedDemoReportRouting } from '../domains/feedback/demo-seed.js';
import { ensureRootUnit, isDemoSeeded, seedDemoProvince } from '../domains/units/demo-seed.js';
import type { Database } from './client.js';
import { migrateDatabase } from './migrate.js';

export interface PreparedDatabase { seededDemo: boolean; adminCreated: boolean; generatedAdminPassword: string | null }

/** `demoDossiers`: how many synthetic dossiers the demo gets (unset: by database kind; tests keep it small). */
export async function prepareDatabase(
  database: Database, config: Pick<Config, 'seedDemo' | 'adminPassword'> & { demoDossiers?: number | null },
): Promise<PreparedDatabase> {
  await migrateDatabase(database);
  await ensureAuditPartitions(database.db);
  return database.db.transaction(async (tx) => {
    const root = await ensureRootUnit(tx);
    await ensureVietnamHolidays(tx);   // real facts, not demo data: every database gets them
    await ensureReportCategories(tx);  // configuration: report categories and their default SLA
    let seededDemo = false;
    if (config.seedDemo && !(await isDemoSeeded(tx))) {
      await seedDemoProvince(tx);
      await seedDemoIndicators(tx);
      seededDemo = true;
    }
    // Also for a demo database created before dossiers existed.
    if (config.seedDemo && (await isDemoSeeded(tx)) && !(await hasDemoProcedures(tx))) {
      await seedDemoDossierData(tx, config.demoDossiers ?? (database.kind === 'pglite' ? DEFAULT_DEMO_DOSSIERS_PGLITE : DEFAULT_DEMO_DOSSIERS));
    }
    if (config.seedDemo && (await isDemoSeeded(tx))) await seedDemoReportRouting(tx);   // once: skipped when any route exists
    const admin = await ensureFirstAdmin(tx, root.id, config.adminPassword);
    return { seededDemo, adminCreated: admin.created, generatedAdminPassword: admin.password };
  });
}
