// A grid of cameras for pages and the video wall: live video when `live`, else stills refreshed while shown.
// Without `cameraIds`, every camera of the user's scope.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../shared/contracts/cameras.js';
import { PageState } from '../../ui/PageState.js';
import { camerasQuery } from './cameras.api.js';
import { CameraStill } from './CameraStill.js';
import { LiveVideo } from './LiveVideo.js';
import './cameras.css';

export interface CameraGridProps {
  cameraIds?: string[];
  columns?: number;
  live?: boolean;
  /** Called when a tile is chosen (the camera page opens its live view); tiles are not buttons without it. */
  onOpen?: (camera: Camera) => void;
}

export function CameraGrid({ cameraIds, columns = 3, live = false, onOpen }: CameraGridProps) {
  const { t } = useTranslation();
  const list = useQuery(camerasQuery(cameraIds ? { ids: cameraIds.join(',') } : {}));
  // Keep the order the wall's layout gave.
  const cameras = cameraIds && list.data
    ? cameraIds.map((id) => list.data.items.find((c) => c.id === id)).filter((c): c is Camera => !!c)
    : list.data?.items ?? [];
  return (
    <PageState isLoading={list.isPending} error={list.error} isEmpty={cameras.length === 0} emptyText={t('cam.grid.none')} onRetry={() => void list.refetch()}>
      <ul className="cam-grid" aria-label={t('cam.grid.label')} style={{ gridTemplateColumns: `repeat(${Math.max(1, columns)}, minmax(0, 1fr))` }}>
        {cameras.map((camera) => (
          <li key={camera.id} className="cam-tile" data-status={camera.status}>
            {live ? <LiveVideo cameraId={camera.id} name={camera.name} compact /> : <CameraStill cameraId={camera.id} name={camera.name} />}
            <div className="cam-tile-caption">
              {onOpen
                ? <button type="button" className="link-button cam-tile-name" onClick={() => onOpen(camera)} aria-label={t('cam.open', { name: camera.name })}>{camera.name}</button>
                : <span className="cam-tile-name">{camera.name}</span>}
              <span className={`cam-status cam-status-${camera.status}`}>{t(`cam.status.${camera.status}`)}</span>
            </div>
          </li>
        ))}
      </ul>
    </PageState>
  );
}
