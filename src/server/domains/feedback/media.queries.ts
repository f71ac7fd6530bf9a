// SQL of report photos: the lists never read the bytes; one photo's bytes are read only to serve it.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { reportMedia } from './handling.table.js';

const listColumns = {
  id: reportMedia.id, reportId: reportMedia.reportId, kind: reportMedia.kind, contentType: reportMedia.contentType, byteSize: reportMedia.byteSize,
  width: reportMedia.width, height: reportMedia.height, redacted: reportMedia.redacted, redactedAt: reportMedia.redactedAt,
  redactionReason: reportMedia.redactionReason, redactionRegions: reportMedia.redactionRegions, createdAt: reportMedia.createdAt,
};
export type MediaListing = { id: string; reportId: string; kind: string; contentType: string; byteSize: number; width: number | null; height: number | null; redacted: boolean; redactedAt: Date | null; redactionReason: string | null; redactionRegions: StoredRegion[] | null; createdAt: Date };
/** A redacted region as fractions (0–1) of the photo as shown. */
export type StoredRegion = { x: number; y: number; width: number; height: number };

export async function insertMedia(db: DbOrTx, rows: (typeof reportMedia.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(reportMedia).values(rows);
}

export async function mediaOfReport(db: DbOrTx, reportId: string): Promise<MediaListing[]> {
  return db.select(listColumns).from(reportMedia).where(eq(reportMedia.reportId, reportId)).orderBy(asc(reportMedia.createdAt), asc(reportMedia.id));
}

/** The first photo of each report (for Open311 media_url). */
export async function firstMediaOf(db: DbOrTx, reportIds: string[]): Promise<Map<string, string>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db.selectDistinctOn([reportMedia.reportId], { reportId: reportMedia.reportId, id: reportMedia.id }).from(reportMedia)
    .where(and(inArray(reportMedia.reportId, reportIds), eq(reportMedia.kind, 'report')))
    .orderBy(reportMedia.reportId, asc(reportMedia.createdAt), asc(reportMedia.id));
  return new Map(rows.map((r) => [r.reportId, r.id]));
}

export async function findMediaContent(db: DbOrTx, reportId: string, id: string, which: 'original' | 'public') {
  const [row] = await db.select({
    ...listColumns,
    content: which === 'original' ? reportMedia.original : reportMedia.publicContent,
    servedType: which === 'original' ? reportMedia.contentType : reportMedia.publicContentType,
  }).from(reportMedia).where(and(eq(reportMedia.reportId, reportId), eq(reportMedia.id, id)));
  return row;
}

export async function redactMedia(db: DbOrTx, id: string, patch: { publicContent: Buffer; publicContentType: string; redactedAt: Date; redactedBy: string; redactionReason: string; redactionRegions: StoredRegion[] | null }): Promise<void> {
  await db.update(reportMedia).set({ ...patch, redacted: true }).where(eq(reportMedia.id, id));
}
