// Rules of the administrative tree: scope, validity in time, merges and splits.
import { uuidv7 } from 'uuidv7';
import type {
  CreateUnitBody, EndUnitBody, ListUnitsQuery, Successors, Unit, UnitDetail, UnitFeatureCollection, UnitTree, UnitTreeNode, UpdateUnitBody,
} from '../../../shared/contracts/units.js';
import { assertVisible, assertWithinScope, can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { todayInVietnam } from '../../core/calendar.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import {
  boundariesValidOn, countActiveChildren, countChildren, findAncestorOnLevel, findUnitByCode, findUnitById, findUnitsByCodes, findUnitsByIds, findUnitsUnderPath, insertSuccessions, insertUnit,
  listUnits, setUnitValidTo, successionsOf, successorsValidOn, territoryMapOn, type UnitRecord, unitsValidOn, updateUnitRow,
} from './units.queries.js';
import { toUnit } from './units.present.js';

export const SHARE_TOLERANCE = 1e-6;

export function pathOf(parent: { path: string } | null, code: string): string {
  return `${parent ? parent.path : '/'}${code}/`;
}

export function isValidOn(unit: { validFrom: string; validTo: string | null }, date: string): boolean {
  return unit.validFrom <= date && (unit.validTo === null || unit.validTo > date);
}

/** A unit the actor may see, or 404. */
export async function findVisibleUnit(ctx: Pick<RequestContext, 'actor'>, db: DbOrTx, id: string): Promise<UnitRecord> {
  const unit = await findUnitById(db, id);
  if (!unit) throw new AppError('not-found');
  assertVisible(ctx.actor, unit.path);
  return unit;
}

export async function listUnitsFor(ctx: RequestContext, q: ListUnitsQuery): Promise<{ items: Unit[]; total: number }> {
  can(ctx.actor, 'units:read');
  const asOf = q.includeEnded ? null : (q.asOf ?? todayInVietnam());
  const { items, total } = await listUnits(ctx.db, { scopePath: ctx.actor.scopePath, asOf, parentId: q.parentId, type: q.type, q: q.q?.normalize('NFC') }, q);
  return { items: items.map(toUnit), total };
}

export async function getUnitDetail(ctx: RequestContext, id: string): Promise<UnitDetail> {
  can(ctx.actor, 'units:read');
  const unit = await findVisibleUnit(ctx, ctx.db, id);
  const [links, parent, childCount] = await Promise.all([
    successionsOf(ctx.db, id),
    unit.parentId ? findUnitById(ctx.db, unit.parentId) : null,
    countChildren(ctx.db, id),
  ]);
  return {
    ...toUnit(unit),
    parent: parent ? { id: parent.id, code: parent.code, name: parent.name } : null,
    successors: links.successors.map((l) => ({ ...l, share: Number(l.share) })),
    predecessors: links.predecessors.map((l) => ({ ...l, share: Number(l.share) })),
    childCount,
  };
}

export function buildTree(rows: { id: string; code: string; name: string; type: string; path: string; parentId: string | null; validTo: string | null }[]): UnitTreeNode[] {
  const nodes = new Map<string, UnitTreeNode>();
  for (const r of rows) nodes.set(r.id, { id: r.id, code: r.code, name: r.name, type: r.type as UnitTreeNode['type'], path: r.path, validTo: r.validTo, children: [] });
  const roots: UnitTreeNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId ? nodes.get(r.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The tree of the actor's scope as it stood on `asOf`. */
export async function unitTreeAsOf(ctx: RequestContext, asOf: string | undefined): Promise<UnitTree> {
  can(ctx.actor, 'units:read');
  const date = asOf ?? todayInVietnam();
  return { asOf: date, roots: buildTree(await unitsValidOn(ctx.db, ctx.actor.scopePath, date)) };
}

/** Which units carry the unit's territory on `asOf` (today by default): itself if still valid. */
export async function unitSuccessorsAsOf(ctx: RequestContext, id: string, asOf: string | undefined): Promise<Successors> {
  can(ctx.actor, 'units:read');
  await findVisibleUnit(ctx, ctx.db, id);
  const date = asOf ?? todayInVietnam();
  const rows = await successorsValidOn(ctx.db, id, date);
  return {
    unitId: id,
    asOf: date,
    successors: rows.map((r) => ({ unitId: r.unit_id, code: r.code, name: r.name, share: Math.round(Number(r.share) * 1e9) / 1e9, chain: r.chain.split('>') })),
  };
}

export async function unitBoundaries(ctx: RequestContext, q: { asOf?: string | undefined; parentId?: string | undefined; type?: string | undefined }): Promise<UnitFeatureCollection> {
  can(ctx.actor, 'units:read');
  const rows = await boundariesValidOn(ctx.db, { scopePath: ctx.actor.scopePath, asOf: q.asOf ?? todayInVietnam(), parentId: q.parentId, type: q.type });
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: r.id,
      geometry: JSON.parse(r.geometry) as unknown,
      properties: { id: r.id, code: r.code, name: r.name, type: r.type as Unit['type'], level: r.level, parentId: r.parent_id, synthetic: r.synthetic },
    })),
  };
}

async function parentForNewUnit(ctx: RequestContext, tx: DbOrTx, parentId: string | null, validFrom: string) {
  if (parentId === null) {
    // A new root (another country tree) only by an actor whose own scope is a root.
    if (ctx.actor.scopePath.split('/').filter(Boolean).length !== 1) throw new AppError('out-of-scope');
    return null;
  }
  const parent = await findUnitById(tx, parentId);
  if (!parent) throw new AppError('invalid-parent');
  assertWithinScope(ctx.actor, parent.path);
  if (!isValidOn(parent, validFrom)) throw new AppError('invalid-parent');
  return parent;
}

export async function createUnit(ctx: RequestContext, body: CreateUnitBody): Promise<Unit> {
  can(ctx.actor, 'units:write');
  return ctx.db.transaction(async (tx) => {
    const parent = await parentForNewUnit(ctx, tx, body.parentId, body.validFrom);
    if (await findUnitByCode(tx, body.code)) throw new AppError('duplicate-code');
    const id = uuidv7();
    const path = pathOf(parent, body.code);
    await insertUnit(tx, {
      id, code: body.code, officialCode: body.officialCode ?? null, name: body.name.normalize('NFC'), type: body.type, parentId: parent?.id ?? null,
      path, level: parent ? parent.level + 1 : 0, validFrom: body.validFrom,
      boundaryGeoJson: body.boundary ? JSON.stringify(body.boundary) : null, isBoundarySynthetic: body.isBoundarySynthetic ?? false,
    });
    const created = toUnit((await findUnitById(tx, id))!);
    await audit(tx, ctx, { action: 'unit.create', entityType: 'unit', entityId: id, unitPath: path, after: created });
    await ctx.publish(tx, { topic: 'units', type: 'unit.created', unitPath: path, ids: [id], data: { code: created.code, name: created.name } });
    return created;
  });
}

export async function updateUnit(ctx: RequestContext, id: string, body: UpdateUnitBody): Promise<Unit> {
  can(ctx.actor, 'units:write');
  return ctx.db.transaction(async (tx) => {
    const before = await findVisibleUnit(ctx, tx, id);
    if (body.expectedUpdatedAt && new Date(body.expectedUpdatedAt).getTime() !== new Date(before.updatedAt).getTime()) throw new AppError('conflict');
    await updateUnitRow(tx, id, {
      ...(body.name !== undefined ? { name: body.name.normalize('NFC') } : {}),
      ...(body.officialCode !== undefined ? { officialCode: body.officialCode } : {}),
      ...(body.type !== undefined ? { type: body.type } : {}),
      ...(body.boundary !== undefined ? { boundaryGeoJson: body.boundary ? JSON.stringify(body.boundary) : null } : {}),
      ...(body.isBoundarySynthetic !== undefined ? { isBoundarySynthetic: body.isBoundarySynthetic } : {}),
    });
    const after = toUnit((await findUnitById(tx, id))!);
    await audit(tx, ctx, { action: 'unit.update', entityType: 'unit', entityId: id, unitPath: before.path, before: toUnit(before), after });
    await ctx.publish(tx, { topic: 'units', type: 'unit.updated', unitPath: before.path, ids: [id], data: { code: after.code, name: after.name } });
    return after;
  });
}

/** Ends a unit on a date and records where its territory went (merge: one successor with share 1). */
export async function endUnit(ctx: RequestContext, id: string, body: EndUnitBody): Promise<Unit> {
  can(ctx.actor, 'units:write');
  return ctx.db.transaction(async (tx) => {
    const unit = await findVisibleUnit(ctx, tx, id);
    if (unit.validTo !== null) throw new AppError('unit-ended');
    if (body.validTo <= unit.validFrom) throw new AppError('validation-failed', { errors: [{ path: 'body.validTo', message: 'must be after validFrom' }] });
    if (await countActiveChildren(tx, id, body.validTo) > 0) throw new AppError('unit-has-active-children');
    const total = body.successors.reduce((s, x) => s + x.share, 0);
    const ids = body.successors.map((s) => s.unitId);
    const successors = await findUnitsByIds(tx, ids);
    if (Math.abs(total - 1) > SHARE_TOLERANCE || new Set(ids).size !== ids.length || successors.length !== ids.length || ids.includes(id)
      || successors.some((s) => !isValidOn(s, body.validTo))) {
      throw new AppError('invalid-successors');
    }
    await setUnitValidTo(tx, id, body.validTo);
    await insertSuccessions(tx, body.successors.map((s) => ({ fromUnitId: id, toUnitId: s.unitId, share: s.share, validOn: body.validTo })));
    const after = toUnit((await findUnitById(tx, id))!);
    await audit(tx, ctx, { action: 'unit.end', entityType: 'unit', entityId: id, unitPath: unit.path, before: toUnit(unit), after: { ...after, successors: body.successors } });
    await ctx.publish(tx, { topic: 'units', type: 'unit.ended', unitPath: unit.path, ids: [id, ...ids], data: { code: unit.code, name: unit.name } });
    return after;
  });
}

/** Units valid on a date inside a scope (for other domains: rolling values up the tree as of a date). */
export async function unitsOfScopeOn(db: DbOrTx, scopePath: string, date: string) {
  return unitsValidOn(db, scopePath, date);
}

/** Which units valid on `asOf` carry each unit's territory, with shares (see territoryMapOn). */
export async function territoryOn(db: DbOrTx, asOf: string, sourceIds?: string[]): Promise<Map<string, { unitId: string; share: number }[]>> {
  const rows = await territoryMapOn(db, asOf, sourceIds);
  const out = new Map<string, { unitId: string; share: number }[]>();
  for (const r of rows) out.set(r.source_id, [...(out.get(r.source_id) ?? []), { unitId: r.unit_id, share: Number(r.share) }]);
  return out;
}


export async function unitsByCodes(db: DbOrTx, codes: string[]) {
  return findUnitsByCodes(db, codes);
}

export async function unitsByIds(db: DbOrTx, ids: string[]) {
  return findUnitsByIds(db, ids);
}

/** Units of a subtree of any date: for exports that name the units that reported. */
export async function unitsUnderPath(db: DbOrTx, scopePath: string) {
  return findUnitsUnderPath(db, scopePath);
}

/** The province (level 1) a unit path belongs to. */
export async function provinceOfPath(db: DbOrTx, path: string) {
  return findAncestorOnLevel(db, path, 1);
}


