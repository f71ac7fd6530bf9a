// Alarms: query keys (under 'alarms', which the hub topic 'alarms' invalidates), queries and mutations of the
// console, rules, silences and notification routes.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AlarmDetail, AlarmPage, AlarmRoute, AlarmRule, AssignAlarmBody, CreateAlarmRouteBody, CreateAlarmRuleBody, CreateSilenceBody, ListAlarmsQuery,
  Silence,
} from '../../../shared/contracts/alarms.js';
import { api, apiRequest } from '../../api/client.js';

export type AlarmListParams = Omit<Partial<ListAlarmsQuery>, 'severity'> & { severity?: string };

export const alarmKeys = {
  all: ['alarms'] as const,
  list: (params: AlarmListParams) => ['alarms', 'list', params] as const,
  detail: (id: string) => ['alarms', 'detail', id] as const,
  rules: ['alarms', 'rules'] as const,
  silences: (state: string) => ['alarms', 'silences', state] as const,
  routes: ['alarms', 'routes'] as const,
};

export const alarmsQuery = (params: AlarmListParams) => queryOptions({
  queryKey: alarmKeys.list(params),
  queryFn: ({ signal }) => api.get<AlarmPage>('/api/alarms', params, signal),
  placeholderData: (previous) => previous,
});

export const alarmQuery = (id: string) => queryOptions({
  queryKey: alarmKeys.detail(id),
  queryFn: ({ signal }) => api.get<AlarmDetail>(`/api/alarms/${encodeURIComponent(id)}`, undefined, signal),
  enabled: !!id,
});

export const rulesQuery = () => queryOptions({
  queryKey: alarmKeys.rules,
  queryFn: ({ signal }) => api.get<{ items: AlarmRule[] }>('/api/alarm-rules', undefined, signal).then((a) => a.items),
});

export const silencesQuery = (state: 'current' | 'expired') => queryOptions({
  queryKey: alarmKeys.silences(state),
  queryFn: ({ signal }) => api.get<{ items: Silence[] }>('/api/silences', { state }, signal).then((a) => a.items),
});

export const routesQuery = () => queryOptions({
  queryKey: alarmKeys.routes,
  queryFn: ({ signal }) => api.get<{ items: AlarmRoute[] }>('/api/alarm-routes', undefined, signal).then((a) => a.items),
});

function useInvalidateAlarms() {
  const queryClient = useQueryClient();
  return () => { void queryClient.invalidateQueries({ queryKey: alarmKeys.all }); };
}

export function useAlarmAction(id: string) {
  const invalidate = useInvalidateAlarms();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (a: { action: 'ack' | 'clear' | 'comments'; text?: string } | { action: 'assign'; body: AssignAlarmBody }) =>
      a.action === 'assign'
        ? api.post<AlarmDetail>(`/api/alarms/${encodeURIComponent(id)}/assign`, a.body)
        : api.post<AlarmDetail>(`/api/alarms/${encodeURIComponent(id)}/${a.action}`, a.text ? { text: a.text } : {}),
    onSuccess: (alarm) => { queryClient.setQueryData(alarmKeys.detail(id), alarm); invalidate(); },
  });
}

export function useSaveRule() {
  const invalidate = useInvalidateAlarms();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateAlarmRuleBody }) => (id
      ? apiRequest<AlarmRule>(`/api/alarm-rules/${encodeURIComponent(id)}`, { method: 'PUT', body })
      : api.post<AlarmRule>('/api/alarm-rules', body)),
    onSuccess: invalidate,
  });
}

export function useToggleRule() {
  const invalidate = useInvalidateAlarms();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) => api.patch<AlarmRule>(`/api/alarm-rules/${encodeURIComponent(id)}`, { enabled }),
    onSuccess: invalidate,
  });
}

export function useDeleteRule() {
  const invalidate = useInvalidateAlarms();
  return useMutation({
    mutationFn: (id: string) => apiRequest<{ ok: true }>(`/api/alarm-rules/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function useCreateSilence() {
  const invalidate = useInvalidateAlarms();
  return useMutation({ mutationFn: (body: Partial<CreateSilenceBody>) => api.post<Silence>('/api/silences', body), onSuccess: invalidate });
}

export function useExpireSilence() {
  const invalidate = useInvalidateAlarms();
  return useMutation({ mutationFn: (id: string) => api.post<{ ok: true }>(`/api/silences/${encodeURIComponent(id)}/expire`), onSuccess: invalidate });
}

export function useCreateRoute() {
  const invalidate = useInvalidateAlarms();
  return useMutation({ mutationFn: (body: Partial<CreateAlarmRouteBody>) => api.post<AlarmRoute>('/api/alarm-routes', body), onSuccess: invalidate });
}

export function useDeleteRoute() {
  const invalidate = useInvalidateAlarms();
  return useMutation({
    mutationFn: (id: string) => apiRequest<{ ok: true }>(`/api/alarm-routes/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}
