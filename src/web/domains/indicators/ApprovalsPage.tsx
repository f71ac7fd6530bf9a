// Approvals inbox: every submitted report, of any form and period, that the signed-in approver may decide on.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FormSummary } from '../../../shared/contracts/indicators.js';
import { formatDateTime } from '../../app/format.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { PageState } from '../../ui/PageState.js';
import { approvalsInboxQuery } from './indicators.api.js';
import { SyntheticNote } from './IndicatorsSection.js';
import { periodLabel } from './periods.js';

export function latestForms(forms: FormSummary[] | undefined): FormSummary[] {
  const latest = new Map<string, FormSummary>();
  for (const f of forms ?? []) if ((latest.get(f.code)?.version ?? 0) < f.version) latest.set(f.code, f);
  return [...latest.values()].sort((a, b) => a.code.localeCompare(b.code, 'vi'));
}

interface Pending { key: string; formCode: string; formName: string; unitId: string; unitName: string; period: string; submittedAt: string | null; daysLate: number }

export function ApprovalsPage() {
  const { t, i18n } = useTranslation();
  const inbox = useQuery(approvalsInboxQuery());
  const rows: Pending[] = (inbox.data?.items ?? []).map((r) => ({
    key: r.id, formCode: r.formCode, formName: i18n.language.startsWith('en') ? r.formNameEn : r.formName,
    unitId: r.unitId, unitName: r.unitName, period: r.periodId, submittedAt: r.submittedAt, daysLate: r.daysLate,
  }));

  const columns: Column<Pending>[] = [
    { key: 'form', header: t('ind.approvals.form'), render: (r) => <><strong>{r.formCode}</strong><br /><span className="muted">{r.formName}</span></>, sortValue: (r) => r.formCode },
    { key: 'unit', header: t('ind.approvals.unit'), render: (r) => r.unitName, sortValue: (r) => r.unitName },
    { key: 'period', header: t('ind.approvals.period'), render: (r) => periodLabel(r.period, t), sortValue: (r) => r.period },
    { key: 'at', header: t('ind.approvals.submittedAt'), render: (r) => formatDateTime(r.submittedAt, i18n.language), sortValue: (r) => r.submittedAt },
    { key: 'late', header: t('ind.approvals.late'), render: (r) => (r.daysLate > 0 ? <span className="badge badge-late">{t('ind.entry.late')} · {r.daysLate}</span> : '—'), sortValue: (r) => r.daysLate },
    {
      key: 'open', header: t('common.actions'),
      render: (r) => <Link className="button button-small" to={`/indicators/entry?${new URLSearchParams({ form: r.formCode, reportUnit: r.unitId, period: r.period, review: '1' }).toString()}`}>{t('ind.approvals.open')}</Link>,
    },
  ];

  return (
    <section aria-labelledby="page-title">
      <header className="page-header"><h1 id="page-title">{t('ind.approvals.title')}</h1></header>
      <p className="lead">{t('ind.approvals.intro')}</p>
      <SyntheticNote />
      <PageState isLoading={inbox.isPending} error={inbox.error} onRetry={() => void inbox.refetch()} isEmpty={rows.length === 0} emptyText={t('ind.approvals.empty')}>
        <p className="muted">{t('common.total', { count: rows.length })}</p>
        <DataTable caption={t('ind.approvals.caption')} columns={columns} rows={rows} rowKey={(r) => r.key} />
      </PageState>
    </section>
  );
}
