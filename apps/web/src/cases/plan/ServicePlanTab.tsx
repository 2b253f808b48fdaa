import AddIcon from '@mui/icons-material/Add';
import EditIcon from '@mui/icons-material/Edit';
import FiberNewIcon from '@mui/icons-material/FiberNew';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import { GOAL_DOMAINS, type CaseResponse, type PlanGoal, type ServicePlanResponse } from '@lantern/contracts';
import { Alert, AlertTitle, Box, Button, Chip, LinearProgress, Paper, Skeleton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useGetList, useRecordContext, useTranslate } from 'react-admin';
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
  const translate = useTranslate();
  const action = onRecord && (
    <Button color="inherit" size="small" variant="outlined" startIcon={<HowToRegIcon />} onClick={onRecord}>
      {translate('lantern.plan.recordAgreement')}
    </Button>
  );
  if (plan.agreementCurrent) {
    return (
      <Alert severity="success" variant="outlined" data-testid="agreement-status">
        {plan.agreedAt
          ? translate('lantern.plan.agreedAt', { revision: plan.revision, when: formatDateTime(plan.agreedAt) })
          : translate('lantern.plan.agreed', { revision: plan.revision })}
      </Alert>
    );
  }
  return (
    <Alert severity="warning" data-testid="agreement-status" action={action}>
      <AlertTitle>{translate('lantern.plan.needsAgreement', { revision: plan.revision })}</AlertTitle>
      {plan.agreedRevision
        ? translate('lantern.plan.changedSince', { revision: plan.agreedRevision })
        : translate('lantern.plan.goThrough')}
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
  const translate = useTranslate();
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
                {translate('lantern.plan.domainProgress', { achieved, total: inDomain.length })}
              </Typography>
              <LinearProgress
                variant="determinate"
                value={(achieved * 100) / inDomain.length}
                aria-label={translate('lantern.plan.domainProgressLabel', { domain: label, achieved, total: inDomain.length })}
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
  const translate = useTranslate();
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
          {translate('lantern.plan.none')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {access.plan.manage
            ? translate('lantern.plan.noneManage')
            : access.closed
              ? translate('lantern.plan.noneClosed')
              : translate('lantern.plan.noneYet')}
        </Typography>
        {access.plan.manage && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'plan', mode: { kind: 'create' } })}>
            {translate('lantern.plan.create')}
          </Button>
        )}
      </Paper>
    );
  } else {
    body = (
      <>
        <Panel
          title={translate('lantern.plan.title', { number: plan.planNumber, type: PLAN_TYPE_LABELS[plan.planType] ?? plan.planType })}
          testId="service-plan"
          action={
            // A reopened case keeps the plan that closed with it; a new plan starts afresh.
            access.plan.manage && plan.status !== 'active' ? (
              <Button size="small" startIcon={<FiberNewIcon />} onClick={() => setDialog({ kind: 'plan', mode: { kind: 'create' } })}>
                {translate('lantern.plan.startNew')}
              </Button>
            ) : editable ? (
              <Stack direction="row" spacing={1}>
                <Button size="small" startIcon={<EditIcon />} onClick={() => setDialog({ kind: 'plan', mode: { kind: 'edit', plan } })}>
                  {translate('lantern.plan.change')}
                </Button>
                <Button size="small" startIcon={<FiberNewIcon />} onClick={() => setDialog({ kind: 'plan', mode: { kind: 'replace', plan } })}>
                  {translate('lantern.plan.startNew')}
                </Button>
              </Stack>
            ) : null
          }
        >
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr 1fr', md: 'repeat(4, 1fr)' }, mb: 2 }}>
            <Detail label={translate('resources.service-plans.fields.startsOn')}>{formatDate(plan.startsOn)}</Detail>
            <Detail label={translate('resources.service-plans.fields.reviewDate')}>
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} component="span">
                <span>{formatDate(plan.reviewDate)}</span>
                {plan.reviewOverdue && <Chip size="small" color="warning" label={translate('lantern.plan.reviewOverdue')} />}
              </Stack>
            </Detail>
            <Detail label={translate('resources.service-plans.fields.revision')}>
              <span data-testid="plan-revision">{plan.revision}</span>
              {plan.status !== 'active' && <Chip size="small" sx={{ ml: 1 }} label={plan.status === 'closed' ? translate('lantern.plan.closedWithCase') : translate('lantern.plan.replaced')} />}
            </Detail>
            <Detail label={translate('lantern.plan.progress')}>
              <span data-testid="plan-progress">
                {translate('lantern.plan.goalsAchieved', { achieved, total: goals.length })}
              </span>
            </Detail>
          </Box>
          <AgreementStatus plan={plan} onRecord={editable ? () => setDialog({ kind: 'agreement', plan }) : undefined} />
        </Panel>
        <Stack direction="row" sx={{ alignItems: 'center' }}>
          <Typography variant="h6" component="h2" sx={{ flex: 1 }}>
            {translate('lantern.plan.goals')}
          </Typography>
          {editable && (
            <Button variant="contained" startIcon={<AddIcon />} onClick={() => setDialog({ kind: 'goal' })}>
              {translate('lantern.plan.addGoal')}
            </Button>
          )}
        </Stack>
        {goals.length === 0 ? (
          <Alert severity="info" variant="outlined">
            {translate('lantern.plan.noGoals')}
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
          {translate('lantern.plan.caseClosed')}
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
