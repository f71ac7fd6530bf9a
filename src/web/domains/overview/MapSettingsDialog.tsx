// Map settings: an optional raster basemap URL kept in this browser (no outside tiles by default).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.js';

export const BASEMAP_KEY = 'ioc.basemapUrl';

export function readBasemapUrl(): string | null {
  try { return localStorage.getItem(BASEMAP_KEY) || null; } catch { return null; }
}

export function MapSettingsDialog({ open, onClose, onSaved }: { open: boolean; onClose: () => void; onSaved: (url: string | null) => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState(() => readBasemapUrl() ?? '');

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const value = url.trim() || null;
    try {
      if (value) localStorage.setItem(BASEMAP_KEY, value); else localStorage.removeItem(BASEMAP_KEY);
    } catch { /* storage blocked: keep it for this page only */ }
    onSaved(value);
    onClose();
  }

  return (
    <Dialog open={open} title={t('mapSettings.title')} onClose={onClose}>
      <form onSubmit={onSubmit} className="form">
        <div className="field">
          <label htmlFor="basemap-url">{t('mapSettings.basemapUrl')}</label>
          <input id="basemap-url" className="input" type="url" value={url} placeholder="https://…/{z}/{x}/{y}.png"
            aria-describedby="basemap-hint" onChange={(event) => setUrl(event.target.value)} />
          <p id="basemap-hint" className="hint">{t('mapSettings.hint')}</p>
        </div>
        <div className="form-actions">
          <button type="button" className="button" onClick={() => setUrl('')}>{t('mapSettings.clear')}</button>
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button-primary">{t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}
