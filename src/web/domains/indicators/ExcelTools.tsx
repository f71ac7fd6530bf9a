// Excel round trip of a report: download the pre-filled template, upload it filled (all-or-nothing first,
// then optionally "save the valid cells"), with the per-cell problems in the user's language.
import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client.js';
import { useToast } from '../../ui/Toasts.js';
import { excelTemplateUrl, importExcel, indicatorKeys, type ExcelCellProblem, type ExcelImportMode, type ExcelImportResult } from './indicators.api.js';

interface Props { formCode: string; unitId: string; period: string; editable: boolean; onImported: () => void }

/** The problems of a refusal: `report` is either the problem list or {saved, rejected, errors}. */
function refusalProblems(error: unknown): ExcelCellProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== 'import-failed') return null;
  const report = error.body?.report as ExcelCellProblem[] | Partial<ExcelImportResult> | undefined;
  if (Array.isArray(report)) return report;
  if (report && Array.isArray(report.errors)) return report.errors;
  return error.fieldErrors.map((e) => ({ sheetRow: 0, rowCode: null, optionKey: null, cell: e.path, message: e.message, messageVi: e.messageVi ?? e.message }));
}

export function ExcelTools({ formCode, unitId, period, editable, onImported }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const toast = useToast();
  const queryClient = useQueryClient();
  const inputRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<ExcelCellProblem[] | null>(null);
  const [result, setResult] = useState<ExcelImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(chosen: File, mode: ExcelImportMode) {
    setBusy(true);
    setError(null);
    setRefused(null);
    setResult(null);
    try {
      const res = await importExcel(formCode, unitId, period, chosen, mode);
      setResult(res);
      toast.show(t('ind.excel.imported', { saved: res.saved, rejected: res.rejected }));
      await queryClient.invalidateQueries({ queryKey: indicatorKeys.entry(formCode, unitId, period) });
      void queryClient.invalidateQueries({ queryKey: ['indicators'] });
      onImported();
    } catch (e) {
      const problems = refusalProblems(e);
      if (problems) setRefused(problems);
      else setError(errorMessage(e, lang, t('toast.failed')));
    } finally {
      setBusy(false);
    }
  }

  function onChoose(event: React.ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0] ?? null;
    event.target.value = '';
    if (!chosen) return;
    setFile(chosen);
    void upload(chosen, 'all-or-nothing');
  }

  const problems = refused ?? (result && result.errors.length > 0 ? result.errors : null);
  return (
    <div className="excel-tools" data-testid="excel-tools">
      <div className="excel-actions">
        <a className="button" href={excelTemplateUrl(formCode, unitId, period)} download>{t('ind.excel.download')}</a>
        {editable && (
          <>
            <input ref={inputRef} id="excel-file" type="file" className="visually-hidden" onChange={onChoose} disabled={busy}
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" data-testid="excel-file" />
            <button type="button" className="button" disabled={busy} onClick={() => inputRef.current?.click()}>
              {busy ? t('ind.excel.uploading') : t('ind.excel.upload')}
            </button>
          </>
        )}
      </div>
      <div aria-live="polite">
        {error && <div className="form-error" role="alert"><p>{error}</p></div>}
        {refused && (
          <div className="form-error" role="alert">
            <p>{t('ind.excel.refused', { count: new Set(refused.map((p) => p.cell)).size })}</p>
          </div>
        )}
        {result && <p className="hint">{t('ind.excel.imported', { saved: result.saved, rejected: result.rejected })}</p>}
        {problems && (
          <div className="excel-problems">
            <table className="data-table compact-table">
              <caption className="visually-hidden">{t('ind.excel.problemsCaption')}</caption>
              <thead><tr><th scope="col">{t('ind.excel.cell')}</th><th scope="col">{t('ind.excel.row')}</th><th scope="col">{t('ind.excel.message')}</th></tr></thead>
              <tbody>
                {problems.map((p, i) => (
                  <tr key={`${p.cell}:${i}`}>
                    <td><code>{p.cell}</code></td>
                    <td>{p.rowCode ?? '—'}{p.optionKey && p.optionKey !== '_' ? ` · ${p.optionKey}` : ''}</td>
                    <td>{lang.startsWith('vi') ? p.messageVi : p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {refused && file && (
              <div className="form-actions">
                <button type="button" className="button" onClick={() => setRefused(null)}>{t('common.cancel')}</button>
                <button type="button" className="button button-primary" disabled={busy} onClick={() => void upload(file, 'save-valid')}>{t('ind.excel.saveValid')}</button>
              </div>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
