// Incidents: the section's tabs, the list (unfinished first) with filters and the form to open one by hand.
import { useMemo, useState } from 'react';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { alarmSeverities, type AlarmSeverity } from '../../../shared/contracts/alarms.js';
import { type Incident, type IncidentStatus, incidentStatuses, incidentTypes, type IncidentType } from '../../../shared/contracts/incidents.js';
import { errorMessage } from '../../api/client.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatDateTime, formatNumber } from '../../app/format.js';
import { useAsOf, useSearchParam, useSelectedUnit, useStickySearch, useWallMode } from '../../app/url-state.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Dialog } from '../../ui/Dialog.js';
import { PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitTreeQuery } from '../units/units.api.js';
import { incidentsQuery, useCreateIncident } from './incidents.api.js';
import './incidents.css';

const tabs = [
  { key: 'list', to: '/operations/incidents', end: true },
  { key: 'dashboard', to: '/operations/incidents/dashboard' },
] as const;

export function IncidentsSection() {
  const { t } = useTranslation();
  const wall = useWallMode();
  const search = useStickySearch();
  return (
    <div className="page incidents-section">
      {!wall && (
        <nav className="sub-nav" aria-label={t('inc.tabs.label')}>
          <ul>
            {tabs.map((tab) => (
              <li key={tab.key}>
                <NavLink to={{ pathname: tab.to, search }} end={'end' in tab}
                  className={({ isActive }) => `sub-nav-link${isActive ? ' is-active' : ''}`}>{t(`inc.tabs.${tab.key}`)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Outlet />
    </div>
  );
}

export function SeverityChip({ severity }: { severity: AlarmSeverity }) {
  const { t } = useTranslation();
  return <span className={`inc-sev inc-sev-${severity}`}>{t(`alm.severity.${severity}`)}</span>;
}

export function StatusChip({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return <span className={`inc-status inc-status-${status}`}>{t(`inc.status.${status}`)}</span>;
}

const unfinished = 'open,dispatched,in_progress';

export function IncidentsListPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const session = useSession();
  const [statusParam, setStatus] = useSearchParam('status');
  const [typeParam, setType] = useSearchParam('type');
  const [unitId, setUnit] = useSelectedUnit();
  const { asOf } = useAsOf();
  const tree = useQuery(unitTreeQuery(asOf));
  const [creating, setCreating] = useState(false);
  const status = statusParam === 'all' ? undefined : (statusParam ?? unfinished);
  const params = useMemo(() => ({ status, type: typeParam ?? undefined, unitId: unitId ?? undefined, limit: 200 }), [status, typeParam, unitId]);
  const list = useQuery(incidentsQuery(params));

  const columns: Column<Incident>[] = [
    { key: 'code', header: t('inc.col.code'), render: (i) => <Link to={`/operations/incidents/${i.id}`}>{i.code}</Link>, sortValue: (i) => i.code },
    { key: 'severity', header: t('inc.col.severity'), render: (i) => <SeverityChip severity={i.severity} />, sortValue: (i) => alarmSeverities.indexOf(i.severity) },
    { key: 'type', header: t('inc.col.type'), render: (i) => t(`inc.type.${i.type}`), sortValue: (i) => i.type },
    { key: 'title', header: t('inc.col.title'), render: (i) => i.title },
    { key: 'place', header: t('inc.col.place'), render: (i) => i.unitName ?? i.unitPath },
    { key: 'time', header: t('inc.col.time'), render: (i) => formatDateTime(i.occurredAt, lang), sortValue: (i) => i.occurredAt },
    { key: 'status', header: t('inc.col.status'), render: (i) => <StatusChip status={i.status} /> },
    { key: 'agencies', header: t('inc.col.agencies'), render: (i) => (i.dispatchCount ? `${i.acknowledgedCount}/${i.dispatchCount}` : '—') },
  ];

  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('inc.title')}</h1>
        <div className="toolbar">
          <UnitTreePicker label={t('inc.filter.area')} roots={tree.data?.roots ?? []} value={unitId} isLoading={tree.isPending} onChange={setUnit} clearLabel={t('inc.filter.anyArea')} />
          <div className="field">
            <label htmlFor="inc-status">{t('inc.filter.status')}</label>
            <select id="inc-status" className="input" value={statusParam ?? ''} onChange={(e) => setStatus(e.target.value || null)}>
              <option value="">{t('inc.filter.unfinished')}</option>
              <option value="all">{t('inc.filter.all')}</option>
              {incidentStatuses.map((s) => <option key={s} value={s}>{t(`inc.status.${s}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="inc-type">{t('inc.filter.type')}</label>
            <select id="inc-type" className="input" value={typeParam ?? ''} onChange={(e) => setType(e.target.value || null)}>
              <option value="">{t('inc.filter.anyType')}</option>
              {incidentTypes.map((s) => <option key={s} value={s}>{t(`inc.type.${s}`)}</option>)}
            </select>
          </div>
          {hasPermission(session, 'incidents:handle') && <button type="button" className="button button-primary" onClick={() => setCreating(true)}>{t('inc.new')}</button>}
        </div>
      </header>
      <p className="hint">{t('inc.intro')}</p>
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()} isEmpty={list.data?.items.length === 0} emptyText={t('inc.empty')}>
        {list.data && (
          <>
            <p className="hint">{t('inc.total', { n: formatNumber(list.data.total, lang) })}</p>
            <DataTable caption={t('inc.caption')} columns={columns} rows={list.data.items} rowKey={(i) => i.id} />
          </>
        )}
      </PageState>
      {creating && <CreateIncidentDialog onClose={() => setCreating(false)} />}
    </section>
  );
}

function CreateIncidentDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const toast = useToast();
  const { asOf } = useAsOf();
  const tree = useQuery(unitTreeQuery(asOf));
  const create = useCreateIncident();
  const [type, setType] = useState<IncidentType>('accident');
  const [severity, setSeverity] = useState<AlarmSeverity>('minor');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [address, setAddress] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [lat, setLat] = useState('');
  const [lon, setLon] = useState('');
  const [reportId, setReportId] = useState('');

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const location = lat && lon ? { lat: Number(lat), lon: Number(lon) } : undefined;
    const body = reportId.trim()
      ? { fromReportId: reportId.trim(), type, severity, ...(title ? { title } : {}) }
      : { type, severity, title, ...(description ? { description } : {}), ...(address ? { address } : {}), ...(unitId ? { unitId } : {}), ...(location ? { location } : {}) };
    create.mutate(body, {
      onSuccess: (incident) => { onClose(); void navigate(`/operations/incidents/${incident.id}`); },
      onError: (err) => toast.show(errorMessage(err, i18n.language, t('state.error')), 'error'),
    });
  }

  return (
    <Dialog open title={t('inc.create.title')} onClose={onClose} wide>
      <form className="inc-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="inc-new-type">{t('inc.create.type')}</label>
          <select id="inc-new-type" className="input" value={type} onChange={(e) => setType(e.target.value as IncidentType)}>
            {incidentTypes.map((s) => <option key={s} value={s}>{t(`inc.type.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="inc-new-sev">{t('inc.create.severity')}</label>
          <select id="inc-new-sev" className="input" value={severity} onChange={(e) => setSeverity(e.target.value as AlarmSeverity)}>
            {alarmSeverities.map((s) => <option key={s} value={s}>{t(`alm.severity.${s}`)}</option>)}
          </select>
        </div>
        <div className="field inc-wide">
          <label htmlFor="inc-new-title">{t('inc.create.name')}</label>
          <input id="inc-new-title" className="input" value={title} maxLength={300} required={!reportId} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field inc-wide">
          <label htmlFor="inc-new-desc">{t('inc.create.description')}</label>
          <textarea id="inc-new-desc" className="input" rows={3} value={description} maxLength={4000} onChange={(e) => setDescription(e.target.value)} />
        </div>
        <UnitTreePicker label={t('inc.create.area')} roots={tree.data?.roots ?? []} value={unitId} isLoading={tree.isPending} onChange={(id) => setUnitId(id)} />
        <div className="field">
          <label htmlFor="inc-new-address">{t('inc.create.address')}</label>
          <input id="inc-new-address" className="input" value={address} maxLength={500} onChange={(e) => setAddress(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="inc-new-lat">{t('inc.create.lat')}</label>
          <input id="inc-new-lat" className="input" inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="inc-new-lon">{t('inc.create.lon')}</label>
          <input id="inc-new-lon" className="input" inputMode="decimal" value={lon} onChange={(e) => setLon(e.target.value)} />
        </div>
        <div className="field inc-wide">
          <label htmlFor="inc-new-report">{t('inc.create.fromReport')}</label>
          <input id="inc-new-report" className="input" value={reportId} onChange={(e) => setReportId(e.target.value)} />
        </div>
        <div className="toolbar inc-wide">
          <button type="submit" className="button button-primary" disabled={create.isPending}>{t('inc.create.submit')}</button>
          <button type="button" className="button" onClick={onClose}>{t('inc.create.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
