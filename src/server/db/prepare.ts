// Everything a fresh or existing database needs before serving: migrations, partitions, demo, admin.
import type { Config } from '../config.js';
import { ensureAuditPartitions } from '../core/audit.js';
import { ensureFirstAdmin } from '../domains/accounts/bootstrap.js';
import { seedDemoIndicators } from '../domains/indicators/demo-seed.js';
import { ensureRootUnit, isDemoSeeded, seedDemoProvince } from '../domains/units/demo-seed.js';
import type { Database } from './client.js';
import { migrateDatabase } from './migrate.js';

export interface PreparedDatabase { seededDemo: boolean; adminCreated: boolean; generatedAdminPassword: string | null }

export async function prepareDatabase(database: Database, config: Pick<Config, 'seedDemo' | 'adminPassword'>): Promise<PreparedDatabase> {
  await migrateDatabase(database);
  await ensureAuditPartitions(database.db);
  return database.db.transaction(async (tx) => {
    const root = await ensureRootUnit(tx);
    let seededDemo = false;
    if (config.seedDemo && !(await isDemoSeeded(tx))) {
      await seedDemoProvince(tx);
      await seedDemoIndicators(tx);
      seededDemo = true;
    }
    const admin = await ensureFirstAdmin(tx, root.id, config.adminPassword);
    return { seededDemo, adminCreated: admin.created, generatedAdminPassword: admin.password };
  });
}
