// Form designer (catalog:write): a new report form, or the next version of an existing one — its details, rows
// (row code, section, reportable indicator) and the units assigned to report it; POST /api/forms.
import { useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { periodTypes, type CreateFormBody, type Form, type FormSummary, type Indicator, type PeriodType } from '../../../shared/contracts/indicators.js';
import { unitTypes, type Unit, type UnitType } from '../../../shared/contracts/units.js';
import { api, ApiError } from '../../api/client.js';
import { hasPermission, useAuth } from '../../app/auth.js';
import { todayInVietnam } from '../../app/format.js';
import { FormError, PageState } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { agencyListQuery } from '../agencies/agencies.api.js';
import type { FormDesignerKey } from './formDesigner.i18n.js';
import { formQuery, formsQuery, indicatorListQuery } from './indicators.api.js';
import { periodContaining, periodLabel, shiftPeriod } from './periods.js';

type TOptions = Record<string, string | number>;
type Fd = (key: FormDesignerKey, options?: TOptions) => string;

/** t() for the `formDesigner` keys, typed against formDesigner.i18n.ts (works before and after the resources are merged). */
function useFd(): Fd {
  const { t } = useTranslation();
  return useCallback<Fd>((key, options) => (t as unknown as (k: string, o?: TOptions) => string)(`formDesigner.${key}`, options), [t]);
}

const periodPatterns: Record<PeriodType, RegExp> = {
  daily: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  weekly: /^\d{4}W(0[1-9]|[1-4]\d|5[0-3])$/,
  monthly: /^\d{4}-(0[1-9]|1[0-2])$/,
  quarterly: /^\d{4}Q[1-4]$/,
  six_monthly: /^\d{4}S[12]$/,
  yearly: /^\d{4}$/,
};
const periodExamples: Record<PeriodType, string> = {
  daily: '2026-01-15', weekly: '2026W03', monthly: '2026-01', quarterly: '2026Q1', six_monthly: '2026S1', yearly: '2026',
};
const monthBased = (type: PeriodType) => type !== 'daily' && type !== 'weekly';
/** periodLabel() only knows month-based ids; daily and weekly ids are shown as they are. */
const periodText = (id: string, type: PeriodType, t: Parameters<typeof periodLabel>[1]) => (monthBased(type) ? periodLabel(id, t) : id);
const CODE = /^[A-Za-z0-9_./-]{1,60}$/;
/** Unit types offered as "select every …" helpers first (the ones that report most often). */
const helperOrder: UnitType[] = ['commune', 'ward', 'special_zone', 'township', 'town', 'district', 'urban_district', 'city', 'province', 'country'];

type FieldName = 'code' | 'name' | 'nameEn' | 'periodType' | 'cutoffDay' | 'deadlineDays' | 'reminderDays' | 'validFromPeriod' | 'legalBasis' | 'rows' | 'assignedUnitIds';
const fieldNames: FieldName[] = ['code', 'name', 'nameEn', 'periodType', 'cutoffDay', 'deadlineDays', 'reminderDays', 'validFromPeriod', 'legalBasis', 'rows', 'assignedUnitIds'];

interface Fields {
  code: string; name: string; nameEn: string; periodType: PeriodType; cutoffDay: string; deadlineDays: string; reminderDays: string;
  validFromPeriod: string; legalBasis: string;
}
interface RowDraft { key: number; rowCode: string; section: string; indicatorCode: string }
interface Problem { field: FieldName; message: string }

function emptyFields(): Fields {
  return {
    code: '', name: '', nameEn: '', periodType: 'monthly', cutoffDay: '1', deadlineDays: '5', reminderDays: '2',
    validFromPeriod: periodContaining('monthly', todayInVietnam()), legalBasis: '',
  };
}

/** The next row code: one more than the largest numeric code, zero-padded ("01", "02", …), never a repeat. */
function nextRowCode(rows: RowDraft[]): string {
  const numeric = rows.map((r) => r.rowCode.trim()).filter((c) => /^\d+$/.test(c));
  const width = Math.max(2, ...numeric.map((c) => c.length));
  let n = numeric.length ? Math.max(...numeric.map(Number)) + 1 : rows.length + 1;
  const used = new Set(rows.map((r) => r.rowCode.trim()));
  while (used.has(String(n).padStart(width, '0'))) n += 1;
  return String(n).padStart(width, '0');
}

/** 'body.rows.3.rowCode', 'body/validFromPeriod', '/body/code' → the form field it concerns, if any. */
function fieldOfPath(path: string): FieldName | null {
  const first = path.replace(/^\/?body[./]?/, '').split(/[./[\]]/).find(Boolean) ?? '';
  return (fieldNames as string[]).includes(first) ? first as FieldName : null;
}

const activeUnitsQuery = () => queryOptions({
  queryKey: ['units', 'active-5000'] as const,
  queryFn: ({ signal }) => api.get<{ items: Unit[]; total: number }>('/api/units', { includeEnded: false, limit: 5000 }, signal),
  staleTime: 300_000,
});

export function FormDesignerPage() {
  const fd = useFd();
  const { session } = useAuth();
  if (!hasPermission(session, 'catalog:write')) {
    return (
      <section className="page" aria-labelledby="page-title">
        <header className="page-header"><h1 id="page-title">{fd('title')}</h1></header>
        <p className="state state-error" role="alert">{fd('noPermission')}</p>
      </section>
    );
  }
  return <Designer />;
}

function Designer() {
  const fd = useFd();
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const toast = useToast();
  const queryClient = useQueryClient();
  const id = useId();

  const forms = useQuery(formsQuery());
  const indicators = useQuery(indicatorListQuery('', ''));
  const units = useQuery(activeUnitsQuery());

  const [mode, setMode] = useState<'scratch' | 'version'>('scratch');
  const [baseCode, setBaseCode] = useState('');
  const [fields, setFields] = useState<Fields>(emptyFields);
  const [rows, setRows] = useState<RowDraft[]>([]);
  const [assigned, setAssigned] = useState<Set<string>>(() => new Set());
  const [assignedAgencies, setAssignedAgencies] = useState<Set<string>>(() => new Set());
  const [sendUnits, setSendUnits] = useState(true);
  const [problems, setProblems] = useState<Problem[] | null>(null);
  const [result, setResult] = useState<Form | null>(null);
  const nextKey = useRef(1);
  const appliedBase = useRef('');
  const pendingFocus = useRef<string | null>(null);
  const problemsRef = useRef<HTMLDivElement>(null);
  const successRef = useRef<HTMLHeadingElement>(null);

  const base = useQuery({ ...formQuery(baseCode), enabled: mode === 'version' && !!baseCode });
  const latestByCode = useMemo(() => new Map((forms.data ?? []).map((f) => [f.code, f])), [forms.data]);
  const sortedForms = useMemo(() => [...(forms.data ?? [])].sort((a, b) => a.code.localeCompare(b.code, 'vi')), [forms.data]);
  const latest: FormSummary | undefined = latestByCode.get(fields.code.trim());

  const indicatorByCode = useMemo(() => new Map((indicators.data ?? []).map((i) => [i.code, i])), [indicators.data]);
  const reportable = useMemo(() => (indicators.data ?? []).filter((i) => i.formula === null), [indicators.data]);
  const derivedCount = (indicators.data?.length ?? 0) - reportable.length;
  const indicatorName = (i: Indicator) => (en ? i.nameEn : i.name);

  const makeRow = (rowCode: string, section = '', indicatorCode = ''): RowDraft => ({ key: nextKey.current++, rowCode, section, indicatorCode });

  // Preload the chosen form's details, rows and assignments once per chosen code.
  useEffect(() => {
    const form = base.data;
    if (mode !== 'version' || !form || appliedBase.current === form.code) return;
    appliedBase.current = form.code;
    const summary = latestByCode.get(form.code);
    const from = summary?.validFromPeriod ?? form.validFromPeriod;
    setFields({
      code: form.code, name: form.name, nameEn: form.nameEn, periodType: form.periodType, cutoffDay: String(form.cutoffDay),
      deadlineDays: String(form.deadlineDays), reminderDays: String(form.reminderDays),
      validFromPeriod: monthBased(form.periodType) ? shiftPeriod(form.periodType, from, 1) : '', legalBasis: form.legalBasis ?? '',
    });
    setRows(form.rows.map((r) => ({ key: nextKey.current++, rowCode: r.rowCode, section: r.section ?? '', indicatorCode: r.indicatorCode })));
    // Units assigned through an agency are listed under the agencies, not as units of their own.
    const viaAgency = new Set(form.assignedAgencies.map((a) => a.unitId));
    setAssigned(new Set(form.assignedUnitIds.filter((u) => !viaAgency.has(u))));
    setAssignedAgencies(new Set(form.assignedAgencies.map((a) => a.agencyId)));
    setProblems(null);
  }, [base.data, mode, latestByCode]);

  useEffect(() => {
    if (!pendingFocus.current) return;
    document.getElementById(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  }, [rows]);

  const mutation = useMutation({
    mutationFn: (body: CreateFormBody) => api.post<Form>('/api/forms', body),
    onSuccess: (form) => {
      void queryClient.invalidateQueries({ queryKey: ['forms'] });
      setResult(form);
      toast.show(fd('success.toast', { code: form.code, version: form.version }));
    },
  });

  useEffect(() => { if (result) successRef.current?.focus(); }, [result]);
  useEffect(() => { if (problems?.length) problemsRef.current?.focus(); }, [problems]);

  const setField = <K extends keyof Fields>(key: K, value: Fields[K]) => setFields((f) => ({ ...f, [key]: value }));

  function chooseMode(next: 'scratch' | 'version') {
    setMode(next);
    setProblems(null);
    mutation.reset();
    if (next === 'scratch') {
      appliedBase.current = '';
      setBaseCode('');
      setFields(emptyFields());
      setRows([]);
      setAssigned(new Set());
    }
  }

  function chooseBase(code: string) {
    appliedBase.current = '';
    setBaseCode(code);
    mutation.reset();
  }

  function startOver() {
    setResult(null);
    mutation.reset();
    chooseMode('scratch');
    setMode('scratch');
  }

  // Rows
  function addRow() {
    const row = makeRow(nextRowCode(rows), rows.at(-1)?.section ?? '');
    pendingFocus.current = `${id}-row-${row.key}-indicator`;
    setRows((list) => [...list, row]);
  }
  function updateRow(key: number, patch: Partial<RowDraft>) {
    setRows((list) => list.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  }
  function removeRow(index: number) {
    const neighbour = rows[index + 1] ?? rows[index - 1];
    pendingFocus.current = neighbour ? `${id}-row-${neighbour.key}-remove` : `${id}-add-row`;
    setRows((list) => list.filter((_, i) => i !== index));
  }
  function moveRow(index: number, delta: -1 | 1) {
    const target = index + delta;
    const row = rows[index];
    const other = rows[target];
    if (!row || !other) return;
    const stillMovable = delta === -1 ? target > 0 : target < rows.length - 1;
    pendingFocus.current = `${id}-row-${row.key}-${stillMovable === (delta === -1) ? 'up' : 'down'}`;
    setRows((list) => list.map((r, i) => (i === index ? other : i === target ? row : r)));
  }

  const rowIssue = (row: RowDraft): string | null => {
    const code = row.indicatorCode.trim();
    if (!code || !indicators.data) return null;
    const indicator = indicatorByCode.get(code);
    if (!indicator) return fd('rows.unknownIndicator', { code });
    if (indicator.formula !== null) return fd('rows.derivedIndicator', { code });
    return null;
  };
  const duplicateCodes = useMemo(() => {
    const seen = new Set<string>();
    const dup = new Set<string>();
    for (const r of rows) {
      const c = r.rowCode.trim();
      if (c && seen.has(c)) dup.add(c);
      seen.add(c);
    }
    return dup;
  }, [rows]);

  // Checks mirroring CreateFormBody and the server's createForm rules.
  function check(): Problem[] {
    const list: Problem[] = [];
    const f = fields;
    const format = fd(`periodFormat.${f.periodType}`);
    const int = (s: string) => (/^\d+$/.test(s.trim()) ? Number(s) : NaN);
    if (!CODE.test(f.code.trim())) list.push({ field: 'code', message: fd('check.code') });
    if (!f.name.trim()) list.push({ field: 'name', message: fd('check.name') });
    if (!f.nameEn.trim()) list.push({ field: 'nameEn', message: fd('check.nameEn') });
    const cutoff = int(f.cutoffDay);
    if (!(cutoff >= 1 && cutoff <= 28)) list.push({ field: 'cutoffDay', message: fd('check.cutoffDay') });
    const deadline = int(f.deadlineDays);
    if (!(deadline >= 0 && deadline <= 120)) list.push({ field: 'deadlineDays', message: fd('check.deadlineDays') });
    const reminder = int(f.reminderDays);
    if (!(reminder >= 0 && reminder <= 30)) list.push({ field: 'reminderDays', message: fd('check.reminderDays') });
    if (!periodPatterns[f.periodType].test(f.validFromPeriod.trim())) {
      list.push({ field: 'validFromPeriod', message: fd('check.validFrom', { format }) });
    }
    if (latest) {
      if (latest.periodType !== f.periodType) {
        list.push({ field: 'periodType', message: fd('check.periodType', { periodType: t(`ind.periodType.${latest.periodType}`) }) });
      } else if (f.validFromPeriod.trim() <= latest.validFromPeriod) {
        // Ids of one period type sort chronologically as strings (2026-01, 2026Q1, 2026S1, 2026W03, 2026).
        list.push({ field: 'validFromPeriod', message: fd('check.validFromOrder', { from: latest.validFromPeriod }) });
      }
    }
    if (rows.length === 0) list.push({ field: 'rows', message: fd('check.rows') });
    rows.forEach((r, i) => {
      const n = i + 1;
      const code = r.indicatorCode.trim();
      if (!r.rowCode.trim() || r.rowCode.trim().length > 20) list.push({ field: 'rows', message: fd('check.rowCode', { n }) });
      if (!code) list.push({ field: 'rows', message: fd('check.rowIndicator', { n }) });
      else if (indicators.data) {
        const indicator = indicatorByCode.get(code);
        if (!indicator) list.push({ field: 'rows', message: fd('check.rowUnknown', { n, code }) });
        else if (indicator.formula !== null) list.push({ field: 'rows', message: fd('check.rowDerived', { n, code }) });
      }
    });
    for (const code of duplicateCodes) list.push({ field: 'rows', message: fd('check.rowDuplicate', { code }) });
    return list;
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    mutation.reset();
    const list = check();
    setProblems(list.length ? list : null);
    if (list.length) return;
    const body: CreateFormBody = {
      code: fields.code.trim(), name: fields.name.trim(), nameEn: fields.nameEn.trim(), periodType: fields.periodType,
      cutoffDay: Number(fields.cutoffDay), deadlineDays: Number(fields.deadlineDays), reminderDays: Number(fields.reminderDays),
      validFromPeriod: fields.validFromPeriod.trim(), legalBasis: fields.legalBasis.trim() || null,
      rows: rows.map((r) => ({ rowCode: r.rowCode.trim(), section: r.section.trim() || null, indicatorCode: r.indicatorCode.trim() })),
      ...(sendUnits ? { assignedUnitIds: [...assigned], assignedAgencyIds: [...assignedAgencies] } : {}),
    };
    mutation.mutate(body);
  }

  // Errors per field: the local checks, then the server's `errors` [{path, message}].
  const serverErrors = mutation.error instanceof ApiError ? mutation.error.fieldErrors : [];
  const errorsOf = (field: FieldName): string[] => [
    ...(problems ?? []).filter((p) => p.field === field && field !== 'rows').map((p) => p.message),
    ...serverErrors.filter((e) => fieldOfPath(e.path) === field)
      .map((e) => fd('serverField', { message: !en && e.messageVi ? e.messageVi : e.message })),
  ];

  if (result) {
    return (
      <section className="page" aria-labelledby="page-title">
        <header className="page-header"><h1 id="page-title">{fd('title')}</h1></header>
        <div className="card" role="status">
          <h2 ref={successRef} tabIndex={-1}>{fd('success.title')}</h2>
          <p>{fd('success.body', {
            code: result.code, version: result.version, from: periodText(result.validFromPeriod, result.periodType, t), rows: result.rows.length,
            units: result.assignedUnitIds.length,
          })}</p>
          <div className="form-actions" style={{ justifyContent: 'flex-start' }}>
            <Link className="button button-primary" to="/indicators/catalog?tab=forms">{fd('success.catalog')}</Link>
            <button type="button" className="button" onClick={startOver}>{fd('success.another')}</button>
          </div>
        </div>
      </section>
    );
  }

  const format = fd(`periodFormat.${fields.periodType}`);
  const locked = mode === 'version';
  const sectionListId = `${id}-sections`;
  const indicatorListId = `${id}-indicators`;
  const sections = [...new Set(rows.map((r) => r.section.trim()).filter(Boolean))];

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header"><h1 id="page-title">{fd('title')}</h1></header>
      <p className="lead">{fd('lead')}</p>

      <form className="form" onSubmit={onSubmit} noValidate aria-busy={mutation.isPending}>
        <fieldset className="fieldset">
          <legend>{fd('mode.legend')}</legend>
          <div className="fieldset-inline" style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
            <label className="choice">
              <input type="radio" name={`${id}-mode`} checked={mode === 'scratch'} onChange={() => chooseMode('scratch')} />
              {fd('mode.scratch')}
            </label>
            <label className="choice">
              <input type="radio" name={`${id}-mode`} checked={mode === 'version'} onChange={() => chooseMode('version')} />
              {fd('mode.version')}
            </label>
          </div>
          {mode === 'version' && (
            <PageState isLoading={forms.isPending} error={forms.error} onRetry={() => void forms.refetch()} isEmpty={sortedForms.length === 0}>
              <div className="field">
                <label htmlFor={`${id}-base`}>{fd('mode.pick')}</label>
                <select id={`${id}-base`} className="input" value={baseCode} onChange={(e) => chooseBase(e.target.value)}>
                  <option value="">{fd('mode.pickPlaceholder')}</option>
                  {sortedForms.map((f) => (
                    <option key={f.code} value={f.code}>{fd('mode.option', { code: f.code, name: en ? f.nameEn : f.name, version: f.version })}</option>
                  ))}
                </select>
              </div>
              {baseCode && (
                <PageState isLoading={base.isPending} error={base.error} onRetry={() => void base.refetch()}>
                  {latest && (
                    <p className="hint" role="status">{fd('mode.loaded', {
                      code: latest.code, version: latest.version, from: periodText(latest.validFromPeriod, latest.periodType, t), next: latest.version + 1,
                    })}</p>
                  )}
                </PageState>
              )}
            </PageState>
          )}
        </fieldset>

        {(mode === 'scratch' || (baseCode && base.data)) && (
          <>
            <fieldset className="fieldset">
              <legend>{fd('fields.legend')}</legend>
              <div className="filters" style={{ alignItems: 'flex-start' }}>
                <TextField id={`${id}-code`} label={fd('fields.code')} value={fields.code} onChange={(v) => setField('code', v)}
                  readOnly={locked} required maxLength={60} hint={locked ? fd('fields.codeLocked') : fd('fields.codeHint')} errors={errorsOf('code')} />
                <TextField id={`${id}-name`} label={fd('fields.name')} value={fields.name} onChange={(v) => setField('name', v)}
                  required maxLength={300} errors={errorsOf('name')} lang="vi" />
                <TextField id={`${id}-nameEn`} label={fd('fields.nameEn')} value={fields.nameEn} onChange={(v) => setField('nameEn', v)}
                  required maxLength={300} errors={errorsOf('nameEn')} lang="en" />
              </div>
              {mode === 'scratch' && latest && (
                <p className="hint hint-warning" role="status">{fd('mode.existingCode', {
                  code: latest.code, version: latest.version, next: latest.version + 1, periodType: t(`ind.periodType.${latest.periodType}`),
                  from: periodText(latest.validFromPeriod, latest.periodType, t),
                })}</p>
              )}
              <div className="filters" style={{ alignItems: 'flex-start' }}>
                <div className="field">
                  <label htmlFor={`${id}-periodType`}>{fd('fields.periodType')}</label>
                  <select id={`${id}-periodType`} className="input" value={fields.periodType} disabled={locked}
                    aria-describedby={`${id}-periodType-hint`} aria-invalid={errorsOf('periodType').length > 0 || undefined}
                    onChange={(e) => {
                      const type = e.target.value as PeriodType;
                      setFields((f) => ({ ...f, periodType: type, validFromPeriod: monthBased(type) ? periodContaining(type, todayInVietnam(), Number(f.cutoffDay) || 1) : '' }));
                    }}>
                    {periodTypes.map((p) => <option key={p} value={p}>{t(`ind.periodType.${p}`)}</option>)}
                  </select>
                  <FieldNotes id={`${id}-periodType-hint`} hint={locked ? fd('fields.periodTypeLocked') : undefined} errors={errorsOf('periodType')} />
                </div>
                <TextField id={`${id}-cutoff`} label={fd('fields.cutoffDay')} value={fields.cutoffDay} onChange={(v) => setField('cutoffDay', v)}
                  type="number" min={1} max={28} narrow hint={fd('fields.cutoffHint')} errors={errorsOf('cutoffDay')} />
                <TextField id={`${id}-deadline`} label={fd('fields.deadlineDays')} value={fields.deadlineDays} onChange={(v) => setField('deadlineDays', v)}
                  type="number" min={0} max={120} narrow hint={fd('fields.deadlineHint')} errors={errorsOf('deadlineDays')} />
                <TextField id={`${id}-reminder`} label={fd('fields.reminderDays')} value={fields.reminderDays} onChange={(v) => setField('reminderDays', v)}
                  type="number" min={0} max={30} narrow hint={fd('fields.reminderHint')} errors={errorsOf('reminderDays')} />
                <TextField id={`${id}-validFrom`} label={fd('fields.validFrom')} value={fields.validFromPeriod} onChange={(v) => setField('validFromPeriod', v)}
                  required placeholder={periodExamples[fields.periodType]} errors={errorsOf('validFromPeriod')}
                  hint={[
                    fd('fields.validFromHint', { format, example: periodExamples[fields.periodType] }),
                    latest ? fd('fields.validFromAfter', { from: latest.validFromPeriod }) : '',
                  ].filter(Boolean).join(' ')} />
              </div>
              <TextField id={`${id}-legal`} label={fd('fields.legalBasis')} value={fields.legalBasis} onChange={(v) => setField('legalBasis', v)}
                maxLength={500} hint={fd('fields.legalBasisHint')} errors={errorsOf('legalBasis')} />
            </fieldset>

            <fieldset className="fieldset">
              <legend>{fd('rows.legend')}</legend>
              <p className="hint" id={`${id}-rows-hint`}>{fd('rows.hint')}</p>
              {indicators.isPending
                ? <p className="state state-loading" role="status">{fd('rows.indicatorsLoading')}</p>
                : indicators.error
                  ? <PageState isLoading={false} error={indicators.error} onRetry={() => void indicators.refetch()}>{null}</PageState>
                  : <p className="muted">{fd('rows.indicatorsAvailable', { count: reportable.length, derived: derivedCount })}</p>}
              <datalist id={indicatorListId}>
                {reportable.map((i) => <option key={i.id} value={i.code} label={`${indicatorName(i)} (${i.measureUnit})`} />)}
              </datalist>
              <datalist id={sectionListId}>
                {sections.map((s) => <option key={s} value={s} />)}
              </datalist>
              {rows.length === 0
                ? <p className="state state-empty">{fd('rows.empty')}</p>
                : (
                  <div className="table-wrap">
                    <table className="data-table">
                      <caption className="visually-hidden">{fd('rows.caption')}</caption>
                      <thead>
                        <tr>
                          <th scope="col" className="num">{fd('rows.number')}</th>
                          <th scope="col">{fd('rows.rowCode')}</th>
                          <th scope="col">{fd('rows.section')}</th>
                          <th scope="col">{fd('rows.indicator')}</th>
                          <th scope="col">{fd('rows.actions')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {rows.map((row, index) => {
                          const n = index + 1;
                          const label = row.rowCode.trim() || String(n);
                          const issue = rowIssue(row);
                          const indicator = indicatorByCode.get(row.indicatorCode.trim());
                          const duplicate = duplicateCodes.has(row.rowCode.trim());
                          const noteId = `${id}-row-${row.key}-note`;
                          return (
                            <tr key={row.key}>
                              <td className="num">{n}</td>
                              <td>
                                <input id={`${id}-row-${row.key}-code`} className="input input-narrow" value={row.rowCode} maxLength={20}
                                  aria-label={fd('rows.rowCodeOf', { n })} aria-invalid={duplicate || !row.rowCode.trim() || undefined}
                                  onChange={(e) => updateRow(row.key, { rowCode: e.target.value })} />
                                {duplicate && <p className="hint hint-warning">{fd('check.rowDuplicate', { code: row.rowCode.trim() })}</p>}
                              </td>
                              <td>
                                <input className="input" value={row.section} maxLength={200} list={sectionListId}
                                  aria-label={fd('rows.sectionOf', { n })} onChange={(e) => updateRow(row.key, { section: e.target.value })} />
                              </td>
                              <td>
                                <input id={`${id}-row-${row.key}-indicator`} className="input" value={row.indicatorCode} list={indicatorListId}
                                  placeholder={fd('rows.indicatorPlaceholder')} autoComplete="off" spellCheck={false}
                                  aria-label={fd('rows.indicatorOf', { n })} aria-describedby={`${noteId} ${id}-rows-hint`}
                                  aria-invalid={!!issue || undefined}
                                  onChange={(e) => updateRow(row.key, { indicatorCode: e.target.value })} />
                                <p id={noteId} className={issue ? 'hint hint-warning' : 'hint'} aria-live="polite">
                                  {issue ?? (indicator ? `${indicatorName(indicator)} (${indicator.measureUnit})` : '')}
                                </p>
                              </td>
                              <td>
                                <span className="row-actions">
                                  <button id={`${id}-row-${row.key}-up`} type="button" className="button button-small" disabled={index === 0}
                                    aria-label={fd('rows.upRow', { code: label })} onClick={() => moveRow(index, -1)}>{fd('rows.up')}</button>
                                  <button id={`${id}-row-${row.key}-down`} type="button" className="button button-small" disabled={index === rows.length - 1}
                                    aria-label={fd('rows.downRow', { code: label })} onClick={() => moveRow(index, 1)}>{fd('rows.down')}</button>
                                  <button id={`${id}-row-${row.key}-remove`} type="button" className="button button-small button-danger"
                                    aria-label={fd('rows.removeRow', { code: label })} onClick={() => removeRow(index)}>{fd('rows.remove')}</button>
                                </span>
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                )}
              <div className="toolbar" style={{ display: 'flex', gap: '.75rem', alignItems: 'center' }}>
                <button id={`${id}-add-row`} type="button" className="button" onClick={addRow}
                  aria-label={fd('rows.addNamed', { code: nextRowCode(rows) })}>{fd('rows.add')}</button>
                <span className="muted" aria-live="polite">{fd('rows.count', { count: rows.length })}</span>
              </div>
              <FieldNotes id={`${id}-rows-errors`} errors={errorsOf('rows')} />
            </fieldset>

            <UnitsChecklist
              units={units} assigned={assigned} setAssigned={setAssigned} sendUnits={sendUnits} setSendUnits={setSendUnits}
              errors={errorsOf('assignedUnitIds')} />
            {sendUnits && <AgenciesChecklist assigned={assignedAgencies} setAssigned={setAssignedAgencies} />}

            {problems && problems.length > 0 && (
              <div ref={problemsRef} tabIndex={-1} className="form-error" role="alert">
                <p>{fd('checkTitle')}</p>
                <ul>{problems.map((p, i) => <li key={`${i}:${p.message}`}>{p.message}</li>)}</ul>
              </div>
            )}
            <FormError error={mutation.error} />
            <div className="form-actions">
              <button type="button" className="button" onClick={startOver} disabled={mutation.isPending}>{fd('reset')}</button>
              <button type="submit" className="button button-primary" disabled={mutation.isPending}>
                {mutation.isPending ? fd('submitting') : fd('submit')}
              </button>
            </div>
          </>
        )}
      </form>
    </section>
  );
}

interface TextFieldProps {
  id: string; label: string; value: string; onChange: (value: string) => void; hint?: string; errors?: string[];
  type?: 'text' | 'number'; min?: number; max?: number; maxLength?: number; required?: boolean; readOnly?: boolean; narrow?: boolean;
  placeholder?: string; lang?: string;
}

function TextField({ id, label, value, onChange, hint, errors = [], type = 'text', narrow, ...rest }: TextFieldProps) {
  const notesId = `${id}-notes`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} inputMode={type === 'number' ? 'numeric' : undefined} className={narrow ? 'input input-narrow' : 'input'}
        value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={errors.length > 0 || undefined}
        aria-describedby={hint || errors.length ? notesId : undefined} {...rest} />
      <FieldNotes id={notesId} hint={hint} errors={errors} />
    </div>
  );
}

function FieldNotes({ id, hint, errors = [] }: { id: string; hint?: string; errors?: string[] }) {
  if (!hint && errors.length === 0) return null;
  return (
    <div id={id}>
      {hint && <p className="hint">{hint}</p>}
      {errors.map((e) => <p key={e} className="hint hint-warning">{e}</p>)}
    </div>
  );
}

/** Agencies that report the form for their unit (a department for the province); only their staff may enter it. */
function AgenciesChecklist({ assigned, setAssigned }: { assigned: Set<string>; setAssigned: (update: (current: Set<string>) => Set<string>) => void }) {
  const fd = useFd();
  const id = useId();
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter);
  const agencies = useQuery(agencyListQuery({ q: deferred.trim() || undefined }));
  const items = agencies.data?.items ?? [];
  const toggle = (agencyId: string, on: boolean) => setAssigned((current) => {
    const next = new Set(current);
    if (on) next.add(agencyId); else next.delete(agencyId);
    return next;
  });
  return (
    <fieldset className="fieldset">
      <legend>{fd('agencies.legend')}</legend>
      <p className="hint">{fd('agencies.hint')}</p>
      <p className="muted" aria-live="polite">{fd('agencies.selected', { count: assigned.size })}</p>
      <div className="field">
        <label htmlFor={`${id}-filter`}>{fd('agencies.filter')}</label>
        <input id={`${id}-filter`} type="search" className="input" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <PageState isLoading={agencies.isPending} error={agencies.error} onRetry={() => void agencies.refetch()} isEmpty={items.length === 0} emptyText={fd('agencies.noMatch')}>
        <ul aria-label={fd('agencies.listLabel')} style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: '16rem', overflowY: 'auto' }}>
          {items.map((a) => (
            <li key={a.id}>
              <label className="choice">
                <input type="checkbox" checked={assigned.has(a.id)} onChange={(e) => toggle(a.id, e.target.checked)} />
                {a.name} <span className="muted">({a.unitName}, {a.code})</span>
              </label>
            </li>
          ))}
        </ul>
      </PageState>
    </fieldset>
  );
}

interface UnitsChecklistProps {
  units: ReturnType<typeof useQuery<{ items: Unit[]; total: number }>>;
  assigned: Set<string>;
  setAssigned: (update: (current: Set<string>) => Set<string>) => void;
  sendUnits: boolean;
  setSendUnits: (value: boolean) => void;
  errors: string[];
}

function UnitsChecklist({ units, assigned, setAssigned, sendUnits, setSendUnits, errors }: UnitsChecklistProps) {
  const fd = useFd();
  const { t } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter);
  const all = useMemo(() => [...(units.data?.items ?? [])].sort((a, b) => a.path.localeCompare(b.path)), [units.data]);
  const known = useMemo(() => new Set(all.map((u) => u.id)), [all]);
  const shown = useMemo(() => {
    const q = deferred.trim().toLocaleLowerCase('vi');
    return q ? all.filter((u) => u.name.toLocaleLowerCase('vi').includes(q) || u.code.toLowerCase().includes(q)) : all;
  }, [all, deferred]);
  const byType = useMemo(() => {
    const map = new Map<UnitType, string[]>();
    for (const u of all) map.set(u.type, [...(map.get(u.type) ?? []), u.id]);
    return helperOrder.filter((type) => unitTypes.includes(type) && map.has(type)).map((type) => ({ type, ids: map.get(type) ?? [] }));
  }, [all]);
  const unknownCount = [...assigned].filter((u) => !known.has(u)).length;

  const add = (ids: string[]) => setAssigned((current) => new Set([...current, ...ids]));
  const drop = (ids: string[]) => setAssigned((current) => {
    const gone = new Set(ids);
    return new Set([...current].filter((u) => !gone.has(u)));
  });
  const toggle = (unitId: string, on: boolean) => (on ? add([unitId]) : drop([unitId]));

  return (
    <fieldset className="fieldset">
      <legend>{fd('units.legend')}</legend>
      <label className="choice">
        <input type="checkbox" checked={sendUnits} onChange={(e) => setSendUnits(e.target.checked)} aria-describedby={`${id}-send-hint`} />
        {fd('units.send')}
      </label>
      <p className="hint" id={`${id}-send-hint`}>{fd('units.sendHint')}</p>
      {sendUnits && (
        <PageState isLoading={units.isPending} error={units.error} onRetry={() => void units.refetch()} isEmpty={all.length === 0}>
          <p className="muted" aria-live="polite">{fd('units.selected', { count: [...assigned].filter((u) => known.has(u)).length, total: all.length })}</p>
          {unknownCount > 0 && (
            <p className="hint hint-warning">
              {fd('units.notInList', { count: unknownCount })}{' '}
              <button type="button" className="link-button" onClick={() => setAssigned((current) => new Set([...current].filter((u) => known.has(u))))}>
                {fd('units.dropNotInList')}
              </button>
            </p>
          )}
          <div className="row-actions" role="group" aria-label={fd('units.helpers')}>
            {byType.map(({ type, ids }) => (
              <span key={type} className="row-actions">
                <button type="button" className="button button-small" onClick={() => add(ids)}>
                  {fd('units.selectType', { type: t(`unitType.${type}`), count: ids.length })}
                </button>
                <button type="button" className="button button-small" onClick={() => drop(ids)}>
                  {fd('units.clearType', { type: t(`unitType.${type}`) })}
                </button>
              </span>
            ))}
          </div>
          <div className="filters" style={{ alignItems: 'flex-end' }}>
            <div className="field">
              <label htmlFor={`${id}-filter`}>{fd('units.filter')}</label>
              <input id={`${id}-filter`} type="search" className="input" value={filter} onChange={(e) => setFilter(e.target.value)} />
            </div>
            <button type="button" className="button button-small" onClick={() => add(shown.map((u) => u.id))}>{fd('units.selectShown')}</button>
            <button type="button" className="button button-small" onClick={() => drop(shown.map((u) => u.id))}>{fd('units.clearShown')}</button>
            <button type="button" className="button button-small" onClick={() => setAssigned(() => new Set())}>{fd('units.clearAll')}</button>
          </div>
          {shown.length === 0
            ? <p className="state state-empty">{fd('units.noMatch')}</p>
            : (
              <ul aria-label={fd('units.listLabel')} style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: '22rem', overflowY: 'auto' }}>
                {shown.map((u) => (
                  <li key={u.id} style={{ paddingInlineStart: `${Math.max(0, u.level - 1) * 1.25}rem` }}>
                    <label className="choice">
                      <input type="checkbox" checked={assigned.has(u.id)} onChange={(e) => toggle(u.id, e.target.checked)} />
                      {u.name} <span className="muted">({t(`unitType.${u.type}`)}, {u.code})</span>
                    </label>
                  </li>
                ))}
              </ul>
            )}
          <FieldNotes id={`${id}-errors`} errors={errors} />
        </PageState>
      )}
    </fieldset>
  );
}
