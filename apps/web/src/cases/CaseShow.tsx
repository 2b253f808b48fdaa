import AssessmentIcon from '@mui/icons-material/Assessment';
import AssignmentIcon from '@mui/icons-material/Assignment';
import EventIcon from '@mui/icons-material/Event';
import ChecklistIcon from '@mui/icons-material/Checklist';
import ChatIcon from '@mui/icons-material/Chat';
import DescriptionIcon from '@mui/icons-material/Description';
import HistoryIcon from '@mui/icons-material/History';
import InfoIcon from '@mui/icons-material/Info';
import SendIcon from '@mui/icons-material/Send';
import VerifiedUserIcon from '@mui/icons-material/VerifiedUser';
import VolunteerActivismIcon from '@mui/icons-material/VolunteerActivism';
import type { CaseResponse } from '@lantern/contracts';
import { Box, CircularProgress, Stack, Typography } from '@mui/material';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { EditButton, Show, TabbedShowLayout, TabbedShowLayoutTabs, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { CaseStatusChip, RiskChip } from '../common/CaseChips';
import { StaffName } from '../common/StaffName';
import { loadSession } from '../providers/session';
import { useAppointmentsTab } from '../appointments/use-appointments-tab';
import { useServicesTab } from './services/use-services-tab';
import { useCaseAccess } from './case-access';
import { CaseOverview } from './overview/CaseOverview';
import { VISUALLY_HIDDEN } from '../common/PageHeading';
import { ShowUnavailable } from '../common/RecordUnavailable';

const IntakeTab = lazy(() => import('./intake/IntakeTab').then((m) => ({ default: m.IntakeTab })));
const ConsentTab = lazy(() => import('./consent/ConsentTab').then((m) => ({ default: m.ConsentTab })));
const NotesTab = lazy(() => import('./notes/NotesTab').then((m) => ({ default: m.NotesTab })));
const ReferralsTab = lazy(() => import('./referrals/ReferralsTab').then((m) => ({ default: m.ReferralsTab })));
const ServicePlanTab = lazy(() => import('./plan/ServicePlanTab').then((m) => ({ default: m.ServicePlanTab })));
const OutcomesTab = lazy(() => import('./outcomes/OutcomesTab').then((m) => ({ default: m.OutcomesTab })));
const CaseAppointments = lazy(() => import('../appointments/CaseAppointments').then((m) => ({ default: m.CaseAppointments })));
const DocumentsTab = lazy(() => import('../documents/DocumentsTab').then((m) => ({ default: m.DocumentsTab })));
const ServicesTab = lazy(() => import('./services/ServicesTab').then((m) => ({ default: m.ServicesTab })));
const HistoryTab = lazy(() => import('./history/HistoryTab').then((m) => ({ default: m.HistoryTab })));

function Loading() {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }}>
      <CircularProgress size={28} aria-label={translate('ra.page.loading')} />
    </Box>
  );
}

/**
 * A tab's content, loaded on first use, under an h2 with the tab's name for screen readers (the tab's
 * own headings are h3, below the case's h1).
 */
function Lazy({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <>
      <Typography variant="h6" component="h2" sx={VISUALLY_HIDDEN}>
        {translate(title)}
      </Typography>
      <Suspense fallback={<Loading />}>{children}</Suspense>
    </>
  );
}

export function CaseTitle() {
  const record = useRecordContext<CaseResponse>();
  const translate = useTranslate();
  return <>{record?.caseNumber ?? translate('resources.cases.name', { smart_count: 1 })}</>;
}

function CaseActions() {
  const record = useRecordContext<CaseResponse>();
  const access = useCaseAccess(record);
  return <TopToolbar>{access.editDetails && <EditButton label="lantern.cases.editDetails" />}</TopToolbar>;
}

function CaseHeader() {
  const record = useRecordContext<CaseResponse>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ px: 2, pt: 2, pb: 1 }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={{ xs: 1, md: 2 }} sx={{ alignItems: { md: 'center' } }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography variant="overline" color="text.secondary" sx={{ lineHeight: 1.6 }}>
            {translate('resources.cases.name', { smart_count: 1 })}
          </Typography>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}>
            <Typography variant="h5" component="h1" sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {record.caseNumber}
            </Typography>
            {record.survivorAlias && (
              <Typography variant="h6" component="p" color="text.secondary" sx={{ fontWeight: 500 }} data-testid="case-alias">
                {record.survivorAlias}
              </Typography>
            )}
          </Stack>
        </Box>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <CaseStatusChip status={record.status} size="medium" />
          {Object.hasOwn(record, 'riskLevel') && <RiskChip level={record.riskLevel} size="medium" />}
          <Typography variant="body2" color="text.secondary" sx={{ pl: 1 }}>
            {translate('lantern.cases.caseworker')} <StaffName userId={record.assignedCaseworkerId} fallback="—" />
          </Typography>
        </Stack>
      </Stack>
    </Box>
  );
}

/**
 * One case, in tabs. Each tab appears only when the rules let this person read its records: a
 * coordinator sees no identifying details, narrative or restricted notes; an admin sees status fields
 * until an emergency access opens the file.
 */
function CaseLayout() {
  const record = useRecordContext<CaseResponse>();
  const access = useCaseAccess(record);
  const appointmentsTab = useAppointmentsTab(record);
  const servicesTab = useServicesTab(record);
  const id = record?.id;

  // Rules about intakes, consents and notes depend on the caseload, which changes (a new case, a
  // reassignment, an emergency access ending): opening a file fetches them afresh.
  useEffect(() => {
    if (id) void loadSession({ force: true }).catch(() => undefined);
  }, [id]);

  if (!record) return null;
  return (
    <>
      <CaseHeader />
      {/* Nine tabs are wider than a phone: they scroll, with arrows that say there is more. */}
      <TabbedShowLayout
        sx={{ '& .RaTabbedShowLayout-content': { p: 2 } }}
        tabs={<TabbedShowLayoutTabs variant="scrollable" scrollButtons="auto" allowScrollButtonsMobile />}
      >
        <TabbedShowLayout.Tab label="lantern.cases.tabs.overview" icon={<InfoIcon />} iconPosition="start">
          <CaseOverview />
        </TabbedShowLayout.Tab>
        {(access.intake.read || access.intake.create) && (
          <TabbedShowLayout.Tab label="lantern.cases.tabs.intake" path="intake" icon={<AssignmentIcon />} iconPosition="start">
            <Lazy title="lantern.cases.tabs.intake">
              <IntakeTab />
            </Lazy>
          </TabbedShowLayout.Tab>
        )}
        {access.consent.read && (
          <TabbedShowLayout.Tab label="lantern.cases.tabs.consent" path="consent" icon={<VerifiedUserIcon />} iconPosition="start">
            <Lazy title="lantern.cases.tabs.consent">
              <ConsentTab />
            </Lazy>
          </TabbedShowLayout.Tab>
        )}
        {access.notes.read && (
          <TabbedShowLayout.Tab label="lantern.cases.tabs.notes" path="notes" icon={<ChatIcon />} iconPosition="start">
            <Lazy title="lantern.cases.tabs.notes">
              <NotesTab />
            </Lazy>
          </TabbedShowLayout.Tab>
        )}
        {access.referrals.read && (
          <TabbedShowLayout.Tab label="lantern.cases.tabs.referrals" path="referrals" icon={<SendIcon />} iconPosition="start">
            <Lazy title="lantern.cases.tabs.referrals">
              <ReferralsTab />
            </Lazy>
          </TabbedShowLayout.Tab>
        )}
        {access.plan.read && (
          <TabbedShowLayout.Tab label="lantern.cases.tabs.plan" path="plan" icon={<ChecklistIcon />} iconPosition="start">
            <Lazy title="lantern.cases.tabs.plan">
              <ServicePlanTab />
            </Lazy>
          </TabbedShowLayout.Tab>
        )}
        {access.outcomes.read && (
          <TabbedShowLayout.Tab label="lantern.cases.tabs.outcomes" path="outcomes" icon={<AssessmentIcon />} iconPosition="start">
            <Lazy title="lantern.cases.tabs.outcomes">
              <OutcomesTab />
            </Lazy>
          </TabbedShowLayout.Tab>
        )}
        {appointmentsTab && (
          <TabbedShowLayout.Tab label="lantern.appointments.tab" path="appointments" icon={<EventIcon />} iconPosition="start">
            <Lazy title="lantern.appointments.tab">
              <CaseAppointments />
            </Lazy>
          </TabbedShowLayout.Tab>
        )}
        {servicesTab.read && (
          <TabbedShowLayout.Tab label="lantern.services.tab" path="services" icon={<VolunteerActivismIcon />} iconPosition="start">
            <Lazy title="lantern.services.title">
              <ServicesTab />
            </Lazy>
          </TabbedShowLayout.Tab>
        )}
        {record.permissions?.documents?.read && (
          <TabbedShowLayout.Tab label="lantern.cases.tabs.documents" path="documents" icon={<DescriptionIcon />} iconPosition="start">
            <Lazy title="lantern.cases.tabs.documents">
              <DocumentsTab />
            </Lazy>
          </TabbedShowLayout.Tab>
        )}
        <TabbedShowLayout.Tab label="lantern.cases.tabs.history" path="history" icon={<HistoryIcon />} iconPosition="start">
          <Lazy title="lantern.cases.tabs.history">
            <HistoryTab />
          </Lazy>
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </>
  );
}

export function CaseShow() {
  return (
    <Show error={<ShowUnavailable />} title={<CaseTitle />} actions={<CaseActions />} emptyWhileLoading>
      <CaseLayout />
    </Show>
  );
}
