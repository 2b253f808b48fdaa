import type { GoalDomain, PlanGoal } from '@lantern/contracts';
import { Box, Checkbox, FormControl, FormControlLabel, FormGroup, FormHelperText, FormLabel, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { GOAL_DOMAIN_CHOICES } from '../../common/choices';
import { FormDialog } from '../../common/FormDialog';
import { NewRecordCustomFields } from '../../custom-fields/NewRecordCustomFields';
import { useNewRecordCustom } from '../../custom-fields/use-new-record-custom';
import { REFERRAL_STATUS_LABELS } from '../../common/labels';
import { serviceLabel } from '../../common/ReferralChips';
import type { LanternDataProvider } from '../../providers/data-provider';
import { PartnerName } from '../../referrals/PartnerName';
import type { Referral } from '../../referrals/referral-types';

const DESCRIPTION_MAX = 1000;

/** A goal of the plan, with the referrals that serve it. Rewording it asks the survivor to agree again. */
export function GoalDialog({
  planId,
  goal,
  referrals,
  onClose,
}: {
  planId: string;
  goal?: PlanGoal;
  referrals: Referral[];
  onClose: () => void;
}) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [domain, setDomain] = useState<GoalDomain | ''>(goal?.domain ?? '');
  const [description, setDescription] = useState(goal?.description ?? '');
  const [targetDate, setTargetDate] = useState(goal?.targetDate ?? '');
  const [referralIds, setReferralIds] = useState<string[]>(goal?.referralIds ?? []);
  // A new goal's own fields go in its create body; a goal's are changed under its "More details".
  const custom = useNewRecordCustom('goal', !goal);
  const ready = Boolean(domain) && description.trim().length > 0 && description.length <= DESCRIPTION_MAX;

  const toggle = (id: string): void => setReferralIds((current) => (current.includes(id) ? current.filter((r) => r !== id) : [...current, id]));

  const submit = async (): Promise<void> => {
    if (!domain) return;
    if (goal) {
      await dataProvider.updateGoal(goal.id, {
        version: goal.version,
        ...(domain !== goal.domain ? { domain } : {}),
        description: description.trim(),
        targetDate: targetDate || null,
        referralIds,
      });
      notify('lantern.plan.goalSaved', { type: 'success' });
    } else {
      await dataProvider.create('goals', {
        data: { planId, domain, description: description.trim(), ...(targetDate ? { targetDate } : {}), referralIds, ...(custom.body() ? { custom: custom.body() } : {}) },
      });
      notify('lantern.plan.goalAdded', { type: 'success' });
    }
    refresh();
  };

  return (
    <FormDialog
      title={translate(goal ? 'lantern.plan.changeGoal' : 'lantern.plan.addAGoal')}
      submitLabel={translate(goal ? 'lantern.plan.saveGoal' : 'lantern.plan.addGoal')}
      ready={ready} onSubmit={submit} onClose={onClose}>
      {(fieldError) => (
        <>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, mt: 1, mb: 2 }}>
            <TextField
              select
              label={translate('resources.goals.fields.domain')}
              value={domain}
              onChange={(event) => setDomain(event.target.value as GoalDomain)}
              required
              error={Boolean(fieldError('domain'))}
              helperText={fieldError('domain')}
            >
              {GOAL_DOMAIN_CHOICES.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {choice.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label={translate('resources.goals.fields.targetDate')}
              type="date"
              value={targetDate}
              onChange={(event) => setTargetDate(event.target.value)}
              error={Boolean(fieldError('targetDate'))}
              helperText={fieldError('targetDate')}
              slotProps={{ inputLabel: { shrink: true } }}
            />
          </Box>
          <TextField
            label={translate('resources.goals.fields.description')}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            required
            multiline
            minRows={2}
            fullWidth
            error={description.length > DESCRIPTION_MAX || Boolean(fieldError('description'))}
            helperText={fieldError('description') ?? translate('lantern.plan.goalHelp')}
            sx={{ mb: 2 }}
          />
          {referrals.length > 0 && (
            <FormControl component="fieldset" error={Boolean(fieldError('referralIds'))}>
              <FormLabel component="legend">{translate('resources.goals.fields.referralIds')}</FormLabel>
              <FormGroup>
                {referrals.map((referral) => (
                  <FormControlLabel
                    key={referral.id}
                    control={<Checkbox size="small" checked={referralIds.includes(referral.id)} onChange={() => toggle(referral.id)} />}
                    label={
                      <>
                        {serviceLabel(referral.serviceType)} · <PartnerName partnerOrgId={referral.partnerOrgId} /> ({REFERRAL_STATUS_LABELS[referral.status].toLowerCase()})
                      </>
                    }
                  />
                ))}
              </FormGroup>
              {fieldError('referralIds') && <FormHelperText>{fieldError('referralIds')}</FormHelperText>}
            </FormControl>
          )}
          <NewRecordCustomFields custom={custom} fieldError={fieldError} />
        </>
      )}
    </FormDialog>
  );
}
