// The call-center agent's form for a phone report: keyboard first (the tab order follows the call, Enter or
// Ctrl+Enter submits, Alt shortcuts below), and the caller's previous reports as the number is typed.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { urgencies, type ReportDetail, type Urgency } from '../../../shared/contracts/feedback.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatDateTime, formatNumber } from '../../app/format.js';
import { FormError } from '../../ui/PageState.js';
import { callerQuery, categoriesQuery, publicPlacesQuery, staffDuplicatesQuery, useCreateReport, useSupportReport } from './feedback.api.js';
import { categoryName, StateBadge } from './feedback-format.js';
import { NoPermission } from './FeedbackSection.js';

/** The value after the user stops typing for `ms`. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const empty = { phone: '', name: '', address: '', unitId: '', categoryCode: '', urgency: 'normal' as Urgency, description: '' };

export function CallCenterPage() {
  const session = useSession();
  if (!hasPermission(session, 'feedback:handle')) return <NoPermission />;
  return <CallForm />;
}

function CallForm() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [form, setForm] = useState(empty);
  const [created, setCreated] = useState<ReportDetail | null>(null);
  const phoneRef = useRef<HTMLInputElement>(null);
  const categoryRef = useRef<HTMLSelectElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const categories = useQuery(categoriesQuery());
  const places = useQuery(publicPlacesQuery());
  const phone = useDebounced(form.phone.trim(), 300);
  const caller = useQuery(callerQuery(phone));
  const create = useCreateReport();
  const support = useSupportReport();
  const [attached, setAttached] = useState<string | null>(null);
  // The same problem already reported nearby (same category and commune)? Attach the caller instead of a new report.
  const draftKey = form.categoryCode && form.unitId ? `${form.categoryCode}|${form.unitId}` : '';
  const duplicates = useQuery(staffDuplicatesQuery(draftKey ? { categoryCode: form.categoryCode, unitId: form.unitId, radiusMeters: 250, days: 30, limit: 5 } : null));
  const set = <K extends keyof typeof empty>(key: K) => (value: (typeof empty)[K]) => setForm((f) => ({ ...f, [key]: value }));
  const category = categories.data?.find((c) => c.code === form.categoryCode);

  useEffect(() => { phoneRef.current?.focus(); }, []);

  const reset = () => { setForm(empty); create.reset(); phoneRef.current?.focus(); };
  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!formRef.current?.reportValidity()) return;
    create.mutate({
      channel: 'phone', urgency: form.urgency, categoryCode: form.categoryCode, description: form.description.trim(),
      address: form.address.trim() || undefined, unitId: form.unitId || undefined,
      reporter: { phone: form.phone.trim() || undefined, name: form.name.trim() || undefined },
    }, { onSuccess: (report) => { setCreated(report); setForm(empty); phoneRef.current?.focus(); } });
  };

  // Alt+N new call, Alt+1/2/3 urgency, Alt+C category, Ctrl+Enter submit (also from the description), Esc clears.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(); return; }
    if (e.key === 'Escape') { e.preventDefault(); reset(); return; }
    if (!e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === 'n') { e.preventDefault(); reset(); setCreated(null); }
    else if (key === 'c') { e.preventDefault(); categoryRef.current?.focus(); }
    else if (['1', '2', '3'].includes(key)) { e.preventDefault(); set('urgency')(urgencies[Number(key) - 1]!); }
  };

  return (
    <section aria-labelledby="page-title" className="fb-call" onKeyDown={onKeyDown}>
      <header className="page-header">
        <h1 id="page-title">{t('fb.call.title')}</h1>
      </header>
      <aside className="fb-shortcuts" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title" className="visually-hidden">{t('fb.call.shortcuts')}</h2>
        <ul>
          <li><kbd>Enter</kbd> / <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t('fb.call.keySubmit')}</li>
          <li><kbd>Alt</kbd>+<kbd>N</kbd> {t('fb.call.keyNew')}</li>
          <li><kbd>Alt</kbd>+<kbd>C</kbd> {t('fb.call.keyCategory')}</li>
          <li><kbd>Alt</kbd>+<kbd>1</kbd>/<kbd>2</kbd>/<kbd>3</kbd> {t('fb.call.keyUrgency')}</li>
          <li><kbd>Esc</kbd> {t('fb.call.keyClear')}</li>
        </ul>
      </aside>
      {created && (
        <p className="note fb-created" role="status" data-testid="call-created">
          {t('fb.call.created')} <strong className="fb-code">{created.trackingCode}</strong> — <StateBadge state={created.state} />{' '}
          {created.agencyName ?? t('fb.operatorQueue')} · <Link to={`/feedback/reports/${created.id}`}>{t('fb.call.openReport')}</Link>
        </p>
      )}
      <div className="fb-call-layout">
        <form ref={formRef} className="card fb-form" onSubmit={submit} aria-labelledby="page-title">
          <div className="fb-form-row">
            <div className="field">
              <label htmlFor="call-phone">{t('fb.call.phone')}</label>
              <input id="call-phone" ref={phoneRef} className="input" type="tel" inputMode="tel" autoComplete="off" value={form.phone}
                pattern="^\+?[0-9 .\-]{6,20}$" onChange={(e) => set('phone')(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="call-name">{t('fb.call.name')}</label>
              <input id="call-name" className="input" autoComplete="off" value={form.name} maxLength={200} onChange={(e) => set('name')(e.target.value)} />
            </div>
          </div>
          <div className="fb-form-row">
            <div className="field fb-grow">
              <label htmlFor="call-address">{t('fb.call.address')}</label>
              <input id="call-address" className="input" autoComplete="off" value={form.address} maxLength={500} onChange={(e) => set('address')(e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="call-unit">{t('fb.call.unit')}</label>
              <select id="call-unit" className="input" value={form.unitId} onChange={(e) => set('unitId')(e.target.value)}>
                <option value="">{t('fb.call.unitNone')}</option>
                {(places.data?.features ?? []).map((f) => <option key={f.properties.id} value={f.properties.id}>{f.properties.name}</option>)}
              </select>
            </div>
          </div>
          <div className="fb-form-row">
            <div className="field fb-grow">
              <label htmlFor="call-category">{t('fb.call.category')}</label>
              <select id="call-category" ref={categoryRef} className="input" required value={form.categoryCode} onChange={(e) => set('categoryCode')(e.target.value)}>
                <option value="">{t('fb.call.chooseCategory')}</option>
                {(categories.data ?? []).filter((c) => c.active).map((c) => <option key={c.code} value={c.code}>{categoryName(c, lang)}</option>)}
              </select>
            </div>
            <fieldset className="field fb-urgency-field">
              <legend className="field-label">{t('fb.call.urgency')}</legend>
              <div className="segmented">
                {urgencies.map((u, i) => (
                  <label key={u} className={`fb-seg${form.urgency === u ? ' is-active' : ''}`}>
                    <input type="radio" name="call-urgency" value={u} checked={form.urgency === u} onChange={() => set('urgency')(u)} />
                    {t(`fb.urgency.${u}`)} <kbd aria-hidden="true">{i + 1}</kbd>
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
          {category?.isEmergency && (
            <p className="note fb-emergency" role="alert">{t('fb.call.emergency', { number: category.emergencyNumber })}</p>
          )}
          <div className="field">
            <label htmlFor="call-description">{t('fb.call.description')}</label>
            <textarea id="call-description" className="input" rows={5} required maxLength={4000} value={form.description} onChange={(e) => set('description')(e.target.value)} />
            <p className="hint">{t('fb.call.descriptionHint', { n: formatNumber(form.description.length, lang) })}</p>
          </div>
          <p className="hint">{t('fb.call.placeHint')}</p>
          <div className="fb-form-row">
            <button type="submit" className="button button-primary" disabled={create.isPending}>{t('fb.call.submit')}</button>
            <button type="button" className="button" onClick={reset}>{t('fb.call.clear')}</button>
          </div>
          <FormError error={create.error} />
        </form>
        <div className="fb-column">
        {attached && <p className="note fb-created" role="status">{t('fb.call.attached', { code: attached })}</p>}
        {(duplicates.data?.length ?? 0) > 0 && (
          <section className="card" aria-labelledby="call-dups-title">
            <h2 id="call-dups-title">{t('fb.dups.title')}</h2>
            <ul className="fb-caller-list">
              {duplicates.data?.map((c) => (
                <li key={c.report.id}>
                  <Link to={`/feedback/reports/${c.report.id}`} className="fb-code">{c.report.trackingCode}</Link> <StateBadge state={c.report.state} />
                  <span className="cell-sub fb-excerpt">{c.report.description.length > 160 ? `${c.report.description.slice(0, 160)}…` : c.report.description}</span>
                  <button type="button" className="button button-small" disabled={support.isPending} onClick={() => support.mutate(
                    { id: c.report.id, body: { channel: 'phone', notify: true, comment: form.description.trim().slice(0, 1000) || undefined, reporter: { phone: form.phone.trim() || undefined, name: form.name.trim() || undefined } } },
                    { onSuccess: (r) => { setAttached(r.trackingCode); setForm(empty); phoneRef.current?.focus(); } },
                  )}>{t('fb.call.attach')}</button>
                </li>
              ))}
            </ul>
            <FormError error={support.error} />
          </section>
        )}
        <section className="card fb-caller" aria-labelledby="caller-title" aria-live="polite">
          <h2 id="caller-title">{t('fb.call.history')}</h2>
          {phone.replace(/\D/g, '').length < 6 ? <p className="hint">{t('fb.call.historyHint')}</p>
            : caller.isPending ? <p className="state state-loading">{t('state.loading')}</p>
              : caller.error ? <FormError error={caller.error} />
                : caller.data && (
                  <>
                    <p data-testid="caller-total">{caller.data.exact ? t('fb.call.historyExact', { n: formatNumber(caller.data.total, lang) }) : t('fb.call.historyPrefix', { n: formatNumber(caller.data.total, lang) })}</p>
                    {caller.data.names.length > 0 && !form.name && (
                      <p className="fb-form-row">
                        {caller.data.names.slice(0, 3).map((name) => (
                          <button key={name} type="button" className="button button-small" onClick={() => setForm((f) => ({ ...f, name, address: f.address || caller.data?.addresses[0] || '' }))}>
                            {t('fb.call.useName', { name })}
                          </button>
                        ))}
                      </p>
                    )}
                    <ul className="fb-caller-list">
                      {caller.data.items.map((r) => (
                        <li key={r.id}>
                          <Link to={`/feedback/reports/${r.id}`} className="fb-code">{r.trackingCode}</Link> <StateBadge state={r.state} />
                          <span className="muted"> {formatDateTime(r.createdAt, lang)} · {r.categoryName}{r.reporterPhone ? ` · ${r.reporterPhone}` : ''}</span>
                          <span className="cell-sub fb-excerpt">{r.description}</span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
        </section>
        </div>
      </div>
    </section>
  );
}
