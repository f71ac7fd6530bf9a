// Configuration of routing and deadlines: the matrix (category × unit subtree → agency) and SLA per
// category × urgency. Reading needs feedback:read; changing needs feedback:configure. Changes apply to
// reports taken or re-routed afterwards; existing deadlines are not recomputed.
import { uuidv7 } from 'uuidv7';
import type {
  PutRoutingEntryBody, PutSlaSettingBody, RoutingMatrix, SlaSettings, Urgency,
} from '../../../shared/contracts/feedback.js';
import { assertVisible, assertWithinScope, can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import { todayInVietnam } from '../../core/calendar.js';
import { AppError } from '../../core/errors.js';
import type { FeedbackContext } from './feedback.service.js';
import {
  agencyById, deleteRoute, findCategoryByCode, findRoute, listRoutes, listSlaSettings, unitById, upsertRoute, upsertSlaSetting,
} from './feedback.queries.js';
import { forgetIntakeCatalog } from './intake-catalog.js';

const invalid = (path: string, message: string) => new AppError('validation-failed', { errors: [{ path, message }] });

export async function routingMatrix(ctx: Pick<FeedbackContext, 'db' | 'actor'>): Promise<RoutingMatrix> {
  can(ctx.actor, 'feedback:read');
  return { items: await listRoutes(ctx.db, ctx.actor.scopePath) };
}

export async function putRoutingEntry(ctx: FeedbackContext, body: PutRoutingEntryBody): Promise<RoutingMatrix> {
  can(ctx.actor, 'feedback:configure');
  const category = await findCategoryByCode(ctx.db, body.categoryCode);
  if (!category) throw invalid('body.categoryCode', 'no such category');
  const unit = await unitById(ctx.db, body.unitId);
  if (!unit) throw invalid('body.unitId', 'no such unit');
  assertWithinScope(ctx.actor, unit.path);
  const agency = await agencyById(ctx.db, body.agencyId);
  if (!agency || (agency.validTo !== null && agency.validTo <= todayInVietnam())) throw invalid('body.agencyId', 'no such agency today');
  await ctx.db.transaction(async (tx) => {
    const id = await upsertRoute(tx, { id: uuidv7(), categoryId: category.id, unitId: unit.id, unitPath: unit.path, agencyId: agency.id });
    await audit(tx, ctx, { action: 'report.routing.put', entityType: 'report_route', entityId: id, unitPath: unit.path, after: { category: category.code, unitId: unit.id, agencyId: agency.id } });
    await ctx.publish(tx, { topic: 'feedback', type: 'routing.updated', unitPath: unit.path, ids: [id] });
  });
  return routingMatrix(ctx);
}

export async function deleteRoutingEntry(ctx: FeedbackContext, id: string): Promise<RoutingMatrix> {
  can(ctx.actor, 'feedback:configure');
  const route = await findRoute(ctx.db, id);
  if (!route) throw new AppError('not-found');
  assertVisible(ctx.actor, route.unitPath);
  await ctx.db.transaction(async (tx) => {
    await deleteRoute(tx, id);
    await audit(tx, ctx, { action: 'report.routing.delete', entityType: 'report_route', entityId: id, unitPath: route.unitPath, before: route });
    await ctx.publish(tx, { topic: 'feedback', type: 'routing.updated', unitPath: route.unitPath, ids: [id] });
  });
  return routingMatrix(ctx);
}

export async function slaSettings(ctx: Pick<FeedbackContext, 'db' | 'actor'>): Promise<SlaSettings> {
  can(ctx.actor, 'feedback:read');
  const rows = await listSlaSettings(ctx.db);
  return { items: rows.map((r) => ({ ...r, urgency: r.urgency as Urgency })) };
}

export async function putSlaSetting(ctx: FeedbackContext, body: PutSlaSettingBody): Promise<SlaSettings> {
  can(ctx.actor, 'feedback:configure');
  const category = await findCategoryByCode(ctx.db, body.categoryCode);
  if (!category) throw invalid('body.categoryCode', 'no such category');
  await ctx.db.transaction(async (tx) => {
    await upsertSlaSetting(tx, { categoryId: category.id, urgency: body.urgency, acceptHours: body.acceptHours, resolveHours: body.resolveHours });
    await audit(tx, ctx, { action: 'report.sla.put', entityType: 'report_sla', entityId: `${category.code}:${body.urgency}`, unitPath: null, after: body });
    await ctx.publish(tx, { topic: 'feedback', type: 'sla.updated', unitPath: null, ids: [category.id] });
  });
  forgetIntakeCatalog();
  return slaSettings(ctx);
}
