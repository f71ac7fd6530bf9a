// Data entry (clerk) and review (approver): choose form, unit and period; the entry grid with autosave;
// validation results; the report's state and deadline; submit, and approve / return / lock / reopen.
import { useCallback, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Entry, FormSummary, ValidationResult } from '../../../shared/contracts/indicators.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatDate, todayInVietnam } from '../../app/format.js';
import { useSearchParam } from '../../app/url-state.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError, PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { EntryGrid, type SaveSummary } from './EntryGrid.js';
import { ExcelTools } from './ExcelTools.js';
import { allUnitsQuery, entryQuery, formQuery, formsQuery, useWorkflow, type WorkflowAction } from './indicators.api.js';
import { SyntheticNote } from './IndicatorsSection.js';
import { lastCompletePeriod, periodLabel, recentPeriods } from './periods.js';

export function DataEntryPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const session = useSession();
  const today = todayInVietnam();
  const [formParam, setFormParam] = useSearchParam('form');
  const [unitParam, setUnitParam] = useSearchParam('reportUnit');
  // Links from notifications carry ?unit= (also the scope picker's unit): the report unit when it reports this form.
  const [scopeUnitParam] = useSearchParam('unit');
  const [periodParam, setPeriodParam] = useSearchParam('period');
  const [review] = useSearchParam('review');

  const forms = useQuery(formsQuery());
  const formList = useMemo(() => {
    const latest = new Map<string, FormSummary>();
    for (const f of forms.data ?? []) if ((latest.get(f.code)?.version ?? 0) < f.version) latest.set(f.code, f);
    return [...latest.values()].sort((a, b) => a.code.localeCompare(b.code, 'vi'));
  }, [forms.data]);
  const formCode = formParam ?? formList[0]?.code ?? '';
  const summary = formList.find((f) => f.code === formCode);
  const form = useQuery(formQuery(formCode));
  const allUnits = useQuery(allUnitsQuery());

  const units = useMemo(() => {
    const assigned = new Set(form.data?.assignedUnitIds ?? []);
    return (allUnits.data?.items ?? [])
      .filter((u) => assigned.has(u.id) && u.path.startsWith(session.user.scopePath))
      .sort((a, b) => Number(a.validTo !== null) - Number(b.validTo !== null) || a.name.localeCompare(b.name, 'vi'));
  }, [form.data, allUnits.data, session.user.scopePath]);
  const defaultUnit = units.find((u) => u.id === session.user.scopeUnitId && u.validTo === null) ?? units.find((u) => u.validTo === null) ?? units[0];
  const unitId = unitParam && units.some((u) => u.id === unitParam) ? unitParam
    : scopeUnitParam && units.some((u) => u.id === scopeUnitParam) ? scopeUnitParam : defaultUnit?.id ?? '';

  const periodType = summary?.periodType ?? 'monthly';
  const cutoff = summary?.cutoffDay ?? 1;
  const periods = useMemo(() => recentPeriods(periodType, today, cutoff, periodType === 'yearly' ? 6 : periodType === 'monthly' ? 25 : 12), [periodType, today, cutoff]);
  const lastComplete = lastCompletePeriod(periodType, today, cutoff);
  const period = periodParam && periods.includes(periodParam) ? periodParam : lastComplete;

  const entry = useQuery(entryQuery(formCode, unitId, period));
  const [saveSummary, setSaveSummary] = useState<SaveSummary>('idle');
  const [gridRevision, setGridRevision] = useState(0);
  const onSummary = useCallback((s: SaveSummary) => setSaveSummary(s), []);

  const loadingChoices = forms.isPending || (!!formCode && (form.isPending || allUnits.isPending));
  const choiceError = forms.error ?? form.error ?? allUnits.error;

  return (
    <section aria-labelledby="page-title" className="entry-page">
      <header className="page-header">
        <h1 id="page-title">{t('ind.entry.title')}</h1>
      </header>
      <SyntheticNote />
      <div className="filters">
        <div className="field">
          <label htmlFor="entry-form">{t('ind.entry.form')}</label>
          <select id="entry-form" className="input entry-form-select" value={formCode}
            onChange={(e) => { setFormParam(e.target.value); setUnitParam(null); setPeriodParam(null); }}>
            {formList.map((f) => <option key={f.code} value={f.code}>{f.code} — {lang.startsWith('en') ? f.nameEn : f.name}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="entry-unit">{t('ind.entry.unit')}</label>
          <select id="entry-unit" className="input" value={unitId} onChange={(e) => setUnitParam(e.target.value)} disabled={units.length === 0}>
            {units.map((u) => <option key={u.id} value={u.id}>{u.name}{u.validTo ? ` ${t('ind.entry.ended')}` : ''}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="entry-period">{t('ind.period.label')}</label>
          <select id="entry-period" className="input" value={period} onChange={(e) => setPeriodParam(e.target.value === lastComplete ? null : e.target.value)}>
            {periods.map((p, i) => (
              <option key={p} value={p}>{periodLabel(p, t)}{i === 0 ? ` ${t('ind.period.current')}` : p === lastComplete ? ` ${t('ind.period.lastComplete')}` : ''}</option>
            ))}
          </select>
        </div>
      </div>

      <PageState isLoading={loadingChoices} error={choiceError} onRetry={() => { void forms.refetch(); void form.refetch(); void allUnits.refetch(); }}
        isEmpty={units.length === 0} emptyText={t('ind.entry.noUnits')}>
        <PageState isLoading={entry.isPending} error={entry.error} onRetry={() => void entry.refetch()}>
          {entry.data && (
            <>
              <ReportHeader entry={entry.data} formCode={formCode} unitId={unitId} period={period} saveSummary={saveSummary} review={review === '1'} />
              <ExcelTools key={`${formCode}|${unitId}|${period}`} formCode={formCode} unitId={unitId} period={period} editable={entry.data.editable}
                onImported={() => setGridRevision((r) => r + 1)} />
              <div className="entry-layout">
                <EntryGrid key={`${formCode}|${unitId}|${period}|${gridRevision}`} entry={entry.data} formCode={formCode} unitId={unitId} period={period} onSummary={onSummary} />
                <RulesPanel results={entry.data.validation} />
              </div>
            </>
          )}
        </PageState>
      </PageState>
    </section>
  );
}

const approverActions: Record<string, WorkflowAction[]> = {
  submitted: ['approve', 'return'],
  approved: ['lock', 'reopen'],
  locked: ['reopen'],
};

function ReportHeader({ entry, formCode, unitId, period, saveSummary, review }: {
  entry: Entry; formCode: string; unitId: string; period: string; saveSummary: SaveSummary; review: boolean;
}) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const toast = useToast();
  const workflow = useWorkflow(formCode, unitId, period);
  const [action, setAction] = useState<WorkflowAction | null>(null);
  const s = entry.submission;
  const blocking = entry.validation.filter((v) => v.severity === 'blocking');
  const canSubmit = entry.editable && (s.state === 'draft' || s.state === 'returned');
  const actions = hasPermission(session, 'values:approve') ? approverActions[s.state] ?? [] : [];

  function submit() {
    workflow.mutate({ action: 'submit' }, {
      onSuccess: () => toast.show(t('ind.entry.submitted')),
      onError: (error) => toast.show(errorMessage(error, i18n.language, t('toast.failed')), 'error'),
    });
  }

  return (
    <div className="card report-header">
      <div className="report-title">
        <h2>{i18n.language.startsWith('en') ? entry.form.nameEn : entry.form.name} <span className="muted">({entry.form.code} v{entry.form.version})</span></h2>
        <p className="report-meta">
          <span>{s.unitName}</span> · <span>{periodLabel(period, t)}</span> ·{' '}
          <span className={`badge state-badge state-${s.state}`} data-testid="report-state">{t(`ind.state.${s.state}`)}</span>{' '}
          <span>{t('ind.entry.due', { date: formatDate(s.dueOn, i18n.language) })}</span>{' '}
          {s.isLate ? <span className="badge badge-late">{t('ind.entry.late')}</span> : <span className="badge badge-ontime">{t('ind.entry.onTime')}</span>}
        </p>
        {s.reason && <p className="hint">{t('ind.entry.reason', { reason: s.reason })}</p>}
        {review && actions.length > 0 && <p className="note">{t('ind.entry.reviewMode')}</p>}
        {!entry.editable && <p className="hint">{t('ind.entry.readOnly')}</p>}
        {entry.editable && <p className="hint">{t('ind.entry.keyboardHint')}</p>}
      </div>
      <div className="report-actions">
        {entry.editable && (
          <p className={`save-summary save-${saveSummary}`} role="status" data-testid="save-summary">{t(`ind.entry.saveState.${saveSummary}`)}</p>
        )}
        {canSubmit && (
          <button type="button" className="button button-primary" onClick={submit}
            disabled={blocking.length > 0 || saveSummary !== 'idle' || workflow.isPending}
            aria-describedby={blocking.length > 0 ? 'submit-blocked' : undefined}>{t('ind.entry.submit')}</button>
        )}
        {canSubmit && blocking.length > 0 && <p id="submit-blocked" className="hint hint-warning">{t('ind.entry.submitBlocked')}</p>}
        {actions.map((a) => (
          <button key={a} type="button" className={`button${a === 'approve' ? ' button-primary' : ''}`} onClick={() => setAction(a)}>{t(`ind.entry.actions.${a}`)}</button>
        ))}
      </div>
      {action && <WorkflowDialog action={action} workflow={workflow} onClose={() => setAction(null)} />}
    </div>
  );
}

function WorkflowDialog({ action, workflow, onClose }: { action: WorkflowAction; workflow: ReturnType<typeof useWorkflow>; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const needsReason = action === 'return' || action === 'reopen';
  const missing = needsReason && reason.trim() === '';
  const blocked = workflow.error instanceof ApiError && workflow.error.code === 'validation-blocked'
    ? (workflow.error.body?.validation as ValidationResult[] | undefined) ?? [] : [];

  function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (missing) return;
    workflow.mutate({ action, reason: reason.trim() || undefined }, {
      onSuccess: (submission) => { toast.show(t('ind.entry.actionDone', { state: t(`ind.state.${submission.state}`) })); onClose(); },
    });
  }

  return (
    <Dialog open title={t('ind.entry.actionTitle', { action: t(`ind.entry.actions.${action}`) })} onClose={onClose}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="workflow-reason">{t('ind.entry.reasonLabel')}{needsReason ? '' : ` ${t('common.optional')}`}</label>
          <textarea id="workflow-reason" className="input" rows={3} value={reason} maxLength={2000} required={needsReason}
            aria-invalid={touched && missing ? true : undefined} aria-describedby={touched && missing ? 'reason-error' : undefined}
            onChange={(e) => setReason(e.target.value)} />
          {touched && missing && <p id="reason-error" className="form-error">{t('ind.entry.reasonRequired')}</p>}
        </div>
        <FormError error={workflow.error} />
        {blocked.length > 0 && <RulesList results={blocked} />}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button-primary" disabled={workflow.isPending}>{t('ind.entry.confirm')}</button>
        </div>
      </form>
    </Dialog>
  );
}

function RulesPanel({ results }: { results: ValidationResult[] }) {
  const { t } = useTranslation();
  return (
    <aside className="card rules-panel" aria-labelledby="rules-title">
      <h2 id="rules-title">{t('ind.entry.rules')}</h2>
      {results.length === 0 ? <p className="muted">{t('ind.entry.rulesOk')}</p> : <RulesList results={results} />}
    </aside>
  );
}

function RulesList({ results }: { results: ValidationResult[] }) {
  const { t, i18n } = useTranslation();
  const sorted = [...results].sort((a, b) => Number(a.severity !== 'blocking') - Number(b.severity !== 'blocking'));
  return (
    <ul className="rules-list" aria-live="polite">
      {sorted.map((r) => (
        <li key={r.ruleCode} className={`rule rule-${r.severity}`}>
          <span className={`badge severity-${r.severity}`}>{r.severity === 'blocking' ? '⛔' : '⚠'} {t(`ind.entry.${r.severity}`)}</span>{' '}
          {i18n.language.startsWith('en') ? r.message : r.messageVi}
          <span className="muted"> ({r.indicatorCodes.join(', ')})</span>
        </li>
      ))}
    </ul>
  );
}
