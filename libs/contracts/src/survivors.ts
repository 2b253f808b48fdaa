import type {
  CaseStatus,
  ConsentMethod,
  ConsentPurpose,
  ContactMethod,
  ExploitationType,
  ForcedLabourIndustry,
  SexualExploitationType,
  TraffickerRelationship,
  TraffickingStatus,
  Gender,
  IdentifiedBy,
  ImmediateNeed,
  NoteType,
  ReferralSource,
  RiskAnswers,
  RiskLevel,
  ControlMethod,
  RecruitmentMethod,
  ReferralNotServedReason,
  ReferralOutcome,
  ReferralStatus,
  ReferralUrgency,
  ShareableSurvivorField,
} from './vocabularies.js';
import type { CustomValue, SharedCustomValue } from './custom-fields.js';
import type { ServiceType } from './partner-orgs.js';
import type { ConsentSharedItem } from './documents.js';

/** Survivor fields that identify the person: encrypted at rest, shown only to those allowed. */
export const SURVIVOR_PII_FIELDS = [
  'legalName',
  'preferredName',
  'dateOfBirth',
  'phone',
  'email',
  'address',
  'safeContactInstructions',
] as const;
export type SurvivorPiiField = (typeof SURVIVOR_PII_FIELDS)[number];

/** A survivor as the API returns it; which keys are present depends on the caller's permissions. */
export interface SurvivorResponse {
  id: string;
  /** The organization whose record it is (read-only; a stock react-admin client sends it back unchanged). */
  organizationId: string;
  /** Who registered the survivor (a staff user id). */
  createdBy: string | null;
  alias: string;
  legalName?: string | null;
  preferredName?: string | null;
  dateOfBirth?: string | null;
  birthYear: number | null;
  gender: Gender | null;
  pronouns: string | null;
  citizenship: string[];
  languages: string[];
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  safeContactInstructions?: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** What the person asking may change (from the rules and the survivor's cases); only on `GET /survivors/:id`. */
  permissions?: { update: boolean; fields: string[] };
  /**
   * Set when this record was merged into another (issue 17, docs/duplicates.md): the id of the record
   * that stays. Only on `GET /survivors/:id`; the web opens that record instead.
   */
  mergedInto?: string | null;
}

export interface CaseResponse {
  id: string;
  /** The organization whose record it is (read-only; a stock react-admin client sends it back unchanged). */
  organizationId: string;
  caseNumber: string;
  survivorId: string;
  survivorAlias?: string;
  status: CaseStatus;
  assignedCaseworkerId: string | null;
  assignedAt: string | null;
  riskLevel: RiskLevel | null;
  referralSource: ReferralSource | null;
  exploitationTypes: ExploitationType[];
  openedAt: string;
  closedAt: string | null;
  exitDestination: number | null;
  closureReason: string | null;
  lastContactAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /**
   * In the case list only: the case's custom values the reader's role may read, by key
   * (docs/custom-fields.md, "In lists").
   */
  custom?: Record<string, CustomValue>;
  /**
   * What the person asking may do with this case's file, computed by the API from the same rules it
   * enforces (ties by relation and break-glass grants the browser cannot see). Only on `GET /cases/:id`.
   */
  permissions?: CasePermissions;
}

/** Per case, for the UI only: the API decides again on every request. */
export interface CasePermissions {
  survivor: { read: boolean; update: boolean };
  intake: { read: boolean; create: boolean; update: boolean };
  consent: { read: boolean; create: boolean; revoke: boolean };
  notes: { read: boolean; create: boolean };
  referrals: { read: boolean; create: boolean };
  plan: { read: boolean; manage: boolean };
  outcomes: { read: boolean; create: boolean };
  /** Issue 15: see the case's documents (a coordinator: that they exist), add one, open (preview or download) one. */
  documents?: { read: boolean; create: boolean; open: boolean };
}

export const INTAKE_STATUSES = ['draft', 'submitted'] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export interface IntakeResponse {
  id: string;
  /** The organization whose record it is (read-only; a stock react-admin client sends it back unchanged). */
  organizationId: string;
  caseId: string;
  intakeDate: string | null;
  identifiedBy: IdentifiedBy | null;
  exploitationTypes: ExploitationType[];
  controlMethods: ControlMethod[];
  recruitmentMethods: RecruitmentMethod[];
  immediateNeeds: ImmediateNeed[];
  /** HTCDS 2.0 core (issue 17, part 2; docs/data-dictionary.md). */
  traffickingStatus: TraffickingStatus | null;
  /** ISO 3166-1 alpha-2 (HTCDS vic_LocationOfRecruitment). */
  recruitmentCountry: string | null;
  /** Free text next to the country, encrypted; absent when the reader may not see it. */
  recruitmentRegion?: string | null;
  /** ISO 3166-1 alpha-2 (HTCDS vic_LocationOfExploitation). */
  exploitationCountry: string | null;
  exploitationRegion?: string | null;
  forcedLabourIndustry: ForcedLabourIndustry | null;
  sexualExploitationTypes: SexualExploitationType[];
  relationshipToTrafficker: TraffickerRelationship | null;
  ageWhenTrafficked: number | null;
  riskScreening: RiskAnswers;
  riskLevel: RiskLevel | null;
  narrative?: string | null;
  status: IntakeStatus;
  submittedAt: string | null;
  amendmentCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** In the intake list only: the intake's custom values the reader's role may read, by key (docs/custom-fields.md, "In lists"). */
  custom?: Record<string, CustomValue>;
}

export type ConsentState = 'live' | 'expired' | 'revoked';

export interface ConsentResponse {
  id: string;
  /** The organization whose record it is (read-only; a stock react-admin client sends it back unchanged). */
  organizationId: string;
  survivorId: string;
  caseId: string | null;
  purpose: ConsentPurpose;
  partnerOrgId: string | null;
  /** Survivor fields and, for partners, kinds of documents (`documents:<kind>`, issue 15). */
  sharedFields: ConsentSharedItem[];
  method: ConsentMethod;
  grantedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  state: ConsentState;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CaseNoteResponse {
  id: string;
  /** The organization whose record it is (read-only; a stock react-admin client sends it back unchanged). */
  organizationId: string;
  caseId: string;
  noteType: NoteType;
  contactMethod: ContactMethod;
  body?: string;
  restricted: boolean;
  occurredAt: string;
  authorId: string;
  correctsNoteId: string | null;
  correctedByNoteId: string | null;
  createdAt: string;
}

/**
 * A note being written (issue 13), saved by the form every 10 s: its author's only, one per case.
 * `occurredAt` is null until she sets it; `body` may be empty.
 */
export interface CaseNoteDraftResponse {
  id: string;
  caseId: string;
  authorId: string;
  noteType: NoteType;
  contactMethod: ContactMethod;
  occurredAt: string | null;
  restricted: boolean;
  body: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface BreakGlassGrantResponse {
  id: string;
  survivorId: string;
  userId: string;
  reason: string;
  grantedAt: string;
  expiresAt: string;
  active: boolean;
}

export interface CaseHistoryEntry {
  id: string;
  occurredAt: string;
  actorId: string | null;
  /** Staff display name (not survivor data). */
  actorName: string | null;
  actorRole: string | null;
  action: string;
  outcome: 'success' | 'denied' | 'failure';
  subjectType: string | null;
  subjectId: string | null;
  fields: string[];
  reason: string | null;
}

export interface CaseloadEntry {
  caseId: string;
  caseNumber: string;
  survivorAlias: string;
  status: CaseStatus;
  riskLevel: RiskLevel | null;
  lastContactAt: string | null;
  openedAt: string;
  intakeStatus: IntakeStatus | null;
  /** The active plan's review date has passed. */
  reviewOverdue: boolean;
  overdueTasks: number;
  /** Outcome assessments due within two weeks or overdue (no later than 90 days past due). */
  assessmentsDue: { stage: string; dueOn: string; overdue: boolean }[];
}

/** What needs a coordinator's attention across the program. */
export interface AttentionResponse {
  reviewsOverdue: number;
  tasksOverdue: number;
  assessmentsOverdue: number;
  referralsOverdue: number;
  unassignedCases: number;
  cases: { caseId: string; caseNumber: string; survivorAlias: string; assignedCaseworkerId: string | null; reasons: string[] }[];
}

/**
 * `POST /referrals/:id/reroute`: one move that cancels the referral (when still open) or leaves it
 * declined, and creates a new one to another partner, linked both ways. What is left out is copied from
 * the referral re-routed (service, urgency, shared fields, reason).
 */
export interface ReferralRerouteBody {
  partnerOrgId: string;
  serviceType?: ServiceType;
  urgency?: ReferralUrgency;
  /** The new referral's reason (staff only); `null` for none; copied when absent. */
  reason?: string | null;
  sharedFields?: ShareableSurvivorField[];
  /** Why it is re-routed: required when the referral is still open (recorded on its cancellation). */
  rerouteReason?: string;
  /** Coordinators: send the new referral at once (the consent gate applies as to any send). */
  send?: boolean;
  overrideReason?: string;
  version?: number;
}

export interface ReferralResponse {
  id: string;
  /** Staff only: partner staff get the referral, never the organization's own keys. */
  organizationId?: string;
  survivorId?: string;
  /** The consent the referral shares survivor fields under. */
  consentId?: string | null;
  createdBy?: string | null;
  caseId?: string;
  caseNumber?: string;
  survivorAlias?: string;
  partnerOrgId: string;
  serviceType: ServiceType;
  urgency: ReferralUrgency;
  reason?: string | null;
  sharedFields: ShareableSurvivorField[];
  status: ReferralStatus;
  sentAt: string | null;
  respondedAt: string | null;
  startedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  declineReason: string | null;
  suggestedPartnerOrgId?: string | null;
  consentOverrideReason?: string | null;
  /** Staff only: the referral this one re-routed (cancelled or declined before it), and the one that re-routed this one. */
  reroutedFromId?: string | null;
  reroutedToId?: string | null;
  outcomeNote: string | null;
  /** What became of it, recorded on completion (REFERRAL_OUTCOMES), and why it was not served. */
  outcome?: ReferralOutcome | null;
  outcomeReason?: ReferralNotServedReason | null;
  /** For partner staff, on the referral's page: the referring caseworker's work contact, nothing personal. */
  caseworkerContact?: { displayName: string; email: string } | null;
  ageHours: number;
  overdue: boolean;
  assignedCaseworkerId?: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** For partner staff: exactly the survivor fields consented for their organization, nothing else. */
  survivor?: Record<string, unknown>;
  /**
   * For partner staff, on the referral's page: the shareable custom values (of the referral, its case and
   * the case's intake) that the survivor's live consent for their organization names (docs/custom-fields.md).
   */
  sharedCustom?: SharedCustomValue[];
  /** In the referral list, for staff only: the referral's custom values the reader's role may read, by key. */
  custom?: Record<string, CustomValue>;
}

export interface NotificationResponse {
  id: string;
  kind: string;
  title: string;
  referralId: string | null;
  caseId: string | null;
  readAt: string | null;
  createdAt: string;
}
