// One camera: live video (started on demand on the server, stopped when nobody watches), its facts and events.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../app/format.js';
import { PageState } from '../../ui/PageState.js';
import { cameraQuery } from './cameras.api.js';
import { CameraEvents } from './CameraEvents.js';
import { LiveVideo } from './LiveVideo.js';
import './cameras.css';

export function CameraPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { id = '' } = useParams();
  const camera = useQuery(cameraQuery(id));
  const c = camera.data;
  return (
    <section aria-labelledby="page-title" className="page">
      <p><Link to="/operations/cameras">← {t('cam.back')}</Link></p>
      <PageState isLoading={camera.isPending} error={camera.error} onRetry={() => void camera.refetch()}>
        {c && (
          <>
            <header className="page-header">
              <h1 id="page-title">{c.name}</h1>
              <div className="toolbar">
                <span className={`cam-status cam-status-${c.status}`}>{t(`cam.status.${c.status}`)}</span>
                {c.ptz && <span className="badge">{t('cam.ptz')}</span>}
                {c.isSynthetic && <span className="badge">{t('cam.synthetic')}</span>}
              </div>
            </header>
            <div className="cam-layout">
              <div>
                {c.enabled ? <LiveVideo cameraId={c.id} name={c.name} /> : <p className="state">{t('cam.disabled')}</p>}
                <dl className="cam-facts">
                  <dt>{t('cam.detail.unit')}</dt><dd>{c.unitName}</dd>
                  {c.lon !== null && c.lat !== null && <><dt>{t('cam.detail.location')}</dt><dd>{c.lat.toFixed(5)}, {c.lon.toFixed(5)}</dd></>}
                  {c.tags.length > 0 && <><dt>{t('cam.detail.tags')}</dt><dd>{c.tags.join(', ')}</dd></>}
                  <dt>{t('cam.detail.lastSeen')}</dt><dd>{c.lastSeenAt ? formatDateTime(c.lastSeenAt, lang) : t('cam.detail.never')}</dd>
                </dl>
                {c.isSynthetic && <p className="hint">{t('cam.syntheticNote')}</p>}
              </div>
              <CameraEvents cameraId={c.id} />
            </div>
          </>
        )}
      </PageState>
    </section>
  );
}
