// Routes: the login page outside, everything else behind a session inside the layout.
import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { useAuth } from './auth.js';
import { Layout } from './Layout.js';
import { NotFoundPage, PlaceholderPage } from './PlaceholderPage.js';
import { PageState } from '../ui/PageState.js';
import { LoginPage } from '../domains/auth/LoginPage.js';
import { OverviewPage } from '../domains/overview/OverviewPage.js';
import { UnitsPage } from '../domains/units/UnitsPage.js';
import { AgenciesPage } from '../domains/agencies/AgenciesPage.js';
import { UsersPage } from '../domains/accounts/UsersPage.js';
import { ApiKeysPage } from '../domains/accounts/ApiKeysPage.js';
import { AuditPage } from '../domains/audit/AuditPage.js';
import { IndicatorsSection } from '../domains/indicators/IndicatorsSection.js';
import { DashboardPage } from '../domains/indicators/DashboardPage.js';
import { DataEntryPage } from '../domains/indicators/DataEntryPage.js';
import { ApprovalsPage } from '../domains/indicators/ApprovalsPage.js';
import { ReportingRatePage } from '../domains/indicators/ReportingRatePage.js';
import { CatalogPage } from '../domains/indicators/CatalogPage.js';
import { NationalPushPage } from '../domains/indicators/NationalPushPage.js';
import { FormDesignerPage } from '../domains/indicators/FormDesignerPage.js';
import { QualityPage } from '../domains/indicators/QualityPage.js';

function RequireAuth({ children }: { children: ReactNode }) {
  const { session, isLoading, error, refetch } = useAuth();
  const location = useLocation();
  if (isLoading || error) {
    return <main id="main" className="main centered"><PageState isLoading={isLoading} error={error} onRetry={refetch}>{null}</PageState></main>;
  }
  if (!session) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login${next && next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}`} replace />;
  }
  return <>{children}</>;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <RequireAuth><Layout /></RequireAuth>,
    children: [
      { index: true, element: <OverviewPage /> },
      {
        path: 'indicators',
        element: <IndicatorsSection />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'entry', element: <DataEntryPage /> },
          { path: 'approvals', element: <ApprovalsPage /> },
          { path: 'reporting', element: <ReportingRatePage /> },
          { path: 'quality', element: <QualityPage /> },
          { path: 'catalog', element: <CatalogPage /> },
          { path: 'national-push', element: <NationalPushPage /> },
          { path: 'forms/new', element: <FormDesignerPage /> },
        ],
      },
      { path: 'dossiers', element: <PlaceholderPage page="dossiers" /> },
      { path: 'feedback', element: <PlaceholderPage page="feedback" /> },
      { path: 'operations/sensors', element: <PlaceholderPage page="sensors" /> },
      { path: 'operations/alarms', element: <PlaceholderPage page="alarms" /> },
      { path: 'operations/cameras', element: <PlaceholderPage page="cameras" /> },
      { path: 'operations/wall', element: <PlaceholderPage page="wall" /> },
      { path: 'admin/units', element: <UnitsPage /> },
      { path: 'admin/agencies', element: <AgenciesPage /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/api-keys', element: <ApiKeysPage /> },
      { path: 'admin/audit', element: <AuditPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
