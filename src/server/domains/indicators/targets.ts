// Targets (kế hoạch giao): an annual value per indicator and unit, optionally phased by month.
import type { z } from 'zod';
import type { SetTargetBody } from '../../../shared/contracts/indicators.js';
import { can } from '../../core/auth.js';
import { audit } from '../../core/audit.js';
import type { RequestContext } from '../../core/context.js';
import { AppError } from '../../core/errors.js';
import { findVisibleUnit } from '../units/units.service.js';
import { findIndicatorsByCodes, upsertTarget } from './indicators.queries.js';

export async function setTarget(ctx: RequestContext, body: z.infer<typeof SetTargetBody>): Promise<{ ok: true }> {
  can(ctx.actor, 'targets:write');
  return ctx.db.transaction(async (tx) => {
    const unit = await findVisibleUnit(ctx, tx, body.unitId);
    const [ind] = await findIndicatorsByCodes(tx, [body.indicatorCode]);
    if (!ind) throw new AppError('validation-failed', { errors: [{ path: 'body.indicatorCode', message: 'unknown indicator' }] });
    const monthly = body.monthly ?? (body.quarterly ? body.quarterly.flatMap((q) => [q / 3, q / 3, q / 3]) : null);
    if (monthly && ind.timeAggregation === 'sum' && Math.abs(monthly.reduce((s, x) => s + x, 0) - body.annual) > 1e-6 * Math.max(1, Math.abs(body.annual))) {
      const path = body.monthly ? 'body.monthly' : 'body.quarterly';
      throw new AppError('validation-failed', { errors: [{ path, message: 'the phasing must add up to the annual target' }], detail: 'Tổng phân kỳ phải bằng kế hoạch năm.' });
    }
    await upsertTarget(tx, { indicatorId: ind.id, unitId: unit.id, year: body.year, annual: body.annual, monthly });
    await audit(tx, ctx, { action: 'target.set', entityType: 'target', entityId: `${ind.code}:${unit.code}:${body.year}`, unitPath: unit.path, after: body });
    await ctx.publish(tx, { topic: 'indicators', type: 'target.set', unitPath: unit.path, ids: [ind.id], data: { code: ind.code, year: body.year } });
    return { ok: true as const };
  });
}
