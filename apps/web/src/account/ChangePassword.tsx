import { Alert, Box, Button, Checkbox, FormControlLabel, Stack, TextField } from '@mui/material';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@lantern/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { toApiError } from '../providers/http';
import { accountApi } from './account-api';
import { SESSIONS_KEY } from './AccountSessions';

/** A new password for one's own account; the other sessions end with it unless the person says not. */
export function ChangePassword() {
  const queryClient = useQueryClient();
  const translate = useTranslate();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [endOtherSessions, setEndOtherSessions] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);

  const change = useMutation({
    mutationFn: accountApi.changePassword,
    onSuccess: () => {
      setDone(true);
      setCurrentPassword('');
      setNewPassword('');
      setRepeat('');
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
    onError: (caught) => {
      const apiError = toApiError(caught);
      setError(apiError.message);
      setFieldErrors(Object.fromEntries(Object.entries(apiError.body.fieldErrors).map(([field, list]) => [field, list.join('; ')])));
    },
  });

  const tooShort = newPassword.length > 0 && newPassword.length < PASSWORD_MIN_LENGTH;
  const mismatch = repeat.length > 0 && repeat !== newPassword;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    setDone(false);
    change.mutate({ currentPassword, newPassword, endOtherSessions });
  };

  return (
    <Stack component="form" spacing={1} onSubmit={submit} noValidate sx={{ maxWidth: 480 }}>
      {done && <Alert severity="success">{translate('lantern.account.passwordChanged')}</Alert>}
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      <TextField
        label={translate('lantern.account.currentPassword')}
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(event) => setCurrentPassword(event.target.value)}
        error={Boolean(fieldErrors.currentPassword)}
        helperText={fieldErrors.currentPassword}
        required
      />
      <TextField
        label={translate('lantern.account.newPassword')}
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onChange={(event) => setNewPassword(event.target.value.slice(0, PASSWORD_MAX_LENGTH * 4))}
        error={tooShort || Boolean(fieldErrors.newPassword)}
        helperText={
          fieldErrors.newPassword ??
          translate('lantern.account.passwordHint', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH })
        }
        required
      />
      <TextField
        label={translate('lantern.account.newPasswordAgain')}
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(event) => setRepeat(event.target.value)}
        error={mismatch}
        helperText={mismatch ? translate('lantern.account.mismatch') : ' '}
        required
      />
      <FormControlLabel
        control={<Checkbox checked={endOtherSessions} onChange={(event) => setEndOtherSessions(event.target.checked)} />}
        label={translate('lantern.account.endOtherSessions')}
      />
      <Box>
        <Button
          type="submit"
          variant="contained"
          disabled={change.isPending || !currentPassword || newPassword.length < PASSWORD_MIN_LENGTH || repeat !== newPassword}
        >
          {translate('lantern.account.changePassword')}
        </Button>
      </Box>
    </Stack>
  );
}
