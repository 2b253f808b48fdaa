/**
 * Issue 16 (after part 1): the immigration relief of a case, one record per case. Three forms of relief
 * a foreign national survivor of trafficking may seek in the United States, each with its state and
 * dates, as funders of trafficking programs ask for them:
 *
 * - the **T visa** (T nonimmigrant status, USCIS form I-914): applied for, approved or denied;
 * - **Continued Presence** (a temporary status law enforcement requests from DHS, granted for up to two
 *   years and renewable): requested, granted or denied, and when it ends;
 * - the **HHS letter** of the Office on Trafficking in Persons: a Certification letter (adults) or an
 *   Eligibility letter (minors), which opens federal benefits: requested and issued.
 */
export const T_VISA_STATUSES = ['not_applied', 'applied', 'approved', 'denied'] as const;
export type TVisaStatus = (typeof T_VISA_STATUSES)[number];

export const CONTINUED_PRESENCE_STATUSES = ['not_requested', 'requested', 'granted', 'denied'] as const;
export type ContinuedPresenceStatus = (typeof CONTINUED_PRESENCE_STATUSES)[number];

/** HHS OTIP: a Certification letter (adults) or an Eligibility letter (minors). */
export const HHS_LETTER_KINDS = ['certification', 'eligibility'] as const;
export type HhsLetterKind = (typeof HHS_LETTER_KINDS)[number];

export const T_VISA_STATUS_LABELS: Record<TVisaStatus, string> = {
  not_applied: 'Not applied for',
  applied: 'Applied for',
  approved: 'Approved',
  denied: 'Denied',
};
export const CONTINUED_PRESENCE_STATUS_LABELS: Record<ContinuedPresenceStatus, string> = {
  not_requested: 'Not requested',
  requested: 'Requested',
  granted: 'Granted',
  denied: 'Denied',
};
export const HHS_LETTER_KIND_LABELS: Record<HhsLetterKind, string> = {
  certification: 'Certification letter (adult)',
  eligibility: 'Eligibility letter (minor)',
};

export const IMMIGRATION_NOTE_MAX = 1_000;

/** GET /immigration-relief(/:id): the case's record. */
export interface ImmigrationReliefResponse {
  id: string;
  organizationId?: string;
  caseId: string;
  caseNumber?: string;
  survivorId?: string;
  tVisaStatus: TVisaStatus;
  /** `YYYY-MM-DD` dates. */
  tVisaAppliedOn: string | null;
  tVisaDecidedOn: string | null;
  continuedPresenceStatus: ContinuedPresenceStatus;
  continuedPresenceRequestedOn: string | null;
  continuedPresenceDecidedOn: string | null;
  continuedPresenceExpiresOn: string | null;
  hhsLetter: HhsLetterKind | null;
  hhsLetterRequestedOn: string | null;
  hhsLetterIssuedOn: string | null;
  /** Decrypted for those who may read it. */
  note?: string | null;
  createdBy?: string | null;
  createdAt?: string;
  updatedAt?: string;
  version: number;
}

/** The state of the three reliefs, each status with its dates: what the rules check together. */
export const IMMIGRATION_RELIEF_STATE_FIELDS = [
  'tVisaStatus',
  'tVisaAppliedOn',
  'tVisaDecidedOn',
  'continuedPresenceStatus',
  'continuedPresenceRequestedOn',
  'continuedPresenceDecidedOn',
  'continuedPresenceExpiresOn',
  'hhsLetter',
  'hhsLetterRequestedOn',
  'hhsLetterIssuedOn',
] as const satisfies readonly (keyof ImmigrationReliefResponse)[];

/** The fields of the record that people set (POST with `caseId`, PUT with `version`). */
export interface ImmigrationReliefFields {
  tVisaStatus?: TVisaStatus;
  tVisaAppliedOn?: string | null;
  tVisaDecidedOn?: string | null;
  continuedPresenceStatus?: ContinuedPresenceStatus;
  continuedPresenceRequestedOn?: string | null;
  continuedPresenceDecidedOn?: string | null;
  continuedPresenceExpiresOn?: string | null;
  hhsLetter?: HhsLetterKind | null;
  hhsLetterRequestedOn?: string | null;
  hhsLetterIssuedOn?: string | null;
  note?: string | null;
}
