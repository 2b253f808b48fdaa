import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Alert, Box, Button, List, ListItem, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { toApiError } from '../providers/http';
import { accountApi, type MfaSetupResponse } from './account-api';

/** "ABCD EFGH IJKL" reads better off a screen than one long run of letters. */
function groupInFours(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * Two-step verification: show the secret and the otpauth URI as text (no QR service, nothing leaves
 * the browser), confirm a first code, then show the recovery codes exactly once.
 */
export function MfaSetup({ onEnabled }: { onEnabled: () => void }) {
  const translate = useTranslate();
  const [setup, setSetup] = useState<MfaSetupResponse | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setSetup(await accountApi.startMfaSetup());
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await accountApi.enableMfa(code.trim());
      setRecoveryCodes(result.recoveryCodes);
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  if (recoveryCodes) {
    return (
      <Stack spacing={2}>
        <Alert severity="success">{translate('lantern.mfa.on')}</Alert>
        <Typography>
          {translate('lantern.mfa.keepCodes')}
        </Typography>
        <Box component="ol" sx={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', columns: 2, m: 0, pl: 3 }} aria-label={translate('lantern.mfa.recoveryCodes')}>
          {recoveryCodes.map((recoveryCode) => (
            <li key={recoveryCode}>{recoveryCode}</li>
          ))}
        </Box>
        <Stack direction="row" spacing={1}>
          <Button
            variant="outlined"
            startIcon={<ContentCopyIcon />}
            onClick={() => void navigator.clipboard?.writeText(recoveryCodes.join('\n')).catch(() => undefined)}
          >
            {translate('lantern.mfa.copyCodes')}
          </Button>
          <Button variant="contained" onClick={onEnabled}>
            {translate('lantern.mfa.stored')}
          </Button>
        </Stack>
      </Stack>
    );
  }

  if (!setup) {
    return (
      <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
        {error && <Alert severity="error" role="alert">{error}</Alert>}
        <Typography>
          {translate('lantern.mfa.needApp')}
        </Typography>
        <Button variant="contained" onClick={() => void start()} disabled={busy}>
          {translate('lantern.mfa.setUp')}
        </Button>
      </Stack>
    );
  }

  return (
    <Stack spacing={2} component="form" onSubmit={(event: FormEvent) => void confirm(event)} noValidate>
      <List dense disablePadding sx={{ listStyle: 'decimal', pl: 3 }}>
        <ListItem sx={{ display: 'list-item' }}>{translate('lantern.mfa.step1')}</ListItem>
        <ListItem sx={{ display: 'list-item' }}>
          {translate('lantern.mfa.step2')}{' '}
          <Box component="code" data-testid="mfa-secret" sx={{ fontSize: '1.05rem', fontWeight: 600, letterSpacing: 1 }}>
            {groupInFours(setup.secret)}
          </Box>
        </ListItem>
        <ListItem sx={{ display: 'list-item' }}>{translate('lantern.mfa.step3')}</ListItem>
      </List>
      <TextField
        label={translate('lantern.mfa.setupLink')}
        value={setup.otpauthUri}
        slotProps={{ htmlInput: { readOnly: true } }}
        onFocus={(event) => event.target.select()}
        fullWidth
      />
      {error && <Alert severity="error" role="alert">{error}</Alert>}
      <TextField
        label={translate('lantern.login.totp')}
        value={code}
        onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
        slotProps={{ htmlInput: { inputMode: 'numeric', autoComplete: 'one-time-code', pattern: '[0-9]{6}' } }}
        sx={{ maxWidth: 240 }}
        required
      />
      <Box>
        <Button type="submit" variant="contained" disabled={busy || code.length !== 6}>
          {translate('lantern.mfa.turnOn')}
        </Button>
      </Box>
    </Stack>
  );
}
