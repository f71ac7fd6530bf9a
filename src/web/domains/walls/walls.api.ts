// Video wall: query keys, queries and mutations of layouts, screen assignments and wall-screen keys.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AssignScreensBody, CreatedWallScreenKey, CreateWallBody, ScreenIdentity, UpdateWallBody, WallLayout, WallLayoutList, WallScreenKey, WallScreenKeyList,
} from '../../../shared/contracts/walls.js';
import { useTranslation } from 'react-i18next';
import { api, apiRequest, errorMessage } from '../../api/client.js';
import { useToast } from '../../ui/Toasts.js';

export const wallKeys = {
  all: ['walls'] as const,
  list: () => ['walls', 'list'] as const,
  layout: (slug: string) => ['walls', 'layout', slug] as const,
  keys: (slug: string) => ['walls', 'keys', slug] as const,
  screen: () => ['walls', 'screen'] as const,
};

export const wallsQuery = () => queryOptions({
  queryKey: wallKeys.list(),
  queryFn: ({ signal }) => api.get<WallLayoutList>('/api/walls', undefined, signal),
});

export const wallQuery = (slug: string) => queryOptions({
  queryKey: wallKeys.layout(slug),
  queryFn: ({ signal }) => api.get<WallLayout>(`/api/walls/${encodeURIComponent(slug)}`, undefined, signal),
  enabled: !!slug,
  placeholderData: (previous) => previous,
});

export const wallKeysQuery = (slug: string) => queryOptions({
  queryKey: wallKeys.keys(slug),
  queryFn: ({ signal }) => api.get<WallScreenKeyList>(`/api/walls/${encodeURIComponent(slug)}/keys`, undefined, signal),
  enabled: !!slug,
});

export function signInScreen(secret: string): Promise<ScreenIdentity> {
  return api.post<ScreenIdentity>('/api/walls/screen-sign-in', { secret });
}

export function currentScreen(): Promise<ScreenIdentity> {
  return api.get<ScreenIdentity>('/api/walls/screen');
}

function useWallMutation<TVars, TResult>(fn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { t, i18n } = useTranslation();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: wallKeys.all }); },
    onError: (error) => toast.show(errorMessage(error, i18n.language, t('toast.failed')), 'error'),
  });
}

export const useCreateWall = () => useWallMutation((body: CreateWallBody) => api.post<WallLayout>('/api/walls', body));
export const useUpdateWall = (slug: string) => useWallMutation((body: UpdateWallBody) => api.patch<WallLayout>(`/api/walls/${encodeURIComponent(slug)}`, body));
export const useDeleteWall = () => useWallMutation((slug: string) => apiRequest<unknown>(`/api/walls/${encodeURIComponent(slug)}`, { method: 'DELETE' }));
export const useAssignScreens = (slug: string) => useWallMutation((body: AssignScreensBody) =>
  apiRequest<WallLayout>(`/api/walls/${encodeURIComponent(slug)}/screens`, { method: 'PUT', body }));
export const useCreateScreenKey = (slug: string) => useWallMutation((label: string) =>
  api.post<CreatedWallScreenKey>(`/api/walls/${encodeURIComponent(slug)}/keys`, { label }));
export const useRevokeScreenKey = (slug: string) => useWallMutation((keyId: string) =>
  apiRequest<WallScreenKey>(`/api/walls/${encodeURIComponent(slug)}/keys/${keyId}`, { method: 'DELETE' }));
