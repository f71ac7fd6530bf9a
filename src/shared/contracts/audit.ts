import { z } from 'zod';

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorType: z.enum(['user', 'api_key', 'system']),
  actorId: z.string().nullable(),
  actorName: z.string(),
  ip: z.string().nullable(),
  action: z.string(),           // 'unit.create', 'user.update', 'auth.login-failed' …
  entityType: z.string(),
  entityId: z.string().nullable(),
  unitPath: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const ListAuditQuery = z.strictObject({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  before: z.string().regex(/^\d+$/).optional(), // cursor: entries with id lower than this
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;
export const AuditPage = z.object({ items: z.array(AuditEntry), nextBefore: z.string().nullable() });
