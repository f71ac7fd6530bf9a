// Agencies: query keys, queries and mutations.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Agency, CreateAgencyBody, ListAgenciesQuery, UpdateAgencyBody } from '../../../shared/contracts/agencies.js';
import { api } from '../../api/client.js';

export type AgenciesPage = { items: Agency[]; total: number };

export const agencyKeys = {
  all: ['agencies'] as const,
  list: (params: Partial<ListAgenciesQuery>) => ['agencies', 'list', params] as const,
};

export const agencyListQuery = (params: Partial<ListAgenciesQuery>) => queryOptions({
  queryKey: agencyKeys.list(params),
  queryFn: ({ signal }) => api.get<AgenciesPage>('/api/agencies', params, signal),
  placeholderData: (previous) => previous,
});

export function useCreateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateAgencyBody) => api.post<Agency>('/api/agencies', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agencyKeys.all }),
  });
}

export function useUpdateAgency() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateAgencyBody }) => api.patch<Agency>(`/api/agencies/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agencyKeys.all }),
  });
}
