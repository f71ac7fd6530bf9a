// Create or edit a unit. Creating picks the parent from the tree valid on the start date.
import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { unitTypes, type Unit, type UnitType } from '../../../shared/contracts/units.js';
import { todayInVietnam } from '../../app/format.js';
import { Dialog } from '../../ui/Dialog.js';
import { FormError } from '../../ui/PageState.js';
import { useToast } from '../../ui/Toasts.js';
import { UnitTreePicker } from '../../ui/UnitTreePicker.js';
import { unitTreeQuery, useCreateUnit, useUpdateUnit } from './units.api.js';

interface UnitFormDialogProps {
  unit: Unit | null; // null: create
  defaultParentId: string | null;
  onClose: () => void;
}

export function UnitFormDialog({ unit, defaultParentId, onClose }: UnitFormDialogProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const create = useCreateUnit();
  const update = useUpdateUnit();
  const [code, setCode] = useState(unit?.code ?? '');
  const [officialCode, setOfficialCode] = useState(unit?.officialCode ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [type, setType] = useState<UnitType>(unit?.type ?? 'commune');
  const [parentId, setParentId] = useState<string | null>(unit ? unit.parentId : defaultParentId);
  const [validFrom, setValidFrom] = useState(unit?.validFrom ?? todayInVietnam());
  const tree = useQuery({ ...unitTreeQuery(validFrom), enabled: !unit && /^\d{4}-\d{2}-\d{2}$/.test(validFrom) });
  const mutation = unit ? update : create;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    try {
      if (unit) {
        const saved = await update.mutateAsync({
          id: unit.id,
          body: { name: name.trim(), officialCode: officialCode.trim() || null, type, expectedUpdatedAt: unit.updatedAt },
        });
        toast.show(t('units.updated', { name: saved.name }));
      } else {
        const saved = await create.mutateAsync({
          code: code.trim(), officialCode: officialCode.trim() || null, name: name.trim(), type, parentId, validFrom,
        });
        toast.show(t('units.created', { name: saved.name }));
      }
      onClose();
    } catch {
      // The error is shown in the form.
    }
  }

  return (
    <Dialog open title={unit ? t('units.edit') : t('units.create')} onClose={onClose}>
      <form className="form" onSubmit={(event) => void onSubmit(event)}>
        <div className="field">
          <label htmlFor="unit-code">{t('units.code')}</label>
          <input id="unit-code" className="input" required pattern="[A-Za-z0-9_-]+" maxLength={40} value={code}
            disabled={!!unit} onChange={(event) => setCode(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="unit-official">{t('units.officialCode')} <span className="muted">{t('common.optional')}</span></label>
          <input id="unit-official" className="input" maxLength={20} value={officialCode} onChange={(event) => setOfficialCode(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="unit-name">{t('units.name')}</label>
          <input id="unit-name" className="input" required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="unit-type">{t('units.type')}</label>
          <select id="unit-type" className="input" value={type} onChange={(event) => setType(event.target.value as UnitType)}>
            {unitTypes.map((value) => <option key={value} value={value}>{t(`unitType.${value}`)}</option>)}
          </select>
        </div>
        {!unit && (
          <>
            <div className="field">
              <label htmlFor="unit-valid-from">{t('units.validFrom')}</label>
              <input id="unit-valid-from" type="date" className="input" required value={validFrom} onChange={(event) => setValidFrom(event.target.value)} />
            </div>
            <div className="field">
              <UnitTreePicker label={t('units.parent')} roots={tree.data?.roots ?? []} value={parentId}
                onChange={(id) => setParentId(id)} clearLabel={t('units.noParent')} isLoading={tree.isLoading} />
            </div>
          </>
        )}
        <FormError error={mutation.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="button button-primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
