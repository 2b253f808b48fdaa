import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import {
  OPEN_REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  SHAREABLE_SURVIVOR_FIELDS,
  type CaseResponse,
  type ConsentResponse,
  type PartnerOrgResponse,
  type ReferralUrgency,
  type ServiceType,
  type ShareableSurvivorField,
} from '@lantern/contracts';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Skeleton,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useDataProvider, useGetList, useNotify, useRefresh } from 'react-admin';
import { SERVICE_TYPE_CHOICES } from '../../common/choices';
import { FormDialog } from '../../common/FormDialog';
import { formatRate, languageName, REFERRAL_URGENCY_LABELS, SURVIVOR_FIELD_LABELS } from '../../common/labels';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import { referralApi } from '../../referrals/referral-api';
import type { NewReferralBody, Referral, ReferralSuggestion } from '../../referrals/referral-types';

export type ReferralDialogMode =
  | { kind: 'new' }
  | { kind: 'edit'; referral: Referral }
  /**
   * Re-route, one move of the API: the referral is cancelled (when still open) or left declined, and a
   * new one goes to another partner, optionally the one a decline suggested; the two are linked.
   */
  | { kind: 'reroute'; referral: Referral; partnerOrgId?: string | null };

/** The survivor fields a live share-with-partner consent covers for this partner. */
export function consentedFields(consents: ConsentResponse[], partnerOrgId: string): Set<ShareableSurvivorField> {
  const covered = new Set<ShareableSurvivorField>();
  for (const consent of consents) {
    if (consent.state === 'live' && consent.purpose === 'share_with_partner' && consent.partnerOrgId === partnerOrgId) {
      for (const field of consent.sharedFields) covered.add(field);
    }
  }
  return covered;
}

function SuggestionOption({ suggestion, current }: { suggestion: ReferralSuggestion; current: boolean }) {
  return (
    <Box sx={{ py: 0.5 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {suggestion.name}
        </Typography>
        {current && <Chip size="small" variant="outlined" label="Current partner" />}
      </Stack>
      <Typography variant="caption" color="text.secondary" component="div">
        {suggestion.capacity} open place{suggestion.capacity === 1 ? '' : 's'}
        {' · '}
        {suggestion.matchedLanguages.length > 0
          ? `speaks ${suggestion.matchedLanguages.map(languageName).join(', ')}`
          : suggestion.languages.length === 0
            ? 'languages not listed'
            : 'no language in common'}
        {' · '}
        {suggestion.acceptanceRate === null ? 'no referrals answered yet' : `accepts ${formatRate(suggestion.acceptanceRate)} of referrals`}
        {suggestion.serviceArea ? ` · ${suggestion.serviceArea}` : ''}
      </Typography>
    </Box>
  );
}

const titles = { new: { caseworker: 'Request a referral', other: 'New referral' }, edit: 'Edit draft referral', reroute: 'Re-route referral' };

/**
 * A referral draft: the service, a partner (suggested ones first, best first), urgency, reason and the
 * survivor details to share — each marked when a live consent for that partner covers it. Sending is
 * a coordinator's separate step, where the API checks the consent again.
 */
export function ReferralDialog({
  open,
  onClose,
  record,
  mode,
  asCaseworker,
}: {
  open: boolean;
  onClose: () => void;
  record: CaseResponse;
  mode: ReferralDialogMode;
  asCaseworker: boolean;
}) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const source = mode.kind === 'new' ? null : mode.referral;
  const rerouteOpen = mode.kind === 'reroute' && OPEN_REFERRAL_STATUSES.includes(mode.referral.status);
  const excludedPartner = mode.kind === 'reroute' ? mode.referral.partnerOrgId : null;

  const initial = useMemo(
    () => ({
      serviceType: (source?.serviceType ?? '') as ServiceType | '',
      partnerOrgId: mode.kind === 'edit' ? mode.referral.partnerOrgId : mode.kind === 'reroute' ? (mode.partnerOrgId ?? '') : '',
      urgency: (source?.urgency ?? 'routine') as ReferralUrgency,
      reason: source?.reason ?? '',
      sharedFields: (source?.sharedFields ?? []) as ShareableSurvivorField[],
    }),
    [mode, source],
  );
  const [serviceType, setServiceType] = useState<ServiceType | ''>(initial.serviceType);
  const [partnerOrgId, setPartnerOrgId] = useState(initial.partnerOrgId);
  const [urgency, setUrgency] = useState<ReferralUrgency>(initial.urgency);
  const [reason, setReason] = useState(initial.reason);
  const [sharedFields, setSharedFields] = useState<ShareableSurvivorField[]>(initial.sharedFields);
  const [rerouteReason, setRerouteReason] = useState('');
  const [sendNow, setSendNow] = useState(false);

  // Each opening starts from the referral it is about (or from nothing).
  useEffect(() => {
    if (!open) return;
    setServiceType(initial.serviceType);
    setPartnerOrgId(initial.partnerOrgId);
    setUrgency(initial.urgency);
    setReason(initial.reason);
    setSharedFields(initial.sharedFields);
    setRerouteReason('');
    setSendNow(false);
  }, [open, initial]);

  const suggestions = useQuery({
    queryKey: ['referrals', 'suggestions', record.id, serviceType],
    queryFn: () => dataProvider.referralSuggestions(record.id, serviceType),
    enabled: open && Boolean(serviceType),
  });
  const suggested = suggestions.data ?? [];
  const { data: offering = [] } = useGetList<PartnerOrgResponse>(
    'partner-orgs',
    {
      filter: { serviceType, active: true },
      sort: { field: 'name', order: 'ASC' },
      pagination: { page: 1, perPage: 100 },
    },
    { enabled: open && Boolean(serviceType) },
  );
  const others = offering.filter((partner) => !suggested.some((s) => s.partnerOrgId === partner.id));

  const { data: consents = [], isPending: consentsPending } = useGetList<ConsentResponse>(
    'consents',
    {
      filter: { survivorId: record.survivorId, partnerOrgId },
      sort: { field: 'grantedAt', order: 'DESC' },
      pagination: { page: 1, perPage: 100 },
    },
    { enabled: open && Boolean(partnerOrgId && record.survivorId) },
  );
  const covered = partnerOrgId ? consentedFields(consents, partnerOrgId) : new Set<ShareableSurvivorField>();
  const uncovered = sharedFields.filter((field) => !covered.has(field));
  const partnerName =
    suggested.find((s) => s.partnerOrgId === partnerOrgId)?.name ?? offering.find((p) => p.id === partnerOrgId)?.name ?? 'this partner';

  // A coordinator may send the new referral at once when a live consent covers every detail shared;
  // otherwise it stays a draft, sent later from its card (with a written reason if need be).
  const offersSendNow = mode.kind === 'reroute' && !asCaseworker;
  const sendsNow = offersSendNow && sendNow && sharedFields.length > 0 && uncovered.length === 0 && !consentsPending;

  const ready =
    Boolean(serviceType && partnerOrgId && urgency) &&
    partnerOrgId !== excludedPartner &&
    (!rerouteOpen || rerouteReason.trim().length >= 3);

  const toggleField = (field: ShareableSurvivorField): void =>
    setSharedFields((current) => (current.includes(field) ? current.filter((f) => f !== field) : [...current, field]));

  const chooseService = (value: ServiceType): void => {
    setServiceType(value);
    // A partner chosen for another service may not offer this one.
    if (value !== serviceType) setPartnerOrgId('');
  };

  const body = (): NewReferralBody => ({
    caseId: record.id,
    partnerOrgId,
    serviceType: serviceType as ServiceType,
    urgency,
    ...(reason.trim() ? { reason: reason.trim() } : {}),
    sharedFields: SHAREABLE_SURVIVOR_FIELDS.filter((field) => sharedFields.includes(field)),
  });

  const submit = async (): Promise<void> => {
    if (mode.kind === 'edit') {
      const next = body();
      const previous = mode.referral;
      const changes: Partial<NewReferralBody> = {};
      if (next.partnerOrgId !== previous.partnerOrgId) changes.partnerOrgId = next.partnerOrgId;
      if (next.serviceType !== previous.serviceType) changes.serviceType = next.serviceType;
      if (next.urgency !== previous.urgency) changes.urgency = next.urgency;
      if ((next.reason ?? '') !== (previous.reason ?? '')) changes.reason = next.reason ?? null;
      if (JSON.stringify(next.sharedFields) !== JSON.stringify(SHAREABLE_SURVIVOR_FIELDS.filter((f) => previous.sharedFields.includes(f)))) {
        changes.sharedFields = next.sharedFields;
      }
      if (Object.keys(changes).length > 0) {
        await dataProvider.updateReferral(previous.id, { ...changes, version: previous.version });
      }
      notify('Draft referral saved.', { type: 'success' });
    } else if (mode.kind === 'reroute') {
      // One call: the API cancels (or leaves declined) the referral and creates the new one in one transaction.
      const next = body();
      const created = await referralApi.reroute(mode.referral.id, {
        partnerOrgId: next.partnerOrgId,
        serviceType: next.serviceType,
        urgency: next.urgency,
        reason: next.reason ?? null,
        sharedFields: next.sharedFields,
        ...(rerouteOpen ? { rerouteReason: rerouteReason.trim() } : {}),
        ...(sendsNow ? { send: true } : {}),
        version: mode.referral.version,
      });
      notify(
        created.status === 'sent' ? `Re-routed and sent to ${partnerName}.` : `Re-routed: a new draft to ${partnerName} is ready to send.`,
        { type: 'success' },
      );
    } else {
      await dataProvider.createReferral(body());
      notify(asCaseworker ? 'Referral requested. A coordinator reviews and sends it.' : 'Draft referral saved. Send it when it is ready.', {
        type: 'success',
      });
    }
    refresh();
  };

  const title = mode.kind === 'new' ? (asCaseworker ? titles.new.caseworker : titles.new.other) : titles[mode.kind];
  const submitLabel = mode.kind === 'edit' ? 'Save draft' : mode.kind === 'reroute' ? 'Re-route' : asCaseworker ? 'Request referral' : 'Save draft';

  return (
    <FormDialog
      open={open}
      title={`${title} · ${record.caseNumber}`}
      submitLabel={submitLabel}
      ready={ready}
      onSubmit={submit}
      onClose={onClose}
      maxWidth="md"
    >
      {(fieldError) => (
        <>
          {mode.kind === 'reroute' && (
            <Alert severity="info" variant="outlined" role="note" sx={{ mb: 2 }}>
              {rerouteOpen
                ? 'In one step, the current referral is cancelled with the reason below and a new referral goes to the partner you choose; the two are linked.'
                : 'A new referral goes to the partner you choose, linked to the declined one, which stays as it is.'}
            </Alert>
          )}
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr' }, mt: 1 }}>
            <TextField
              select
              label="Service"
              value={serviceType}
              onChange={(event) => chooseService(event.target.value as ServiceType)}
              required
              error={Boolean(fieldError('serviceType'))}
              helperText={fieldError('serviceType') ?? ' '}
            >
              {SERVICE_TYPE_CHOICES.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {choice.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label="Urgency"
              value={urgency}
              onChange={(event) => setUrgency(event.target.value as ReferralUrgency)}
              required
              error={Boolean(fieldError('urgency'))}
              helperText={fieldError('urgency') ?? ' '}
            >
              {REFERRAL_URGENCIES.map((value) => (
                <MenuItem key={value} value={value}>
                  {REFERRAL_URGENCY_LABELS[value]}
                </MenuItem>
              ))}
            </TextField>
          </Box>

          {serviceType && (
            <FormControl component="fieldset" required error={Boolean(fieldError('partnerOrgId'))} sx={{ width: '100%', mb: 2 }}>
              <FormLabel component="legend">Partner</FormLabel>
              {suggestions.isPending ? (
                <Skeleton variant="rounded" height={72} />
              ) : suggestions.error ? (
                <Alert severity="warning" variant="outlined" role="note" sx={{ my: 1 }}>
                  Suggestions are not available: {toApiError(suggestions.error).message}
                </Alert>
              ) : suggested.length === 0 ? (
                <Typography variant="body2" color="text.secondary" sx={{ my: 1 }}>
                  No partner offering this service has open places and covers the survivor’s languages right now.
                </Typography>
              ) : (
                <>
                  <Typography variant="caption" color="text.secondary">
                    Suggested for this case, best match first
                  </Typography>
                  <RadioGroup
                    aria-label="Suggested partners"
                    value={suggested.some((s) => s.partnerOrgId === partnerOrgId) ? partnerOrgId : ''}
                    onChange={(event) => setPartnerOrgId(event.target.value)}
                  >
                    {suggested.map((suggestion) => (
                      <FormControlLabel
                        key={suggestion.partnerOrgId}
                        value={suggestion.partnerOrgId}
                        disabled={suggestion.partnerOrgId === excludedPartner}
                        control={<Radio size="small" slotProps={{ input: { 'aria-label': suggestion.name } }} />}
                        label={<SuggestionOption suggestion={suggestion} current={suggestion.partnerOrgId === excludedPartner} />}
                        sx={{ alignItems: 'flex-start', '& .MuiRadio-root': { pt: 1 } }}
                      />
                    ))}
                  </RadioGroup>
                </>
              )}
              {others.length > 0 && (
                <TextField
                  select
                  label="Another partner offering this service"
                  value={others.some((p) => p.id === partnerOrgId) ? partnerOrgId : ''}
                  onChange={(event) => setPartnerOrgId(event.target.value)}
                  size="small"
                  sx={{ mt: 1, maxWidth: 420 }}
                >
                  {others.map((partner) => (
                    <MenuItem key={partner.id} value={partner.id} disabled={partner.id === excludedPartner}>
                      {partner.name}
                      {partner.acceptingReferrals ? ` · ${partner.capacity} open` : ' · not accepting referrals'}
                    </MenuItem>
                  ))}
                </TextField>
              )}
              <FormHelperText>{fieldError('partnerOrgId') ?? ' '}</FormHelperText>
            </FormControl>
          )}

          <TextField
            label="Reason for the referral (staff only, never shown to the partner)"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            multiline
            minRows={2}
            fullWidth
            error={Boolean(fieldError('reason'))}
            helperText={fieldError('reason') ?? `${reason.trim().length}/2000`}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
            sx={{ mb: 2 }}
          />

          <FormControl component="fieldset" error={Boolean(fieldError('sharedFields'))} sx={{ width: '100%' }}>
            <FormLabel component="legend">Details to share with the partner</FormLabel>
            {partnerOrgId ? (
              consentsPending ? (
                <Skeleton width={320} />
              ) : covered.size > 0 ? (
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', my: 0.5, flexWrap: 'wrap' }} useFlexGap>
                  <Typography variant="body2" color="success.main" data-testid="consent-hint">
                    A live consent for {partnerName} covers {covered.size} detail{covered.size === 1 ? '' : 's'}, marked below.
                  </Typography>
                  <Button
                    size="small"
                    onClick={() => setSharedFields(SHAREABLE_SURVIVOR_FIELDS.filter((field) => covered.has(field)))}
                  >
                    Share exactly what is consented
                  </Button>
                </Stack>
              ) : (
                <Typography variant="body2" color="warning.main" sx={{ my: 0.5 }} data-testid="consent-hint">
                  No live consent to share details with {partnerName}. Record one on the Consent tab first; otherwise only a
                  coordinator can send this referral, with a written reason.
                </Typography>
              )
            ) : (
              <Typography variant="body2" color="text.secondary" sx={{ my: 0.5 }}>
                Choose a partner to see which details the survivor agreed to share with it.
              </Typography>
            )}
            <FormGroup sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', md: '1fr 1fr 1fr' } }}>
              {SHAREABLE_SURVIVOR_FIELDS.map((field) => (
                <FormControlLabel
                  key={field}
                  control={<Checkbox size="small" checked={sharedFields.includes(field)} onChange={() => toggleField(field)} />}
                  label={
                    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
                      <span>{SURVIVOR_FIELD_LABELS[field] ?? field}</span>
                      {covered.has(field) && <CheckCircleIcon color="success" sx={{ fontSize: 16 }} titleAccess="Consented" />}
                    </Stack>
                  }
                />
              ))}
            </FormGroup>
            <FormHelperText>
              {fieldError('sharedFields') ??
                (uncovered.length > 0 && partnerOrgId && !consentsPending
                  ? `Not covered by a live consent: ${uncovered.map((f) => SURVIVOR_FIELD_LABELS[f] ?? f).join(', ')}.`
                  : 'Share only what the partner needs for this service.')}
            </FormHelperText>
          </FormControl>

          {rerouteOpen && (
            <TextField
              label="Why re-route (recorded on the cancelled referral)"
              value={rerouteReason}
              onChange={(event) => setRerouteReason(event.target.value)}
              required
              multiline
              minRows={2}
              fullWidth
              error={Boolean(fieldError('rerouteReason'))}
              helperText={fieldError('rerouteReason') ?? `${rerouteReason.trim().length}/500`}
              slotProps={{ htmlInput: { maxLength: 500 } }}
              sx={{ mt: 2 }}
            />
          )}

          {offersSendNow && (
            <FormControl sx={{ mt: 2, display: 'block' }} error={Boolean(fieldError('send'))}>
              <FormControlLabel
                control={
                  <Checkbox
                    size="small"
                    checked={sendsNow}
                    disabled={sharedFields.length === 0 || uncovered.length > 0 || consentsPending || !partnerOrgId}
                    onChange={(event) => setSendNow(event.target.checked)}
                  />
                }
                label="Send it to the partner now"
              />
              <FormHelperText>
                {fieldError('send') ??
                  (sharedFields.length > 0 && uncovered.length === 0
                    ? 'A live consent covers every detail shared.'
                    : 'Only when a live consent covers every detail shared; otherwise it stays a draft to send from its card.')}
              </FormHelperText>
            </FormControl>
          )}
        </>
      )}
    </FormDialog>
  );
}
