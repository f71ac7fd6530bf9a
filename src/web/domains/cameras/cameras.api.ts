// Cameras: query keys (under 'cameras', which the hub topic 'cameras' invalidates), queries and mutations.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  Camera, CameraDetail, CameraEvent, CreateCameraBody, ListCameraEventsQuery, ListCamerasQuery, UpdateCameraBody,
} from '../../../shared/contracts/cameras.js';
import { api, apiRequest } from '../../api/client.js';

export const cameraKeys = {
  all: ['cameras'] as const,
  list: (params: Partial<ListCamerasQuery>) => ['cameras', 'list', params] as const,
  detail: (id: string) => ['cameras', 'detail', id] as const,
  events: (params: Partial<ListCameraEventsQuery>) => ['cameras', 'events', params] as const,
};

export const camerasQuery = (params: Partial<ListCamerasQuery>) => queryOptions({
  queryKey: cameraKeys.list(params),
  queryFn: ({ signal }) => api.get<{ items: Camera[]; total: number }>('/api/cameras', params, signal),
  placeholderData: (previous) => previous,
});

export const cameraQuery = (id: string) => queryOptions({
  queryKey: cameraKeys.detail(id),
  queryFn: ({ signal }) => api.get<CameraDetail>(`/api/cameras/${id}`, undefined, signal),
});

export const cameraEventsQuery = (params: Partial<ListCameraEventsQuery>) => queryOptions({
  queryKey: cameraKeys.events(params),
  queryFn: ({ signal }) => api.get<{ items: CameraEvent[]; total: number }>('/api/cameras/events', params, signal),
  placeholderData: (previous) => previous,
});

export function useCreateCamera() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCameraBody) => api.post<CameraDetail>('/api/cameras', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cameraKeys.all }),
  });
}

export function useUpdateCamera(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCameraBody) => api.patch<CameraDetail>(`/api/cameras/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cameraKeys.all }),
  });
}

export function useDeleteCamera() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiRequest<void>(`/api/cameras/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cameraKeys.all }),
  });
}

/** The still of a camera; `bucket` changes the address each refresh period so the browser asks again. */
export function snapshotUrl(id: string, bucket: number): string {
  return `/api/cameras/${id}/snapshot.jpg?t=${bucket}`;
}

/** The event's stored picture; `version` (when it was taken) changes the address when a better one replaces it. */
export function eventSnapshotUrl(eventId: string, version: string): string {
  return `/api/cameras/events/${encodeURIComponent(eventId)}/snapshot.jpg?v=${encodeURIComponent(version)}`;
}

export function liveUrl(id: string): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${window.location.host}/api/cameras/${id}/live`;
}
