// One report: what the citizen wrote (always as text), the place, the reporter (staff only), the SLA deadlines
// with time left, the timeline (states, assignments, notes, answers), and the actions its state allows (states.ts
// on the server answers allowedTransitions for this user).
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { urgencies, type ReportDetail, type ReportEvent, type ReportPage, type ReportState, type Urgency } from '../../../shared/contracts/feedback.js';
import { api, ApiError, errorMessage } from '../../api/client.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatDateTime } from '../../app/format.js';
import { FormError, PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { agencyListQuery } from '../agencies/agencies.api.js';
import {
  cannedAnswersQuery, duplicatesQuery, renderCannedAnswer, reportQuery, useAddNote, useAnswerReport, useAssignReport, useChangeCategory, categoriesQuery, useMergeReport,
  useTransitionReport,
} from './feedback.api.js';
import { isClosedState, StateBadge, timeLeftText, UrgencyBadge } from './feedback-format.js';
import { RedactionEditor } from './RedactionEditor.js';

const needsReason: ReadonlySet<ReportState> = new Set(['rejected', 'closed_not_fixed', 'not_our_responsibility', 'cancelled']);

export function ReportDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const query = useQuery(reportQuery(id));
  const back = (location.state as { back?: string } | null)?.back ?? '/feedback';
  const notFound = query.error instanceof ApiError && query.error.status === 404;
  return (
    <section aria-labelledby="page-title" className="fb-detail">
      <p className="back-link"><Link to={back}>← {t('fb.detail.back')}</Link></p>
      {notFound ? (
        <>
          <h1 id="page-title">{t('fb.detail.notFoundTitle')}</h1>
          <p className="state state-empty" role="alert">{t('fb.detail.notFound')}</p>
        </>
      ) : (
        <PageState isLoading={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
          {query.data && <ReportView report={query.data} />}
        </PageState>
      )}
    </section>
  );
}

function ReportView({ report: r }: { report: ReportDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const session = useSession();
  const canHandle = hasPermission(session, 'feedback:handle');
  const now = Date.now();
  const attributes = Object.entries(r.attributes);
  return (
    <>
      <header className="page-header">
        <div>
          <h1 id="page-title">{t('fb.detail.title', { code: r.trackingCode })}</h1>
          <p className="fb-subtitle">
            <StateBadge state={r.state} /> <UrgencyBadge urgency={r.urgency} /> <span className="muted">{t(`fb.channel.${r.channel}`)} · {r.categoryName}</span>
          </p>
        </div>
      </header>
      {r.isOverdue && <p className="note note-overdue fb-overdue-note" role="alert">{t('fb.detail.overdue')}</p>}
      <div className="detail-grid">
        <div className="fb-column">
          <section className="card" aria-labelledby="what-title">
            <h2 id="what-title">{t('fb.detail.what')}</h2>
            {/* The citizen's words, as text: React escapes them; white space kept. */}
            <p className="fb-description" data-testid="report-description">{r.description}</p>
            <dl className="facts">
              <dt>{t('fb.detail.place')}</dt>
              <dd>{[r.unitName, r.address].filter(Boolean).join(' · ') || '—'}{r.location && <span className="muted"> ({r.location.lat.toFixed(5)}, {r.location.lon.toFixed(5)})</span>}</dd>
              <dt>{t('fb.detail.received')}</dt><dd>{formatDateTime(r.createdAt, lang)}</dd>
              <dt>{t('fb.col.agency')}</dt><dd data-testid="report-agency">{r.agencyName ?? t('fb.operatorQueue')}</dd>
              {attributes.map(([k, v]) => <Fragment2 key={k} label={k} value={Array.isArray(v) ? v.join(', ') : String(v)} />)}
              {r.duplicateOfId && (<><dt>{t('fb.detail.duplicateOf')}</dt><dd><Link to={`/feedback/reports/${r.duplicateOfId}`}>{t('fb.detail.openOriginal')}</Link></dd></>)}
              {r.supporterCount > 0 && (<><dt>{t('fb.detail.supporters')}</dt><dd>{r.supporters.map((x) => [x.name, x.phone, x.sourceTrackingCode].filter(Boolean).join(' · ') || t(`fb.channel.${x.channel}`, { defaultValue: x.channel })).join('; ') || r.supporterCount}</dd></>)}
              {r.rating && (<><dt>{t('fb.detail.rating')}</dt><dd>{r.rating.score}/5{r.rating.comment ? ` — ${r.rating.comment}` : ''}</dd></>)}
            </dl>
            {r.photos.length > 0 && (
              <ul className="fb-photos" aria-label={t('fb.detail.photos')}>
                {r.photos.map((p) => (
                  <li key={p.id}><a href={p.url} target="_blank" rel="noreferrer"><img src={p.url} alt={t('fb.detail.photoAlt', { kind: t(`fb.detail.photoKind_${p.kind}`) })} loading="lazy" /></a>
                    {p.redacted && <span className="badge fb-internal">{t('fb.detail.redacted')}</span>}
                    {canHandle && <RedactionEditor reportId={r.id} photo={p} />}</li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="reporter-title">
            <h2 id="reporter-title">{t('fb.detail.reporter')}</h2>
            <p className="hint">{t('fb.detail.reporterPrivate')}</p>
            <dl className="facts">
              <dt>{t('fb.call.name')}</dt><dd>{r.reporter.name ?? '—'}</dd>
              <dt>{t('fb.call.phone')}</dt><dd>{r.reporter.phone ?? '—'}</dd>
              <dt>{t('fb.detail.email')}</dt><dd>{r.reporter.email ?? '—'}</dd>
            </dl>
          </section>
          <section className="card" aria-labelledby="sla-title">
            <h2 id="sla-title">{t('fb.detail.sla')}</h2>
            <dl className="facts" data-testid="report-sla">
              <dt>{t('fb.detail.acceptDue')}</dt>
              <dd>{formatDateTime(r.acceptDueAt, lang)} — {r.acceptedAt
                ? t('fb.detail.doneAt', { at: formatDateTime(r.acceptedAt, lang) })
                : r.closedAt ? '—' : timeLeftText(r.acceptDueAt, now, t, lang)}</dd>
              <dt>{t('fb.detail.resolveDue')}</dt>
              <dd>{formatDateTime(r.resolveDueAt, lang)} — {r.resolvedAt
                ? t('fb.detail.doneAt', { at: formatDateTime(r.resolvedAt, lang) })
                : r.closedAt ? t('fb.detail.closedAt', { at: formatDateTime(r.closedAt, lang) }) : timeLeftText(r.resolveDueAt, now, t, lang)}</dd>
            </dl>
            <p className="hint">{t('fb.detail.slaHint')}</p>
          </section>
          {r.publicAnswer && (
            <section className="card" aria-labelledby="answer-title">
              <h2 id="answer-title">{t('fb.detail.publicAnswer')}</h2>
              <p className="fb-description">{r.publicAnswer}</p>
            </section>
          )}
        </div>
        <div className="fb-column">
          {canHandle && <Actions report={r} />}
          {canHandle && session.user.role !== 'agency_officer' && !isClosedState(r.state) && <Duplicates report={r} />}
          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('fb.detail.timeline')}</h2>
            <Timeline events={r.events} />
          </section>
        </div>
      </div>
    </>
  );
}

function Fragment2({ label, value }: { label: string; value: string }) {
  return <><dt>{label}</dt><dd>{value}</dd></>;
}

function Timeline({ events }: { events: ReportEvent[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (events.length === 0) return <p className="state state-empty">{t('fb.detail.noEvents')}</p>;
  return (
    <ol className="timeline" data-testid="report-timeline">
      {[...events].reverse().map((e, i) => (
        <li key={`${e.at}-${i}`} className={`timeline-step fb-event fb-event-${e.kind}${e.isPublic ? '' : ' is-internal'}`}>
          <span className="timeline-dot" aria-hidden="true" />
          <div className="timeline-body">
            <p className="timeline-head">
              <strong>{t(`fb.event.${e.kind}`, { defaultValue: e.kind })}</strong>
              {e.toState && e.kind !== 'note' && e.kind !== 'answer' && <StateBadge state={e.toState} />}
              <span className="muted">{formatDateTime(e.at, lang)} · {e.actorName}</span>
              {!e.isPublic && <span className="badge fb-internal">{t('fb.detail.internal')}</span>}
            </p>
            {e.agencyName && (e.kind === 'assigned' || e.kind === 'returned') && <p>{t('fb.detail.agencyOf', { name: e.agencyName })}</p>}
            {e.text && <p className="fb-event-text">{e.text}</p>}
          </div>
        </li>
      ))}
    </ol>
  );
}

function Actions({ report: r }: { report: ReportDetail }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const session = useSession();
  const isOperator = session.user.role !== 'agency_officer';
  const transition = useTransitionReport(r.id);
  const merge = useMergeReport(r.id);
  const canned = useQuery(cannedAnswersQuery(r.categoryCode));
  const assign = useAssignReport(r.id);
  const changeCategory = useChangeCategory(r.id);
  const categories = useQuery({ ...categoriesQuery(), enabled: isOperator });
  const [categoryCode, setCategoryCode] = useState('');
  const [categoryReason, setCategoryReason] = useState('');
  const [reroute, setReroute] = useState(true);
  const note = useAddNote(r.id);
  const answer = useAnswerReport(r.id);
  const agencies = useQuery({ ...agencyListQuery({}), enabled: isOperator });
  const [target, setTarget] = useState<ReportState | ''>('');
  const [reason, setReason] = useState('');
  const [original, setOriginal] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [urgency, setUrgency] = useState<Urgency>(r.urgency);
  const [noteText, setNoteText] = useState('');
  const [notePublic, setNotePublic] = useState(false);
  const [answerText, setAnswerText] = useState(r.publicAnswer ?? '');
  const [mergeError, setMergeError] = useState<string | null>(null);
  const done = (message: string) => () => toast.show(message);
  const failed = (error: unknown) => toast.show(errorMessage(error, i18n.language, t('toast.failed')), 'error');

  const onTransition = async (e: FormEvent) => {
    e.preventDefault();
    if (!target) return;
    setMergeError(null);
    const after = { onSuccess: () => { setTarget(''); setReason(''); setOriginal(''); toast.show(t('fb.actions.moved')); }, onError: failed };
    if (target === 'duplicate') {
      // Merge: the operator names the original by its tracking code; its reporter then follows the original.
      const found = await api.get<ReportPage>('/api/feedback', { q: original.trim(), limit: 1 }).catch(() => null);
      const hit = found?.items.find((x) => x.trackingCode === original.trim().toUpperCase());
      if (!hit) { setMergeError(t('fb.actions.originalMissing')); return; }
      merge.mutate({ intoId: hit.id, reason: reason.trim() || undefined }, after);
      return;
    }
    transition.mutate({ to: target, reason: reason.trim() || undefined }, {
      onSuccess: () => { setTarget(''); setReason(''); setOriginal(''); toast.show(t('fb.actions.moved')); },
      onError: failed,
    });
  };

  return (
    <section className="card fb-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('fb.actions.title')}</h2>
      {isOperator && (r.allowedTransitions.includes('assigned') || r.state === 'assigned') ? (
        <form className="fb-form" aria-labelledby="assign-title" onSubmit={(e) => {
          e.preventDefault();
          if (!agencyId) return;
          assign.mutate({ agencyId, urgency: urgency === r.urgency ? undefined : urgency }, { onSuccess: done(t('fb.actions.assigned')), onError: failed });
        }}>
          <h3 id="assign-title">{t('fb.actions.assign')}</h3>
          <div className="fb-form-row">
            <div className="field">
              <label htmlFor="fb-assign-agency">{t('fb.col.agency')}</label>
              <select id="fb-assign-agency" className="input" value={agencyId} required onChange={(e) => setAgencyId(e.target.value)}>
                <option value="">{t('fb.actions.chooseAgency')}</option>
                {(agencies.data?.items ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="fb-assign-urgency">{t('fb.call.urgency')}</label>
              <select id="fb-assign-urgency" className="input" value={urgency} onChange={(e) => setUrgency(e.target.value as Urgency)}>
                {urgencies.map((u) => <option key={u} value={u}>{t(`fb.urgency.${u}`)}</option>)}
              </select>
            </div>
            <button type="submit" className="button button-primary" disabled={assign.isPending || !agencyId}>{t('fb.actions.assignButton')}</button>
          </div>
          <FormError error={assign.error} />
        </form>
      ) : null}

      {isOperator && !isClosedState(r.state) ? (
        <form className="fb-form" aria-labelledby="category-title" onSubmit={(e) => {
          e.preventDefault();
          if (!categoryCode) return;
          changeCategory.mutate({ categoryCode, reason: categoryReason.trim() || undefined, reroute }, {
            onSuccess: () => { setCategoryCode(''); setCategoryReason(''); toast.show(t('fb.actions.categoryChanged')); },
            onError: failed,
          });
        }}>
          <h3 id="category-title">{t('fb.actions.category')}</h3>
          <p className="muted">{t('fb.actions.categoryHint')}</p>
          <div className="fb-form-row">
            <div className="field">
              <label htmlFor="fb-category">{t('fb.actions.chooseCategoryLabel')}</label>
              <select id="fb-category" className="input" value={categoryCode} required onChange={(e) => setCategoryCode(e.target.value)}>
                <option value="">{t('fb.actions.chooseCategory')}</option>
                {(categories.data ?? []).filter((c) => c.code !== r.categoryCode).map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
              </select>
            </div>
            <div className="field">
              <label htmlFor="fb-category-reason">{t('fb.actions.reason')}</label>
              <input id="fb-category-reason" className="input" value={categoryReason} maxLength={2000} onChange={(e) => setCategoryReason(e.target.value)} />
            </div>
            <label className="field-inline"><input type="checkbox" checked={reroute} onChange={(e) => setReroute(e.target.checked)} /> {t('fb.actions.reroute')}</label>
            <button type="submit" className="button" disabled={changeCategory.isPending || !categoryCode}>{t('fb.actions.categoryButton')}</button>
          </div>
          <FormError error={changeCategory.error} />
        </form>
      ) : null}

      {r.allowedTransitions.length > 0 && (
        <form className="fb-form" aria-labelledby="move-title" onSubmit={(e) => void onTransition(e)}>
          <h3 id="move-title">{t('fb.actions.move')}</h3>
          <div className="fb-transitions" role="radiogroup" aria-label={t('fb.actions.move')}>
            {r.allowedTransitions.map((s) => (
              <label key={s} className="fb-transition">
                <input type="radio" name="fb-target" value={s} checked={target === s} onChange={() => setTarget(s)} />
                {t(`fb.to.${s}`)}
              </label>
            ))}
          </div>
          {target === 'duplicate' && (
            <div className="field">
              <label htmlFor="fb-original">{t('fb.actions.original')}</label>
              <input id="fb-original" className="input" value={original} required placeholder="PA…" onChange={(e) => setOriginal(e.target.value)} />
              <p className="hint">{t('fb.actions.mergeHint')}</p>
            </div>
          )}
          {target && (
            <div className="field">
              <label htmlFor="fb-reason">{needsReason.has(target) ? t('fb.actions.reasonRequired') : t('fb.actions.reason')}</label>
              <textarea id="fb-reason" className="input" rows={2} value={reason} required={needsReason.has(target)} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
            </div>
          )}
          {mergeError && <p className="form-error" role="alert">{mergeError}</p>}
          <button type="submit" className="button button-primary" disabled={!target || transition.isPending}>{t('fb.actions.moveButton')}</button>
          <FormError error={transition.error ?? merge.error} />
        </form>
      )}

      <form className="fb-form" aria-labelledby="note-title" onSubmit={(e) => {
        e.preventDefault();
        if (!noteText.trim()) return;
        note.mutate({ text: noteText.trim(), isPublic: notePublic }, { onSuccess: () => { setNoteText(''); toast.show(t('fb.actions.noted')); }, onError: failed });
      }}>
        <h3 id="note-title">{t('fb.actions.note')}</h3>
        <div className="field">
          <label htmlFor="fb-note" className="visually-hidden">{t('fb.actions.note')}</label>
          <textarea id="fb-note" className="input" rows={2} value={noteText} maxLength={4000} onChange={(e) => setNoteText(e.target.value)} />
        </div>
        <div className="fb-form-row">
          <label className="field-inline"><input type="checkbox" checked={notePublic} onChange={(e) => setNotePublic(e.target.checked)} /> {t('fb.actions.notePublic')}</label>
          <button type="submit" className="button" disabled={note.isPending || !noteText.trim()}>{t('fb.actions.noteButton')}</button>
        </div>
      </form>

      {!['duplicate', 'rejected', 'cancelled'].includes(r.state) && (
        <form className="fb-form" aria-labelledby="answer-form-title" onSubmit={(e) => {
          e.preventDefault();
          if (!answerText.trim()) return;
          answer.mutate({ text: answerText.trim() }, { onSuccess: done(t('fb.actions.answered')), onError: failed });
        }}>
          <h3 id="answer-form-title">{t('fb.actions.answer')}</h3>
          {(canned.data?.length ?? 0) > 0 && (
            <div className="field">
              <label htmlFor="fb-canned">{t('fb.actions.canned')}</label>
              <select id="fb-canned" className="input" value="" onChange={(e) => {
                const id = e.target.value;
                if (id) void renderCannedAnswer(r.id, id).then((a) => setAnswerText(a.text)).catch(failed);
              }}>
                <option value="">{t('fb.actions.chooseCanned')}</option>
                {canned.data?.filter((c) => c.active).map((c) => <option key={c.id} value={c.id}>{c.title}{c.agencyName ? ` (${c.agencyName})` : ''}</option>)}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="fb-answer" className="visually-hidden">{t('fb.actions.answer')}</label>
            <textarea id="fb-answer" className="input" rows={3} value={answerText} maxLength={4000} onChange={(e) => setAnswerText(e.target.value)} />
          </div>
          <p className="hint">{t('fb.actions.answerHint')}</p>
          <button type="submit" className="button" disabled={answer.isPending || !answerText.trim()}>{t('fb.actions.answerButton')}</button>
        </form>
      )}
    </section>
  );
}

/** Open reports that may be the same (H2's duplicates: same category, nearby, alike): merge this one into one. */
function Duplicates({ report: r }: { report: ReportDetail }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const candidates = useQuery(duplicatesQuery(r.id, true));
  const merge = useMergeReport(r.id);
  const items = (candidates.data ?? []).filter((c) => c.report.id !== r.id);
  return (
    <section className="card" aria-labelledby="dups-title">
      <h2 id="dups-title">{t('fb.dups.title')}</h2>
      <PageState isLoading={candidates.isPending} error={candidates.error} isEmpty={items.length === 0} emptyText={t('fb.dups.none')}>
        <ul className="fb-caller-list">
          {items.map((c) => (
            <li key={c.report.id}>
              <Link className="fb-code" to={`/feedback/reports/${c.report.id}`}>{c.report.trackingCode}</Link> <StateBadge state={c.report.state} />
              <span className="muted"> {formatDateTime(c.report.createdAt, i18n.language)}{c.distanceMeters !== null ? ` · ${Math.round(c.distanceMeters)} m` : ''} · {t('fb.dups.similar', { n: Math.round(c.similarity * 100) })}</span>
              <span className="cell-sub fb-excerpt">{c.report.description.length > 200 ? `${c.report.description.slice(0, 200)}…` : c.report.description}</span>
              <button type="button" className="button button-small" disabled={merge.isPending}
                onClick={() => merge.mutate({ intoId: c.report.id }, { onSuccess: () => toast.show(t('fb.dups.merged')), onError: (e) => toast.show(errorMessage(e, i18n.language, t('toast.failed')), 'error') })}>
                {t('fb.dups.merge')}
              </button>
            </li>
          ))}
        </ul>
      </PageState>
    </section>
  );
}
