/**
 * The vocabulary of the referral workflow (referral-workflow.ts): what a move is told (the referral,
 * the move asked for, who asks, what the move needs to know) and what it answers (a refusal, or a plan
 * of rows, transition rows, audit entries and notifications that referral-plan.runner.ts carries out).
 * Types only: no Nest, no database, no clock, no cipher.
 */
import type { StoredCustomValues } from '../../case-file/custom-values.js';
import type {
  NotificationKind,
  ReferralNotServedReason,
  ReferralOutcome,
  ReferralRerouteBody,
  ReferralStatus,
  ReferralUrgency,
  Role,
  ServiceType,
  ShareableSurvivorField,
} from '@lantern/contracts';
import type { DomainError } from '../../kernel/http/domain-error.js';
import type { LocalizedText } from '../notifications/index.js';

// ---- what the workflow is told --------------------------------------------------------------------

/** What a referral asks, for whom and of whom: the same on a referral read and on a new referral's row. */
export interface ReferralRequest {
  id: string;
  organizationId: string;
  caseId: string;
  survivorId: string;
  partnerOrgId: string;
  serviceType: ServiceType;
  urgency: ReferralUrgency;
}

/** The referral as the workflow needs it (the entity fits). */
export interface ReferralState extends ReferralRequest {
  sharedFields: readonly ShareableSurvivorField[];
  status: ReferralStatus;
  version: number;
  reroutedToId?: string | null;
}

export interface WorkflowActor {
  id: string;
  role: Role;
}

/** The referral's case (the entity fits). */
export interface CaseFacts {
  id: string;
  caseNumber: string;
  status: string;
  assignedCaseworkerId: string | null;
}

/** A partner organization as found among the program's own (the entity fits). */
export interface PartnerFacts {
  id: string;
  name: string;
  active: boolean;
  acceptingReferrals: boolean;
  serviceTypes: readonly ServiceType[];
}

/** What live share_with_partner consents cover for one partner now (consent-gate.ts). */
export interface ConsentFacts {
  covered: ReadonlySet<ShareableSurvivorField>;
  consentId: string | null;
}

/** A move to another status, as `POST /referrals/:id/transitions` asks for it. */
export interface StatusMove {
  to: ReferralStatus;
  /** Why: required to decline or cancel. */
  reason?: string;
  suggestedPartnerOrgId?: string;
  overrideReason?: string;
  outcomeNote?: string;
  /** Completing: what became of the referral (required), and why when it was not served (required then). */
  outcome?: ReferralOutcome;
  outcomeReason?: ReferralNotServedReason;
  /** The version the caller read; a stale one is refused. */
  version?: number;
  /**
   * `case_closed`: the open referrals of a case being closed are cancelled with it, each one only if
   * the closer's role may cancel it (REFERRAL_MOVES_BY_ROLE, as for any cancellation; issue 11 §7).
   */
  cause?: 'case_closed';
}

/**
 * Re-routing (`POST /referrals/:id/reroute`): the referral is cancelled if still open, or left as it
 * is when declined, and a new referral to another partner is created, linked both ways. What is not
 * given is copied from the referral re-routed (service, urgency, shared fields, reason).
 */
export interface RerouteMove extends ReferralRerouteBody {
  to: 'reroute';
}

export type ReferralMoveRequest = StatusMove | RerouteMove;

/** What a move needs to know besides the referral; the service looks up only what the move needs. */
export interface WorkflowContext {
  now: Date;
  case: CaseFacts;
  /** The referral's partner, as found among the program's partners (null when it is not one). Sending and the partner's answers need it. */
  partner?: PartnerFacts | null;
  /**
   * Sending, or re-routing with `send`: the referral's required custom fields it leaves empty, as
   * `{ "custom.<key>": [message] }` (docs/custom-fields.md, "Required fields"); a send is refused while any is.
   */
  missingCustom?: Record<string, string[]>;
  /** Live consent coverage for the partner the referral goes to: sending, or re-routing with `send`. */
  coverage?: ConsentFacts;
  /** Declining with a suggestion: the suggested partner, when it is one of the program's (else null). */
  suggestedPartner?: PartnerFacts | null;
  /** Re-routing: the new partner, as found among the program's partners (null when it is not one). */
  newPartner?: PartnerFacts | null;
  /** Re-routing: the id the new referral gets. */
  newReferralId?: string;
  /** Re-routing: the re-routed referral's reason in clear, copied when the move gives none. */
  sourceReason?: string | null;
}

/** A new referral's request, as `POST /referrals` takes it (the caller has checked the case is one the actor may refer). */
export interface NewReferral extends Omit<ReferralRequest, 'urgency'> {
  urgency?: ReferralUrgency;
  reason?: string | null;
  sharedFields?: ShareableSurvivorField[];
  /** The fields the request named, for the audit. */
  fields: string[];
}

// ---- what it answers ------------------------------------------------------------------------------

export interface TransitionRow {
  organizationId: string;
  referralId: string;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  reason: string | null;
  actorId: string;
  actorRole: Role;
  occurredAt: Date;
}

export interface AuditEntry {
  action: 'create' | 'update' | 'transition' | 'denied';
  outcome?: 'denied';
  subjectType: 'Referral' | 'Case';
  subjectId: string;
  fields: string[];
  reason: string | null;
}

/** Who hears of it: the program's coordinators, one partner organization's staff, or one person. */
export type Recipient = { role: 'coordinator' } | { role: 'partner'; partnerOrgId: string } | { userId: string };

export interface NotificationPlan {
  organizationId: string;
  kind: NotificationKind;
  /** In each reader's language (features/notifications/localized-text.ts). */
  title: LocalizedText;
  referralId: string;
  caseId?: string;
  recipients: Recipient[];
}

/** The columns a move changes (encrypted ones are in `ReferralStep.seal`, in clear). */
export interface ReferralPatch {
  status?: ReferralStatus;
  sentAt?: Date;
  respondedAt?: Date;
  startedAt?: Date;
  completedAt?: Date;
  cancelledAt?: Date;
  declineReason?: string;
  suggestedPartnerOrgId?: string;
  consentId?: string | null;
  consentOverrideReason?: string | null;
  reroutedToId?: string;
  outcome?: ReferralOutcome;
  outcomeReason?: ReferralNotServedReason | null;
}

/** A new referral's row (its reason, encrypted, is in `ReferralStep.seal`). */
export interface NewReferralRow extends ReferralRequest {
  /** Its custom values as stored (checked and sealed by features/custom-fields), none when not given. */
  custom?: StoredCustomValues;
  sharedFields: ShareableSurvivorField[];
  status: ReferralStatus;
  createdBy: string;
  reroutedFromId: string | null;
  sentAt: Date | null;
  consentId: string | null;
  consentOverrideReason: string | null;
}

/** Everything that happens to one referral. */
export interface ReferralStep {
  referralId: string;
  write: { kind: 'insert'; row: NewReferralRow } | { kind: 'update'; version: number; patch: ReferralPatch };
  /** Encrypted columns in clear: the runner seals them (AAD referral|column|id) before writing. */
  seal: { reason?: string | null; outcomeNote?: string };
  transitions: TransitionRow[];
  audit: AuditEntry[];
  notifications: NotificationPlan[];
  /**
   * The referral was handled (accepted, declined, cancelled, completed): the unread notifications about
   * it of these kinds, the ones that asked someone to act on it, are marked read (issue 13).
   */
  clearNotifications?: NotificationKind[];
}

export interface ReferralPlan {
  ok: true;
  /** The referral the caller answers with (the new one, for a re-route). */
  referralId: string;
  /** In the order they are carried out (a new referral before the one that links to it). */
  steps: ReferralStep[];
}

export interface ReferralRefusal {
  ok: false;
  /** The API's answer: status, code, message and per-field errors. */
  error: DomainError;
  /** A denial to audit on its own (the change itself is not made). */
  audit: AuditEntry | null;
}

export type ReferralDecision = ReferralPlan | ReferralRefusal;
