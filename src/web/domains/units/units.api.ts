// Units: query keys, queries and mutations for the administrative tree with history.
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CreateUnitBody, EndUnitBody, ImportReport, ImportUnitsQuery, ListUnitsQuery, Successors, Unit, UnitDetail,
  UnitFeatureCollection, UnitTree, UpdateUnitBody,
} from '../../../shared/contracts/units.js';
import { api, apiRequest, ApiError } from '../../api/client.js';

export type UnitsPage = { items: Unit[]; total: number };
type ListParams = Partial<ListUnitsQuery>;

export const unitKeys = {
  all: ['units'] as const,
  list: (params: ListParams) => ['units', 'list', params] as const,
  tree: (asOf: string) => ['units', 'tree', asOf] as const,
  detail: (id: string) => ['units', 'detail', id] as const,
  successors: (id: string, asOf: string) => ['units', 'successors', id, asOf] as const,
  boundaries: (asOf: string, parentId: string | null) => ['units', 'boundaries', asOf, parentId] as const,
};

export const unitListQuery = (params: ListParams) => queryOptions({
  queryKey: unitKeys.list(params),
  queryFn: ({ signal }) => api.get<UnitsPage>('/api/units', params, signal),
  placeholderData: (previous) => previous,
});

export const unitTreeQuery = (asOf: string) => queryOptions({
  queryKey: unitKeys.tree(asOf),
  queryFn: ({ signal }) => api.get<UnitTree>('/api/units/tree', { asOf }, signal),
  staleTime: 60_000,
});

export const unitDetailQuery = (id: string) => queryOptions({
  queryKey: unitKeys.detail(id),
  queryFn: ({ signal }) => api.get<UnitDetail>(`/api/units/${encodeURIComponent(id)}`, undefined, signal),
  enabled: !!id,
  staleTime: 60_000,
});

export const unitSuccessorsQuery = (id: string, asOf: string) => queryOptions({
  queryKey: unitKeys.successors(id, asOf),
  queryFn: ({ signal }) => api.get<Successors>(`/api/units/${encodeURIComponent(id)}/successors`, { asOf }, signal),
  enabled: !!id,
});

export const unitBoundariesQuery = (asOf: string, parentId: string | null) => queryOptions({
  queryKey: unitKeys.boundaries(asOf, parentId),
  queryFn: ({ signal }) => api.get<UnitFeatureCollection>('/api/units/boundaries', { asOf, parentId }, signal),
  staleTime: 60_000,
  placeholderData: (previous) => previous,
});

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUnitBody) => api.post<Unit>('/api/units', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.all }),
  });
}

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUnitBody }) => api.patch<Unit>(`/api/units/${id}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.all }),
  });
}

export function useEndUnit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: EndUnitBody }) => api.post<Unit>(`/api/units/${id}/end`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: unitKeys.all }),
  });
}

export interface ImportUnitsInput {
  file: File;
  format: ImportUnitsQuery['format'];
  mode: ImportUnitsQuery['mode'];
  dryRun: boolean;
}

/** Resolves with the report, including when all-or-nothing rejected the file (422 with `report`). */
export function useImportUnits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, format, mode, dryRun }: ImportUnitsInput): Promise<{ report: ImportReport; rejected: boolean }> => {
      const contentType = format === 'csv' ? 'text/csv' : 'application/geo+json';
      try {
        const report = await apiRequest<ImportReport>('/api/units/import', {
          method: 'POST', query: { format, mode, dryRun }, body: await file.text(), contentType,
        });
        return { report, rejected: false };
      } catch (error) {
        const report = error instanceof ApiError ? (error.body?.report as ImportReport | undefined) : undefined;
        if (report) return { report, rejected: true };
        throw error;
      }
    },
    onSuccess: ({ report }) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: unitKeys.all });
    },
  });
}
