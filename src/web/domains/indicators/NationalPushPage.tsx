// Delivery log of reports pushed to the national reporting system: status, attempts and their log, resend;
// and the table of national indicator codes.
import { Fragment, useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { NationalDelivery, OutboxStatus } from '../../../shared/contracts/national-push.js';
import { api, apiRequest } from '../../api/client.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatDateTime } from '../../app/format.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError, PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { periodLabel } from './periods.js';

type DeliveryList = { items: NationalDelivery[] };
interface NationalCodeRow { indicatorCode: string; nationalCode: string; nationalName: string | null; updatedAt: string }
const PAGE = 50;
const statuses: OutboxStatus[] = ['pending', 'delivered', 'failed'];

export function NationalPushPage() {
  const { t } = useTranslation();
  const session = useSession();
  if (!hasPermission(session, 'audit:read')) {
    return <p className="state state-error" role="alert">{t('ind.push.forbidden')}</p>;
  }
  return (
    <section aria-labelledby="page-title" className="push-page">
      <header className="page-header">
        <h1 id="page-title">{t('ind.push.title')}</h1>
        <p className="muted">{t('ind.push.intro')}</p>
      </header>
      <DeliveryLog canResend={hasPermission(session, 'catalog:write')} />
      <NationalCodes canEdit={hasPermission(session, 'catalog:write')} />
    </section>
  );
}

function DeliveryLog({ canResend }: { canResend: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [status, setStatus] = useState<OutboxStatus | ''>('');
  const [formInput, setFormInput] = useState('');
  const [formCode, setFormCode] = useState('');
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [resending, setResending] = useState<NationalDelivery | null>(null);

  const list = useInfiniteQuery({
    queryKey: ['indicators', 'national-push', 'outbox', status, formCode],
    queryFn: ({ pageParam, signal }) => api.get<DeliveryList>('/api/national-push/outbox',
      { status: status || undefined, formCode: formCode || undefined, limit: PAGE, beforeId: pageParam ?? undefined }, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => (last.items.length < PAGE ? null : last.items[last.items.length - 1]!.id),
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  function toggle(id: number) {
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id); else next.add(id);
      return next;
    });
  }

  return (
    <div className="card">
      <form className="filters" onSubmit={(e) => { e.preventDefault(); setFormCode(formInput.trim()); }}>
        <div className="field">
          <label htmlFor="push-status">{t('ind.push.status')}</label>
          <select id="push-status" className="input" value={status} onChange={(e) => setStatus(e.target.value as OutboxStatus | '')}>
            <option value="">{t('ind.push.allStatuses')}</option>
            {statuses.map((s) => <option key={s} value={s}>{t(`ind.push.statuses.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="push-form">{t('ind.push.formCode')}</label>
          <input id="push-form" className="input" value={formInput} maxLength={60} onChange={(e) => setFormInput(e.target.value)} />
        </div>
        <div className="form-actions"><button type="submit" className="button button-primary">{t('ind.push.filter')}</button></div>
      </form>
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()} isEmpty={items.length === 0} emptyText={t('ind.push.empty')}>
        <div className="table-wrap">
          <table className="data-table" data-testid="push-table">
            <thead>
              <tr>
                <th scope="col">{t('ind.push.status')}</th>
                <th scope="col">{t('ind.push.key')}</th>
                <th scope="col">{t('ind.push.form')}</th>
                <th scope="col">{t('ind.push.unit')}</th>
                <th scope="col">{t('ind.push.period')}</th>
                <th scope="col">{t('ind.push.attempts')}</th>
                <th scope="col">{t('ind.push.lastError')}</th>
                <th scope="col">{t('ind.push.deliveredAt')}</th>
                <th scope="col">{t('ind.push.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <Fragment key={d.id}>
                  <tr>
                    <td><span className={`badge push-status push-${d.status}`}>{t(`ind.push.statuses.${d.status}`)}</span></td>
                    <td><code className="push-key">{d.key}</code></td>
                    <td>{d.formCode ?? '—'}{d.revision !== null ? <span className="muted"> r{d.revision}</span> : null}</td>
                    <td>{d.unitCode ?? '—'}</td>
                    <td>{d.periodId ? periodLabel(d.periodId, t) : '—'}</td>
                    <td className="num">{d.attempts}</td>
                    <td className="push-error">{d.lastError ?? '—'}{d.status === 'pending' && d.nextAttemptAt
                      ? <span className="muted"> ({t('ind.push.nextAttemptAt')}: {formatDateTime(d.nextAttemptAt, lang)})</span> : null}</td>
                    <td>{formatDateTime(d.deliveredAt, lang)}</td>
                    <td className="actions">
                      <button type="button" className="button button-small" aria-expanded={open.has(d.id)} aria-controls={`push-log-${d.id}`}
                        onClick={() => toggle(d.id)}>{open.has(d.id) ? t('ind.push.hideLog') : t('ind.push.showLog')}</button>
                      {canResend && d.status !== 'pending' && (
                        <button type="button" className="button button-small" onClick={() => setResending(d)}>{t('ind.push.resend')}</button>
                      )}
                    </td>
                  </tr>
                  {open.has(d.id) && (
                    <tr id={`push-log-${d.id}`} className="push-log-row">
                      <td colSpan={9}><AttemptLog delivery={d} /></td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
        {list.hasNextPage && (
          <button type="button" className="button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>{t('ind.push.more')}</button>
        )}
      </PageState>
      {resending && <ResendDialog delivery={resending} onClose={() => setResending(null)} />}
    </div>
  );
}

function AttemptLog({ delivery }: { delivery: NationalDelivery }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="push-log">
      {delivery.unmappedIndicators.length > 0 && <p className="hint hint-warning">{t('ind.push.unmapped', { codes: delivery.unmappedIndicators.join(', ') })}</p>}
      {delivery.attemptLog.length === 0 ? <p className="muted">{t('ind.push.noAttempts')}</p> : (
        <table className="data-table compact-table">
          <caption className="visually-hidden">{t('ind.push.logCaption', { key: delivery.key })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ind.push.at')}</th>
              <th scope="col">{t('ind.push.httpStatus')}</th>
              <th scope="col">{t('ind.push.responseBody')}</th>
              <th scope="col">{t('ind.push.error')}</th>
              <th scope="col">{t('ind.push.duration')}</th>
            </tr>
          </thead>
          <tbody>
            {delivery.attemptLog.map((a, i) => (
              <tr key={`${a.at}:${i}`}>
                <td>{formatDateTime(a.at, i18n.language)}</td>
                <td className="num">{a.httpStatus ?? '—'}</td>
                <td><code className="push-response">{a.responseBody ?? '—'}</code></td>
                <td>{a.error ?? '—'}</td>
                <td className="num">{a.durationMs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function ResendDialog({ delivery, onClose }: { delivery: NationalDelivery; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const queryClient = useQueryClient();
  const resend = useMutation({
    mutationFn: () => api.post<NationalDelivery>(`/api/national-push/outbox/${delivery.id}/resend`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['indicators', 'national-push'] });
      toast.show(t('ind.push.resent'));
      onClose();
    },
  });
  return (
    <Dialog open title={t('ind.push.resendTitle')} onClose={onClose}>
      <p>{t('ind.push.resendConfirm', { key: delivery.key })}</p>
      <FormError error={resend.error} />
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
        <button type="button" className="button button-primary" disabled={resend.isPending} onClick={() => resend.mutate()}>{t('ind.push.resend')}</button>
      </div>
    </Dialog>
  );
}

interface EditRow { indicatorCode: string; nationalCode: string; nationalName: string; original: NationalCodeRow | null }

function NationalCodes({ canEdit }: { canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const queryClient = useQueryClient();
  const codes = useQuery({
    queryKey: ['indicators', 'national-push', 'codes'],
    queryFn: ({ signal }) => api.get<NationalCodeRow[]>('/api/national-push/codes', undefined, signal),
  });
  const [rows, setRows] = useState<EditRow[] | null>(null);
  const editing = rows ?? (codes.data ?? []).map((c) => ({ indicatorCode: c.indicatorCode, nationalCode: c.nationalCode, nationalName: c.nationalName ?? '', original: c }));

  const save = useMutation({
    mutationFn: (body: { codes: { indicatorCode: string; nationalCode: string | null; nationalName: string | null }[] }) =>
      apiRequest<NationalCodeRow[]>('/api/national-push/codes', { method: 'PUT', body }),
    onSuccess: (data) => {
      queryClient.setQueryData(['indicators', 'national-push', 'codes'], data);
      setRows(null);
      toast.show(t('ind.push.codesSaved'));
    },
  });

  function patch(index: number, change: Partial<EditRow>) {
    setRows(editing.map((r, i) => (i === index ? { ...r, ...change } : r)));
  }

  function onSave() {
    const changed = editing.filter((r) => r.indicatorCode.trim() !== '' && (!r.original
      || r.original.nationalCode !== r.nationalCode.trim() || (r.original.nationalName ?? '') !== r.nationalName.trim()));
    if (changed.length === 0) { setRows(null); return; }
    save.mutate({
      codes: changed.map((r) => ({
        indicatorCode: r.indicatorCode.trim(),
        nationalCode: r.nationalCode.trim() === '' ? null : r.nationalCode.trim(),
        nationalName: r.nationalName.trim() === '' ? null : r.nationalName.trim(),
      })),
    });
  }

  return (
    <div className="card">
      <h2>{t('ind.push.codesTitle')}</h2>
      <p className="muted">{t('ind.push.codesIntro')}</p>
      <PageState isLoading={codes.isPending} error={codes.error} onRetry={() => void codes.refetch()}>
        <form onSubmit={(e) => { e.preventDefault(); onSave(); }}>
          <div className="table-wrap">
            <table className="data-table compact-table" data-testid="national-codes">
              <thead>
                <tr>
                  <th scope="col">{t('ind.push.indicatorCode')}</th>
                  <th scope="col">{t('ind.push.nationalCode')}</th>
                  <th scope="col">{t('ind.push.nationalName')}</th>
                  <th scope="col">{t('ind.push.updatedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {editing.length === 0 && <tr><td colSpan={4} className="muted">{t('ind.push.codesEmpty')}</td></tr>}
                {editing.map((r, i) => (
                  <tr key={r.original?.indicatorCode ?? `new-${i}`}>
                    <td>{r.original ? <code>{r.indicatorCode}</code> : (
                      <input className="input" aria-label={t('ind.push.indicatorCode')} value={r.indicatorCode} maxLength={60} disabled={!canEdit}
                        onChange={(e) => patch(i, { indicatorCode: e.target.value })} />
                    )}</td>
                    <td><input className="input" aria-label={`${t('ind.push.nationalCode')} ${r.indicatorCode}`} value={r.nationalCode} maxLength={60}
                      disabled={!canEdit} onChange={(e) => patch(i, { nationalCode: e.target.value })} /></td>
                    <td><input className="input" aria-label={`${t('ind.push.nationalName')} ${r.indicatorCode}`} value={r.nationalName} maxLength={500}
                      disabled={!canEdit} onChange={(e) => patch(i, { nationalName: e.target.value })} /></td>
                    <td>{r.original ? formatDateTime(r.original.updatedAt, i18n.language) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <FormError error={save.error} />
          {canEdit && (
            <div className="form-actions">
              <button type="button" className="button" onClick={() => setRows([...editing, { indicatorCode: '', nationalCode: '', nationalName: '', original: null }])}>{t('ind.push.addRow')}</button>
              {rows && <button type="button" className="button" onClick={() => { setRows(null); save.reset(); }}>{t('common.cancel')}</button>}
              <button type="submit" className="button button-primary" disabled={save.isPending || !rows}>{t('ind.push.saveCodes')}</button>
            </div>
          )}
        </form>
      </PageState>
    </div>
  );
}
