import { Alert, Box, Button, Card, CardContent, Link, Stack, TextField, Typography } from '@mui/material';
import type { InvitationPreviewResponse, MeResponse } from '@lantern/contracts';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { MfaSetup } from '../account/MfaSetup';
import { ROLE_LABELS } from '../common/choices';
import { LanternMark } from '../layout/LanternMark';
import { QuickExitButton, QuickExitSpace } from '../layout/QuickExitButton';
import { api, toApiError } from '../providers/http';
import { setSession } from '../providers/session';
import { forgetLinkToken, type LinkToken } from './link-token';

/** The sign-in page's frame: Quick Exit pinned top right, one card. */
export function AccountFrame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 1, p: 2 }}>
        <QuickExitSpace />
        <QuickExitButton band={63} inset={16} />
      </Box>
      <Box sx={{ flex: 1, display: 'flex', alignItems: 'flex-start', justifyContent: 'center', px: 2, pt: { xs: 2, sm: 6 } }}>
        <Card sx={{ width: '100%', maxWidth: 480 }}>
          <CardContent sx={{ p: { xs: 2.5, sm: 4 } }}>
            <Stack direction="row" spacing={1.5} sx={{ mb: 3, alignItems: 'center' }}>
              <LanternMark size={36} />
              <Typography variant="h5" component="h1">
                {title}
              </Typography>
            </Stack>
            {children}
          </CardContent>
        </Card>
      </Box>
    </Box>
  );
}

/** A link that is used, replaced, revoked or expired: say so plainly, change nothing. */
function DeadLink({ onSignIn, kind }: { onSignIn: () => void; kind: LinkToken['kind'] }) {
  const translate = useTranslate();
  return (
    <Stack spacing={2}>
      <Alert severity="warning" role="alert">
        {translate('lantern.accounts.deadLink')}
      </Alert>
      <Typography>{translate(kind === 'invitation' ? 'lantern.accounts.deadInvitation' : 'lantern.accounts.deadReset')}</Typography>
      <Button variant="contained" onClick={onSignIn}>
        {translate('lantern.accounts.toSignIn')}
      </Button>
    </Stack>
  );
}

function PasswordFields({
  password,
  repeat,
  setPassword,
  setRepeat,
  error,
  email,
}: {
  password: string;
  repeat: string;
  setPassword: (value: string) => void;
  setRepeat: (value: string) => void;
  error: string | undefined;
  email: string;
}) {
  const translate = useTranslate();
  return (
    <>
      {/* For password managers: the account this password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        label={translate('lantern.accounts.newPassword')}
        type="password"
        name="new-password"
        autoComplete="new-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={Boolean(error)}
        helperText={error ?? translate('lantern.accounts.passwordHint')}
        required
        fullWidth
        autoFocus
      />
      <TextField
        label={translate('lantern.accounts.repeatPassword')}
        type="password"
        name="repeat-password"
        autoComplete="new-password"
        value={repeat}
        onChange={(event) => setRepeat(event.target.value)}
        required
        fullWidth
      />
    </>
  );
}

type Loaded<T> = { state: 'loading' } | { state: 'dead' } | { state: 'ready'; value: T };

function usePreview<T>(path: string, token: string): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    api<T>(path, { method: 'POST', body: { token } })
      .then((value) => live && setLoaded({ state: 'ready', value }))
      .catch(() => live && setLoaded({ state: 'dead' }));
    return () => {
      live = false;
    };
  }, [path, token]);
  return loaded;
}

/** An invitation: choose a password (the account is created and signed in), then set up two-step verification. */
export function InvitationPage({ token, onDone }: { token: string; onDone: () => void }) {
  const translate = useTranslate();
  const preview = usePreview<InvitationPreviewResponse>('/accounts/invitations/preview', token);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [accepted, setAccepted] = useState(false);
  const [dead, setDead] = useState(false);

  const leave = (): void => {
    forgetLinkToken();
    onDone();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    setFieldError(undefined);
    if (password !== repeat) {
      setFieldError(translate('lantern.accounts.mismatch'));
      return;
    }
    setBusy(true);
    try {
      setSession(await api<MeResponse>('/accounts/invitations/accept', { method: 'POST', body: { token, password } }));
      forgetLinkToken();
      setAccepted(true);
    } catch (caught) {
      const apiError = toApiError(caught);
      if (apiError.code === 'LINK_INVALID') setDead(true);
      setError(apiError.message);
      setFieldError(apiError.body.fieldErrors.password?.join('; '));
    } finally {
      setBusy(false);
    }
  };

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
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [dead, setDead] = useState(false);

  const leave = (): void => {
    forgetLinkToken();
    onDone();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    setFieldError(undefined);
    if (password !== repeat) {
      setFieldError(translate('lantern.accounts.mismatch'));
      return;
    }
    setBusy(true);
    try {
      await api('/accounts/password-reset/complete', { method: 'POST', body: { token, password } });
      forgetLinkToken();
      setDone(true);
    } catch (caught) {
      const apiError = toApiError(caught);
      if (apiError.code === 'LINK_INVALID') setDead(true);
      setError(apiError.message);
      setFieldError(apiError.body.fieldErrors.password?.join('; '));
    } finally {
      setBusy(false);
    }
  };

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
