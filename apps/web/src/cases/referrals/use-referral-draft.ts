import {
  isCustomFieldShareItem, isDocumentShareItem,
  OPEN_REFERRAL_STATUSES,
  SHAREABLE_SURVIVOR_FIELDS,
  type CaseResponse,
  type ConsentResponse,
  type PartnerOrgResponse,
  type ReferralUrgency,
  type ServiceType,
  type ShareableSurvivorField,
} from '@lantern/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useDataProvider, useGetList, useNotify, useRefresh, useTranslate } from 'react-admin';
import type { LanternDataProvider } from '../../providers/data-provider';
import { referralApi } from '../../referrals/referral-api';
import { useNewRecordCustom } from '../../custom-fields/use-new-record-custom';
import type { NewReferralBody, Referral } from '../../referrals/referral-types';

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
      // Kinds of documents (`documents:housing`) and custom fields (`cf:<id>`) are no survivor detail of a referral.
      for (const field of consent.sharedFields) if (!isDocumentShareItem(field) && !isCustomFieldShareItem(field)) covered.add(field);
    }
  }
  return covered;
}

/** Only what an edit changes, as the API takes it (with the version that was read). */
function referralChanges(next: NewReferralBody, previous: Referral): Partial<NewReferralBody> {
  const changes: Partial<NewReferralBody> = {};
  if (next.partnerOrgId !== previous.partnerOrgId) changes.partnerOrgId = next.partnerOrgId;
  if (next.serviceType !== previous.serviceType) changes.serviceType = next.serviceType;
  if (next.urgency !== previous.urgency) changes.urgency = next.urgency;
  if ((next.reason ?? '') !== (previous.reason ?? '')) changes.reason = next.reason ?? null;
  if (JSON.stringify(next.sharedFields) !== JSON.stringify(SHAREABLE_SURVIVOR_FIELDS.filter((f) => previous.sharedFields.includes(f)))) {
    changes.sharedFields = next.sharedFields;
  }
  return changes;
}

/**
 * The referral dialog's state (cases/referrals/ReferralDialog.tsx): the fields, the partners that offer
 * the service (suggested ones first), the consents that cover the details to share, and the save.
 */
export function useReferralDraft({
  open,
  record,
  mode,
  asCaseworker,
}: {
  open: boolean;
  record: CaseResponse;
  mode: ReferralDialogMode;
  asCaseworker: boolean;
}) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  // A new referral's own fields go in its create body; a draft's edit changes them under "More details".
  const custom = useNewRecordCustom('referral', open && mode.kind === 'new');
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
      const previous = mode.referral;
      const changes = referralChanges(body(), previous);
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
      const values = custom.body();
      await dataProvider.createReferral({ ...body(), ...(values ? { custom: values } : {}) });
      notify(asCaseworker ? 'lantern.referralDialog.requested' : 'lantern.referralDialog.draftCreated', {
        type: 'success',
      });
    }
    refresh();
  };

  return {
    custom,
    serviceType,
    chooseService,
    partnerOrgId,
    setPartnerOrgId,
    urgency,
    setUrgency,
    reason,
    setReason,
    sharedFields,
    setSharedFields,
    toggleField,
    rerouteReason,
    setRerouteReason,
    setSendNow,
    suggestions,
    suggested,
    others,
    consentsPending,
    covered,
    uncovered,
    partnerName,
    offersSendNow,
    sendsNow,
    ready,
    rerouteOpen,
    excludedPartner,
    submit,
  };
}

export type ReferralDraft = ReturnType<typeof useReferralDraft>;
