// The procedure catalog: province-wide (no unit scope), read by anyone who reads dossiers.
import { uuidv7 } from 'uuidv7';
import type {
  CreateProcedureBody, ListProceduresQuery, Procedure, ProcedureFields, UpdateProcedureBody,
} from '../../../shared/contracts/procedures.js';
import { can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import type { DbOrTx } from '../../db/client.js';
import {
  findAgencyPath, findProcedureById, findProcedureIdByCode, insertProcedure, listProcedureFields, listProcedures,
  type ProcedureRecord, updateProcedureRow,
} from './procedures.queries.js';

function toProcedure(r: ProcedureRecord): Procedure {
  return {
    ...r,
    level: r.level as Procedure['level'],
    onlineLevel: r.onlineLevel as Procedure['onlineLevel'],
    updatedAt: new Date(r.updatedAt).toISOString(),
  };
}

export async function listProceduresFor(ctx: RequestContext, q: ListProceduresQuery): Promise<{ items: Procedure[]; total: number }> {
  can(ctx.actor, 'dossiers:read');
  const { items, total } = await listProcedures(ctx.db, { ...q, q: q.q?.normalize('NFC'), field: q.field?.normalize('NFC') });
  return { items: items.map(toProcedure), total };
}

export async function procedureFields(ctx: RequestContext): Promise<ProcedureFields> {
  can(ctx.actor, 'dossiers:read');
  return { items: await listProcedureFields(ctx.db) };
}

export async function getProcedure(ctx: RequestContext, id: string): Promise<Procedure> {
  can(ctx.actor, 'dossiers:read');
  const row = await findProcedureById(ctx.db, id);
  if (!row) throw new AppError('not-found');
  return toProcedure(row);
}

async function assertAgencyExists(tx: DbOrTx, agencyId: string | null | undefined): Promise<void> {
  if (!agencyId) return;
  if ((await findAgencyPath(tx, agencyId)) === null) {
    throw new AppError('validation-failed', { errors: [{ path: 'body.agencyId', message: 'unknown agency' }], detail: 'Không tìm thấy cơ quan giải quyết.' });
  }
}

export async function createProcedure(ctx: RequestContext, body: CreateProcedureBody): Promise<Procedure> {
  can(ctx.actor, 'procedures:write');
  return ctx.db.transaction(async (tx) => {
    if (await findProcedureIdByCode(tx, body.code)) throw new AppError('duplicate-code');
    await assertAgencyExists(tx, body.agencyId);
    const id = uuidv7();
    await insertProcedure(tx, {
      id, code: body.code, nationalCode: body.nationalCode ?? null, name: body.name.normalize('NFC'), nameEn: body.nameEn ?? null,
      field: body.field.normalize('NFC'), level: body.level, processingDays: body.processingDays, onlineLevel: body.onlineLevel,
      agencyId: body.agencyId ?? null, active: body.active ?? true,
    });
    const created = toProcedure((await findProcedureById(tx, id))!);
    await audit(tx, ctx, { action: 'procedure.create', entityType: 'procedure', entityId: id, unitPath: null, after: created });
    await ctx.publish(tx, { topic: 'dossiers', type: 'procedure.created', unitPath: null, ids: [id], data: { code: created.code } });
    return created;
  });
}

export async function updateProcedure(ctx: RequestContext, id: string, body: UpdateProcedureBody): Promise<Procedure> {
  can(ctx.actor, 'procedures:write');
  return ctx.db.transaction(async (tx) => {
    const before = await findProcedureById(tx, id);
    if (!before) throw new AppError('not-found');
    await assertAgencyExists(tx, body.agencyId);
    const changes: Parameters<typeof updateProcedureRow>[2] = {};
    if (body.nationalCode !== undefined) changes.nationalCode = body.nationalCode;
    if (body.name !== undefined) changes.name = body.name.normalize('NFC');
    if (body.nameEn !== undefined) changes.nameEn = body.nameEn;
    if (body.field !== undefined) changes.field = body.field.normalize('NFC');
    if (body.level !== undefined) changes.level = body.level;
    if (body.processingDays !== undefined) changes.processingDays = body.processingDays;
    if (body.onlineLevel !== undefined) changes.onlineLevel = body.onlineLevel;
    if (body.agencyId !== undefined) changes.agencyId = body.agencyId;
    if (body.active !== undefined) changes.active = body.active;
    await updateProcedureRow(tx, id, changes);
    const updated = toProcedure((await findProcedureById(tx, id))!);
    await audit(tx, ctx, { action: 'procedure.update', entityType: 'procedure', entityId: id, unitPath: null, before: toProcedure(before), after: updated });
    await ctx.publish(tx, { topic: 'dossiers', type: 'procedure.updated', unitPath: null, ids: [id], data: { code: updated.code } });
    return updated;
  });
}
