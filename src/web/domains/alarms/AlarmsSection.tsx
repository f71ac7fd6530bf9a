// The alarms section (Cảnh báo): the console, silences and maintenance windows, rules, notification routes.
import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useStickySearch, useWallMode } from '../../app/url-state.js';
import './alarms.css';

const tabs = [
  { key: 'console', to: '/operations/alarms', end: true },
  { key: 'silences', to: '/operations/alarms/silences' },
  { key: 'rules', to: '/operations/alarms/rules' },
  { key: 'routes', to: '/operations/alarms/routes' },
] as const;

export function AlarmsSection() {
  const { t } = useTranslation();
  const wall = useWallMode();
  const search = useStickySearch();
  return (
    <div className="page alarms-section">
      {!wall && (
        <nav className="sub-nav" aria-label={t('alm.tabs.label')}>
          <ul>
            {tabs.map((tab) => (
              <li key={tab.key}>
                <NavLink to={{ pathname: tab.to, search }} end={'end' in tab}
                  className={({ isActive }) => `sub-nav-link${isActive ? ' is-active' : ''}`}>{t(`alm.tabs.${tab.key}`)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <Outlet />
    </div>
  );
}
