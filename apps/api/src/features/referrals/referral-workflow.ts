/**
 * The referral workflow, in one place (issue 10): every move of a referral — sending, answering,
 * working, completing, cancelling (by a person or by the closure of the case) and re-routing — is
 * decided by `planTransition` here, and only here; a new referral's draft by `planDraft`.
 *
 * `planTransition(referral, move, actor, context)` is pure: no Nest, no database, no clock, no
 * cipher. Given the referral's state, the move asked for, who asks and what the move needs to know
 * (the time, the case, the partner, the consent coverage, ...), it answers either a refusal (the
 * error the API answers with, and the denial to audit, if any) or a plan: for each referral it
 * touches, the row to insert or the column patch to apply at the version read, the transition rows,
 * the audit entries and the notifications to send (recipients by role). `runReferralPlan`
 * (referral-plan.runner.ts) carries a plan out inside one transaction.
 *
 * Its parts: the status moves are below; re-routing is referral-reroute.ts, a draft referral-draft.ts,
 * the checks they share referral-checks.ts, who hears of a move referral-effects.ts, and what a move
 * is told and answers referral-workflow.types.ts. This file is the workflow's one entry: the service,
 * the runner and the case-closure workflow import from it.
 *
 * Which role may make which move is REFERRAL_MOVES_BY_ROLE (@lantern/permissions), shared with the
 * web app; which moves a referral allows at all is REFERRAL_TRANSITIONS and REFERRAL_REROUTE_FROM
 * (@lantern/contracts).
 */
import { REFERRAL_TRANSITIONS } from '@lantern/contracts';
import { mayMoveReferral } from '@lantern/permissions';
import { DomainError, badRequest, forbidden, staleVersion } from '../../kernel/http/domain-error.js';
import { caseClosed, consentGate, denied, incomplete, invalidMove, need, partnerProblem, refuse } from './referral-checks.js';
import { CALLS_TO_ACT, HANDLED, sendEffects, statusNotifications } from './referral-effects.js';
import { planReroute } from './referral-reroute.js';
import type { AuditEntry, ReferralDecision, ReferralMoveRequest, ReferralPatch, ReferralState, ReferralStep, StatusMove, WorkflowActor, WorkflowContext } from './referral-workflow.types.js';

export { partnerProblem } from './referral-checks.js';
export { CALLS_TO_ACT } from './referral-effects.js';
export { planDraft } from './referral-draft.js';
export type * from './referral-workflow.types.js';

/** A move to another status (`POST /referrals/:id/transitions`, or a case's closure cancelling its referrals). */
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
    const missing = incomplete(context.missingCustom);
    if (missing) return refuse(missing);
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

/**
 * Every move of a referral: the state machine, who may make it, what it needs, and what follows
 * (the columns, the transition rows, the audit, the notifications). Pure.
 */
export function planTransition(referral: ReferralState, move: ReferralMoveRequest, actor: WorkflowActor, context: WorkflowContext): ReferralDecision {
  return move.to === 'reroute' ? planReroute(referral, move, actor, context) : planStatusMove(referral, move, actor, context);
}
