import { Alert, Box, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import type { DemoMailResponse, MailDeliveryResponse, MailStatus, MailStatusResponse } from '@lantern/contracts';
import { useQuery } from '@tanstack/react-query';
import { Title, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/labels';
import { PageHeading } from '../common/PageHeading';
import { api, toApiError } from '../providers/http';
import { useSession } from '../providers/session';

const STATUS_COLOR: Record<MailStatus, 'default' | 'success' | 'error' | 'warning' | 'info'> = {
  pending: 'warning',
  sending: 'info',
  sent: 'success',
  failed: 'error',
  expired: 'default',
};

/** Demo mode: the mails Lantern kept instead of sending them. */
function DemoMailbox() {
  const translate = useTranslate();
  const mails = useQuery({ queryKey: ['mail', 'demo'], queryFn: () => api<DemoMailResponse[]>('/mail/demo-mailbox?range=[0,49]') });
  return (
    <Card component="section" aria-labelledby="demo-mail-heading">
      <CardContent>
        <Typography variant="h6" component="h2" id="demo-mail-heading">
          {translate('lantern.mail.demoTitle')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('lantern.mail.demoIntro')}
        </Typography>
        {(mails.data ?? []).length === 0 && <Typography>{translate('lantern.mail.none')}</Typography>}
        <Stack spacing={2}>
          {(mails.data ?? []).map((mail) => (
            <Box key={mail.id} component="article" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
              <Typography variant="subtitle1" component="h3">
                {mail.subject}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('lantern.mail.to', { to: mail.to ?? '—' })} · {formatDateTime(mail.sentAt)}
              </Typography>
              <Box component="pre" sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'inherit', m: 0, mt: 1 }}>
                {mail.text}
              </Box>
            </Box>
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}

/** Admins: how mail leaves Lantern, what waits, what failed (SMTP code, short reason), never a mail's text. */
export function MailPage() {
  const translate = useTranslate();
  const session = useSession();
  const status = useQuery({ queryKey: ['mail', 'status'], queryFn: () => api<MailStatusResponse>('/mail/status') });
  const deliveries = useQuery({ queryKey: ['mail', 'deliveries'], queryFn: () => api<MailDeliveryResponse[]>('/mail/deliveries?range=[0,99]') });
  const error = status.error ?? deliveries.error;
  return (
    <Box sx={{ py: 2 }}>
      <Title title="lantern.mail.title" />
      <PageHeading title="lantern.mail.title" />
      <Stack spacing={2}>
        {error && <Alert severity="error">{toApiError(error).message}</Alert>}
        {status.data && (
          <Alert severity={status.data.transport === 'none' || status.data.failed > 0 ? 'warning' : 'info'}>
            {translate(`lantern.mail.transport.${status.data.transport}`)}{' '}
            {translate('lantern.mail.counts', { pending: status.data.pending, failed: status.data.failed, sent: status.data.last24h.sent, retry: status.data.last24h.retry })}
          </Alert>
        )}
        {session?.me.demo && <DemoMailbox />}
        <Card component="section" aria-labelledby="deliveries-heading">
          <CardContent>
            <Typography variant="h6" component="h2" id="deliveries-heading">
              {translate('lantern.mail.deliveries')}
            </Typography>
          </CardContent>
          <TableContainer>
            <Table size="small" aria-labelledby="deliveries-heading">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('lantern.mail.kind')}</TableCell>
                  <TableCell>{translate('lantern.mail.recipient')}</TableCell>
                  <TableCell>{translate('lantern.accounts.status')}</TableCell>
                  <TableCell>{translate('lantern.mail.attempts')}</TableCell>
                  <TableCell>{translate('lantern.mail.lastError')}</TableCell>
                  <TableCell>{translate('lantern.mail.when')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(deliveries.data ?? []).map((d) => (
                  <TableRow key={d.id}>
                    <TableCell>{translate(`lantern.mail.kinds.${d.template}`, { _: d.template })}</TableCell>
                    <TableCell sx={{ wordBreak: 'break-all' }}>{d.to ?? '—'}</TableCell>
                    <TableCell>
                      <Chip size="small" color={STATUS_COLOR[d.status]} label={translate(`lantern.mail.statuses.${d.status}`)} />
                    </TableCell>
                    <TableCell>{d.attempts}</TableCell>
                    <TableCell>{d.lastError ? `${d.lastResponseCode ?? ''} ${d.lastError}`.trim() : '—'}</TableCell>
                    <TableCell>{formatDateTime(d.sentAt ?? d.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </Card>
      </Stack>
    </Box>
  );
}
