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
import { Confirm, Loading, Title, useNotify, useTranslate } from 'react-admin';
import { ROLE_LABELS } from '../common/choices';
import { formatDateTime } from '../i18n/format';
import { LanguageToggle } from '../i18n/language';
import { toApiError } from '../providers/http';
import { loadSession, useSession } from '../providers/session';
import { accountApi } from './account-api';
import { describeDevice } from './describe-device';
import { MfaSetup } from './MfaSetup';
import { ReminderPreferences } from './ReminderPreferences';
import { CalendarFeedSection } from '../appointments/CalendarFeedSection';
import { PageHeading } from '../common/PageHeading';

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

function TwoStepVerification({ enabled }: { enabled: boolean }) {
  const notify = useNotify();
  const translate = useTranslate();
  const [confirming, setConfirming] = useState(false);
  const disable = useMutation({
    mutationFn: accountApi.disableMfa,
    onSuccess: async () => {
      setConfirming(false);
      notify('lantern.account.mfaOff', { type: 'info' });
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
      <Chip label={translate('lantern.account.on')} color="success" />
      <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
        {translate('lantern.account.mfaOnText')}
      </Typography>
      <Button color="error" variant="outlined" onClick={() => setConfirming(true)}>
        {translate('lantern.account.turnOff')}
      </Button>
      <Confirm
        isOpen={confirming}
        loading={disable.isPending}
        title="lantern.account.turnOffTitle"
        content="lantern.account.turnOffText"
        confirm="lantern.account.turnOff"
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
  const translate = useTranslate();
  const sessions = useQuery({ queryKey: SESSIONS_KEY, queryFn: accountApi.sessions });
  const end = useMutation({
    mutationFn: accountApi.endSession,
    onSuccess: () => {
      notify('lantern.account.sessionEnded', { type: 'info' });
      void queryClient.invalidateQueries({ queryKey: SESSIONS_KEY });
    },
    onError: (caught) => notify(toApiError(caught).message, { type: 'error' }),
  });

  if (sessions.isPending) return <Loading />;
  if (sessions.error) return <Alert severity="error">{toApiError(sessions.error).message}</Alert>;
  return (
    // Wider than a phone: the table scrolls within its own box, not the page.
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={translate('lantern.account.sessions')}>
        <TableHead>
          <TableRow>
            <TableCell>{translate('lantern.account.device')}</TableCell>
            <TableCell>{translate('lantern.account.signedIn')}</TableCell>
            <TableCell>{translate('lantern.account.lastActive')}</TableCell>
            <TableCell>{translate('lantern.account.endsAtLatest')}</TableCell>
            <TableCell align="right">
              <Box component="span" sx={visuallyHidden}>
                {translate('lantern.account.action')}
              </Box>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {sessions.data.map((session) => (
            <TableRow key={session.id}>
              <TableCell>{describeDevice(session.userAgent)}</TableCell>
              <TableCell>{formatDateTime(session.createdAt)}</TableCell>
              <TableCell>{formatDateTime(session.lastSeenAt)}</TableCell>
              <TableCell>{formatDateTime(session.expiresAt)}</TableCell>
              <TableCell align="right">
                {session.current ? (
                  <Chip size="small" label={translate('lantern.account.thisBrowser')} />
                ) : (
                  <Button
                    size="small"
                    color="error"
                    onClick={() => end.mutate(session.id)}
                    disabled={end.isPending}
                    aria-label={translate('lantern.account.endSession', { device: describeDevice(session.userAgent), when: formatDateTime(session.createdAt) })}
                  >
                    {translate('lantern.account.end')}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
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
  const translate = useTranslate();
  if (!session) return <Loading />;
  const { user, mfaEnabled } = session.me;
  return (
    <Box sx={{ py: 2 }}>
      <Title title={translate('lantern.menu.account')} />
      <PageHeading title="lantern.menu.account" />
      <Stack spacing={2} sx={{ maxWidth: 960 }}>
        <Section title={user.displayName}>
          <Typography>{user.email}</Typography>
          <Typography color="text.secondary">{ROLE_LABELS[user.role]}</Typography>
        </Section>
        <Section title={translate('lantern.language.label')} description={translate('lantern.account.languageText')}>
          <LanguageToggle size="medium" />
        </Section>
        <Section title={translate('lantern.account.password')}>
          <ChangePassword />
        </Section>
        <Section
          title={translate('lantern.login.twoStep')}
          description={translate('lantern.account.mfaText')}
        >
          <TwoStepVerification enabled={mfaEnabled} />
        </Section>
        <Section
          title={translate('lantern.account.whereSignedIn')}
          description={translate('lantern.account.whereSignedInText')}
        >
          <Sessions />
        </Section>
        <ReminderPreferences />
        <CalendarFeedSection />
      </Stack>
    </Box>
  );
}
