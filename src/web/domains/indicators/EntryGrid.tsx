// The entry grid of one report: sections, rows × disaggregation options, autosave per changed cell with its
// base version, per-cell state (saving / saved / error / conflict), keyboard movement and value history.
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Entry, EntryCell } from '../../../shared/contracts/indicators.js';
import { ApiError, errorMessage } from '../../api/client.js';
import { formatDateTime, formatNumber } from '../../app/format.js';
import { Dialog } from '../../ui/Dialog.js';
import { PageState } from '../../ui/PageState.js';
import { indicatorKeys, saveEntry, valueHistoryQuery, type StaleConflict } from './indicators.api.js';

export type SaveSummary = 'idle' | 'dirty' | 'saving' | 'error';

interface Local {
  draft?: string;
  comment?: string;
  baseVersion: number;
  seq: number;
  status: 'dirty' | 'saving' | 'saved' | 'error' | 'conflict';
  error?: string;
  conflict?: StaleConflict;
}

const AUTOSAVE_MS = 800;
const cellKey = (rowCode: string, optionKey: string) => `${rowCode}|${optionKey}`;

/** A number typed in either convention: "1234,5", "1.234,5", "1,234.5" or "1234.5"; '' is empty. */
export function parseNumber(text: string): number | null | 'invalid' {
  let s = text.replace(/[\s\u00a0]/g, '');
  if (s === '') return null;
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  else if (comma >= 0) s = (s.match(/,/g)?.length ?? 0) > 1 ? s.replace(/,/g, '') : s.replace(',', '.');
  if (!/^-?\d*\.?\d+$|^-?\d+\.$/.test(s)) return 'invalid';
  const n = Number(s);
  return Number.isFinite(n) ? n : 'invalid';
}

interface EntryGridProps {
  entry: Entry;
  formCode: string;
  unitId: string;
  period: string;
  onSummary: (summary: SaveSummary) => void;
}

export function EntryGrid({ entry, formCode, unitId, period, onSummary }: EntryGridProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const queryClient = useQueryClient();
  const entryKey = indicatorKeys.entry(formCode, unitId, period);
  const [locals, setLocals] = useState<Record<string, Local>>({});
  const localsRef = useRef(locals);
  localsRef.current = locals;
  const entryRef = useRef(entry);
  entryRef.current = entry;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const saving = useRef(false);
  const again = useRef(false);
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const [historyOf, setHistoryOf] = useState<{ cell: EntryCell; label: string } | null>(null);
  const editable = entry.editable;

  const serverCells = new Map(entry.cells.map((c) => [cellKey(c.rowCode, c.optionKey), c]));
  const fmtInput = useCallback((v: number | null) => (v === null ? '' : formatNumber(v, lang, { useGrouping: false, maximumFractionDigits: 6 })), [lang]);
  const fmt = (v: number | null) => (v === null ? '—' : formatNumber(v, lang, { maximumFractionDigits: 6 }));

  useEffect(() => {
    const statuses = Object.values(locals).map((l) => l.status);
    onSummary(statuses.includes('saving') ? 'saving' : statuses.includes('dirty') ? 'dirty' : statuses.some((s) => s === 'error' || s === 'conflict') ? 'error' : 'idle');
  }, [locals, onSummary]);

  const update = useCallback((fn: (current: Record<string, Local>) => Record<string, Local>) => {
    setLocals((current) => {
      const next = fn(current);
      localsRef.current = next;
      return next;
    });
  }, []);

  const flush = useCallback(async () => {
    if (saving.current) { again.current = true; return; }
    const current = localsRef.current;
    const cells = new Map(entryRef.current.cells.map((c) => [cellKey(c.rowCode, c.optionKey), c]));
    const batch: { key: string; seq: number; rowCode: string; optionKey: string; value: number | null; comment: string | null; baseVersion: number }[] = [];
    const invalid: string[] = [];
    for (const [key, local] of Object.entries(current)) {
      if (local.status !== 'dirty') continue;
      const server = cells.get(key);
      if (!server) continue;
      const parsed = local.draft === undefined ? server.value : parseNumber(local.draft);
      if (parsed === 'invalid') { invalid.push(key); continue; }
      const comment = local.comment === undefined ? server.comment : (local.comment.trim() || null);
      batch.push({ key, seq: local.seq, rowCode: server.rowCode, optionKey: server.optionKey, value: parsed, comment, baseVersion: local.baseVersion });
    }
    if (invalid.length) update((s) => { const n = { ...s }; for (const k of invalid) n[k] = { ...n[k]!, status: 'error', error: t('ind.entry.notANumber') }; return n; });
    if (batch.length === 0) return;
    saving.current = true;
    update((s) => { const n = { ...s }; for (const b of batch) n[b.key] = { ...n[b.key]!, status: 'saving', error: undefined }; return n; });
    let retry = false;
    try {
      const result = await saveEntry(formCode, unitId, period, { values: batch.map(({ rowCode, optionKey, value, comment, baseVersion }) => ({ rowCode, optionKey, value, comment, baseVersion })) });
      queryClient.setQueryData<Entry>(entryKey, (old) => (old ? { ...old, cells: result.cells, validation: result.validation } : old));
      const versions = new Map(result.cells.map((c) => [cellKey(c.rowCode, c.optionKey), c.version]));
      update((s) => {
        const n = { ...s };
        for (const b of batch) {
          const local = n[b.key];
          if (!local) continue;
          const version = versions.get(b.key) ?? b.baseVersion;
          n[b.key] = local.seq === b.seq ? { baseVersion: version, seq: local.seq, status: 'saved' } : { ...local, baseVersion: version, status: 'dirty' };
          if (local.seq !== b.seq) retry = true;
        }
        return n;
      });
    } catch (error) {
      const conflicts = error instanceof ApiError && error.code === 'stale-value' ? (error.body?.conflicts as StaleConflict[] | undefined) ?? [] : null;
      const invalidCells = error instanceof ApiError && error.code === 'value-invalid' ? error.fieldErrors : null;
      update((s) => {
        const n = { ...s };
        batch.forEach((b, index) => {
          const local = n[b.key];
          if (!local) return;
          const conflict = conflicts?.find((c) => c.rowCode === b.rowCode && c.optionKey === b.optionKey);
          const fieldError = invalidCells?.find((e) => e.path === `values.${index}`);
          if (conflict) n[b.key] = { ...local, status: 'conflict', conflict };
          else if (fieldError) n[b.key] = { ...local, status: 'error', error: lang.startsWith('vi') && fieldError.messageVi ? fieldError.messageVi : fieldError.message };
          else if (conflicts || invalidCells) { n[b.key] = { ...local, status: 'dirty' }; retry = true; }
          else n[b.key] = { ...local, status: 'error', error: errorMessage(error, lang, t('toast.failed')) };
        });
        return n;
      });
    } finally {
      saving.current = false;
    }
    if (retry || again.current) {
      again.current = false;
      void flush();
    }
  }, [formCode, unitId, period, queryClient, entryKey, update, t, lang]);

  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);

  const schedule = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => { timer.current = null; void flush(); }, AUTOSAVE_MS);
  }, [flush]);

  function edit(cell: EntryCell, patch: { draft?: string; comment?: string }) {
    const key = cellKey(cell.rowCode, cell.optionKey);
    update((s) => {
      const local = s[key];
      const base = local && local.status !== 'saved' ? local : { baseVersion: local?.baseVersion ?? cell.version, seq: local?.seq ?? 0, status: 'dirty' as const };
      return { ...s, [key]: { ...base, ...patch, seq: base.seq + 1, status: local?.status === 'conflict' ? 'conflict' : 'dirty', error: undefined } };
    });
    schedule();
  }

  function keepMine(key: string) {
    update((s) => { const l = s[key]; return l?.conflict ? { ...s, [key]: { ...l, baseVersion: l.conflict.currentVersion, status: 'dirty', conflict: undefined } } : s; });
    void flush();
  }

  function takeTheirs(key: string) {
    const conflict = localsRef.current[key]?.conflict;
    update((s) => { const n = { ...s }; delete n[key]; return n; });
    if (conflict) {
      queryClient.setQueryData<Entry>(entryKey, (old) => old && ({
        ...old,
        cells: old.cells.map((c) => (cellKey(c.rowCode, c.optionKey) === key
          ? { ...c, value: conflict.currentValue, version: conflict.currentVersion, updatedBy: conflict.updatedBy, updatedAt: conflict.updatedAt } : c)),
      }));
    }
    void queryClient.invalidateQueries({ queryKey: entryKey });
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>, index: number) {
    let target: number | null = null;
    if (event.key === 'Enter' || event.key === 'ArrowDown') target = index + 1;
    else if (event.key === 'ArrowUp') target = index - 1;
    if (target === null) return;
    event.preventDefault();
    const input = inputs.current[target];
    if (input) { input.focus(); input.select(); }
  }

  let navIndex = 0;
  let lastSection: string | null | undefined;
  const optionLabel = (o: { label: string; labelEn: string }) => (lang.startsWith('en') ? o.labelEn : o.label);

  return (
    <div className="table-wrap entry-wrap">
      <table className="data-table entry-table">
        <caption className="visually-hidden">{entry.form.name}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ind.entry.code')}</th>
            <th scope="col">{t('ind.entry.indicator')}</th>
            <th scope="col">{t('ind.entry.measureUnit')}</th>
            <th scope="col" className="num">{t('ind.entry.value')}</th>
            <th scope="col" className="num">{t('ind.entry.previous')}</th>
            <th scope="col" className="num">{t('ind.entry.lastYear')}</th>
            <th scope="col">{t('ind.entry.comment')}</th>
            <th scope="col"><span className="visually-hidden">{t('ind.entry.history')}</span></th>
          </tr>
        </thead>
        <tbody>
          {entry.form.rows.map((row) => {
            const options = entry.optionKeys[row.indicatorCode] ?? [{ key: '', label: t('ind.entry.optionTotal'), labelEn: t('ind.entry.optionTotal') }];
            const sectionHeader = row.section !== lastSection && row.section
              ? <tr className="entry-section"><th colSpan={8} scope="colgroup">{row.section}</th></tr> : null;
            lastSection = row.section;
            return (
              <Fragment key={row.rowCode}>
                {sectionHeader}
                {options.map((option, optionIndex) => {
                  const key = cellKey(row.rowCode, option.key);
                  const cell = serverCells.get(key);
                  if (!cell) return null;
                  const local = locals[key];
                  const index = navIndex++;
                  const name = options.length > 1 || option.key ? `${row.indicatorName} — ${optionLabel(option)}` : row.indicatorName;
                  const value = local?.draft ?? fmtInput(cell.value);
                  const comment = local?.comment ?? cell.comment ?? '';
                  const status = local?.status;
                  const errorId = `cell-msg-${row.rowCode}-${optionIndex}`;
                  return (
                    <Fragment key={key}>
                      <tr className={`entry-row${status ? ` cell-${status}` : ''}`} data-cell={key}>
                        <td>{optionIndex === 0 ? row.rowCode : ''}</td>
                        <td>{optionIndex === 0 && options.length > 1 ? <><span className="entry-indicator">{row.indicatorName}</span><br /></> : null}
                          <span className={options.length > 1 ? 'entry-option' : 'entry-indicator'}>{options.length > 1 ? optionLabel(option) : row.indicatorName}</span></td>
                        <td>{row.measureUnit}</td>
                        <td className="num value-cell">
                          <input ref={(el) => { inputs.current[index] = el; }} className="input value-input" inputMode="decimal" value={value}
                            readOnly={!editable} aria-label={t('ind.entry.valueOf', { name })} aria-invalid={status === 'error' || undefined}
                            aria-describedby={status === 'error' || status === 'conflict' ? errorId : undefined}
                            onChange={(e) => edit(cell, { draft: e.target.value })} onKeyDown={(e) => onKeyDown(e, index)} />
                          <CellStatus status={status} />
                        </td>
                        <td className="num">{fmt(cell.previous)}</td>
                        <td className="num">{fmt(cell.lastYear)}</td>
                        <td>
                          <input className="input comment-input" value={comment} readOnly={!editable} maxLength={2000}
                            aria-label={t('ind.entry.commentOf', { name })} onChange={(e) => edit(cell, { comment: e.target.value })} />
                        </td>
                        <td>
                          <button type="button" className="button button-small history-button"
                            aria-label={`${t('ind.entry.history')}: ${name}`} onClick={() => setHistoryOf({ cell, label: name })}>{t('ind.entry.history')}</button>
                        </td>
                      </tr>
                      {(status === 'error' || status === 'conflict') && (
                        <tr className="entry-message-row">
                          <td colSpan={8} id={errorId} role="alert">
                            {status === 'error' && <span className="cell-error-text">{local?.error}</span>}
                            {status === 'conflict' && local?.conflict && (
                              <span className="conflict">
                                {t('ind.entry.conflict', {
                                  updatedBy: local.conflict.updatedBy ?? t('ind.entry.someone'),
                                  currentValue: local.conflict.currentValue === null ? t('ind.entry.empty') : fmt(local.conflict.currentValue),
                                })}
                                <button type="button" className="button button-small" onClick={() => keepMine(key)}>{t('ind.entry.keepMine')}</button>
                                <button type="button" className="button button-small" onClick={() => takeTheirs(key)}>{t('ind.entry.takeTheirs')}</button>
                              </span>
                            )}
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {historyOf && (
        <HistoryDialog cell={historyOf.cell} label={historyOf.label} unitId={unitId} period={period} periodType={entry.form.periodType} onClose={() => setHistoryOf(null)} />
      )}
    </div>
  );
}

function CellStatus({ status }: { status: Local['status'] | undefined }) {
  const { t } = useTranslation();
  if (!status) return null;
  const text = { dirty: t('ind.entry.cellDirty'), saving: t('ind.entry.cellSaving'), saved: t('ind.entry.cellSaved'), error: t('ind.entry.cellError'), conflict: t('ind.entry.cellError') }[status];
  const icon = { dirty: '•', saving: '…', saved: '✓', error: '!', conflict: '⚠' }[status];
  return <span className={`cell-status cell-status-${status}`} role="status" data-status={status} title={text}><span aria-hidden="true">{icon}</span><span className="visually-hidden">{text}</span></span>;
}

function HistoryDialog({ cell, label, unitId, period, periodType, onClose }: {
  cell: EntryCell; label: string; unitId: string; period: string; periodType: string; onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const history = useQuery(valueHistoryQuery({ indicatorCode: cell.indicatorCode, unitId, period, optionKey: cell.optionKey, periodType }));
  const fmt = (v: number | null) => (v === null ? '—' : formatNumber(v, i18n.language, { maximumFractionDigits: 6 }));
  return (
    <Dialog open title={t('ind.entry.historyOf', { name: label })} onClose={onClose} wide>
      <PageState isLoading={history.isPending} error={history.error} onRetry={() => void history.refetch()} isEmpty={history.data?.length === 0} emptyText={t('ind.entry.historyEmpty')}>
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('ind.entry.historyOf', { name: label })}</caption>
            <thead><tr>
              <th scope="col">{t('ind.entry.historyAt')}</th><th scope="col">{t('ind.entry.historyBy')}</th>
              <th scope="col" className="num">{t('ind.entry.historyOld')}</th><th scope="col" className="num">{t('ind.entry.historyNew')}</th>
              <th scope="col">{t('ind.entry.comment')}</th><th scope="col">{t('ind.entry.historySource')}</th>
            </tr></thead>
            <tbody>
              {(history.data ?? []).map((h, i) => (
                <tr key={`${h.at}-${i}`}>
                  <td>{formatDateTime(h.at, i18n.language)}</td><td>{h.actorName}</td>
                  <td className="num">{fmt(h.oldValue)}</td><td className="num">{fmt(h.newValue)}</td>
                  <td>{h.comment ?? ''}</td><td>{h.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </PageState>
    </Dialog>
  );
}
