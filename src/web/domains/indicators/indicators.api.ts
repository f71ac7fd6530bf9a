// Indicators: query keys (under 'indicators', 'forms' and 'analytics', which the hub invalidates),
// queries and mutations for the catalogue, report entry, workflow, completeness and analytics.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  AnalyticsResult, Completeness, DataQuality, Dimension, Entry, Form, FormSummary, Indicator, Progress, ReportList, SaveEntryBody, SaveEntryResult, Submission,
  ValidationRule,
} from '../../../shared/contracts/indicators.js';
import type { Unit } from '../../../shared/contracts/units.js';
import { api, apiRequest, withQuery } from '../../api/client.js';

export type WorkflowAction = 'submit' | 'return' | 'approve' | 'lock' | 'reopen';
export type ValueHistory = { at: string; actorName: string; oldValue: number | null; newValue: number | null; comment: string | null; source: string }[];
export interface StaleConflict {
  rowCode: string; optionKey: string; yourVersion: number; currentVersion: number; currentValue: number | null; updatedBy: string | null; updatedAt: string | null;
}

export interface AnalyticsParams {
  indicators: string[];
  unitIds?: string[];
  childrenOf?: string;
  periodType?: 'monthly' | 'quarterly' | 'yearly';
  from?: string;
  to?: string;
  relative?: 'LAST_12_MONTHS' | 'THIS_YEAR' | 'YEAR_TO_DATE' | 'LAST_5_YEARS';
  asOf?: string;
}

export function analyticsQueryString(params: AnalyticsParams, format: 'json' | 'csv' = 'json'): Record<string, string | undefined> {
  return {
    indicators: params.indicators.join(','),
    unitIds: params.unitIds?.join(','),
    childrenOf: params.childrenOf,
    periodType: params.periodType,
    from: params.from,
    to: params.to,
    relative: params.relative,
    asOf: params.asOf,
    format: format === 'csv' ? 'csv' : undefined,
  };
}

export function analyticsCsvUrl(params: AnalyticsParams): string {
  return withQuery('/api/analytics', analyticsQueryString(params, 'csv'));
}

const enc = encodeURIComponent;

export const indicatorKeys = {
  list: (q: string, sector: string) => ['indicators', 'list', q, sector] as const,
  dimensions: ['indicators', 'dimensions'] as const,
  rules: ['indicators', 'rules'] as const,
  progress: (unitId: string, period: string) => ['indicators', 'progress', unitId, period] as const,
  history: (p: Record<string, string>) => ['indicators', 'history', p] as const,
  forms: ['forms', 'list'] as const,
  form: (code: string) => ['forms', 'detail', code] as const,
  entry: (code: string, unitId: string, period: string) => ['forms', 'entry', code, unitId, period] as const,
  completeness: (code: string, period: string) => ['forms', 'completeness', code, period] as const,
  inbox: ['forms', 'reports', 'awaiting-me'] as const,
  quality: (code: string, period: string) => ['forms', 'quality', code, period] as const,
  analytics: (params: AnalyticsParams) => ['analytics', params] as const,
  allUnits: ['units', 'all-with-ended'] as const,
};

export const indicatorListQuery = (q: string, sector: string) => queryOptions({
  queryKey: indicatorKeys.list(q, sector),
  queryFn: ({ signal }) => api.get<Indicator[]>('/api/indicators', { q: q || undefined, sector: sector || undefined }, signal),
  placeholderData: (previous) => previous,
});

export const dimensionsQuery = () => queryOptions({
  queryKey: indicatorKeys.dimensions,
  queryFn: ({ signal }) => api.get<Dimension[]>('/api/dimensions', undefined, signal),
  staleTime: 300_000,
});

export const validationRulesQuery = () => queryOptions({
  queryKey: indicatorKeys.rules,
  queryFn: ({ signal }) => api.get<ValidationRule[]>('/api/validation-rules', undefined, signal),
});

export const progressQuery = (unitId: string, period: string) => queryOptions({
  queryKey: indicatorKeys.progress(unitId, period),
  queryFn: ({ signal }) => api.get<Progress>('/api/indicators/progress', { unitId, period }, signal),
  enabled: !!unitId,
  placeholderData: (previous) => previous,
});

export const formsQuery = () => queryOptions({
  queryKey: indicatorKeys.forms,
  queryFn: ({ signal }) => api.get<FormSummary[]>('/api/forms', undefined, signal),
  staleTime: 60_000,
});

export const formQuery = (code: string) => queryOptions({
  queryKey: indicatorKeys.form(code),
  queryFn: ({ signal }) => api.get<Form>(`/api/forms/${enc(code)}`, undefined, signal),
  enabled: !!code,
  staleTime: 60_000,
});

export const entryQuery = (code: string, unitId: string, period: string) => queryOptions({
  queryKey: indicatorKeys.entry(code, unitId, period),
  queryFn: ({ signal }) => api.get<Entry>(`/api/forms/${enc(code)}/entry`, { unitId, period }, signal),
  enabled: !!code && !!unitId && !!period,
});

export const completenessQuery = (code: string, period: string) => queryOptions({
  queryKey: indicatorKeys.completeness(code, period),
  queryFn: ({ signal }) => api.get<Completeness>(`/api/forms/${enc(code)}/completeness`, { period }, signal),
  enabled: !!code && !!period,
});

export const qualityQuery = (code: string, period: string) => queryOptions({
  queryKey: indicatorKeys.quality(code, period),
  queryFn: ({ signal }) => api.get<DataQuality>(`/api/forms/${enc(code)}/quality`, { period }, signal),
  enabled: !!code && !!period,
});

/** Submitted reports the signed-in approver may decide on, every form and period. */
export const approvalsInboxQuery = () => queryOptions({
  queryKey: indicatorKeys.inbox,
  queryFn: ({ signal }) => api.get<ReportList>('/api/reports', { state: 'submitted', awaitingMe: 'true' }, signal),
});

export const valueHistoryQuery = (p: { indicatorCode: string; unitId: string; period: string; optionKey: string; periodType: string }) => queryOptions({
  queryKey: indicatorKeys.history(p),
  queryFn: ({ signal }) => api.get<ValueHistory>('/api/values/history', p, signal),
});

export const analyticsQuery = (params: AnalyticsParams, enabled = true) => queryOptions({
  queryKey: indicatorKeys.analytics(params),
  queryFn: ({ signal }) => api.get<AnalyticsResult>('/api/analytics', analyticsQueryString(params), signal),
  enabled: enabled && params.indicators.length > 0 && (!!params.childrenOf || (params.unitIds?.length ?? 0) > 0),
  placeholderData: (previous) => previous,
});

/** Every unit, ended ones included, for naming the units a form is assigned to. */
export const allUnitsQuery = () => queryOptions({
  queryKey: indicatorKeys.allUnits,
  queryFn: ({ signal }) => api.get<{ items: Unit[]; total: number }>('/api/units', { includeEnded: true, limit: 5000 }, signal),
  staleTime: 300_000,
});

/** Autosave: no toast here, the grid shows the state per cell (and conflicts) itself. */
export function saveEntry(code: string, unitId: string, period: string, body: SaveEntryBody): Promise<SaveEntryResult> {
  return apiRequest<SaveEntryResult>(`/api/forms/${enc(code)}/entry`, { method: 'PUT', query: { unitId, period }, body });
}

export function useWorkflow(code: string, unitId: string, period: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, reason }: { action: WorkflowAction; reason?: string }) =>
      api.post<Submission>(`/api/forms/${enc(code)}/reports/${enc(unitId)}/${enc(period)}/${action}`, reason ? { reason } : {}),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['forms'] });
      void queryClient.invalidateQueries({ queryKey: ['indicators'] });
    },
  });
}

export type ExcelImportMode = 'all-or-nothing' | 'save-valid';
export interface ExcelCellProblem { sheetRow: number; rowCode: string | null; optionKey: string | null; cell: string; message: string; messageVi: string }
export interface ExcelImportResult { saved: number; rejected: number; errors: ExcelCellProblem[] }
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The report's Excel template (a plain download: the session cookie goes with it). */
export function excelTemplateUrl(code: string, unitId: string, period: string): string {
  return withQuery(`/api/forms/${enc(code)}/excel`, { unitId, period });
}

/** Upload a filled template; the file's bytes are the raw body. A refusal is a 422 'import-failed' carrying `report`. */
export function importExcel(code: string, unitId: string, period: string, file: Blob, mode: ExcelImportMode): Promise<ExcelImportResult> {
  return apiRequest<ExcelImportResult>(`/api/forms/${enc(code)}/excel`, { method: 'POST', query: { unitId, period, mode }, body: file, contentType: XLSX_TYPE });
}

export interface TargetBody { indicatorCode: string; unitId: string; year: number; annual: number }

export function useSetTarget() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TargetBody) => apiRequest<unknown>('/api/targets', { method: 'PUT', body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['indicators'] });
      void queryClient.invalidateQueries({ queryKey: ['analytics'] });
    },
  });
}
