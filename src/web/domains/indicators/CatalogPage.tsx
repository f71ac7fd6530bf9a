// Catalogue (read-only): indicators with search and sector filter, formulas and disaggregations; forms with
// their versions and row counts; validation rules.
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { sectors, type FormSummary, type Indicator, type ValidationRule } from '../../../shared/contracts/indicators.js';
import { useSearchParam } from '../../app/url-state.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { PageState } from '../../ui/PageState.js';
import { dimensionsQuery, formsQuery, indicatorListQuery, validationRulesQuery } from './indicators.api.js';
import { periodLabel } from './periods.js';

type Tab = 'indicators' | 'forms' | 'rules';

export function CatalogPage() {
  const { t } = useTranslation();
  const [tabParam, setTab] = useSearchParam('tab');
  const tab: Tab = tabParam === 'forms' || tabParam === 'rules' ? tabParam : 'indicators';
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('ind.catalog.title')}</h1>
        <div className="segmented" role="group" aria-label={t('ind.catalog.title')}>
          {(['indicators', 'forms', 'rules'] as const).map((key) => (
            <button key={key} type="button" aria-pressed={tab === key} onClick={() => setTab(key === 'indicators' ? null : key)}>{t(`ind.catalog.${key}`)}</button>
          ))}
        </div>
      </header>
      {tab === 'indicators' && <IndicatorsTab />}
      {tab === 'forms' && <FormsTab />}
      {tab === 'rules' && <RulesTab />}
    </section>
  );
}

function IndicatorsTab() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const [q, setQ] = useState('');
  const [sector, setSector] = useState('');
  const list = useQuery(indicatorListQuery(q.trim(), sector));
  const dims = useQuery(dimensionsQuery());
  const dimName = useMemo(() => new Map((dims.data ?? []).map((d) => [d.code, en ? d.nameEn : d.name])), [dims.data, en]);
  const columns: Column<Indicator>[] = [
    { key: 'code', header: t('ind.catalog.code'), render: (i) => <code>{i.code}</code>, sortValue: (i) => i.code },
    { key: 'name', header: t('ind.catalog.name'), render: (i) => (en ? i.nameEn : i.name), sortValue: (i) => (en ? i.nameEn : i.name) },
    { key: 'unit', header: t('ind.catalog.measureUnit'), render: (i) => i.measureUnit },
    { key: 'sector', header: t('ind.catalog.sector'), render: (i) => t(`ind.sector.${i.sector}`), sortValue: (i) => i.sector },
    { key: 'agg', header: t('ind.catalog.aggregation'), render: (i) => `${t(`ind.aggregation.${i.unitAggregation}`)} / ${t(`ind.aggregation.${i.timeAggregation}`)}` },
    { key: 'formula', header: t('ind.catalog.formula'), render: (i) => (i.formula ? <code className="formula">{i.formula}</code> : '—') },
    { key: 'dims', header: t('ind.catalog.dimensions'), render: (i) => (i.dimensionCodes.length ? i.dimensionCodes.map((c) => dimName.get(c) ?? c).join(' × ') : '—') },
  ];
  return (
    <>
      <div className="filters">
        <div className="field">
          <label htmlFor="ind-q">{t('ind.catalog.search')}</label>
          <input id="ind-q" type="search" className="input" value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="ind-sector">{t('ind.catalog.sector')}</label>
          <select id="ind-sector" className="input" value={sector} onChange={(e) => setSector(e.target.value)}>
            <option value="">{t('ind.catalog.allSectors')}</option>
            {sectors.map((s) => <option key={s} value={s}>{t(`ind.sector.${s}`)}</option>)}
          </select>
        </div>
      </div>
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()} isEmpty={list.data?.length === 0}>
        <p className="muted">{t('ind.catalog.count', { count: list.data?.length ?? 0 })}</p>
        <DataTable caption={t('ind.catalog.indicatorsCaption')} columns={columns} rows={list.data ?? []} rowKey={(i) => i.id} />
      </PageState>
    </>
  );
}

function FormsTab() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const forms = useQuery(formsQuery());
  const rows = useMemo(() => [...(forms.data ?? [])].sort((a, b) => a.code.localeCompare(b.code, 'vi') || b.version - a.version), [forms.data]);
  const columns: Column<FormSummary>[] = [
    { key: 'code', header: t('ind.catalog.code'), render: (f) => <code>{f.code}</code>, sortValue: (f) => f.code },
    { key: 'version', header: t('ind.catalog.version'), className: 'num', render: (f) => `v${f.version}`, sortValue: (f) => f.version },
    { key: 'name', header: t('ind.catalog.name'), render: (f) => (en ? f.nameEn : f.name) },
    { key: 'type', header: t('ind.catalog.periodType'), render: (f) => t(`ind.periodType.${f.periodType}`) },
    { key: 'from', header: t('ind.catalog.validFrom'), render: (f) => periodLabel(f.validFromPeriod, t) },
    { key: 'deadline', header: t('ind.catalog.deadline'), render: (f) => t('ind.catalog.deadlineValue', { cutoff: f.cutoffDay, days: f.deadlineDays }) },
    { key: 'rows', header: t('ind.catalog.rows'), className: 'num', render: (f) => f.rowCount, sortValue: (f) => f.rowCount },
    { key: 'assigned', header: t('ind.catalog.assigned'), className: 'num', render: (f) => f.assignedCount, sortValue: (f) => f.assignedCount },
  ];
  return (
    <PageState isLoading={forms.isPending} error={forms.error} onRetry={() => void forms.refetch()} isEmpty={rows.length === 0}>
      <DataTable caption={t('ind.catalog.formsCaption')} columns={columns} rows={rows} rowKey={(f) => f.id} />
    </PageState>
  );
}

function RulesTab() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const rules = useQuery(validationRulesQuery());
  const columns: Column<ValidationRule>[] = [
    { key: 'code', header: t('ind.catalog.code'), render: (r) => <code>{r.code}</code>, sortValue: (r) => r.code },
    { key: 'name', header: t('ind.catalog.name'), render: (r) => (en ? r.nameEn : r.name) },
    { key: 'kind', header: t('ind.catalog.kind'), render: (r) => t(`ind.ruleKind.${r.kind}`), sortValue: (r) => r.kind },
    { key: 'severity', header: t('ind.catalog.severity'), render: (r) => <span className={`badge severity-${r.severity}`}>{t(`ind.severity.${r.severity}`)}</span>, sortValue: (r) => r.severity },
    { key: 'form', header: t('ind.catalog.appliesTo'), render: (r) => r.formCode ?? t('ind.catalog.allForms') },
    { key: 'params', header: t('ind.catalog.params'), render: (r) => <code className="formula">{Object.entries(r.params).map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('; ')}</code> },
  ];
  return (
    <PageState isLoading={rules.isPending} error={rules.error} onRetry={() => void rules.refetch()} isEmpty={rules.data?.length === 0}>
      <DataTable caption={t('ind.catalog.rulesCaption')} columns={columns} rows={rules.data ?? []} rowKey={(r) => r.id} />
    </PageState>
  );
}
