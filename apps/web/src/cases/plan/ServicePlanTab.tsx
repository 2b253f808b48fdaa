import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import FiberNewIcon from '@mui/icons-material/FiberNew';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import { GOAL_DOMAINS, type CaseResponse, type PlanGoal, type ServicePlanResponse } from '@lantern/contracts';
import { Alert, AlertTitle, Box, Button, Chip, LinearProgress, Paper, Skeleton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useGetList, useRecordContext } from 'react-admin';
import { GOAL_DOMAIN_LABELS, PLAN_TYPE_LABELS } from '../../common/choices';
import { formatDate, formatDateTime } from '../../common/labels';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import type { Referral } from '../../referrals/referral-types';
import { Detail } from '../../survivors/SurvivorDetails';
import { useCaseAccess } from '../case-access';
import { Panel } from '../overview/CaseOverview';
import { AgreementDialog } from './AgreementDialog';
import { GoalCard } from './GoalCard';
import { GoalDialog } from './GoalDialog';
import { AgreementHistory, EarlierPlans } from './PlanHistory';
import { PlanDialog, type PlanDialogMode } from './PlanDialog';
import { TaskDialog } from './TaskDialog';

function AgreementStatus({ plan, onRecord }: { plan: ServicePlanResponse; onRecord?: () => void }) {
  const action = onRecord && (
    <Button color="inherit" size="small" variant="outlined" startIcon={<HowToRegIcon />} onClick={onRecord}>
      Record agreement
    </Button>
  );
  if (plan.agreementCurrent) {
    return (
      <Alert severity="success" variant="outlined" data-testid="agreement-status">
        The survivor agreed to revision {plan.revision}
        {plan.agreedAt ? ` (recorded ${formatDateTime(plan.agreedAt)})` : ''}.
      </Alert>
    );
  }
  return (
    <Alert severity="warning" data-testid="agreement-status" action={action}>
      <AlertTitle>Revision {plan.revision} needs the survivor’s agreement</AlertTitle>
      {plan.agreedRevision
        ? `The plan changed after the survivor agreed to revision ${plan.agreedRevision}: go through it with them again.`
        : 'Go through the plan with the survivor and record how they agreed to it.'}
    </Alert>
  );
}

/** Goals by area of life, each area with its progress (goals achieved of all). */
function GoalsByDomain({
  goals,
  referrals,
  editable,
  onEdit,
  onAddTask,
}: {
  goals: PlanGoal[];
  referrals: Referral[];
  editable: boolean;
  onEdit: (goal: PlanGoal) => void;
  onAddTask: (goal: PlanGoal) => void;
}) {
  return (
    <Stack spacing={2}>
      {GOAL_DOMAINS.filter((domain) => goals.some((goal) => goal.domain === domain)).map((domain) => {
        const inDomain = goals.filter((goal) => goal.domain === domain);
        const achieved = inDomain.filter((goal) => goal.status === 'achieved').length;
        const label = GOAL_DOMAIN_LABELS[domain];
        return (
          <Box component="section" key={domain} aria-label={label}>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
              <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
                {label}
              </Typography>
              <Typography variant="body2" color="text.secondary" data-testid="domain-progress">
                {achieved}/{inDomain.length} achieved
              </Typography>
              <LinearProgress
                variant="determinate"
                value={(achieved * 100) / inDomain.length}
                aria-label={`${label}: ${achieved} of ${inDomain.length} goals achieved`}
                sx={{ flex: 1, maxWidth: 200, height: 6, borderRadius: 3 }}
              />
            </Stack>
            <Stack spacing={1}>
              {inDomain.map((goal) => (
                <GoalCard key={goal.id} goal={goal} referrals={referrals} editable={editable} onEdit={onEdit} onAddTask={onAddTask} />
              ))}
            </Stack>
          </Box>
        );
      })}
    </Stack>
  );
}

type Dialog =
  | { kind: 'plan'; mode: PlanDialogMode }
  | { kind: 'goal'; goal?: PlanGoal }
  | { kind: 'task'; goal: PlanGoal }
  | { kind: 'agreement'; plan: ServicePlanResponse }
  | null;

/**
 * The case's service plan, built with the survivor: goals by area of life with their tasks, the
 * survivor's agreement to the plan as it stands, and the revisions they agreed to. A change to what
 * was agreed opens a new revision that needs their agreement again; ticking tasks and reaching goals
 * does not. Earlier plans and closed cases are read-only.
 */
export function ServicePlanTab() {
  const record = useRecordContext<CaseResponse>();
  const access = useCaseAccess(record);
  const dataProvider = useDataProvider<LanternDataProvider>();
  const [dialog, setDialog] = useState<Dialog>(null);
  const caseId = record?.id ?? '';
  const plans = useGetList<ServicePlanResponse>(
    'service-plans',
    { filter: { caseId }, sort: { field: 'planNumber', order: 'DESC' }, pagination: { page: 1, perPage: 25 } },
    { enabled: Boolean(caseId) },
  );
  const all = plans.data ?? [];
  // The active plan; on a closed case, the plan that was active when it closed.
  const current = all.find((plan) => plan.status === 'active') ?? all.find((plan) => plan.status === 'closed');
  const earlier = all.filter((plan) => plan.id !== current?.id);
  const detail = useQuery({
    queryKey: ['service-plans', 'detail', current?.id],
    queryFn: () => dataProvider.servicePlan(current?.id ?? ''),
    enabled: Boolean(current),
  });
  const { data: referrals = [] } = useGetList<Referral>(
    'referrals',
    { filter: { caseId }, sort: { field: 'createdAt', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: Boolean(caseId) && access.referrals.read },
  );
  if (!record) return null;
  const plan = detail.data;
  const editable = access.plan.manage && plan?.status === 'active';
  const goals = plan?.goals ?? [];
  const achieved = goals.filter((goal) => goal.status === 'achieved').length;
  const close = (): void => setDialog(null);

  let body;
  if (plans.error || detail.error) {
    body = <Alert severity="error">{toApiError(plans.error ?? detail.error).message}</Alert>;
  } else if (plans.isPending || (current && detail.isPending)) {
    body = <Skeleton variant="rounded" height={240} />;
  } else if (!current || !plan) {
    body = (
      <Paper variant="outlined" sx={{ p: 3, maxWidth: 760 }}>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          No service plan yet
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {access.plan.manage
            ? 'Build the plan with the survivor: the goals they choose, by area of life, and the steps towards each. They agree to it before it counts.'
            : access.closed
              ? 'The case was closed without a service plan.'
              : 'The caseworker has not drawn up a plan with the survivor yet.'}
        </Typography>
        {access.plan.manage && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'plan', mode: { kind: 'create' } })}>
            Create service plan
          </Button>
        )}
      </Paper>
    );
  } else {
    body = (
      <>
        <Panel
          title={`Plan ${plan.planNumber} · ${PLAN_TYPE_LABELS[plan.planType] ?? plan.planType}`}
          testId="service-plan"
          action={
            // A reopened case keeps the plan that closed with it; a new plan starts afresh.
            access.plan.manage && plan.status !== 'active' ? (
              <Button size="small" startIcon={<FiberNewIcon />} onClick={() => setDialog({ kind: 'plan', mode: { kind: 'create' } })}>
                Start a new plan
              </Button>
            ) : editable ? (
              <Stack direction="row" spacing={1}>
                <Button size="small" startIcon={<EditIcon />} onClick={() => setDialog({ kind: 'plan', mode: { kind: 'edit', plan } })}>
                  Change plan
                </Button>
                <Button size="small" startIcon={<FiberNewIcon />} onClick={() => setDialog({ kind: 'plan', mode: { kind: 'replace', plan } })}>
                  Start a new plan
                </Button>
              </Stack>
            ) : null
          }
        >
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)' }, mb: 2 }}>
            <Detail label="Starts on">{formatDate(plan.startsOn)}</Detail>
            <Detail label="Review date">
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} component="span">
                <span>{formatDate(plan.reviewDate)}</span>
                {plan.reviewOverdue && <Chip size="small" color="warning" label="Review overdue" />}
              </Stack>
            </Detail>
            <Detail label="Revision">
              <span data-testid="plan-revision">{plan.revision}</span>
              {plan.status !== 'active' && <Chip size="small" sx={{ ml: 1 }} label={plan.status === 'closed' ? 'Closed with the case' : 'Replaced'} />}
            </Detail>
            <Detail label="Progress">
              <span data-testid="plan-progress">
                {achieved}/{goals.length} goals achieved
              </span>
            </Detail>
          </Box>
          <AgreementStatus plan={plan} onRecord={editable ? () => setDialog({ kind: 'agreement', plan }) : undefined} />
        </Panel>
        <Stack direction="row" sx={{ alignItems: 'center' }}>
          <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
            Goals
          </Typography>
          {editable && (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'goal' })}>
              Add goal
            </Button>
          )}
        </Stack>
        {goals.length === 0 ? (
          <Alert severity="info" variant="outlined">
            No goals yet.
          </Alert>
        ) : (
          <GoalsByDomain
            goals={goals}
            referrals={referrals}
            editable={editable}
            onEdit={(goal) => setDialog({ kind: 'goal', goal })}
            onAddTask={(goal) => setDialog({ kind: 'task', goal })}
          />
        )}
        <AgreementHistory planId={plan.id} />
      </>
    );
  }

  return (
    <Stack spacing={2}>
      {access.closed && current && (
        <Alert severity="info" variant="outlined">
          The case is closed: its plan is kept as it was, read-only.
        </Alert>
      )}
      {body}
      <EarlierPlans plans={earlier} />
      {dialog?.kind === 'plan' && <PlanDialog caseId={caseId} mode={dialog.mode} onClose={close} />}
      {dialog?.kind === 'goal' && plan && <GoalDialog planId={plan.id} goal={dialog.goal} referrals={referrals} onClose={close} />}
      {dialog?.kind === 'task' && <TaskDialog goalId={dialog.goal.id} referrals={referrals} onClose={close} />}
      {dialog?.kind === 'agreement' && <AgreementDialog plan={dialog.plan} onClose={close} />}
    </Stack>
  );
}
