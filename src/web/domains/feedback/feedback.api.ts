// Citizen feedback (hotline 1022): query keys (under 'feedback', which the hub topic 'feedback' invalidates),
// queries and mutations of the inbox, a report's handling, the figures, and the public page (no sign-in).
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  CallerHistory, FeedbackDashboard, FeedbackDashboardQuery, FeedbackMapPoints, FeedbackMapQuery, FeedbackMapView, PublicPlaces, SlaBoard, SlaBoardQuery,
} from '../../../shared/contracts/feedback-stats.js';
import type {
  AssignReportBody, ChangeCategoryBody, CreateReportBody, ListReportsQuery, PublicCreateReportBody, PublicReportCreated, PublicReportStatus,
  ReportCategory, ReportDetail, ReportNoteBody, ReportPage, TransitionReportBody,
} from '../../../shared/contracts/feedback.js';
import type {
  CannedAnswerList, DraftDuplicatesBody, DuplicateCandidates, PublicDuplicateCandidates, PublicSupportBody, RenderedAnswer, SupportReportBody, SupportResult,
} from '../../../shared/contracts/feedback-handling.js';
import type { RedactPhotoBody } from '../../../shared/contracts/feedback-handling.js';
import type { ReportPhoto } from '../../../shared/contracts/feedback.js';
import { api, ApiError, apiRequest, type ProblemBody } from '../../api/client.js';

// state and urgency travel as comma-separated lists (state=new,triaged), as the query string carries them.
export type InboxParams = Omit<Partial<ListReportsQuery>, 'state' | 'urgency'> & { state?: string; urgency?: string };

export const feedbackKeys = {
  all: ['feedback'] as const,
  categories: ['feedback', 'categories'] as const,
  list: (params: InboxParams) => ['feedback', 'list', params] as const,
  detail: (id: string) => ['feedback', 'detail', id] as const,
  dashboard: (params: Partial<FeedbackDashboardQuery>) => ['feedback', 'dashboard', params] as const,
  sla: (params: Partial<SlaBoardQuery>) => ['feedback', 'sla', params] as const,
  map: (params: Partial<FeedbackMapQuery>) => ['feedback', 'map', params] as const,
  caller: (phone: string) => ['feedback', 'caller', phone] as const,
  canned: (categoryCode: string) => ['feedback', 'canned', categoryCode] as const,
  duplicates: (id: string) => ['feedback', 'duplicates', id] as const,
};

/** Not under 'feedback': the public page has no hub and its answers do not change with staff events. */
export const publicKeys = {
  categories: ['public-feedback', 'categories'] as const,
  places: ['public-feedback', 'places'] as const,
  status: (code: string, key: string | null) => ['public-feedback', 'status', code, key] as const,
};

export const categoriesQuery = () => queryOptions({
  queryKey: feedbackKeys.categories,
  queryFn: ({ signal }) => api.get<{ items: ReportCategory[] }>('/api/feedback/categories', undefined, signal).then((a) => a.items),
  staleTime: 300_000,
});

export const inboxQuery = (params: InboxParams) => queryOptions({
  queryKey: feedbackKeys.list(params),
  queryFn: ({ signal }) => api.get<ReportPage>('/api/feedback', params, signal),
  placeholderData: (previous) => previous,
});

export const reportQuery = (id: string) => queryOptions({
  queryKey: feedbackKeys.detail(id),
  queryFn: ({ signal }) => api.get<ReportDetail>(`/api/feedback/${encodeURIComponent(id)}`, undefined, signal),
  enabled: !!id,
});

export const dashboardQuery = (params: Partial<FeedbackDashboardQuery>) => queryOptions({
  queryKey: feedbackKeys.dashboard(params),
  queryFn: ({ signal }) => api.get<FeedbackDashboard>('/api/feedback/stats/dashboard', params, signal),
  placeholderData: (previous) => previous,
});

/** Time left shrinks with the clock, not only with events: refetch each minute too. */
export const slaBoardQuery = (params: Partial<SlaBoardQuery>) => queryOptions({
  queryKey: feedbackKeys.sla(params),
  queryFn: ({ signal }) => api.get<SlaBoard>('/api/feedback/stats/sla', params, signal),
  placeholderData: (previous) => previous,
  refetchInterval: 60_000,
});

export const mapPointsQuery = (params: Partial<FeedbackMapQuery>) => queryOptions({
  queryKey: feedbackKeys.map(params),
  queryFn: ({ signal }) => api.get<FeedbackMapPoints>('/api/feedback/stats/map', params, signal),
  placeholderData: (previous) => previous,
});

/** One viewport of the reports map, clustered by the server (FeedbackMapView); the previous viewport stays drawn while the next loads. */
export const mapViewQuery = (params: Partial<FeedbackMapQuery> & { bbox: string; zoom: number }) => queryOptions({
  queryKey: feedbackKeys.map(params),
  queryFn: ({ signal }) => api.get<FeedbackMapView>('/api/feedback/stats/map', params, signal),
  placeholderData: (previous) => previous,
});

export const callerQuery = (phone: string) => queryOptions({
  queryKey: feedbackKeys.caller(phone),
  queryFn: ({ signal }) => api.get<CallerHistory>('/api/feedback/stats/callers', { phone }, signal),
  enabled: phone.replace(/\D/g, '').length >= 6,
  placeholderData: (previous) => previous,
});

/** Every change answers the report as it is now: keep it, and refresh the lists and figures. */
function useReportChange<T>(path: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: T) => api.post<ReportDetail>(`/api/feedback/${encodeURIComponent(id)}/${path}`, body),
    onSuccess: (report) => {
      queryClient.setQueryData(feedbackKeys.detail(id), report);
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.all });
    },
  });
}

export const useTransitionReport = (id: string) => useReportChange<TransitionReportBody>('transition', id);
export const useAssignReport = (id: string) => useReportChange<AssignReportBody>('assign', id);
export const useReturnReport = (id: string) => useReportChange<{ reason: string }>('return', id);
export const useAddNote = (id: string) => useReportChange<ReportNoteBody>('notes', id);
export const useAnswerReport = (id: string) => useReportChange<{ text: string }>('answer', id);
/** An operator's correction of the category; the classifier learns from it (classifier.service.ts). */
export const useChangeCategory = (id: string) => useReportChange<ChangeCategoryBody>('category', id);

export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<CreateReportBody>) => api.post<ReportDetail>('/api/feedback', body),
    onSuccess: (report) => {
      queryClient.setQueryData(feedbackKeys.detail(report.id), report);
      void queryClient.invalidateQueries({ queryKey: feedbackKeys.all });
    },
  });
}

// ── the public page ─────────────────────────────────────────────────────────────────────────────────
export const publicCategoriesQuery = () => queryOptions({
  queryKey: publicKeys.categories,
  queryFn: ({ signal }) => api.get<{ items: ReportCategory[] }>('/api/public/reports/categories', undefined, signal).then((a) => a.items),
  staleTime: 300_000,
});

export const publicPlacesQuery = () => queryOptions({
  queryKey: publicKeys.places,
  queryFn: ({ signal }) => api.get<PublicPlaces>('/api/public/feedback/places', undefined, signal),
  staleTime: 3_600_000,
});

/** With the reporter's key (from the tracking link) the answer also says whether the reporter may rate or reopen. */
export const publicStatusQuery = (code: string, key: string | null) => queryOptions({
  queryKey: publicKeys.status(code, key),
  queryFn: ({ signal }) => api.get<PublicReportStatus>(`/api/public/reports/${encodeURIComponent(code)}`, { key }, signal),
  enabled: code.length >= 4,
  retry: false,
});

/** JSON without photos; with photos multipart/form-data: the JSON body in the field "data", the photos as files. */
async function postWithPhotos<T>(path: string, body: unknown, photos: File[]): Promise<T> {
  if (photos.length === 0) return api.post<T>(path, body);
  const form = new FormData();
  form.append('data', JSON.stringify(body));
  for (const photo of photos) form.append('photos', photo, photo.name);
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', body: form, credentials: 'include', headers: { Accept: 'application/json, application/problem+json' } });
  } catch {
    throw new ApiError(0, null);
  }
  const parsed = await response.json().catch(() => null) as unknown;
  if (!response.ok) throw new ApiError(response.status, parsed && typeof parsed === 'object' && 'status' in parsed ? parsed as ProblemBody : null);
  return parsed as T;
}

export function useSubmitPublicReport() {
  return useMutation({
    mutationFn: ({ body, photos }: { body: PublicCreateReportBody; photos: File[] }) => postWithPhotos<PublicReportCreated>('/api/public/reports', body, photos),
  });
}

/** "Is it one of these?" before submitting: open reports of the category nearby (anonymised). */
export const publicDuplicatesQuery = (body: DraftDuplicatesBody | null) => queryOptions({
  queryKey: ['public-feedback', 'duplicates', body] as const,
  queryFn: () => api.post<PublicDuplicateCandidates>('/api/public/reports/duplicates', body),
  enabled: !!body,
  staleTime: 60_000,
});

export function usePublicSupport() {
  return useMutation({
    mutationFn: ({ code, body }: { code: string; body: PublicSupportBody }) => api.post<SupportResult>(`/api/public/reports/${encodeURIComponent(code)}/supporters`, body),
  });
}

export function useRateReport(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { key: string; score: number; comment?: string | undefined }) => api.post<PublicReportStatus>(`/api/public/reports/${encodeURIComponent(code)}/rating`, body),
    onSuccess: (status, body) => queryClient.setQueryData(publicKeys.status(code, body.key), status),
  });
}

export function useReopenReport(code: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { key: string; reason: string }) => api.post<PublicReportStatus>(`/api/public/reports/${encodeURIComponent(code)}/reopen`, body),
    onSuccess: (status, body) => queryClient.setQueryData(publicKeys.status(code, body.key), status),
  });
}

// ── handling (H2's endpoints): canned answers, duplicates and merge, a caller attached to a report ──
export const cannedAnswersQuery = (categoryCode: string) => queryOptions({
  queryKey: feedbackKeys.canned(categoryCode),
  queryFn: ({ signal }) => api.get<CannedAnswerList>('/api/feedback/canned-answers', { categoryCode }, signal).then((a) => a.items),
  staleTime: 60_000,
});

export const renderCannedAnswer = (reportId: string, cannedAnswerId: string) =>
  api.post<RenderedAnswer>(`/api/feedback/${encodeURIComponent(reportId)}/render-answer`, { cannedAnswerId });

export const duplicatesQuery = (id: string, enabled: boolean) => queryOptions({
  queryKey: feedbackKeys.duplicates(id),
  queryFn: ({ signal }) => api.get<DuplicateCandidates>(`/api/feedback/${encodeURIComponent(id)}/duplicates`, undefined, signal).then((a) => a.items),
  enabled,
});

export const useMergeReport = (id: string) => useReportChange<{ intoId: string; reason?: string | undefined }>('merge', id);

export const staffDuplicatesQuery = (body: DraftDuplicatesBody | null) => queryOptions({
  queryKey: ['feedback', 'draft-duplicates', body] as const,
  queryFn: () => api.post<DuplicateCandidates>('/api/feedback/duplicates', body).then((a) => a.items),
  enabled: !!body,
  staleTime: 30_000,
});

export function useSupportReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: Partial<SupportReportBody> }) => apiRequest<SupportResult>(`/api/feedback/${encodeURIComponent(id)}/supporters`, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: feedbackKeys.all }),
  });
}

/** A moderator hides a photo (no regions: the whole of it) or regions of it from the public copy. */
export function useRedactPhoto(reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ photoId, ...body }: RedactPhotoBody & { photoId: string }) =>
      api.post<{ items: ReportPhoto[] }>(`/api/feedback/${encodeURIComponent(reportId)}/photos/${encodeURIComponent(photoId)}/redact`, body),
    onSuccess: () => { void queryClient.invalidateQueries({ queryKey: feedbackKeys.detail(reportId) }); },
  });
}
