// Accounts: users and API keys — query keys, queries and mutations.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKey, CreateApiKeyBody, CreateUserBody, UpdateUserBody, User } from '../../../shared/contracts/accounts.js';
import { api } from '../../api/client.js';

export type CreatedUser = { user: User; generatedPassword: string | null };
export type CreatedApiKey = { apiKey: ApiKey; secret: string };

export const accountKeys = {
  users: ['users'] as const,
  apiKeys: ['apiKeys'] as const,
};

export const userListQuery = () => queryOptions({
  queryKey: [...accountKeys.users, 'list'] as const,
  queryFn: ({ signal }) => api.get<{ items: User[]; total: number }>('/api/users', undefined, signal),
});

export const apiKeyListQuery = () => queryOptions({
  queryKey: [...accountKeys.apiKeys, 'list'] as const,
  queryFn: ({ signal }) => api.get<{ items: ApiKey[]; total: number }>('/api/api-keys', undefined, signal),
});

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.post<CreatedUser>('/api/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.users }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUserBody }) => api.patch<User>(`/api/users/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.users }),
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => api.post<CreatedApiKey>('/api/api-keys', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ApiKey>(`/api/api-keys/${id}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.apiKeys }),
  });
}
