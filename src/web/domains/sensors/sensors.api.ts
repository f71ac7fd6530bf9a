// Sensors: query keys (under 'sensors'; live values come from the hub's telemetry.latest events, not refetches),
// queries of the registry, latest values and series, and the registry mutations.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CreateDeviceBody, Device, DeviceList, DeviceWithToken, LatestList, ListDevicesQuery, Resolution, Series,
} from '../../../shared/contracts/telemetry.js';
import { api, apiRequest } from '../../api/client.js';

export const sensorKeys = {
  all: ['sensors'] as const,
  list: (params: Partial<ListDevicesQuery>) => ['sensors', 'list', params] as const,
  detail: (id: string) => ['sensors', 'detail', id] as const,
  latest: (unitId: string | null) => ['sensors', 'latest', unitId] as const,
  series: (id: string, metric: string, from: string, resolution: Resolution) => ['sensors', 'series', id, metric, from, resolution] as const,
};

export const devicesQuery = (params: Partial<ListDevicesQuery>) => queryOptions({
  queryKey: sensorKeys.list(params),
  queryFn: ({ signal }) => api.get<DeviceList>('/api/telemetry/devices', params, signal),
  placeholderData: (previous) => previous,
  refetchInterval: 60_000,   // status changes (offline) and scopes below a province, which get no live events
});

export const deviceQuery = (id: string) => queryOptions({
  queryKey: sensorKeys.detail(id),
  queryFn: ({ signal }) => api.get<Device>(`/api/telemetry/devices/${encodeURIComponent(id)}`, undefined, signal),
  enabled: !!id,
});

export const latestQuery = (unitId: string | null) => queryOptions({
  queryKey: sensorKeys.latest(unitId),
  queryFn: ({ signal }) => api.get<LatestList>('/api/telemetry/latest', unitId ? { unitId } : undefined, signal),
  refetchInterval: 60_000,
});

export const seriesQuery = (id: string, metric: string, from: string, resolution: Resolution) => queryOptions({
  queryKey: sensorKeys.series(id, metric, from, resolution),
  queryFn: ({ signal }) => api.get<Series>(`/api/telemetry/devices/${encodeURIComponent(id)}/series`, { metric, from, resolution }, signal),
  enabled: !!id && !!metric,
  refetchInterval: 60_000,
});

export function useCreateDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateDeviceBody) => api.post<DeviceWithToken>('/api/telemetry/devices', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sensorKeys.all }),
  });
}

export function useRotateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<DeviceWithToken>(`/api/telemetry/devices/${encodeURIComponent(id)}/token`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sensorKeys.all }),
  });
}

export function useDeleteDevice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<{ ok: true }>(`/api/telemetry/devices/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sensorKeys.all }),
  });
}
