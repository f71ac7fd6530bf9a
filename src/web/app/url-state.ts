// Page state kept in the URL so it survives reloads and can be shared: ?unit=, ?asOf=, ?wall=1.
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { dayBefore, isIsoDate, todayInVietnam } from './format.js';
import { useAuth } from './auth.js';
import { unitDetailQuery } from '../domains/units/units.api.js';

/** Parameters carried over when navigating between pages. */
export const STICKY_PARAMS = ['unit', 'asOf', 'wall'] as const;

export function useWallMode(): boolean {
  const [params] = useSearchParams();
  return params.get('wall') === '1';
}

export function useSearchParam(name: string): [string | null, (value: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name);
  const setValue = useCallback((next: string | null) => {
    setParams((current) => {
      const copy = new URLSearchParams(current);
      if (next === null || next === '') copy.delete(name);
      else copy.set(name, next);
      return copy;
    }, { replace: true });
  }, [name, setParams]);
  return [value, setValue];
}

/** The selected unit of the scope picker (?unit=), or null for the user's whole scope. */
export function useSelectedUnit(): [string | null, (id: string | null) => void] {
  return useSearchParam('unit');
}

/**
 * The date the screens show (?asOf=). Default: today, or when the user's scope unit has ended,
 * its last valid day (validTo is exclusive).
 */
export function useAsOf(): { asOf: string; defaultAsOf: string; setAsOf: (value: string | null) => void; isReady: boolean } {
  const [value, setValue] = useSearchParam('asOf');
  const { session } = useAuth();
  const scope = useQuery({ ...unitDetailQuery(session?.user.scopeUnitId ?? ''), enabled: !!session });
  const today = todayInVietnam();
  const scopeEnd = scope.data?.validTo ?? null;
  const defaultAsOf = scopeEnd && scopeEnd <= today ? dayBefore(scopeEnd) : today;
  const asOf = isIsoDate(value) ? value : defaultAsOf;
  return { asOf, defaultAsOf, setAsOf: setValue, isReady: isIsoDate(value) || !scope.isPending || !session };
}

/** A link target that keeps the sticky parameters of the current URL. */
export function useStickySearch(): string {
  const [params] = useSearchParams();
  const kept = new URLSearchParams();
  for (const name of STICKY_PARAMS) {
    const value = params.get(name);
    if (value) kept.set(name, value);
  }
  const search = kept.toString();
  return search ? `?${search}` : '';
}
