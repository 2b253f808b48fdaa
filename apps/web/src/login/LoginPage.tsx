import { Alert, Box, Button, Card, CardContent, Link, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslate } from 'react-admin';
import { LanguageToggle } from '../i18n/language';
import { LanternMark } from '../layout/LanternMark';
import { QuickExitButton, QuickExitSpace } from '../layout/QuickExitButton';
import type { LoginParams } from '../providers/auth-provider';
import { toApiError } from '../providers/http';
import { isKnownSignedOut } from '../providers/session';

type Step = 'password' | 'totp' | 'recovery';

const STEP_HINT: Record<Exclude<Step, 'password'>, string> = {
  totp: 'lantern.login.totpHint',
  recovery: 'lantern.login.recoveryHint',
};

/**
 * What signing in does where the page is shown: before the app has loaded (boot/SignInShell.tsx, which
 * loads it once signed in) or inside it after a session ended (login/AdminSignIn.tsx, react-admin's
 * login, which goes back to the page the person was on).
 */
export interface SignInActions {
  login: (params: LoginParams) => Promise<unknown>;
  /** Goes in when a session is live already (signed in in another tab); rejects otherwise. */
  enterIfSignedIn: () => Promise<unknown>;
  /** Why the person is asked to sign in (a session that ended), if there is something to say. */
  notice?: string | null;
}

/**
 * Sign-in: e-mail and password, then (where enrolled) a code from the authenticator app.
 * `onForgotPassword`: the "Forgot password?" link (login/SignInOrLink.tsx).
 */
export function LoginPage({ onForgotPassword, login, enterIfSignedIn, notice }: SignInActions & { onForgotPassword?: () => void }) {
  const translate = useTranslate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<Step>('password');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);

  // Someone already signed in (in another tab) goes straight in.
  useEffect(() => {
    if (isKnownSignedOut()) return;
    enterIfSignedIn().catch(() => undefined);
  }, [enterIfSignedIn]);

  useEffect(() => {
    if (step !== 'password') codeInput.current?.focus();
  }, [step]);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(null);
    setFieldErrors({});
    const missing: Record<string, string> = {};
    if (step === 'password' && !email.trim()) missing.email = translate('lantern.login.emailMissing');
    if (step === 'password' && !password) missing.password = translate('lantern.login.passwordMissing');
    if (step !== 'password' && !code.trim()) missing.code = translate(step === 'totp' ? 'lantern.login.totpMissing' : 'lantern.login.recoveryMissing');
    if (Object.keys(missing).length > 0) {
      setFieldErrors(missing);
      return;
    }
    setBusy(true);
    const params: LoginParams = { email, password };
    if (step === 'totp') params.totp = code.trim();
    if (step === 'recovery') params.recoveryCode = code.trim();
    try {
      await login(params);
    } catch (caught) {
      const apiError = toApiError(caught);
      if (apiError.code === 'AUTH_MFA_REQUIRED') {
        setStep((current) => (current === 'password' ? 'totp' : current));
        if (step !== 'password') setError(apiError.message);
      } else {
        setError(apiError.message);
        const fields = apiError.body.fieldErrors;
        setFieldErrors(
          Object.fromEntries(
            Object.entries(fields).map(([field, messages]) => [
              field === 'totp' || field === 'recoveryCode' ? 'code' : field,
              messages.join('; '),
            ]),
          ),
        );
      }
      if (apiError.code === 'AUTH_MFA_INVALID') setCode('');
    } finally {
      setBusy(false);
    }
  };

  const restart = (): void => {
    setStep('password');
    setCode('');
    setPassword('');
    setError(null);
  };

  return (
    <Box
      component="main"
      sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column', bgcolor: 'background.default' }}
    >
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', alignItems: 'center', gap: 1, p: 2 }}>
        <LanguageToggle />
        {/* Pinned where its space is (16 px from the top and right edges, in a 63 px band), over whatever scrolls. */}
        <QuickExitSpace />
        <QuickExitButton band={63} inset={16} />
      </Box>
      <Box sx={{ flex: 1, display: 'flex', alignItems: 'flex-start', justifyContent: 'center', px: 2, pt: { xs: 2, sm: 6 } }}>
        <Card sx={{ width: '100%', maxWidth: 420 }}>
          <CardContent sx={{ p: 4 }}>
            <Stack direction="row" spacing={1.5} sx={{ mb: 3, alignItems: 'center' }}>
              <LanternMark size={36} />
              <Box>
                <Typography variant="h5" component="h1">
                  Lantern
                </Typography>
                <Typography variant="body2" color="text.secondary">
                  {translate('lantern.login.tagline')}
                </Typography>
              </Box>
            </Stack>
            <form onSubmit={(event) => void submit(event)} noValidate aria-describedby={error ? 'login-error' : undefined}>
              <Stack spacing={2}>
                <Typography variant="h6" component="h2">
                  {translate(step === 'password' ? 'lantern.login.signIn' : 'lantern.login.twoStep')}
                </Typography>
                {notice && !error && <Alert severity="info">{notice}</Alert>}
                {error && (
                  <Alert severity="error" id="login-error" role="alert">
                    {error}
                  </Alert>
                )}
                {step === 'password' ? (
                  <>
                    <TextField
                      label={translate('lantern.login.email')}
                      type="email"
                      name="email"
                      autoComplete="username"
                      value={email}
                      onChange={(event) => setEmail(event.target.value)}
                      error={Boolean(fieldErrors.email)}
                      helperText={fieldErrors.email}
                      required
                      autoFocus
                      fullWidth
                      variant="outlined"
                      size="medium"
                    />
                    <TextField
                      label={translate('lantern.login.password')}
                      type="password"
                      name="password"
                      autoComplete="current-password"
                      value={password}
                      onChange={(event) => setPassword(event.target.value)}
                      error={Boolean(fieldErrors.password)}
                      helperText={fieldErrors.password}
                      required
                      fullWidth
                      variant="outlined"
                      size="medium"
                    />
                  </>
                ) : (
                  <>
                    <Typography variant="body2">{translate(STEP_HINT[step])}</Typography>
                    <TextField
                      inputRef={codeInput}
                      label={translate(step === 'totp' ? 'lantern.login.totp' : 'lantern.login.recovery')}
                      name={step === 'totp' ? 'totp' : 'recoveryCode'}
                      value={code}
                      onChange={(event) =>
                        setCode(step === 'totp' ? event.target.value.replace(/\D/g, '').slice(0, 6) : event.target.value)
                      }
                      slotProps={{
                        htmlInput:
                          step === 'totp'
                            ? { inputMode: 'numeric', autoComplete: 'one-time-code', pattern: '[0-9]{6}' }
                            : { autoComplete: 'off', spellCheck: false },
                      }}
                      error={Boolean(fieldErrors.code)}
                      helperText={fieldErrors.code}
                      required
                      fullWidth
                      variant="outlined"
                      size="medium"
                    />
                    <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
                      <Link
                        component="button"
                        type="button"
                        variant="body2"
                        onClick={() => {
                          setStep(step === 'totp' ? 'recovery' : 'totp');
                          setCode('');
                          setError(null);
                        }}
                      >
                        {translate(step === 'totp' ? 'lantern.login.useRecovery' : 'lantern.login.useTotp')}
                      </Link>
                      <Link component="button" type="button" variant="body2" onClick={restart}>
                        {translate('lantern.login.startAgain')}
                      </Link>
                    </Stack>
                  </>
                )}
                <Button
                  type="submit"
                  variant="contained"
                  size="large"
                  disabled={busy}
                  fullWidth
                >
                  {translate(busy ? 'lantern.login.signingIn' : step === 'password' ? 'lantern.login.signIn' : 'lantern.login.verify')}
                </Button>
                {step === 'password' && onForgotPassword && (
                  <Link component="button" type="button" variant="body2" onClick={onForgotPassword} sx={{ alignSelf: 'flex-start' }}>
                    {translate('lantern.accounts.forgotLink')}
                  </Link>
                )}
              </Stack>
            </form>
          </CardContent>
        </Card>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ textAlign: 'center', p: 3 }}>
        {translate('lantern.login.quickExitHint')}
      </Typography>
    </Box>
  );
}
