// The sensors page (Cảm biến): device list with status and latest values updated live from the hub, filters by
// type, status and unit, a device's chart from the aggregated series API, and registration (token shown once).
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { deviceTypes, type Device, type Resolution } from '../../../shared/contracts/telemetry.js';
import { errorMessage } from '../../api/client.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatDateTime, formatNumber } from '../../app/format.js';
import { useHub } from '../../app/hub-context.js';
import { useAsOf, useSearchParam } from '../../app/url-state.js';
import { Chart, type ChartOption } from '../../ui/Chart.js';
import { ConnectionBadge } from '../../ui/ConnectionBadge.js';
import { CopyButton } from '../../ui/CopyButton.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Dialog } from '../../ui/Dialog.js';
import { PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitTreeQuery } from '../units/units.api.js';
import { deviceQuery, devicesQuery, seriesQuery, useCreateDevice, useDeleteDevice, useRotateToken } from './sensors.api.js';
import './sensors.css';

type LiveValues = Record<string, Record<string, number>>;

/** Latest values pushed by the hub (telemetry.latest events), merged over what the list answered. */
function useLiveValues(): LiveValues {
  const hub = useHub();
  const [live, setLive] = useState<LiveValues>({});
  const seen = useRef(0);
  useEffect(() => {
    const fresh = hub.events.filter((e) => e.type === 'telemetry.latest' && e.seq > seen.current);
    if (fresh.length === 0) return;
    seen.current = Math.max(...fresh.map((e) => e.seq));
    setLive((prev) => {
      const next = { ...prev };
      for (const e of [...fresh].sort((a, b) => a.seq - b.seq)) {
        const values = (e.data as { values?: LiveValues }).values ?? {};
        for (const [id, v] of Object.entries(values)) next[id] = { ...next[id], ...v };
      }
      return next;
    });
  }, [hub.events]);
  return live;
}

export function SensorsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const session = useSession();
  const hub = useHub();
  const { asOf } = useAsOf();
  const [unit, setUnit] = useSearchParam('unit');
  const [type, setType] = useSearchParam('type');
  const [status, setStatus] = useSearchParam('status');
  const [q, setQ] = useSearchParam('q');
  const [selected, setSelected] = useSearchParam('device');
  const [registering, setRegistering] = useState(false);
  const canManage = hasPermission(session, 'devices:manage');
  const params = { ...(unit ? { unitId: unit } : {}), ...(type ? { type } : {}), ...(status ? { status: status as Device['status'] } : {}), ...(q ? { q } : {}), limit: 1000 };
  const list = useQuery(devicesQuery(params));
  const tree = useQuery(unitTreeQuery(asOf));
  const live = useLiveValues();

  if (!hasPermission(session, 'telemetry:read')) return <p className="state state-empty">{t('sensors.noPermission')}</p>;

  const valueText = (d: Device) => {
    const merged: Record<string, number> = { ...Object.fromEntries(Object.entries(d.latest).map(([m, v]) => [m, v.value])), ...live[d.id] };
    return Object.entries(merged).slice(0, 4).map(([m, v]) => (
      <span key={m} className="sensor-value"><span className="sensor-metric">{t(`sensors.metric.${m}`, { defaultValue: m })}</span> {formatNumber(v, lang)}{d.metricUnits[m] ? ` ${d.metricUnits[m]}` : ''}</span>
    ));
  };
  const columns: Column<Device>[] = [
    { key: 'status', header: t('sensors.col.status'), render: (d) => <StatusBadge status={d.status} />, sortValue: (d) => d.status },
    { key: 'name', header: t('sensors.col.name'), render: (d) => (
      <button type="button" className="link-button" onClick={() => setSelected(d.id)}>{d.name}<br /><code className="muted">{d.id}</code></button>
    ), sortValue: (d) => d.name },
    { key: 'type', header: t('sensors.col.type'), render: (d) => t(`sensors.type.${d.type}`, { defaultValue: d.type }), sortValue: (d) => d.type },
    { key: 'unit', header: t('sensors.col.unit'), render: (d) => d.unitName, sortValue: (d) => d.unitName },
    { key: 'values', header: t('sensors.col.values'), render: (d) => <span className="sensor-values" data-testid={`values-${d.id}`}>{valueText(d)}</span> },
    { key: 'lastSeen', header: t('sensors.col.lastSeen'), render: (d) => (d.lastSeenAt ? formatDateTime(d.lastSeenAt, lang) : '—'), sortValue: (d) => d.lastSeenAt ?? '' },
  ];

  return (
    <section className="sensors-page">
      <header className="page-header">
        <div>
          <h1>{t('sensors.title')}</h1>
          <p className="muted">{t('sensors.intro')}</p>
        </div>
        <div className="page-actions">
          <ConnectionBadge state={hub.state} />
          {canManage && <button type="button" className="primary" onClick={() => setRegistering(true)}>{t('sensors.register.open')}</button>}
        </div>
      </header>
      <div className="filters">
        <UnitTreePicker label={t('sensors.filter.unit')} roots={tree.data?.roots ?? []} value={unit} onChange={(id) => setUnit(id)} clearLabel={t('sensors.filter.allUnits')} isLoading={tree.isLoading} />
        <label>{t('sensors.filter.type')}
          <select value={type ?? ''} onChange={(e) => setType(e.target.value || null)}>
            <option value="">{t('sensors.type.all')}</option>
            {deviceTypes.map((dt) => <option key={dt} value={dt}>{t(`sensors.type.${dt}`)}</option>)}
          </select>
        </label>
        <label>{t('sensors.filter.status')}
          <select value={status ?? ''} onChange={(e) => setStatus(e.target.value || null)}>
            <option value="">{t('sensors.status.all')}</option>
            {(['online', 'offline', 'never-seen'] as const).map((s) => <option key={s} value={s}>{t(`sensors.status.${s}`)}</option>)}
          </select>
        </label>
        <label>{t('sensors.filter.search')}
          <input type="search" defaultValue={q ?? ''} onKeyDown={(e) => { if (e.key === 'Enter') setQ((e.target as HTMLInputElement).value || null); }} />
        </label>
      </div>
      <PageState isLoading={list.isLoading} error={list.error} isEmpty={list.data?.items.length === 0} emptyText={t('sensors.empty')} onRetry={() => void list.refetch()}>
        <p className="muted">{t('sensors.count', { shown: formatNumber(list.data?.items.length ?? 0, lang), total: formatNumber(list.data?.total ?? 0, lang) })}</p>
        <DataTable caption={t('sensors.title')} columns={columns} rows={list.data?.items ?? []} rowKey={(d) => d.id} />
      </PageState>
      {selected && <DeviceDetail id={selected} live={live[selected]} canManage={canManage} onClose={() => setSelected(null)} />}
      {registering && <RegisterDevice roots={tree.data?.roots ?? []} onClose={() => setRegistering(false)} />}
    </section>
  );
}

function StatusBadge({ status }: { status: Device['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge sensor-status sensor-${status}`} data-testid="device-status">{t(`sensors.status.${status}`)}</span>;
}

const ranges = { '6h': 6 * 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
type RangeKey = keyof typeof ranges;

function DeviceDetail({ id, live, canManage, onClose }: { id: string; live: Record<string, number> | undefined; canManage: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const toast = useToast();
  const device = useQuery(deviceQuery(id));
  const [metric, setMetric] = useState<string | null>(null);
  const [range, setRange] = useState<RangeKey>('24h');
  const [resolution, setResolution] = useState<Resolution>('auto');
  const [token, setToken] = useState<string | null>(null);
  const rotate = useRotateToken();
  const remove = useDeleteDevice();
  const metrics = Object.keys({ ...device.data?.metricUnits, ...device.data?.latest });
  const chosen = metric ?? metrics[0] ?? '';
  // The range start is rounded to the minute so that the query key stays stable between renders.
  const from = useMemo(() => new Date(Math.floor((Date.now() - ranges[range]) / 60_000) * 60_000).toISOString(), [range]);
  const series = useQuery(seriesQuery(id, chosen, from, resolution));
  const option = useMemo<ChartOption>(() => {
    const points = series.data?.points ?? [];
    const fmt = (iso: string) => formatDateTime(iso, lang);
    return {
      tooltip: { trigger: 'axis' },
      legend: { data: [t('sensors.detail.avg'), t('sensors.detail.min'), t('sensors.detail.max')] },
      grid: { left: 48, right: 16, top: 32, bottom: 40 },
      xAxis: { type: 'category', data: points.map((p) => fmt(p.at)) },
      yAxis: { type: 'value', scale: true, name: series.data?.unit ?? '' },
      series: [
        { name: t('sensors.detail.avg'), type: 'line', showSymbol: false, data: points.map((p) => p.avg) },
        ...(series.data?.resolution !== 'raw' ? [
          { name: t('sensors.detail.min'), type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: points.map((p) => p.min) },
          { name: t('sensors.detail.max'), type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: points.map((p) => p.max) },
        ] : []),
      ],
    };
  }, [series.data, lang, t]);
  const d = device.data;
  return (
    <Dialog open title={d?.name ?? t('sensors.detail.title')} onClose={onClose} wide>
      <PageState isLoading={device.isLoading} error={device.error}>
        {d && (
          <div className="sensor-detail" data-testid="sensor-detail">
            <p><StatusBadge status={d.status} /> <code>{d.id}</code> · {t(`sensors.type.${d.type}`, { defaultValue: d.type })} · {d.unitName}</p>
            <p className="muted">
              {t('sensors.detail.interval', { n: d.reportingIntervalSeconds })}
              {d.lat !== null && d.lon !== null ? ` · ${t('sensors.detail.location')}: ${d.lat.toFixed(5)}, ${d.lon.toFixed(5)}` : ''}
              {d.metadata.synthetic === true ? ` · ${t('sensors.detail.synthetic')}` : ''}
            </p>
            <ul className="sensor-latest">
              {metrics.map((m) => {
                const v = live?.[m] ?? d.latest[m]?.value;
                return <li key={m}><span className="sensor-metric">{t(`sensors.metric.${m}`, { defaultValue: m })}</span> <strong>{v === undefined ? '—' : formatNumber(v, lang)}</strong> {d.metricUnits[m] ?? ''}</li>;
              })}
            </ul>
            <div className="filters">
              <label>{t('sensors.detail.metricLabel')}
                <select value={chosen} onChange={(e) => setMetric(e.target.value)}>
                  {metrics.map((m) => <option key={m} value={m}>{t(`sensors.metric.${m}`, { defaultValue: m })}</option>)}
                </select>
              </label>
              <label>{t('sensors.detail.range')}
                <select value={range} onChange={(e) => setRange(e.target.value as RangeKey)}>
                  {(Object.keys(ranges) as RangeKey[]).map((r) => <option key={r} value={r}>{t(`sensors.ranges.${r}`)}</option>)}
                </select>
              </label>
              <label>{t('sensors.detail.resolution')}
                <select value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)}>
                  {(['auto', 'raw', '1m', '1h', '1d'] as const).map((r) => <option key={r} value={r}>{t(`sensors.resolutions.${r}`)}</option>)}
                </select>
              </label>
            </div>
            <PageState isLoading={series.isLoading} error={series.error} isEmpty={(series.data?.points.length ?? 0) === 0} emptyText={t('sensors.detail.noData')}>
              <Chart option={option} ariaLabel={t('sensors.detail.chartLabel', { metric: t(`sensors.metric.${chosen}`, { defaultValue: chosen }), name: d.name })} height={300} />
            </PageState>
            {token && <TokenOnce token={token} />}
            {canManage && (
              <div className="page-actions">
                <button type="button" onClick={() => rotate.mutate(id, { onSuccess: (r) => setToken(r.token), onError: (e) => toast.show(errorMessage(e, lang, t('sensors.register.failed')), 'error') })}>{t('sensors.detail.rotate')}</button>
                <button type="button" className="danger" onClick={() => {
                  if (!window.confirm(t('sensors.detail.confirmDelete', { id }))) return;
                  remove.mutate(id, { onSuccess: onClose, onError: (e) => toast.show(errorMessage(e, lang, t('sensors.register.failed')), 'error') });
                }}>{t('sensors.detail.delete')}</button>
              </div>
            )}
          </div>
        )}
      </PageState>
    </Dialog>
  );
}

function TokenOnce({ token }: { token: string }) {
  const { t } = useTranslation();
  return (
    <div className="sensor-token" role="status">
      <h3>{t('sensors.register.tokenTitle')}</h3>
      <p>{t('sensors.register.tokenHint')}</p>
      <code data-testid="device-token">{token}</code> <CopyButton text={token} />
    </div>
  );
}

function RegisterDevice({ roots, onClose }: { roots: Parameters<typeof UnitTreePicker>[0]['roots']; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const create = useCreateDevice();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const num = (k: string) => { const v = String(f.get(k) ?? '').trim(); return v === '' ? null : Number(v); };
    if (!unitId) return;
    create.mutate({
      id: String(f.get('id') ?? '').trim(), name: String(f.get('name') ?? '').trim(), type: String(f.get('type')), unitId,
      lon: num('lon'), lat: num('lat'), reportingIntervalSeconds: num('interval') ?? 60,
    }, { onSuccess: (r) => setToken(r.token) });
  };
  return (
    <Dialog open title={t('sensors.register.title')} onClose={onClose}>
      {token ? (
        <div>
          <TokenOnce token={token} />
          <button type="button" className="primary" onClick={onClose}>{t('sensors.register.done')}</button>
        </div>
      ) : (
        <form className="form-grid" onSubmit={onSubmit}>
          <label>{t('sensors.register.id')}<input name="id" required pattern="[a-z0-9][a-z0-9._\-]{0,63}" /></label>
          <label>{t('sensors.register.name')}<input name="name" required maxLength={200} /></label>
          <label>{t('sensors.register.type')}
            <select name="type">{deviceTypes.map((dt) => <option key={dt} value={dt}>{t(`sensors.type.${dt}`)}</option>)}</select>
          </label>
          <UnitTreePicker label={t('sensors.register.unit')} roots={roots} value={unitId} onChange={(id) => setUnitId(id)} required />
          <label>{t('sensors.register.lat')}<input name="lat" type="number" step="any" min={-90} max={90} /></label>
          <label>{t('sensors.register.lon')}<input name="lon" type="number" step="any" min={-180} max={180} /></label>
          <label>{t('sensors.register.interval')}<input name="interval" type="number" min={1} defaultValue={60} /></label>
          {create.error && <p className="form-error" role="alert">{errorMessage(create.error, i18n.language, t('sensors.register.failed'))}</p>}
          <div className="page-actions">
            <button type="submit" className="primary" disabled={create.isPending || !unitId}>{t('sensors.register.submit')}</button>
            <button type="button" onClick={onClose}>{t('sensors.register.cancel')}</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
