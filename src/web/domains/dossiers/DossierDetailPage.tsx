// One dossier: its facts (procedure, deadline, who holds it now, days overdue) and its full history, with the
// agency that held it at each step.
import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DossierDetail } from '../../../shared/contracts/dossiers.js';
import { ApiError } from '../../api/client.js';
import { formatDateTime } from '../../app/format.js';
import { useStickySearch } from '../../app/url-state.js';
import { PageState } from '../../ui/PageState.js';
import { dossierDetailQuery } from './dossiers.api.js';
import { formatCount, formatDays } from './dossier-format.js';
import { StatusBadge, TimelinessCell } from './SearchPage.js';

export function DossierDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const sticky = useStickySearch();
  const dossierId = Number(id);
  const query = useQuery(dossierDetailQuery(dossierId));
  const back = (location.state as { back?: string } | null)?.back ?? `/dossiers/search${sticky}`;
  const notFound = !Number.isInteger(dossierId) || dossierId <= 0 || (query.error instanceof ApiError && query.error.status === 404);

  return (
    <section aria-labelledby="page-title" className="dossier-detail">
      <p className="back-link"><Link to={back}>← {t('dos.detail.back')}</Link></p>
      {notFound ? (
        <>
          <h1 id="page-title">{t('dos.detail.notFoundTitle')}</h1>
          <p className="state state-empty" role="alert">{t('dos.detail.notFound')}</p>
        </>
      ) : (
        <PageState isLoading={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
          {query.data && <DossierView dossier={query.data} />}
        </PageState>
      )}
    </section>
  );
}

function DossierView({ dossier: d }: { dossier: DossierDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const en = lang.startsWith('en');
  const isFinished = d.finishedAt !== null;
  const yesNo = (v: boolean) => (v ? t('dos.common.yes') : t('dos.common.no'));
  return (
    <>
      <header className="page-header">
        <div>
          <h1 id="page-title">{t('dos.detail.title', { code: d.code })}</h1>
          <p className="muted dossier-subtitle">{d.procedureName}</p>
        </div>
        <div className="toolbar">
          <StatusBadge dossier={d} />
          <TimelinessCell dossier={d} />
        </div>
      </header>

      {d.isOverdue && (
        <p className="note note-overdue" data-testid="overdue-note">
          <strong>{t('dos.detail.overdueBanner', { formatted: formatCount(d.daysOverdue, lang) })}</strong>{' '}
          {t('dos.detail.heldBy', { agency: d.holdingAgencyName ? `${d.holdingAgencyName}${d.holdingUnitName ? ` (${d.holdingUnitName})` : ''}` : t('dos.overdue.noHolder') })}
        </p>
      )}

      <div className="detail-grid">
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title">{t('dos.detail.facts')}</h2>
          <dl className="details dossier-facts" data-testid="dossier-facts">
            <dt>{t('dos.detail.procedure')}</dt><dd>{d.procedureCode} — {d.procedureName}</dd>
            <dt>{t('dos.col.field')}</dt><dd>{d.field}</dd>
            {d.procedureNationalCode && <><dt>{t('dos.detail.nationalCode')}</dt><dd>{d.procedureNationalCode}</dd></>}
            <dt>{t('dos.detail.legalDays')}</dt><dd>{t('dos.detail.legalDaysValue', { formatted: formatCount(d.procedureProcessingDays, lang) })}</dd>
            <dt>{t('dos.detail.receivingUnit')}</dt><dd>{d.receivingUnitName}</dd>
            <dt>{t('dos.detail.handlingAgency')}</dt><dd>{d.handlingAgencyName ?? '—'}</dd>
            <dt>{t('dos.detail.holdingAgency')}</dt>
            <dd data-testid="holding-agency">{isFinished ? '—' : <>{d.holdingAgencyName ?? t('dos.overdue.noHolder')}{d.holdingUnitName ? <span className="muted"> · {d.holdingUnitName}</span> : null}</>}</dd>
            <dt>{t('dos.detail.channel')}</dt><dd>{t(`dos.channel.${d.channel}`)}</dd>
            <dt>{t('dos.detail.receivedAt')}</dt><dd>{formatDateTime(d.receivedAt, lang)}</dd>
            <dt>{t('dos.detail.dueAt')}</dt><dd>{d.dueAt ? formatDateTime(d.dueAt, lang) : t('dos.detail.noDue')}</dd>
            <dt>{t('dos.detail.daysOverdue')}</dt>
            <dd data-testid="days-overdue">{d.daysOverdue > 0 ? t('dos.detail.daysValue', { formatted: formatCount(d.daysOverdue, lang) }) : t('dos.detail.notOverdue')}</dd>
            {isFinished && <><dt>{t('dos.detail.finishedAt')}</dt><dd>{formatDateTime(d.finishedAt, lang)}</dd></>}
            {d.returnedAt && <><dt>{t('dos.detail.returnedAt')}</dt><dd>{formatDateTime(d.returnedAt, lang)}</dd></>}
            {d.processingDays !== null && <><dt>{t('dos.detail.processingDays')}</dt><dd>{t('dos.detail.daysValue', { formatted: formatDays(d.processingDays, lang) })}</dd></>}
            {d.result && <><dt>{t('dos.detail.result')}</dt><dd>{resultLabel(d.result, t)}</dd></>}
            {isFinished && <><dt>{t('dos.detail.onlinePayment')}</dt><dd>{yesNo(d.onlinePayment)}</dd></>}
            {isFinished && <><dt>{t('dos.detail.digitised')}</dt><dd>{yesNo(d.digitisedResult)}</dd></>}
            {isFinished && <><dt>{t('dos.detail.satisfaction')}</dt><dd>{d.satisfaction ? t(`dos.satisfaction.${d.satisfaction}`) : t('dos.detail.notRated')}</dd></>}
            <dt>{t('dos.detail.source')}</dt><dd><code>{d.source}</code></dd>
          </dl>
        </section>

        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">{t('dos.detail.history')}</h2>
          {d.events.length === 0 ? <p className="state state-empty">{t('dos.detail.historyEmpty')}</p> : (
            <ol className="timeline" data-testid="dossier-history">
              {d.events.map((e, i) => {
                const agency = (en ? e.agencyNameEn : null) ?? e.agencyName;
                const isLast = i === d.events.length - 1;
                return (
                  <li key={`${e.at}-${e.status}`} className={`timeline-step status-${e.status}${isLast ? ' is-current' : ''}`}>
                    <span className="timeline-dot" aria-hidden="true" />
                    <div className="timeline-body">
                      <p className="timeline-head">
                        <strong>{t(`dos.status.${e.status}`)}</strong>
                        {isLast && !isFinished && <span className="badge timeline-now">{t('dos.detail.current')}</span>}
                        <time dateTime={e.at} className="muted">{formatDateTime(e.at, lang)}</time>
                      </p>
                      <p className="timeline-agency">{agency ? t('dos.detail.stepAgency', { name: agency }) : <span className="muted">{t('dos.detail.stepNoAgency')}</span>}</p>
                      {e.note && <p className="timeline-note">{t('dos.detail.stepNote', { note: e.note })}</p>}
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      </div>
    </>
  );
}

function resultLabel(result: string, t: (key: 'dos.result.approved' | 'dos.result.rejected' | 'dos.result.withdrawn') => string): string {
  return result === 'approved' || result === 'rejected' || result === 'withdrawn' ? t(`dos.result.${result}`) : result;
}
