// Routes: the login page outside, everything else behind a session inside the layout.
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { useAuth } from './auth.js';
import { Layout } from './Layout.js';
import { NotFoundPage } from './PlaceholderPage.js';
import { SensorsPage } from '../domains/sensors/SensorsPage.js';
import { PageState } from '../ui/PageState.js';
import { LoginPage } from '../domains/auth/LoginPage.js';
import { OverviewPage } from '../domains/overview/OverviewPage.js';

// Every section but the overview is loaded on first visit: a leader's wall screen never downloads the form designer.
const UnitsPage = lazy(() => import('../domains/units/UnitsPage.js').then((m) => ({ default: m.UnitsPage })));
const AgenciesPage = lazy(() => import('../domains/agencies/AgenciesPage.js').then((m) => ({ default: m.AgenciesPage })));
const UsersPage = lazy(() => import('../domains/accounts/UsersPage.js').then((m) => ({ default: m.UsersPage })));
const ApiKeysPage = lazy(() => import('../domains/accounts/ApiKeysPage.js').then((m) => ({ default: m.ApiKeysPage })));
const AuditPage = lazy(() => import('../domains/audit/AuditPage.js').then((m) => ({ default: m.AuditPage })));
const IndicatorsSection = lazy(() => import('../domains/indicators/IndicatorsSection.js').then((m) => ({ default: m.IndicatorsSection })));
const DashboardPage = lazy(() => import('../domains/indicators/DashboardPage.js').then((m) => ({ default: m.DashboardPage })));
const DataEntryPage = lazy(() => import('../domains/indicators/DataEntryPage.js').then((m) => ({ default: m.DataEntryPage })));
const ApprovalsPage = lazy(() => import('../domains/indicators/ApprovalsPage.js').then((m) => ({ default: m.ApprovalsPage })));
const ReportingRatePage = lazy(() => import('../domains/indicators/ReportingRatePage.js').then((m) => ({ default: m.ReportingRatePage })));
const CatalogPage = lazy(() => import('../domains/indicators/CatalogPage.js').then((m) => ({ default: m.CatalogPage })));
const NationalPushPage = lazy(() => import('../domains/indicators/NationalPushPage.js').then((m) => ({ default: m.NationalPushPage })));
const FormDesignerPage = lazy(() => import('../domains/indicators/FormDesignerPage.js').then((m) => ({ default: m.FormDesignerPage })));
const QualityPage = lazy(() => import('../domains/indicators/QualityPage.js').then((m) => ({ default: m.QualityPage })));
const DossiersSection = lazy(() => import('../domains/dossiers/DossiersSection.js').then((m) => ({ default: m.DossiersSection })));
const DossiersDashboardPage = lazy(() => import('../domains/dossiers/DashboardPage.js').then((m) => ({ default: m.DashboardPage })));
const OverduePage = lazy(() => import('../domains/dossiers/OverduePage.js').then((m) => ({ default: m.OverduePage })));
const DossierSearchPage = lazy(() => import('../domains/dossiers/SearchPage.js').then((m) => ({ default: m.SearchPage })));
const DossierDetailPage = lazy(() => import('../domains/dossiers/DossierDetailPage.js').then((m) => ({ default: m.DossierDetailPage })));
const Index766Page = lazy(() => import('../domains/dossiers/Index766Page.js').then((m) => ({ default: m.Index766Page })));
const DossierImportPage = lazy(() => import('../domains/dossiers/ImportPage.js').then((m) => ({ default: m.ImportPage })));
const ProceduresPage = lazy(() => import('../domains/dossiers/ProceduresPage.js').then((m) => ({ default: m.ProceduresPage })));
const HolidaysPage = lazy(() => import('../domains/dossiers/HolidaysPage.js').then((m) => ({ default: m.HolidaysPage })));
const ConnectorsPage = lazy(() => import('../domains/dossiers/ConnectorsPage.js').then((m) => ({ default: m.ConnectorsPage })));
const FeedbackSection = lazy(() => import('../domains/feedback/FeedbackSection.js').then((m) => ({ default: m.FeedbackSection })));
const FeedbackInboxPage = lazy(() => import('../domains/feedback/InboxPage.js').then((m) => ({ default: m.InboxPage })));
const FeedbackWorklistPage = lazy(() => import('../domains/feedback/InboxPage.js').then((m) => ({ default: m.WorklistPage })));
const ReportDetailPage = lazy(() => import('../domains/feedback/ReportDetailPage.js').then((m) => ({ default: m.ReportDetailPage })));
const CallCenterPage = lazy(() => import('../domains/feedback/CallCenterPage.js').then((m) => ({ default: m.CallCenterPage })));
const SlaBoardPage = lazy(() => import('../domains/feedback/SlaBoardPage.js').then((m) => ({ default: m.SlaBoardPage })));
const FeedbackMapPage = lazy(() => import('../domains/feedback/MapPage.js').then((m) => ({ default: m.MapPage })));
const FeedbackDashboardPage = lazy(() => import('../domains/feedback/DashboardPage.js').then((m) => ({ default: m.DashboardPage })));
const AlarmsSection = lazy(() => import('../domains/alarms/AlarmsSection.js').then((m) => ({ default: m.AlarmsSection })));
const AlarmsConsolePage = lazy(() => import('../domains/alarms/ConsolePage.js').then((m) => ({ default: m.ConsolePage })));
const AlarmRulesPage = lazy(() => import('../domains/alarms/RulesPage.js').then((m) => ({ default: m.RulesPage })));
const AlarmSilencesPage = lazy(() => import('../domains/alarms/SilencesPage.js').then((m) => ({ default: m.SilencesPage })));
const AlarmRoutesPage = lazy(() => import('../domains/alarms/SilencesPage.js').then((m) => ({ default: m.RoutesPage })));
const IncidentsSection = lazy(() => import('../domains/incidents/IncidentsPage.js').then((m) => ({ default: m.IncidentsSection })));
const IncidentsListPage = lazy(() => import('../domains/incidents/IncidentsPage.js').then((m) => ({ default: m.IncidentsListPage })));
const IncidentDetailPage = lazy(() => import('../domains/incidents/IncidentDetailPage.js').then((m) => ({ default: m.IncidentDetailPage })));
const IncidentsDashboardPage = lazy(() => import('../domains/incidents/IncidentsDashboardPage.js').then((m) => ({ default: m.IncidentsDashboardPage })));
const CamerasPage = lazy(() => import('../domains/cameras/CamerasPage.js').then((m) => ({ default: m.CamerasPage })));
const CameraPage = lazy(() => import('../domains/cameras/CameraPage.js').then((m) => ({ default: m.CameraPage })));
// The citizens' page needs no sign-in (and no application frame).
const PublicReportPage = lazy(() => import('../domains/feedback/PublicReportPage.js').then((m) => ({ default: m.PublicReportPage })));
const PublicStatusPage = lazy(() => import('../domains/feedback/PublicStatusPage.js').then((m) => ({ default: m.PublicStatusPage })));
const OperationsMapPage = lazy(() => import('../domains/operations-map/OperationsMapPage.js').then((m) => ({ default: m.OperationsMapPage })));
const WallControlPage = lazy(() => import('../domains/walls/WallControlPage.js').then((m) => ({ default: m.WallControlPage })));
// A wall screen signs itself in with its wall-screen key and has no application frame.
const KioskPage = lazy(() => import('../domains/walls/KioskPage.js').then((m) => ({ default: m.KioskPage })));

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
  { path: '/phan-anh', element: <Suspense fallback={null}><PublicReportPage /></Suspense> },
  { path: '/phan-anh/tra-cuu/:code?', element: <Suspense fallback={null}><PublicStatusPage /></Suspense> },
  { path: '/wall/:layout/:screen', element: <Suspense fallback={null}><KioskPage /></Suspense> },
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
      {
        path: 'dossiers',
        element: <DossiersSection />,
        children: [
          { index: true, element: <DossiersDashboardPage /> },
          { path: 'overdue', element: <OverduePage /> },
          { path: 'search', element: <DossierSearchPage /> },
          { path: 'index-766', element: <Index766Page /> },
          { path: 'import', element: <DossierImportPage /> },
          { path: 'procedures', element: <ProceduresPage /> },
          { path: 'holidays', element: <HolidaysPage /> },
          { path: 'connectors', element: <ConnectorsPage /> },
          { path: ':id', element: <DossierDetailPage /> },
        ],
      },
      {
        path: 'feedback',
        element: <FeedbackSection />,
        children: [
          { index: true, element: <FeedbackInboxPage /> },
          { path: 'worklist', element: <FeedbackWorklistPage /> },
          { path: 'call', element: <CallCenterPage /> },
          { path: 'sla', element: <SlaBoardPage /> },
          { path: 'map', element: <FeedbackMapPage /> },
          { path: 'dashboard', element: <FeedbackDashboardPage /> },
          { path: 'reports/:id', element: <ReportDetailPage /> },
        ],
      },
      { path: 'operations/sensors', element: <SensorsPage /> },
      {
        path: 'operations/alarms',
        element: <AlarmsSection />,
        children: [
          { index: true, element: <AlarmsConsolePage /> },
          { path: 'silences', element: <AlarmSilencesPage /> },
          { path: 'rules', element: <AlarmRulesPage /> },
          { path: 'routes', element: <AlarmRoutesPage /> },
        ],
      },
      {
        path: 'operations/incidents',
        element: <IncidentsSection />,
        children: [
          { index: true, element: <IncidentsListPage /> },
          { path: 'dashboard', element: <IncidentsDashboardPage /> },
          { path: ':id', element: <IncidentDetailPage /> },
        ],
      },
      { path: 'operations/cameras', element: <CamerasPage /> },
      { path: 'operations/cameras/:id', element: <CameraPage /> },
      { path: 'operations/map', element: <OperationsMapPage /> },
      { path: 'operations/wall', element: <WallControlPage /> },
      { path: 'admin/units', element: <UnitsPage /> },
      { path: 'admin/agencies', element: <AgenciesPage /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/api-keys', element: <ApiKeysPage /> },
      { path: 'admin/audit', element: <AuditPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
