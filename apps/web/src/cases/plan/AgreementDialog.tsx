import type { AgreementMethod, ServicePlanResponse, UserResponse } from '@lantern/contracts';
import { Box, FormControl, FormControlLabel, FormHelperText, FormLabel, MenuItem, Radio, RadioGroup, TextField } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useGetList, useNotify, useRefresh, useTranslate } from 'react-admin';
import { AGREEMENT_METHOD_CHOICES } from '../../common/choices';
import { FormDialog } from '../../common/FormDialog';
import { canAccessResource } from '../../providers/access';
import type { LanternDataProvider } from '../../providers/data-provider';
import { useSession } from '../../providers/session';

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The survivor agrees to the plan as it stands now (this revision): how, when, and which staff
 * member witnessed it. The plan as agreed is kept with the agreement.
 */
export function AgreementDialog({ plan, onClose }: { plan: ServicePlanResponse; onClose: () => void }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const session = useSession();
  const me = session?.me.user;
  const directory = session ? canAccessResource(session, { action: 'list', resource: 'users' }) : false;
  const { data: staff = [] } = useGetList<UserResponse>(
    'users',
    { filter: { active: true }, sort: { field: 'displayName', order: 'ASC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: directory },
  );
  const witnesses = staff.filter((user) => user.id !== me?.id && (user.role === 'caseworker' || user.role === 'coordinator'));
  const [agreedOn, setAgreedOn] = useState(today());
  const [method, setMethod] = useState<AgreementMethod | ''>('');
  const [witnessedBy, setWitnessedBy] = useState(me?.id ?? '');
  const outOfRange = Boolean(agreedOn) && (agreedOn > today() || agreedOn < plan.startsOn);
  const ready = Boolean(agreedOn && method) && !outOfRange;

  const submit = async (): Promise<void> => {
    if (!method) return;
    await dataProvider.recordAgreement(plan.id, {
      revision: plan.revision,
      agreedOn,
      method,
      ...(witnessedBy && witnessedBy !== me?.id ? { witnessedBy } : {}),
    });
    notify('lantern.plan.agreementRecorded', { type: 'success', messageArgs: { revision: plan.revision } });
    refresh();
  };

  return (
    <FormDialog
      title={translate('lantern.plan.agreementTitle', { revision: plan.revision })}
      submitLabel={translate('lantern.plan.recordAgreement')}
      ready={ready} onSubmit={submit} onClose={onClose}>
      {(fieldError) => (
        <>
          <FormControl component="fieldset" required sx={{ mt: 1, mb: 2, display: 'block' }} error={Boolean(fieldError('method'))}>
            <FormLabel component="legend" id="agreement-method-label">
              {translate('lantern.plan.howAgreed')}
            </FormLabel>
            <RadioGroup aria-labelledby="agreement-method-label" value={method} onChange={(event) => setMethod(event.target.value as AgreementMethod)}>
              {AGREEMENT_METHOD_CHOICES.map((choice) => (
                <FormControlLabel key={choice.id} value={choice.id} control={<Radio size="small" />} label={choice.name} />
              ))}
            </RadioGroup>
            {fieldError('method') && <FormHelperText>{fieldError('method')}</FormHelperText>}
          </FormControl>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
            <TextField
              label={translate('lantern.plan.agreedOn')}
              type="date"
              value={agreedOn}
              onChange={(event) => setAgreedOn(event.target.value)}
              required
              error={outOfRange || Boolean(fieldError('agreedOn'))}
              helperText={outOfRange ? translate('lantern.plan.agreedOnRange') : fieldError('agreedOn')}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: plan.startsOn, max: today() } }}
            />
            <TextField
              select
              label={translate('lantern.plan.witnessedBy')}
              value={witnessedBy}
              onChange={(event) => setWitnessedBy(event.target.value)}
              error={Boolean(fieldError('witnessedBy'))}
              helperText={fieldError('witnessedBy')}
            >
              {me && <MenuItem value={me.id}>{translate('lantern.common.you', { name: me.displayName })}</MenuItem>}
              {witnesses.map((user) => (
                <MenuItem key={user.id} value={user.id}>
                  {user.displayName}
                </MenuItem>
              ))}
            </TextField>
          </Box>
        </>
      )}
    </FormDialog>
  );
}
