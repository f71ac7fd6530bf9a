// Typed fetch for the IOC API: cookie session, CSRF header on writes, problem+json parsed into ApiError.
import type { Problem } from '../../shared/contracts/common.js';

let csrfToken: string | null = null;

/** The auth provider calls this whenever the session changes. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type ProblemBody = Problem & Record<string, unknown>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly fieldErrors: { path: string; message: string; messageVi?: string }[];
  readonly body: ProblemBody | null;

  constructor(status: number, problem: ProblemBody | null) {
    super(problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem?.code ?? (status === 0 ? 'network' : 'internal');
    this.title = problem?.title ?? '';
    this.detail = problem?.detail ?? '';
    this.fieldErrors = (problem?.errors ?? []) as { path: string; message: string; messageVi?: string }[];
    this.body = problem;
  }

  /** The problem in the user's language: Vietnamese `detail`, English `title`. */
  messageIn(language: string): string {
    const text = language.startsWith('vi') ? this.detail || this.title : this.title || this.detail;
    return text || `HTTP ${this.status}`;
  }
}

/** A message for any error in the user's language (ApiError or otherwise). */
export function errorMessage(error: unknown, language: string, fallback: string): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return fallback;
    return error.messageIn(language);
  }
  return fallback;
}

type QueryValue = string | number | boolean | null | undefined;

export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Record<string, QueryValue>;
  /** JSON-serialised unless it is a string/Blob, which is sent raw with `contentType`. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === 'string' || options.body instanceof Blob) {
      body = options.body;
      headers['Content-Type'] = options.contentType ?? 'text/plain';
    } else {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method, headers, body, credentials: 'include', signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try { parsed = JSON.parse(text); } catch { parsed = null; }
  }
  if (!response.ok) throw new ApiError(response.status, isProblem(parsed) ? parsed : null);
  return parsed as T;
}

function isProblem(value: unknown): value is ProblemBody {
  return typeof value === 'object' && value !== null && 'status' in value && ('title' in value || 'detail' in value);
}

export const api = {
  get: <T>(path: string, query?: RequestOptions['query'], signal?: AbortSignal) =>
    apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: RequestOptions['query']) =>
    apiRequest<T>(path, { method: 'POST', body: body ?? {}, query }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
};
