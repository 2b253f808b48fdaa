import { Alert, Box, Button, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Loading, useNotify, useTranslate } from 'react-admin';
import { formatDateTime } from '../i18n/format';
import { toApiError } from '../providers/http';
import { accountApi } from './account-api';
import { describeDevice } from './describe-device';

export const SESSIONS_KEY = ['account', 'sessions'] as const;

/** Where the person is signed in (device, since, last active), each session but this one can be ended. */
export function AccountSessions() {
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
