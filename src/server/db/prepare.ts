// Everything a fresh or existing database needs before serving: migrations, partitions, demo, admin.
import type { Config } from '../config.js';
import { ensureAuditPartitions } from '../core/audit.js';
import { ensureFirstAdmin } from '../domains/accounts/bootstrap.js';
import { ensureVietnamHolidays } from '../domains/calendar/calendar.service.js';
import { DEFAULT_DEMO_DOSSIERS, DEFAULT_DEMO_DOSSIERS_PGLITE, hasDemoProcedures, seedDemoDossierData } from '../domains/dossiers/demo-seed.js';
import { seedDemoIndicators } from '../domains/indicators/demo-seed.js';
import {
  DEFAULT_DEMO_REPORTS, DEFAULT_DEMO_REPORTS_PGLITE, ensureReportCategories, hasDemoReports, seedDemoReportRouting, seedDemoReports,
} from '../domains/feedback/demo-seed.js';
import { seedDemoFaq } from '../domains/feedback/faq.service.js';
import { seedDemoAlarmRules } from '../domains/alarms/demo-seed.js';
import { seedDemoWall } from '../domains/walls/demo-wall.js';
import { ensureRootUnit, isDemoSeeded, seedDemoProvince } from '../domains/units/demo-seed.js';
import type { Database } from './client.js';
import { migrateDatabase } from './migrate.js';
import { hasDemoDevices, seedDemoDevices, topUpDemoRoadSegments } from '../domains/telemetry/demo-seed.js';
import { hasDemoCameras, seedDemoCameras } from '../domains/cameras/demo-seed.js';
import { partitionWindow } from '../domains/telemetry/doors.js';
import { ensureTelemetryPartitions } from '../domains/telemetry/readings.queries.js';
import { defaultTelemetryConfig } from '../domains/telemetry/telemetry.config.js';

export interface PreparedDatabase { seededDemo: boolean; adminCreated: boolean; generatedAdminPassword: string | null }

/**
 * `demoDossiers`, `demoReports`: how many synthetic dossiers and reports the demo gets (unset: by database kind;
 * tests keep them small). `demoFaq`: whether the demo gets the chatbot's demo knowledge base (unset: yes).
 */
export async function prepareDatabase(
  database: Database, config: Pick<Config, 'seedDemo' | 'adminPassword'> & { demoDossiers?: number | null; demoReports?: number | null; demoFaq?: boolean },
): Promise<PreparedDatabase> {
  await migrateDatabase(database);
  await ensureAuditPartitions(database.db);
  await ensureTelemetryPartitions(database.db, partitionWindow(defaultTelemetryConfig));   // days of readings around today
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
    if (config.seedDemo && (await isDemoSeeded(tx))) {
      await seedDemoReportRouting(tx);   // once: skipped when any route exists
      if (config.demoFaq !== false) await seedDemoFaq(tx);   // once: skipped when the knowledge base has any entry
      await seedDemoAlarmRules(tx);      // once: default alarm rules and the duty operators' route
      await seedDemoWall(tx);            // once: the 27-screen demo wall (9 × 3)
      if (!(await hasDemoDevices(tx))) await seedDemoDevices(tx);   // once: ~200 synthetic sensors with 3 days of hourly history
      else await topUpDemoRoadSegments(tx);   // a demo from before road segments: its traffic counters get theirs
      if (!(await hasDemoCameras(tx))) await seedDemoCameras(tx);   // once: synthetic cameras at real places of Đồng Xoài and Biên Hòa
      if (!(await hasDemoReports(tx))) {
        await seedDemoReports(tx, { count: config.demoReports ?? (database.kind === 'pglite' ? DEFAULT_DEMO_REPORTS_PGLITE : DEFAULT_DEMO_REPORTS) });
      }
    }
    const admin = await ensureFirstAdmin(tx, root.id, config.adminPassword);
    return { seededDemo, adminCreated: admin.created, generatedAdminPassword: admin.password };
  });
}
