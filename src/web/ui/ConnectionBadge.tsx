// The live connection state of the hub, as a small coloured badge.
import { useTranslation } from 'react-i18next';
import type { HubState } from '../api/hub.js';

export function ConnectionBadge({ state }: { state: HubState }) {
  const { t } = useTranslation();
  return (
    <span className={`connection-badge connection-${state}`} role="status" title={t('connection.label')} data-state={state}>
      <span className="dot" aria-hidden="true" />
      <span className="visually-hidden">{t('connection.label')}: </span>
      {t(`connection.${state}`)}
    </span>
  );
}
