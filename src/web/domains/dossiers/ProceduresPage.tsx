// The procedures catalog (thủ tục hành chính): search, filter, add and edit; legal time limits drive due dates.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  onlineLevels, procedureLevels, type OnlineLevel, type Procedure, type ProcedureLevel,
} from '../../../shared/contracts/procedures.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { useSearchParam } from '../../app/url-state.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError, PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { agencyListQuery } from '../agencies/agencies.api.js';
import { procedureFieldsQuery, procedureListQuery, useSaveProcedure } from './dossiers.api.js';
import { formatCount } from './dossier-format.js';
import { NoPermission } from './DossiersSection.js';

const PAGE_SIZE = 50;

export function ProceduresPage() {
  const session = useSession();
  if (!hasPermission(session, 'procedures:write')) return <NoPermission />;
  return <ProceduresCatalog />;
}

function ProceduresCatalog() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [q, setQ] = useSearchParam('q');
  const [field, setField] = useSearchParam('field');
  const [level, setLevel] = useSearchParam('level');
  const [offsetParam, setOffset] = useSearchParam('offset');
  const offset = Number(offsetParam) || 0;
  const [text, setText] = useState(q ?? '');
  const [editing, setEditing] = useState<Procedure | 'new' | null>(null);
  const list = useQuery(procedureListQuery({
    q: q ?? undefined, field: field ?? undefined, level: (procedureLevels as readonly string[]).includes(level ?? '') ? level as ProcedureLevel : undefined,
    limit: PAGE_SIZE, offset,
  }));
  const fields = useQuery(procedureFieldsQuery());
  const total = list.data?.total ?? 0;

  function onSearch(event: FormEvent) {
    event.preventDefault();
    setOffset(null);
    setQ(text.trim() || null);
  }

  const columns: Column<Procedure>[] = [
    { key: 'code', header: t('dos.procedures.code'), render: (p) => <code>{p.code}</code>, sortValue: (p) => p.code },
    { key: 'name', header: t('dos.procedures.name'), className: 'col-wide', render: (p) => (
      <><span className="cell-main">{lang.startsWith('en') && p.nameEn ? p.nameEn : p.name}</span>{p.nationalCode && <span className="muted cell-sub"> {p.nationalCode}</span>}</>
    ), sortValue: (p) => p.name },
    { key: 'field', header: t('dos.procedures.field'), render: (p) => p.field, sortValue: (p) => p.field },
    { key: 'level', header: t('dos.procedures.level'), render: (p) => t(`dos.level.${p.level}`) },
    { key: 'days', header: t('dos.procedures.daysShort'), className: 'num', render: (p) => formatCount(p.processingDays, lang), sortValue: (p) => p.processingDays },
    { key: 'online', header: t('dos.procedures.onlineLevel'), render: (p) => t(`dos.onlineLevel.${p.onlineLevel}`) },
    { key: 'agency', header: t('dos.procedures.agencyShort'), render: (p) => (
      <>{p.agencyName ?? '—'}{!p.active && <span className="badge badge-inactive">{t('dos.procedures.inactive')}</span>}</>
    ) },
    { key: 'actions', header: t('common.actions'), render: (p) => (
      <button type="button" className="button button-small" aria-label={t('dos.procedures.edit', { code: p.code })} onClick={() => setEditing(p)}>{t('common.edit')}</button>
    ) },
  ];

  return (
    <section aria-labelledby="page-title" className="procedures-page">
      <header className="page-header">
        <h1 id="page-title">{t('dos.procedures.title')}</h1>
        <button type="button" className="button button-primary" onClick={() => setEditing('new')}>{t('dos.procedures.create')}</button>
      </header>
      <form className="filters" role="search" aria-label={t('dos.procedures.filters')} onSubmit={onSearch}>
        <div className="field">
          <label htmlFor="proc-q">{t('dos.procedures.search')}</label>
          <input id="proc-q" type="search" className="input" value={text} maxLength={100} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="proc-field">{t('dos.procedures.field')}</label>
          <select id="proc-field" className="input" value={field ?? ''} onChange={(e) => { setOffset(null); setField(e.target.value || null); }}>
            <option value="">{t('common.all')}</option>
            {(fields.data?.items ?? []).map((f) => <option key={f.field} value={f.field}>{f.field} ({formatCount(f.procedures, lang)})</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="proc-level">{t('dos.procedures.level')}</label>
          <select id="proc-level" className="input" value={level ?? ''} onChange={(e) => { setOffset(null); setLevel(e.target.value || null); }}>
            <option value="">{t('common.all')}</option>
            {procedureLevels.map((l) => <option key={l} value={l}>{t(`dos.level.${l}`)}</option>)}
          </select>
        </div>
        <button type="submit" className="button">{t('common.search')}</button>
      </form>
      <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()}>
        <p className="result-count" role="status">{t('common.total', { count: total })}</p>
        <DataTable caption={t('dos.procedures.caption')} columns={columns} rows={list.data?.items ?? []} rowKey={(p) => p.id}
          rowClassName={(p) => (p.active ? undefined : 'is-ended')} />
        {total > PAGE_SIZE && (
          <nav className="pager" aria-label={t('dos.search.pager')}>
            <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(offset - PAGE_SIZE > 0 ? String(offset - PAGE_SIZE) : null)}>{t('dos.search.prev')}</button>
            <span className="pager-text">{t('dos.search.page', { page: formatCount(Math.floor(offset / PAGE_SIZE) + 1, lang), pages: formatCount(Math.ceil(total / PAGE_SIZE), lang) })}</span>
            <button type="button" className="button" disabled={offset + PAGE_SIZE >= total} onClick={() => setOffset(String(offset + PAGE_SIZE))}>{t('dos.search.next')}</button>
          </nav>
        )}
      </PageState>
      {editing && <ProcedureDialog procedure={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

interface ProcedureForm {
  code: string; nationalCode: string; name: string; nameEn: string; field: string; level: ProcedureLevel;
  processingDays: string; onlineLevel: OnlineLevel; agencyId: string; active: boolean;
}

function ProcedureDialog({ procedure, onClose }: { procedure: Procedure | null; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const save = useSaveProcedure();
  const agencies = useQuery(agencyListQuery({}));
  const fields = useQuery(procedureFieldsQuery());
  const [form, setForm] = useState<ProcedureForm>(() => ({
    code: procedure?.code ?? '', nationalCode: procedure?.nationalCode ?? '', name: procedure?.name ?? '', nameEn: procedure?.nameEn ?? '',
    field: procedure?.field ?? '', level: procedure?.level ?? 'province', processingDays: procedure ? String(procedure.processingDays) : '',
    onlineLevel: procedure?.onlineLevel ?? 'full', agencyId: procedure?.agencyId ?? '', active: procedure?.active ?? true,
  }));
  const [touched, setTouched] = useState(false);
  const days = Number(form.processingDays);
  const errors = {
    code: !procedure && !/^[A-Za-z0-9._-]{1,60}$/.test(form.code.trim()),
    name: !form.name.trim(),
    field: !form.field.trim(),
    processingDays: form.processingDays.trim() === '' || !Number.isInteger(days) || days < 0 || days > 365,
  };
  const set = <K extends keyof ProcedureForm>(key: K, value: ProcedureForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (Object.values(errors).some(Boolean)) return;
    const body = {
      nationalCode: form.nationalCode.trim() || null, name: form.name.trim(), nameEn: form.nameEn.trim() || null, field: form.field.trim(),
      level: form.level, processingDays: days, onlineLevel: form.onlineLevel, agencyId: form.agencyId || null, active: form.active,
    };
    const input = procedure ? { id: procedure.id, body } : { id: null, body: { ...body, code: form.code.trim() } };
    save.mutate(input, {
      onSuccess: (saved) => { toast.show(t(procedure ? 'dos.procedures.updated' : 'dos.procedures.created', { code: saved.code })); onClose(); },
    });
  }

  const invalid = (key: keyof typeof errors) => (touched && errors[key] ? { 'aria-invalid': true as const, 'aria-describedby': `proc-${key}-error` } : {});
  const error = (key: keyof typeof errors, message: string) => (touched && errors[key] ? <p id={`proc-${key}-error`} className="form-error">{message}</p> : null);

  return (
    <Dialog open wide title={procedure ? t('dos.procedures.edit', { code: procedure.code }) : t('dos.procedures.create')} onClose={onClose}>
      <form className="form procedure-form" onSubmit={onSubmit} noValidate>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="proc-code">{t('dos.procedures.code')}</label>
            <input id="proc-code" className="input" value={form.code} disabled={!!procedure} maxLength={60} onChange={(e) => set('code', e.target.value)} {...invalid('code')} />
            {error('code', t('dos.procedures.codeInvalid'))}
          </div>
          <div className="field">
            <label htmlFor="proc-national">{t('dos.procedures.nationalCode')} <span className="muted">{t('common.optional')}</span></label>
            <input id="proc-national" className="input" value={form.nationalCode} maxLength={40} onChange={(e) => set('nationalCode', e.target.value)} />
          </div>
          <div className="field field-wide">
            <label htmlFor="proc-name">{t('dos.procedures.name')}</label>
            <input id="proc-name" className="input" value={form.name} maxLength={500} onChange={(e) => set('name', e.target.value)} {...invalid('name')} />
            {error('name', t('dos.procedures.required'))}
          </div>
          <div className="field field-wide">
            <label htmlFor="proc-name-en">{t('dos.procedures.nameEn')} <span className="muted">{t('common.optional')}</span></label>
            <input id="proc-name-en" className="input" value={form.nameEn} maxLength={500} onChange={(e) => set('nameEn', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="proc-field-input">{t('dos.procedures.field')}</label>
            <input id="proc-field-input" className="input" list="proc-fields" value={form.field} maxLength={100} onChange={(e) => set('field', e.target.value)} {...invalid('field')} />
            <datalist id="proc-fields">{(fields.data?.items ?? []).map((f) => <option key={f.field} value={f.field} />)}</datalist>
            {error('field', t('dos.procedures.required'))}
          </div>
          <div className="field">
            <label htmlFor="proc-level-input">{t('dos.procedures.level')}</label>
            <select id="proc-level-input" className="input" value={form.level} onChange={(e) => set('level', e.target.value as ProcedureLevel)}>
              {procedureLevels.map((l) => <option key={l} value={l}>{t(`dos.level.${l}`)}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="proc-days">{t('dos.procedures.processingDays')}</label>
            <input id="proc-days" className="input input-narrow" type="number" min={0} max={365} step={1} value={form.processingDays}
              onChange={(e) => set('processingDays', e.target.value)} {...invalid('processingDays')} />
            {error('processingDays', t('dos.procedures.daysInvalid'))}
          </div>
          <div className="field">
            <label htmlFor="proc-online">{t('dos.procedures.onlineLevel')}</label>
            <select id="proc-online" className="input" value={form.onlineLevel} onChange={(e) => set('onlineLevel', e.target.value as OnlineLevel)}>
              {onlineLevels.map((l) => <option key={l} value={l}>{t(`dos.onlineLevel.${l}`)}</option>)}
            </select>
          </div>
          <div className="field field-wide">
            <label htmlFor="proc-agency">{t('dos.procedures.agency')}</label>
            <select id="proc-agency" className="input" value={form.agencyId} onChange={(e) => set('agencyId', e.target.value)}>
              <option value="">{t('dos.procedures.noAgency')}</option>
              {(agencies.data?.items ?? []).map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
            </select>
          </div>
          <label className="choice">
            <input type="checkbox" checked={form.active} onChange={(e) => set('active', e.target.checked)} /> {t('dos.procedures.active')}
          </label>
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
