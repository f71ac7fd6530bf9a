// The IOC map page (/operations/map): every layer of the operations center on one map.
import { useTranslation } from 'react-i18next';
import { useWallMode } from '../../app/url-state.js';
import { OperationsMap } from './OperationsMap.js';

export function OperationsMapPage() {
  const { t } = useTranslation();
  const wall = useWallMode();
  return (
    <section className="page ops-map-page" aria-labelledby="page-title">
      <header className="page-header"><h1 id="page-title">{t('opsMap.title')}</h1></header>
      <OperationsMap wall={wall} />
    </section>
  );
}
