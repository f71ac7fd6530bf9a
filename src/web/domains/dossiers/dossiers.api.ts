// Dossiers: query keys (under 'dossiers' and 'procedures', which the hub topic 'dossiers' invalidates), queries
// and mutations for monitoring (search, detail, metrics, overdue board, index 766) and the holiday calendar.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ListDossiersQuery, type DossierDetail, type DossierMetrics, type DossierMetricsQuery, type DossierPage, type Index766,
  type Index766Query, type OverdueBoard, type OverdueQuery,
} from '../../../shared/contracts/dossiers.js';
import type {
  ConnectorRunResult, CreateConnectorBody, DossierConnector, DossierImport, IngestMode, UpdateConnectorBody,
} from '../../../shared/contracts/dossier-ingest.js';
import type { HolidaysOfYear, ReplaceHolidaysBody } from '../../../shared/contracts/calendar.js';
import type {
  CreateProcedureBody, ListProceduresQuery, Procedure, ProcedureFields, UpdateProcedureBody,
} from '../../../shared/contracts/procedures.js';
import { api, apiRequest } from '../../api/client.js';

export type ListParams = Partial<ListDossiersQuery>;
export type MetricsParams = Partial<DossierMetricsQuery>;

export const dossierKeys = {
  all: ['dossiers'] as const,
  list: (params: ListParams) => ['dossiers', 'list', params] as const,
  detail: (id: number) => ['dossiers', 'detail', id] as const,
  metrics: (params: MetricsParams) => ['dossiers', 'metrics', params] as const,
  overdue: (params: Partial<OverdueQuery>) => ['dossiers', 'overdue', params] as const,
  index766: (params: Partial<Index766Query>) => ['dossiers', 'index-766', params] as const,
  // Holidays change due dates and days overdue: kept under 'dossiers' so the same hub topic refreshes them.
  holidays: (year: number) => ['dossiers', 'holidays', year] as const,
  import: (id: string) => ['dossiers', 'imports', id] as const,
  connectors: ['dossiers', 'connectors'] as const,
  procedures: ['procedures'] as const,
  procedureList: (params: Partial<ListProceduresQuery>) => ['procedures', 'list', params] as const,
  procedureFields: ['procedures', 'fields'] as const,
};

export type ProceduresPage = { items: Procedure[]; total: number };
type ProcedureListParams = Omit<Partial<ListProceduresQuery>, 'active'> & { active?: 'true' | 'false' };

/** The filter names the list endpoint knows; anything else in a URL (the drill-down label, wall …) is not sent. */
export const listFilterNames = Object.keys(ListDossiersQuery.shape) as (keyof ListDossiersQuery)[];

export const dossierListQuery = (params: ListParams) => queryOptions({
  queryKey: dossierKeys.list(params),
  queryFn: ({ signal }) => api.get<DossierPage>('/api/dossiers', params, signal),
  placeholderData: (previous) => previous,
});

export const dossierDetailQuery = (id: number) => queryOptions({
  queryKey: dossierKeys.detail(id),
  queryFn: ({ signal }) => api.get<DossierDetail>(`/api/dossiers/${id}`, undefined, signal),
  enabled: Number.isInteger(id) && id > 0,
});

export const dossierMetricsQuery = (params: MetricsParams, enabled = true) => queryOptions({
  queryKey: dossierKeys.metrics(params),
  queryFn: ({ signal }) => api.get<DossierMetrics>('/api/dossiers/metrics', params, signal),
  enabled,
  placeholderData: (previous) => previous,
});

/** The board's "days overdue" grows with the clock, not only with events: refetch every 5 minutes too. */
export const overdueBoardQuery = (params: Partial<OverdueQuery>) => queryOptions({
  queryKey: dossierKeys.overdue(params),
  queryFn: ({ signal }) => api.get<OverdueBoard>('/api/dossiers/overdue', params, signal),
  placeholderData: (previous) => previous,
  refetchInterval: 300_000,
});

export const index766Query = (params: Partial<Index766Query>, enabled = true) => queryOptions({
  queryKey: dossierKeys.index766(params),
  queryFn: ({ signal }) => api.get<Index766>('/api/dossiers/index-766', params, signal),
  enabled,
  placeholderData: (previous) => previous,
});

export const holidaysQuery = (year: number) => queryOptions({
  queryKey: dossierKeys.holidays(year),
  queryFn: ({ signal }) => api.get<HolidaysOfYear>('/api/calendar/holidays', { year }, signal),
});

export function useReplaceHolidays(year: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReplaceHolidaysBody) => apiRequest<HolidaysOfYear>(`/api/calendar/holidays/${year}`, { method: 'PUT', body }),
    onSuccess: (data) => {
      queryClient.setQueryData(dossierKeys.holidays(year), data);
      // Due dates and days overdue depend on the calendar.
      void queryClient.invalidateQueries({ queryKey: dossierKeys.all });
    },
  });
}

export const procedureListQuery = (params: ProcedureListParams) => queryOptions({
  queryKey: dossierKeys.procedureList(params as Partial<ListProceduresQuery>),
  queryFn: ({ signal }) => api.get<ProceduresPage>('/api/procedures', params, signal),
  placeholderData: (previous) => previous,
  staleTime: 60_000,
});

export const procedureFieldsQuery = () => queryOptions({
  queryKey: dossierKeys.procedureFields,
  queryFn: ({ signal }) => api.get<ProcedureFields>('/api/procedures/fields', undefined, signal),
  staleTime: 300_000,
});

export function useSaveProcedure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; body: UpdateProcedureBody } | { id: null; body: CreateProcedureBody }) =>
      (input.id ? api.patch<Procedure>(`/api/procedures/${input.id}`, input.body) : api.post<Procedure>('/api/procedures', input.body)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: dossierKeys.procedures });
      void queryClient.invalidateQueries({ queryKey: dossierKeys.all });
    },
  });
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ImportInput { file: File; source: string; mode: IngestMode; dryRun: boolean }

/** Upload a CSV/XLSX file as the raw body; the answer is the import record (running, or already done). */
export function useImportDossiers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, source, mode, dryRun }: ImportInput) => {
      const format = /\.xlsx$/i.test(file.name) ? 'xlsx' : 'csv';
      return apiRequest<DossierImport>('/api/dossiers/import', {
        method: 'POST', body: file, contentType: format === 'xlsx' ? XLSX_TYPE : 'text/csv',
        query: { source, mode, dryRun: dryRun ? 'true' : 'false', format, fileName: file.name },
      });
    },
    onSuccess: (result) => {
      queryClient.setQueryData(dossierKeys.import(result.id), result);
      if (!result.dryRun) void queryClient.invalidateQueries({ queryKey: dossierKeys.all });
    },
  });
}

/** An import's progress: polled each second while it runs (hub events 'dossier.import.progress' refresh it sooner). */
export const importQuery = (id: string | null) => queryOptions({
  queryKey: dossierKeys.import(id ?? ''),
  queryFn: ({ signal }) => api.get<DossierImport>(`/api/dossiers/imports/${encodeURIComponent(id ?? '')}`, undefined, signal),
  enabled: !!id,
  refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
});

/** The caller's recent imports (an admin sees everyone's), newest first; dry runs are not stored. */
export const recentImportsQuery = () => queryOptions({
  queryKey: ['dossiers', 'imports', 'recent'] as const,
  queryFn: ({ signal }) => api.get<{ items: DossierImport[] }>('/api/dossiers/imports', undefined, signal).then((answer) => answer.items),
});

export const connectorsQuery = () => queryOptions({
  queryKey: dossierKeys.connectors,
  queryFn: ({ signal }) => api.get<{ items: DossierConnector[] }>('/api/dossiers/connectors', undefined, signal).then((answer) => answer.items),
});

export function useSaveConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; body: UpdateConnectorBody } | { id: null; body: CreateConnectorBody }) =>
      (input.id ? api.patch<DossierConnector>(`/api/dossiers/connectors/${input.id}`, input.body) : api.post<DossierConnector>('/api/dossiers/connectors', input.body)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: dossierKeys.connectors }),
  });
}

export function useRunConnector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ConnectorRunResult>(`/api/dossiers/connectors/${id}/run`),
    // A run records its outcome (last run, last error) even when it fails.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: dossierKeys.all }),
  });
}
