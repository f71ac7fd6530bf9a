// Loading, error and empty states in one place, so every view handles them the same way.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';

interface PageStateProps {
  isLoading: boolean;
  error?: unknown;
  isEmpty?: boolean;
  emptyText?: string;
  onRetry?: () => void;
  children: ReactNode;
}

export function PageState({ isLoading, error, isEmpty, emptyText, onRetry, children }: PageStateProps) {
  const { t } = useTranslation();
  if (isLoading) {
    return <p className="state state-loading" role="status"><span className="spinner" aria-hidden="true" />{t('state.loading')}</p>;
  }
  if (error) return <ErrorState error={error} onRetry={onRetry} />;
  if (isEmpty) return <p className="state state-empty">{emptyText ?? t('state.empty')}</p>;
  return <>{children}</>;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  let message: string = t('state.error');
  if (error instanceof ApiError) message = error.status === 0 ? t('state.network') : error.messageIn(i18n.language);
  return (
    <div className="state state-error" role="alert">
      <p>{message}</p>
      {onRetry && <button type="button" className="button" onClick={onRetry}>{t('state.retry')}</button>}
    </div>
  );
}

/** An error message under a form, with field errors when the server sent them. */
export function FormError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError
    ? (error.status === 0 ? t('state.network') : error.messageIn(i18n.language))
    : t('toast.failed');
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : [];
  return (
    <div className="form-error" role="alert">
      <p>{message}</p>
      {fieldErrors.length > 0 && (
        <ul>{fieldErrors.map((e) => <li key={`${e.path}:${e.message}`}><code>{e.path}</code>: {i18n.language.startsWith('vi') && e.messageVi ? e.messageVi : e.message}</li>)}</ul>
      )}
    </div>
  );
}
