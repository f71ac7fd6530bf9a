// One-stop-shop connectors: each polls a system's REST API; shows its field mapping, last run, last error,
// and runs it now on demand.
import { Fragment, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { FieldMapping, type DossierConnector } from '../../../shared/contracts/dossier-ingest.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatDateTime } from '../../app/format.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError, PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { errorMessage } from '../../api/client.js';
import { connectorsQuery, useRunConnector, useSaveConnector } from './dossiers.api.js';
import { formatCount } from './dossier-format.js';
import { NoPermission } from './DossiersSection.js';

export function ConnectorsPage() {
  const session = useSession();
  if (!hasPermission(session, 'dossiers:ingest')) return <NoPermission />;
  return <ConnectorList />;
}

function ConnectorList() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const toast = useToast();
  const list = useQuery(connectorsQuery());
  const run = useRunConnector();
  const [editing, setEditing] = useState<DossierConnector | 'new' | null>(null);
  const [showMapping, setShowMapping] = useState<string | null>(null);

  function onRun(connector: DossierConnector) {
    run.mutate(connector.id, {
      onSuccess: (result) => toast.show(result.skipped ? t('dos.connectors.skipped', { name: connector.name })
        : t('dos.connectors.ranResult', { name: connector.name, dossiers: formatCount(result.dossiers, lang), created: formatCount(result.created, lang), updated: formatCount(result.updated, lang), errors: formatCount(result.errors, lang) })),
      onError: (error) => toast.show(`${connector.name}: ${errorMessage(error, lang, t('toast.failed'))}`, 'error'),
    });
  }

  const items = list.data ?? [];
  return (
    <section aria-labelledby="page-title" className="connectors-page">
      <header className="page-header">
        <h1 id="page-title">{t('dos.connectors.title')}</h1>
        <button type="button" className="button button-primary" onClick={() => setEditing('new')}>{t('dos.connectors.create')}</button>
      </header>
      <p className="hint">{t('dos.connectors.intro')}</p>
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()} isEmpty={items.length === 0} emptyText={t('dos.connectors.empty')}>
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('dos.connectors.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dos.connectors.name')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('dos.connectors.lastRun')}</th>
                <th scope="col">{t('dos.connectors.lastSuccess')}</th>
                <th scope="col" className="num">{t('dos.connectors.lastCount')}</th>
                <th scope="col">{t('dos.connectors.lastError')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => {
                const running = run.isPending && run.variables === c.id;
                return (
                  <Fragment key={c.id}>
                    <tr className={c.enabled ? undefined : 'is-ended'}>
                      <th scope="row">
                        <span className="cell-main">{c.name}</span>
                        <span className="muted cell-sub"><code>{c.source}</code> · {c.baseUrl}</span>
                        <span className="muted cell-sub">{t('dos.connectors.every', { seconds: formatCount(c.pollSeconds, lang) })}{c.hasToken ? ` · ${t('dos.connectors.hasToken')}` : ''}</span>
                      </th>
                      <td>{c.enabled ? t('dos.connectors.enabled') : t('dos.connectors.disabled')}</td>
                      <td>{c.lastRunAt ? formatDateTime(c.lastRunAt, lang) : <span className="muted">{t('dos.connectors.never')}</span>}</td>
                      <td>{c.lastSuccessAt ? formatDateTime(c.lastSuccessAt, lang) : '—'}</td>
                      <td className="num">{c.lastCount === null ? '—' : formatCount(c.lastCount, lang)}</td>
                      <td>{c.lastError ? <span className="connector-error">{c.lastError}</span> : <span className="muted">{t('dos.connectors.noError')}</span>}</td>
                      <td><div className="row-actions">
                        <button type="button" className="button button-small" disabled={running} onClick={() => onRun(c)}
                          aria-label={`${t('dos.connectors.runNow')}: ${c.name}`}>{running ? t('dos.connectors.running') : t('dos.connectors.runNow')}</button>
                        <button type="button" className="button button-small" aria-expanded={showMapping === c.id}
                          onClick={() => setShowMapping(showMapping === c.id ? null : c.id)}>{t('dos.connectors.mapping')}</button>
                        <button type="button" className="button button-small" aria-label={t('dos.connectors.edit', { name: c.name })}
                          onClick={() => setEditing(c)}>{t('common.edit')}</button>
                      </div></td>
                    </tr>
                    {showMapping === c.id && (
                      <tr className="expanded-row">
                        <td colSpan={7}><MappingTable connector={c} /></td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      </PageState>
      {editing && <ConnectorDialog connector={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function MappingTable({ connector }: { connector: DossierConnector }) {
  const { t } = useTranslation();
  const { statusValues, channelValues, ...paths } = connector.fieldMapping;
  return (
    <div className="mapping-view">
      <table className="diff-table">
        <caption className="visually-hidden">{t('dos.connectors.mapping')}</caption>
        <thead><tr><th scope="col">{t('dos.connectors.ourField')}</th><th scope="col">{t('dos.connectors.theirPath')}</th></tr></thead>
        <tbody>
          {Object.entries(paths).map(([ours, theirs]) => <tr key={ours}><td><code>{ours}</code></td><td><code>{theirs}</code></td></tr>)}
          {Object.entries(statusValues).map(([theirs, ours]) => <tr key={`s-${theirs}`}><td>{t(`dos.status.${ours}`)}</td><td><code>{theirs}</code></td></tr>)}
          {Object.entries(channelValues).map(([theirs, ours]) => <tr key={`c-${theirs}`}><td>{t(`dos.channel.${ours}`)}</td><td><code>{theirs}</code></td></tr>)}
        </tbody>
      </table>
      {connector.cursor && <p className="hint">{t('dos.connectors.cursor', { cursor: connector.cursor })}</p>}
    </div>
  );
}

function ConnectorDialog({ connector, onClose }: { connector: DossierConnector | null; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const save = useSaveConnector();
  const [name, setName] = useState(connector?.name ?? '');
  const [source, setSource] = useState(connector?.source ?? '');
  const [baseUrl, setBaseUrl] = useState(connector?.baseUrl ?? '');
  const [token, setToken] = useState('');
  const [pollSeconds, setPollSeconds] = useState(String(connector?.pollSeconds ?? 300));
  const [enabled, setEnabled] = useState(connector?.enabled ?? true);
  const [mapping, setMapping] = useState(() => JSON.stringify(connector?.fieldMapping ?? FieldMapping.parse({}), null, 2));
  const [touched, setTouched] = useState(false);

  const parsedMapping = (() => {
    try { return FieldMapping.safeParse(JSON.parse(mapping)); } catch { return null; }
  })();
  const poll = Number(pollSeconds);
  const errors = {
    name: !name.trim(),
    source: !connector && !/^[A-Za-z0-9._-]{1,60}$/.test(source.trim()),
    baseUrl: !/^https?:\/\/\S+$/.test(baseUrl.trim()),
    pollSeconds: !Number.isInteger(poll) || poll < 30 || poll > 86_400,
    mapping: !parsedMapping?.success,
  };

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (Object.values(errors).some(Boolean) || !parsedMapping?.success) return;
    const common = { name: name.trim(), baseUrl: baseUrl.trim(), pollSeconds: poll, enabled, fieldMapping: parsedMapping.data, ...(token ? { token } : {}) };
    const input = connector ? { id: connector.id, body: common } : { id: null, body: { ...common, source: source.trim() } };
    save.mutate(input, {
      onSuccess: (saved) => { toast.show(t(connector ? 'dos.connectors.updated' : 'dos.connectors.created', { name: saved.name })); onClose(); },
    });
  }

  const fieldError = (key: keyof typeof errors, message: string) => (touched && errors[key] ? <p id={`con-${key}-error`} className="form-error">{message}</p> : null);
  const invalid = (key: keyof typeof errors) => (touched && errors[key] ? { 'aria-invalid': true as const, 'aria-describedby': `con-${key}-error` } : {});

  return (
    <Dialog open wide title={connector ? t('dos.connectors.edit', { name: connector.name }) : t('dos.connectors.create')} onClose={onClose}>
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="con-name">{t('dos.connectors.name')}</label>
            <input id="con-name" className="input" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} {...invalid('name')} />
            {fieldError('name', t('dos.procedures.required'))}
          </div>
          <div className="field">
            <label htmlFor="con-source">{t('dos.connectors.source')}</label>
            <input id="con-source" className="input" value={source} maxLength={60} disabled={!!connector} onChange={(e) => setSource(e.target.value)} {...invalid('source')} />
            {fieldError('source', t('dos.procedures.codeInvalid'))}
          </div>
          <div className="field field-wide">
            <label htmlFor="con-url">{t('dos.connectors.baseUrl')}</label>
            <input id="con-url" className="input" type="url" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} {...invalid('baseUrl')} />
            {fieldError('baseUrl', t('dos.connectors.urlInvalid'))}
          </div>
          <div className="field">
            <label htmlFor="con-token">{t('dos.connectors.token')}</label>
            <input id="con-token" className="input" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} aria-describedby="con-token-hint" />
            <p id="con-token-hint" className="hint">{connector?.hasToken ? t('dos.connectors.tokenHint') : t('dos.connectors.tokenNone')}</p>
          </div>
          <div className="field">
            <label htmlFor="con-poll">{t('dos.connectors.pollSeconds')}</label>
            <input id="con-poll" className="input input-narrow" type="number" min={30} max={86400} value={pollSeconds} onChange={(e) => setPollSeconds(e.target.value)} {...invalid('pollSeconds')} />
            {fieldError('pollSeconds', t('dos.connectors.pollInvalid'))}
          </div>
          <label className="choice field-wide"><input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> {t('dos.connectors.enabled')}</label>
          <div className="field field-wide">
            <label htmlFor="con-mapping">{t('dos.connectors.mapping')}</label>
            <textarea id="con-mapping" className="input mapping-input" spellCheck={false} value={mapping} onChange={(e) => setMapping(e.target.value)}
              aria-describedby={touched && errors.mapping ? 'con-mapping-error' : 'con-mapping-hint'} aria-invalid={touched && errors.mapping ? true : undefined} rows={12} />
            <p id="con-mapping-hint" className="hint">{t('dos.connectors.mappingHint')}</p>
            {fieldError('mapping', t('dos.connectors.mappingInvalid'))}
          </div>
        </div>
        <FormError error={save.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button-primary" disabled={save.isPending}>{save.isPending ? t('common.saving') : t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}
