import { Box, Button, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { fieldErrors, useRetentionChange } from './retention-api';

/** A survivor record's id, as the API names it. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The form both an erasure request and a legal hold start with: one of the survivor's case numbers
 * (never her name) and why, sent with a step-up; the API's messages show under each field.
 */
export function CaseReasonForm({
  path,
  success,
  submitLabel,
  submitColor = 'primary',
  reasonHelp,
  orSurvivorId = false,
}: {
  path: string;
  /** The notification's translation key once done. */
  success: string;
  submitLabel: string;
  submitColor?: 'primary' | 'error';
  reasonHelp?: string;
  /** Also takes the record id of a survivor who has no case (erasure requests), sent as `survivorId`. */
  orSurvivorId?: boolean;
}) {
  const translate = useTranslate();
  const [caseNumber, setCaseNumber] = useState('');
  const [reason, setReason] = useState('');
  const change = useRetentionChange<object>(() => path, 'POST', success, () => {
    setCaseNumber('');
    setReason('');
  });
  const errors = fieldErrors(change.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const named = caseNumber.trim();
    change.mutate({ body: orSurvivorId && UUID.test(named) ? { survivorId: named, reason } : { caseNumber, reason } });
  };
  return (
    <Box component="form" onSubmit={submit} noValidate sx={{ display: 'grid', gap: 2, maxWidth: 600, mb: 3 }}>
      <TextField
        label={translate('lantern.retention.caseNumber')}
        value={caseNumber}
        onChange={(e) => setCaseNumber(e.target.value)}
        required
        error={!!(errors.caseNumber ?? errors.survivorId)}
        helperText={errors.caseNumber ?? errors.survivorId ?? translate(orSurvivorId ? 'lantern.retention.caseNumberOrIdHelp' : 'lantern.retention.caseNumberHelp')}
        slotProps={{ htmlInput: { autoComplete: 'off' } }}
      />
      <TextField
        label={translate('lantern.retention.reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        multiline
        minRows={2}
        error={!!errors.reason}
        helperText={errors.reason ?? reasonHelp}
      />
      <Box>
        <Button type="submit" variant="contained" color={submitColor} disabled={change.isPending}>
          {submitLabel}
        </Button>
      </Box>
    </Box>
  );
}
