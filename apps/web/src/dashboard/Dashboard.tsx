import BarChartIcon from '@mui/icons-material/BarChart';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import HandshakeIcon from '@mui/icons-material/Handshake';
import PeopleIcon from '@mui/icons-material/People';
import PolicyIcon from '@mui/icons-material/Policy';
import SecurityIcon from '@mui/icons-material/Security';
import SendIcon from '@mui/icons-material/Send';
import { Alert, Box, Button, Card, CardActions, CardContent, Chip, Skeleton, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Title, useCreatePath, useGetList, useGetOne, useNavigate, useTranslate } from 'react-admin';
import { AUDIT_ACTION_LABELS, ROLE_LABELS } from '../common/choices';
import { SUBJECT_LABELS } from '../common/labels';
import { formatDateTime } from '../i18n/format';
import { useCan } from '../common/use-can';
import { MetricsSummary } from '../metrics/MetricsSummary';
import { canAccessResource } from '../providers/access';
import { useSession } from '../providers/session';
import type { AuditEventResponse, BreakGlassGrantResponse, PartnerOrgResponse } from '@lantern/contracts';
import { Caseload } from './Caseload';
import { PartnerTasks } from './PartnerTasks';
import { ProgramOverview } from './ProgramOverview';

function DashboardCard({
  title,
  icon,
  children,
  action,
}: {
  title: string;
  icon: ReactNode;
  children: ReactNode;
  action?: { label: string; to: string };
}) {
  const navigate = useNavigate();
  return (
    <Card component="section" aria-label={title} sx={{ display: 'flex', flexDirection: 'column' }}>
      <CardContent sx={{ flex: 1 }}>
        <Stack direction="row" spacing={1} sx={{ mb: 1.5, color: 'primary.main', alignItems: 'center' }}>
          {icon}
          <Typography variant="h6" component="h2" color="text.primary">
            {title}
          </Typography>
        </Stack>
        {children}
      </CardContent>
      {action && (
        <CardActions sx={{ px: 2, pb: 2 }}>
          <Button variant="outlined" size="small" onClick={() => navigate(action.to)}>
            {action.label}
          </Button>
        </CardActions>
      )}
    </Card>
  );
}

function Figure({ value, label, loading }: { value: number | undefined; label: string; loading: boolean }) {
  return (
    <Box>
      <Typography variant="h4" component="p" sx={{ fontWeight: 700, lineHeight: 1.1 }}>
        {loading ? <Skeleton width={40} /> : (value ?? '—')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
}

function PartnerOrgsCard() {
  const listPath = useCreatePath()({ resource: 'partner-orgs', type: 'list' });
  const page = { pagination: { page: 1, perPage: 1 }, sort: { field: 'name', order: 'ASC' as const } };
  const translate = useTranslate();
  const all = useGetList<PartnerOrgResponse>('partner-orgs', { ...page, filter: { active: true } });
  const open = useGetList<PartnerOrgResponse>('partner-orgs', { ...page, filter: { active: true, acceptingReferrals: true } });
  return (
    <DashboardCard
      title={translate('lantern.dashboard.partnerOrgs')}
      icon={<HandshakeIcon />}
      action={{ label: translate('lantern.dashboard.findPartner'), to: listPath }}
    >
      <Stack direction="row" spacing={4}>
        <Figure value={open.total} label={translate('lantern.dashboard.acceptingReferrals')} loading={open.isPending} />
        <Figure value={all.total} label={translate('lantern.dashboard.activePartners')} loading={all.isPending} />
      </Stack>
    </DashboardCard>
  );
}

function OwnPartnerOrgCard({ partnerOrgId }: { partnerOrgId: string }) {
  const createPath = useCreatePath();
  const translate = useTranslate();
  const { data, isPending, error } = useGetOne<PartnerOrgResponse>('partner-orgs', { id: partnerOrgId });
  return (
    <DashboardCard
      title={data?.name ?? translate('lantern.dashboard.yourOrg')}
      icon={<HandshakeIcon />}
      action={{ label: translate('lantern.dashboard.updateAvailability'), to: createPath({ resource: 'partner-orgs', type: 'edit', id: partnerOrgId }) }}
    >
      {error ? (
        <Typography color="text.secondary">{translate('lantern.dashboard.yourOrgFailed')}</Typography>
      ) : (
        <Stack direction="row" spacing={4} sx={{ alignItems: 'center' }}>
          <Figure value={data?.capacity} label={translate('lantern.dashboard.openPlaces')} loading={isPending} />
          {data && (
            <Chip
              label={translate(data.acceptingReferrals ? 'lantern.dashboard.accepting' : 'lantern.dashboard.notAccepting')}
              color={data.acceptingReferrals ? 'success' : 'default'}
              variant="outlined"
            />
          )}
        </Stack>
      )}
    </DashboardCard>
  );
}

/** Coordinators: referrals in flight, and those a partner has left unanswered for more than 48 hours. */
function ReferralsCard({ partner }: { partner: boolean }) {
  const listPath = useCreatePath()({ resource: 'referrals', type: 'list' });
  const page = { pagination: { page: 1, perPage: 1 }, sort: { field: 'createdAt', order: 'DESC' as const } };
  const translate = useTranslate();
  const first = useGetList('referrals', { ...page, filter: partner ? { status: 'sent' } : { open: true } });
  const overdue = useGetList('referrals', { ...page, filter: { overdue: true } });
  return (
    <DashboardCard
      title={translate(partner ? 'lantern.menu.inbox' : 'lantern.dashboard.referrals')}
      icon={<SendIcon />}
      action={{ label: translate(partner ? 'lantern.dashboard.openInbox' : 'lantern.dashboard.openBoard'), to: listPath }}
    >
      <Stack direction="row" spacing={4}>
        <Figure value={first.total} label={translate(partner ? 'lantern.dashboard.waitingAnswer' : 'lantern.dashboard.open')} loading={first.isPending} />
        <Box sx={{ color: (overdue.total ?? 0) > 0 ? 'error.main' : undefined }}>
          <Figure value={overdue.total} label={translate('lantern.dashboard.overdue')} loading={overdue.isPending} />
        </Box>
      </Stack>
    </DashboardCard>
  );
}

function UsersCard({ admin }: { admin: boolean }) {
  const listPath = useCreatePath()({ resource: 'users', type: 'list' });
  const translate = useTranslate();
  const { total, isPending } = useGetList('users', {
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'displayName', order: 'ASC' },
    filter: { active: true },
  });
  return (
    <DashboardCard
      title={translate(admin ? 'lantern.dashboard.users' : 'lantern.dashboard.staffDirectory')}
      icon={<PeopleIcon />}
      action={{ label: translate(admin ? 'lantern.dashboard.manageUsers' : 'lantern.dashboard.openDirectory'), to: listPath }}
    >
      <Figure value={total} label={translate('lantern.dashboard.activeAccounts')} loading={isPending} />
    </DashboardCard>
  );
}

function RecentAuditCard() {
  const listPath = useCreatePath()({ resource: 'audit-events', type: 'list' });
  const translate = useTranslate();
  const { data, isPending } = useGetList<AuditEventResponse>('audit-events', {
    pagination: { page: 1, perPage: 5 },
    sort: { field: 'occurredAt', order: 'DESC' },
  });
  return (
    <DashboardCard
      title={translate('lantern.dashboard.recentActivity')}
      icon={<PolicyIcon />}
      action={{ label: translate('lantern.dashboard.openAudit'), to: listPath }}
    >
      {isPending ? (
        <Skeleton variant="rectangular" height={80} />
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {(data ?? []).map((event) => (
            <Box component="li" key={event.id} sx={{ display: 'flex', justifyContent: 'space-between', gap: 2, py: 0.5 }}>
              <Typography variant="body2">
                {AUDIT_ACTION_LABELS[event.action] ?? event.action}
                {event.subjectType ? ` · ${SUBJECT_LABELS[event.subjectType] ?? event.subjectType}` : ''}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(event.occurredAt)}
              </Typography>
            </Box>
          ))}
        </Box>
      )}
    </DashboardCard>
  );
}

function EmergencyAccessCard() {
  const listPath = useCreatePath()({ resource: 'break-glass-grants', type: 'list' });
  const translate = useTranslate();
  const { data, total, isPending } = useGetList<BreakGlassGrantResponse>('break-glass-grants', {
    pagination: { page: 1, perPage: 25 },
    sort: { field: 'grantedAt', order: 'DESC' },
  });
  const open = (data ?? []).filter((grant) => grant.active).length;
  return (
    <DashboardCard
      title={translate('lantern.vocab.subject.BreakGlassGrant')}
      icon={<LockOpenIcon />}
      action={{ label: translate('lantern.dashboard.openLog'), to: listPath }}
    >
      <Stack direction="row" spacing={4}>
        <Figure value={isPending ? undefined : open} label={translate('lantern.dashboard.openNow')} loading={isPending} />
        <Figure value={total} label={translate('lantern.dashboard.recordedInAll')} loading={isPending} />
      </Stack>
    </DashboardCard>
  );
}

function MetricsCard() {
  const translate = useTranslate();
  return (
    <DashboardCard
      title={translate('lantern.menu.metrics')}
      icon={<BarChartIcon />}
      action={{ label: translate('lantern.dashboard.openMetrics'), to: '/metrics' }}
    >
      <MetricsSummary />
    </DashboardCard>
  );
}

function SecurityCard({ mfaEnabled }: { mfaEnabled: boolean }) {
  const translate = useTranslate();
  return (
    <DashboardCard
      title={translate('lantern.dashboard.yourAccount')}
      icon={<SecurityIcon />}
      action={{ label: translate('lantern.dashboard.accountSecurity'), to: '/account' }}
    >
      <Typography variant="body2" color="text.secondary">
        {translate('lantern.dashboard.mfaIs')} <strong>{translate(mfaEnabled ? 'lantern.dashboard.mfaOn' : 'lantern.dashboard.mfaOff')}</strong>.{' '}
        {translate(mfaEnabled ? 'lantern.dashboard.mfaOnText' : 'lantern.dashboard.mfaOffText')}
      </Typography>
    </DashboardCard>
  );
}

/** Home: a greeting and, per role, only the cards whose data this person may read. */
export function Dashboard() {
  const session = useSession();
  const can = useCan();
  const translate = useTranslate();
  if (!session) return null;
  const { me } = session;
  const { user } = me;
  // Partner staff look after one organization: theirs, not the directory of partners.
  const ownOrg = user.role === 'partner' ? user.partnerOrgId : null;
  const canList = (resource: string): boolean => canAccessResource(session, { action: 'list', resource });

  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('ra.page.dashboard')} />
      <Typography variant="h5" component="h1">
        {translate('lantern.dashboard.welcome', { name: user.displayName })}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {ROLE_LABELS[user.role]}
      </Typography>
      {me.demo && (
        <Alert severity="info" sx={{ mb: 3, maxWidth: 900 }}>
          {translate('lantern.dashboard.demo')}
        </Alert>
      )}
      <Box sx={{ maxWidth: 1200 }}>
        {user.role === 'caseworker' && canList('cases') && <Caseload />}
        {user.role === 'coordinator' && canList('cases') && <ProgramOverview />}
        {user.role === 'partner' && canList('tasks') && <PartnerTasks />}
      </Box>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))', maxWidth: 1200 }}>
        {canList('referrals') && <ReferralsCard partner={user.role === 'partner'} />}
        {ownOrg && <OwnPartnerOrgCard partnerOrgId={ownOrg} />}
        {!ownOrg && canList('partner-orgs') && <PartnerOrgsCard />}
        {canList('users') && <UsersCard admin={can('update', 'User')} />}
        {canList('audit-events') && <RecentAuditCard />}
        {user.role === 'admin' && canList('break-glass-grants') && <EmergencyAccessCard />}
        {can('read', 'Metrics') && <MetricsCard />}
        <SecurityCard mfaEnabled={me.mfaEnabled} />
      </Box>
    </Box>
  );
}
