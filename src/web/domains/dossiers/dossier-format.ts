// Numbers of the dossiers pages in the user's language: counts, rates (0…1) and working days.
import { formatNumber } from '../../app/format.js';

export function formatCount(value: number, language: string): string {
  return formatNumber(value, language);
}

/** A rate 0…1 as a percentage with one decimal, or a dash when there was nothing to divide by. */
export function formatRate(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined) return '—';
  return formatNumber(value, language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

export function formatDays(value: number | null | undefined, language: string): string {
  if (value === null || value === undefined) return '—';
  return formatNumber(value, language, { maximumFractionDigits: 1 });
}

/** The label of a metrics row in the user's language. */
export function labelOf(row: { label: string; labelEn: string | null }, language: string): string {
  return language.startsWith('en') && row.labelEn ? row.labelEn : row.label;
}
