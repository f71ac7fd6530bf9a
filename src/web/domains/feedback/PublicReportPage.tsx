// The citizens' page (no sign-in, phone first): category first (with the 113/114/115 notice for
// life-threatening ones), what happened, where (a pin, an address or a commune), contact kept private; answers
// the tracking code. The status page by tracking code lives beside it (PublicStatusPage).
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MAX_DESCRIPTION, type PublicCreateReportBody, type PublicReportCreated, type ReportCategory } from '../../../shared/contracts/feedback.js';
import { LanguageSwitch } from '../../app/LanguageSwitch.js';
import { formatDateTime, formatNumber } from '../../app/format.js';
import { ErrorState, FormError, PageState } from '../../ui/PageState.js';
import { publicCategoriesQuery, publicDuplicatesQuery, publicPlacesQuery, usePublicSupport, useSubmitPublicReport } from './feedback.api.js';
import { categoryName } from './feedback-format.js';
import { PinMap, type Pin } from './PinMap.js';
import './feedback.css';

type PlaceMode = 'pin' | 'address' | 'unit';

export function PublicFrame({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="fb-public">
      <header className="fb-public-header">
        <Link to="/phan-anh" className="fb-public-brand">{t('fb.public.brand')}</Link>
        <LanguageSwitch />
      </header>
      <main id="main" className="fb-public-main">{children}</main>
      <footer className="fb-public-footer"><p>{t('fb.public.footer')}</p></footer>
    </div>
  );
}

export function PublicReportPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const categories = useQuery(publicCategoriesQuery());
  const places = useQuery(publicPlacesQuery());
  const submit = useSubmitPublicReport();
  const navigate = useNavigate();
  const [category, setCategory] = useState<ReportCategory | null>(null);
  const [description, setDescription] = useState('');
  const [placeMode, setPlaceMode] = useState<PlaceMode>('pin');
  const [pin, setPin] = useState<Pin | null>(null);
  const [address, setAddress] = useState('');
  const [unitId, setUnitId] = useState('');
  const [contact, setContact] = useState({ name: '', phone: '', email: '' });
  const [placeError, setPlaceError] = useState(false);
  const [locating, setLocating] = useState(false);
  const [created, setCreated] = useState<PublicReportCreated | null>(null);
  const [lookup, setLookup] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const support = usePublicSupport();
  const [supported, setSupported] = useState<string | null>(null);
  // "Is it one of these?": asked once the category and a place are known (H2's duplicates endpoint).
  const draft = useMemo(() => {
    if (!category) return null;
    if (placeMode === 'pin' && pin) return { categoryCode: category.code, description: description.slice(0, 500) || undefined, location: pin, radiusMeters: 250, days: 30, limit: 5 };
    if (placeMode === 'unit' && unitId) return { categoryCode: category.code, description: description.slice(0, 500) || undefined, unitId, radiusMeters: 250, days: 30, limit: 5 };
    return null;
  }, [category, placeMode, pin, unitId, description]);
  const duplicates = useQuery(publicDuplicatesQuery(useDebouncedValue(draft, 600)));
  const groups = useMemo(() => {
    const byGroup = new Map<string, ReportCategory[]>();
    for (const c of categories.data ?? []) byGroup.set(c.group, [...(byGroup.get(c.group) ?? []), c]);
    return [...byGroup];
  }, [categories.data]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!category) return;
    const body: PublicCreateReportBody = { categoryCode: category.code, description: description.trim() };
    if (placeMode === 'pin' && pin) body.location = pin;
    if (placeMode === 'unit' && unitId) body.unitId = unitId;
    if (address.trim()) body.address = address.trim();
    if (!body.location && !body.unitId && !body.address) { setPlaceError(true); return; }
    setPlaceError(false);
    const reporter = Object.fromEntries(Object.entries(contact).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
    if (Object.keys(reporter).length) body.reporter = reporter;
    submit.mutate({ body, photos }, { onSuccess: (answer) => { setCreated(answer); window.scrollTo(0, 0); } });
  };

  const locate = () => {
    if (!navigator.geolocation) return;
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => { setPin({ lat: Math.round(p.coords.latitude * 1e6) / 1e6, lon: Math.round(p.coords.longitude * 1e6) / 1e6 }); setLocating(false); },
      () => setLocating(false), { timeout: 10_000 });
  };

  if (created) {
    return (
      <PublicFrame>
        <section className="card fb-done" aria-labelledby="done-title">
          <h1 id="done-title">{t('fb.public.thanks')}</h1>
          {created.emergency && <EmergencyNotice number={created.emergency.number} text={lang.startsWith('en') ? created.emergency.messageEn : created.emergency.message} />}
          <p>{t('fb.public.codeIs')}</p>
          <p className="fb-tracking-code" data-testid="tracking-code">{created.trackingCode}</p>
          <p>{t('fb.public.statusNow', { status: created.statusLabel })}</p>
          {created.resolveDueAt && <p>{t('fb.public.dueBy', { at: formatDateTime(created.resolveDueAt, lang) })}</p>}
          <p className="hint">{t('fb.public.keepCode')}</p>
          {created.photoCount > 0 && <p className="hint">{t('fb.public.photosSent', { n: created.photoCount })}</p>}
          <div className="fb-form-row">
            <Link className="button button-primary" to={`/phan-anh/tra-cuu/${created.trackingCode}?key=${encodeURIComponent(created.reporterKey)}`}>{t('fb.public.follow')}</Link>
            <button type="button" className="button" onClick={() => { setCreated(null); setCategory(null); setDescription(''); setPin(null); setAddress(''); setUnitId(''); submit.reset(); }}>{t('fb.public.another')}</button>
          </div>
        </section>
      </PublicFrame>
    );
  }

  return (
    <PublicFrame>
      <h1>{t('fb.public.title')}</h1>
      <p className="lead">{t('fb.public.lead')}</p>
      <form className="fb-public-lookup" role="search" onSubmit={(e) => { e.preventDefault(); if (lookup.trim()) void navigate(`/phan-anh/tra-cuu/${encodeURIComponent(lookup.trim().toUpperCase())}`); }}>
        <label htmlFor="lookup-code">{t('fb.public.lookupLabel')}</label>
        <div className="fb-form-row">
          <input id="lookup-code" className="input" value={lookup} placeholder="PA…" autoCapitalize="characters" onChange={(e) => setLookup(e.target.value)} />
          <button type="submit" className="button">{t('fb.public.lookup')}</button>
        </div>
      </form>
      <form className="fb-public-form" onSubmit={onSubmit} noValidate={false}>
        <fieldset className="card">
          <legend>{t('fb.public.step1')}</legend>
          <PageState isLoading={categories.isPending} error={categories.error} onRetry={() => void categories.refetch()}>
            {groups.map(([group, items]) => (
              <div key={group} className="fb-category-group">
                <h2 className="fb-group-name">{group}</h2>
                <div className="fb-category-grid" role="radiogroup" aria-label={group}>
                  {items.map((c) => (
                    <label key={c.code} className={`fb-category${category?.code === c.code ? ' is-active' : ''}${c.isEmergency ? ' is-emergency' : ''}`}>
                      <input type="radio" name="category" value={c.code} checked={category?.code === c.code} required onChange={() => setCategory(c)} />
                      <span>{categoryName(c, lang)}</span>
                    </label>
                  ))}
                </div>
              </div>
            ))}
          </PageState>
          {category?.isEmergency && category.emergencyNumber && <EmergencyNotice number={category.emergencyNumber} text={t('fb.public.emergency', { number: category.emergencyNumber })} />}
        </fieldset>

        <fieldset className="card" disabled={!category}>
          <legend>{t('fb.public.step2')}</legend>
          <label htmlFor="pub-description" className="field-label">{t('fb.public.description')}</label>
          <textarea id="pub-description" className="input" rows={5} required maxLength={MAX_DESCRIPTION} value={description} onChange={(e) => setDescription(e.target.value)} />
          <p className="hint">{t('fb.public.descriptionHint', { n: formatNumber(description.length, lang), max: formatNumber(MAX_DESCRIPTION, lang) })}</p>
          <label htmlFor="pub-photos" className="field-label">{t('fb.public.photos')}</label>
          <input id="pub-photos" type="file" accept="image/jpeg,image/png,image/webp" multiple capture="environment"
            onChange={(e) => setPhotos(Array.from(e.target.files ?? []).slice(0, 5))} />
          {photos.length > 0 && <p className="hint">{t('fb.public.photosChosen', { n: photos.length })}</p>}
        </fieldset>

        <fieldset className="card" disabled={!category}>
          <legend>{t('fb.public.step3')}</legend>
          <div className="segmented fb-place-modes" role="group" aria-label={t('fb.public.step3')}>
            {(['pin', 'address', 'unit'] as const).map((m) => (
              <button key={m} type="button" aria-pressed={placeMode === m} onClick={() => setPlaceMode(m)}>{t(`fb.public.place_${m}`)}</button>
            ))}
          </div>
          {placeMode === 'pin' && (
            <>
              <p className="hint">{t('fb.public.pinHint')}</p>
              <div className="map-frame fb-pin-map">
                {places.error ? <ErrorState error={places.error} /> : (
                  <PinMap places={places.data ? { type: 'FeatureCollection', features: places.data.features } : null} pin={pin} onPin={setPin}
                    ariaLabel={t('fb.public.pinMap')} failedText={t('fb.map.failed')} />
                )}
              </div>
              <div className="fb-form-row">
                <button type="button" className="button" onClick={locate} disabled={locating}>{t('fb.public.myLocation')}</button>
                {pin && <span className="muted" data-testid="pin">{t('fb.public.pinAt', { lat: pin.lat.toFixed(5), lon: pin.lon.toFixed(5) })}</span>}
              </div>
            </>
          )}
          {placeMode === 'unit' && (
            <div className="field">
              <label htmlFor="pub-unit">{t('fb.public.unit')}</label>
              <select id="pub-unit" className="input" value={unitId} onChange={(e) => setUnitId(e.target.value)}>
                <option value="">{t('fb.public.chooseUnit')}</option>
                {(places.data?.features ?? []).map((f) => <option key={f.properties.id} value={f.properties.id}>{f.properties.name}</option>)}
              </select>
            </div>
          )}
          <div className="field">
            <label htmlFor="pub-address">{placeMode === 'address' ? t('fb.public.address') : t('fb.public.addressOptional')}</label>
            <input id="pub-address" className="input" value={address} maxLength={500} autoComplete="street-address" onChange={(e) => setAddress(e.target.value)} />
          </div>
          {placeError && <p className="form-error" role="alert">{t('fb.public.placeMissing')}</p>}
        </fieldset>

        <fieldset className="card" disabled={!category}>
          <legend>{t('fb.public.step4')}</legend>
          <p className="hint">{t('fb.public.contactPrivate')}</p>
          <div className="field">
            <label htmlFor="pub-name">{t('fb.call.name')}</label>
            <input id="pub-name" className="input" value={contact.name} maxLength={200} autoComplete="name" onChange={(e) => setContact({ ...contact, name: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="pub-phone">{t('fb.call.phone')}</label>
            <input id="pub-phone" className="input" type="tel" inputMode="tel" value={contact.phone} autoComplete="tel" pattern="^\+?[0-9 .\-]{6,20}$" onChange={(e) => setContact({ ...contact, phone: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="pub-email">{t('fb.detail.email')}</label>
            <input id="pub-email" className="input" type="email" value={contact.email} autoComplete="email" onChange={(e) => setContact({ ...contact, email: e.target.value })} />
          </div>
        </fieldset>
        {supported ? <p className="note fb-created" role="status">{t('fb.public.supported', { code: supported })}</p>
          : (duplicates.data?.items.length ?? 0) > 0 && (
            <section className="card fb-dups" aria-labelledby="dups-title">
              <h2 id="dups-title">{t('fb.public.dupsTitle')}</h2>
              <p className="hint">{t('fb.public.dupsHint')}</p>
              <ul className="fb-caller-list">
                {duplicates.data?.items.map((d) => (
                  <li key={d.trackingCode}>
                    <strong>{d.categoryName}</strong> · {d.statusLabel} <span className="muted">· {formatDateTime(d.createdAt, lang)}{d.distanceMeters !== null ? ` · ${Math.round(d.distanceMeters)} m` : ''}</span>
                    <span className="cell-sub fb-excerpt">{d.description.length > 200 ? `${d.description.slice(0, 200)}…` : d.description}</span>
                    <button type="button" className="button button-small" disabled={support.isPending}
                      onClick={() => {
                        const reporter = Object.fromEntries(Object.entries(contact).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
                        support.mutate({ code: d.trackingCode, body: { reporter: Object.keys(reporter).length ? reporter : undefined, comment: description.trim().slice(0, 1000) || undefined, notify: true } },
                          { onSuccess: (r) => setSupported(r.trackingCode) });
                      }}>{t('fb.public.metoo')}</button>
                  </li>
                ))}
              </ul>
              <FormError error={support.error} />
            </section>
          )}
        <button type="submit" className="button button-primary fb-submit" disabled={!category || submit.isPending}>{t('fb.public.submit')}</button>
        <FormError error={submit.error} />
      </form>
    </PublicFrame>
  );
}

/** The value after it stopped changing for `ms` (compared by content, so a new object with the same fields is not a change). */
function useDebouncedValue<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  const json = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(JSON.parse(json) as T), ms);
    return () => clearTimeout(timer);
  }, [json, ms]);
  return debounced;
}

function EmergencyNotice({ number, text }: { number: string; text: string }) {
  const { t } = useTranslation();
  return (
    <div className="note fb-emergency" role="alert" data-testid="emergency-notice">
      <p>{text}</p>
      <a className="button button-danger" href={`tel:${number}`}>{t('fb.public.call', { number })}</a>
    </div>
  );
}
