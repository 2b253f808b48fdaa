/**
 * The referral workflow, in one place (issue 10): every move of a referral — sending, answering,
 * working, completing, cancelling (by a person or by the closure of the case) and re-routing — is
 * decided here, and only here.
 *
 * `planTransition(referral, move, actor, context)` is pure: no Nest, no database, no clock, no
 * cipher. Given the referral's state, the move asked for, who asks and what the move needs to know
 * (the time, the case, the partner, the consent coverage, ...), it answers either a refusal (the
 * error the API answers with, and the denial to audit, if any) or a plan: for each referral it
 * touches, the row to insert or the column patch to apply at the version read, the transition rows,
 * the audit entries and the notifications to send (recipients by role). `runReferralPlan`
 * (referral-plan.runner.ts) carries a plan out inside one transaction.
 *
 * Which role may make which move is REFERRAL_MOVES_BY_ROLE (@lantern/permissions), shared with the
 * web app; which moves a referral allows at all is REFERRAL_TRANSITIONS and REFERRAL_REROUTE_FROM
 * (@lantern/contracts).
 */
import {
  OPEN_REFERRAL_STATUSES,
  REFERRAL_REROUTE_FROM,
  REFERRAL_TRANSITIONS,
  SERVICE_TYPE_LABELS,
  type NotificationKind,
  type ReferralNotServedReason,
  type ReferralOutcome,
  type ReferralRerouteBody,
  type ReferralStatus,
  type ReferralUrgency,
  type Role,
  type ServiceType,
  type ShareableSurvivorField,
} from '@lantern/contracts';
import { mayMoveReferral } from '@lantern/permissions';
import { closedCaseError } from '../../case-file/case-status.js';
import { DomainError, badRequest, forbidden, staleVersion } from '../../kernel/http/domain-error.js';

// ---- what the workflow is told --------------------------------------------------------------------

/** The referral as the workflow needs it (the entity fits). */
export interface ReferralState {
  id: string;
  organizationId: string;
  caseId: string;
  survivorId: string;
  partnerOrgId: string;
  serviceType: ServiceType;
  urgency: ReferralUrgency;
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
  title: string;
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
export interface NewReferralRow {
  id: string;
  organizationId: string;
  caseId: string;
  survivorId: string;
  partnerOrgId: string;
  serviceType: ServiceType;
  urgency: ReferralUrgency;
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

// ---- the decisions ---------------------------------------------------------------------------------

const refuse = (error: DomainError, audit: AuditEntry | null = null): ReferralRefusal => ({ ok: false, error, audit });
const denied = (referralId: string, fields: string[], reason: string): AuditEntry => ({
  action: 'denied',
  outcome: 'denied',
  subjectType: 'Referral',
  subjectId: referralId,
  fields,
  reason,
});
const serviceName = (serviceType: ServiceType): string => SERVICE_TYPE_LABELS[serviceType].toLowerCase();
const isOpen = (status: ReferralStatus): boolean => OPEN_REFERRAL_STATUSES.includes(status);

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`referral workflow: the context lacks ${what}`);
  return value;
}

/**
 * The partner must be one of the organization's, active, accepting referrals and offering the
 * service. Shared by creating, editing, sending and re-routing.
 */
export function partnerProblem(partner: PartnerFacts | null, serviceType: ServiceType): DomainError | null {
  if (!partner) return badRequest('partnerOrgId', 'is not a partner organization of yours');
  if (!partner.active) return badRequest('partnerOrgId', 'is inactive');
  if (!partner.acceptingReferrals) return badRequest('partnerOrgId', 'is not accepting referrals');
  if (!partner.serviceTypes.includes(serviceType)) return badRequest('serviceType', `is not offered by ${partner.name}`);
  return null;
}

/** A closed case takes no new, sent or re-routed referral: the 409 every change to a closed case answers. */
function caseClosed(): DomainError {
  return closedCaseError('referrals can no longer be drafted, sent or re-routed for it');
}

/** The 409 of a move the state machine does not allow, naming the moves it does. */
function invalidMove(from: ReferralStatus, to: string): DomainError {
  const allowed = REFERRAL_TRANSITIONS[from];
  return new DomainError(
    'REFERRAL_INVALID_TRANSITION',
    allowed.length ? `A referral cannot go from ${from} to ${to}; allowed: ${allowed.join(', ')}` : `A ${from} referral is final`,
    { to: [allowed.length ? `must be one of ${allowed.join(', ')}` : 'no further moves'] },
  );
}

/** The consent gate of a send: every shared field covered by a live consent, or a coordinator's written override. */
function consentGate(
  sharedFields: readonly ShareableSurvivorField[],
  coverage: ConsentFacts,
  overrideReason: string | undefined,
): DomainError | { consentId: string | null; consentOverrideReason: string | null } {
  if (sharedFields.length === 0) return badRequest('sharedFields', 'must name what the partner may see');
  const missing = sharedFields.filter((f) => !coverage.covered.has(f));
  if (missing.length > 0 && !overrideReason) {
    // Exactly the fields no live consent covers; `consent` only when there is no live consent at all
    // (a live one that covers less is not "no consent": the web app says which details it lacks).
    return new DomainError(
      'REFERRAL_CONSENT_MISSING',
      coverage.consentId
        ? `The survivor's live consent for this partner does not cover: ${missing.join(', ')}`
        : `There is no live consent to share with this partner organization; not covered: ${missing.join(', ')}`,
      {
        ...(coverage.consentId ? {} : { consent: ['there is no live consent to share with this partner organization'] }),
        sharedFields: [`not covered by a live consent: ${missing.join(', ')}`],
      },
    );
  }
  return { consentId: coverage.consentId, consentOverrideReason: missing.length > 0 ? overrideReason! : null };
}

/** The audit and notification of a send (a draft sent, or a re-route sent at once). */
function sendEffects(
  referral: { id: string; organizationId: string; caseId: string; partnerOrgId: string; serviceType: ServiceType; urgency: ReferralUrgency },
  consentOverrideReason: string | null,
): { audit: AuditEntry[]; notification: NotificationPlan } {
  const audit: AuditEntry[] = [];
  if (consentOverrideReason) {
    // Visible on the case: the override is recorded against the case as well.
    audit.push({
      action: 'update',
      subjectType: 'Case',
      subjectId: referral.caseId,
      fields: ['referrals'],
      reason: `referral sent without covering consent: ${consentOverrideReason}`,
    });
  }
  return {
    audit,
    notification: {
      organizationId: referral.organizationId,
      kind: 'referral_received',
      title: `New ${serviceName(referral.serviceType)} referral${referral.urgency === 'routine' ? '' : ` (${referral.urgency})`}`,
      referralId: referral.id,
      recipients: [{ role: 'partner', partnerOrgId: referral.partnerOrgId }],
    },
  };
}

/** The one text of a withdrawal, told to the partner of a referral cancelled after it was sent. */
function withdrawn(referral: ReferralState): NotificationPlan {
  return {
    organizationId: referral.organizationId,
    kind: 'referral_update',
    title: `A ${serviceName(referral.serviceType)} referral was withdrawn`,
    referralId: referral.id,
    recipients: [{ role: 'partner', partnerOrgId: referral.partnerOrgId }],
  };
}

/** Who hears of a move: the partner of a send or a withdrawal, the program of the partner's answers and work. */
function statusNotifications(referral: ReferralState, to: ReferralStatus, context: WorkflowContext): NotificationPlan[] {
  const kase = context.case;
  const caseworker: Recipient[] = kase.assignedCaseworkerId ? [{ userId: kase.assignedCaseworkerId }] : [];
  const service = serviceName(referral.serviceType);
  const partnerName = () => need(context.partner ?? undefined, "the referral's partner").name;
  switch (to) {
    case 'sent':
      return [sendEffects(referral, null).notification];
    case 'accepted':
    case 'declined':
      return [
        {
          organizationId: referral.organizationId,
          kind: 'referral_response',
          title: `${partnerName()} ${to} the ${service} referral for ${kase.caseNumber}`,
          referralId: referral.id,
          caseId: referral.caseId,
          recipients: [{ role: 'coordinator' }, ...caseworker],
        },
      ];
    case 'in_progress':
    case 'completed':
      return [
        {
          organizationId: referral.organizationId,
          kind: 'referral_update',
          title: `${partnerName()} ${to === 'completed' ? 'completed' : 'started'} the ${service} referral for ${kase.caseNumber}`,
          referralId: referral.id,
          caseId: referral.caseId,
          recipients: caseworker,
        },
      ];
    case 'cancelled':
      // A draft was never sent: the partner knows nothing of it.
      return referral.status === 'draft' ? [] : [withdrawn(referral)];
    default:
      return [];
  }
}

/** The moves that handle a referral: after them, nobody is still asked to act on it. */
const HANDLED: readonly ReferralStatus[] = ['accepted', 'declined', 'cancelled', 'completed'];
/**
 * The notifications that ask someone to act on a referral: the partner's "new referral" (answer it)
 * and the program's "no answer in 48 hours" (chase it). What tells of a move (a response, an update)
 * stays until its reader has seen it.
 */
export const CALLS_TO_ACT: readonly NotificationKind[] = ['referral_received', 'referral_overdue'];

function planStatusMove(referral: ReferralState, move: StatusMove, actor: WorkflowActor, context: WorkflowContext): ReferralDecision {
  const { to } = move;
  if (move.cause === 'case_closed' && to !== 'cancelled') throw new Error('referral workflow: closing a case only cancels referrals');
  if (move.version !== undefined && referral.version !== move.version) return refuse(staleVersion());
  if (!REFERRAL_TRANSITIONS[referral.status].includes(to)) return refuse(invalidMove(referral.status, to));
  if (!mayMoveReferral(actor.role, referral.status, to)) {
    return refuse(
      forbidden(`Your role may not move a referral from ${referral.status} to ${to}`),
      denied(referral.id, ['status'], `${referral.status} → ${to}`),
    );
  }
  if ((to === 'declined' || to === 'cancelled') && !move.reason) return refuse(badRequest('reason', `is required to ${to === 'declined' ? 'decline' : 'cancel'}`));
  if (move.outcomeNote && to !== 'completed') return refuse(badRequest('outcomeNote', 'belongs to completing a referral'));
  if (move.outcome && to !== 'completed') return refuse(badRequest('outcome', 'belongs to completing a referral'));
  if (move.outcomeReason && to !== 'completed') return refuse(badRequest('outcomeReason', 'belongs to completing a referral'));
  if (to === 'completed' && !move.outcome) return refuse(badRequest('outcome', 'is required to complete a referral'));
  if (to === 'completed' && move.outcome === 'not_served' && !move.outcomeReason) {
    return refuse(badRequest('outcomeReason', 'is required when the referral was not served'));
  }
  if (move.outcomeReason && move.outcome !== 'not_served') return refuse(badRequest('outcomeReason', 'applies only when the referral was not served'));
  if (move.overrideReason && to !== 'sent') return refuse(badRequest('overrideReason', 'applies only to sending'));
  if (move.suggestedPartnerOrgId && to !== 'declined') return refuse(badRequest('suggestedPartnerOrgId', 'applies only to declining'));

  const now = context.now;
  const patch: ReferralPatch = { status: to };
  const seal: ReferralStep['seal'] = {};
  if (to === 'sent') {
    if (context.case.status === 'closed') return refuse(caseClosed());
    const partner = partnerProblem(need(context.partner, "the referral's partner"), referral.serviceType);
    if (partner) return refuse(partner);
    const gate = consentGate(referral.sharedFields, need(context.coverage, 'the consent coverage'), move.overrideReason);
    if (gate instanceof DomainError) return refuse(gate);
    patch.sentAt = now;
    patch.consentId = gate.consentId;
    patch.consentOverrideReason = gate.consentOverrideReason;
  }
  if (to === 'accepted' || to === 'declined') patch.respondedAt = now;
  if (to === 'declined') {
    patch.declineReason = move.reason!;
    if (move.suggestedPartnerOrgId) {
      const suggested = need(context.suggestedPartner, 'the suggested partner');
      if (!suggested) return refuse(badRequest('suggestedPartnerOrgId', 'is not a partner organization of this program'));
      patch.suggestedPartnerOrgId = suggested.id;
    }
  }
  if (to === 'in_progress') patch.startedAt = now;
  if (to === 'completed') {
    patch.completedAt = now;
    patch.outcome = move.outcome!;
    patch.outcomeReason = move.outcomeReason ?? null;
    if (move.outcomeNote) seal.outcomeNote = move.outcomeNote;
  }
  if (to === 'cancelled') patch.cancelledAt = now;

  const override = patch.consentOverrideReason ?? null;
  const audit: AuditEntry[] = [
    {
      action: 'transition',
      subjectType: 'Referral',
      subjectId: referral.id,
      fields: [...Object.keys(patch), ...Object.keys(seal)],
      reason: `${referral.status} → ${to}${override ? ' (consent override, reason recorded)' : ''}${move.cause === 'case_closed' ? ': the case was closed' : ''}`,
    },
    ...(to === 'sent' ? sendEffects(referral, override).audit : []),
  ];
  return {
    ok: true,
    referralId: referral.id,
    steps: [
      {
        referralId: referral.id,
        write: { kind: 'update', version: referral.version, patch },
        seal,
        transitions: [
          {
            organizationId: referral.organizationId,
            referralId: referral.id,
            fromStatus: referral.status,
            toStatus: to,
            reason: to === 'sent' && override ? `consent override: ${override}` : (move.reason ?? null),
            actorId: actor.id,
            actorRole: actor.role,
            occurredAt: now,
          },
        ],
        audit,
        notifications: statusNotifications(referral, to, context),
        ...(HANDLED.includes(to) ? { clearNotifications: [...CALLS_TO_ACT] } : {}),
      },
    ],
  };
}

/** A new referral's request, as `POST /referrals` takes it (the caller has checked the case is one the actor may refer). */
export interface NewReferral {
  id: string;
  organizationId: string;
  caseId: string;
  survivorId: string;
  partnerOrgId: string;
  serviceType: ServiceType;
  urgency?: ReferralUrgency;
  reason?: string | null;
  sharedFields?: ShareableSurvivorField[];
  /** The fields the request named, for the audit. */
  fields: string[];
}

/** A draft: the case must be open and the partner able to take it. */
export function planDraft(draft: NewReferral, actor: WorkflowActor, context: WorkflowContext): ReferralDecision {
  if (context.case.status === 'closed') return refuse(caseClosed());
  const partner = partnerProblem(need(context.partner, 'the partner'), draft.serviceType);
  if (partner) return refuse(partner);
  return { ok: true, referralId: draft.id, steps: [draftStep(draft, actor, context.now, null, actor.role === 'caseworker' ? 'requested by the caseworker' : null)] };
}

type InsertStep = ReferralStep & { write: { kind: 'insert'; row: NewReferralRow } };

function draftStep(draft: NewReferral, actor: WorkflowActor, now: Date, reroutedFromId: string | null, reason: string | null): InsertStep {
  return {
    referralId: draft.id,
    write: {
      kind: 'insert',
      row: {
        id: draft.id,
        organizationId: draft.organizationId,
        caseId: draft.caseId,
        survivorId: draft.survivorId,
        partnerOrgId: draft.partnerOrgId,
        serviceType: draft.serviceType,
        urgency: draft.urgency ?? 'routine',
        sharedFields: [...(draft.sharedFields ?? [])],
        status: 'draft',
        createdBy: actor.id,
        reroutedFromId,
        sentAt: null,
        consentId: null,
        consentOverrideReason: null,
      },
    },
    seal: { reason: draft.reason ? draft.reason : null },
    transitions: [
      { organizationId: draft.organizationId, referralId: draft.id, fromStatus: null, toStatus: 'draft', reason, actorId: actor.id, actorRole: actor.role, occurredAt: now },
    ],
    audit: [
      {
        action: 'create',
        subjectType: 'Referral',
        subjectId: draft.id,
        fields: draft.fields,
        reason: reroutedFromId ? `re-routed from referral ${reroutedFromId}` : null,
      },
    ],
    notifications: [],
  };
}

function planReroute(referral: ReferralState, move: RerouteMove, actor: WorkflowActor, context: WorkflowContext): ReferralDecision {
  if (move.version !== undefined && referral.version !== move.version) return refuse(staleVersion());
  if (!REFERRAL_REROUTE_FROM.includes(referral.status)) {
    return refuse(
      new DomainError(
        'REFERRAL_INVALID_TRANSITION',
        referral.status === 'draft'
          ? 'A draft is not re-routed: edit its partner, or cancel it'
          : `A ${referral.status} referral cannot be re-routed; re-routing is for ${REFERRAL_REROUTE_FROM.join(', ')} referrals`,
        { status: [`must be one of ${REFERRAL_REROUTE_FROM.join(', ')} to re-route`] },
      ),
    );
  }
  if (referral.reroutedToId) {
    return refuse(
      new DomainError('REFERRAL_ALREADY_REROUTED', 'This referral was already re-routed; re-route the newer referral instead', {
        reroutedToId: ['is already set'],
      }),
    );
  }
  if (!mayMoveReferral(actor.role, referral.status, 'reroute')) {
    return refuse(
      forbidden(`Your role may not re-route a ${referral.status} referral`),
      denied(referral.id, ['status', 'reroutedToId'], `${referral.status} → re-routed`),
    );
  }
  const cancels = isOpen(referral.status);
  if (cancels && !move.rerouteReason) return refuse(badRequest('rerouteReason', 'is required to re-route an open referral: it is recorded on its cancellation'));
  if (move.overrideReason && !move.send) return refuse(badRequest('overrideReason', 'applies only to sending'));
  if (move.partnerOrgId === referral.partnerOrgId) return refuse(badRequest('partnerOrgId', 'is the partner of the referral being re-routed; choose another'));
  if (context.case.status === 'closed') return refuse(caseClosed());
  const serviceType = move.serviceType ?? referral.serviceType;
  const partner = partnerProblem(need(context.newPartner, 'the new partner'), serviceType);
  if (partner) return refuse(partner);
  const sharedFields = move.sharedFields ?? [...referral.sharedFields];
  const newId = need(context.newReferralId, 'the new referral id');
  const now = context.now;

  const fresh = draftStep(
    {
      id: newId,
      organizationId: referral.organizationId,
      caseId: referral.caseId,
      survivorId: referral.survivorId,
      partnerOrgId: move.partnerOrgId,
      serviceType,
      urgency: move.urgency ?? referral.urgency,
      reason: move.reason !== undefined ? move.reason : (context.sourceReason ?? null),
      sharedFields,
      fields: ['caseId', 'partnerOrgId', 'serviceType', 'urgency', 'reason', 'sharedFields', 'reroutedFromId'],
    },
    actor,
    now,
    referral.id,
    move.rerouteReason ?? (actor.role === 'caseworker' ? 'requested by the caseworker' : null),
  );

  if (move.send) {
    if (!mayMoveReferral(actor.role, 'draft', 'sent')) {
      return refuse(forbidden('Your role may not send a referral: leave it a draft for a coordinator'), denied(referral.id, ['status'], 'draft → sent (re-route)'));
    }
    const gate = consentGate(sharedFields, need(context.coverage, 'the consent coverage'), move.overrideReason);
    if (gate instanceof DomainError) return refuse(gate);
    const sent = Object.assign(fresh.write.row, { status: 'sent', sentAt: now, consentId: gate.consentId, consentOverrideReason: gate.consentOverrideReason });
    fresh.transitions.push({
      organizationId: referral.organizationId,
      referralId: newId,
      fromStatus: 'draft',
      toStatus: 'sent',
      reason: gate.consentOverrideReason ? `consent override: ${gate.consentOverrideReason}` : null,
      actorId: actor.id,
      actorRole: actor.role,
      occurredAt: now,
    });
    const effects = sendEffects(sent, gate.consentOverrideReason);
    fresh.audit.push(
      {
        action: 'transition',
        subjectType: 'Referral',
        subjectId: newId,
        fields: ['status', 'sentAt', 'consentId', 'consentOverrideReason'],
        reason: `draft → sent${gate.consentOverrideReason ? ' (consent override, reason recorded)' : ''}`,
      },
      ...effects.audit,
    );
    fresh.notifications.push(effects.notification);
  }

  const patch: ReferralPatch = cancels ? { status: 'cancelled', cancelledAt: now, reroutedToId: newId } : { reroutedToId: newId };
  const old: ReferralStep = {
    referralId: referral.id,
    write: { kind: 'update', version: referral.version, patch },
    seal: {},
    transitions: cancels
      ? [
          {
            organizationId: referral.organizationId,
            referralId: referral.id,
            fromStatus: referral.status,
            toStatus: 'cancelled',
            reason: move.rerouteReason!,
            actorId: actor.id,
            actorRole: actor.role,
            occurredAt: now,
          },
        ]
      : [],
    audit: [
      {
        action: cancels ? 'transition' : 'update',
        subjectType: 'Referral',
        subjectId: referral.id,
        fields: Object.keys(patch),
        reason: `${cancels ? `${referral.status} → cancelled, ` : ''}re-routed to referral ${newId}`,
      },
    ],
    notifications: cancels ? [withdrawn(referral)] : [],
    ...(cancels ? { clearNotifications: [...CALLS_TO_ACT] } : {}),
  };
  // The new referral first: the old one's link points at it.
  return { ok: true, referralId: newId, steps: [fresh, old] };
}

/**
 * Every move of a referral: the state machine, who may make it, what it needs, and what follows
 * (the columns, the transition rows, the audit, the notifications). Pure.
 */
export function planTransition(referral: ReferralState, move: ReferralMoveRequest, actor: WorkflowActor, context: WorkflowContext): ReferralDecision {
  return move.to === 'reroute' ? planReroute(referral, move, actor, context) : planStatusMove(referral, move, actor, context);
}
