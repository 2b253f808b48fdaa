import type { ErasureRequestResponse } from '@lantern/contracts';
import { Alert, Box, Button, Card, CardContent, Chip, Stack, TextField, Typography } from '@mui/material';
import { useId, useState } from 'react';
import { useTranslate } from 'react-admin';
import { formatDateTime } from '../i18n/format';
import { useSession } from '../providers/session';
import { CaseReasonForm } from './CaseReasonForm';
import { useErasureRequests, useRetentionChange } from './retention-api';

const STATUS_COLOR = { pending: 'warning', completed: 'success', rejected: 'default' } as const;

/**
 * Erasure on request (issue 16): an admin asks, naming one of her case numbers and why; a second admin
 * approves or rejects. The requester sees no Approve button on her own request (the API refuses it too).
 */
export function ErasureRequests() {
  const translate = useTranslate();
  const headingId = useId();
  const me = useSession()?.me.user.id;
  const requests = useErasureRequests();

  return (
    <Card component="section" aria-labelledby={headingId}>
      <CardContent>
        <Typography variant="h6" component="h2" id={headingId}>
          {translate('lantern.retention.erasure.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('lantern.retention.erasure.intro')}
        </Typography>
        <CaseReasonForm
          path="/retention/erasure-requests"
          success="lantern.retention.erasure.requested"
          submitLabel={translate('lantern.retention.erasure.request')}
          submitColor="error"
          reasonHelp={translate('lantern.retention.erasure.reasonHelp')}
          orSurvivorId
        />
        {requests.error && <Alert severity="error">{translate('lantern.retention.loadFailed')}</Alert>}
        {requests.data?.length === 0 && <Typography>{translate('lantern.retention.erasure.none')}</Typography>}
        <Stack component="ul" spacing={2} sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={translate('lantern.retention.erasure.listLabel')}>
          {(requests.data ?? []).map((request) => (
            <ErasureRequestItem key={request.id} request={request} own={request.requestedBy === me} />
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}

function ErasureRequestItem({ request, own }: { request: ErasureRequestResponse; own: boolean }) {
  const translate = useTranslate();
  const [note, setNote] = useState('');
  const decide = useRetentionChange<{ action: 'approve' | 'reject' }>((input) => `/retention/erasure-requests/${request.id}/${input.action}`, 'POST', 'lantern.retention.erasure.decided');
  const cases = request.caseNumbers.join(', ') || translate('lantern.retention.erasure.noCase');
  return (
    <Box component="li" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }} data-request={request.id}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="subtitle1" component="h3" sx={{ wordBreak: 'break-word' }}>
          {cases}
        </Typography>
        <Chip size="small" color={STATUS_COLOR[request.status]} label={translate(`lantern.retention.erasure.status.${request.status}`)} />
      </Stack>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5, m: 0, '& dd': { m: 0, wordBreak: 'break-word' } }}>
        <dt>{translate('lantern.retention.erasure.requestedBy')}</dt>
        <dd>
          {request.requestedByName ?? '—'}, {formatDateTime(request.requestedAt)}
        </dd>
        <dt>{translate('lantern.retention.reason')}</dt>
        <dd>{request.reason}</dd>
        {request.decidedAt && (
          <>
            <dt>{translate('lantern.retention.erasure.decidedBy')}</dt>
            <dd>
              {request.decidedByName ?? '—'}, {formatDateTime(request.decidedAt)}
              {request.decisionNote ? ` (${request.decisionNote})` : ''}
            </dd>
          </>
        )}
      </Box>
      {request.status === 'pending' && (
        <Box sx={{ mt: 2, display: 'grid', gap: 1, maxWidth: 600 }}>
          {own && <Alert severity="info">{translate('lantern.retention.erasure.waitingForSecond')}</Alert>}
          <TextField size="small" label={translate('lantern.retention.erasure.note')} value={note} onChange={(e) => setNote(e.target.value)} />
          <Stack direction="row" spacing={1}>
            {!own && (
              <Button variant="contained" color="error" disabled={decide.isPending} onClick={() => decide.mutate({ action: 'approve', body: { version: request.version, note: note || undefined } })}>
                {translate('lantern.retention.erasure.approve')}
              </Button>
            )}
            <Button variant="outlined" disabled={decide.isPending} onClick={() => decide.mutate({ action: 'reject', body: { version: request.version, note: note || undefined } })}>
              {translate(own ? 'lantern.retention.erasure.withdraw' : 'lantern.retention.erasure.reject')}
            </Button>
          </Stack>
        </Box>
      )}
    </Box>
  );
}
