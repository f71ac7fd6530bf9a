// Administrative units: search and list (or tree) as of a date, create, edit, end, import.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unitTypes, type Unit, type UnitTreeNode, type UnitType } from '../../../shared/contracts/units.js';
import { hasPermission, useAuth } from '../../app/auth.js';
import { formatDate } from '../../app/format.js';
import { useAsOf, useSelectedUnit } from '../../app/url-state.js';
import { DataTable } from '../../ui/DataTable.js';
import { PageState } from '../../ui/PageState.js';
import { findTreeNode } from '../../ui/UnitTreePicker.js';
import { EndUnitDialog } from './EndUnitDialog.js';
import { ImportUnitsDialog } from './ImportUnitsDialog.js';
import { UnitFormDialog } from './UnitFormDialog.js';
import { unitListQuery, unitTreeQuery } from './units.api.js';

type DialogState = { kind: 'create' } | { kind: 'edit'; unit: Unit } | { kind: 'end'; unit: Unit } | { kind: 'import' } | null;

export function UnitsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useAuth();
  const canWrite = hasPermission(session, 'units:write');
  const { asOf, setAsOf } = useAsOf();
  const [unitId] = useSelectedUnit();
  const [q, setQ] = useState('');
  const [type, setType] = useState<UnitType | ''>('');
  const [includeEnded, setIncludeEnded] = useState(false);
  const [view, setView] = useState<'list' | 'tree'>('list');
  const [dialog, setDialog] = useState<DialogState>(null);
  const lang = i18n.language;

  const list = useQuery({
    ...unitListQuery({ asOf, includeEnded: includeEnded || undefined, q: q.trim() || undefined, type: type || undefined, parentId: unitId ?? undefined, limit: 1000 }),
    enabled: view === 'list',
  });
  const tree = useQuery({ ...unitTreeQuery(asOf), enabled: view === 'tree' });
  const treeRoots = unitId ? [findTreeNode(tree.data?.roots ?? [], unitId)].filter((n): n is UnitTreeNode => !!n) : tree.data?.roots ?? [];

  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('units.title')}</h1>
        {canWrite && (
          <div className="toolbar">
            <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'create' })}>{t('units.create')}</button>
            <button type="button" className="button" onClick={() => setDialog({ kind: 'import' })}>{t('units.import')}</button>
          </div>
        )}
      </header>

      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="units-q">{t('units.search')}</label>
          <input id="units-q" type="search" className="input" value={q} onChange={(event) => setQ(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="units-as-of">{t('units.asOf')}</label>
          <input id="units-as-of" type="date" className="input" value={asOf} disabled={includeEnded && view === 'list'}
            onChange={(event) => event.target.value && setAsOf(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="units-type">{t('units.typeFilter')}</label>
          <select id="units-type" className="input" value={type} onChange={(event) => setType(event.target.value as UnitType | '')}>
            <option value="">{t('common.all')}</option>
            {unitTypes.map((value) => <option key={value} value={value}>{t(`unitType.${value}`)}</option>)}
          </select>
        </div>
        <label className="choice">
          <input type="checkbox" checked={includeEnded} onChange={(event) => setIncludeEnded(event.target.checked)} />
          {t('units.includeEnded')}
        </label>
        <div className="segmented" role="group" aria-label={t('units.view')}>
          <button type="button" aria-pressed={view === 'list'} onClick={() => setView('list')}>{t('units.viewList')}</button>
          <button type="button" aria-pressed={view === 'tree'} onClick={() => setView('tree')}>{t('units.viewTree')}</button>
        </div>
      </form>

      {view === 'list' ? (
        <PageState isLoading={list.isPending} error={list.error} onRetry={() => void list.refetch()}>
          <p className="muted" aria-live="polite">{t('common.total', { count: list.data?.total ?? 0 })}</p>
          <DataTable<Unit>
            caption={t('units.title')}
            rows={list.data?.items ?? []}
            rowKey={(unit) => unit.id}
            rowClassName={(unit) => (unit.validTo && unit.validTo <= asOf ? 'is-ended' : undefined)}
            columns={[
              { key: 'code', header: t('units.code'), render: (u) => <code>{u.code}</code>, sortValue: (u) => u.code },
              { key: 'name', header: t('units.name'), render: (u) => u.name, sortValue: (u) => u.name },
              { key: 'type', header: t('units.type'), render: (u) => t(`unitType.${u.type}`), sortValue: (u) => t(`unitType.${u.type}`) },
              { key: 'path', header: t('units.path'), render: (u) => <code className="muted">{u.path}</code>, sortValue: (u) => u.path },
              { key: 'from', header: t('panel.validFrom'), render: (u) => formatDate(u.validFrom, lang), sortValue: (u) => u.validFrom },
              { key: 'to', header: t('panel.validTo'), render: (u) => (u.validTo ? formatDate(u.validTo, lang) : '—'), sortValue: (u) => u.validTo },
              {
                key: 'boundary', header: t('units.boundary'),
                render: (u) => (!u.hasBoundary ? t('units.noBoundary') : u.isBoundarySynthetic ? t('units.syntheticBoundary') : t('units.hasBoundary')),
              },
              ...(canWrite ? [{
                key: 'actions', header: t('common.actions'),
                render: (u: Unit) => (
                  <span className="row-actions">
                    <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'edit', unit: u })}
                      aria-label={`${t('common.edit')} ${u.name}`}>{t('common.edit')}</button>
                    {!u.validTo && (
                      <button type="button" className="button button-small" onClick={() => setDialog({ kind: 'end', unit: u })}
                        aria-label={`${t('units.end')} ${u.name}`}>{t('units.end')}</button>
                    )}
                  </span>
                ),
              }] : []),
            ]}
          />
        </PageState>
      ) : (
        <PageState isLoading={tree.isPending} error={tree.error} isEmpty={treeRoots.length === 0} onRetry={() => void tree.refetch()}>
          <UnitTreeList nodes={treeRoots} />
        </PageState>
      )}

      {dialog?.kind === 'create' && <UnitFormDialog unit={null} defaultParentId={unitId} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <UnitFormDialog unit={dialog.unit} defaultParentId={null} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'end' && <EndUnitDialog unit={dialog.unit} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'import' && <ImportUnitsDialog onClose={() => setDialog(null)} />}
    </section>
  );
}

function UnitTreeList({ nodes }: { nodes: UnitTreeNode[] }) {
  const { t } = useTranslation();
  return (
    <ul className="unit-tree">
      {nodes.map((node) => (
        <li key={node.id}>
          {node.children.length > 0 ? (
            <details open={node.children.length < 50}>
              <summary>{node.name} <span className="muted">({t(`unitType.${node.type}`)} · {node.code} · {node.children.length})</span></summary>
              <UnitTreeList nodes={node.children} />
            </details>
          ) : (
            <span className="leaf">{node.name} <span className="muted">({t(`unitType.${node.type}`)} · {node.code})</span></span>
          )}
        </li>
      ))}
    </ul>
  );
}
