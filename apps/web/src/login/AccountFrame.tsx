import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { LanternMark } from '../layout/LanternMark';
import { QuickExitButton, QuickExitSpace } from '../layout/QuickExitButton';
import type { LinkToken } from './link-token';

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
export function DeadLink({ onSignIn, kind }: { onSignIn: () => void; kind: LinkToken['kind'] }) {
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

/** A new password, typed twice. */
export function PasswordFields({
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
