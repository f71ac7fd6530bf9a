// What one wall screen shows: a dashboard, the IOC map, a camera grid, the clock, or a rotation of these.
// Each item sits in its own error boundary that shows the clock and retries, so a failing dashboard never
// leaves a blank or an error page on the wall.
import { Component, lazy, Suspense, useEffect, useState, type ErrorInfo, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ScreenContent, ScreenItem } from '../../../shared/contracts/walls.js';
import { formatDate } from '../../app/format.js';
// The dashboards' own styles are imported by their sections, which a wall screen does not load.
import '../dossiers/dossiers.css';
import '../feedback/feedback.css';
import './walls.css';

const modules = {
  indicators: () => import('../indicators/DashboardPage.js'),
  feedback: () => import('../feedback/DashboardPage.js'),
  dossiers: () => import('../dossiers/DashboardPage.js'),
  map: () => import('../operations-map/OperationsMap.js'),
  cameras: () => import('../cameras/CameraGrid.js'),
};
const IndicatorsDashboard = lazy(() => modules.indicators().then((m) => ({ default: m.DashboardPage })));
const FeedbackDashboard = lazy(() => modules.feedback().then((m) => ({ default: m.DashboardPage })));
const DossiersDashboard = lazy(() => modules.dossiers().then((m) => ({ default: m.DashboardPage })));
const OperationsMap = lazy(() => modules.map().then((m) => ({ default: m.OperationsMap })));
const CameraGrid = lazy(() => modules.cameras().then((m) => ({ default: m.CameraGrid })));

/**
 * Loads the code of every kind of content while the server is known to be up. React.lazy keeps a failed
 * import for good, so a rotation that first reached the map during an outage would never show it; loaded
 * up front, a rotation needs no download at all for the days the screen stays up.
 */
export async function preloadScreenModules(): Promise<void> {
  await Promise.all(Object.values(modules).map((load) => load()));
}

/** The IOC's name, the time and the date: the calm thing a screen shows when it has nothing else to show. */
export function ClockScreen({ note }: { note?: string }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const time = new Intl.DateTimeFormat('vi-VN', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
  return (
    <div className="wall-clock" data-testid="wall-clock">
      <p className="wall-clock-name">{t('app.productName')}</p>
      <p className="wall-clock-time">{time}</p>
      <p className="wall-clock-date">{formatDate(today, i18n.language)}</p>
      {note && <p className="wall-clock-note" role="status">{note}</p>}
    </div>
  );
}

interface BoundaryState { failedAt: number | null; attempt: number }

/** Catches a tile's render errors, shows the clock and remounts the tile after a growing pause (15 s … 5 min). */
export class TileBoundary extends Component<{ children: ReactNode; name: string }, BoundaryState> {
  override state: BoundaryState = { failedAt: null, attempt: 0 };
  private timer: ReturnType<typeof setTimeout> | null = null;

  static getDerivedStateFromError(): Partial<BoundaryState> {
    return { failedAt: Date.now() };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.warn(`wall tile ${this.props.name} failed; retrying`, error, info.componentStack);
    const delay = Math.min(300_000, 15_000 * 2 ** this.state.attempt);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.setState((s) => ({ failedAt: null, attempt: s.attempt + 1 })), delay);
  }

  override componentWillUnmount(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  override render() {
    if (this.state.failedAt !== null) return <RecoveringTile />;
    return <div className="wall-tile-content" key={this.state.attempt}>{this.props.children}</div>;
  }
}

function RecoveringTile() {
  const { t } = useTranslation();
  return <ClockScreen note={t('walls.kiosk.recovering')} />;
}

function Loading() {
  return <ClockScreen />;
}

export function ScreenItemView({ item }: { item: ScreenItem }) {
  switch (item.kind) {
    case 'clock': return <ClockScreen />;
    case 'dashboard':
      return (
        <Suspense fallback={<Loading />}>
          <div className="wall-dashboard" data-testid={`wall-dashboard-${item.dashboard}`}>
            {item.dashboard === 'indicators' && <IndicatorsDashboard />}
            {item.dashboard === 'feedback' && <FeedbackDashboard />}
            {item.dashboard === 'dossiers' && <DossiersDashboard />}
          </div>
        </Suspense>
      );
    case 'map':
      return <Suspense fallback={<Loading />}><div className="wall-map" data-testid="wall-map"><OperationsMap wall layers={item.layers} indicator={item.indicator} /></div></Suspense>;
    case 'cameras':
      return (
        <Suspense fallback={<Loading />}>
          <div className="wall-cameras" data-testid="wall-cameras"><CameraGrid cameraIds={item.cameraIds} columns={item.columns ?? 2} /></div>
        </Suspense>
      );
  }
}

/** One item, or the items of a rotation in turn; each in its own error boundary. */
export function ScreenView({ content }: { content: ScreenContent }) {
  const items: ScreenItem[] = content.kind === 'rotation' ? content.items : [content];
  const period = content.kind === 'rotation' ? content.periodSeconds : 0;
  const [index, setIndex] = useState(0);
  const contentKey = JSON.stringify(content);
  useEffect(() => { setIndex(0); }, [contentKey]);
  useEffect(() => {
    if (items.length < 2 || period <= 0) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % items.length), period * 1000);
    return () => clearInterval(timer);
  }, [items.length, period, contentKey]);
  const item = items[index % items.length] ?? items[0]!;
  const key = `${contentKey}#${index}`;
  return (
    <div className="wall-screen-view" data-kind={item.kind} data-rotation={content.kind === 'rotation' ? String(index) : undefined}>
      <TileBoundary key={key} name={item.kind}><ScreenItemView item={item} /></TileBoundary>
    </div>
  );
}

/** A short name of what a screen shows, for the control page's grid. */
export function contentSummary(content: ScreenContent, t: TFunction): string {
  const itemName = (item: ScreenItem): string => {
    switch (item.kind) {
      case 'clock': return t('walls.content.clock');
      case 'dashboard': return t(`walls.content.dashboard.${item.dashboard}`);
      case 'map': return t('walls.content.map');
      case 'cameras': return item.cameraIds?.length ? t('walls.content.camerasSome', { count: item.cameraIds.length }) : t('walls.content.cameras');
    }
  };
  if (content.kind === 'rotation') return t('walls.content.rotation', { items: content.items.map(itemName).join(' → '), seconds: content.periodSeconds });
  return itemName(content);
}
