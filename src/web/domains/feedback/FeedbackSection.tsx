// The citizen feedback section (Phản ánh 1022): a sub-navigation over the inbox, the worklist, the call-center
// form, the SLA board, the map and the dashboard; tabs by role.
import { NavLink, Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useSession } from '../../app/auth.js';
import { useStickySearch, useWallMode } from '../../app/url-state.js';
import './feedback.css';

const tabs = [
  { key: 'inbox', to: '/feedback', end: true, roles: ['admin', 'operator', 'call_center_agent', 'leader'] },
  { key: 'worklist', to: '/feedback/worklist', roles: ['agency_officer'] },
  { key: 'callCenter', to: '/feedback/call', permission: 'feedback:handle', roles: ['admin', 'operator', 'call_center_agent'] },
  { key: 'sla', to: '/feedback/sla' },
  { key: 'map', to: '/feedback/map' },
  { key: 'dashboard', to: '/feedback/dashboard' },
] as const;

export function FeedbackSection() {
  const { t } = useTranslation();
  const session = useSession();
  const wall = useWallMode();
  const search = useStickySearch();
  const visible = tabs.filter((tab) => (!('permission' in tab) || hasPermission(session, tab.permission))
    && (!('roles' in tab) || (tab.roles as readonly string[]).includes(session.user.role)));
  return (
    <div className="page feedback-section">
      {!wall && (
        <nav className="sub-nav" aria-label={t('fb.tabs.label')}>
          <ul>
            {visible.map((tab) => (
              <li key={tab.key}>
                <NavLink to={{ pathname: tab.to, search }} end={'end' in tab}
                  className={({ isActive }) => `sub-nav-link${isActive ? ' is-active' : ''}`}>{t(`fb.tabs.${tab.key}`)}</NavLink>
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
  return <p className="state state-empty" role="alert">{t('fb.noPermission')}</p>;
}
