// Import units from CSV or GeoJSON, all-or-nothing or skipping bad rows, optionally as a dry run;
// the per-row error report is shown either way.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../shared/contracts/units.js';
import { DataTable } from '../../ui/DataTable.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError } from '../../ui/PageState.js';
import { useImportUnits, type ImportUnitsInput } from './units.api.js';

type ReportError = ImportReport['errors'][number];

export function ImportUnitsDialog({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const importUnits = useImportUnits();
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportUnitsInput['format']>('csv');
  const [mode, setMode] = useState<ImportUnitsInput['mode']>('all-or-nothing');
  const [dryRun, setDryRun] = useState(true);
  const result = importUnits.data;

  function onFile(chosen: File | null) {
    setFile(chosen);
    if (chosen && /\.(geo)?json$/i.test(chosen.name)) setFormat('geojson');
    else if (chosen && /\.csv$/i.test(chosen.name)) setFormat('csv');
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    importUnits.mutate({ file, format, mode, dryRun });
  }

  const vi = i18n.language.startsWith('vi');
  return (
    <Dialog open title={t('importUnits.title')} onClose={onClose} wide>
      <form className="form" onSubmit={onSubmit}>
        <p className="hint">{t('importUnits.columnsHint')}</p>
        <div className="field">
          <label htmlFor="import-file">{t('importUnits.file')}</label>
          <input id="import-file" type="file" className="input" required accept=".csv,.json,.geojson,text/csv,application/json,application/geo+json"
            onChange={(event) => onFile(event.target.files?.[0] ?? null)} />
        </div>
        <fieldset className="fieldset fieldset-inline">
          <legend>{t('importUnits.format')}</legend>
          {(['csv', 'geojson'] as const).map((value) => (
            <label key={value} className="choice">
              <input type="radio" name="import-format" value={value} checked={format === value} onChange={() => setFormat(value)} />
              {t(`importUnits.${value}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t('importUnits.mode')}</legend>
          <label className="choice">
            <input type="radio" name="import-mode" value="all-or-nothing" checked={mode === 'all-or-nothing'} onChange={() => setMode('all-or-nothing')} />
            {t('importUnits.allOrNothing')}
          </label>
          <label className="choice">
            <input type="radio" name="import-mode" value="skip-invalid" checked={mode === 'skip-invalid'} onChange={() => setMode('skip-invalid')} />
            {t('importUnits.skipInvalid')}
          </label>
        </fieldset>
        <label className="choice">
          <input type="checkbox" checked={dryRun} onChange={(event) => setDryRun(event.target.checked)} />
          {t('importUnits.dryRun')}
        </label>
        <FormError error={importUnits.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>{t('common.close')}</button>
          <button type="submit" className="button button-primary" disabled={!file || importUnits.isPending}>
            {importUnits.isPending ? t('importUnits.running') : t('importUnits.run')}
          </button>
        </div>
      </form>
      {result && (
        <section className="import-report" aria-labelledby="import-report-title" aria-live="polite">
          <h3 id="import-report-title">{t('importUnits.report')}</h3>
          {result.rejected && <p className="form-error">{t('importUnits.rejectedAll')}</p>}
          {result.report.dryRun && <p className="note">{t('importUnits.dryRunNote')}</p>}
          <ul className="stats">
            <li>{t('importUnits.imported', { count: result.report.imported })}</li>
            <li>{t('importUnits.updatedCount', { count: result.report.updated })}</li>
            <li>{t('importUnits.rejected', { count: result.report.rejected })}</li>
          </ul>
          <DataTable<ReportError>
            caption={t('importUnits.report')}
            rows={result.report.errors}
            rowKey={(row) => `${row.row}-${row.field ?? ''}-${row.message}`}
            emptyText={t('importUnits.noErrors')}
            columns={[
              { key: 'row', header: t('importUnits.row'), render: (row) => row.row, sortValue: (row) => row.row },
              { key: 'code', header: t('importUnits.code'), render: (row) => row.code ?? '—' },
              { key: 'field', header: t('importUnits.field'), render: (row) => row.field ?? '—' },
              { key: 'message', header: t('importUnits.message'), render: (row) => (vi ? row.messageVi : row.message) },
            ]}
          />
        </section>
      )}
    </Dialog>
  );
}
