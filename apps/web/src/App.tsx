import { useState } from 'react';
import { Admin, CustomRoutes, Resource, type RouterProvider as AdminRouterProvider } from 'react-admin';
import { createHashRouter, Route, RouterProvider } from 'react-router';
import { appointments } from './appointments';
import { auditEvents } from './audit-events';
import { breakGlassGrants } from './break-glass';
import { cases } from './cases';
import { contacts } from './contacts';
import { customFields } from './custom-fields';
import { AppLayout } from './layout/AppLayout';
import { AppLoading } from './layout/AppLoading';
import { lanternTheme } from './layout/theme';
import { lazyPage } from './lazy';
import { AdminSignIn } from './login/AdminSignIn';
import { partnerOrgs } from './partner-orgs';
import { referrals } from './referrals';
import { queryClient, store } from './providers/app-state';
import { authProvider } from './providers/auth-provider';
import { dataProvider } from './providers/data-provider';
import { i18nProvider } from './providers/i18n-provider';
import { lanternRouterProvider } from './providers/router';
import { survivors } from './survivors';
import { users } from './users';

const Dashboard = lazyPage(() => import('./dashboard/Dashboard'), 'Dashboard');
const AccountPage = lazyPage(() => import('./account/AccountPage'), 'AccountPage');
const PartnerDirectory = lazyPage(() => import('./referrals/PartnerDirectory'), 'PartnerDirectory');
const MetricsPage = lazyPage(() => import('./metrics/MetricsPage'), 'MetricsPage');
const MetricReleaseShow = lazyPage(() => import('./metrics/MetricReleaseShow'), 'MetricReleaseShow');
const InvitationsPage = lazyPage(() => import('./users/InvitationsPage'), 'InvitationsPage');
const MailPage = lazyPage(() => import('./mail/MailPage'), 'MailPage');
const JobsPage = lazyPage(() => import('./jobs/JobsPage'), 'JobsPage');
const ReportsPage = lazyPage(() => import('./reports/ReportsPage'), 'ReportsPage');
const RetentionPage = lazyPage(() => import('./retention/RetentionPage'), 'RetentionPage');
const ImportsPage = lazyPage(() => import('./imports/ImportsPage'), 'ImportsPage');
const FormsPage = lazyPage(() => import('./forms/FormsPage'), 'FormsPage');
const ContactSummary = lazyPage(() => import('./contacts/ContactSummary'), 'ContactSummary');

function LanternAdmin({ routerProvider }: { routerProvider: AdminRouterProvider }) {
  return (
    <Admin
      title="Lantern"
      disableTelemetry
      requireAuth
      routerProvider={routerProvider}
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      store={store}
      queryClient={queryClient}
      theme={lanternTheme}
      layout={AppLayout}
      loading={AppLoading}
      loginPage={AdminSignIn}
      dashboard={Dashboard}
    >
      <Resource name="cases" {...cases} />
      <Resource name="appointments" {...appointments} />
      <Resource name="contacts" {...contacts} />
      <Resource name="survivors" {...survivors} />
      <Resource name="referrals" {...referrals} />
      <Resource name="partner-orgs" {...partnerOrgs} />
      <Resource name="users" {...users} />
      <Resource name="audit-events" {...auditEvents} />
      <Resource name="break-glass-grants" {...breakGlassGrants} />
      <Resource name="custom-fields" {...customFields} />
      {/* Shown inside a case, never listed on their own. */}
      <Resource name="intakes" />
      <Resource name="consents" />
      <Resource name="case-notes" />
      <Resource name="service-plans" />
      <Resource name="goals" />
      <Resource name="tasks" />
      <Resource name="outcomes" />
      <CustomRoutes>
        <Route path="/account" element={<AccountPage />} />
        <Route path="/partner-directory" element={<PartnerDirectory />} />
        <Route path="/metrics" element={<MetricsPage />} />
        <Route path="/metrics/:id" element={<MetricReleaseShow />} />
        <Route path="/invitations" element={<InvitationsPage />} />
        <Route path="/mail" element={<MailPage />} />
        <Route path="/jobs" element={<JobsPage />} />
        <Route path="/reports" element={<ReportsPage />} />
        <Route path="/retention" element={<RetentionPage />} />
        <Route path="/imports" element={<ImportsPage />} />
        <Route path="/forms" element={<FormsPage />} />
        <Route path="/contact-summary" element={<ContactSummary />} />
      </CustomRoutes>
    </Admin>
  );
}

/**
 * Pages are addresses in the fragment (`/#/cases/<id>/show/notes`, react-admin's usual hash router):
 * Back and Forward move between them, and a colleague who may read a case opens it from its address
 * (issue 13). Addresses hold ids only: lists keep their filters, sorting and pages out of them
 * (`disableSyncWithLocation`), searches are POST bodies, and the fragment never reaches the server.
 * Quick Exit still replaces the current entry; docs/security-model.md says what stays in the history.
 */
function createAppRouter() {
  // The router's own location decides which navigations replace their entry (providers/router.ts);
  // it is read when a navigation starts, long after the router below exists.
  const routerProvider = lanternRouterProvider(() => router.state.location.pathname);
  const router = createHashRouter([{ path: '*', element: <LanternAdmin routerProvider={routerProvider} /> }]);
  return router;
}

export function App() {
  // A router of its own each time the app is shown (after a sign-in on the light page, boot/Root.tsx),
  // starting at the page in the address bar: the one the person was on, or the one a colleague sent.
  const [router] = useState(createAppRouter);
  return <RouterProvider router={router} />;
}
