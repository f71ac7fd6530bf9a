// A wall screen (/wall/{layout}/{screen}): full screen, no application frame, up for days. It signs in with
// the wall-screen key kept in this browser, shows what the control page assigned to it and switches on the
// hub event, retries every lost request with backoff, and shows a discreet "offline since HH:MM" badge.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/contracts/auth.js';
import type { ScreenIdentity } from '../../../shared/contracts/walls.js';
import { ApiError } from '../../api/client.js';
import { sessionKey, useAuth } from '../../app/auth.js';
import { useHub } from '../../app/hub-context.js';
import { ClockScreen, preloadScreenModules, ScreenView } from './ScreenView.js';
import { currentScreen, signInScreen, wallQuery } from './walls.api.js';

export const WALL_KEY_STORAGE = 'ioc.wallScreenKey';
const MAX_RETRY_MS = 30_000;

function storedKey(): string | null {
  try { return localStorage.getItem(WALL_KEY_STORAGE); } catch { return null; }
}

/** The key arrives once in the URL fragment (never sent to a server or its logs); it is kept and the fragment dropped. */
function takeKeyFromFragment(): void {
  const match = /(?:^|[#&])key=([^&]+)/.exec(window.location.hash);
  if (!match?.[1]) return;
  try { localStorage.setItem(WALL_KEY_STORAGE, decodeURIComponent(match[1])); } catch { /* storage blocked: the cookie still works */ }
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
}

/** The session the app's pages expect, for a screen signed in with a key: read-only permissions, no CSRF token. */
function screenSession(identity: ScreenIdentity): Session {
  return {
    user: {
      id: identity.keyId, username: `wall:${identity.layoutSlug}`, displayName: identity.label, role: 'operator',
      scopeUnitId: identity.scopeUnitId, scopeUnitName: identity.scopeUnitName, scopePath: identity.scopePath, agencyId: null,
      permissions: identity.permissions,
    },
    csrfToken: '',
  };
}

const isLost = (error: unknown) => !(error instanceof ApiError) || error.status === 0 || error.status >= 500;

type SignIn = { state: 'pending' } | { state: 'screen'; identity: ScreenIdentity } | { state: 'user' } | { state: 'no-key' } | { state: 'revoked' };

/** Signs the screen in: a user's own session (an operator previewing), else the stored key; retried while the server is away. */
function useScreenSignIn(): SignIn {
  const { session, isLoading } = useAuth();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<SignIn>({ state: 'pending' });
  const identityRef = useRef<ScreenIdentity | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => { takeKeyFromFragment(); }, []);

  useEffect(() => {
    if (isLoading) return;
    // Our own screen session is in place (or a person is signed in): nothing to do.
    if (session && (identityRef.current === null || session.user.id === identityRef.current.keyId)) {
      if (!identityRef.current) setResult({ state: 'user' });
      return;
    }
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const adopt = (identity: ScreenIdentity) => {
      identityRef.current = identity;
      queryClient.setQueryData(sessionKey, screenSession(identity));
      setResult({ state: 'screen', identity });
    };
    void (async () => {
      try {
        adopt(await currentScreen());
        return;
      } catch (error) {
        if (cancelled) return;
        if (isLost(error)) { timer = setTimeout(() => setAttempt((a) => a + 1), Math.min(MAX_RETRY_MS, 1000 * 2 ** attempt)); return; }
      }
      const key = storedKey();
      if (!key) { setResult({ state: 'no-key' }); return; }
      try {
        const identity = await signInScreen(key);
        if (!cancelled) adopt(identity);
      } catch (error) {
        if (cancelled) return;
        if (isLost(error)) timer = setTimeout(() => setAttempt((a) => a + 1), Math.min(MAX_RETRY_MS, 1000 * 2 ** attempt));
        else setResult({ state: 'revoked' });
      }
    })();
    return () => { cancelled = true; if (timer) clearTimeout(timer); };
  }, [session, isLoading, queryClient, attempt]);
  return result;
}

/** Lost requests (network, 5xx) are retried for ever with backoff on a wall screen: stale data beats an error. */
function useKioskRetries(): void {
  const queryClient = useQueryClient();
  // Set during the first render, before any query of the screen starts; restored when the page goes.
  const [before] = useState(() => {
    const previous = queryClient.getDefaultOptions();
    queryClient.setDefaultOptions(kioskDefaults(previous));
    return previous;
  });
  useEffect(() => () => queryClient.setDefaultOptions(before), [queryClient, before]);
}

function kioskDefaults(before: ReturnType<QueryClient['getDefaultOptions']>): ReturnType<QueryClient['getDefaultOptions']> {
  return {
    ...before,
    queries: {
      ...before.queries,
      retry: (_count, error) => isLost(error),
      retryDelay: (count) => Math.min(MAX_RETRY_MS, 1000 * 2 ** count) * (0.75 + Math.random() / 2),
      gcTime: 60_000,
    },
  };
}

/** The moment the live connection was lost, or null while it is up. */
function useOfflineSince(): Date | null {
  const hub = useHub();
  const [since, setSince] = useState<Date | null>(null);
  const [browserOnline, setBrowserOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setBrowserOnline(true);
    const off = () => setBrowserOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => { window.removeEventListener('online', on); window.removeEventListener('offline', off); };
  }, []);
  const connected = hub.state === 'open' && browserOnline;
  const wasConnected = useRef(false);
  useEffect(() => {
    if (connected) { wasConnected.current = true; setSince(null); return; }
    // The first connection is not an outage; a drop after it is.
    if (wasConnected.current) setSince((s) => s ?? new Date());
  }, [connected]);
  return since;
}

function OfflineBadge({ since }: { since: Date }) {
  const { t } = useTranslation();
  const time = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', hour12: false, timeZone: 'Asia/Ho_Chi_Minh' }).format(since);
  return <div className="wall-offline" role="status" data-testid="offline-badge">{t('walls.kiosk.offlineSince', { time })}</div>;
}

export function KioskPage() {
  const { t } = useTranslation();
  const { layout = '', screen = '1' } = useParams();
  const position = Number(screen);
  const [params, setParams] = useSearchParams();
  useKioskRetries();
  const signIn = useScreenSignIn();
  const signedIn = signIn.state === 'screen' || signIn.state === 'user';
  const wall = useQuery({ ...wallQuery(layout), enabled: signedIn && !!layout });
  const offlineSince = useOfflineSince();
  const hub = useHub();

  // The app's pages drop their controls in wall mode (?wall=1).
  useEffect(() => {
    if (params.get('wall') !== '1') setParams((p) => { const next = new URLSearchParams(p); next.set('wall', '1'); return next; }, { replace: true });
  }, [params, setParams]);
  useEffect(() => {
    document.documentElement.classList.add('kiosk');
    return () => document.documentElement.classList.remove('kiosk');
  }, []);

  // Once signed in (so the server is up), load the code of every kind of content; retried until it works.
  useEffect(() => {
    if (!signedIn) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = (attempt: number) => {
      preloadScreenModules().catch(() => {
        if (!cancelled) timer = setTimeout(() => load(attempt + 1), Math.min(MAX_RETRY_MS, 2000 * 2 ** attempt));
      });
    };
    load(0);
    return () => { cancelled = true; if (timer) clearTimeout(timer); };
  }, [signedIn]);

  const screenContent = useMemo(() => wall.data?.screens.find((s) => s.position === position)?.content ?? null, [wall.data, position]);

  let body: React.ReactNode;
  if (signIn.state === 'no-key') body = <ClockScreen note={t('walls.kiosk.noKey')} />;
  else if (signIn.state === 'revoked') body = <ClockScreen note={t('walls.kiosk.revoked')} />;
  else if (!signedIn || (!wall.data && !wall.error) || (wall.error && isLost(wall.error))) body = <ClockScreen note={t('walls.kiosk.connecting')} />;
  else if (wall.error || !screenContent) body = <ClockScreen note={t('walls.kiosk.noScreen', { layout, screen })} />;
  else body = <ScreenView content={screenContent} />;

  return (
    <main className="wall-kiosk wall-mode" data-testid="wall-kiosk" data-layout={layout} data-screen={screen}
      data-content={screenContent ? screenContent.kind : 'none'} data-hub={hub.state} aria-label={t('walls.kiosk.label', { layout: wall.data?.name ?? layout, screen })}>
      {body}
      {offlineSince && <OfflineBadge since={offlineSince} />}
    </main>
  );
}
