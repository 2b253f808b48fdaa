import { ROLE_LABELS } from '@lantern/contracts';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Chip,
  FormControlLabel,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@lantern/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Confirm, Loading, Title, useNotify } from 'react-admin';
import { toApiError } from '../providers/http';
import { loadSession, useSession } from '../providers/session';
import { accountApi } from './account-api';
import { describeDevice } from './describe-device';
import { MfaSetup } from './MfaSetup';

const SESSIONS_KEY = ['account', 'sessions'] as const;

function Section({ title, children, description }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card component="section" aria-label={title}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {title}
        </Typography>
        {description && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {description}
          </Typography>
        )}
        {children}
      </CardContent>
    </Card>
  );
}

function ChangePassword() {
  const queryClient = useQueryClient();
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
      {done && <Alert severity="success">Your password was changed.</Alert>}
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(event) => setCurrentPassword(event.target.value)}
        error={Boolean(fieldErrors.currentPassword)}
        helperText={fieldErrors.currentPassword}
        required
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={newPassword}
        onChange={(event) => setNewPassword(event.target.value.slice(0, PASSWORD_MAX_LENGTH * 4))}
        error={tooShort || Boolean(fieldErrors.newPassword)}
        helperText={
          fieldErrors.newPassword ??
          `At least ${PASSWORD_MIN_LENGTH} characters (at most ${PASSWORD_MAX_LENGTH}). A few unrelated words make a strong, memorable password.`
        }
        required
      />
      <TextField
        label="New password again"
        type="password"
        autoComplete="new-password"
        value={repeat}
        onChange={(event) => setRepeat(event.target.value)}
        error={mismatch}
        helperText={mismatch ? 'The two passwords are not the same' : ' '}
        required
      />
      <FormControlLabel
        control={<Checkbox checked={endOtherSessions} onChange={(event) => setEndOtherSessions(event.target.checked)} />}
        label="Sign out everywhere else"
      />
      <Box>
        <Button
          type="submit"
          variant="contained"
          disabled={change.isPending || !currentPassword || newPassword.length < PASSWORD_MIN_LENGTH || repeat !== newPassword}
        >
          Change password
        </Button>
      </Box>
    </Stack>
  );
}

function TwoStepVerification({ enabled }: { enabled: boolean }) {
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const disable = useMutation({
    mutationFn: accountApi.disableMfa,
    onSuccess: async () => {
      setConfirming(false);
      notify('Two-step verification is off.', { type: 'info' });
      await loadSession({ force: true });
    },
    onError: (caught) => {
      setConfirming(false);
      notify(toApiError(caught).message, { type: 'error' });
    },
  });
  const refresh = (): void => void loadSession({ force: true }).catch(() => undefined);

  if (!enabled) return <MfaSetup onEnabled={refresh} />;
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      <Chip label="On" color="success" />
      <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
        Each sign-in asks for a code from your authenticator app.
      </Typography>
      <Button color="error" variant="outlined" onClick={() => setConfirming(true)}>
        Turn off
      </Button>
      <Confirm
        isOpen={confirming}
        loading={disable.isPending}
        title="Turn off two-step verification?"
        content="Anyone who learns your password could then sign in as you."
        confirm="Turn off"
        confirmColor="warning"
        onConfirm={() => disable.mutate()}
        onClose={() => setConfirming(false)}
      />
    </Stack>
  );
}

function Sessions() {
  const queryClient = useQueryClient();
  const notify = useNotify();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: accountApi.sessions });
  const end = useMutation({
    mutationFn: accountApi.endSession,
    onSuccess: () => {
      notify('That session was ended.', { type: 'info' });
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
    onError: (caught) => notify(toApiError(caught).message, { type: 'error' }),
  });

  if (sessions.isPending) return <Loading />;
  if (sessions.error) return <Alert severity="error">{toApiError(sessions.error).message}</Alert>;
  return (
    <Table size="small" aria-label="Your sessions">
      <TableHead>
        <TableRow>
          <TableCell>Device</TableCell>
          <TableCell>Signed in</TableCell>
          <TableCell>Last active</TableCell>
          <TableCell>Ends at the latest</TableCell>
          <TableCell align="right">
            <Box component="span" sx={visuallyHidden}>
              Action
            </Box>
          </TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sessions.data.map((session) => (
          <TableRow key={session.id}>
            <TableCell>{describeDevice(session.userAgent)}</TableCell>
            <TableCell>{new Date(session.createdAt).toLocaleString()}</TableCell>
            <TableCell>{new Date(session.lastSeenAt).toLocaleString()}</TableCell>
            <TableCell>{new Date(session.expiresAt).toLocaleString()}</TableCell>
            <TableCell align="right">
              {session.current ? (
                <Chip size="small" label="This browser" />
              ) : (
                <Button
                  size="small"
                  color="error"
                  onClick={() => end.mutate(session.id)}
                  disabled={end.isPending}
                  aria-label={`End the session of ${describeDevice(session.userAgent)}, signed in ${new Date(session.createdAt).toLocaleString()}`}
                >
                  End
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/** The signed-in person's own account: password, second factor, sessions. */
export function AccountPage() {
  const session = useSession();
  if (!session) return <Loading />;
  const { user, mfaEnabled } = session.me;
  return (
    <Box sx={{ py: 2 }}>
      <Title title="My account" />
      <Stack spacing={2} sx={{ maxWidth: 960 }}>
        <Section title={user.displayName}>
          <Typography>{user.email}</Typography>
          <Typography color="text.secondary">{ROLE_LABELS[user.role]}</Typography>
        </Section>
        <Section title="Password">
          <ChangePassword />
        </Section>
        <Section
          title="Two-step verification"
          description="A code from an app on your phone, asked at each sign-in, keeps your account safe even if your password leaks."
        >
          <TwoStepVerification enabled={mfaEnabled} />
        </Section>
        <Section
          title="Where you are signed in"
          description="End any session you do not recognise, or one on a computer you no longer use."
        >
          <Sessions />
        </Section>
      </Stack>
    </Box>
  );
}
