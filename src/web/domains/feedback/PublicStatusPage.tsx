// The public status of a report by its tracking code: plain-Vietnamese state, deadline against the done date,
// the agency's answer, and the public history (internal notes never reach this page: the server leaves them out).
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { formatDateTime } from '../../app/format.js';
import { PageState } from '../../ui/PageState.js';
import { publicStatusQuery, useRateReport, useReopenReport } from './feedback.api.js';
import { FormError } from '../../ui/PageState.js';
import { PublicFrame } from './PublicReportPage.js';

export function PublicStatusPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [lookup, setLookup] = useState(code);
  const [search] = useSearchParams();
  const key = search.get('key');
  const status = useQuery(publicStatusQuery(code.toUpperCase(), key));
  const notFound = status.error instanceof ApiError && status.error.status === 404;
  const s = status.data;
  return (
    <PublicFrame>
      <h1>{t('fb.status.title')}</h1>
      <form className="fb-public-lookup" role="search" onSubmit={(e) => { e.preventDefault(); if (lookup.trim()) void navigate(`/phan-anh/tra-cuu/${encodeURIComponent(lookup.trim().toUpperCase())}`); }}>
        <label htmlFor="status-code">{t('fb.public.lookupLabel')}</label>
        <div className="fb-form-row">
          <input id="status-code" className="input" value={lookup} autoCapitalize="characters" onChange={(e) => setLookup(e.target.value)} />
          <button type="submit" className="button">{t('fb.public.lookup')}</button>
        </div>
      </form>
      {notFound ? <p className="state state-empty" role="alert">{t('fb.status.notFound')}</p> : (
        <PageState isLoading={status.isPending && code.length >= 4} error={status.error} onRetry={() => void status.refetch()}>
          {s && (
            <section className="card fb-status" aria-labelledby="status-code-title">
              <h2 id="status-code-title" className="fb-tracking-code">{s.trackingCode}</h2>
              <p className={`fb-status-label${s.isOpen ? '' : ' is-closed'}`} data-testid="status-label">{s.statusLabel}</p>
              <dl className="facts">
                <dt>{t('fb.status.category')}</dt><dd>{s.categoryName}</dd>
                <dt>{t('fb.status.received')}</dt><dd>{formatDateTime(s.createdAt, lang)}</dd>
                <dt>{t('fb.status.agency')}</dt><dd data-testid="status-agency">{s.agencyName ?? t('fb.status.noAgency')}</dd>
                <dt>{t('fb.status.deadline')}</dt><dd>{formatDateTime(s.resolveDueAt, lang)}</dd>
                <dt>{t('fb.status.done')}</dt><dd>{s.doneAt ? formatDateTime(s.doneAt, lang) : t('fb.status.notDone')}</dd>
              </dl>
              {s.isLate && <p className="note note-overdue" role="status">{s.doneAt ? t('fb.status.doneLate') : t('fb.status.late')}</p>}
              {s.publicAnswer && (
                <div className="fb-answer">
                  <h3>{t('fb.status.answer')}</h3>
                  <p className="fb-description">{s.publicAnswer}</p>
                </div>
              )}
              {s.photos.length > 0 && (
                <ul className="fb-photos" aria-label={t('fb.detail.photos')}>
                  {s.photos.map((p) => <li key={p.id}><img src={p.url} alt={t('fb.detail.photoAlt', { kind: t(`fb.detail.photoKind_${p.kind}`) })} loading="lazy" /></li>)}
                </ul>
              )}
              {s.supporterCount > 0 && <p className="hint">{t('fb.status.supporters', { n: s.supporterCount })}</p>}
              {key && s.reporterActions && <ReporterActions code={s.trackingCode} reporterKey={key} actions={s.reporterActions} />}
              <h3>{t('fb.status.history')}</h3>
              <ol className="fb-history">
                {[...s.history].reverse().map((h, i) => (
                  <li key={`${h.at}-${i}`}><span className="muted">{formatDateTime(h.at, lang)}</span> — <strong>{h.statusLabel}</strong>{h.text && <p className="fb-description">{h.text}</p>}</li>
                ))}
              </ol>
            </section>
          )}
        </PageState>
      )}
    </PublicFrame>
  );
}

/** The reporter (with the key of the tracking link) rates the result and may reopen it if it was not fixed. */
function ReporterActions({ code, reporterKey, actions }: { code: string; reporterKey: string; actions: NonNullable<import('../../../shared/contracts/feedback.js').PublicReportStatus['reporterActions']> }) {
  const { t, i18n } = useTranslation();
  const rate = useRateReport(code);
  const reopen = useReopenReport(code);
  const [score, setScore] = useState(actions.rating?.score ?? 0);
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  return (
    <div className="fb-reporter-actions">
      {actions.rating && <p role="status">{t('fb.status.rated', { score: actions.rating.score })}</p>}
      {actions.canRate && (
        <form className="fb-form" onSubmit={(e) => { e.preventDefault(); if (score) rate.mutate({ key: reporterKey, score, comment: comment.trim() || undefined }); }}>
          <fieldset className="fb-stars">
            <legend className="field-label">{t('fb.status.rate')}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className={`fb-star${score >= n ? ' is-on' : ''}`}>
                <input type="radio" name="score" value={n} checked={score === n} onChange={() => setScore(n)} />
                <span aria-hidden="true">★</span><span className="visually-hidden">{t('fb.status.stars', { n })}</span>
              </label>
            ))}
          </fieldset>
          <label htmlFor="rate-comment" className="field-label">{t('fb.status.comment')}</label>
          <textarea id="rate-comment" className="input" rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
          <button type="submit" className="button button-primary" disabled={!score || rate.isPending}>{t('fb.status.sendRating')}</button>
          <FormError error={rate.error} />
        </form>
      )}
      {actions.canReopen && (
        <form className="fb-form" onSubmit={(e) => { e.preventDefault(); if (reason.trim()) reopen.mutate({ key: reporterKey, reason: reason.trim() }); }}>
          <label htmlFor="reopen-reason" className="field-label">{t('fb.status.reopenLabel')}</label>
          <textarea id="reopen-reason" className="input" rows={2} required maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
          {actions.reopenUntil && <p className="hint">{t('fb.status.reopenUntil', { at: formatDateTime(actions.reopenUntil, i18n.language) })}</p>}
          <button type="submit" className="button" disabled={!reason.trim() || reopen.isPending}>{t('fb.status.reopen')}</button>
          <FormError error={reopen.error} />
        </form>
      )}
    </div>
  );
}
