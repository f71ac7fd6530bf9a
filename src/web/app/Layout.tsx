// The application frame: top bar, grouped navigation and the page; wall mode (?wall=1) drops the chrome.
import { Suspense, useEffect, useRef, useState } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { hasPermission, useAuth, useSession } from './auth.js';
import { useHub } from './hub-context.js';
import { navigation } from './navigation.js';
import { useAsOf, useSelectedUnit, useStickySearch, useWallMode } from './url-state.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { ConnectionBadge } from '../ui/ConnectionBadge.js';
import { PageState } from '../ui/PageState.js';
import { UnitTreePicker } from '../ui/UnitTreePicker.js';
import { unitTreeQuery } from '../domains/units/units.api.js';
import { NotificationBell } from '../domains/notifications/NotificationBell.js';

export function Layout() {
  const { t } = useTranslation();
  const wall = useWallMode();
  const hub = useHub();
  const location = useLocation();
  const [navOpen, setNavOpen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => setNavOpen(false), [location.pathname]);

  if (wall) {
    return (
      <div className="app wall-mode">
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          <Suspense fallback={<PageLoading />}><Outlet /></Suspense>
        </main>
        <div className="wall-badge"><ConnectionBadge state={hub.state} /></div>
      </div>
    );
  }

  return (
    <div className={`app${navOpen ? ' nav-open' : ''}`}>
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      <header className="top-bar">
        <button type="button" className="nav-toggle icon-button" aria-expanded={navOpen} aria-controls="main-nav"
          aria-label={t('nav.toggle')} onClick={() => setNavOpen((open) => !open)}>☰</button>
        <NavLink to="/" className="product-name">
          <span className="product-full">{t('app.productName')}</span>
          <span className="product-short" aria-hidden="true">{t('app.productShort')}</span>
        </NavLink>
        <div className="top-bar-tools">
          <ScopePicker />
          <LanguageSwitch />
          <ConnectionBadge state={hub.state} />
          <NotificationBell />
          <UserMenu />
        </div>
      </header>
      <div className="frame">
        <SideNav />
        <main id="main" ref={mainRef} tabIndex={-1} className="main">
          <Suspense fallback={<PageLoading />}><Outlet /></Suspense>
        </main>
      </div>
    </div>
  );
}

function SideNav() {
  const { t } = useTranslation();
  const search = useStickySearch();
  const { session } = useAuth();
  const groups = navigation
    .map((group) => ({ ...group, items: group.items.filter((item) => !item.permission || hasPermission(session, item.permission)) }))
    .filter((group) => group.items.length > 0);
  return (
    <nav id="main-nav" className="side-nav" aria-label={t('nav.label')}>
      {groups.map((group) => (
        <div key={group.key} className="nav-group">
          {group.items.length > 1 && <h2 className="nav-group-title" id={`nav-${group.key}`}>{t(`nav.${group.key}`)}</h2>}
          <ul aria-labelledby={group.items.length > 1 ? `nav-${group.key}` : undefined}>
            {group.items.map((item) => (
              <li key={item.key}>
                <NavLink to={{ pathname: item.to, search }} end={item.to === '/'}
                  className={({ isActive }) => `nav-link${isActive ? ' is-active' : ''}`}>
                  {t(`nav.${item.key}`)}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function ScopePicker() {
  const { t } = useTranslation();
  const { asOf } = useAsOf();
  const tree = useQuery(unitTreeQuery(asOf));
  const [unit, setUnit] = useSelectedUnit();
  return (
    <UnitTreePicker label={t('scope.label')} roots={tree.data?.roots ?? []} value={unit} hideLabel
      onChange={(id) => setUnit(id)} clearLabel={t('scope.all')} isLoading={tree.isPending} />
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const ref = useRef<HTMLDetailsElement>(null);
  const { user } = session;

  async function onLogout() {
    await logout().catch(() => undefined);
    void navigate('/login', { replace: true });
  }

  return (
    <details className="user-menu" ref={ref}>
      <summary aria-label={`${t('user.menu')}: ${user.displayName}`}>
        <span className="avatar" aria-hidden="true">{user.displayName.slice(0, 1).toUpperCase()}</span>
        <span className="user-name">{user.displayName}</span>
      </summary>
      <div className="user-menu-panel">
        <p className="user-menu-name">{user.displayName} <span className="muted">({user.username})</span></p>
        <dl className="compact">
          <dt>{t('user.role')}</dt><dd>{t(`roles.${user.role}`)}</dd>
          <dt>{t('user.scope')}</dt><dd>{user.scopeUnitName}</dd>
        </dl>
        <button type="button" className="button" onClick={() => void onLogout()}>{t('user.logout')}</button>
      </div>
    </details>
  );
}

/** While a section's code arrives (pages are loaded on first visit). */
function PageLoading() {
  return <PageState isLoading error={null}>{null}</PageState>;
}
