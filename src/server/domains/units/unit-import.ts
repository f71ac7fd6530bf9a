// Import of units from CSV or GeoJSON with a per-row report. Mode all-or-nothing (default) writes
// nothing when any row fails; skip-invalid writes the valid rows and reports the rest.
import { parse as parseCsv } from 'csv-parse/sync';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { type ImportReport, type ImportUnitsQuery, UnitType } from '../../../shared/contracts/units.js';
import { can, isInScope } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { isValidIsoDate } from '../../core/calendar.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { findUnitsByCodes, insertUnit, type UnitRecord, updateUnitRow } from './units.queries.js';
import { isValidOn, pathOf } from './units.service.js';

const IsoDateField = z.string().trim().refine(isValidIsoDate, 'must be a date YYYY-MM-DD');
const ImportRow = z.object({
  code: z.string().trim().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  officialCode: z.string().trim().max(20).optional().transform((v) => (v ? v : null)),
  name: z.string().trim().min(1).max(200),
  type: UnitType,
  parentCode: z.string().trim().max(40).optional().transform((v) => (v ? v : null)),
  validFrom: IsoDateField,
  validTo: z.union([IsoDateField, z.literal('')]).optional().transform((v) => (v ? v : null)),
});
type ImportRow = z.infer<typeof ImportRow>;

interface ParsedRow { row: number; raw: Record<string, unknown>; geometry: unknown }
type RowError = ImportReport['errors'][number];

const messagesVi: Record<string, string> = {
  'unknown parent': 'Không tìm thấy đơn vị cấp trên',
  'parent row is invalid': 'Dòng của đơn vị cấp trên không hợp lệ',
  'parent outside your scope': 'Đơn vị cấp trên nằm ngoài phạm vi của bạn',
  'parent not valid on validFrom': 'Đơn vị cấp trên không còn hiệu lực vào ngày bắt đầu',
  'code repeated in the file': 'Mã bị lặp trong tệp',
  'moving a unit to another parent is not supported by import': 'Không hỗ trợ chuyển đơn vị sang cấp trên khác khi nhập tệp',
  'ending a unit needs successors: use the end action': 'Muốn chấm dứt đơn vị cần khai báo đơn vị kế thừa: dùng chức năng chấm dứt',
  'validTo must be after validFrom': 'Ngày kết thúc phải sau ngày bắt đầu',
  'geometry must be a Polygon or MultiPolygon': 'Hình học phải là Polygon hoặc MultiPolygon',
  'a parentless unit can only be imported by a root-scoped admin': 'Chỉ quản trị cấp gốc mới nhập được đơn vị không có cấp trên',
};

function rowError(row: number, code: string | null, field: string | null, message: string): RowError {
  return { row, code, field, message, messageVi: messagesVi[message] ?? `Giá trị không hợp lệ: ${message}` };
}

export function parseImportFile(format: 'csv' | 'geojson', body: unknown): ParsedRow[] {
  try {
    if (format === 'csv') {
      const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : '';
      const records = parseCsv(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true, relax_column_count: false }) as Record<string, string>[];
      return records.map((raw, i) => ({ row: i + 2, raw, geometry: null })); // row 1 is the header
    }
    const doc = (typeof body === 'string' ? JSON.parse(body) : body) as { type?: string; features?: { properties?: Record<string, unknown>; geometry?: unknown }[] };
    if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new Error('not a FeatureCollection');
    return doc.features.map((f, i) => ({ row: i + 1, raw: Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k, v == null ? '' : String(v)])), geometry: f.geometry ?? null }));
  } catch (err) {
    throw new AppError('bad-request', {
      title: `The file could not be read as ${format.toUpperCase()}: ${(err as Error).message}`,
      detail: `Không đọc được tệp ${format.toUpperCase()}.`,
    });
  }
}

function isPolygonal(geometry: unknown): boolean {
  const g = geometry as { type?: string; coordinates?: unknown } | null;
  return !!g && (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates);
}

export async function importUnits(ctx: RequestContext, q: ImportUnitsQuery, body: unknown): Promise<ImportReport> {
  can(ctx.actor, 'units:write');
  const parsed = parseImportFile(q.format, body);
  const errors: RowError[] = [];
  const valid: { row: number; data: ImportRow; geometry: unknown }[] = [];
  const seen = new Set<string>();
  for (const p of parsed) {
    const result = ImportRow.safeParse(p.raw);
    if (!result.success) {
      for (const issue of result.error.issues) errors.push(rowError(p.row, String(p.raw.code ?? '') || null, issue.path.join('.'), issue.message));
      continue;
    }
    const d = result.data;
    if (seen.has(d.code)) { errors.push(rowError(p.row, d.code, 'code', 'code repeated in the file')); continue; }
    seen.add(d.code);
    if (d.validTo && d.validTo <= d.validFrom) { errors.push(rowError(p.row, d.code, 'validTo', 'validTo must be after validFrom')); continue; }
    if (p.geometry !== null && !isPolygonal(p.geometry)) { errors.push(rowError(p.row, d.code, 'geometry', 'geometry must be a Polygon or MultiPolygon')); continue; }
    valid.push({ row: p.row, data: { ...d, name: d.name.normalize('NFC') }, geometry: p.geometry });
  }
  const invalidCodes = new Set(errors.map((e) => e.code).filter((c): c is string => !!c));

  return ctx.db.transaction(async (tx) => {
    const codes = new Set<string>();
    for (const v of valid) { codes.add(v.data.code); if (v.data.parentCode) codes.add(v.data.parentCode); }
    const existing = new Map<string, Pick<UnitRecord, 'id' | 'path' | 'level' | 'parentId' | 'validFrom' | 'validTo'>>(
      (await findUnitsByCodes(tx, [...codes])).map((u) => [u.code, u]));
    const byCode = new Map(valid.map((v) => [v.data.code, v]));
    const resolved = new Map<string, { id: string; path: string; level: number; validFrom: string; validTo: string | null }>();
    const plan: { row: number; data: ImportRow; geometry: unknown; id: string; path: string; level: number; parentId: string | null; isNew: boolean }[] = [];

    // Resolve parents in dependency order so that a file may list children before their parent.
    const resolving = new Set<string>();
    const resolve = (code: string): { id: string; path: string; level: number; validFrom: string; validTo: string | null } | null | 'invalid' => {
      if (resolved.has(code)) return resolved.get(code)!;
      const entry = byCode.get(code);
      if (!entry) {
        const u = existing.get(code);
        if (u) return { id: u.id, path: u.path, level: u.level, validFrom: u.validFrom, validTo: u.validTo };
        return invalidCodes.has(code) ? 'invalid' : null;
      }
      if (resolving.has(code)) return 'invalid';
      resolving.add(code);
      const d = entry.data;
      const fail = (field: string, message: string) => { errors.push(rowError(entry.row, d.code, field, message)); byCode.delete(code); invalidCodes.add(code); return 'invalid' as const; };
      let parent: { id: string; path: string; level: number; validFrom: string; validTo: string | null } | null = null;
      if (d.parentCode) {
        const p = resolve(d.parentCode);
        if (p === null) return fail('parentCode', 'unknown parent');
        if (p === 'invalid') return fail('parentCode', 'parent row is invalid');
        if (!isInScope(ctx.actor.scopePath, p.path)) return fail('parentCode', 'parent outside your scope');
        if (!isValidOn(p, d.validFrom)) return fail('parentCode', 'parent not valid on validFrom');
        parent = p;
      } else if (ctx.actor.scopePath.split('/').filter(Boolean).length !== 1) {
        return fail('parentCode', 'a parentless unit can only be imported by a root-scoped admin');
      }
      const old = existing.get(code);
      if (old) {
        if ((old.parentId ?? null) !== (parent?.id ?? null)) return fail('parentCode', 'moving a unit to another parent is not supported by import');
        if (d.validTo && !old.validTo) return fail('validTo', 'ending a unit needs successors: use the end action');
        if (!isInScope(ctx.actor.scopePath, old.path)) return fail('code', 'parent outside your scope');
      }
      const node = old
        ? { id: old.id, path: old.path, level: old.level, validFrom: old.validFrom, validTo: old.validTo }
        : { id: uuidv7(), path: pathOf(parent, d.code), level: parent ? parent.level + 1 : 0, validFrom: d.validFrom, validTo: d.validTo };
      resolved.set(code, node);
      plan.push({ row: entry.row, data: d, geometry: entry.geometry, id: node.id, path: node.path, level: node.level, parentId: parent?.id ?? null, isNew: !old });
      return node;
    };
    for (const v of valid) resolve(v.data.code);

    errors.sort((a, b) => a.row - b.row);
    const report: ImportReport = {
      imported: plan.filter((p) => p.isNew).length,
      updated: plan.filter((p) => !p.isNew).length,
      rejected: new Set(errors.map((e) => e.row)).size,
      dryRun: q.dryRun,
      errors,
    };
    if (errors.length > 0 && q.mode === 'all-or-nothing') {
      throw new AppError('import-failed', { report: { ...report, imported: 0, updated: 0 } });
    }
    if (q.dryRun) return report;

    for (const p of plan) {
      const geo = p.geometry ? JSON.stringify(p.geometry) : undefined;
      if (p.isNew) {
        await insertUnit(tx, {
          id: p.id, code: p.data.code, officialCode: p.data.officialCode, name: p.data.name, type: p.data.type, parentId: p.parentId,
          path: p.path, level: p.level, validFrom: p.data.validFrom, validTo: p.data.validTo, boundaryGeoJson: geo ?? null, isBoundarySynthetic: false,
        });
        await audit(tx, ctx, { action: 'unit.import', entityType: 'unit', entityId: p.id, unitPath: p.path, after: { ...p.data, hasBoundary: !!geo } });
      } else {
        await updateUnitRow(tx, p.id, { name: p.data.name, officialCode: p.data.officialCode, type: p.data.type, ...(geo ? { boundaryGeoJson: geo, isBoundarySynthetic: false } : {}) });
        await audit(tx, ctx, { action: 'unit.import-update', entityType: 'unit', entityId: p.id, unitPath: p.path, after: { ...p.data, hasBoundary: !!geo } });
      }
    }
    if (plan.length > 0) {
      const top = plan.reduce((a, b) => (a.level <= b.level ? a : b));
      const commonPath = top.path.split('/').slice(0, -2).join('/') + '/';
      await ctx.publish(tx, { topic: 'units', type: 'units.imported', unitPath: commonPath === '/' ? null : commonPath, ids: plan.slice(0, 100).map((p) => p.id), data: { count: plan.length } });
    }
    return report;
  });
}
