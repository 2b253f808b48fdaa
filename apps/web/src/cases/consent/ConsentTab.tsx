import AddIcon from '@mui/icons-material/Add';
import BlockIcon from '@mui/icons-material/Block';
import type { CaseResponse, ConsentResponse, ConsentState } from '@lantern/contracts';
import {
  Alert,
  Box,
  Button,
  Chip,
  Paper,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { ReferenceField, TextField, useDataProvider, useGetList, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { ConsentStateChip, ValueChips } from '../../common/CaseChips';
import { CONSENT_PURPOSE_LABELS, CONSENT_STATE_LABELS, formatDate, humanize, SURVIVOR_FIELD_LABELS } from '../../common/labels';
import { ReasonDialog } from '../../common/ReasonDialog';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import { useCaseAccess } from '../case-access';
import { AddConsentDialog } from './AddConsentDialog';

const STATES: ConsentState[] = ['live', 'expired', 'revoked'];

function Counts({ consents }: { consents: ConsentResponse[] }) {
  return (
    <Stack direction="row" spacing={1} aria-label="Consents at a glance">
      {STATES.map((state) => {
        const count = consents.filter((consent) => consent.state === state).length;
        return (
          <Chip
            key={state}
            label={`${count} ${CONSENT_STATE_LABELS[state].toLowerCase()}`}
            color={state === 'live' && count > 0 ? 'success' : state === 'revoked' && count > 0 ? 'error' : 'default'}
            variant={count > 0 && state === 'live' ? 'filled' : 'outlined'}
          />
        );
      })}
    </Stack>
  );
}

/** What the survivor agreed to, per purpose and partner: live, expired or revoked at a glance. */
export function ConsentTab() {
  const record = useRecordContext<CaseResponse>();
  const access = useCaseAccess(record);
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<ConsentResponse | null>(null);
  const survivorId = record?.survivorId ?? '';
  const { data: consents = [], isPending, error } = useGetList<ConsentResponse>(
    'consents',
    { filter: { survivorId }, sort: { field: 'grantedAt', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: Boolean(survivorId) },
  );
  if (!record) return null;

  const revoke = async (reason: string | undefined): Promise<void> => {
    if (!revoking || !reason) return;
    await dataProvider.revokeConsent(revoking.id, reason);
    notify('Consent revoked. Partners lose access to the details it covered at once.', { type: 'success' });
    refresh();
  };

  // Live first, then the rest, each newest first.
  const ordered = [...consents].sort((a, b) => STATES.indexOf(a.state) - STATES.indexOf(b.state));

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Box sx={{ flex: 1 }}>
          {isPending ? <Skeleton width={280} height={32} /> : <Counts consents={consents} />}
        </Box>
        {access.consent.create && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setAdding(true)}>
            Record consent
          </Button>
        )}
      </Stack>
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={160} />
      ) : consents.length === 0 ? (
        <Alert severity="info" variant="outlined">
          No consent recorded yet. Record what the person agrees to — services, referrals, sharing with a partner, anonymized reporting — before acting on it.
        </Alert>
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Consents">
            <TableHead>
              <TableRow>
                <TableCell>State</TableCell>
                <TableCell>Purpose</TableCell>
                <TableCell>Details that may be shared</TableCell>
                <TableCell>Given</TableCell>
                <TableCell>Expires</TableCell>
                <TableCell align="right" />
              </TableRow>
            </TableHead>
            <TableBody>
              {ordered.map((consent) => (
                <TableRow key={consent.id} hover sx={consent.state === 'live' ? undefined : { '& td': { color: 'text.secondary' } }}>
                  <TableCell>
                    <ConsentStateChip state={consent.state} />
                  </TableCell>
                  <TableCell>
                    <Typography variant="body2" sx={{ fontWeight: 600, color: 'inherit' }}>
                      {CONSENT_PURPOSE_LABELS[consent.purpose]}
                    </Typography>
                    {consent.partnerOrgId && (
                      <Typography variant="body2" component="div" sx={{ color: 'inherit' }}>
                        <ReferenceField record={consent} source="partnerOrgId" reference="partner-orgs" link={false}>
                          <TextField source="name" />
                        </ReferenceField>
                      </Typography>
                    )}
                    {consent.state === 'revoked' && consent.revocationReason && (
                      <Typography variant="caption" component="div" sx={{ color: 'inherit' }}>
                        Revoked {formatDate(consent.revokedAt)}: {consent.revocationReason}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    {consent.purpose === 'share_with_partner' ? <ValueChips values={consent.sharedFields} labels={SURVIVOR_FIELD_LABELS} /> : '—'}
                  </TableCell>
                  <TableCell>
                    {formatDate(consent.grantedAt)}
                    <Typography variant="caption" component="div" sx={{ color: 'inherit' }}>
                      {humanize(consent.method)}
                    </Typography>
                  </TableCell>
                  <TableCell>{consent.expiresAt ? formatDate(consent.expiresAt) : 'No end date'}</TableCell>
                  <TableCell align="right">
                    {access.consent.revoke && consent.state === 'live' && (
                      <Button size="small" color="error" startIcon={<BlockIcon />} onClick={() => setRevoking(consent)}>
                        Revoke
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      <AddConsentDialog open={adding} onClose={() => setAdding(false)} record={record} />
      <ReasonDialog
        open={revoking !== null}
        title={revoking ? `Revoke consent: ${CONSENT_PURPOSE_LABELS[revoking.purpose]}?` : 'Revoke consent?'}
        description="From now on Lantern acts as if this consent was never given: partners lose access to what it covered at once. The record of it is kept."
        confirmLabel="Revoke consent"
        confirmColor="error"
        required
        minLength={3}
        reasonLabel="Why (for example: the person withdrew it by phone)"
        onConfirm={revoke}
        onClose={() => setRevoking(null)}
      />
    </Stack>
  );
}
