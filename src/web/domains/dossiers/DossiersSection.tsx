// The public-service dossiers section: a sub-navigation over the monitoring pages and, by permission, the admin pages.
import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useSession } from '../../app/auth.js';
import { useStickySearch, useWallMode } from '../../app/url-state.js';
import './dossiers.css';

const tabs = [
  { key: 'dashboard', to: '/dossiers', end: true },
  { key: 'overdue', to: '/dossiers/overdue' },
  { key: 'search', to: '/dossiers/search' },
  { key: 'index766', to: '/dossiers/index-766' },
  { key: 'import', to: '/dossiers/import', permission: 'dossiers:ingest' },
  { key: 'procedures', to: '/dossiers/procedures', permission: 'procedures:write' },
  { key: 'holidays', to: '/dossiers/holidays', permission: 'calendar:write' },
  { key: 'connectors', to: '/dossiers/connectors', permission: 'dossiers:ingest' },
] as const;

export function DossiersSection() {
  const { t } = useTranslation();
  const session = useSession();
  const wall = useWallMode();
  const search = useStickySearch();
  return (
    <div className="page dossiers-section">
      {!wall && (
        <nav className="sub-nav" aria-label={t('dos.tabs.label')}>
          <ul>
            {tabs.filter((tab) => !('permission' in tab) || hasPermission(session, tab.permission)).map((tab) => (
              <li key={tab.key}>
                <NavLink to={{ pathname: tab.to, search }} end={'end' in tab}
                  className={({ isActive }) => `sub-nav-link${isActive ? ' is-active' : ''}`}>{t(`dos.tabs.${tab.key}`)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Outlet />
    </div>
  );
}

/** A page for a permission the user lacks (the tab is hidden, but the address can still be typed). */
export function NoPermission() {
  const { t } = useTranslation();
  return <p className="state state-empty" role="alert">{t('dos.noPermission')}</p>;
}
