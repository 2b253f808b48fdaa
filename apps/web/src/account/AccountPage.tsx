import { Box, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Confirm, Loading, Title, useNotify, useTranslate } from 'react-admin';
import { ROLE_LABELS } from '../common/choices';
import { LanguageToggle } from '../i18n/language';
import { toApiError } from '../providers/http';
import { loadSession, useSession } from '../providers/session';
import { accountApi } from './account-api';
import { AccountSessions } from './AccountSessions';
import { ChangePassword } from './ChangePassword';
import { MfaSetup } from './MfaSetup';
import { ReminderPreferences } from './ReminderPreferences';
import { CalendarFeedSection } from '../appointments/CalendarFeedSection';
import { PageHeading } from '../common/PageHeading';

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
          <AccountSessions />
        </Section>
        <ReminderPreferences />
        <CalendarFeedSection />
      </Stack>
    </Box>
  );
}
