// The video wall: layouts (a grid of screens), what each screen shows, and the long-lived keys of wall PCs.
import { z } from 'zod';
import { Uuid } from './common.js';

export const dashboardKinds = ['indicators', 'feedback', 'dossiers'] as const;
export const DashboardKind = z.enum(dashboardKinds);
export type DashboardKind = z.infer<typeof DashboardKind>;

// 'roads' (road status from traffic sensors) came last: stored lists that named 'devices' got it by migration 0022.
export const mapLayerKeys = ['choropleth', 'devices', 'alarms', 'incidents', 'reports', 'heatmap', 'cameras', 'roads'] as const;
export const MapLayerKey = z.enum(mapLayerKeys);
export type MapLayerKey = z.infer<typeof MapLayerKey>;

const CameraIds = z.array(z.string().min(1).max(100)).max(16);

/** One thing a screen can show. */
export const ScreenItem = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('clock') }),                                   // the IOC name and the time: a calm default
  z.strictObject({ kind: z.literal('dashboard'), dashboard: DashboardKind }),
  z.strictObject({
    kind: z.literal('map'),
    layers: z.array(MapLayerKey).max(mapLayerKeys.length).optional(),             // default: every layer the viewer may read
    indicator: z.string().max(60).optional(),                                     // the choropleth's indicator code
  }),
  z.strictObject({ kind: z.literal('cameras'), cameraIds: CameraIds.optional(), columns: z.number().int().min(1).max(4).optional() }),
]);
export type ScreenItem = z.infer<typeof ScreenItem>;

/** What a screen shows: one item, or a rotation of items every `periodSeconds`. */
export const ScreenContent = z.union([
  ScreenItem,
  z.strictObject({ kind: z.literal('rotation'), periodSeconds: z.number().int().min(5).max(3600), items: z.array(ScreenItem).min(1).max(12) }),
]);
export type ScreenContent = z.infer<typeof ScreenContent>;

export const WallScreen = z.object({
  position: z.number().int(),          // 1 … columns × rows, left to right then top to bottom
  content: ScreenContent,
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type WallScreen = z.infer<typeof WallScreen>;

const Slug = z.string().min(2).max(40).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes');

export const WallLayout = z.object({
  id: Uuid, slug: z.string(), name: z.string(), columns: z.number().int(), rows: z.number().int(),
  unitId: Uuid, unitPath: z.string(), isDemo: z.boolean(),
  screens: z.array(WallScreen),
  updatedAt: z.string(),
});
export type WallLayout = z.infer<typeof WallLayout>;
export const WallLayoutSummary = WallLayout.omit({ screens: true });
export type WallLayoutSummary = z.infer<typeof WallLayoutSummary>;
export const WallLayoutList = z.object({ items: z.array(WallLayoutSummary) });
export type WallLayoutList = z.infer<typeof WallLayoutList>;

export const WallSlugParams = z.strictObject({ slug: Slug });
export const WallKeyParams = z.strictObject({ slug: Slug, keyId: Uuid });

export const CreateWallBody = z.strictObject({
  slug: Slug, name: z.string().min(1).max(200),
  columns: z.number().int().min(1).max(12), rows: z.number().int().min(1).max(8),
});
export type CreateWallBody = z.infer<typeof CreateWallBody>;
/** Resizing keeps the content of the screens that still exist; new screens show the clock. */
export const UpdateWallBody = CreateWallBody.omit({ slug: true }).partial();
export type UpdateWallBody = z.infer<typeof UpdateWallBody>;

export const AssignScreensBody = z.strictObject({
  assignments: z.array(z.strictObject({ position: z.number().int().min(1).max(96), content: ScreenContent })).min(1).max(96),
});
export type AssignScreensBody = z.infer<typeof AssignScreensBody>;

export const WallScreenKey = z.object({
  id: Uuid, label: z.string(), prefix: z.string(), createdBy: z.string(), createdAt: z.string(),
  lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable(),
});
export type WallScreenKey = z.infer<typeof WallScreenKey>;
export const WallScreenKeyList = z.object({ items: z.array(WallScreenKey) });
export type WallScreenKeyList = z.infer<typeof WallScreenKeyList>;
export const CreateWallKeyBody = z.strictObject({ label: z.string().min(1).max(100) });
export type CreateWallKeyBody = z.infer<typeof CreateWallKeyBody>;
/** The secret is shown once: the kiosk URL carries it in its fragment (never sent to a server log). */
export const CreatedWallScreenKey = WallScreenKey.extend({ secret: z.string() });
export type CreatedWallScreenKey = z.infer<typeof CreatedWallScreenKey>;

export const ScreenSignInBody = z.strictObject({ secret: z.string().min(10).max(200) });
/** What a signed-in wall screen is: its layout and the read-only identity it acts as. */
export const ScreenIdentity = z.object({
  keyId: Uuid, label: z.string(), layoutSlug: z.string(),
  scopeUnitId: Uuid, scopeUnitName: z.string(), scopePath: z.string(), permissions: z.array(z.string()),
});
export type ScreenIdentity = z.infer<typeof ScreenIdentity>;

/** The web's map configuration: an optional raster basemap (the province's tile server). */
export const MapConfig = z.object({ basemapUrl: z.string().nullable() });
export type MapConfig = z.infer<typeof MapConfig>;
