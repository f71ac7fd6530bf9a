// The region redaction editor on a report photo: a moderator draws rectangles over faces or licence plates,
// moves, resizes or removes them (mouse, finger or keyboard), and saves; the server pixelates them on the
// public copy and keeps them on the photo, so redoing a redaction starts from the regions of the last one.
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportPhoto } from '../../../shared/contracts/feedback.js';
import { errorMessage } from '../../api/client.js';
import { useToast } from '../../ui/Toasts.js';
import { useRedactPhoto } from './feedback.api.js';

/** A region as fractions (0–1) of the photo as shown: what the server stores and maps onto the original's pixels. */
export interface RedactionBox { x: number; y: number; width: number; height: number }
type Point = { x: number; y: number };
type Corner = 'nw' | 'ne' | 'sw' | 'se';

const corners: Corner[] = ['nw', 'ne', 'sw', 'se'];
const MIN_SIDE = 0.01;          // a click or a sliver (under 1 % of a side) is not a region anyone meant to draw
const KEY_STEP = 0.01;          // arrow keys move or resize by 1 % of the photo (a fifth of that with Alt)
const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const pct = (v: number) => Math.round(v * 1000) / 10;
const boxBetween = (a: Point, b: Point): RedactionBox => ({ x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) });
const isDrawn = (b: RedactionBox) => b.width > MIN_SIDE && b.height > MIN_SIDE;
/** The corner opposite `c` of `b`: it stays put while `c` is dragged. */
function anchorOf(b: RedactionBox, c: Corner): Point {
  return { x: c.endsWith('w') ? b.x + b.width : b.x, y: c.startsWith('n') ? b.y + b.height : b.y };
}

type Gesture =
  | { kind: 'draw'; from: Point }
  | { kind: 'move'; index: number; grab: Point; start: RedactionBox }
  | { kind: 'resize'; index: number; anchor: Point };

export function RedactionEditor({ reportId, photo }: { reportId: string; photo: ReportPhoto }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const redact = useRedactPhoto(reportId);
  const [open, setOpen] = useState(false);
  const [boxes, setBoxes] = useState<RedactionBox[]>([]);
  const [drawing, setDrawing] = useState<RedactionBox | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const gesture = useRef<Gesture | null>(null);
  const boxRefs = useRef<(HTMLSpanElement | null)[]>([]);
  const [focusIndex, setFocusIndex] = useState<number | null>(null);

  // A box added or kept by the keyboard gets the focus once it is rendered.
  useEffect(() => {
    if (focusIndex === null) return;
    boxRefs.current[focusIndex]?.focus();
    setFocusIndex(null);
  }, [focusIndex]);

  const start = () => {
    // The regions of the last redaction (stored on the photo), to adjust rather than redraw.
    setBoxes((photo.redactionRegions ?? []).map((r) => ({ ...r })));
    setReason(photo.redactionReason ?? '');
    setSelected(null);
    setError(null);
    setOpen(true);
  };
  const close = () => { setOpen(false); setBoxes([]); setDrawing(null); setSelected(null); setError(null); };

  const pointAt = (e: ReactPointerEvent) => {
    const rect = frame.current!.getBoundingClientRect();
    return { x: clamp01((e.clientX - rect.left) / rect.width), y: clamp01((e.clientY - rect.top) / rect.height) };
  };
  const begin = (e: ReactPointerEvent, g: Gesture) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    frame.current!.setPointerCapture(e.pointerId);
    gesture.current = g;
  };
  const onFramePointerDown = (e: ReactPointerEvent) => {
    const p = pointAt(e);
    begin(e, { kind: 'draw', from: p });
    setSelected(null);
    setDrawing({ ...p, width: 0, height: 0 });
  };
  const onPointerMove = (e: ReactPointerEvent) => {
    const g = gesture.current;
    if (!g) return;
    const p = pointAt(e);
    if (g.kind === 'draw') setDrawing(boxBetween(g.from, p));
    else if (g.kind === 'resize') setBoxes((all) => all.map((b, i) => (i === g.index ? boxBetween(g.anchor, p) : b)));
    else {
      const x = clamp01(Math.min(g.start.x + p.x - g.grab.x, 1 - g.start.width));
      const y = clamp01(Math.min(g.start.y + p.y - g.grab.y, 1 - g.start.height));
      setBoxes((all) => all.map((b, i) => (i === g.index ? { ...b, x, y } : b)));
    }
  };
  const onPointerUp = () => {
    const g = gesture.current;
    gesture.current = null;
    if (g?.kind === 'draw') {
      if (drawing && isDrawn(drawing)) { setBoxes((b) => [...b, drawing]); setSelected(boxes.length); }
      setDrawing(null);
    }
    // A resize dragged down to a sliver keeps the region at the smallest size rather than losing it.
    if (g?.kind === 'resize') {
      setBoxes((all) => all.map((b, i) => (i === g.index ? { ...b, width: Math.min(Math.max(b.width, MIN_SIDE * 2), 1 - b.x), height: Math.min(Math.max(b.height, MIN_SIDE * 2), 1 - b.y) } : b)));
    }
  };
  const onPointerCancel = () => { gesture.current = null; setDrawing(null); };

  const remove = (index: number) => {
    setBoxes((all) => all.filter((_, j) => j !== index));
    setSelected(null);
  };
  const addBox = () => {
    // For the keyboard: a region in the middle of the photo, then arrows move it and Shift+arrows resize it.
    setBoxes((all) => [...all, { x: 0.4, y: 0.4, width: 0.2, height: 0.2 }]);
    setSelected(boxes.length);
    setFocusIndex(boxes.length);
  };
  const onBoxKey = (e: ReactKeyboardEvent, index: number) => {
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      remove(index);
      return;
    }
    const d = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[e.key];
    if (!d) return;
    e.preventDefault();
    const step = e.altKey ? KEY_STEP / 5 : KEY_STEP;
    setBoxes((all) => all.map((b, i) => {
      if (i !== index) return b;
      if (e.shiftKey) {
        const width = Math.min(Math.max(b.width + d[0]! * step, MIN_SIDE * 2), 1 - b.x);
        const height = Math.min(Math.max(b.height + d[1]! * step, MIN_SIDE * 2), 1 - b.y);
        return { ...b, width, height };
      }
      return { ...b, x: clamp01(Math.min(b.x + d[0]! * step, 1 - b.width)), y: clamp01(Math.min(b.y + d[1]! * step, 1 - b.height)) };
    }));
  };

  const send = (regions: RedactionBox[]) => {
    if (!reason.trim()) { setError(t('fb.redact.reasonMissing')); return; }
    setError(null);
    const inside = regions.map((b) => ({ x: b.x, y: b.y, width: Math.min(b.width, 1 - b.x), height: Math.min(b.height, 1 - b.y), unit: 'fraction' as const }));
    redact.mutate({ photoId: photo.id, reason: reason.trim(), regions: inside }, {
      onSuccess: () => { toast.show(t('fb.redact.done')); close(); setReason(''); },
      onError: (err) => setError(errorMessage(err, i18n.language, t('fb.redact.failed'))),
    });
  };

  if (!open) return <button type="button" className="link-button fb-redact-open" onClick={start}>{photo.redacted ? t('fb.redact.redo') : t('fb.redact.open')}</button>;
  const describe = (b: RedactionBox, i: number) => t('fb.redact.region', { n: i + 1, w: pct(b.width), h: pct(b.height), x: pct(b.x), y: pct(b.y) });
  return (
    <div className="fb-redactor" role="group" aria-label={t('fb.redact.title')}>
      <p className="hint">{t('fb.redact.hint')}</p>
      <p className="hint">{t('fb.redact.editHint')}</p>
      <div ref={frame} className="fb-redactor-frame" data-testid="redact-frame"
        onPointerDown={onFramePointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerCancel}>
        <img src={photo.url} alt={t('fb.redact.canvas')} draggable={false} />
        {boxes.map((b, i) => (
          <span key={i} ref={(el) => { boxRefs.current[i] = el; }} className={`fb-redactor-box${selected === i ? ' is-selected' : ''}`} data-testid="redact-box"
            role="button" tabIndex={0} aria-label={describe(b, i)} aria-keyshortcuts="ArrowLeft ArrowRight ArrowUp ArrowDown Shift+ArrowRight Shift+ArrowDown Delete"
            style={{ left: `${b.x * 100}%`, top: `${b.y * 100}%`, width: `${b.width * 100}%`, height: `${b.height * 100}%` }}
            onFocus={() => setSelected(i)} onKeyDown={(e) => onBoxKey(e, i)}
            onPointerDown={(e) => { setSelected(i); begin(e, { kind: 'move', index: i, grab: pointAt(e), start: b }); }}>
            <span className="fb-redactor-label" aria-hidden="true">{i + 1}</span>
            {corners.map((c) => (
              <span key={c} className={`fb-redactor-handle fb-redactor-handle-${c}`} data-testid={`redact-handle-${c}`} aria-hidden="true"
                onPointerDown={(e) => { setSelected(i); begin(e, { kind: 'resize', index: i, anchor: anchorOf(b, c) }); }} />
            ))}
          </span>
        ))}
        {drawing && <span className="fb-redactor-box is-drawing" style={{ left: `${drawing.x * 100}%`, top: `${drawing.y * 100}%`, width: `${drawing.width * 100}%`, height: `${drawing.height * 100}%` }} />}
      </div>
      <h3 className="fb-redactor-title">{t('fb.redact.regions')}</h3>
      {boxes.length === 0 ? <p className="muted" data-testid="redact-no-regions">{t('fb.redact.noRegions')}</p> : (
        <ol className="fb-redactor-list" data-testid="redact-regions">
          {boxes.map((b, i) => (
            <li key={i}>{describe(b, i)}{' '}
              <button type="button" className="link-button" onClick={() => remove(i)}>{t('fb.redact.remove', { n: i + 1 })}</button></li>
          ))}
        </ol>
      )}
      <p><button type="button" className="button button-small" onClick={addBox}>{t('fb.redact.add')}</button></p>
      <label className="field">{t('fb.redact.reason')}
        <input className="input" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} required /></label>
      {error && <div className="form-error" role="alert"><p>{error}</p></div>}
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={boxes.length === 0 || redact.isPending} onClick={() => send(boxes)}>{t('fb.redact.submitRegions')}</button>
        <button type="button" className="button" disabled={redact.isPending} onClick={() => send([])}>{t('fb.redact.submitWhole')}</button>
        <button type="button" className="link-button" onClick={close}>{t('fb.redact.cancel')}</button>
      </div>
    </div>
  );
}
