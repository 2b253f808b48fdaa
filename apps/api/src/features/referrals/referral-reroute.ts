/**
 * Re-routing in the referral workflow (referral-workflow.ts), `POST /referrals/:id/reroute`: the
 * referral is cancelled if still open, or left as it is when declined, and a new referral to another
 * partner is drafted (or sent at once, through the same consent gate as any send), the two linked
 * both ways. Pure.
 */
import { OPEN_REFERRAL_STATUSES, REFERRAL_REROUTE_FROM, type ReferralStatus } from '@lantern/contracts';
import { mayMoveReferral } from '@lantern/permissions';
import { DomainError, badRequest, forbidden, staleVersion } from '../../kernel/http/domain-error.js';
import { caseClosed, consentGate, denied, incomplete, need, partnerProblem, refuse } from './referral-checks.js';
import { draftStep } from './referral-draft.js';
import { CALLS_TO_ACT, sendEffects, withdrawn } from './referral-effects.js';
import type { ReferralDecision, ReferralPatch, ReferralState, ReferralStep, RerouteMove, WorkflowActor, WorkflowContext } from './referral-workflow.types.js';

const isOpen = (status: ReferralStatus): boolean => OPEN_REFERRAL_STATUSES.includes(status);

export function planReroute(referral: ReferralState, move: RerouteMove, actor: WorkflowActor, context: WorkflowContext): ReferralDecision {
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
    const missing = incomplete(context.missingCustom);
    if (missing) return refuse(missing);
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
