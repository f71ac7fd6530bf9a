// Silences and maintenance windows, and the notification routes: two small lists with a form each.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type AlarmRoute, alarmSeverities, type AlarmSeverity, routeChannels, type Silence } from '../../../shared/contracts/alarms.js';
import { errorMessage } from '../../api/client.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatDateTime, vietnamLocalToIso } from '../../app/format.js';
import { useAsOf } from '../../app/url-state.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Dialog } from '../../ui/Dialog.js';
import { PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitTreeQuery } from '../units/units.api.js';
import { routesQuery, rulesQuery, silencesQuery, useCreateRoute, useCreateSilence, useDeleteRoute, useExpireSilence } from './alarms.api.js';
import { SeverityBadge } from './ConsolePage.js';

export function SilencesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const session = useSession();
  const mayHandle = hasPermission(session, 'alarms:handle');
  const [showExpired, setShowExpired] = useState(false);
  const list = useQuery(silencesQuery(showExpired ? 'expired' : 'current'));
  const expire = useExpireSilence();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const matches = (s: Silence) => [
    s.ruleName && `${t('alm.silences.rule')}: ${s.ruleName}`, s.sourceId && `${t('alm.silences.device')}: ${s.sourceId}`,
    s.deviceType && `${t('alm.silences.deviceType')}: ${t(`alm.deviceType.${s.deviceType}`, { defaultValue: s.deviceType })}`,
    s.alarmType && `${t('alm.silences.alarmType')}: ${s.alarmType}`, s.unitName && `${t('alm.silences.area')}: ${s.unitName}`,
  ].filter(Boolean).join(' · ') || t('alm.silences.all');
  const columns: Column<Silence>[] = [
    { key: 'kind', header: t('alm.silences.col.kind'), render: (s) => t(`alm.silences.kind.${s.kind}`) },
    { key: 'matches', header: t('alm.silences.col.matches'), render: matches },
    { key: 'window', header: t('alm.silences.col.window'), render: (s) => `${formatDateTime(s.startsAt, lang)} – ${formatDateTime(s.endsAt, lang)}`, sortValue: (s) => s.startsAt },
    { key: 'reason', header: t('alm.silences.col.reason'), render: (s) => s.reason },
    { key: 'by', header: t('alm.silences.col.by'), render: (s) => s.createdBy },
    {
      key: 'state', header: t('alm.silences.col.state'), render: (s) => (
        <>{t(`alm.silences.state.${s.state}`)}{mayHandle && s.state !== 'expired' && (
          <> <button type="button" className="button button-small" disabled={expire.isPending}
            onClick={() => expire.mutate(s.id, { onError: (e) => toast.show(errorMessage(e, lang, t('state.error')), 'error') })}>{t('alm.silences.expire')}</button></>
        )}</>
      ),
    },
  ];
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('alm.silences.title')}</h1>
        <div className="toolbar">
          <label className="field-inline"><input type="checkbox" checked={showExpired} onChange={(e) => setShowExpired(e.target.checked)} /> {t('alm.silences.showExpired')}</label>
          {mayHandle && <button type="button" className="button button-primary" onClick={() => setCreating(true)}>{t('alm.silences.new')}</button>}
        </div>
      </header>
      <p className="hint">{t('alm.silences.intro')}</p>
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()} isEmpty={list.data?.length === 0} emptyText={t('alm.silences.empty')}>
        {list.data && <DataTable caption={t('alm.silences.caption')} columns={columns} rows={list.data} rowKey={(s) => s.id} />}
      </PageState>
      {creating && <SilenceDialog onClose={() => setCreating(false)} />}
    </section>
  );
}

/** `datetime-local` value for a Date, in Vietnam time. */
function localValue(d: Date): string {
  return new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 16);
}

function SilenceDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const create = useCreateSilence();
  const rules = useQuery(rulesQuery());
  const { asOf } = useAsOf();
  const tree = useQuery(unitTreeQuery(asOf));
  const [kind, setKind] = useState<'silence' | 'maintenance'>('silence');
  const [ruleId, setRuleId] = useState('');
  const [sourceId, setSourceId] = useState('');
  const [deviceType, setDeviceType] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [startsAt, setStartsAt] = useState(localValue(new Date()));
  const [endsAt, setEndsAt] = useState(localValue(new Date(Date.now() + 2 * 3600_000)));
  const [reason, setReason] = useState('');
  function submit(e: React.FormEvent) {
    e.preventDefault();
    create.mutate({
      kind, reason: reason.trim(), startsAt: vietnamLocalToIso(startsAt), endsAt: vietnamLocalToIso(endsAt),
      ...(ruleId ? { ruleId } : {}), ...(sourceId.trim() ? { sourceId: sourceId.trim() } : {}), ...(deviceType ? { deviceType } : {}), ...(unitId ? { unitId } : {}),
    }, {
      onSuccess: () => { toast.show(t('alm.silences.created'), 'success'); onClose(); },
      onError: (err) => toast.show(errorMessage(err, i18n.language, t('state.error')), 'error'),
    });
  }
  return (
    <Dialog open title={t('alm.silences.new')} onClose={onClose} wide>
      <form className="alm-form" onSubmit={submit}>
        <div className="field"><label htmlFor="sil-kind">{t('alm.silences.col.kind')}</label>
          <select id="sil-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as 'silence' | 'maintenance')}>
            <option value="silence">{t('alm.silences.kind.silence')}</option><option value="maintenance">{t('alm.silences.kind.maintenance')}</option>
          </select></div>
        <div className="field"><label htmlFor="sil-rule">{t('alm.silences.rule')}</label>
          <select id="sil-rule" className="input" value={ruleId} onChange={(e) => setRuleId(e.target.value)}>
            <option value="">{t('alm.silences.any')}</option>
            {(rules.data ?? []).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </select></div>
        <div className="field"><label htmlFor="sil-device">{t('alm.silences.device')}</label>
          <input id="sil-device" className="input" value={sourceId} maxLength={200} onChange={(e) => setSourceId(e.target.value)} /></div>
        <div className="field"><label htmlFor="sil-type">{t('alm.silences.deviceType')}</label>
          <select id="sil-type" className="input" value={deviceType} onChange={(e) => setDeviceType(e.target.value)}>
            <option value="">{t('alm.silences.any')}</option>
            {(['air-quality', 'water-level', 'rain-gauge', 'traffic-counter', 'camera'] as const).map((d) => <option key={d} value={d}>{t(`alm.deviceType.${d}`)}</option>)}
          </select></div>
        <UnitTreePicker label={t('alm.silences.area')} roots={tree.data?.roots ?? []} value={unitId} isLoading={tree.isPending} onChange={(id) => setUnitId(id)} clearLabel={t('alm.silences.any')} />
        <div className="field"><label htmlFor="sil-start">{t('alm.silences.startsAt')}</label>
          <input id="sil-start" className="input" type="datetime-local" value={startsAt} onChange={(e) => setStartsAt(e.target.value)} /></div>
        <div className="field"><label htmlFor="sil-end">{t('alm.silences.endsAt')}</label>
          <input id="sil-end" className="input" type="datetime-local" required value={endsAt} onChange={(e) => setEndsAt(e.target.value)} /></div>
        <div className="field alm-wide"><label htmlFor="sil-reason">{t('alm.silences.reason')}</label>
          <input id="sil-reason" className="input" required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} /></div>
        <div className="toolbar alm-wide">
          <button type="submit" className="button button-primary" disabled={create.isPending}>{t('alm.form.save')}</button>
          <button type="button" className="button" onClick={onClose}>{t('alm.form.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}

export function RoutesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const session = useSession();
  const mayConfigure = hasPermission(session, 'alarms:configure');
  const list = useQuery(routesQuery());
  const remove = useDeleteRoute();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  const columns: Column<AlarmRoute>[] = [
    { key: 'name', header: t('alm.routes.col.name'), render: (r) => r.name },
    { key: 'area', header: t('alm.routes.col.area'), render: (r) => r.unitName },
    { key: 'minSeverity', header: t('alm.routes.col.minSeverity'), render: (r) => <SeverityBadge severity={r.minSeverity} /> },
    { key: 'channel', header: t('alm.routes.col.channel'), render: (r) => t(`alm.routes.channel.${r.channel}`) },
    { key: 'target', header: t('alm.routes.col.target'), render: (r) => (r.channel === 'in-app' ? r.roles.map((x) => t(`alm.role.${x}`, { defaultValue: x })).join(', ') : r.channel === 'email' ? r.emails.join(', ') : r.webhookUrl) },
    {
      key: 'escalation', header: t('alm.routes.col.escalation'), render: (r) => [
        r.escalationOnly ? t('alm.routes.escalation.onlyShort') : null,
        r.escalateAfterMinutes !== null && r.escalateToRouteName !== null ? t('alm.routes.escalation.rule', { n: r.escalateAfterMinutes, to: r.escalateToRouteName }) : null,
      ].filter(Boolean).join(' · ') || '—',
    },
    {
      key: 'wait', header: t('alm.routes.col.wait'), render: (r) => (
        <>{t('alm.routes.seconds', { n: r.groupWaitSeconds })}{mayConfigure && (
          <> <button type="button" className="button button-small" disabled={remove.isPending}
            onClick={() => remove.mutate(r.id, { onError: (e) => toast.show(errorMessage(e, lang, t('state.error')), 'error') })}>{t('alm.routes.delete')}</button></>
        )}</>
      ),
    },
  ];
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('alm.routes.title')}</h1>
        {mayConfigure && <div className="toolbar"><button type="button" className="button button-primary" onClick={() => setCreating(true)}>{t('alm.routes.new')}</button></div>}
      </header>
      <p className="hint">{t('alm.routes.intro')}</p>
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()} isEmpty={list.data?.length === 0} emptyText={t('alm.routes.empty')}>
        {list.data && <DataTable caption={t('alm.routes.caption')} columns={columns} rows={list.data} rowKey={(r) => r.id} />}
      </PageState>
      {creating && <RouteDialog onClose={() => setCreating(false)} />}
    </section>
  );
}

function RouteDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const create = useCreateRoute();
  const session = useSession();
  const { asOf } = useAsOf();
  const tree = useQuery(unitTreeQuery(asOf));
  const [name, setName] = useState('');
  const [unitId, setUnitId] = useState<string | null>(session.user.scopeUnitId);
  const [minSeverity, setMinSeverity] = useState<AlarmSeverity>('major');
  const [channel, setChannel] = useState<(typeof routeChannels)[number]>('in-app');
  const [emails, setEmails] = useState('');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [webhookSecret, setWebhookSecret] = useState('');
  const [wait, setWait] = useState('30');
  const [role, setRole] = useState<'operator' | 'leader' | 'admin'>('operator');
  const routes = useQuery(routesQuery());
  const [escalateAfter, setEscalateAfter] = useState('');
  const [escalateTo, setEscalateTo] = useState('');
  const [escalationOnly, setEscalationOnly] = useState(false);
  function submit(e: React.FormEvent) {
    e.preventDefault();
    create.mutate({
      name: name.trim(), unitId: unitId ?? undefined, minSeverity, channel, groupWaitSeconds: Number(wait) || 0, escalationOnly,
      ...(escalateTo && Number(escalateAfter) > 0 ? { escalateAfterMinutes: Number(escalateAfter), escalateToRouteId: escalateTo } : {}),
      ...(channel === 'in-app' ? { roles: [role] } : {}),
      ...(channel === 'email' ? { emails: emails.split(',').map((x) => x.trim()).filter(Boolean) } : {}),
      ...(channel === 'webhook' ? { webhookUrl: webhookUrl.trim(), ...(webhookSecret ? { webhookSecret } : {}) } : {}),
    }, {
      onSuccess: onClose,
      onError: (err) => toast.show(errorMessage(err, i18n.language, t('state.error')), 'error'),
    });
  }
  return (
    <Dialog open title={t('alm.routes.new')} onClose={onClose} wide>
      <form className="alm-form" onSubmit={submit}>
        <div className="field alm-wide"><label htmlFor="route-name">{t('alm.routes.col.name')}</label>
          <input id="route-name" className="input" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} /></div>
        <UnitTreePicker label={t('alm.routes.col.area')} roots={tree.data?.roots ?? []} value={unitId} isLoading={tree.isPending} onChange={(id) => setUnitId(id)} required />
        <div className="field"><label htmlFor="route-sev">{t('alm.routes.col.minSeverity')}</label>
          <select id="route-sev" className="input" value={minSeverity} onChange={(e) => setMinSeverity(e.target.value as AlarmSeverity)}>
            {alarmSeverities.map((s) => <option key={s} value={s}>{t(`alm.severity.${s}`)}</option>)}
          </select></div>
        <div className="field"><label htmlFor="route-channel">{t('alm.routes.col.channel')}</label>
          <select id="route-channel" className="input" value={channel} onChange={(e) => setChannel(e.target.value as typeof channel)}>
            {routeChannels.map((c) => <option key={c} value={c}>{t(`alm.routes.channel.${c}`)}</option>)}
          </select></div>
        <div className="field"><label htmlFor="route-wait">{t('alm.routes.wait')}</label>
          <input id="route-wait" className="input" type="number" min={0} max={3600} value={wait} onChange={(e) => setWait(e.target.value)} /></div>
        {channel === 'in-app' && <div className="field"><label htmlFor="route-role">{t('alm.routes.roles')}</label>
          <select id="route-role" className="input" value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
            {(['operator', 'leader', 'admin'] as const).map((r) => <option key={r} value={r}>{t(`alm.role.${r}`)}</option>)}
          </select></div>}
        {channel === 'email' && <div className="field alm-wide"><label htmlFor="route-emails">{t('alm.routes.emails')}</label>
          <input id="route-emails" className="input" required value={emails} onChange={(e) => setEmails(e.target.value)} /></div>}
        {channel === 'webhook' && (
          <>
            <div className="field alm-wide"><label htmlFor="route-url">{t('alm.routes.webhookUrl')}</label>
              <input id="route-url" className="input" type="url" required value={webhookUrl} onChange={(e) => setWebhookUrl(e.target.value)} /></div>
            <div className="field alm-wide"><label htmlFor="route-secret">{t('alm.routes.webhookSecret')}</label>
              <input id="route-secret" className="input" value={webhookSecret} minLength={16} onChange={(e) => setWebhookSecret(e.target.value)} /></div>
          </>
        )}
        <fieldset className="alm-wide alm-escalation">
          <legend>{t('alm.routes.escalation.title')}</legend>
          <p className="hint">{t('alm.routes.escalation.hint')}</p>
          <div className="field"><label htmlFor="route-escalate-after">{t('alm.routes.escalation.after')}</label>
            <input id="route-escalate-after" className="input" type="number" min={1} max={10080} value={escalateAfter} required={escalateTo !== ''}
              onChange={(e) => setEscalateAfter(e.target.value)} /></div>
          <div className="field"><label htmlFor="route-escalate-to">{t('alm.routes.escalation.to')}</label>
            <select id="route-escalate-to" className="input" value={escalateTo} required={escalateAfter !== ''} onChange={(e) => setEscalateTo(e.target.value)}>
              <option value="">{t('alm.routes.escalation.none')}</option>
              {(routes.data ?? []).map((r) => <option key={r.id} value={r.id}>{r.name} · {r.unitName}</option>)}
            </select></div>
          <label className="checkbox"><input id="route-escalation-only" type="checkbox" checked={escalationOnly} onChange={(e) => setEscalationOnly(e.target.checked)} />
            {t('alm.routes.escalation.only')}</label>
        </fieldset>
        <div className="toolbar alm-wide">
          <button type="submit" className="button button-primary" disabled={create.isPending || !unitId}>{t('alm.form.save')}</button>
          <button type="button" className="button" onClick={onClose}>{t('alm.form.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
