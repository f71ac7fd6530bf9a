import { uuidv7 } from 'uuidv7';
import type { Agency, CreateAgencyBody, ListAgenciesQuery, UpdateAgencyBody } from '../../../shared/contracts/agencies.js';
import { assertVisible, assertWithinScope, can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { todayInVietnam } from '../../core/calendar.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import { type AgencyRecord, findAgenciesByIds, findAgencyByCode, findAgencyById, insertAgency, listAgencies, updateAgencyRow } from './agencies.queries.js';
import { findUnitById } from './units.queries.js';

function toAgency(r: AgencyRecord): Agency {
  return { ...r, kind: r.kind as Agency['kind'], updatedAt: new Date(r.updatedAt).toISOString() };
}

export async function findVisibleAgency(ctx: Pick<RequestContext, 'actor'>, db: DbOrTx, id: string): Promise<AgencyRecord> {
  const agency = await findAgencyById(db, id);
  if (!agency) throw new AppError('not-found');
  assertVisible(ctx.actor, agency.unitPath);
  return agency;
}

export async function listAgenciesFor(ctx: RequestContext, q: ListAgenciesQuery): Promise<{ items: Agency[]; total: number }> {
  can(ctx.actor, 'units:read');
  let scopePath = ctx.actor.scopePath;
  if (q.unitId) {
    const unit = await findUnitById(ctx.db, q.unitId);
    if (!unit) throw new AppError('not-found');
    assertVisible(ctx.actor, unit.path);
    scopePath = unit.path;
  }
  const { items, total } = await listAgencies(ctx.db, { scopePath, kind: q.kind, q: q.q?.normalize('NFC'), includeEnded: q.includeEnded, today: todayInVietnam() });
  return { items: items.map(toAgency), total };
}

export async function getAgency(ctx: RequestContext, id: string): Promise<Agency> {
  can(ctx.actor, 'units:read');
  return toAgency(await findVisibleAgency(ctx, ctx.db, id));
}

export async function createAgency(ctx: RequestContext, body: CreateAgencyBody): Promise<Agency> {
  can(ctx.actor, 'agencies:write');
  return ctx.db.transaction(async (tx) => {
    const unit = await findUnitById(tx, body.unitId);
    if (!unit) throw new AppError('validation-failed', { errors: [{ path: 'body.unitId', message: 'unknown unit' }] });
    assertWithinScope(ctx.actor, unit.path);
    const validFrom = body.validFrom ?? todayInVietnam();
    if (validFrom < unit.validFrom || (unit.validTo !== null && validFrom >= unit.validTo)) {
      throw new AppError('validation-failed', { errors: [{ path: 'body.unitId', message: `the unit is not valid on ${validFrom}` }], detail: 'Đơn vị hành chính không còn hiệu lực vào ngày bắt đầu của cơ quan.' });
    }
    if (await findAgencyByCode(tx, body.code)) throw new AppError('duplicate-code');
    const id = uuidv7();
    await insertAgency(tx, { id, code: body.code, name: body.name.normalize('NFC'), nameEn: body.nameEn, kind: body.kind, unitId: unit.id, validFrom });
    const created = toAgency((await findAgencyById(tx, id))!);
    await audit(tx, ctx, { action: 'agency.create', entityType: 'agency', entityId: id, unitPath: unit.path, after: created });
    await ctx.publish(tx, { topic: 'agencies', type: 'agency.created', unitPath: unit.path, ids: [id], data: { code: created.code, name: created.name } });
    return created;
  });
}

export async function updateAgency(ctx: RequestContext, id: string, body: UpdateAgencyBody): Promise<Agency> {
  can(ctx.actor, 'agencies:write');
  return ctx.db.transaction(async (tx) => {
    const before = await findVisibleAgency(ctx, tx, id);
    if (body.validTo && body.validTo <= before.validFrom) throw new AppError('validation-failed', { errors: [{ path: 'body.validTo', message: 'must be after validFrom' }] });
    await updateAgencyRow(tx, id, {
      ...(body.name !== undefined ? { name: body.name.normalize('NFC') } : {}),
      ...(body.nameEn !== undefined ? { nameEn: body.nameEn } : {}),
      ...(body.kind !== undefined ? { kind: body.kind } : {}),
      ...(body.validTo !== undefined ? { validTo: body.validTo } : {}),
    });
    const after = toAgency((await findAgencyById(tx, id))!);
    await audit(tx, ctx, { action: 'agency.update', entityType: 'agency', entityId: id, unitPath: before.unitPath, before: toAgency(before), after });
    await ctx.publish(tx, { topic: 'agencies', type: 'agency.updated', unitPath: before.unitPath, ids: [id], data: { code: after.code, name: after.name } });
    return after;
  });
}

export async function agencyIdsByCode(db: DbOrTx): Promise<Map<string, string>> {
  const { items } = await listAgencies(db, { scopePath: '/', includeEnded: true, today: todayInVietnam() });
  return new Map(items.map((a) => [a.code, a.id]));
}

export async function agenciesByIds(db: DbOrTx, ids: string[]): Promise<AgencyRecord[]> {
  return findAgenciesByIds(db, ids);
}
