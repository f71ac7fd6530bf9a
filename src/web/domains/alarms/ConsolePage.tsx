// The alarms console: active alarms by severity then time, with ack / clear / take / comment, filters by status,
// severity and area, a detail dialog with the timeline, and a toast for each grouped notification from the hub.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Alarm, alarmSearchStatuses, alarmSeverities, type AlarmSeverity } from '../../../shared/contracts/alarms.js';
import { errorMessage } from '../../api/client.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatDateTime, formatNumber } from '../../app/format.js';
import { useHub } from '../../app/hub-context.js';
import { useSearchParam, useSelectedUnit, useAsOf } from '../../app/url-state.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Dialog } from '../../ui/Dialog.js';
import { PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitTreeQuery } from '../units/units.api.js';
import { useCreateIncident } from '../incidents/incidents.api.js';
import { EventSnapshot } from '../cameras/EventSnapshot.js';
import { alarmQuery, alarmsQuery, useAlarmAction } from './alarms.api.js';

export function SeverityBadge({ severity }: { severity: AlarmSeverity }) {
  const { t } = useTranslation();
  return <span className={`sev sev-${severity}`}>{t(`alm.severity.${severity}`)}</span>;
}

export function ConsolePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const session = useSession();
  const mayHandle = hasPermission(session, 'alarms:handle');
  const [statusParam, setStatus] = useSearchParam('status');
  const [severityParam, setSeverity] = useSearchParam('severity');
  const [unitId, setUnit] = useSelectedUnit();
  const { asOf } = useAsOf();
  const tree = useQuery(unitTreeQuery(asOf));
  const status = (alarmSearchStatuses as readonly string[]).includes(statusParam ?? '') ? statusParam! : 'active';
  const params = useMemo(() => ({ status: status as (typeof alarmSearchStatuses)[number], severity: severityParam ?? undefined, unitId: unitId ?? undefined, limit: 200 }), [status, severityParam, unitId]);
  const list = useQuery(alarmsQuery(params));
  const [openId, setOpenId] = useState<string | null>(null);
  useNotificationToasts();

  const columns: Column<Alarm>[] = [
    { key: 'severity', header: t('alm.col.severity'), render: (a) => <SeverityBadge severity={a.severity} />, sortValue: (a) => alarmSeverities.indexOf(a.severity) },
    {
      key: 'what', header: t('alm.col.what'), render: (a) => (
        <div>
          <button type="button" className="link-button" onClick={() => setOpenId(a.id)}>{lang === 'en' ? a.message.en : a.message.vi}</button>
          <div className="alm-source">{a.source.name} · {a.source.id}{a.ruleName ? ` · ${a.ruleName}` : ''}</div>
          {a.silenced && <div className="alm-silenced">{t('alm.silenced')}</div>}
        </div>
      ),
    },
    { key: 'time', header: t('alm.col.time'), render: (a) => <span title={t('alm.raisedAt', { at: formatDateTime(a.raisedAt, lang) })}>{formatDateTime(a.lastAt, lang)}</span>, sortValue: (a) => a.lastAt },
    { key: 'count', header: t('alm.col.count'), render: (a) => formatNumber(a.count, lang), sortValue: (a) => a.count },
    { key: 'status', header: t('alm.col.status'), render: (a) => t(`alm.status.${a.status}`) },
    { key: 'assignee', header: t('alm.col.assignee'), render: (a) => a.assignee?.name ?? '—' },
    ...(mayHandle ? [{ key: 'actions', header: t('alm.col.actions'), render: (a: Alarm) => <AlarmActions alarm={a} /> }] : []),
  ];

  const counts = list.data?.openBySeverity;
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('alm.title')}</h1>
        <div className="toolbar">
          <UnitTreePicker label={t('alm.filter.area')} roots={tree.data?.roots ?? []} value={unitId} isLoading={tree.isPending} onChange={setUnit} clearLabel={t('alm.filter.anySeverity')} />
          <div className="field">
            <label htmlFor="alm-status">{t('alm.filter.status')}</label>
            <select id="alm-status" className="input" value={status} onChange={(e) => setStatus(e.target.value === 'active' ? null : e.target.value)}>
              {alarmSearchStatuses.map((s) => <option key={s} value={s}>{t(`alm.searchStatus.${s}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="alm-severity">{t('alm.filter.severity')}</label>
            <select id="alm-severity" className="input" value={severityParam ?? ''} onChange={(e) => setSeverity(e.target.value || null)}>
              <option value="">{t('alm.filter.anySeverity')}</option>
              {alarmSeverities.map((s) => <option key={s} value={s}>{t(`alm.severity.${s}`)}</option>)}
            </select>
          </div>
        </div>
      </header>
      <p className="hint">{t('alm.intro')}</p>
      {counts && (
        <ul className="alm-counts" aria-label={t('alm.open', { n: Object.values(counts).reduce((a, b) => a + b, 0) })}>
          {alarmSeverities.map((s) => (
            <li key={s}><button type="button" className="link-button" onClick={() => setSeverity(s)}><SeverityBadge severity={s} /></button> {formatNumber(counts[s] ?? 0, lang)}</li>
          ))}
        </ul>
      )}
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()} isEmpty={list.data?.items.length === 0} emptyText={t('alm.empty')}>
        {list.data && (
          <>
            <p className="hint">{t('alm.total', { n: formatNumber(list.data.total, lang) })}</p>
            <DataTable caption={t('alm.caption')} columns={columns} rows={list.data.items} rowKey={(a) => a.id}
              rowClassName={(a) => `alm-row-${a.severity}${a.status.startsWith('cleared') ? ' alm-row-cleared' : ''}`} />
          </>
        )}
      </PageState>
      {openId && <AlarmDialog id={openId} onClose={() => setOpenId(null)} mayHandle={mayHandle} />}
    </section>
  );
}

function AlarmActions({ alarm }: { alarm: Alarm }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const action = useAlarmAction(alarm.id);
  const run = (a: Parameters<typeof action.mutate>[0], done: string) => action.mutate(a, {
    onSuccess: () => toast.show(done, 'success'),
    onError: (e) => toast.show(errorMessage(e, i18n.language, t('state.error')), 'error'),
  });
  const isMine = alarm.assignee?.id === session.user.id;
  return (
    <div className="alm-actions">
      {!alarm.acknowledgedAt && <button type="button" className="button button-small" disabled={action.isPending} onClick={() => run({ action: 'ack' }, t('alm.done.ack'))}>{t('alm.action.ack')}</button>}
      {!alarm.clearedAt && <button type="button" className="button button-small" disabled={action.isPending} onClick={() => run({ action: 'clear' }, t('alm.done.clear'))}>{t('alm.action.clear')}</button>}
      {!alarm.clearedAt && (isMine
        ? <button type="button" className="button button-small" disabled={action.isPending} onClick={() => run({ action: 'assign', body: { userId: null } }, t('alm.done.assign'))}>{t('alm.action.unassign')}</button>
        : <button type="button" className="button button-small" disabled={action.isPending} onClick={() => run({ action: 'assign', body: { userId: 'me' } }, t('alm.done.assign'))}>{t('alm.action.assignMe')}</button>)}
    </div>
  );
}

function AlarmDialog({ id, onClose, mayHandle }: { id: string; onClose: () => void; mayHandle: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const toast = useToast();
  const navigate = useNavigate();
  const detail = useQuery(alarmQuery(id));
  const action = useAlarmAction(id);
  const createIncident = useCreateIncident();
  const session = useSession();
  const [comment, setComment] = useState('');
  const a = detail.data;
  return (
    <Dialog open title={a ? (lang === 'en' ? a.message.en : a.message.vi) : t('alm.action.details')} onClose={onClose} wide>
      <PageState isLoading={detail.isPending} error={detail.error}>
        {a && (
          <div className="alm-detail">
            <p><SeverityBadge severity={a.severity} /> {t(`alm.status.${a.status}`)}{a.silenced ? ` · ${t('alm.silenced')}` : ''}</p>
            <p className="alm-source">{a.source.name} ({a.source.id}) · {a.unitPath}{a.lastValue !== null ? ` · ${t('alm.lastValue', { value: formatNumber(a.lastValue, lang) })}` : ''}</p>
            {typeof a.details.cameraEventId === 'string' && hasPermission(session, 'cameras:read') && (
              <EventSnapshot eventId={a.details.cameraEventId} version={a.lastAt} alt={a.source.name} caption={t('cam.events.snapshotOfAlarm')} />
            )}
            <h2>{t('alm.timeline')}</h2>
            <ol className="alm-timeline">
              {a.events.map((e, i) => (
                <li key={i}><time dateTime={e.at}>{formatDateTime(e.at, lang)}</time><strong>{t(`alm.event.${e.kind}`, { defaultValue: e.kind })}</strong> — {e.actorName}{e.text ? `: ${e.text}` : ''}</li>
              ))}
            </ol>
            {mayHandle && (
              <form className="toolbar" onSubmit={(ev) => {
                ev.preventDefault();
                if (!comment.trim()) return;
                action.mutate({ action: 'comments', text: comment.trim() }, { onSuccess: () => setComment(''), onError: (e) => toast.show(errorMessage(e, lang, t('state.error')), 'error') });
              }}>
                <div className="field">
                  <label htmlFor="alm-comment">{t('alm.action.comment')}</label>
                  <input id="alm-comment" className="input" value={comment} placeholder={t('alm.commentPlaceholder')} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
                </div>
                <button type="submit" className="button" disabled={action.isPending}>{t('alm.action.send')}</button>
                {!a.incidentId && hasPermission(session, 'incidents:handle') && (
                  <button type="button" className="button button-primary" disabled={createIncident.isPending} onClick={() => createIncident.mutate({ fromAlarmId: a.id }, {
                    onSuccess: (incident) => { void navigate(`/operations/incidents/${incident.id}`); },
                    onError: (e) => toast.show(errorMessage(e, lang, t('state.error')), 'error'),
                  })}>{t('alm.action.incident')}</button>
                )}
              </form>
            )}
          </div>
        )}
      </PageState>
    </Dialog>
  );
}

/** A grouped notification from the hub becomes one toast: "12 warning alarms: device silent". */
function useNotificationToasts() {
  const { t, i18n } = useTranslation();
  const hub = useHub();
  const toast = useToast();
  const seen = useRef(hub.lastSeq);
  useEffect(() => {
    for (const e of hub.events) {
      if (e.seq <= seen.current) continue;
      if (e.topic === 'alarms' && e.type === 'alarm.notification') {
        const summary = e.data.summary as { vi: string; en: string } | undefined;
        if (summary) toast.show(t('alm.live', { summary: i18n.language === 'en' ? summary.en : summary.vi }), 'info');
      }
    }
    seen.current = Math.max(seen.current, ...hub.events.map((e) => e.seq));
  }, [hub.events, toast, t, i18n.language]);
}
