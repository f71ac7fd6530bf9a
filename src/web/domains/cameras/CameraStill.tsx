// A camera's still ("smart still"): its snapshot, asked again every refresh period only while it is on screen
// and the page is visible, so cameras nobody looks at are never contacted.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { snapshotUrl } from './cameras.api.js';

const REFRESH_MS = 10_000;

export function CameraStill({ cameraId, name, refreshMs = REFRESH_MS }: { cameraId: string; name: string; refreshMs?: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const [bucket, setBucket] = useState(() => Math.floor(Date.now() / refreshMs));
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') { setVisible(true); return; }
    const observer = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!visible) return;
    const tick = () => { if (document.visibilityState === 'visible') setBucket(Math.floor(Date.now() / refreshMs)); };
    const timer = setInterval(tick, refreshMs);
    return () => clearInterval(timer);
  }, [visible, refreshMs]);

  return (
    <div ref={ref} className="cam-still" data-state={failed ? 'no-signal' : 'ok'}>
      {visible && (
        <img src={snapshotUrl(cameraId, bucket)} alt={name} loading="lazy" decoding="async"
          onLoad={() => setFailed(false)} onError={() => setFailed(true)} style={failed ? { visibility: 'hidden' } : undefined} />
      )}
      {failed && <span className="cam-no-signal">{t('cam.noSignal')}</span>}
    </div>
  );
}
