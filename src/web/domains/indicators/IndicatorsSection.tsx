// The indicators section: a title, the synthetic-data note and a sub-navigation over its pages.
import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useSession } from '../../app/auth.js';
import { useStickySearch, useWallMode } from '../../app/url-state.js';

const tabs = [
  { key: 'dashboard', to: '/indicators', end: true },
  { key: 'entry', to: '/indicators/entry', permission: 'values:enter' },
  { key: 'approvals', to: '/indicators/approvals', permission: 'values:approve' },
  { key: 'reporting', to: '/indicators/reporting' },
  { key: 'quality', to: '/indicators/quality' },
  { key: 'catalog', to: '/indicators/catalog' },
  { key: 'designer', to: '/indicators/forms/new', permission: 'catalog:write' },
  { key: 'push', to: '/indicators/national-push', permission: 'audit:read' },
] as const;

export function IndicatorsSection() {
  const { t } = useTranslation();
  const session = useSession();
  const wall = useWallMode();
  const search = useStickySearch();
  return (
    <div className="page indicators-section">
      {!wall && (
        <nav className="sub-nav" aria-label={t('ind.tabs.label')}>
          <ul>
            {tabs.filter((tab) => !('permission' in tab) || hasPermission(session, tab.permission)).map((tab) => (
              <li key={tab.key}>
                <NavLink to={{ pathname: tab.to, search }} end={'end' in tab}
                  className={({ isActive }) => `sub-nav-link${isActive ? ' is-active' : ''}`}>{t(`ind.tabs.${tab.key}`)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Outlet />
    </div>
  );
}

export function SyntheticNote() {
  const { t } = useTranslation();
  return (
    <p className="note note-synthetic" data-testid="synthetic-note"><strong>{t('ind.synthetic')}</strong> — {t('ind.syntheticHint')}</p>
  );
}
