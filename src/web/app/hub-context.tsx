// Keeps one hub connection open while someone is signed in and shares its state with the screens.
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { HubClient, type HubSnapshot } from '../api/hub.js';
import { useAuth } from './auth.js';

const HubContext = createContext<HubClient | null>(null);
const closed: HubSnapshot = { state: 'closed', lastSeq: 0, events: [] };

export function HubProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const { session } = useAuth();
  const userId = session?.user.id ?? null;
  const [client, setClient] = useState<HubClient | null>(null);

  useEffect(() => {
    if (!userId) return;
    const hub = new HubClient(queryClient);
    hub.start();
    setClient(hub);
    return () => {
      hub.stop();
      setClient(null);
    };
  }, [userId, queryClient]);

  return <HubContext.Provider value={client}>{children}</HubContext.Provider>;
}

const noop = () => () => {};

export function useHub(): HubSnapshot {
  const client = useContext(HubContext);
  return useSyncExternalStore(client?.subscribe ?? noop, client?.getSnapshot ?? (() => closed));
}
