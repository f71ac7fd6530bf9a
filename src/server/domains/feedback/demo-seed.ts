// Configuration every database gets (categories with their default SLA) and the demo routing matrix.
import { eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { DbOrTx } from '../../db/client.js';
import { agencies, units } from '../units/units.table.js';
import { demoAgencies } from '../units/demo-province.data.js';
import {
  DEMO_PROVINCE_CODE, defaultSla, demoCategories, demoLocalCategories, demoProvinceRoutes,
} from './categories.data.js';
import { countRoutes, insertCategoryIfMissing, insertRoutes, insertSlaIfMissing } from './feedback.queries.js';
import { urgencies } from '../../../shared/contracts/feedback.js';

/** Adds the categories and SLA rows that are missing; never changes what an administrator configured. */
export async function ensureReportCategories(db: DbOrTx): Promise<void> {
  for (const [i, c] of demoCategories.entries()) {
    const categoryId = await insertCategoryIfMissing(db, {
      id: uuidv7(), code: c.code, name: c.name, nameEn: c.nameEn, groupName: c.group, description: c.description,
      isEmergency: c.isEmergency, emergencyNumber: c.emergencyNumber, attributes: c.attributes, keywords: c.keywords, sortOrder: (i + 1) * 10,
    });
    for (const urgency of urgencies) await insertSlaIfMissing(db, { categoryId, urgency, ...defaultSla[urgency] });
  }
}

/** The demo matrix, once: province-wide agencies per category, ward/commune committees for local matters. */
export async function seedDemoReportRouting(db: DbOrTx): Promise<number> {
  if ((await countRoutes(db)) > 0) return 0;
  const categoryIds = new Map<string, string>();
  for (const c of demoCategories) categoryIds.set(c.code, await insertCategoryIfMissing(db, {
    id: uuidv7(), code: c.code, name: c.name, nameEn: c.nameEn, groupName: c.group, isEmergency: c.isEmergency, emergencyNumber: c.emergencyNumber,
  }));
  const localCommittees = demoAgencies.filter((a) => a.kind === 'people_committee' && a.unitCode.startsWith('DN-new-') && a.validTo === null);
  const agencyCodes = [...new Set([...Object.values(demoProvinceRoutes), ...localCommittees.map((a) => a.code)])];
  const found = await db.select({ id: agencies.id, code: agencies.code, unitId: units.id, unitPath: units.path })
    .from(agencies).innerJoin(units, eq(units.id, agencies.unitId)).where(inArray(agencies.code, agencyCodes));
  const byCode = new Map(found.map((a) => [a.code, a]));
  const [province] = await db.select({ id: units.id, path: units.path }).from(units).where(eq(units.code, DEMO_PROVINCE_CODE));
  if (!province) return 0;
  const rows: { id: string; categoryId: string; unitId: string; unitPath: string; agencyId: string }[] = [];
  for (const [category, agencyCode] of Object.entries(demoProvinceRoutes)) {
    const agency = byCode.get(agencyCode);
    const categoryId = categoryIds.get(category);
    if (agency && categoryId) rows.push({ id: uuidv7(), categoryId, unitId: province.id, unitPath: province.path, agencyId: agency.id });
  }
  for (const committee of localCommittees) {
    const agency = byCode.get(committee.code);
    if (!agency) continue;
    for (const category of demoLocalCategories) {
      const categoryId = categoryIds.get(category);
      if (categoryId) rows.push({ id: uuidv7(), categoryId, unitId: agency.unitId, unitPath: agency.unitPath, agencyId: agency.id });
    }
  }
  await insertRoutes(db, rows);
  return rows.length;
}
