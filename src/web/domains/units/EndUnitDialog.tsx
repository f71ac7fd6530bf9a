// End a unit on a date and name the units that carry its territory on, with shares adding up to 1.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../shared/contracts/units.js';
import { formatNumber, todayInVietnam } from '../../app/format.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitTreeQuery, useEndUnit } from './units.api.js';

interface Row { key: number; unitId: string | null; share: string }

export function EndUnitDialog({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const end = useEndUnit();
  const [validTo, setValidTo] = useState(todayInVietnam());
  const [rows, setRows] = useState<Row[]>([{ key: 1, unitId: null, share: '1' }]);
  const tree = useQuery({ ...unitTreeQuery(validTo), enabled: /^\d{4}-\d{2}-\d{2}$/.test(validTo) });
  const sum = rows.reduce((total, row) => total + (Number(row.share) || 0), 0);
  const sumOk = Math.abs(sum - 1) < 1e-6;

  function patchRow(key: number, patch: Partial<Row>) {
    setRows((list) => list.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const successors = rows.filter((row) => row.unitId).map((row) => ({ unitId: row.unitId as string, share: Number(row.share) }));
    try {
      await end.mutateAsync({ id: unit.id, body: { validTo, successors } });
      toast.show(t('units.endedToast', { name: unit.name }));
      onClose();
    } catch { /* shown in the form */ }
  }

  return (
    <Dialog open title={t('units.endTitle', { name: unit.name })} onClose={onClose} wide>
      <form className="form" onSubmit={(event) => void onSubmit(event)}>
        <div className="field">
          <label htmlFor="end-valid-to">{t('units.validTo')}</label>
          <input id="end-valid-to" type="date" className="input" required min={unit.validFrom} value={validTo}
            onChange={(event) => setValidTo(event.target.value)} />
        </div>
        <fieldset className="fieldset">
          <legend>{t('units.successors')}</legend>
          {rows.map((row, index) => (
            <div key={row.key} className="successor-row">
              <UnitTreePicker label={t('units.successor', { index: index + 1 })} roots={tree.data?.roots ?? []} value={row.unitId}
                onChange={(id) => patchRow(row.key, { unitId: id })} isLoading={tree.isLoading} />
              <div className="field">
                <label htmlFor={`share-${row.key}`}>{t('units.share')}</label>
                <input id={`share-${row.key}`} className="input input-narrow" type="number" min="0" max="1" step="any" required
                  value={row.share} onChange={(event) => patchRow(row.key, { share: event.target.value })} />
              </div>
              {rows.length > 1 && (
                <button type="button" className="button" onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))}>
                  {t('units.removeSuccessor', { index: index + 1 })}
                </button>
              )}
            </div>
          ))}
          <button type="button" className="button" onClick={() => setRows((list) => [...list, { key: Math.max(0, ...list.map((r) => r.key)) + 1, unitId: null, share: '' }])}>
            {t('units.addSuccessor')}
          </button>
          <p className={sumOk ? 'hint' : 'hint hint-warning'} aria-live="polite">
            {t('units.shareSum', { sum: formatNumber(sum, i18n.language, { maximumFractionDigits: 4 }) })}
            {!sumOk && <> — {t('units.shareSumInvalid')}</>}
          </p>
        </fieldset>
        <FormError error={end.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button-danger" disabled={end.isPending || !sumOk || rows.some((r) => !r.unitId)}>
            {end.isPending ? t('common.saving') : t('units.end')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
