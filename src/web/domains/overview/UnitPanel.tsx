// The side panel of the selected unit: identity, validity and its history links.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UnitLink } from '../../../shared/contracts/units.js';
import { formatDate, formatPercent } from '../../app/format.js';
import { PageState } from '../../ui/PageState.js';
import { unitDetailQuery } from '../units/units.api.js';

interface UnitPanelProps {
  unitId: string;
  onClose: () => void;
  onSelect: (id: string) => void;
  onFocus: (id: string) => void;
}

export function UnitPanel({ unitId, onClose, onSelect, onFocus }: UnitPanelProps) {
  const { t, i18n } = useTranslation();
  const detail = useQuery(unitDetailQuery(unitId));
  const unit = detail.data;
  const lang = i18n.language;
  const parent = unit?.parent ?? null;

  const links = (items: UnitLink[]) => items.length === 0 ? <p className="muted">{t('common.none')}</p> : (
    <ul className="link-list">
      {items.map((link) => (
        <li key={`${link.unitId}-${link.validOn}`}>
          <button type="button" className="link-button" onClick={() => onSelect(link.unitId)}>{link.name}</button>
          <span className="muted"> · {t('panel.share', { share: formatPercent(link.share, lang) })} · {t('panel.since', { date: formatDate(link.validOn, lang) })}</span>
        </li>
      ))}
    </ul>
  );

  return (
    <section className="unit-panel card" aria-labelledby="unit-panel-title" data-testid="unit-panel">
      <header className="card-header">
        <h2 id="unit-panel-title">{unit?.name ?? t('panel.title')}</h2>
        <button type="button" className="icon-button" aria-label={t('panel.close')} onClick={onClose}>×</button>
      </header>
      <PageState isLoading={detail.isPending} error={detail.error} onRetry={() => void detail.refetch()}>
        {unit && (
          <>
            <dl className="details">
              <dt>{t('panel.type')}</dt><dd>{t(`unitType.${unit.type}`)}</dd>
              <dt>{t('panel.code')}</dt><dd><code>{unit.code}</code></dd>
              <dt>{t('panel.officialCode')}</dt><dd>{unit.officialCode ?? '—'}</dd>
              <dt>{t('panel.parent')}</dt><dd>{parent ? <button type="button" className="link-button" onClick={() => onSelect(parent.id)}>{parent.name}</button> : '—'}</dd>
              <dt>{t('panel.validFrom')}</dt><dd>{formatDate(unit.validFrom, lang)}</dd>
              <dt>{t('panel.validTo')}</dt><dd>{unit.validTo ? formatDate(unit.validTo, lang) : t('panel.stillValid')}</dd>
              <dt>{t('panel.children')}</dt><dd>{unit.childCount}</dd>
            </dl>
            <h3>{t('panel.successors')}</h3>
            {links(unit.successors)}
            <h3>{t('panel.predecessors')}</h3>
            {links(unit.predecessors)}
            {unit.childCount > 0 && (
              <button type="button" className="button" onClick={() => onFocus(unit.id)}>{t('panel.filterHere')}</button>
            )}
          </>
        )}
      </PageState>
    </section>
  );
}
