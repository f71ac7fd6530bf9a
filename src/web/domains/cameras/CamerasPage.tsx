// The cameras page: stills of the cameras in scope (filter by area and group), a click opens the live view;
// recent camera events beside them.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatNumber } from '../../app/format.js';
import { useHub } from '../../app/hub-context.js';
import { useAsOf, useSearchParam } from '../../app/url-state.js';
import { ConnectionBadge } from '../../ui/ConnectionBadge.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitTreeQuery } from '../units/units.api.js';
import { camerasQuery } from './cameras.api.js';
import { CameraEvents } from './CameraEvents.js';
import { CameraGrid } from './CameraGrid.js';

export function CamerasPage() {
  const { t, i18n } = useTranslation();
  const hub = useHub();
  const navigate = useNavigate();
  const { asOf } = useAsOf();
  const [unit, setUnit] = useSearchParam('unit');
  const [tag, setTag] = useSearchParam('tag');
  const [q, setQ] = useState('');
  const tree = useQuery(unitTreeQuery(asOf));
  const all = useQuery(camerasQuery({}));
  const filtered = useQuery(camerasQuery({ unitId: unit ?? undefined, tag: tag ?? undefined, q: q || undefined }));
  const tags = [...new Set((all.data?.items ?? []).flatMap((c) => c.tags))].sort((a, b) => a.localeCompare(b, 'vi'));
  const ids = filtered.data?.items.map((c) => c.id);
  return (
    <section aria-labelledby="page-title" className="page">
      <header className="page-header">
        <h1 id="page-title">{t('cam.title')}</h1>
        <div className="toolbar">
          <ConnectionBadge state={hub.state} />
          <UnitTreePicker label={t('cam.filter.unit')} roots={tree.data?.roots ?? []} value={unit} isLoading={tree.isPending} clearLabel={t('cam.filter.any')} onChange={setUnit} />
          <label className="field-inline">
            <span>{t('cam.filter.tag')}</span>
            <select className="input" value={tag ?? ''} onChange={(e) => setTag(e.target.value || null)}>
              <option value="">{t('cam.filter.anyTag')}</option>
              {tags.map((x) => <option key={x} value={x}>{x}</option>)}
            </select>
          </label>
          <input className="input" type="search" aria-label={t('cam.filter.search')} placeholder={t('cam.filter.search')} value={q} onChange={(e) => setQ(e.target.value)} />
        </div>
      </header>
      <p className="hint">{t('cam.intro')}{all.data?.items.some((c) => c.isSynthetic) ? ` ${t('cam.syntheticNote')}` : ''}</p>
      {filtered.data && <p className="muted" data-testid="camera-count">{t('cam.count', { count: filtered.data.total, formatted: formatNumber(filtered.data.total, i18n.language) })}</p>}
      <div className="cam-layout">
        {ids ? <CameraGrid cameraIds={ids} columns={3} onOpen={(c) => void navigate(`/operations/cameras/${c.id}`)} /> : <div />}
        <CameraEvents unitId={unit ?? undefined} />
      </div>
    </section>
  );
}
