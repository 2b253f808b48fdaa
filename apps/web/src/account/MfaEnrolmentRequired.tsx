import { Card, CardContent, Typography } from '@mui/material';
import { Title } from 'react-admin';
import { loadSession } from '../providers/session';
import { MfaSetup } from './MfaSetup';

/** Admins outside demo mode must enrol a second factor before anything else (the API refuses the rest). */
export function MfaEnrolmentRequired() {
  return (
    <Card sx={{ mt: 2, maxWidth: 720 }}>
      <Title title="Two-step verification" />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          Set up two-step verification
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          Administrators can change who sees what in Lantern, so a password alone is not enough. Set up a second step
          now; you will need it each time you sign in.
        </Typography>
        <MfaSetup onEnabled={() => void loadSession({ force: true }).catch(() => undefined)} />
      </CardContent>
    </Card>
  );
}
