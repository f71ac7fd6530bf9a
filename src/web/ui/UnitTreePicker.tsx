// Picks one unit from an administrative tree: a button opening a searchable, keyboard-friendly tree.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitTreeNode } from '../../shared/contracts/units.js';

interface UnitTreePickerProps {
  label: string;
  roots: UnitTreeNode[];
  value: string | null;
  onChange: (id: string | null, node: UnitTreeNode | null) => void;
  /** Text for "no unit" (shown and offered when set). */
  clearLabel?: string;
  isLoading?: boolean;
  hideLabel?: boolean;
  required?: boolean;
  /** Name shown when the value is not in the tree (e.g. an ended unit). */
  fallbackName?: string;
}

/** Lower-case, without Vietnamese diacritics, for forgiving search. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
}

interface Flat { node: UnitTreeNode; depth: number; trail: string[] }

function flatten(roots: UnitTreeNode[]): Flat[] {
  const out: Flat[] = [];
  const walk = (nodes: UnitTreeNode[], depth: number, trail: string[]) => {
    for (const node of nodes) {
      out.push({ node, depth, trail });
      walk(node.children, depth + 1, [...trail, node.name]);
    }
  };
  walk(roots, 0, []);
  return out;
}

export function UnitTreePicker({ label, roots, value, onChange, clearLabel, isLoading, hideLabel, required, fallbackName }: UnitTreePickerProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const labelId = useId();
  const searchId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const flat = useMemo(() => flatten(roots), [roots]);
  const selected = flat.find((f) => f.node.id === value) ?? null;

  // Open the first level and the branches leading to the selection.
  function openPanel() {
    const next = new Set<string>(roots.map((r) => r.id));
    if (selected) {
      for (const f of flat) if (selected.node.path.startsWith(f.node.path) && f.node.id !== selected.node.id) next.add(f.node.id);
    }
    setExpanded(next);
    setOpen(true);
  }

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function choose(node: UnitTreeNode | null) {
    onChange(node?.id ?? null, node);
    setOpen(false);
    setQuery('');
    buttonRef.current?.focus();
  }

  function toggle(id: string) {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id); else next.add(id);
      return next;
    });
  }

  const folded = foldText(query.trim());
  const matches = folded ? flat.filter((f) => foldText(f.node.name).includes(folded) || f.node.code.toLowerCase().includes(folded)).slice(0, 200) : [];

  const renderNodes = (nodes: UnitTreeNode[], depth: number) => (
    <ul className="tree-level" role={depth === 0 ? undefined : 'group'}>
      {nodes.map((node) => {
        const isOpen = expanded.has(node.id);
        return (
          <li key={node.id}>
            <div className="tree-row" style={{ paddingInlineStart: `${depth * 1.1}rem` }}>
              {node.children.length > 0 ? (
                <button type="button" className="tree-toggle" aria-expanded={isOpen}
                  aria-label={t(isOpen ? 'scope.collapse' : 'scope.expand', { name: node.name })} onClick={() => toggle(node.id)}>
                  {isOpen ? '▾' : '▸'}
                </button>
              ) : <span className="tree-toggle-spacer" aria-hidden="true" />}
              <button type="button" className={`tree-choice${node.id === value ? ' is-selected' : ''}`}
                aria-current={node.id === value ? 'true' : undefined} onClick={() => choose(node)}>
                {node.name} <span className="muted">({t(`unitType.${node.type}`)} · {node.code})</span>
              </button>
            </div>
            {isOpen && node.children.length > 0 && renderNodes(node.children, depth + 1)}
          </li>
        );
      })}
    </ul>
  );

  const shown = selected?.node.name ?? (value ? fallbackName ?? value : clearLabel ?? t('scope.choose'));

  return (
    <div className="unit-picker" ref={rootRef} onKeyDown={(event) => {
      if (event.key === 'Escape' && open) { event.preventDefault(); event.stopPropagation(); setOpen(false); buttonRef.current?.focus(); }
    }}>
      <span id={labelId} className={hideLabel ? 'visually-hidden' : 'field-label'}>{label}{required ? ' *' : ''}</span>
      <button ref={buttonRef} type="button" className="unit-picker-button" aria-haspopup="dialog" aria-expanded={open}
        aria-labelledby={`${labelId} ${labelId}-value`} onClick={() => (open ? setOpen(false) : openPanel())} disabled={isLoading}>
        <span id={`${labelId}-value`}>{isLoading ? t('state.loading') : shown}</span>
        <span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <div className="unit-picker-panel" role="dialog" aria-label={t('scope.tree')}>
          <label htmlFor={searchId} className="visually-hidden">{t('scope.search')}</label>
          <input id={searchId} type="search" className="input" placeholder={t('scope.search')} value={query}
            autoFocus onChange={(event) => setQuery(event.target.value)} />
          {clearLabel && (
            <button type="button" className={`tree-choice tree-clear${value === null ? ' is-selected' : ''}`} onClick={() => choose(null)}>
              {clearLabel}
            </button>
          )}
          <div className="unit-picker-tree">
            {folded ? (
              matches.length === 0 ? <p className="muted">{t('scope.noMatch')}</p> : (
                <ul className="tree-level">
                  {matches.map((f) => (
                    <li key={f.node.id}>
                      <button type="button" className={`tree-choice${f.node.id === value ? ' is-selected' : ''}`} onClick={() => choose(f.node)}>
                        {f.node.name} <span className="muted">({t(`unitType.${f.node.type}`)} · {f.node.code})</span>
                        {f.trail.length > 0 && <span className="tree-trail">{f.trail.join(' › ')}</span>}
                      </button>
                    </li>
                  ))}
                </ul>
              )
            ) : renderNodes(roots, 0)}
          </div>
        </div>
      )}
    </div>
  );
}

/** Finds a node of a tree by id. */
export function findTreeNode(roots: UnitTreeNode[], id: string | null): UnitTreeNode | null {
  if (!id) return null;
  for (const node of roots) {
    if (node.id === id) return node;
    const found = findTreeNode(node.children, id);
    if (found) return found;
  }
  return null;
}
