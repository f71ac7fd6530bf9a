// What every intake looks up — its category by code and the SLA of category × urgency — kept in memory per
// database handle. At hundreds of reports a second these two lookups were two queries per report before
// the batch's own few statements; they change a few times a year. Other processes pick up a change within
// the minute, as the working calendar does (calendar.service.ts); this process drops its copy at once.
import type { DbOrTx } from '../../db/client.js';
import type { ReportCategoryRow } from './feedback.table.js';
import { listCategories, listSlaSettingRows } from './feedback.queries.js';

const CACHE_TTL_MS = 60_000;

interface IntakeCatalog {
  at: number;
  categoryByCode: Map<string, ReportCategoryRow>;
  slaOf: Map<string, { acceptHours: number; resolveHours: number }>;   // `${categoryId}|${urgency}`
}

let catalogs = new WeakMap<object, Promise<IntakeCatalog>>();

async function loadCatalog(db: DbOrTx): Promise<IntakeCatalog> {
  const [categories, sla] = await Promise.all([listCategories(db, false), listSlaSettingRows(db)]);
  return {
    at: Date.now(),
    categoryByCode: new Map(categories.map((c) => [c.code, c])),
    slaOf: new Map(sla.map((s) => [`${s.categoryId}|${s.urgency}`, { acceptHours: s.acceptHours, resolveHours: s.resolveHours }])),
  };
}

async function catalogOf(db: DbOrTx): Promise<IntakeCatalog> {
  let pending = catalogs.get(db);
  if (pending) {
    const catalog = await pending.catch(() => null);
    if (catalog && Date.now() - catalog.at < CACHE_TTL_MS) return catalog;
  }
  pending = loadCatalog(db);
  catalogs.set(db, pending);
  return pending;
}

/** A category by its code (active or not), as of at most a minute ago. */
export async function intakeCategory(db: DbOrTx, code: string): Promise<ReportCategoryRow | undefined> {
  return (await catalogOf(db)).categoryByCode.get(code);
}

/** The configured deadlines of category × urgency, if any (else the defaults apply). */
export async function intakeSla(db: DbOrTx, categoryId: string, urgency: string): Promise<{ acceptHours: number; resolveHours: number } | undefined> {
  return (await catalogOf(db)).slaOf.get(`${categoryId}|${urgency}`);
}

/** After a change of categories or deadlines in this process. */
export function forgetIntakeCatalog(): void {
  catalogs = new WeakMap();
}
