// Audit log: cursor-paged query (older pages with `before`).
import { infiniteQueryOptions } from '@tanstack/react-query';
import type { AuditEntry, ListAuditQuery } from '../../../shared/contracts/audit.js';
import { api } from '../../api/client.js';

export type AuditFilters = Partial<Omit<ListAuditQuery, 'before' | 'limit'>>;
export type AuditPage = { items: AuditEntry[]; nextBefore: string | null };

export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: AuditFilters) => ['audit', 'list', filters] as const,
};

export const auditQuery = (filters: AuditFilters) => infiniteQueryOptions({
  queryKey: auditKeys.list(filters),
  queryFn: ({ pageParam, signal }) => api.get<AuditPage>('/api/audit', { ...filters, before: pageParam ?? undefined, limit: 50 }, signal),
  initialPageParam: null as string | null,
  getNextPageParam: (last) => last.nextBefore,
});
