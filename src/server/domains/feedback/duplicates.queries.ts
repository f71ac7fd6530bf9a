// SQL of duplicates: open reports near a point or in a unit, and the people who support a report.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, likePattern, selectRows } from '../../db/client.js';
import { reportSupporters } from './handling.table.js';
import { reports } from './feedback.table.js';

export interface NearbyReport { id: string; distance: number | null }

export interface NearbyFilter {
  categoryId: string;
  since: Date;
  scopePath: string;
  onlyAgencyId?: string | undefined;
  excludeId?: string | undefined;
  limit: number;
}

/** Open reports of the category within `radiusMeters` of the point (metres on the geography), nearest first. */
export async function openReportsNear(db: DbOrTx, point: { lat: number; lon: number }, radiusMeters: number, f: NearbyFilter): Promise<NearbyReport[]> {
  const here = sql`ST_SetSRID(ST_MakePoint(${point.lon}, ${point.lat}), 4326)::geography`;
  const rows = await selectRows<{ id: string; distance: number | string }>(db, sql`
    SELECT id, ST_Distance(location::geography, ${here}) AS distance FROM reports
    WHERE category_id = ${f.categoryId} AND closed_at IS NULL AND created_at >= ${f.since}
      AND unit_path LIKE ${likePattern(f.scopePath, { prefix: true })}
      ${f.onlyAgencyId ? sql`AND agency_id = ${f.onlyAgencyId}` : sql``}
      ${f.excludeId ? sql`AND id <> ${f.excludeId}` : sql``}
      AND ST_DWithin(location::geography, ${here}, ${radiusMeters})
    ORDER BY 2, created_at DESC LIMIT ${f.limit}`);
  return rows.map((r) => ({ id: r.id, distance: Number(r.distance) }));
}

/** Without a point: open reports of the category in the same unit, newest first. */
export async function openReportsInUnit(db: DbOrTx, unitPath: string, f: NearbyFilter): Promise<NearbyReport[]> {
  const rows = await selectRows<{ id: string }>(db, sql`
    SELECT id FROM reports
    WHERE category_id = ${f.categoryId} AND closed_at IS NULL AND created_at >= ${f.since} AND unit_path = ${unitPath}
      AND unit_path LIKE ${likePattern(f.scopePath, { prefix: true })}
      ${f.onlyAgencyId ? sql`AND agency_id = ${f.onlyAgencyId}` : sql``}
      ${f.excludeId ? sql`AND id <> ${f.excludeId}` : sql``}
    ORDER BY created_at DESC LIMIT ${f.limit}`);
  return rows.map((r) => ({ id: r.id, distance: null }));
}

export async function supporterCounts(db: DbOrTx, reportIds: string[]): Promise<Map<string, number>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db.select({ reportId: reportSupporters.reportId, n: count() }).from(reportSupporters)
    .where(inArray(reportSupporters.reportId, reportIds)).groupBy(reportSupporters.reportId);
  return new Map(rows.map((r) => [r.reportId, r.n]));
}

export async function supportersOf(db: DbOrTx, reportId: string) {
  return db.select({ supporter: reportSupporters, sourceTrackingCode: reports.trackingCode }).from(reportSupporters)
    .leftJoin(reports, eq(reports.id, reportSupporters.sourceReportId))
    .where(eq(reportSupporters.reportId, reportId)).orderBy(asc(reportSupporters.createdAt), asc(reportSupporters.id));
}

export async function insertSupporter(db: DbOrTx, row: typeof reportSupporters.$inferInsert): Promise<void> {
  await db.insert(reportSupporters).values(row).onConflictDoNothing();
}

/** A merged report's own supporters follow it to the report it was merged into. */
export async function moveSupporters(db: DbOrTx, fromReportId: string, toReportId: string): Promise<void> {
  await db.update(reportSupporters).set({ reportId: toReportId }).where(eq(reportSupporters.reportId, fromReportId));
}

/** Supporters who asked to be told of changes (and left a way to reach them). */
export async function supportersToNotify(db: DbOrTx, reportId: string) {
  return db.select().from(reportSupporters)
    .where(and(eq(reportSupporters.reportId, reportId), eq(reportSupporters.notify, true)))
    .orderBy(asc(reportSupporters.createdAt));
}
