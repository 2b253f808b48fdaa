/**
 * A new referral in the referral workflow (referral-workflow.ts): the draft `POST /referrals` asks for,
 * and the draft step a re-route starts its new referral with (referral-reroute.ts). Pure.
 */
import { caseClosed, need, partnerProblem, refuse } from './referral-checks.js';
import type { NewReferral, NewReferralRow, ReferralDecision, ReferralStep, WorkflowActor, WorkflowContext } from './referral-workflow.types.js';

/** A draft: the case must be open and the partner able to take it. */
export function planDraft(draft: NewReferral, actor: WorkflowActor, context: WorkflowContext): ReferralDecision {
  if (context.case.status === 'closed') return refuse(caseClosed());
  const partner = partnerProblem(need(context.partner, 'the partner'), draft.serviceType);
  if (partner) return refuse(partner);
  return { ok: true, referralId: draft.id, steps: [draftStep(draft, actor, context.now, null, actor.role === 'caseworker' ? 'requested by the caseworker' : null)] };
}

export type InsertStep = ReferralStep & { write: { kind: 'insert'; row: NewReferralRow } };

/**
 * The step that inserts a draft: its row, its first transition (none → draft) and its create audit;
 * `reroutedFromId` and the transition's `reason` say where it came from.
 */
export function draftStep(draft: NewReferral, actor: WorkflowActor, now: Date, reroutedFromId: string | null, reason: string | null): InsertStep {
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
