import { z } from 'zod';
import { IsoDate, Uuid } from './common.js';

export const unitTypes = ['country', 'province', 'city', 'district', 'town', 'urban_district', 'commune', 'ward', 'township', 'special_zone'] as const;
export const UnitType = z.enum(unitTypes);
export type UnitType = z.infer<typeof UnitType>;

export const Unit = z.object({
  id: Uuid,
  code: z.string(),
  officialCode: z.string().nullable(),
  name: z.string(),
  type: UnitType,
  parentId: Uuid.nullable(),
  path: z.string(),           // materialised path of codes: '/VN/70/689/25432/'
  level: z.number().int(),    // 0 = country root, 1 = province
  validFrom: IsoDate,
  validTo: IsoDate.nullable(), // exclusive: the first day the unit no longer exists
  hasBoundary: z.boolean(),
  isBoundarySynthetic: z.boolean(),
  centroid: z.tuple([z.number(), z.number()]).nullable(),
  updatedAt: z.string(),
});
export type Unit = z.infer<typeof Unit>;

export const UnitLink = z.object({ unitId: Uuid, code: z.string(), name: z.string(), share: z.number(), validOn: IsoDate });
export type UnitLink = z.infer<typeof UnitLink>;

export const UnitDetail = Unit.extend({
  parent: z.object({ id: Uuid, code: z.string(), name: z.string() }).nullable(),
  successors: z.array(UnitLink),
  predecessors: z.array(UnitLink),
  childCount: z.number().int(),
});
export type UnitDetail = z.infer<typeof UnitDetail>;

export const ListUnitsQuery = z.strictObject({
  asOf: IsoDate.optional(),          // default: today (Asia/Ho_Chi_Minh); ignored with includeEnded
  includeEnded: z.coerce.boolean().optional(),
  parentId: Uuid.optional(),
  type: UnitType.optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ListUnitsQuery = z.infer<typeof ListUnitsQuery>;

export interface UnitTreeNode { id: string; code: string; name: string; type: UnitType; path: string; validTo: string | null; children: UnitTreeNode[] }
export const UnitTreeNode: z.ZodType<UnitTreeNode> = z.lazy(() => z.object({
  id: Uuid, code: z.string(), name: z.string(), type: UnitType, path: z.string(), validTo: IsoDate.nullable(),
  children: z.array(UnitTreeNode),
}));
export const UnitTreeQuery = z.strictObject({ asOf: IsoDate.optional() });
export const UnitTree = z.object({ asOf: IsoDate, roots: z.array(UnitTreeNode) });
export type UnitTree = z.infer<typeof UnitTree>;

export const SuccessorsQuery = z.strictObject({ asOf: IsoDate.optional() });
export const Successors = z.object({
  unitId: Uuid,
  asOf: IsoDate,
  // Units valid on asOf that carry the unit's territory, with the product of shares along the chain.
  successors: z.array(z.object({ unitId: Uuid, code: z.string(), name: z.string(), share: z.number(), chain: z.array(z.string()) })),
});
export type Successors = z.infer<typeof Successors>;

export const BoundariesQuery = z.strictObject({ asOf: IsoDate.optional(), parentId: Uuid.optional(), type: UnitType.optional() });
// GeoJSON FeatureCollection; properties carry id, code, name, type, level, synthetic.
export const UnitFeatureCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: z.unknown(),
    properties: z.object({ id: Uuid, code: z.string(), name: z.string(), type: UnitType, level: z.number(), parentId: Uuid.nullable(), synthetic: z.boolean() }),
  })),
});
export type UnitFeatureCollection = z.infer<typeof UnitFeatureCollection>;

const GeoMultiPolygon = z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) });

export const CreateUnitBody = z.strictObject({
  code: z.string().min(1).max(40).regex(/^[A-Za-z0-9_-]+$/),
  officialCode: z.string().max(20).nullable().optional(),
  name: z.string().min(1).max(200),
  type: UnitType,
  parentId: Uuid.nullable(),
  validFrom: IsoDate,
  boundary: GeoMultiPolygon.nullable().optional(),
  isBoundarySynthetic: z.boolean().optional(),
});
export type CreateUnitBody = z.infer<typeof CreateUnitBody>;

export const UpdateUnitBody = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  officialCode: z.string().max(20).nullable().optional(),
  type: UnitType.optional(),
  boundary: GeoMultiPolygon.nullable().optional(),
  isBoundarySynthetic: z.boolean().optional(),
  expectedUpdatedAt: z.string().optional(), // optimistic concurrency: 409 when the row changed since
});
export type UpdateUnitBody = z.infer<typeof UpdateUnitBody>;

export const EndUnitBody = z.strictObject({
  validTo: IsoDate,
  successors: z.array(z.strictObject({ unitId: Uuid, share: z.number().gt(0).lte(1) })).min(1),
});
export type EndUnitBody = z.infer<typeof EndUnitBody>;

export const ImportUnitsQuery = z.strictObject({
  format: z.enum(['csv', 'geojson']),
  // all-or-nothing (default): one bad row imports nothing; skip-invalid: valid rows are imported, bad rows reported.
  mode: z.enum(['all-or-nothing', 'skip-invalid']).default('all-or-nothing'),
  dryRun: z.coerce.boolean().default(false),
});
export type ImportUnitsQuery = z.infer<typeof ImportUnitsQuery>;
export const ImportReport = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
  dryRun: z.boolean(),
  errors: z.array(z.object({ row: z.number().int(), code: z.string().nullable(), field: z.string().nullable(), message: z.string(), messageVi: z.string() })),
});
export type ImportReport = z.infer<typeof ImportReport>;
