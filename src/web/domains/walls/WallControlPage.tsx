// The wall's control page (/operations/wall): pick a layout, select screens on its grid, assign what they show
// (pushed live to the kiosks over the hub), create layouts, and issue or revoke the keys of wall PCs.
import { useMemo, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  dashboardKinds, mapLayerKeys, type DashboardKind, type MapLayerKey, type ScreenContent, type ScreenItem, type WallLayout,
} from '../../../shared/contracts/walls.js';
import { hasPermission, useSession } from '../../app/auth.js';
import { formatDateTime } from '../../app/format.js';
import { useSearchParam } from '../../app/url-state.js';
import { CopyButton } from '../../ui/CopyButton.js';
import { ErrorState, PageState } from '../../ui/PageState.js';
import { contentSummary } from './ScreenView.js';
import {
  useAssignScreens, useCreateScreenKey, useCreateWall, useRevokeScreenKey, wallKeysQuery, wallQuery, wallsQuery,
} from './walls.api.js';

type SimpleKind = 'clock' | `dashboard:${DashboardKind}` | 'map' | 'cameras';
const simpleKinds: SimpleKind[] = ['clock', ...dashboardKinds.map((d) => `dashboard:${d}` as const), 'map', 'cameras'];

function itemOf(kind: SimpleKind, layers: MapLayerKey[], columns: number): ScreenItem {
  if (kind.startsWith('dashboard:')) return { kind: 'dashboard', dashboard: kind.slice('dashboard:'.length) as DashboardKind };
  if (kind === 'map') return layers.length > 0 ? { kind: 'map', layers } : { kind: 'map' };
  if (kind === 'cameras') return { kind: 'cameras', columns };
  return { kind: 'clock' };
}

export function WallControlPage() {
  const { t } = useTranslation();
  const session = useSession();
  const canManage = hasPermission(session, 'walls:manage');
  const walls = useQuery(wallsQuery());
  const [slugParam, setSlug] = useSearchParam('layout');
  const slug = slugParam ?? walls.data?.items[0]?.slug ?? '';
  const wall = useQuery(wallQuery(slug));

  return (
    <section className="page wall-control" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('walls.title')}</h1>
        <div className="toolbar">
          <div className="field field-inline">
            <label htmlFor="wall-layout">{t('walls.layout')}</label>
            <select id="wall-layout" className="input" value={slug} onChange={(e) => setSlug(e.target.value || null)}>
              {(walls.data?.items ?? []).map((w) => <option key={w.slug} value={w.slug}>{w.name} ({w.columns}×{w.rows})</option>)}
            </select>
          </div>
        </div>
      </header>
      <PageState isLoading={walls.isPending} error={walls.error} onRetry={() => void walls.refetch()}
        isEmpty={(walls.data?.items.length ?? 0) === 0} emptyText={t('walls.empty')}>
        {wall.error ? <ErrorState error={wall.error} onRetry={() => void wall.refetch()} /> : wall.data && (
          <WallEditor key={wall.data.slug} wall={wall.data} canManage={canManage} />
        )}
      </PageState>
      {canManage && <NewWallForm onCreated={(s) => setSlug(s)} />}
    </section>
  );
}

function WallEditor({ wall, canManage }: { wall: WallLayout; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const toggle = (position: number) => setSelected((current) => {
    const next = new Set(current);
    if (next.has(position)) next.delete(position); else next.add(position);
    return next;
  });
  return (
    <div className="wall-editor">
      <p className="hint">{t('walls.gridHint', { columns: wall.columns, rows: wall.rows, count: wall.screens.length })}{wall.isDemo ? ` ${t('walls.demo')}` : ''}</p>
      <div className="wall-grid" role="group" aria-label={t('walls.grid')} style={{ gridTemplateColumns: `repeat(${wall.columns}, minmax(0, 1fr))` }}>
        {wall.screens.map((s) => (
          <div key={s.position} className={`wall-cell${selected.has(s.position) ? ' is-selected' : ''}`} data-kind={s.content.kind} data-position={s.position}>
            <button type="button" className="wall-cell-select" aria-pressed={selected.has(s.position)} disabled={!canManage}
              onClick={() => toggle(s.position)} aria-label={t('walls.screenLabel', { n: s.position })}>
              <span className="wall-cell-number">{s.position}</span>
              <span className="wall-cell-content">{contentSummary(s.content, t)}</span>
            </button>
            <span className="wall-cell-meta">
              <a href={`/wall/${wall.slug}/${s.position}`} target="_blank" rel="noreferrer">{t('walls.open')}</a>
              {s.updatedBy && <span className="muted" title={formatDateTime(s.updatedAt, i18n.language)}> · {s.updatedBy}</span>}
            </span>
          </div>
        ))}
      </div>
      {canManage && (
        <>
          <div className="toolbar">
            <button type="button" className="button" onClick={() => setSelected(new Set(wall.screens.map((s) => s.position)))}>{t('walls.selectAll')}</button>
            <button type="button" className="button" onClick={() => setSelected(new Set())} disabled={selected.size === 0}>{t('walls.selectNone')}</button>
          </div>
          <AssignForm slug={wall.slug} positions={[...selected].sort((a, b) => a - b)} onDone={() => setSelected(new Set())} />
          <ScreenKeys slug={wall.slug} />
        </>
      )}
    </div>
  );
}

function AssignForm({ slug, positions, onDone }: { slug: string; positions: number[]; onDone: () => void }) {
  const { t } = useTranslation();
  const assign = useAssignScreens(slug);
  const [kind, setKind] = useState<SimpleKind | 'rotation'>('map');
  const [layers, setLayers] = useState<MapLayerKey[]>([]);
  const [columns, setColumns] = useState(2);
  const [rotationKinds, setRotationKinds] = useState<SimpleKind[]>(['dashboard:indicators', 'dashboard:feedback', 'map']);
  const [period, setPeriod] = useState(30);

  const content = useMemo<ScreenContent>(() => (kind === 'rotation'
    ? { kind: 'rotation', periodSeconds: period, items: rotationKinds.map((k) => itemOf(k, layers, columns)) }
    : itemOf(kind, layers, columns)), [kind, period, rotationKinds, layers, columns]);
  const valid = positions.length > 0 && (kind !== 'rotation' || rotationKinds.length > 0);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!valid) return;
    assign.mutate({ assignments: positions.map((position) => ({ position, content })) }, { onSuccess: onDone });
  }
  const kindLabel = (k: SimpleKind) => contentSummary(itemOf(k, [], columns), t);

  return (
    <form className="card wall-assign" onSubmit={onSubmit} aria-labelledby="assign-title">
      <h2 id="assign-title">{t('walls.assign.title')}</h2>
      <p className="hint" role="status">{positions.length > 0 ? t('walls.assign.selected', { list: positions.join(', ') }) : t('walls.assign.none')}</p>
      <div className="field">
        <label htmlFor="assign-kind">{t('walls.assign.kind')}</label>
        <select id="assign-kind" className="input" value={kind} onChange={(e) => setKind(e.target.value as SimpleKind | 'rotation')}>
          {simpleKinds.map((k) => <option key={k} value={k}>{kindLabel(k)}</option>)}
          <option value="rotation">{t('walls.assign.rotation')}</option>
        </select>
      </div>
      {(kind === 'map' || (kind === 'rotation' && rotationKinds.includes('map'))) && (
        <fieldset className="ops-layers">
          <legend>{t('walls.assign.layers')}</legend>
          {mapLayerKeys.map((key) => (
            <label key={key} className="checkbox">
              <input type="checkbox" checked={layers.includes(key)}
                onChange={() => setLayers((l) => (l.includes(key) ? l.filter((x) => x !== key) : [...l, key]))} />
              {t(`opsMap.layer.${key}`)}
            </label>
          ))}
          <p className="hint">{t('walls.assign.layersHint')}</p>
        </fieldset>
      )}
      {(kind === 'cameras' || (kind === 'rotation' && rotationKinds.includes('cameras'))) && (
        <div className="field">
          <label htmlFor="assign-columns">{t('walls.assign.columns')}</label>
          <select id="assign-columns" className="input" value={columns} onChange={(e) => setColumns(Number(e.target.value))}>
            {[1, 2, 3, 4].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
      )}
      {kind === 'rotation' && (
        <>
          <fieldset>
            <legend>{t('walls.assign.rotationItems')}</legend>
            {simpleKinds.map((k) => (
              <label key={k} className="checkbox">
                <input type="checkbox" checked={rotationKinds.includes(k)}
                  onChange={() => setRotationKinds((r) => (r.includes(k) ? r.filter((x) => x !== k) : [...r, k]))} />
                {kindLabel(k)}
              </label>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="assign-period">{t('walls.assign.period')}</label>
            <input id="assign-period" className="input" type="number" min={5} max={3600} value={period} onChange={(e) => setPeriod(Number(e.target.value))} />
          </div>
        </>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={!valid || assign.isPending}>{t('walls.assign.submit')}</button>
      </div>
    </form>
  );
}

function ScreenKeys({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation();
  const keys = useQuery(wallKeysQuery(slug));
  const create = useCreateScreenKey(slug);
  const revoke = useRevokeScreenKey(slug);
  const [label, setLabel] = useState('');
  const [issued, setIssued] = useState<{ label: string; url: string } | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!label.trim()) return;
    create.mutate(label.trim(), {
      onSuccess: (key) => {
        setIssued({ label: key.label, url: `${window.location.origin}/wall/${slug}/1#key=${encodeURIComponent(key.secret)}` });
        setLabel('');
      },
    });
  }

  return (
    <section className="card wall-keys" aria-labelledby="keys-title">
      <h2 id="keys-title">{t('walls.keys.title')}</h2>
      <p className="hint">{t('walls.keys.hint')}</p>
      <form className="toolbar" onSubmit={onSubmit}>
        <div className="field field-inline">
          <label htmlFor="key-label">{t('walls.keys.label')}</label>
          <input id="key-label" className="input" value={label} maxLength={100} onChange={(e) => setLabel(e.target.value)} placeholder={t('walls.keys.placeholder')} />
        </div>
        <button type="submit" className="button" disabled={!label.trim() || create.isPending}>{t('walls.keys.issue')}</button>
      </form>
      {issued && (
        <div className="note" role="status" data-testid="issued-key">
          <p>{t('walls.keys.issued', { label: issued.label })}</p>
          <p><code className="secret">{issued.url}</code> <CopyButton text={issued.url} /></p>
        </div>
      )}
      <PageState isLoading={keys.isPending} error={keys.error} onRetry={() => void keys.refetch()} isEmpty={(keys.data?.items.length ?? 0) === 0} emptyText={t('walls.keys.empty')}>
        <table className="table">
          <thead><tr><th>{t('walls.keys.label')}</th><th>{t('walls.keys.prefix')}</th><th>{t('walls.keys.createdBy')}</th><th>{t('walls.keys.lastUsed')}</th><th>{t('walls.keys.state')}</th><th /></tr></thead>
          <tbody>
            {(keys.data?.items ?? []).map((k) => (
              <tr key={k.id}>
                <td>{k.label}</td>
                <td><code>{k.prefix}…</code></td>
                <td>{k.createdBy} · {formatDateTime(k.createdAt, i18n.language)}</td>
                <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, i18n.language) : '—'}</td>
                <td>{k.revokedAt ? t('walls.keys.revoked', { when: formatDateTime(k.revokedAt, i18n.language) }) : t('walls.keys.live')}</td>
                <td>{!k.revokedAt && (
                  <button type="button" className="button button-danger" disabled={revoke.isPending}
                    onClick={() => { if (window.confirm(t('walls.keys.confirmRevoke', { label: k.label }))) revoke.mutate(k.id); }}>{t('walls.keys.revoke')}</button>
                )}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </PageState>
    </section>
  );
}

function NewWallForm({ onCreated }: { onCreated: (slug: string) => void }) {
  const { t } = useTranslation();
  const create = useCreateWall();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [columns, setColumns] = useState(3);
  const [rows, setRows] = useState(2);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ slug, name, columns, rows }, { onSuccess: (w) => { onCreated(w.slug); setSlug(''); setName(''); } });
  }
  return (
    <details className="card wall-new">
      <summary>{t('walls.new.title')}</summary>
      <form className="form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="new-wall-name">{t('walls.new.name')}</label>
          <input id="new-wall-name" className="input" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="new-wall-slug">{t('walls.new.slug')}</label>
          <input id="new-wall-slug" className="input" required pattern="[a-z0-9][a-z0-9-]{1,39}" value={slug} aria-describedby="new-wall-slug-hint"
            onChange={(e) => setSlug(e.target.value)} />
          <p id="new-wall-slug-hint" className="hint">{t('walls.new.slugHint')}</p>
        </div>
        <div className="field field-inline">
          <label htmlFor="new-wall-columns">{t('walls.new.columns')}</label>
          <input id="new-wall-columns" className="input" type="number" min={1} max={12} value={columns} onChange={(e) => setColumns(Number(e.target.value))} />
          <label htmlFor="new-wall-rows">{t('walls.new.rows')}</label>
          <input id="new-wall-rows" className="input" type="number" min={1} max={8} value={rows} onChange={(e) => setRows(Number(e.target.value))} />
        </div>
        <div className="form-actions"><button type="submit" className="button button-primary" disabled={create.isPending}>{t('walls.new.submit')}</button></div>
      </form>
    </details>
  );
}
