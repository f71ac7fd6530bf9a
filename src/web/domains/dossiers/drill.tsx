// Drill-down: every number links to the dossier list filtered to exactly what is behind it (the list's own
// filters in the URL, plus `what`, a readable description of the number that the list shows as a banner).
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ListDossiersQuery } from '../../../shared/contracts/dossiers.js';
import { useStickySearch } from '../../app/url-state.js';

export type DrillQuery = Partial<ListDossiersQuery>;

export function drillTo(query: DrillQuery, what: string, sticky: string): { pathname: string; search: string } {
  const params = new URLSearchParams(sticky.startsWith('?') ? sticky.slice(1) : sticky);
  // The list reads `unitId` before the sticky scope `unit`: the number's own unit wins.
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  if (what) params.set('what', what);
  return { pathname: '/dossiers/search', search: `?${params.toString()}` };
}

/** A number linked to its dossiers; a number no list filter can reproduce (`query` null) stays plain text. */
export function DrillLink({ query, what, children, className, testId, label }: {
  query: DrillQuery | null; what: string; children: ReactNode; className?: string; testId?: string;
  /** The accessible name when the visible number alone would not say what it is. */
  label?: string;
}) {
  const sticky = useStickySearch();
  if (!query) return <span className={className} data-testid={testId}>{children}</span>;
  return (
    <Link to={drillTo(query, what, sticky)} className={`drill-link${className ? ` ${className}` : ''}`} title={what} aria-label={label} data-testid={testId}>
      {children}
    </Link>
  );
}
