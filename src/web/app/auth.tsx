// Session state: who is signed in, the CSRF token for writes, sign-in and sign-out.
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, Session } from '../../shared/contracts/auth.js';
import { api, ApiError, setCsrfToken } from '../api/client.js';

export const sessionKey = ['auth', 'session'] as const;

async function fetchSession(): Promise<Session | null> {
  try {
    return await api.get<Session>('/api/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

interface AuthContextValue {
  session: Session | null;
  isLoading: boolean;
  error: unknown;
  refetch: () => void;
  login: (body: LoginBody) => Promise<Session>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity, retry: false });
  const session = query.data ?? null;

  useEffect(() => setCsrfToken(session?.csrfToken ?? null), [session]);

  const login = useCallback(async (body: LoginBody) => {
    const next = await api.post<Session>('/api/auth/login', body);
    setCsrfToken(next.csrfToken);
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
    queryClient.setQueryData(sessionKey, next);
    return next;
  }, [queryClient]);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      // Keep the session query itself (its observer stays attached); drop everything the user could see.
      queryClient.setQueryData(sessionKey, null);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== sessionKey[0] });
    }
  }, [queryClient]);

  const { refetch } = query;
  const value = useMemo<AuthContextValue>(() => ({
    session,
    isLoading: query.isPending,
    error: query.error,
    refetch: () => void refetch(),
    login,
    logout,
  }), [session, query.isPending, query.error, refetch, login, logout]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in session; only for pages behind RequireAuth. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}

export function hasPermission(session: Session | null, permission: string): boolean {
  if (!session) return false;
  return session.user.role === 'admin' || session.user.permissions.includes(permission);
}
