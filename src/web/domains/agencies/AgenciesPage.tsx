// Agencies: list and filter by area, kind and text; create, edit and end.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { agencyKinds, type Agency, type AgencyKind } from '../../../shared/contracts/agencies.js';
import { hasPermission, useAuth } from '../../app/auth.js';
import { formatDate, todayInVietnam } from '../../app/format.js';
import { useAsOf, useSelectedUnit } from '../../app/url-state.js';
import { DataTable } from '../../ui/DataTable.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError, PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitTreeQuery } from '../units/units.api.js';
import { agencyListQuery, useCreateAgency, useUpdateAgency } from './agencies.api.js';

type DialogState = { kind: 'create' } | { kind: 'edit'; agency: Agency } | { kind: 'end'; agency: Agency } | null;

export function AgenciesPage() {
  const { t, i18n } = useTranslation();
  const { session } = useAuth();
  const canWrite = hasPermission(session, 'agencies:write');
  const [unitId] = useSelectedUnit();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<AgencyKind | ''>('');
  const [includeEnded, setIncludeEnded] = useState(false);
  const [dialog, setDialog] = useState<DialogState>(null);
  const lang = i18n.language;
  const list = useQuery(agencyListQuery({ unitId: unitId ?? undefined, kind: kind || undefined, q: q.trim() || undefined, includeEnded: includeEnded || undefined }));

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('agencies.title')}</h1>
        {canWrite && (
          <div className="toolbar">
            <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'create' })}>{t('agencies.create')}</button>
          </div>
        )}
      </header>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="agencies-q">{t('agencies.search')}</label>
          <input id="agencies-q" type="search" className="input" value={q} onChange={(event) => setQ(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="agencies-kind">{t('agencies.kind')}</label>
          <select id="agencies-kind" className="input" value={kind} onChange={(event) => setKind(event.target.value as AgencyKind | '')}>
            <option value="">{t('common.all')}</option>
            {agencyKinds.map((value) => <option key={value} value={value}>{t(`agencyKind.${value}`)}</option>)}
          </select>
        </div>
        <label className="choice">
          <input type="checkbox" checked={includeEnded} onChange={(event) => setIncludeEnded(event.target.checked)} />
          {t('agencies.includeEnded')}
        </label>
      </form>
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()}>
        <p className="muted" aria-live="polite">{t('common.total', { count: list.data?.total ?? 0 })}</p>
        <DataTable<Agency>
          caption={t('agencies.title')}
          rows={list.data?.items ?? []}
          rowKey={(a) => a.id}
          rowClassName={(a) => (a.validTo ? 'is-ended' : undefined)}
          columns={[
            { key: 'code', header: t('agencies.code'), render: (a) => <code>{a.code}</code>, sortValue: (a) => a.code },
            { key: 'name', header: t('agencies.name'), render: (a) => (lang.startsWith('en') ? a.nameEn : a.name), sortValue: (a) => a.name },
            { key: 'kind', header: t('agencies.kind'), render: (a) => t(`agencyKind.${a.kind}`), sortValue: (a) => a.kind },
            { key: 'unit', header: t('agencies.unit'), render: (a) => a.unitName, sortValue: (a) => a.unitName },
            { key: 'from', header: t('agencies.validFrom'), render: (a) => formatDate(a.validFrom, lang), sortValue: (a) => a.validFrom },
            { key: 'to', header: t('agencies.validTo'), render: (a) => (a.validTo ? formatDate(a.validTo, lang) : '—'), sortValue: (a) => a.validTo },
            ...(canWrite ? [{
              key: 'actions', header: t('common.actions'),
              render: (a: Agency) => (
                <span className="row-actions">
                  <button type="button" className="button button-small" aria-label={`${t('common.edit')} ${a.name}`}
                    onClick={() => setDialog({ kind: 'edit', agency: a })}>{t('common.edit')}</button>
                  {!a.validTo && (
                    <button type="button" className="button button-small" aria-label={`${t('agencies.end')} ${a.name}`}
                      onClick={() => setDialog({ kind: 'end', agency: a })}>{t('agencies.end')}</button>
                  )}
                </span>
              ),
            }] : []),
          ]}
        />
      </PageState>
      {dialog?.kind === 'create' && <AgencyFormDialog agency={null} defaultUnitId={unitId ?? session?.user.scopeUnitId ?? null} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <AgencyFormDialog agency={dialog.agency} defaultUnitId={null} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'end' && <EndAgencyDialog agency={dialog.agency} onClose={() => setDialog(null)} />}
    </section>
  );
}

function AgencyFormDialog({ agency, defaultUnitId, onClose }: { agency: Agency | null; defaultUnitId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const create = useCreateAgency();
  const update = useUpdateAgency();
  const { asOf } = useAsOf();
  const tree = useQuery({ ...unitTreeQuery(asOf), enabled: !agency });
  const [code, setCode] = useState(agency?.code ?? '');
  const [name, setName] = useState(agency?.name ?? '');
  const [nameEn, setNameEn] = useState(agency?.nameEn ?? '');
  const [kind, setKind] = useState<AgencyKind>(agency?.kind ?? 'department');
  const [unitId, setUnitId] = useState<string | null>(agency?.unitId ?? defaultUnitId);
  const [validFrom, setValidFrom] = useState(todayInVietnam());
  const mutation = agency ? update : create;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    try {
      if (agency) {
        const saved = await update.mutateAsync({ id: agency.id, body: { name: name.trim(), nameEn: nameEn.trim(), kind } });
        toast.show(t('agencies.updated', { name: saved.name }));
      } else {
        if (!unitId) return;
        const saved = await create.mutateAsync({ code: code.trim(), name: name.trim(), nameEn: nameEn.trim(), kind, unitId, validFrom });
        toast.show(t('agencies.created', { name: saved.name }));
      }
      onClose();
    } catch { /* shown in the form */ }
  }

  return (
    <Dialog open title={agency ? t('agencies.edit') : t('agencies.create')} onClose={onClose}>
      <form className="form" onSubmit={(event) => void onSubmit(event)}>
        <div className="field">
          <label htmlFor="agency-code">{t('agencies.code')}</label>
          <input id="agency-code" className="input" required pattern="[A-Za-z0-9_-]+" maxLength={40} disabled={!!agency}
            value={code} onChange={(event) => setCode(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="agency-name">{t('agencies.name')}</label>
          <input id="agency-name" className="input" required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="agency-name-en">{t('agencies.nameEn')}</label>
          <input id="agency-name-en" className="input" required maxLength={200} value={nameEn} onChange={(event) => setNameEn(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="agency-kind">{t('agencies.kind')}</label>
          <select id="agency-kind" className="input" value={kind} onChange={(event) => setKind(event.target.value as AgencyKind)}>
            {agencyKinds.map((value) => <option key={value} value={value}>{t(`agencyKind.${value}`)}</option>)}
          </select>
        </div>
        {!agency && (
          <>
            <div className="field">
              <UnitTreePicker label={t('agencies.unit')} roots={tree.data?.roots ?? []} value={unitId} required
                onChange={(id) => setUnitId(id)} isLoading={tree.isLoading} />
            </div>
            <div className="field">
              <label htmlFor="agency-valid-from">{t('agencies.validFrom')}</label>
              <input id="agency-valid-from" type="date" className="input" required value={validFrom} onChange={(event) => setValidFrom(event.target.value)} />
            </div>
          </>
        )}
        <FormError error={mutation.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button-primary" disabled={mutation.isPending || (!agency && !unitId)}>
            {mutation.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function EndAgencyDialog({ agency, onClose }: { agency: Agency; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const update = useUpdateAgency();
  const [validTo, setValidTo] = useState(todayInVietnam());

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    try {
      const saved = await update.mutateAsync({ id: agency.id, body: { validTo } });
      toast.show(t('agencies.updated', { name: saved.name }));
      onClose();
    } catch { /* shown in the form */ }
  }

  return (
    <Dialog open title={t('agencies.endTitle', { name: agency.name })} onClose={onClose}>
      <form className="form" onSubmit={(event) => void onSubmit(event)}>
        <div className="field">
          <label htmlFor="agency-valid-to">{t('agencies.validTo')}</label>
          <input id="agency-valid-to" type="date" className="input" required min={agency.validFrom} value={validTo}
            onChange={(event) => setValidTo(event.target.value)} />
        </div>
        <FormError error={update.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button-danger" disabled={update.isPending}>{t('agencies.end')}</button>
        </div>
      </form>
    </Dialog>
  );
}
