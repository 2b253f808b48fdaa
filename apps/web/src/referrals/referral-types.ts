import type {
  CustomValue,
  ErrorCode,
  ReferralNotServedReason,
  ReferralOutcome,
  ReferralResponse,
  ReferralStatus,
  ReferralUrgency,
  ServiceType,
  ShareableSurvivorField,
} from '@lantern/contracts';

/**
 * A referral as the API returns it (libs/contracts). Which keys are present depends on the reader: staff
 * get the case (number, alias, reason, override), partner staff get the request and the consented
 * `survivor` fields.
 */
export type Referral = ReferralResponse;
export type { PartnerDirectoryEntry, ReferralSuggestion, ReferralTimelineEntry } from '@lantern/contracts';

export interface ReferralTransitionBody {
  to: ReferralStatus;
  reason?: string;
  suggestedPartnerOrgId?: string;
  overrideReason?: string;
  outcomeNote?: string;
  outcome?: ReferralOutcome;
  outcomeReason?: ReferralNotServedReason;
  version?: number;
}

export interface NewReferralBody {
  caseId: string;
  partnerOrgId: string;
  serviceType: ServiceType;
  urgency: ReferralUrgency;
  reason?: string | null;
  sharedFields: ShareableSurvivorField[];
  /** Its custom values by key (docs/custom-fields.md, "Values given at creation"): creation only. */
  custom?: Record<string, CustomValue>;
}

/** The code the API answers when a referral is sent without a consent covering what it shares. */
export const CONSENT_MISSING = 'REFERRAL_CONSENT_MISSING' satisfies ErrorCode;
