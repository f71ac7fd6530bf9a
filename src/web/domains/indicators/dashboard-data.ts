// Pure helpers of the leaders' dashboard: series from analytics rows, a choropleth scale, the pivot and its CSV.
import type { AnalyticsResult } from '../../../shared/contracts/indicators.js';

export type AnalyticsRow = AnalyticsResult['rows'][number];

export function seriesOf(result: AnalyticsResult | undefined, indicatorCode: string, unitId: string): (number | null)[] {
  if (!result) return [];
  const byPeriod = new Map(result.rows.filter((r) => r.indicatorCode === indicatorCode && r.unitId === unitId).map((r) => [r.periodId, r.value]));
  return result.periods.map((p) => byPeriod.get(p) ?? null);
}

export const CHOROPLETH = ['#eff6ff', '#bfdbfe', '#60a5fa', '#2563eb', '#1e3a8a'] as const;
export const NO_DATA = '#e2e8f0';

export interface Scale { breaks: number[]; colorOf: (value: number | null | undefined) => string }

/** Five equal-count classes (quantiles) over the values present; a single value gets the middle colour. */
export function quantileScale(values: (number | null | undefined)[]): Scale {
  const sorted = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { breaks: [], colorOf: () => NO_DATA };
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (min === max) return { breaks: [min, max], colorOf: (v) => (typeof v === 'number' ? CHOROPLETH[2] : NO_DATA) };
  const classes = CHOROPLETH.length;
  const breaks = [min];
  for (let i = 1; i < classes; i++) breaks.push(sorted[Math.min(sorted.length - 1, Math.floor((i * sorted.length) / classes))]!);
  breaks.push(max);
  const colorOf = (v: number | null | undefined) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return NO_DATA;
    for (let i = classes - 1; i >= 0; i--) if (v >= breaks[i]!) return CHOROPLETH[i]!;
    return CHOROPLETH[0];
  };
  return { breaks, colorOf };
}

export interface PivotRow { key: string; indicatorCode: string; indicatorName: string; unitId: string; unitName: string; isTotal: boolean; values: (number | null)[] }

/** Rows = indicator × unit (the selected unit's total first), columns = periods. */
export function buildPivot(
  codes: string[], names: Map<string, string>, periods: string[],
  total: { result: AnalyticsResult | undefined; unitId: string; unitName: string },
  children: AnalyticsResult | undefined,
): PivotRow[] {
  const rows: PivotRow[] = [];
  const valueMap = (result: AnalyticsResult | undefined) => new Map((result?.rows ?? []).map((r) => [`${r.indicatorCode}|${r.unitId}|${r.periodId}`, r.value]));
  const totals = valueMap(total.result);
  const childValues = valueMap(children);
  for (const code of codes) {
    const name = names.get(code) ?? code;
    rows.push({ key: `${code}|total`, indicatorCode: code, indicatorName: name, unitId: total.unitId, unitName: total.unitName, isTotal: true,
      values: periods.map((p) => totals.get(`${code}|${total.unitId}|${p}`) ?? null) });
    for (const unit of children?.units ?? []) {
      rows.push({ key: `${code}|${unit.id}`, indicatorCode: code, indicatorName: name, unitId: unit.id, unitName: unit.name, isTotal: false,
        values: periods.map((p) => childValues.get(`${code}|${unit.id}|${p}`) ?? null) });
    }
  }
  return rows;
}

/** CSV with a BOM (Excel reads Vietnamese correctly), one row per indicator × unit, one column per period. */
export function pivotCsv(rows: PivotRow[], periods: string[], headers: { indicatorCode: string; indicator: string; unit: string }): string {
  const esc = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [[headers.indicatorCode, headers.indicator, headers.unit, ...periods].map(esc).join(',')];
  for (const row of rows) {
    lines.push([row.indicatorCode, row.indicatorName, row.unitName, ...row.values.map((v) => (v === null ? '' : String(v)))].map(esc).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function downloadText(text: string, filename: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
