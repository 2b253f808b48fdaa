import type { PlanType, ServicePlanResponse } from '@lantern/contracts';
import { Alert, Box, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { PLAN_TYPE_CHOICES } from '../../common/choices';
import { FormDialog } from '../../common/FormDialog';
import type { LanternDataProvider } from '../../providers/data-provider';

const today = (): string => new Date().toISOString().slice(0, 10);

function inDays(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date.toISOString().slice(0, 10);
}

export type PlanDialogMode = { kind: 'create' } | { kind: 'edit'; plan: ServicePlanResponse } | { kind: 'replace'; plan: ServicePlanResponse };

/**
 * A new plan, a change to the plan's type or review date, or a new plan that replaces the active one
 * (the earlier plan is kept, read-only). A new review date alone needs no new agreement; a new type does.
 */
export function PlanDialog({ caseId, mode, onClose, onCreated }: { caseId: string; mode: PlanDialogMode; onClose: () => void; onCreated?: (id: string) => void }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const editing = mode.kind === 'edit' ? mode.plan : undefined;
  const [planType, setPlanType] = useState<PlanType | ''>(editing?.planType ?? (mode.kind === 'replace' ? mode.plan.planType : ''));
  const [startsOn, setStartsOn] = useState(editing?.startsOn ?? today());
  const [reviewDate, setReviewDate] = useState(editing?.reviewDate ?? inDays(90));
  const reviewBeforeStart = Boolean(reviewDate && startsOn && reviewDate < startsOn);
  const ready = Boolean(planType && startsOn && reviewDate) && !reviewBeforeStart;

  const submit = async (): Promise<void> => {
    if (!planType) return;
    if (editing) {
      await dataProvider.update('service-plans', { id: editing.id, data: { planType, reviewDate }, previousData: editing });
      notify('lantern.plan.planSaved', { type: 'success' });
    } else {
      const { data } = await dataProvider.create<ServicePlanResponse>('service-plans', {
        data: { caseId, planType, startsOn, reviewDate, ...(mode.kind === 'replace' ? { replacesPlanId: mode.plan.id } : {}) },
      });
      notify(mode.kind === 'replace' ? 'lantern.plan.replacedNotice' : 'lantern.plan.createdNotice', {
        type: 'success',
      });
      onCreated?.(data.id);
    }
    refresh();
  };

  const title = translate(mode.kind === 'create' ? 'lantern.plan.newPlan' : mode.kind === 'edit' ? 'lantern.plan.changeThePlan' : 'lantern.plan.startNew');
  return (
    <FormDialog
      title={title}
      submitLabel={translate(mode.kind === 'edit' ? 'lantern.plan.savePlan' : 'lantern.plan.createPlan')}
      ready={ready} onSubmit={submit} onClose={onClose}>
      {(fieldError) => (
        <>
          {mode.kind === 'replace' && (
            <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
              {translate('lantern.plan.replaceText', { number: mode.plan.planNumber })}
            </Alert>
          )}
          <TextField
            select
            label={translate('resources.service-plans.fields.planType')}
            value={planType}
            onChange={(event) => setPlanType(event.target.value as PlanType)}
            required
            fullWidth
            error={Boolean(fieldError('planType'))}
            helperText={fieldError('planType') ?? translate('lantern.plan.planTypeHelp')}
            sx={{ mt: 1, mb: 2 }}
          >
            {PLAN_TYPE_CHOICES.map((choice) => (
              <MenuItem key={choice.id} value={choice.id}>
                {choice.name}
              </MenuItem>
            ))}
          </TextField>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: '1fr 1fr' }}>
            <TextField
              label={translate('resources.service-plans.fields.startsOn')}
              type="date"
              value={startsOn}
              onChange={(event) => setStartsOn(event.target.value)}
              required
              disabled={Boolean(editing)}
              error={Boolean(fieldError('startsOn'))}
              helperText={fieldError('startsOn')}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            <TextField
              label={translate('resources.service-plans.fields.reviewDate')}
              type="date"
              value={reviewDate}
              onChange={(event) => setReviewDate(event.target.value)}
              required
              error={reviewBeforeStart || Boolean(fieldError('reviewDate'))}
              helperText={reviewBeforeStart ? translate('lantern.plan.beforeStart') : (fieldError('reviewDate') ?? translate('lantern.plan.reviewHelp'))}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </Box>
        </>
      )}
    </FormDialog>
  );
}
