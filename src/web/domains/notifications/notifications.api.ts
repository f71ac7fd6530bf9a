// Notifications of the signed-in user (report reminders, escalations): the list under ['notifications'],
// which the hub invalidates on topic 'notifications', and the read mutations.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';

export interface NotificationItem {
  id: string;
  kind: 'reminder' | 'escalation' | string;
  title: string;
  titleEn: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}
export interface NotificationList { unread: number; items: NotificationItem[] }

export const notificationsQuery = () => queryOptions({
  queryKey: ['notifications'] as const,
  queryFn: ({ signal }) => api.get<NotificationList>('/api/notifications', { unreadOnly: 'false', limit: 20 }, signal),
  refetchInterval: 120_000,
});

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/api/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/api/notifications/read-all'),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
