import type {
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
 * A referral as the API returns it. Which keys are present depends on the reader: staff get the case
 * (number, alias, reason, override), partner staff get the request and the consented `survivor` fields.
 */
export interface Referral extends Omit<ReferralResponse, 'status' | 'urgency' | 'serviceType' | 'sharedFields'> {
  status: ReferralStatus;
  urgency: ReferralUrgency;
  serviceType: ServiceType;
  sharedFields: ShareableSurvivorField[];
}

/** One move of a referral: who, when, from what to what, and why (staff only). */
export interface ReferralTimelineEntry {
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  reason: string | null;
  actorName: string | null;
  actorRole: string | null;
  occurredAt: string;
}

/** A partner that fits a case and a service, best first. */
export interface ReferralSuggestion {
  partnerOrgId: string;
  name: string;
  serviceArea: string | null;
  capacity: number;
  languages: string[];
  matchedLanguages: string[];
  acceptanceRate: number | null;
  score: number;
}

/** A partner as the directory shows it to staff. */
export interface PartnerDirectoryEntry {
  id: string;
  name: string;
  serviceTypes: ServiceType[];
  serviceArea: string | null;
  capacity: number;
  acceptingReferrals: boolean;
  languages: string[];
  openReferrals: number;
  acceptanceRate: number | null;
}

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
}

/** The code the API answers when a referral is sent without a consent covering what it shares. */
export const CONSENT_MISSING = 'REFERRAL_CONSENT_MISSING' satisfies ErrorCode;
