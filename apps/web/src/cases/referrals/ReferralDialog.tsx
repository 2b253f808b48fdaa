import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import {
  isDocumentShareItem,
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
import { useDataProvider, useGetList, useNotify, useRefresh, useTranslate } from 'react-admin';
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
      // Kinds of documents (`documents:housing`) are no survivor detail of a referral.
      for (const field of consent.sharedFields) if (!isDocumentShareItem(field)) covered.add(field);
    }
  }
  return covered;
}

function SuggestionOption({ suggestion, current }: { suggestion: ReferralSuggestion; current: boolean }) {
  const translate = useTranslate();
  return (
    <Box sx={{ py: 0.5 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="body2" sx={{ fontWeight: 600 }}>
          {suggestion.name}
        </Typography>
        {current && <Chip size="small" variant="outlined" label={translate('lantern.referralDialog.currentPartner')} />}
      </Stack>
      <Typography variant="caption" color="text.secondary" component="div">
        {translate('lantern.referralDialog.openPlaces', { smart_count: suggestion.capacity })}
        {' · '}
        {suggestion.matchedLanguages.length > 0
          ? translate('lantern.referralDialog.speaks', { languages: suggestion.matchedLanguages.map(languageName).join(', ') })
          : suggestion.languages.length === 0
            ? translate('lantern.referralDialog.languagesNotListed')
            : translate('lantern.referralDialog.noLanguageInCommon')}
        {' · '}
        {suggestion.acceptanceRate === null
          ? translate('lantern.referralDialog.noneAnswered')
          : translate('lantern.referralDialog.accepts', { rate: formatRate(suggestion.acceptanceRate) })}
        {suggestion.serviceArea ? ` · ${suggestion.serviceArea}` : ''}
      </Typography>
    </Box>
  );
}

const titles = {
  new: { caseworker: 'lantern.referralDialog.titleRequest', other: 'lantern.referralCard.new' },
  edit: 'lantern.referralDialog.titleEdit',
  reroute: 'lantern.referralDialog.titleReroute',
};

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
  const translate = useTranslate();
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
    suggested.find((s) => s.partnerOrgId === partnerOrgId)?.name ?? offering.find((p) => p.id === partnerOrgId)?.name ?? translate('lantern.referralDialog.thisPartner');

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
      notify('lantern.referralDialog.draftSaved', { type: 'success' });
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
        created.status === 'sent' ? 'lantern.referralDialog.reroutedSent' : 'lantern.referralDialog.reroutedDraft',
        { type: 'success', messageArgs: { partner: partnerName } },
      );
    } else {
      await dataProvider.createReferral(body());
      notify(asCaseworker ? 'lantern.referralDialog.requested' : 'lantern.referralDialog.draftCreated', {
        type: 'success',
      });
    }
    refresh();
  };

  const title = translate(mode.kind === 'new' ? (asCaseworker ? titles.new.caseworker : titles.new.other) : titles[mode.kind]);
  const submitLabel = translate(
    mode.kind === 'edit'
      ? 'lantern.referralDialog.saveDraft'
      : mode.kind === 'reroute'
        ? 'lantern.referralCard.reroute'
        : asCaseworker
          ? 'lantern.referralCard.request'
          : 'lantern.referralDialog.saveDraft',
  );

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
                ? translate('lantern.referralDialog.rerouteOpenText')
                : translate('lantern.referralDialog.rerouteDeclinedText')}
            </Alert>
          )}
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '2fr 1fr' }, mt: 1 }}>
            <TextField
              select
              label={translate('resources.referrals.fields.serviceType')}
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
              label={translate('resources.referrals.fields.urgency')}
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
              <FormLabel component="legend">{translate('resources.referrals.fields.partnerOrgId')}</FormLabel>
              {suggestions.isPending ? (
                <Skeleton variant="rounded" height={72} />
              ) : suggestions.error ? (
                <Alert severity="warning" variant="outlined" role="note" sx={{ my: 1 }}>
                  {translate('lantern.referralDialog.suggestionsFailed', { message: toApiError(suggestions.error).message })}
                </Alert>
              ) : suggested.length === 0 ? (
                <Typography variant="body2" color="text.secondary" sx={{ my: 1 }}>
                  {translate('lantern.referralDialog.noSuggestion')}
                </Typography>
              ) : (
                <>
                  <Typography variant="caption" color="text.secondary">
                    {translate('lantern.referralDialog.suggestedHint')}
                  </Typography>
                  <RadioGroup
                    aria-label={translate('lantern.referralDialog.suggested')}
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
                  label={translate('lantern.referralDialog.another')}
                  value={others.some((p) => p.id === partnerOrgId) ? partnerOrgId : ''}
                  onChange={(event) => setPartnerOrgId(event.target.value)}
                  size="small"
                  sx={{ mt: 1, maxWidth: 420 }}
                >
                  {others.map((partner) => (
                    <MenuItem key={partner.id} value={partner.id} disabled={partner.id === excludedPartner}>
                      {partner.name}
                      {' · '}
                      {partner.acceptingReferrals
                        ? translate('lantern.referralDialog.openCount', { count: partner.capacity })
                        : translate('lantern.referralDialog.notAccepting')}
                    </MenuItem>
                  ))}
                </TextField>
              )}
              <FormHelperText>{fieldError('partnerOrgId') ?? ' '}</FormHelperText>
            </FormControl>
          )}

          <TextField
            label={translate('lantern.referralDialog.reason')}
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
            <FormLabel component="legend">{translate('lantern.referralDialog.detailsToShare')}</FormLabel>
            {partnerOrgId ? (
              consentsPending ? (
                <Skeleton width={320} />
              ) : covered.size > 0 ? (
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center', my: 0.5, flexWrap: 'wrap' }} useFlexGap>
                  <Typography variant="body2" color="success.main" data-testid="consent-hint">
                    {translate('lantern.referralDialog.covers', { partner: partnerName, smart_count: covered.size })}
                  </Typography>
                  <Button
                    size="small"
                    onClick={() => setSharedFields(SHAREABLE_SURVIVOR_FIELDS.filter((field) => covered.has(field)))}
                  >
                    {translate('lantern.referralDialog.shareConsented')}
                  </Button>
                </Stack>
              ) : (
                <Typography variant="body2" color="warning.main" sx={{ my: 0.5 }} data-testid="consent-hint">
                  {translate('lantern.referralDialog.noConsent', { partner: partnerName })}
                </Typography>
              )
            ) : (
              <Typography variant="body2" color="text.secondary" sx={{ my: 0.5 }}>
                {translate('lantern.referralDialog.choosePartner')}
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
                      {covered.has(field) && <CheckCircleIcon color="success" sx={{ fontSize: 16 }} titleAccess={translate('lantern.referralDialog.consented')} />}
                    </Stack>
                  }
                />
              ))}
            </FormGroup>
            <FormHelperText>
              {fieldError('sharedFields') ??
                (uncovered.length > 0 && partnerOrgId && !consentsPending
                  ? translate('lantern.referralDialog.notCovered', { fields: uncovered.map((f) => SURVIVOR_FIELD_LABELS[f] ?? f).join(', ') })
                  : translate('lantern.referralDialog.shareOnly'))}
            </FormHelperText>
          </FormControl>

          {rerouteOpen && (
            <TextField
              label={translate('lantern.referralDialog.rerouteReason')}
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
                label={translate('lantern.referralDialog.sendNow')}
              />
              <FormHelperText>
                {fieldError('send') ??
                  (sharedFields.length > 0 && uncovered.length === 0
                    ? translate('lantern.referralDialog.allCovered')
                    : translate('lantern.referralDialog.sendNowHelp'))}
              </FormHelperText>
            </FormControl>
          )}
        </>
      )}
    </FormDialog>
  );
}
