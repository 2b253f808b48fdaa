import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import type { ServicePlanResponse, ServicePlanVersionResponse } from '@lantern/contracts';
import { Accordion, AccordionDetails, AccordionSummary, Alert, Box, Button, Skeleton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import { AGREEMENT_METHOD_LABELS, PLAN_TYPE_LABELS } from '../../common/choices';
import { formatDate } from '../../common/labels';
import { StaffName } from '../../common/StaffName';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import { Panel } from '../overview/CaseOverview';
import { AgreedGoal } from './GoalCard';

function AgreedVersion({ version }: { version: ServicePlanVersionResponse }) {
  const [shown, setShown] = useState(false);
  const translate = useTranslate();
  const revision = translate('lantern.plan.revision', { revision: version.revision });
  return (
    <Box component="li" sx={{ py: 1, borderBottom: 1, borderColor: 'divider', '&:last-of-type': { borderBottom: 0 } }} aria-label={revision}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: { sm: 'center' } }}>
        <Typography variant="body2" sx={{ flex: 1 }}>
          <strong>{revision}</strong> · {translate('lantern.plan.agreedDate', { date: formatDate(version.agreedOn) })} ·{' '}
          {AGREEMENT_METHOD_LABELS[version.method] ?? version.method} · {translate('lantern.plan.witnessedByLower')}{' '}
          <StaffName userId={version.witnessedBy} />
        </Typography>
        <Button size="small" aria-expanded={shown} onClick={() => setShown((value) => !value)}>
          {translate(shown ? 'lantern.plan.hideRevision' : 'lantern.plan.showRevision', { revision: version.revision })}
        </Button>
      </Stack>
      {shown && (
        <Box component="ul" sx={{ pl: 2.5, mt: 1, mb: 0 }} aria-label={translate('lantern.plan.asAgreed', { revision: version.revision })}>
          {version.goals.length === 0 ? (
            <Typography component="li" variant="body2" color="text.secondary">
              {translate('lantern.plan.noGoalsAtRevision')}
            </Typography>
          ) : (
            version.goals.map((goal) => <AgreedGoal key={goal.id} goal={goal} />)
          )}
        </Box>
      )}
    </Box>
  );
}

function useVersions(planId: string, enabled = true) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  return useQuery({ queryKey: ['service-plans', 'versions', planId], queryFn: () => dataProvider.planVersions(planId), enabled });
}

/** Every revision the survivor agreed to, oldest first, each readable as it was agreed. */
export function AgreementHistory({ planId }: { planId: string }) {
  const { data: versions = [], isPending, error } = useVersions(planId);
  const translate = useTranslate();
  return (
    <Panel title={translate('lantern.plan.agreementHistory')} testId="agreement-history">
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={48} />
      ) : versions.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('lantern.plan.notAgreedYet')}
        </Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {versions.map((version) => (
            <AgreedVersion key={version.id} version={version} />
          ))}
        </Box>
      )}
    </Panel>
  );
}

function EarlierPlanBody({ planId }: { planId: string }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const plan = useQuery({ queryKey: ['service-plans', 'detail', planId], queryFn: () => dataProvider.servicePlan(planId) });
  const versions = useVersions(planId);
  const translate = useTranslate();
  if (plan.error) return <Alert severity="error">{toApiError(plan.error).message}</Alert>;
  if (plan.isPending) return <Skeleton variant="rounded" height={64} />;
  const goals = plan.data.goals ?? [];
  return (
    <Stack spacing={1}>
      <Typography variant="body2" color="text.secondary">
        {translate('lantern.plan.startedRevision', { date: formatDate(plan.data.startsOn), revision: plan.data.revision })}
        {' · '}
        {plan.data.agreedRevision ? translate('lantern.plan.lastAgreed', { revision: plan.data.agreedRevision }) : translate('lantern.plan.neverAgreed')}
        {versions.data && versions.data.length > 0 ? ` (${translate('lantern.plan.agreements', { smart_count: versions.data.length })})` : ''}
      </Typography>
      <Box component="ul" sx={{ pl: 2.5, m: 0 }}>
        {goals.length === 0 ? (
          <Typography component="li" variant="body2" color="text.secondary">
            {translate('lantern.plan.noGoalsShort')}
          </Typography>
        ) : (
          goals.map((goal) => <AgreedGoal key={goal.id} goal={goal} />)
        )}
      </Box>
    </Stack>
  );
}

/** Plans this one replaced: kept in the file, read-only, opened one at a time (each opening is audited). */
export function EarlierPlans({ plans }: { plans: ServicePlanResponse[] }) {
  const [open, setOpen] = useState<string | false>(false);
  const translate = useTranslate();
  if (plans.length === 0) return null;
  return (
    <Panel title={translate('lantern.plan.earlierPlans')}>
      {plans.map((plan) => (
        <Accordion key={plan.id} disableGutters expanded={open === plan.id} onChange={(_event, expanded) => setOpen(expanded ? plan.id : false)}>
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Typography variant="body2">
              <strong>{translate('lantern.plan.planNumber', { number: plan.planNumber })}</strong> · {PLAN_TYPE_LABELS[plan.planType] ?? plan.planType} ·{' '}
              {translate(`lantern.plan.status.${plan.status}`, { _: plan.status })}
            </Typography>
          </AccordionSummary>
          <AccordionDetails>{open === plan.id && <EarlierPlanBody planId={plan.id} />}</AccordionDetails>
        </Accordion>
      ))}
    </Panel>
  );
}
