// Queries of the IOC map: its configuration, and the live layers read from the domains that own them.
import { queryOptions } from '@tanstack/react-query';
import type { AlarmPage } from '../../../shared/contracts/alarms.js';
import type { Camera } from '../../../shared/contracts/cameras.js';
import type { IncidentPage } from '../../../shared/contracts/incidents.js';
import type { RoadStatusList } from '../../../shared/contracts/road-status.js';
import type { LatestList } from '../../../shared/contracts/telemetry.js';
import type { MapConfig } from '../../../shared/contracts/walls.js';
import { api } from '../../api/client.js';

export const opsMapKeys = {
  config: () => ['map', 'config'] as const,
  // Prefixed with the owning topic, so that the hub's invalidation of that topic refreshes the layer.
  devices: () => ['telemetry', 'map-latest'] as const,
  alarms: (window: { from: string; to: string } | null) => ['alarms', 'map', window] as const,
  incidents: (window: { from: string; to: string } | null) => ['incidents', 'map', window] as const,
  cameras: () => ['cameras', 'map'] as const,
  roads: () => ['telemetry', 'road-status'] as const,
};

export const mapConfigQuery = () => queryOptions({
  queryKey: opsMapKeys.config(),
  queryFn: ({ signal }) => api.get<MapConfig>('/api/map/config', undefined, signal),
  staleTime: Infinity,
});

export const latestDevicesQuery = (enabled: boolean) => queryOptions({
  queryKey: opsMapKeys.devices(),
  queryFn: ({ signal }) => api.get<LatestList>('/api/telemetry/latest', undefined, signal),
  enabled,
  placeholderData: (previous) => previous,
});

/** Active alarms now; with a past window, every alarm raised in it (the console keeps their history). */
export const mapAlarmsQuery = (window: { from: string; to: string } | null, enabled: boolean) => queryOptions({
  queryKey: opsMapKeys.alarms(window),
  queryFn: ({ signal }) => api.get<AlarmPage>('/api/alarms', { status: window ? 'any' : 'active', limit: 1000 }, signal),
  enabled,
  placeholderData: (previous) => previous,
});

/** Incidents not yet resolved now; with a past window, those that occurred in it. */
export const mapIncidentsQuery = (window: { from: string; to: string } | null, enabled: boolean) => queryOptions({
  queryKey: opsMapKeys.incidents(window),
  queryFn: ({ signal }) => api.get<IncidentPage>('/api/incidents',
    window ? { from: window.from, to: window.to, limit: 500 } : { status: 'open,dispatched,in_progress', limit: 500 }, signal),
  enabled,
  placeholderData: (previous) => previous,
});

export const mapCamerasQuery = (enabled: boolean) => queryOptions({
  queryKey: opsMapKeys.cameras(),
  queryFn: ({ signal }) => api.get<{ items: Camera[] }>('/api/cameras', undefined, signal),
  enabled,
  placeholderData: (previous) => previous,
});

/** Road segments of the traffic counters with their status; refreshed on telemetry events (throttled by the map). */
export const roadStatusQuery = (enabled: boolean) => queryOptions({
  queryKey: opsMapKeys.roads(),
  queryFn: ({ signal }) => api.get<RoadStatusList>('/api/telemetry/road-status', undefined, signal),
  enabled,
  placeholderData: (previous) => previous,
  refetchInterval: 60_000,
});
