import { Card, CardContent, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { loadSession } from '../providers/session';
import { MfaSetup } from './MfaSetup';

/** Admins outside demo mode must enrol a second factor before anything else (the API refuses the rest). */
export function MfaEnrolmentRequired() {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2, maxWidth: 720 }}>
      <Title title={translate('lantern.login.twoStep')} />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          {translate('lantern.mfa.setUp')}
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          {translate('lantern.mfa.adminsMust')}
        </Typography>
        <MfaSetup onEnabled={() => void loadSession({ force: true }).catch(() => undefined)} />
      </CardContent>
    </Card>
  );
}
