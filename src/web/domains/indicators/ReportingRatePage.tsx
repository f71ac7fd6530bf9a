// Reporting-rate board: every form's completeness for its last complete period, and for one chosen form
// and period the named late units (missing vs submitted late) and each unit's state.
import { useMemo } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Completeness } from '../../../shared/contracts/indicators.js';
import { formatDate, formatDateTime, formatNumber, todayInVietnam } from '../../app/format.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { PageState } from '../../ui/PageState.js';
import { latestForms } from './ApprovalsPage.js';
import { completenessQuery, formsQuery } from './indicators.api.js';
import { SyntheticNote } from './IndicatorsSection.js';
import { FormPeriodSelects, useFormPeriod } from './FormPeriodPicker.js';
import { lastCompletePeriod, periodLabel } from './periods.js';

type LateUnit = Completeness['lateUnits'][number];
type UnitState = Completeness['units'][number];

export function ReportingRatePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const today = todayInVietnam();
  const forms = useQuery(formsQuery());
  const list = useMemo(() => latestForms(forms.data), [forms.data]);
  const summaries = useQueries({ queries: list.map((f) => completenessQuery(f.code, lastCompletePeriod(f.periodType, today, f.cutoffDay))) });
  const choice = useFormPeriod(list);
  const { form, period } = choice;
  const detail = useQuery(completenessQuery(form?.code ?? '', period));
  const pct = (v: number) => formatNumber(v / 100, lang, { style: 'percent', maximumFractionDigits: 1 });
  const name = (f: { name: string; nameEn: string }) => (lang.startsWith('en') ? f.nameEn : f.name);

  const summaryRows = list.map((f, i) => ({ form: f, data: summaries[i]?.data, error: summaries[i]?.error, pending: summaries[i]?.isPending ?? true }));
  type SummaryRow = (typeof summaryRows)[number];
  const summaryColumns: Column<SummaryRow>[] = [
    { key: 'form', header: t('ind.reporting.form'), render: (r) => <button type="button" className="link-button" onClick={() => choice.chooseForm(r.form.code)}><strong>{r.form.code}</strong> — {name(r.form)}</button>, sortValue: (r) => r.form.code },
    { key: 'period', header: t('ind.reporting.period'), render: (r) => (r.data ? periodLabel(r.data.periodId, t) : '…') },
    { key: 'expected', header: t('ind.reporting.expected'), className: 'num', render: (r) => r.data?.expected ?? (r.error ? '!' : '…'), sortValue: (r) => r.data?.expected ?? null },
    { key: 'submitted', header: t('ind.reporting.submitted'), className: 'num', render: (r) => r.data?.submitted ?? '…', sortValue: (r) => r.data?.submitted ?? null },
    { key: 'onTime', header: t('ind.reporting.onTime'), className: 'num', render: (r) => r.data?.onTime ?? '…', sortValue: (r) => r.data?.onTime ?? null },
    { key: 'approved', header: t('ind.reporting.approved'), className: 'num', render: (r) => r.data?.approved ?? '…', sortValue: (r) => r.data?.approved ?? null },
    { key: 'rate', header: t('ind.reporting.rate'), className: 'num', render: (r) => (r.data ? <RateBar value={r.data.rate} label={pct(r.data.rate)} /> : '…'), sortValue: (r) => r.data?.rate ?? null },
    { key: 'onTimeRate', header: t('ind.reporting.onTimeRate'), className: 'num', render: (r) => (r.data ? <RateBar value={r.data.onTimeRate} label={pct(r.data.onTimeRate)} /> : '…'), sortValue: (r) => r.data?.onTimeRate ?? null },
  ];

  const lateColumns: Column<LateUnit>[] = [
    { key: 'unit', header: t('ind.reporting.unit'), render: (u) => u.unitName, sortValue: (u) => u.unitName },
    { key: 'days', header: t('ind.reporting.daysLate'), className: 'num', render: (u) => u.daysLate, sortValue: (u) => u.daysLate },
    { key: 'kind', header: t('ind.reporting.kind'), render: (u) => (u.submitted
      ? <span className="badge badge-late-submitted">◐ {t('ind.reporting.submittedLate')}</span>
      : <span className="badge badge-missing">✕ {t('ind.reporting.missing')}</span>), sortValue: (u) => (u.submitted ? 1 : 0) },
  ];
  const unitColumns: Column<UnitState>[] = [
    {
      key: 'unit', header: t('ind.reporting.unit'), sortValue: (u) => u.unitName,
      render: (u) => (u.agencyNames.length ? <>{u.unitName}<br /><span className="muted">{u.agencyNames.join(', ')}</span></> : u.unitName),
    },
    { key: 'state', header: t('ind.reporting.state'), render: (u) => <span className={`badge state-badge state-${u.state}`}>{t(`ind.state.${u.state}`)}</span>, sortValue: (u) => u.state },
    { key: 'at', header: t('ind.approvals.submittedAt'), render: (u) => formatDateTime(u.submittedAt, lang), sortValue: (u) => u.submittedAt },
    { key: 'late', header: t('ind.reporting.daysLate'), className: 'num', render: (u) => (u.isLate ? u.daysLate : '—'), sortValue: (u) => u.daysLate },
  ];
  const late = [...(detail.data?.lateUnits ?? [])].sort((a, b) => Number(a.submitted) - Number(b.submitted) || b.daysLate - a.daysLate || a.unitName.localeCompare(b.unitName, 'vi'));

  return (
    <section aria-labelledby="page-title">
      <header className="page-header"><h1 id="page-title">{t('ind.reporting.title')}</h1></header>
      <SyntheticNote />
      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title">{t('ind.reporting.summary')}</h2>
        <PageState isLoading={forms.isPending} error={forms.error} onRetry={() => void forms.refetch()} isEmpty={list.length === 0}>
          <DataTable caption={t('ind.reporting.summaryCaption')} columns={summaryColumns} rows={summaryRows} rowKey={(r) => r.form.code}
            rowClassName={(r) => (r.form.code === form?.code ? 'is-current' : undefined)} />
        </PageState>
      </section>
      {form && (
        <section className="card" aria-labelledby="detail-title">
          <div className="card-header">
            <h2 id="detail-title">{t('ind.reporting.detail')}: {form.code}</h2>
            <FormPeriodSelects idPrefix="rate" forms={list} choice={choice} />
          </div>
          <PageState isLoading={detail.isPending} error={detail.error} onRetry={() => void detail.refetch()} isEmpty={detail.data?.expected === 0}>
            {detail.data && (
              <>
                <ul className="stat-tiles">
                  <li><span className="stat-label">{t('ind.reporting.expected')}</span><span className="stat-value">{detail.data.expected}</span></li>
                  <li><span className="stat-label">{t('ind.reporting.submitted')}</span><span className="stat-value">{detail.data.submitted}</span><span className="muted">{pct(detail.data.rate)}</span></li>
                  <li><span className="stat-label">{t('ind.reporting.onTime')}</span><span className="stat-value">{detail.data.onTime}</span><span className="muted">{pct(detail.data.onTimeRate)}</span></li>
                  <li><span className="stat-label">{t('ind.reporting.approved')}</span><span className="stat-value">{detail.data.approved}</span></li>
                  <li><span className="stat-label">{t('ind.reporting.dueOn')}</span><span className="stat-value stat-date">{formatDate(detail.data.dueOn, lang)}</span></li>
                </ul>
                <h3>{t('ind.reporting.lateTitle')} ({late.length})</h3>
                <DataTable caption={t('ind.reporting.lateCaption')} columns={lateColumns} rows={late} rowKey={(u) => u.unitId}
                  emptyText={t('ind.reporting.lateEmpty')} rowClassName={(u) => (u.submitted ? 'row-late-submitted' : 'row-missing')} />
                <details className="all-units">
                  <summary>{t('ind.reporting.allUnits')} ({detail.data.units.length})</summary>
                  <DataTable caption={t('ind.reporting.allCaption')} columns={unitColumns} rows={detail.data.units} rowKey={(u) => u.unitId} />
                </details>
              </>
            )}
          </PageState>
        </section>
      )}
    </section>
  );
}

function RateBar({ value, label }: { value: number; label: string }) {
  return (
    <span className="rate-bar">
      <span className="rate-bar-track" aria-hidden="true"><span className="rate-bar-fill" style={{ width: `${Math.min(100, Math.max(0, value))}%` }} /></span>
      <span>{label}</span>
    </span>
  );
}
