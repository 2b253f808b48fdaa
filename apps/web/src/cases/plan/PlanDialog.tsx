import type { PlanType, ServicePlanResponse } from '@lantern/contracts';
import { Alert, Box, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useRefresh } from 'react-admin';
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
      notify('The plan is saved.', { type: 'success' });
    } else {
      const { data } = await dataProvider.create<ServicePlanResponse>('service-plans', {
        data: { caseId, planType, startsOn, reviewDate, ...(mode.kind === 'replace' ? { replacesPlanId: mode.plan.id } : {}) },
      });
      notify(mode.kind === 'replace' ? 'A new plan replaces the earlier one, which is kept read-only.' : 'The service plan is created. Add its goals.', {
        type: 'success',
      });
      onCreated?.(data.id);
    }
    refresh();
  };

  const title = mode.kind === 'create' ? 'New service plan' : mode.kind === 'edit' ? 'Change the plan' : 'Start a new plan';
  return (
    <FormDialog title={title} submitLabel={mode.kind === 'edit' ? 'Save plan' : 'Create plan'} ready={ready} onSubmit={submit} onClose={onClose}>
      {(fieldError) => (
        <>
          {mode.kind === 'replace' && (
            <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
              Plan {mode.plan.planNumber} stays in the file, read-only. The new plan starts empty and needs the survivor’s agreement.
            </Alert>
          )}
          <TextField
            select
            label="Plan type"
            value={planType}
            onChange={(event) => setPlanType(event.target.value as PlanType)}
            required
            fullWidth
            error={Boolean(fieldError('planType'))}
            helperText={fieldError('planType') ?? 'HTCDS support-plan type'}
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
              label="Starts on"
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
              label="Review date"
              type="date"
              value={reviewDate}
              onChange={(event) => setReviewDate(event.target.value)}
              required
              error={reviewBeforeStart || Boolean(fieldError('reviewDate'))}
              helperText={reviewBeforeStart ? 'Before the plan starts' : (fieldError('reviewDate') ?? 'When it is reviewed with the survivor')}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </Box>
        </>
      )}
    </FormDialog>
  );
}
