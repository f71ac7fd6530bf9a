// Audit log: filter by action, entity type, actor and dates; page back in time; expand a before/after diff.
import { useState, type FormEvent } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../shared/contracts/audit.js';
import { formatDateTime, vietnamLocalToIso } from '../../app/format.js';
import { DataTable } from '../../ui/DataTable.js';
import { PageState } from '../../ui/PageState.js';
import { auditQuery, type AuditFilters } from './audit.api.js';

interface FilterForm { action: string; entityType: string; actorId: string; from: string; to: string }
const emptyForm: FilterForm = { action: '', entityType: '', actorId: '', from: '', to: '' };

function toFilters(form: FilterForm): AuditFilters {
  return {
    action: form.action.trim() || undefined,
    entityType: form.entityType.trim() || undefined,
    actorId: form.actorId.trim() || undefined,
    from: form.from ? vietnamLocalToIso(`${form.from}T00:00`) : undefined,
    // The "to" day is included, to its last second.
    to: form.to ? vietnamLocalToIso(`${form.to}T23:59:59`) : undefined,
  };
}

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [form, setForm] = useState<FilterForm>(emptyForm);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const query = useInfiniteQuery(auditQuery(filters));
  const entries = query.data?.pages.flatMap((page) => page.items) ?? [];
  const lang = i18n.language;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFilters(toFilters(form));
  }

  function toggle(id: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id); else next.add(id);
      return next;
    });
  }

  const field = (key: keyof FilterForm, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`audit-${key}`}>{label}</label>
      <input id={`audit-${key}`} type={type} className="input" value={form[key]}
        onChange={(event) => setForm((f) => ({ ...f, [key]: event.target.value }))} />
    </div>
  );

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header"><h1 id="page-title">{t('audit.title')}</h1></header>
      <form className="filters" role="search" aria-label={t('audit.filters')} onSubmit={onSubmit}>
        {field('action', t('audit.action'))}
        {field('entityType', t('audit.entityType'))}
        {field('actorId', t('audit.actor'))}
        {field('from', t('audit.from'), 'date')}
        {field('to', t('audit.to'), 'date')}
        <div className="form-actions">
          <button type="submit" className="button button-primary">{t('common.apply')}</button>
          <button type="button" className="button" onClick={() => { setForm(emptyForm); setFilters({}); }}>{t('common.reset')}</button>
        </div>
      </form>
      <PageState isLoading={query.isPending} error={query.error} onRetry={() => void query.refetch()}>
        <DataTable<AuditEntry>
          caption={t('audit.title')}
          rows={entries}
          rowKey={(e) => e.id}
          renderExpanded={(e) => (expanded.has(e.id) ? <AuditDiff before={e.before} after={e.after} /> : null)}
          columns={[
            { key: 'at', header: t('audit.at'), render: (e) => <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> },
            { key: 'actor', header: t('audit.actorName'), render: (e) => <>{e.actorName} <span className="muted">({t(`audit.actorType.${e.actorType}`)})</span></> },
            { key: 'action', header: t('audit.action'), render: (e) => <code>{e.action}</code> },
            { key: 'entity', header: t('audit.entity'), render: (e) => <>{e.entityType}{e.entityId ? <span className="muted"> · {e.entityId.slice(0, 8)}</span> : null}</> },
            { key: 'ip', header: t('audit.ip'), render: (e) => e.ip ?? '—' },
            {
              key: 'diff', header: t('common.details'),
              render: (e) => (e.before === null && e.after === null ? null : (
                <button type="button" className="button button-small" aria-expanded={expanded.has(e.id)} onClick={() => toggle(e.id)}>
                  {expanded.has(e.id) ? t('audit.hideDiff') : t('audit.showDiff')}
                </button>
              )),
            },
          ]}
        />
        <div className="pager">
          {query.hasNextPage ? (
            <button type="button" className="button" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
              {query.isFetchingNextPage ? t('state.loading') : t('audit.loadOlder')}
            </button>
          ) : entries.length > 0 && <p className="muted">{t('audit.noMore')}</p>}
        </div>
      </PageState>
    </section>
  );
}

function show(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value, null, 1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const [changedOnly, setChangedOnly] = useState(true);
  if (!isRecord(before) && !isRecord(after)) {
    return (
      <div className="diff-raw">
        <div><h4>{t('audit.before')}</h4><pre>{show(before)}</pre></div>
        <div><h4>{t('audit.after')}</h4><pre>{show(after)}</pre></div>
      </div>
    );
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const rows = keys.map((key) => ({ key, before: show(b[key]), after: show(a[key]), changed: show(b[key]) !== show(a[key]) }));
  const visible = changedOnly ? rows.filter((r) => r.changed) : rows;
  return (
    <div className="diff">
      <label className="choice">
        <input type="checkbox" checked={changedOnly} onChange={(event) => setChangedOnly(event.target.checked)} />
        {t('audit.changedOnly')}
      </label>
      <table className="diff-table">
        <thead><tr><th scope="col">{t('audit.field')}</th><th scope="col">{t('audit.before')}</th><th scope="col">{t('audit.after')}</th></tr></thead>
        <tbody>
          {visible.map((row) => (
            <tr key={row.key} className={row.changed ? 'changed' : undefined}>
              <th scope="row"><code>{row.key}</code></th>
              <td><pre>{row.before}</pre></td>
              <td><pre>{row.after}</pre></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
