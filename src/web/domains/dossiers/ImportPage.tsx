// Import of dossiers from a CSV/XLSX export of a one-stop-shop system: dry run first, a progress bar while a
// large file runs (the import record, refreshed by hub events and polling), then the errors row by row.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ingestModes, type DossierImport, type IngestError, type IngestMode } from '../../../shared/contracts/dossier-ingest.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatDateTime } from '../../app/format.js';
import { useHub } from '../../app/hub-context.js';
import { ApiError } from '../../api/client.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { FormError, PageState } from '../../ui/PageState.js';
import { dossierKeys, importQuery, recentImportsQuery, useImportDossiers } from './dossiers.api.js';
import { formatCount } from './dossier-format.js';
import { NoPermission } from './DossiersSection.js';

export function ImportPage() {
  const session = useSession();
  if (!hasPermission(session, 'dossiers:ingest')) return <NoPermission />;
  return <ImportForm />;
}

/** The newest hub event about an import's progress, as far as it says (`ids[0]` is the import). */
function useImportProgressEvent(): { id: string; processedRows?: number; totalRows?: number } | null {
  const hub = useHub();
  return useMemo(() => {
    const event = hub.events.find((e) => e.type === 'dossier.import.progress');
    const id = event?.data.ids[0];
    if (!event || !id) return null;
    const number = (v: unknown) => (typeof v === 'number' ? v : undefined);
    return { id, processedRows: number(event.data.processedRows), totalRows: number(event.data.totalRows) };
  }, [hub.events]);
}

function ImportForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState('import');
  const [mode, setMode] = useState<IngestMode>('all-or-nothing');
  const [dryRun, setDryRun] = useState(true);
  const [touched, setTouched] = useState(false);
  // The upload's answer: a dry run's full report (not stored), or a real import, 'running' while it writes.
  const [answer, setAnswer] = useState<DossierImport | null>(null);
  const importId = answer && !answer.dryRun && answer.status === 'running' ? answer.id : null;
  const upload = useImportDossiers();
  const current = useQuery(importQuery(importId));
  const progressEvent = useImportProgressEvent();

  // A progress event for the import on screen: refetch it now rather than at the next poll.
  useEffect(() => {
    if (progressEvent && progressEvent.id === importId) void queryClient.invalidateQueries({ queryKey: dossierKeys.import(importId) });
  }, [progressEvent, importId, queryClient]);

  const fileBad = !file ? 'chooseFile' : !/\.(csv|xlsx)$/i.test(file.name) ? 'badType' : null;
  const sourceBad = !/^[A-Za-z0-9._-]{1,60}$/.test(source.trim());

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (fileBad || sourceBad || !file) return;
    setAnswer(null);
    upload.mutate({ file, source: source.trim(), mode, dryRun }, { onSuccess: (result) => setAnswer(result) });
  }

  // A refused all-or-nothing import may answer 422 with the import record as `report`.
  const refused = upload.error instanceof ApiError ? (upload.error.body?.report as DossierImport | undefined) : undefined;
  const shown = (importId ? current.data : null) ?? answer ?? refused ?? null;

  return (
    <section aria-labelledby="page-title" className="import-page">
      <header className="page-header"><h1 id="page-title">{t('dos.import.title')}</h1></header>
      <p className="hint">{t('dos.import.intro')}</p>
      <form className="card form import-form" onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="imp-file">{t('dos.import.file')}</label>
            <input id="imp-file" type="file" className="input" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              aria-invalid={touched && fileBad ? true : undefined} aria-describedby={touched && fileBad ? 'imp-file-error' : 'imp-columns'} />
            {touched && fileBad && <p id="imp-file-error" className="form-error">{t(`dos.import.${fileBad}`)}</p>}
          </div>
          <div className="field">
            <label htmlFor="imp-source">{t('dos.import.source')}</label>
            <input id="imp-source" className="input" value={source} maxLength={60} onChange={(e) => setSource(e.target.value)}
              aria-invalid={touched && sourceBad ? true : undefined} aria-describedby="imp-source-hint" />
            <p id="imp-source-hint" className="hint">{t('dos.import.sourceHint')}</p>
          </div>
          <fieldset className="fieldset field-wide">
            <legend>{t('dos.import.mode')}</legend>
            {ingestModes.map((m) => (
              <label key={m} className="choice">
                <input type="radio" name="imp-mode" value={m} checked={mode === m} onChange={() => setMode(m)} /> {t(`dos.import.modes.${m}`)}
              </label>
            ))}
          </fieldset>
          <label className="choice field-wide">
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> {t('dos.import.dryRun')}
          </label>
        </div>
        <p id="imp-columns" className="hint">{t('dos.import.columns')}</p>
        <FormError error={refused ? null : upload.error} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={upload.isPending || shown?.status === 'running'}>
            {upload.isPending ? t('dos.import.running') : dryRun ? t('dos.import.runDry') : t('dos.import.run')}
          </button>
        </div>
      </form>

      {upload.isPending && !shown && (
        <section className="card" aria-labelledby="imp-progress-title">
          <h2 id="imp-progress-title">{t('dos.import.progress')}</h2>
          {progressEvent?.totalRows
            ? <ProgressBar processed={progressEvent.processedRows ?? 0} total={progressEvent.totalRows} />
            : <p className="state state-loading" role="status"><span className="spinner" aria-hidden="true" />{t('dos.import.uploading')}</p>}
        </section>
      )}
      {importId && current.error && <PageState isLoading={false} error={current.error} onRetry={() => void current.refetch()}>{null}</PageState>}
      {shown && <ImportReport report={shown} />}
      <RecentImports />
    </section>
  );
}

function ProgressBar({ processed, total }: { processed: number; total: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const text = t('dos.import.progressText', { processed: formatCount(processed, lang), total: formatCount(total, lang) });
  return (
    <div className="import-progress">
      <progress className="progress" max={Math.max(total, 1)} value={Math.min(processed, total)} aria-label={t('dos.import.progress')} aria-valuetext={text} data-testid="import-progress" />
      <p className="hint" aria-live="polite">{text}</p>
    </div>
  );
}

function ImportReport({ report }: { report: DossierImport }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const en = lang.startsWith('en');
  const columns: Column<IngestError>[] = [
    { key: 'row', header: t('dos.import.row'), className: 'num', render: (e) => String(e.index), sortValue: (e) => e.index },
    { key: 'code', header: t('dos.import.code'), render: (e) => (e.code ? <code>{e.code}</code> : '—') },
    { key: 'field', header: t('dos.import.column'), render: (e) => (e.field ? <code>{e.field}</code> : '—') },
    { key: 'message', header: t('dos.import.message'), render: (e) => (en ? e.messageEn : e.message) },
  ];
  const statusText = report.status === 'running' ? t('dos.import.statusRunning') : report.status === 'done' ? t('dos.import.statusDone') : t('dos.import.statusFailed');
  return (
    <section className="card import-report" aria-labelledby="imp-report-title" data-testid="import-report" data-status={report.status}>
      <h2 id="imp-report-title">{t('dos.import.reportTitle', { file: report.fileName })}</h2>
      <ProgressBar processed={report.processedRows} total={report.totalRows} />
      <p className="import-summary" role="status">
        <strong>{statusText}</strong>
        <span>{t('dos.import.saved', { count: report.savedRows, formatted: formatCount(report.savedRows, lang) })}</span>
        <span className={report.errorRows > 0 ? 'form-error' : undefined}>{t('dos.import.errors', { formatted: formatCount(report.errorRows, lang) })}</span>
        <span className="muted">{formatDateTime(report.createdAt, lang)}{report.finishedAt ? ` → ${formatDateTime(report.finishedAt, lang)}` : ''}</span>
      </p>
      {report.dryRun && <p className="note">{t('dos.import.dryRunNote')}</p>}
      <h3>{t('dos.import.errorTable')}</h3>
      <div className="import-errors">
        <DataTable caption={t('dos.import.errorTable')} columns={columns} rows={report.errors} rowKey={(e) => `${e.index}:${e.field ?? ''}:${e.message}`}
          emptyText={report.status === 'running' ? t('dos.import.statusRunning') : t('dos.import.noErrors')} />
      </div>
      {report.errors.length >= 1000 && <p className="hint">{t('dos.import.moreErrors', { shown: formatCount(report.errors.length, lang) })}</p>}
    </section>
  );
}

function RecentImports() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useQuery(recentImportsQuery());
  const items = list.data ?? [];
  const columns: Column<DossierImport>[] = [
    { key: 'file', header: t('dos.import.fileName'), render: (r) => r.fileName },
    { key: 'source', header: t('dos.import.source'), render: (r) => <code>{r.source}</code> },
    { key: 'status', header: t('common.status'), render: (r) => (r.status === 'running' ? t('dos.import.statusRunning') : r.status === 'done' ? t('dos.import.statusDone') : t('dos.import.statusFailed')) },
    { key: 'rows', header: t('dos.import.rows'), className: 'num', render: (r) => `${formatCount(r.processedRows, lang)} / ${formatCount(r.totalRows, lang)}` },
    { key: 'saved', header: t('dos.import.savedCol'), className: 'num', render: (r) => formatCount(r.savedRows, lang) },
    { key: 'errors', header: t('dos.import.errorsCol'), className: 'num', render: (r) => formatCount(r.errorRows, lang) },
    { key: 'at', header: t('dos.import.startedAt'), render: (r) => formatDateTime(r.createdAt, lang) },
  ];
  return (
    <section className="card" aria-labelledby="imp-recent-title">
      <h2 id="imp-recent-title">{t('dos.import.recent')}</h2>
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()} isEmpty={items.length === 0} emptyText={t('dos.import.noRecent')}>
        <DataTable caption={t('dos.import.recent')} columns={columns} rows={items} rowKey={(r) => r.id} />
      </PageState>
    </section>
  );
}
