// The live event ticker: newest first, announced politely, one human sentence per event.
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { HubEvent } from '../../../shared/realtime.js';
import { useHub } from '../../app/hub-context.js';
import { formatTime } from '../../app/format.js';

const knownTypes = [
  'unit.created', 'unit.updated', 'unit.ended', 'units.imported', 'agency.created', 'agency.updated',
  'user.created', 'user.updated', 'apikey.created', 'apikey.revoked',
] as const;
type KnownType = (typeof knownTypes)[number];

function isKnown(type: string): type is KnownType {
  return (knownTypes as readonly string[]).includes(type);
}

export function describeEvent(event: HubEvent, t: TFunction): string {
  const data = event.data as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value ? value : null);
  const name = text(data.name) ?? text(data.displayName) ?? text(data.username) ?? text(data.code) ?? t('events.unnamed');
  const count = typeof data.count === 'number' ? data.count : typeof data.imported === 'number' ? data.imported : event.data.ids.length;
  if (isKnown(event.type)) return t(`events.${event.type}`, { name, count });
  return t('events.other', { type: event.type });
}

export function EventTicker({ limit = 30 }: { limit?: number }) {
  const { t, i18n } = useTranslation();
  const { events } = useHub();
  return (
    <section className="ticker card" aria-labelledby="ticker-title">
      <h2 id="ticker-title">{t('overview.ticker')}</h2>
      <ol className="ticker-list" aria-live="polite" aria-relevant="additions" data-testid="event-ticker">
        {events.length === 0 && <li className="muted ticker-empty">{t('overview.tickerEmpty')}</li>}
        {events.slice(0, limit).map((event) => (
          <li key={event.seq} className={`ticker-item topic-${event.topic}`} data-event-type={event.type}>
            <time dateTime={event.at} className="ticker-time">{formatTime(event.at, i18n.language)}</time>
            <span className="ticker-type">{t(`eventTopic.${event.topic}`)}</span>
            <span className="ticker-text">{describeEvent(event, t)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
