// Recent camera events (Frigate's label, score, zones) with the picture of their moment (or, until there is one,
// the camera's current still) and the alarm they raised.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatPercent } from '../../app/format.js';
import { PageState } from '../../ui/PageState.js';
import { cameraEventsQuery } from './cameras.api.js';
import { CameraStill } from './CameraStill.js';
import { EventSnapshot } from './EventSnapshot.js';

export function CameraEvents({ cameraId, unitId, limit = 20 }: { cameraId?: string; unitId?: string; limit?: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const events = useQuery(cameraEventsQuery({ cameraId, unitId, limit }));
  const labelOf = (label: string) => t(`cam.labels.${label}`, { defaultValue: label });
  return (
    <section aria-labelledby="cam-events-title">
      <h2 id="cam-events-title">{t('cam.events.title')}</h2>
      <PageState isLoading={events.isPending} error={events.error} isEmpty={events.data?.items.length === 0} emptyText={t('cam.events.empty')} onRetry={() => void events.refetch()}>
        <ul className="cam-events" data-testid="camera-events">
          {events.data?.items.map((e) => (
            <li key={e.id} className="cam-event" data-label={e.label}>
              {e.snapshot
                ? <EventSnapshot eventId={e.id} version={e.snapshot.takenAt} source={e.snapshot.source}
                    alt={`${labelOf(e.label)} · ${e.cameraName} · ${formatDateTime(e.startTime, lang)}`}
                    caption={t(e.snapshot.source === 'camera' ? 'cam.events.snapshotFromCamera' : 'cam.events.snapshotFromAnalytics', { time: formatDateTime(e.snapshot.takenAt, lang) })} />
                : <div title={t('cam.events.liveStill')}><CameraStill cameraId={e.cameraId} name={e.cameraName} refreshMs={60_000} /></div>}
              <div>
                <div><span className="cam-event-label">{labelOf(e.label)}</span>{e.subLabel && <> · {e.subLabel}</>} · {t('cam.events.score')} {formatPercent(e.topScore, lang)}</div>
                <div className="muted">{e.cameraName} · {formatDateTime(e.startTime, lang)} · {t(`cam.events.state.${e.state}`)}</div>
                {(e.enteredZones.length > 0 || e.currentZones.length > 0) && (
                  <div>{t('cam.events.zones')}: {[...new Set([...e.enteredZones, ...e.currentZones])].join(', ')}</div>
                )}
                {e.alarmId && <div className="cam-event-alarm">{t('cam.events.alarmRaised')}</div>}
              </div>
            </li>
          ))}
        </ul>
      </PageState>
    </section>
  );
}
