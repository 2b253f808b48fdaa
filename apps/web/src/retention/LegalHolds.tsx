import type { LegalHoldResponse } from '@lantern/contracts';
import { Alert, Box, Button, Card, CardContent, Chip, Stack, TextField, Typography } from '@mui/material';
import { useId, useState } from 'react';
import { useTranslate } from 'react-admin';
import { formatDateTime } from '../i18n/format';
import { CaseReasonForm } from './CaseReasonForm';
import { fieldErrors, useHolds, useRetentionChange } from './retention-api';

/** Legal holds (issue 16): a held case is never anonymized; placing and lifting each need a reason. */
export function LegalHolds() {
  const translate = useTranslate();
  const headingId = useId();
  const holds = useHolds();
  return (
    <Card component="section" aria-labelledby={headingId}>
      <CardContent>
        <Typography variant="h6" component="h2" id={headingId}>
          {translate('lantern.retention.holds.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate('lantern.retention.holds.intro')}
        </Typography>
        <CaseReasonForm path="/retention/legal-holds" success="lantern.retention.holds.placed" submitLabel={translate('lantern.retention.holds.place')} />
        {holds.error && <Alert severity="error">{translate('lantern.retention.loadFailed')}</Alert>}
        {holds.data?.length === 0 && <Typography>{translate('lantern.retention.holds.none')}</Typography>}
        <Stack component="ul" spacing={2} sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label={translate('lantern.retention.holds.listLabel')}>
          {(holds.data ?? []).map((hold) => (
            <HoldItem key={hold.id} hold={hold} />
          ))}
        </Stack>
      </CardContent>
    </Card>
  );
}

function HoldItem({ hold }: { hold: LegalHoldResponse }) {
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  const lift = useRetentionChange<object>(() => `/retention/legal-holds/${hold.id}/lift`, 'POST', 'lantern.retention.holds.lifted', () => setReason(''));
  const errors = fieldErrors(lift.error);
  return (
    <Box component="li" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="subtitle1" component="h3">
          {hold.caseNumber}
        </Typography>
        <Chip size="small" color={hold.active ? 'warning' : 'default'} label={translate(hold.active ? 'lantern.retention.holds.active' : 'lantern.retention.holds.liftedState')} />
      </Stack>
      <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
        {translate('lantern.retention.holds.placedBy', { name: hold.placedByName ?? '—', when: formatDateTime(hold.placedAt) })}: {hold.reason}
      </Typography>
      {hold.liftedAt && (
        <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
          {translate('lantern.retention.holds.liftedOn', { when: formatDateTime(hold.liftedAt) })}: {hold.liftReason}
        </Typography>
      )}
      {hold.active && (
        <Box sx={{ mt: 1, display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'flex-start' }}>
          <TextField size="small" label={translate('lantern.retention.holds.liftReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={!!errors.reason} helperText={errors.reason} sx={{ minWidth: 240 }} />
          <Button variant="outlined" disabled={lift.isPending} onClick={() => lift.mutate({ body: { reason, version: hold.version } })}>
            {translate('lantern.retention.holds.lift')}
          </Button>
        </Box>
      )}
    </Box>
  );
}
