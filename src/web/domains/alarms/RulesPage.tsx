// Alarm rules: the list with each condition in words, on/off, and a form that shows the condition in words as
// it is filled in (the same describeCondition the server uses).
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  type AlarmRule, alarmSeverities, type AlarmSeverity, type ComparisonOperator, comparisonOperators, type CreateAlarmRuleBody, describeCondition,
  missingRuleFields, ruleKinds, type RuleKind,
} from '../../../shared/contracts/alarms.js';
import { errorMessage } from '../../api/client.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatNumber } from '../../app/format.js';
import { useAsOf } from '../../app/url-state.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Dialog } from '../../ui/Dialog.js';
import { PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitTreeQuery } from '../units/units.api.js';
import { rulesQuery, useDeleteRule, useSaveRule, useToggleRule } from './alarms.api.js';
import { SeverityBadge } from './ConsolePage.js';

const deviceTypes = ['air-quality', 'water-level', 'rain-gauge', 'traffic-counter'] as const;

export function RulesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const session = useSession();
  const mayConfigure = hasPermission(session, 'alarms:configure');
  const rules = useQuery(rulesQuery());
  const toggle = useToggleRule();
  const remove = useDeleteRule();
  const toast = useToast();
  const [editing, setEditing] = useState<AlarmRule | 'new' | null>(null);
  const onError = (e: unknown) => toast.show(errorMessage(e, lang, t('state.error')), 'error');

  const columns: Column<AlarmRule>[] = [
    { key: 'name', header: t('alm.rules.col.name'), render: (r) => <>{r.name}{r.isDemo && <> <span className="badge badge-dev">{t('alm.rules.demo')}</span></>}</>, sortValue: (r) => r.name },
    { key: 'type', header: t('alm.rules.col.type'), render: (r) => t(`alm.deviceType.${r.deviceType}`, { defaultValue: r.deviceType }), sortValue: (r) => r.deviceType },
    { key: 'area', header: t('alm.rules.col.area'), render: (r) => r.unitName },
    { key: 'condition', header: t('alm.rules.col.condition'), render: (r) => <span title={r.note ?? undefined}>{lang === 'en' ? r.condition.en : r.condition.vi}</span> },
    { key: 'severity', header: t('alm.rules.col.severity'), render: (r) => <SeverityBadge severity={r.severity} />, sortValue: (r) => alarmSeverities.indexOf(r.severity) },
    { key: 'open', header: t('alm.rules.col.open'), render: (r) => formatNumber(r.openAlarms, lang), sortValue: (r) => r.openAlarms },
    {
      key: 'enabled', header: t('alm.rules.col.enabled'), render: (r) => (mayConfigure ? (
        <div className="alm-actions">
          <button type="button" className="button button-small" disabled={toggle.isPending} onClick={() => toggle.mutate({ id: r.id, enabled: !r.enabled }, { onError })}>
            {r.enabled ? t('alm.rules.disable') : t('alm.rules.enable')}
          </button>
          <button type="button" className="button button-small" onClick={() => setEditing(r)}>{t('alm.rules.edit')}</button>
          <button type="button" className="button button-small" disabled={remove.isPending} onClick={() => {
            if (window.confirm(t('alm.rules.confirmDelete', { name: r.name }))) remove.mutate(r.id, { onError });
          }}>{t('alm.rules.delete')}</button>
        </div>
      ) : (r.enabled ? '✓' : '—')),
    },
  ];

  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('alm.rules.title')}</h1>
        {mayConfigure && <div className="toolbar"><button type="button" className="button button-primary" onClick={() => setEditing('new')}>{t('alm.rules.new')}</button></div>}
      </header>
      <PageState isLoading={rules.isPending} error={rules.error} onRetry={() => void rules.refetch()} isEmpty={rules.data?.length === 0} emptyText={t('alm.rules.empty')}>
        {rules.data && <DataTable caption={t('alm.rules.caption')} columns={columns} rows={rules.data} rowKey={(r) => r.id} />}
      </PageState>
      {editing && <RuleDialog rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function RuleDialog({ rule, onClose }: { rule: AlarmRule | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const toast = useToast();
  const save = useSaveRule();
  const session = useSession();
  const { asOf } = useAsOf();
  const tree = useQuery(unitTreeQuery(asOf));
  const [name, setName] = useState(rule?.name ?? '');
  const [deviceType, setDeviceType] = useState(rule?.deviceType ?? 'air-quality');
  const [unitId, setUnitId] = useState<string | null>(rule?.unitId ?? session.user.scopeUnitId);
  const [kind, setKind] = useState<RuleKind>(rule?.kind ?? 'threshold');
  const [metric, setMetric] = useState(rule?.metric ?? 'pm25');
  const [operator, setOperator] = useState<ComparisonOperator>(rule?.operator ?? '>');
  const [threshold, setThreshold] = useState(rule?.threshold?.toString() ?? '');
  const [clearThreshold, setClearThreshold] = useState(rule?.clearThreshold?.toString() ?? '');
  const [forMinutes, setForMinutes] = useState(rule?.forSeconds ? String(rule.forSeconds / 60) : '10');
  const [repeatCount, setRepeatCount] = useState(rule?.repeatCount?.toString() ?? '5');
  const [silentMinutes, setSilentMinutes] = useState(rule?.silentMinutes?.toString() ?? '15');
  const [severity, setSeverity] = useState<AlarmSeverity>(rule?.severity ?? 'major');
  const [note, setNote] = useState(rule?.note ?? '');

  const num = (s: string) => (s.trim() === '' || Number.isNaN(Number(s)) ? undefined : Number(s));
  const body = useMemo<Partial<CreateAlarmRuleBody>>(() => ({
    name: name.trim(), deviceType, unitId: unitId ?? undefined, kind, severity, enabled: rule?.enabled ?? true, note: note.trim() || null,
    ...(kind === 'no-data' ? { silentMinutes: num(silentMinutes) } : {
      metric: metric.trim(), operator, threshold: num(threshold), clearThreshold: num(clearThreshold) ?? null,
      ...(kind === 'for-duration' ? { forSeconds: (num(forMinutes) ?? 0) * 60 || undefined } : {}),
      ...(kind === 'repeat' ? { repeatCount: num(repeatCount) } : {}),
    }),
  }), [name, deviceType, unitId, kind, severity, note, silentMinutes, metric, operator, threshold, clearThreshold, forMinutes, repeatCount, rule?.enabled]);
  const missing = missingRuleFields(body as CreateAlarmRuleBody);
  const words = missing.length === 0 ? describeCondition(body as CreateAlarmRuleBody) : null;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    save.mutate({ id: rule?.id ?? null, body: body as CreateAlarmRuleBody }, {
      onSuccess: () => { toast.show(t('alm.rules.saved'), 'success'); onClose(); },
      onError: (err) => toast.show(errorMessage(err, lang, t('state.error')), 'error'),
    });
  }

  return (
    <Dialog open title={rule ? t('alm.rules.edit') : t('alm.rules.new')} onClose={onClose} wide>
      <form className="alm-form" onSubmit={submit}>
        <div className="field alm-wide"><label htmlFor="rule-name">{t('alm.form.name')}</label>
          <input id="rule-name" className="input" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} /></div>
        <div className="field"><label htmlFor="rule-type">{t('alm.form.deviceType')}</label>
          <select id="rule-type" className="input" value={deviceType} onChange={(e) => setDeviceType(e.target.value)}>
            {deviceTypes.map((d) => <option key={d} value={d}>{t(`alm.deviceType.${d}`)}</option>)}
          </select></div>
        <UnitTreePicker label={t('alm.form.area')} roots={tree.data?.roots ?? []} value={unitId} isLoading={tree.isPending} onChange={(id) => setUnitId(id)} required />
        <div className="field"><label htmlFor="rule-kind">{t('alm.form.kind')}</label>
          <select id="rule-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as RuleKind)}>
            {ruleKinds.map((k) => <option key={k} value={k}>{t(`alm.kind.${k}`)}</option>)}
          </select></div>
        <div className="field"><label htmlFor="rule-severity">{t('alm.form.severity')}</label>
          <select id="rule-severity" className="input" value={severity} onChange={(e) => setSeverity(e.target.value as AlarmSeverity)}>
            {alarmSeverities.map((s) => <option key={s} value={s}>{t(`alm.severity.${s}`)}</option>)}
          </select></div>
        {kind === 'no-data' ? (
          <div className="field"><label htmlFor="rule-silent">{t('alm.form.silentMinutes')}</label>
            <input id="rule-silent" className="input" type="number" min={1} value={silentMinutes} onChange={(e) => setSilentMinutes(e.target.value)} /></div>
        ) : (
          <>
            <div className="field"><label htmlFor="rule-metric">{t('alm.form.metric')}</label>
              <input id="rule-metric" className="input" value={metric} maxLength={60} onChange={(e) => setMetric(e.target.value)} /></div>
            <div className="field"><label htmlFor="rule-op">{t('alm.form.operator')}</label>
              <select id="rule-op" className="input" value={operator} onChange={(e) => setOperator(e.target.value as ComparisonOperator)}>
                {comparisonOperators.map((o) => <option key={o} value={o}>{o}</option>)}
              </select></div>
            <div className="field"><label htmlFor="rule-threshold">{kind === 'rate-of-change' ? t('alm.form.thresholdRate') : t('alm.form.threshold')}</label>
              <input id="rule-threshold" className="input" inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value)} /></div>
            <div className="field"><label htmlFor="rule-clear">{t('alm.form.clearThreshold')}</label>
              <input id="rule-clear" className="input" inputMode="decimal" value={clearThreshold} onChange={(e) => setClearThreshold(e.target.value)} /></div>
            {kind === 'for-duration' && (
              <div className="field"><label htmlFor="rule-for">{t('alm.form.forMinutes')}</label>
                <input id="rule-for" className="input" type="number" min={1} value={forMinutes} onChange={(e) => setForMinutes(e.target.value)} /></div>
            )}
            {kind === 'repeat' && (
              <div className="field"><label htmlFor="rule-repeat">{t('alm.form.repeatCount')}</label>
                <input id="rule-repeat" className="input" type="number" min={2} value={repeatCount} onChange={(e) => setRepeatCount(e.target.value)} /></div>
            )}
          </>
        )}
        <div className="field alm-wide"><label htmlFor="rule-note">{t('alm.rules.note')}</label>
          <input id="rule-note" className="input" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} /></div>
        <div className="alm-wide" aria-live="polite">
          <span className="field-label">{t('alm.rules.inWords')}</span>
          <p className="alm-condition" data-testid="rule-condition">{words ? (lang === 'en' ? words.en : words.vi) : '…'}</p>
        </div>
        <div className="toolbar alm-wide">
          <button type="submit" className="button button-primary" disabled={save.isPending || missing.length > 0 || !name.trim() || !unitId}>{t('alm.form.save')}</button>
          <button type="button" className="button" onClick={onClose}>{t('alm.form.cancel')}</button>
        </div>
      </form>
    </Dialog>
  );
}
