// Incidents: query keys (under 'incidents', which the hub topic 'incidents' invalidates), queries and mutations.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AcknowledgeDispatchBody, CreateIncidentBody, DispatchIncidentBody, IncidentDetail, IncidentPage, IncidentStats, IncidentStatsQuery, ListIncidentsQuery,
  MoveIncidentBody,
} from '../../../shared/contracts/incidents.js';
import { api } from '../../api/client.js';

export type IncidentListParams = Omit<Partial<ListIncidentsQuery>, 'status' | 'type'> & { status?: string; type?: string };

export const incidentKeys = {
  all: ['incidents'] as const,
  list: (params: IncidentListParams) => ['incidents', 'list', params] as const,
  detail: (id: string) => ['incidents', 'detail', id] as const,
  stats: (params: Partial<IncidentStatsQuery>) => ['incidents', 'stats', params] as const,
};

export const incidentsQuery = (params: IncidentListParams) => queryOptions({
  queryKey: incidentKeys.list(params),
  queryFn: ({ signal }) => api.get<IncidentPage>('/api/incidents', params, signal),
  placeholderData: (previous) => previous,
});

export const incidentQuery = (id: string) => queryOptions({
  queryKey: incidentKeys.detail(id),
  queryFn: ({ signal }) => api.get<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`, undefined, signal),
  enabled: !!id,
});

export const incidentStatsQuery = (params: IncidentStatsQuery) => queryOptions({
  queryKey: incidentKeys.stats(params),
  queryFn: ({ signal }) => api.get<IncidentStats>('/api/incidents/stats', params, signal),
  placeholderData: (previous) => previous,
});

export function useCreateIncident() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<CreateIncidentBody>) => api.post<IncidentDetail>('/api/incidents', body),
    onSuccess: (incident) => {
      queryClient.setQueryData(incidentKeys.detail(incident.id), incident);
      void queryClient.invalidateQueries({ queryKey: incidentKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['alarms'] });
    },
  });
}

type Action =
  | { path: 'dispatch'; body: DispatchIncidentBody }
  | { path: 'acknowledge'; body: AcknowledgeDispatchBody }
  | { path: 'status'; body: MoveIncidentBody }
  | { path: 'notes'; body: { text: string } };

export function useIncidentAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: Action) => api.post<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}/${a.path}`, a.body),
    onSuccess: (incident) => {
      queryClient.setQueryData(incidentKeys.detail(id), incident);
      void queryClient.invalidateQueries({ queryKey: incidentKeys.all });
    },
  });
}
