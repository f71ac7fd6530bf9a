// Data-quality view: for one form and period, every report that has values and the validation rules it
// fails (blocking first), with a link to open the report.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DataQuality } from '../../../shared/contracts/indicators.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { PageState } from '../../ui/PageState.js';
import { latestForms } from './ApprovalsPage.js';
import { formsQuery, qualityQuery } from './indicators.api.js';
import { SyntheticNote } from './IndicatorsSection.js';
import { FormPeriodSelects, useFormPeriod } from './FormPeriodPicker.js';

type Report = DataQuality['reports'][number];

export function QualityPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const forms = useQuery(formsQuery());
  const list = useMemo(() => latestForms(forms.data), [forms.data]);
  const choice = useFormPeriod(list);
  const { form, period } = choice;
  const quality = useQuery(qualityQuery(form?.code ?? '', period));

  const columns: Column<Report>[] = [
    { key: 'unit', header: t('ind.quality.unit'), render: (r) => r.unitName, sortValue: (r) => r.unitName },
    { key: 'state', header: t('ind.reporting.state'), render: (r) => <span className={`badge state-badge state-${r.state}`}>{t(`ind.state.${r.state}`)}</span>, sortValue: (r) => r.state },
    {
      key: 'failures', header: t('ind.quality.failures'),
      render: (r) => (r.failures.length === 0 ? <span className="muted">{t('ind.quality.passes')}</span> : (
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {r.failures.map((f) => (
            <li key={f.ruleCode}>
              <span className={`badge ${f.severity === 'blocking' ? 'badge-missing' : 'badge-late-submitted'}`}>{t(`ind.quality.${f.severity}`)}</span>{' '}
              {en ? f.message : f.messageVi}
            </li>
          ))}
        </ul>
      )),
      sortValue: (r) => r.failures.filter((f) => f.severity === 'blocking').length * 1000 + r.failures.length,
    },
    {
      key: 'open', header: t('common.actions'),
      render: (r) => <Link className="button button-small" to={`/indicators/entry?${new URLSearchParams({ form: form?.code ?? '', reportUnit: r.unitId, period }).toString()}`}>{t('ind.quality.open')}</Link>,
    },
  ];

  return (
    <section aria-labelledby="page-title">
      <header className="page-header"><h1 id="page-title">{t('ind.quality.title')}</h1></header>
      <p className="lead">{t('ind.quality.intro')}</p>
      <SyntheticNote />
      <PageState isLoading={forms.isPending} error={forms.error} onRetry={() => void forms.refetch()} isEmpty={list.length === 0}>
        <FormPeriodSelects idPrefix="quality" forms={list} choice={choice} />
        <PageState isLoading={quality.isPending} error={quality.error} onRetry={() => void quality.refetch()} isEmpty={quality.data?.checked === 0} emptyText={t('ind.quality.empty')}>
          {quality.data && (
            <>
              <ul className="stat-tiles">
                <li><span className="stat-label">{t('ind.quality.rules')}</span><span className="stat-value">{quality.data.rules}</span></li>
                <li><span className="stat-label">{t('ind.quality.checked')}</span><span className="stat-value">{quality.data.checked}</span></li>
                <li><span className="stat-label">{t('ind.quality.withBlocking')}</span><span className="stat-value" data-testid="quality-blocking">{quality.data.blocking}</span></li>
                <li><span className="stat-label">{t('ind.quality.withWarnings')}</span><span className="stat-value">{quality.data.warnings}</span></li>
              </ul>
              <DataTable caption={t('ind.quality.caption')} columns={columns} rows={quality.data.reports} rowKey={(r) => r.unitId} />
            </>
          )}
        </PageState>
      </PageState>
    </section>
  );
}
