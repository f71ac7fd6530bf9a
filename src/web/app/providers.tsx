// Providers around the whole app: query client, toasts, session, live hub.
import type { ReactNode } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from '../api/client.js';
import { ToastProvider } from '../ui/Toasts.js';
import { AuthProvider, sessionKey } from './auth.js';
import { HubProvider } from './hub-context.js';

function onUnauthenticated(error: unknown) {
  // A 401 anywhere means the session ended: drop it so the router shows the login page.
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(sessionKey, null);
}

export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onUnauthenticated }),
  mutationCache: new MutationCache({ onError: onUnauthenticated }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Client errors (4xx) will not change on retry.
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <AuthProvider>
          <HubProvider>{children}</HubProvider>
        </AuthProvider>
      </ToastProvider>
    </QueryClientProvider>
  );
}
