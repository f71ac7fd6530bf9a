import type { Unit } from '../../../shared/contracts/units.js';
import type { UnitRecord } from './units.queries.js';

export function toUnit(row: UnitRecord): Unit {
  return {
    id: row.id,
    code: row.code,
    officialCode: row.officialCode,
    name: row.name,
    type: row.type as Unit['type'],
    parentId: row.parentId,
    path: row.path,
    level: row.level,
    validFrom: row.validFrom,
    validTo: row.validTo,
    hasBoundary: row.hasBoundary,
    isBoundarySynthetic: row.isBoundarySynthetic,
    centroid: row.lon != null && row.lat != null ? [Number(row.lon), Number(row.lat)] : null,
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
