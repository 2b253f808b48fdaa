import { Alert, Button, Link, Stack, TextField, Typography } from '@mui/material';
import type { InvitationPreviewResponse, MeResponse } from '@lantern/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { MfaSetup } from '../account/MfaSetup';
import { ROLE_LABELS } from '../common/choices';
import { api, toApiError } from '../providers/http';
import { setSession } from '../providers/session';
import { AccountFrame, DeadLink, PasswordFields } from './AccountFrame';
import { useLinkPassword, usePreview } from './use-link-password';

/** An invitation: choose a password (the account is created and signed in), then set up two-step verification. */
export function InvitationPage({ token, onDone }: { token: string; onDone: () => void }) {
  const translate = useTranslate();
  const preview = usePreview<InvitationPreviewResponse>('/accounts/invitations/preview', token);
  const [accepted, setAccepted] = useState(false);
  const { password, setPassword, repeat, setRepeat, error, fieldError, busy, dead, leave, submit } = useLinkPassword({
    onDone,
    complete: async (password) => {
      setSession(await api<MeResponse>('/accounts/invitations/accept', { method: 'POST', body: { token, password } }));
      setAccepted(true);
    },
  });

  if (preview.state === 'loading') return <AccountFrame title={translate('lantern.accounts.invitationTitle')}>{translate('lantern.accounts.checking')}</AccountFrame>;
  if (preview.state === 'dead' || dead) {
    return (
      <AccountFrame title={translate('lantern.accounts.invitationTitle')}>
        <DeadLink kind="invitation" onSignIn={leave} />
      </AccountFrame>
    );
  }
  const invitation = preview.value;
  if (accepted) {
    return (
      <AccountFrame title={translate('lantern.accounts.twoStepTitle')}>
        <Stack spacing={2}>
          <Alert severity="success">{translate('lantern.accounts.accountReady')}</Alert>
          <Typography color="text.secondary">
            {translate(invitation.mfaRequired ? 'lantern.mfa.adminsMust' : 'lantern.accounts.twoStepRecommended')}
          </Typography>
          <MfaSetup onEnabled={onDone} />
          {!invitation.mfaRequired && (
            <Link component="button" type="button" variant="body2" onClick={onDone} sx={{ alignSelf: 'flex-start' }}>
              {translate('lantern.accounts.later')}
            </Link>
          )}
        </Stack>
      </AccountFrame>
    );
  }
  return (
    <AccountFrame title={translate('lantern.accounts.invitationTitle')}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack spacing={2}>
          <Typography>
            {translate('lantern.accounts.invitedAs', { email: invitation.email, role: ROLE_LABELS[invitation.role] })}
          </Typography>
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
          <PasswordFields password={password} repeat={repeat} setPassword={setPassword} setRepeat={setRepeat} error={fieldError} email={invitation.email} />
          <Button type="submit" variant="contained" size="large" disabled={busy || !password} fullWidth>
            {translate('lantern.accounts.createAccount')}
          </Button>
        </Stack>
      </form>
    </AccountFrame>
  );
}

/** A password-reset link: choose a new password; every session of the account ends. */
export function ResetPasswordPage({ token, onDone }: { token: string; onDone: () => void }) {
  const translate = useTranslate();
  const preview = usePreview<{ email: string }>('/accounts/password-reset/preview', token);
  const [done, setDone] = useState(false);
  const { password, setPassword, repeat, setRepeat, error, fieldError, busy, dead, leave, submit } = useLinkPassword({
    onDone,
    complete: async (password) => {
      await api('/accounts/password-reset/complete', { method: 'POST', body: { token, password } });
      setDone(true);
    },
  });

  const title = translate('lantern.accounts.resetTitle');
  if (preview.state === 'loading') return <AccountFrame title={title}>{translate('lantern.accounts.checking')}</AccountFrame>;
  if (preview.state === 'dead' || dead) {
    return (
      <AccountFrame title={title}>
        <DeadLink kind="reset" onSignIn={leave} />
      </AccountFrame>
    );
  }
  if (done) {
    return (
      <AccountFrame title={title}>
        <Stack spacing={2}>
          <Alert severity="success" role="status">
            {translate('lantern.accounts.resetDone')}
          </Alert>
          <Button variant="contained" onClick={onDone}>
            {translate('lantern.accounts.toSignIn')}
          </Button>
        </Stack>
      </AccountFrame>
    );
  }
  return (
    <AccountFrame title={title}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack spacing={2}>
          <Typography>{translate('lantern.accounts.resetFor', { email: preview.value.email })}</Typography>
          {error && (
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          )}
          <PasswordFields password={password} repeat={repeat} setPassword={setPassword} setRepeat={setRepeat} error={fieldError} email={preview.value.email} />
          <Button type="submit" variant="contained" size="large" disabled={busy || !password} fullWidth>
            {translate('lantern.accounts.setPassword')}
          </Button>
        </Stack>
      </form>
    </AccountFrame>
  );
}

/** "Forgot password?": the same answer whatever the address (the API does not say whether it has an account). */
export function ForgotPasswordPage({ onBack }: { onBack: () => void }) {
  const translate = useTranslate();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    if (!email.trim()) {
      setError(translate('lantern.login.emailMissing'));
      return;
    }
    setBusy(true);
    try {
      await api('/accounts/password-reset', { method: 'POST', body: { email: email.trim() } });
      setSent(true);
    } catch (caught) {
      setError(toApiError(caught).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AccountFrame title={translate('lantern.accounts.forgotTitle')}>
      {sent ? (
        <Stack spacing={2}>
          <Alert severity="info" role="status">
            {translate('lantern.accounts.forgotSent')}
          </Alert>
          <Button variant="contained" onClick={onBack}>
            {translate('lantern.accounts.toSignIn')}
          </Button>
        </Stack>
      ) : (
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Stack spacing={2}>
            <Typography>{translate('lantern.accounts.forgotIntro')}</Typography>
            {error && (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            )}
            <TextField
              label={translate('lantern.login.email')}
              type="email"
              name="email"
              autoComplete="username"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              required
              autoFocus
              fullWidth
            />
            <Button type="submit" variant="contained" size="large" disabled={busy} fullWidth>
              {translate('lantern.accounts.sendLink')}
            </Button>
            <Link component="button" type="button" variant="body2" onClick={onBack} sx={{ alignSelf: 'flex-start' }}>
              {translate('lantern.accounts.toSignIn')}
            </Link>
          </Stack>
        </form>
      )}
    </AccountFrame>
  );
}
