// The picture of a camera event's moment kept by the server (Frigate's thumbnail or a frame grabbed at event time).
// Renders nothing when it cannot be shown (none yet, deleted with old events, or outside the viewer's scope).
import { useState } from 'react';
import { eventSnapshotUrl } from './cameras.api.js';
import './cameras.css';

export function EventSnapshot({ eventId, version, alt, caption, source }: {
  eventId: string; version: string; alt: string; caption?: string; source?: 'frigate' | 'camera';
}) {
  const [failed, setFailed] = useState(false);
  if (failed) return null;
  return (
    <figure className="cam-event-snapshot" data-testid="camera-event-snapshot" data-source={source ?? ''}>
      <img src={eventSnapshotUrl(eventId, version)} alt={alt} loading="lazy" decoding="async" onError={() => setFailed(true)} />
      {caption && <figcaption className="muted">{caption}</figcaption>}
    </figure>
  );
}
