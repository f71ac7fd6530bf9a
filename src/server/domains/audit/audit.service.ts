import type { AuditEntry, ListAuditQuery } from '../../../shared/contracts/audit.js';
import { can } from '../../core/auth.js';
import type { RequestContext } from '../../core/context.js';
import { listAuditEntries } from './audit.queries.js';

export async function readAuditLog(ctx: RequestContext, q: ListAuditQuery): Promise<{ items: AuditEntry[]; nextBefore: string | null }> {
  can(ctx.actor, 'audit:read');
  const rows = await listAuditEntries(ctx.db, {
    scopePath: ctx.actor.scopePath,
    includeUnplaced: ctx.actor.scopePath.split('/').filter(Boolean).length === 1,
    entityType: q.entityType, entityId: q.entityId, actorId: q.actorId, action: q.action,
    from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined,
    before: q.before ? Number(q.before) : undefined,
  }, q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      id: String(r.id), at: r.at.toISOString(), actorType: r.actorType as AuditEntry['actorType'], actorId: r.actorId, actorName: r.actorName,
      ip: r.ip, action: r.action, entityType: r.entityType, entityId: r.entityId, unitPath: r.unitPath, before: r.before, after: r.after, requestId: r.requestId,
    })),
    nextBefore: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
  };
}
