import BarChartIcon from '@mui/icons-material/BarChart';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import HandshakeIcon from '@mui/icons-material/Handshake';
import PeopleIcon from '@mui/icons-material/People';
import PolicyIcon from '@mui/icons-material/Policy';
import SecurityIcon from '@mui/icons-material/Security';
import SendIcon from '@mui/icons-material/Send';
import { ROLE_LABELS } from '@lantern/contracts';
import { Alert, Box, Button, Card, CardActions, CardContent, Chip, Skeleton, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Title, useCreatePath, useGetList, useGetOne, useNavigate } from 'react-admin';
import { AUDIT_ACTION_LABELS } from '../common/choices';
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
  const all = useGetList<PartnerOrgResponse>('partner-orgs', { ...page, filter: { active: true } });
  const open = useGetList<PartnerOrgResponse>('partner-orgs', { ...page, filter: { active: true, acceptingReferrals: true } });
  return (
    <DashboardCard title="Partner organizations" icon={<HandshakeIcon />} action={{ label: 'Find a partner', to: listPath }}>
      <Stack direction="row" spacing={4}>
        <Figure value={open.total} label="accepting referrals" loading={open.isPending} />
        <Figure value={all.total} label="active partners" loading={all.isPending} />
      </Stack>
    </DashboardCard>
  );
}

function OwnPartnerOrgCard({ partnerOrgId }: { partnerOrgId: string }) {
  const createPath = useCreatePath();
  const { data, isPending, error } = useGetOne<PartnerOrgResponse>('partner-orgs', { id: partnerOrgId });
  return (
    <DashboardCard
      title={data?.name ?? 'Your organization'}
      icon={<HandshakeIcon />}
      action={{ label: 'Update availability', to: createPath({ resource: 'partner-orgs', type: 'edit', id: partnerOrgId }) }}
    >
      {error ? (
        <Typography color="text.secondary">Your organization could not be loaded.</Typography>
      ) : (
        <Stack direction="row" spacing={4} sx={{ alignItems: 'center' }}>
          <Figure value={data?.capacity} label="open places" loading={isPending} />
          {data && (
            <Chip
              label={data.acceptingReferrals ? 'Accepting referrals' : 'Not accepting referrals'}
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
  const first = useGetList('referrals', { ...page, filter: partner ? { status: 'sent' } : { open: true } });
  const overdue = useGetList('referrals', { ...page, filter: { overdue: true } });
  return (
    <DashboardCard
      title={partner ? 'Inbox' : 'Referrals'}
      icon={<SendIcon />}
      action={{ label: partner ? 'Open the inbox' : 'Open the board', to: listPath }}
    >
      <Stack direction="row" spacing={4}>
        <Figure value={first.total} label={partner ? 'waiting for your answer' : 'open'} loading={first.isPending} />
        <Box sx={{ color: (overdue.total ?? 0) > 0 ? 'error.main' : undefined }}>
          <Figure value={overdue.total} label="over 48 hours without answer" loading={overdue.isPending} />
        </Box>
      </Stack>
    </DashboardCard>
  );
}

function UsersCard({ admin }: { admin: boolean }) {
  const listPath = useCreatePath()({ resource: 'users', type: 'list' });
  const { total, isPending } = useGetList('users', {
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'displayName', order: 'ASC' },
    filter: { active: true },
  });
  return (
    <DashboardCard
      title={admin ? 'Users' : 'Staff directory'}
      icon={<PeopleIcon />}
      action={{ label: admin ? 'Manage users' : 'Open directory', to: listPath }}
    >
      <Figure value={total} label="active accounts" loading={isPending} />
    </DashboardCard>
  );
}

function RecentAuditCard() {
  const listPath = useCreatePath()({ resource: 'audit-events', type: 'list' });
  const { data, isPending } = useGetList<AuditEventResponse>('audit-events', {
    pagination: { page: 1, perPage: 5 },
    sort: { field: 'occurredAt', order: 'DESC' },
  });
  return (
    <DashboardCard title="Recent activity" icon={<PolicyIcon />} action={{ label: 'Open audit log', to: listPath }}>
      {isPending ? (
        <Skeleton variant="rectangular" height={80} />
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {(data ?? []).map((event) => (
            <Box component="li" key={event.id} sx={{ display: 'flex', justifyContent: 'space-between', gap: 2, py: 0.5 }}>
              <Typography variant="body2">
                {AUDIT_ACTION_LABELS[event.action] ?? event.action}
                {event.subjectType ? ` · ${event.subjectType}` : ''}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                {new Date(event.occurredAt).toLocaleString()}
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
  const { data, total, isPending } = useGetList<BreakGlassGrantResponse>('break-glass-grants', {
    pagination: { page: 1, perPage: 25 },
    sort: { field: 'grantedAt', order: 'DESC' },
  });
  const open = (data ?? []).filter((grant) => grant.active).length;
  return (
    <DashboardCard title="Emergency access" icon={<LockOpenIcon />} action={{ label: 'Open the log', to: listPath }}>
      <Stack direction="row" spacing={4}>
        <Figure value={isPending ? undefined : open} label="open now" loading={isPending} />
        <Figure value={total} label="recorded in all" loading={isPending} />
      </Stack>
    </DashboardCard>
  );
}

function MetricsCard() {
  return (
    <DashboardCard title="Outcome metrics" icon={<BarChartIcon />} action={{ label: 'Open outcome metrics', to: '/metrics' }}>
      <MetricsSummary />
    </DashboardCard>
  );
}

function SecurityCard({ mfaEnabled }: { mfaEnabled: boolean }) {
  return (
    <DashboardCard title="Your account" icon={<SecurityIcon />} action={{ label: 'Account and security', to: '/account' }}>
      <Typography variant="body2" color="text.secondary">
        Two-step verification is <strong>{mfaEnabled ? 'on' : 'off'}</strong>.{' '}
        {mfaEnabled ? 'Sign-ins need a code from your phone.' : 'Turn it on to protect your sign-in.'}
      </Typography>
    </DashboardCard>
  );
}

/** Home: a greeting and, per role, only the cards whose data this person may read. */
export function Dashboard() {
  const session = useSession();
  const can = useCan();
  if (!session) return null;
  const { me } = session;
  const { user } = me;
  // Partner staff look after one organization: theirs, not the directory of partners.
  const ownOrg = user.role === 'partner' ? user.partnerOrgId : null;
  const canList = (resource: string): boolean => canAccessResource(session, { action: 'list', resource });

  return (
    <Box sx={{ py: 2 }}>
      <Title title="Home" />
      <Typography variant="h5" component="h1">
        Welcome, {user.displayName}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        {ROLE_LABELS[user.role]}
      </Typography>
      {me.demo && (
        <Alert severity="info" sx={{ mb: 3, maxWidth: 900 }}>
          This is a demonstration installation: every name and case in it is invented.
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
