import AddIcon from '@mui/icons-material/Add';
import BlockIcon from '@mui/icons-material/Block';
import { isCustomFieldShareItem, type CaseResponse, type ConsentResponse, type ConsentState } from '@lantern/contracts';
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
import { ReferenceField, TextField, useDataProvider, useGetList, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { ConsentStateChip, ValueChips } from '../../common/CaseChips';
import { CONSENT_PURPOSE_LABELS, CONSENT_STATE_LABELS, formatDate } from '../../common/labels';
import { AttachFormButton, ConsentForms, useConsentDocuments } from '../../documents/ConsentDocuments';
import { useScanning } from '../../documents/DocumentBits';
import { sharedItemLabels } from '../../documents/document-labels';
import { useLabelText } from '../../custom-fields/custom-value-text';
import { useConsentCustomItems } from './consent-custom-items';
import { UploadDocumentDialog } from '../../documents/UploadDocumentDialog';
import { vocabLabel } from '../../i18n/vocabulary';
import { ReasonDialog } from '../../common/ReasonDialog';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import { useCaseAccess } from '../case-access';
import { AddConsentDialog } from './AddConsentDialog';

const STATES: ConsentState[] = ['live', 'expired', 'revoked'];

function Counts({ consents }: { consents: ConsentResponse[] }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} aria-label={translate('lantern.consent.atAGlance')}>
      {STATES.map((state) => {
        const count = consents.filter((consent) => consent.state === state).length;
        return (
          <Chip
            key={state}
            label={translate('lantern.consent.count', { count, state: CONSENT_STATE_LABELS[state].toLowerCase() })}
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
  const translate = useTranslate();
  const [adding, setAdding] = useState(false);
  const [revoking, setRevoking] = useState<ConsentResponse | null>(null);
  const [attaching, setAttaching] = useState<ConsentResponse | null>(null);
  const forms = useConsentDocuments(record);
  const scanning = useScanning();
  const documents = record?.permissions?.documents;
  const canAttach = Boolean(documents?.create) && !access.closed;
  const survivorId = record?.survivorId ?? '';
  const { data: consents = [], isPending, error } = useGetList<ConsentResponse>(
    'consents',
    { filter: { survivorId }, sort: { field: 'grantedAt', order: 'DESC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: Boolean(survivorId) },
  );
  const sharing = consents.some((c) => c.sharedFields.some(isCustomFieldShareItem));
  const { data: customItems = [] } = useConsentCustomItems(sharing && access.consent.create);
  const labelText = useLabelText();
  // A custom field's item in words (its label); one no longer offered (retired, unshared) says so.
  const customLabels: Record<string, string> = Object.fromEntries(
    consents.flatMap((c) => c.sharedFields.filter(isCustomFieldShareItem)).map((item) => {
      const found = customItems.find((custom) => custom.item === item);
      return [item, found ? labelText(found.label) : translate('lantern.consent.customField')];
    }),
  );
  if (!record) return null;

  const revoke = async (reason: string | undefined): Promise<void> => {
    if (!revoking || !reason) return;
    await dataProvider.revokeConsent(revoking.id, reason);
    notify('lantern.consent.revoked', { type: 'success' });
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
            {translate('lantern.consent.record')}
          </Button>
        )}
      </Stack>
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={160} />
      ) : consents.length === 0 ? (
        <Alert severity="info" variant="outlined">
          {translate('lantern.consent.empty')}
        </Alert>
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label={translate('resources.consents.name', { smart_count: 2 })}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.consents.fields.state')}</TableCell>
                <TableCell>{translate('resources.consents.fields.purpose')}</TableCell>
                <TableCell>{translate('resources.consents.fields.sharedFields')}</TableCell>
                <TableCell>{translate('resources.consents.fields.grantedAt')}</TableCell>
                <TableCell>{translate('resources.consents.fields.expiresAt')}</TableCell>
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
                    <ConsentForms documents={forms.get(consent.id)} canOpen={Boolean(documents?.open)} />
                    {consent.state === 'revoked' && consent.revocationReason && (
                      <Typography variant="caption" component="div" sx={{ color: 'inherit' }}>
                        {translate('lantern.consent.revokedOn', { date: formatDate(consent.revokedAt), reason: consent.revocationReason })}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    {consent.purpose === 'share_with_partner' ? <ValueChips values={consent.sharedFields} labels={{ ...sharedItemLabels(consent.sharedFields), ...customLabels }} /> : '—'}
                  </TableCell>
                  <TableCell>
                    {formatDate(consent.grantedAt)}
                    <Typography variant="caption" component="div" sx={{ color: 'inherit' }}>
                      {vocabLabel('consentMethod', consent.method)}
                    </Typography>
                  </TableCell>
                  <TableCell>{consent.expiresAt ? formatDate(consent.expiresAt) : translate('lantern.consent.noEndDate')}</TableCell>
                  <TableCell align="right">
                    {canAttach && consent.state === 'live' && <AttachFormButton onClick={() => setAttaching(consent)} />}
                    {access.consent.revoke && consent.state === 'live' && (
                      <Button size="small" color="error" startIcon={<BlockIcon />} onClick={() => setRevoking(consent)}>
                        {translate('lantern.consent.revoke')}
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
      {attaching && (
        <UploadDocumentDialog
          key={attaching.id}
          open
          onClose={() => setAttaching(null)}
          onUploaded={() => {
            notify('lantern.documents.formAttached', { type: 'success' });
            refresh();
          }}
          caseId={record.id}
          survivorId={record.survivorId}
          maxBytes={scanning.data?.maxBytes}
          preset={{ kind: 'consent_form', consentId: attaching.id }}
        />
      )}
      <ReasonDialog
        open={revoking !== null}
        title={revoking ? translate('lantern.consent.revokeTitle', { purpose: CONSENT_PURPOSE_LABELS[revoking.purpose] }) : translate('lantern.consent.revokeTitleShort')}
        description={translate('lantern.consent.revokeText')}
        confirmLabel={translate('lantern.consent.revokeConsent')}
        confirmColor="error"
        required
        minLength={3}
        reasonLabel={translate('lantern.consent.revokeReason')}
        onConfirm={revoke}
        onClose={() => setRevoking(null)}
      />
    </Stack>
  );
}
