// One incident: what and where, its sources, the dispatched agencies and their acknowledgements, the status
// moves (closing asks for the closure report), notes and the whole timeline.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../shared/contracts/incidents.js';
import { errorMessage } from '../../api/client.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatDateTime, formatNumber } from '../../app/format.js';
import { PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { agencyListQuery } from '../agencies/agencies.api.js';
import { incidentQuery, useIncidentAction } from './incidents.api.js';
import { SeverityChip, StatusChip } from './IncidentsPage.js';
import './incidents.css';

export function IncidentDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const detail = useQuery(incidentQuery(id));
  return (
    <section aria-labelledby="page-title">
      <p><Link to="/operations/incidents">← {t('inc.detail.back')}</Link></p>
      <PageState isLoading={detail.isPending} error={detail.error} onRetry={() => void detail.refetch()}>
        {detail.data && <IncidentView incident={detail.data} />}
      </PageState>
    </section>
  );
}

function IncidentView({ incident: i }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const session = useSession();
  const toast = useToast();
  const action = useIncidentAction(i.id);
  const mayHandle = hasPermission(session, 'incidents:handle');
  const isOfficer = session.user.role === 'agency_officer';
  const [note, setNote] = useState('');
  const [closure, setClosure] = useState(i.closureReport ?? '');
  const run = (a: Parameters<typeof action.mutate>[0], after?: () => void) => action.mutate(a, {
    onSuccess: () => { toast.show(t('inc.detail.done'), 'success'); after?.(); },
    onError: (e) => toast.show(errorMessage(e, lang, t('state.error')), 'error'),
  });
  const myDispatch = i.dispatches.find((d) => d.agencyId === session.user.agencyId);

  return (
    <>
      <header className="page-header">
        <h1 id="page-title">{i.code} — {i.title}</h1>
        <div className="toolbar"><SeverityChip severity={i.severity} /> <StatusChip status={i.status} /></div>
      </header>
      <div className="inc-detail">
        <div>
          <div className="inc-card">
            <p><strong>{t(`inc.type.${i.type}`)}</strong> · {t(`inc.category.${i.category}`)} · {i.unitName ?? i.unitPath}</p>
            <p>{t('inc.detail.occurred', { at: formatDateTime(i.occurredAt, lang) })}{i.address ? ` · ${i.address}` : ''}
              {i.lat !== null && i.lon !== null ? ` · ${t('inc.detail.location')}: ${formatNumber(i.lat, lang, { maximumFractionDigits: 5 })}, ${formatNumber(i.lon, lang, { maximumFractionDigits: 5 })}` : ''}</p>
            {i.description && <p>{i.description}</p>}
            <h2>{t('inc.detail.sources')}</h2>
            {i.sources.length === 0 ? <p className="hint">{t('inc.detail.noSources')}</p> : (
              <ul className="inc-list">{i.sources.map((s) => <li key={s.refId}>{s.kind === 'report' ? <Link to={`/feedback/reports/${s.refId}`}>{s.label}</Link> : s.label}</li>)}</ul>
            )}
          </div>
          {mayHandle && (
            <div className="inc-card">
              <h2>{t('inc.detail.addNote')}</h2>
              <form className="toolbar" onSubmit={(e) => { e.preventDefault(); if (note.trim()) run({ path: 'notes', body: { text: note.trim() } }, () => setNote('')); }}>
                <div className="field"><label htmlFor="inc-note">{t('inc.detail.note')}</label>
                  <input id="inc-note" className="input" value={note} maxLength={4000} onChange={(e) => setNote(e.target.value)} /></div>
                <button type="submit" className="button" disabled={action.isPending}>{t('alm.action.send')}</button>
              </form>
              {i.allowedMoves.length > 0 && (
                <div className="toolbar">
                  {i.allowedMoves.filter((m) => m !== 'closed').map((m) => (
                    <button key={m} type="button" className="button" disabled={action.isPending} onClick={() => run({ path: 'status', body: { to: m } })}>{t(`inc.move.${m}`)}</button>
                  ))}
                </div>
              )}
              {i.allowedMoves.includes('closed') && (
                <form onSubmit={(e) => { e.preventDefault(); run({ path: 'status', body: { to: 'closed', closureReport: closure.trim() } }); }}>
                  <div className="field"><label htmlFor="inc-closure">{t('inc.detail.closure')}</label>
                    <textarea id="inc-closure" className="input" rows={4} required value={closure} maxLength={8000} placeholder={t('inc.detail.closurePlaceholder')} onChange={(e) => setClosure(e.target.value)} /></div>
                  <p className="hint">{t('inc.detail.closureNeeded')}</p>
                  <button type="submit" className="button button-primary" disabled={action.isPending || !closure.trim()}>{t('inc.move.closed')}</button>
                </form>
              )}
              {i.closureReport && i.status === 'closed' && <><h2>{t('inc.detail.closure')}</h2><p>{i.closureReport}</p></>}
            </div>
          )}
          <div className="inc-card">
            <h2>{t('inc.detail.timeline')}</h2>
            <ol className="inc-list" data-testid="incident-timeline">
              {i.events.map((e, n) => (
                <li key={n}><time dateTime={e.at}>{formatDateTime(e.at, lang)}</time>
                  <strong>{t(`inc.event.${e.kind}`, { defaultValue: e.kind })}</strong>
                  {e.toStatus ? ` → ${t(`inc.status.${e.toStatus}`)}` : ''}{e.agencyName ? ` · ${e.agencyName}` : ''} — {e.actorName}{e.text ? `: ${e.text}` : ''}</li>
              ))}
            </ol>
          </div>
        </div>
        <aside>
          <div className="inc-card">
            <h2>{t('inc.detail.dispatches')}</h2>
            {i.dispatches.length === 0 ? <p className="hint">{t('inc.detail.noDispatch')}</p> : (
              <ul className="inc-list">
                {i.dispatches.map((d) => (
                  <li key={d.agencyId} className={d.acknowledgedAt ? 'inc-ack-yes' : 'inc-ack-no'}>
                    <strong>{d.agencyName}</strong><br />
                    {d.acknowledgedAt ? t('inc.detail.acknowledged', { at: formatDateTime(d.acknowledgedAt, lang), by: d.acknowledgedBy ?? '' }) : t('inc.detail.waiting')}
                    {!d.acknowledgedAt && mayHandle && !isOfficer && i.status !== 'closed' && (
                      <> <button type="button" className="button button-small" disabled={action.isPending} onClick={() => run({ path: 'acknowledge', body: { agencyId: d.agencyId } })}>{t('inc.detail.acknowledge')}</button></>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {isOfficer && myDispatch && !myDispatch.acknowledgedAt && i.status !== 'closed' && (
              <button type="button" className="button button-primary" disabled={action.isPending} onClick={() => run({ path: 'acknowledge', body: {} })}>{t('inc.detail.acknowledgeMine')}</button>
            )}
            {mayHandle && !isOfficer && !['resolved', 'closed'].includes(i.status) && <DispatchForm onDispatch={(agencyId, text) => run({ path: 'dispatch', body: { agencyIds: [agencyId], ...(text ? { note: text } : {}) } })} busy={action.isPending} exclude={i.dispatches.map((d) => d.agencyId)} />}
          </div>
        </aside>
      </div>
    </>
  );
}

function DispatchForm({ onDispatch, busy, exclude }: { onDispatch: (agencyId: string, note: string) => void; busy: boolean; exclude: string[] }) {
  const { t } = useTranslation();
  const agencies = useQuery(agencyListQuery({}));
  const [agencyId, setAgencyId] = useState('');
  const [note, setNote] = useState('');
  const options = (agencies.data?.items ?? []).filter((a) => !exclude.includes(a.id));
  return (
    <form className="inc-form" onSubmit={(e) => { e.preventDefault(); if (agencyId) { onDispatch(agencyId, note.trim()); setAgencyId(''); setNote(''); } }}>
      <div className="field inc-wide">
        <label htmlFor="inc-agency">{t('inc.detail.agency')}</label>
        <select id="inc-agency" className="input" value={agencyId} onChange={(e) => setAgencyId(e.target.value)}>
          <option value="" />
          {options.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
        </select>
      </div>
      <div className="field inc-wide">
        <label htmlFor="inc-dispatch-note">{t('inc.detail.note')}</label>
        <input id="inc-dispatch-note" className="input" value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </div>
      <button type="submit" className="button button-primary" disabled={busy || !agencyId}>{t('inc.detail.dispatch')}</button>
    </form>
  );
}
