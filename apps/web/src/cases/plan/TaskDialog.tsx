import type { TaskOwner } from '@lantern/contracts';
import { Box, FormControl, FormControlLabel, FormHelperText, FormLabel, MenuItem, Radio, RadioGroup, TextField } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { TASK_OWNER_CHOICES } from '../../common/choices';
import { FormDialog } from '../../common/FormDialog';
import { serviceLabel } from '../../common/ReferralChips';
import type { LanternDataProvider } from '../../providers/data-provider';
import { PartnerName } from '../../referrals/PartnerName';
import type { Referral } from '../../referrals/referral-types';

const DESCRIPTION_MAX = 500;
/** A partner takes a task on through a referral it has received and not finished. */
const PARTNER_REFERRAL_STATUSES = ['sent', 'accepted', 'in_progress'];

/** A step towards a goal, for the survivor, the caseworker or a partner (through one of its referrals). */
export function TaskDialog({ goalId, referrals, onClose }: { goalId: string; referrals: Referral[]; onClose: () => void }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState<TaskOwner>('survivor');
  const [dueDate, setDueDate] = useState('');
  const [referralId, setReferralId] = useState('');
  const partnerReferrals = referrals.filter((referral) => PARTNER_REFERRAL_STATUSES.includes(referral.status));
  const ready = description.trim().length > 0 && description.length <= DESCRIPTION_MAX && (owner !== 'partner' || Boolean(referralId));

  const submit = async (): Promise<void> => {
    await dataProvider.create('tasks', {
      data: {
        goalId,
        description: description.trim(),
        owner,
        ...(dueDate ? { dueDate } : {}),
        ...(owner === 'partner' ? { referralId } : {}),
      },
    });
    notify('lantern.plan.taskAdded', { type: 'success' });
    refresh();
  };

  return (
    <FormDialog title={translate('lantern.plan.addATask')} submitLabel={translate('lantern.plan.addTask')} ready={ready} onSubmit={submit} onClose={onClose}>
      {(fieldError) => (
        <>
          <TextField
            label={translate('resources.tasks.fields.description')}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            required
            fullWidth
            error={description.length > DESCRIPTION_MAX || Boolean(fieldError('description'))}
            helperText={fieldError('description')}
            sx={{ mt: 1, mb: 2 }}
          />
          <FormControl component="fieldset" sx={{ mb: 2, display: 'block' }} error={Boolean(fieldError('owner'))}>
            <FormLabel component="legend" id="task-owner-label">
              {translate('resources.tasks.fields.owner')}
            </FormLabel>
            <RadioGroup row aria-labelledby="task-owner-label" value={owner} onChange={(event) => setOwner(event.target.value as TaskOwner)}>
              {TASK_OWNER_CHOICES.map((choice) => (
                <FormControlLabel key={choice.id} value={choice.id} control={<Radio size="small" />} label={choice.name} />
              ))}
            </RadioGroup>
            {fieldError('owner') && <FormHelperText>{fieldError('owner')}</FormHelperText>}
          </FormControl>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
            <TextField
              label={translate('resources.tasks.fields.dueDate')}
              type="date"
              value={dueDate}
              onChange={(event) => setDueDate(event.target.value)}
              error={Boolean(fieldError('dueDate'))}
              helperText={fieldError('dueDate')}
              slotProps={{ inputLabel: { shrink: true } }}
            />
            {owner === 'partner' && (
              <TextField
                select
                label={translate('resources.tasks.fields.referralId')}
                value={referralId}
                onChange={(event) => setReferralId(event.target.value)}
                required
                error={Boolean(fieldError('referralId'))}
                helperText={fieldError('referralId') ?? (partnerReferrals.length === 0 ? translate('lantern.plan.noPartnerReferral') : translate('lantern.plan.partnerSees'))}
              >
                {partnerReferrals.map((referral) => (
                  <MenuItem key={referral.id} value={referral.id}>
                    {serviceLabel(referral.serviceType)} · <PartnerName partnerOrgId={referral.partnerOrgId} />
                  </MenuItem>
                ))}
              </TextField>
            )}
          </Box>
        </>
      )}
    </FormDialog>
  );
}
