import { REFERRAL_STATUSES, ROLES, type ReferralStatus, type Role, type ShareableSurvivorField } from '@lantern/contracts';
import type { ReferralMove } from '@lantern/permissions';
import { DomainError } from '../../kernel/http/domain-error.js';
import {
  planDraft,
  planTransition,
  type ConsentFacts,
  type PartnerFacts,
  type ReferralDecision,
  type ReferralMoveRequest,
  type ReferralPlan,
  type ReferralRefusal,
  type ReferralState,
  type WorkflowContext,
} from './referral-workflow.js';

/**
 * The referral workflow on its own (no Nest, no database): every move × role, the reasons a move
 * needs, the consent gate, cancellation (by a person and by the closure of a case) and re-routing.
 */

const NOW = new Date('2026-03-02T10:00:00.000Z');
const ORG = 'org-1';
const HOUSING: PartnerFacts = { id: 'partner-housing', name: 'Safe Homes', active: true, acceptingReferrals: true, serviceTypes: ['housing', 'shelter'] };
const WORK: PartnerFacts = { id: 'partner-work', name: 'Bridge Works', active: true, acceptingReferrals: true, serviceTypes: ['vocational', 'housing'] };
const FULL_CONSENT: ConsentFacts = { covered: new Set<ShareableSurvivorField>(['alias', 'languages', 'phone']), consentId: 'consent-1' };
const NO_CONSENT: ConsentFacts = { covered: new Set(), consentId: null };

const referral = (status: ReferralStatus, extra: Partial<ReferralState> = {}): ReferralState => ({
  id: 'ref-1',
  organizationId: ORG,
  caseId: 'case-1',
  survivorId: 'survivor-1',
  partnerOrgId: HOUSING.id,
  serviceType: 'housing',
  urgency: 'urgent',
  sharedFields: ['alias', 'languages'],
  status,
  version: 4,
  reroutedToId: null,
  ...extra,
});
const actor = (role: Role) => ({ id: `${role}-user`, role });
const context = (extra: Partial<WorkflowContext> = {}): WorkflowContext => ({
  now: NOW,
  case: { id: 'case-1', caseNumber: 'C-2026-0042', status: 'active', assignedCaseworkerId: 'caseworker-user' },
  partner: HOUSING,
  coverage: FULL_CONSENT,
  suggestedPartner: WORK,
  newPartner: WORK,
  newReferralId: 'ref-2',
  sourceReason: 'Needs a room tonight',
  ...extra,
});

/** A move with what it needs to succeed when it is allowed: a reason where one is required, another partner to re-route to. */
const wellFormed = (move: ReferralMove): ReferralMoveRequest =>
  move === 'reroute'
    ? { to: 'reroute', partnerOrgId: WORK.id, serviceType: 'vocational', rerouteReason: 'The partner is full' }
    : { to: move, ...(move === 'declined' || move === 'cancelled' ? { reason: 'Reason given' } : {}), ...(move === 'completed' ? { outcome: 'services_given' } : {}) };

const planned = (decision: ReferralDecision): ReferralPlan => {
  if (!decision.ok) throw new Error(`expected a plan, got ${decision.error.status} ${decision.error.code}: ${decision.error.message}`);
  return decision;
};
const refused = (decision: ReferralDecision): ReferralRefusal => {
  if (decision.ok) throw new Error('expected a refusal, got a plan');
  return decision;
};
const answer = (decision: ReferralDecision) => {
  const { error } = refused(decision);
  return { status: error.status, code: error.code, message: error.message, errors: error.errors };
};

// The workflow as the product defines it, written out here rather than read from the tables under test.
const STATE_MACHINE: Record<ReferralStatus, readonly ReferralMove[]> = {
  draft: ['sent', 'cancelled'],
  sent: ['accepted', 'declined', 'cancelled', 'reroute'],
  accepted: ['in_progress', 'cancelled', 'reroute'],
  in_progress: ['completed', 'cancelled', 'reroute'],
  declined: ['reroute'],
  completed: [],
  cancelled: [],
};
const ALLOWED = new Set([
  'coordinator draft→sent',
  'coordinator draft→cancelled',
  'coordinator sent→cancelled',
  'coordinator sent→reroute',
  'coordinator accepted→cancelled',
  'coordinator accepted→reroute',
  'coordinator in_progress→cancelled',
  'coordinator in_progress→reroute',
  'coordinator declined→reroute',
  'caseworker draft→cancelled',
  'caseworker declined→reroute',
  'partner sent→accepted',
  'partner sent→declined',
  'partner accepted→in_progress',
  'partner in_progress→completed',
]);
const MOVES: ReferralMove[] = [...REFERRAL_STATUSES, 'reroute'];
const COMBINATIONS = ROLES.flatMap((role) => REFERRAL_STATUSES.flatMap((from) => MOVES.map((move) => [role, from, move] as const)));

describe('planTransition: every move × role', () => {
  it('covers every role, status and move', () => {
    expect(COMBINATIONS).toHaveLength(ROLES.length * REFERRAL_STATUSES.length * (REFERRAL_STATUSES.length + 1));
  });

  it.each(COMBINATIONS)('%s: %s → %s', (role, from, move) => {
    const decision = planTransition(referral(from), wellFormed(move), actor(role), context());
    const valid = STATE_MACHINE[from].includes(move);
    if (!valid) {
      // The state machine first, whoever asks: 409 naming the moves the referral allows.
      const out = answer(decision);
      expect(out).toMatchObject({ status: 409, code: 'REFERRAL_INVALID_TRANSITION' });
      if (move !== 'reroute') {
        const allowed = STATE_MACHINE[from].filter((m) => m !== 'reroute');
        expect(out.message).toBe(allowed.length ? `A referral cannot go from ${from} to ${move}; allowed: ${allowed.join(', ')}` : `A ${from} referral is final`);
        expect(out.errors).toEqual({ to: [allowed.length ? `must be one of ${allowed.join(', ')}` : 'no further moves'] });
      } else {
        expect(out.errors).toEqual({ status: ['must be one of sent, accepted, in_progress, declined to re-route'] });
      }
      expect(refused(decision).audit).toBeNull();
    } else if (!ALLOWED.has(`${role} ${from}→${move}`)) {
      // Then the role: 403, and the denial is audited.
      const refusal = refused(decision);
      expect(answer(decision)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(refusal.error.message).toBe(move === 'reroute' ? `Your role may not re-route a ${from} referral` : `Your role may not move a referral from ${from} to ${move}`);
      expect(refusal.audit).toEqual({
        action: 'denied',
        outcome: 'denied',
        subjectType: 'Referral',
        subjectId: 'ref-1',
        fields: move === 'reroute' ? ['status', 'reroutedToId'] : ['status'],
        reason: move === 'reroute' ? `${from} → re-routed` : `${from} → ${move}`,
      });
    } else {
      const plan = planned(decision);
      const mine = plan.steps.find((s) => s.referralId === 'ref-1')!;
      expect(mine.write).toMatchObject({ kind: 'update', version: 4 });
      if (move === 'reroute') {
        expect(plan.referralId).toBe('ref-2');
        expect(mine.write.kind === 'update' && mine.write.patch.reroutedToId).toBe('ref-2');
      } else {
        expect(plan.referralId).toBe('ref-1');
        expect(mine.write.kind === 'update' && mine.write.patch.status).toBe(move);
        expect(mine.transitions).toEqual([expect.objectContaining({ fromStatus: from, toStatus: move, actorId: `${role}-user`, actorRole: role, occurredAt: NOW })]);
        expect(mine.audit[0]).toMatchObject({ action: 'transition', subjectType: 'Referral', subjectId: 'ref-1', reason: `${from} → ${move}` });
      }
    }
  });

  it('refuses a stale version before anything else', () => {
    expect(answer(planTransition(referral('sent'), { to: 'accepted', version: 3 }, actor('partner'), context()))).toMatchObject({ status: 409, code: 'STALE_VERSION' });
    expect(answer(planTransition(referral('sent'), { ...wellFormed('reroute'), version: 3 } as ReferralMoveRequest, actor('coordinator'), context()))).toMatchObject({
      status: 409,
      code: 'STALE_VERSION',
    });
    planned(planTransition(referral('sent'), { to: 'accepted', version: 4 }, actor('partner'), context()));
  });
});

describe('planTransition: each move and what follows it', () => {
  it('sending: the columns, the row, the audit, and the partner told', () => {
    const plan = planned(planTransition(referral('draft'), { to: 'sent' }, actor('coordinator'), context()));
    expect(plan.steps).toEqual([
      {
        referralId: 'ref-1',
        write: { kind: 'update', version: 4, patch: { status: 'sent', sentAt: NOW, consentId: 'consent-1', consentOverrideReason: null } },
        seal: {},
        transitions: [{ organizationId: ORG, referralId: 'ref-1', fromStatus: 'draft', toStatus: 'sent', reason: null, actorId: 'coordinator-user', actorRole: 'coordinator', occurredAt: NOW }],
        audit: [{ action: 'transition', subjectType: 'Referral', subjectId: 'ref-1', fields: ['status', 'sentAt', 'consentId', 'consentOverrideReason'], reason: 'draft → sent' }],
        notifications: [
          { organizationId: ORG, kind: 'referral_received', title: { en: 'New housing referral (urgent)', es: 'Nueva derivación: vivienda (urgente)' }, referralId: 'ref-1', recipients: [{ role: 'partner', partnerOrgId: HOUSING.id }] },
        ],
      },
    ]);
    const routine = planned(planTransition(referral('draft', { urgency: 'routine' }), { to: 'sent' }, actor('coordinator'), context()));
    expect(routine.steps[0]!.notifications[0]!.title).toEqual({ en: 'New housing referral', es: 'Nueva derivación: vivienda' });
  });

  it.each([
    ['accepted', {}, { respondedAt: NOW }, 'referral_response', { en: 'Safe Homes accepted the housing referral for C-2026-0042', es: 'Safe Homes aceptó la derivación de vivienda del caso C-2026-0042' }, true],
    ['declined', { reason: 'No family rooms' }, { respondedAt: NOW, declineReason: 'No family rooms' }, 'referral_response', { en: 'Safe Homes declined the housing referral for C-2026-0042', es: 'Safe Homes rechazó la derivación de vivienda del caso C-2026-0042' }, true],
  ] as const)('the partner answers (%s): the coordinators and the caseworker hear', (to, extra, columns, kind, title, coordinators) => {
    const plan = planned(planTransition(referral('sent'), { to, ...extra }, actor('partner'), context()));
    const [step] = plan.steps;
    expect(step!.write).toEqual({ kind: 'update', version: 4, patch: { status: to, ...columns } });
    expect(step!.transitions[0]!.reason).toBe('reason' in extra ? extra.reason : null);
    expect(step!.notifications).toEqual([
      {
        organizationId: ORG,
        kind,
        title,
        referralId: 'ref-1',
        caseId: 'case-1',
        recipients: [...(coordinators ? [{ role: 'coordinator' }] : []), { userId: 'caseworker-user' }],
      },
    ]);
  });

  it('declining with a suggestion keeps the suggested partner; one outside the program is refused', () => {
    const plan = planned(planTransition(referral('sent'), { to: 'declined', reason: 'Full', suggestedPartnerOrgId: WORK.id }, actor('partner'), context()));
    expect(plan.steps[0]!.write).toMatchObject({ patch: { suggestedPartnerOrgId: WORK.id } });
    expect(planTransition(referral('sent'), { to: 'declined', reason: 'Full', suggestedPartnerOrgId: 'elsewhere' }, actor('partner'), context({ suggestedPartner: null }))).toMatchObject({
      ok: false,
      error: { status: 400, code: 'VALIDATION_FAILED', errors: { suggestedPartnerOrgId: ['is not a partner organization of this program'] } },
    });
    expect(answer(planTransition(referral('sent'), { to: 'accepted', suggestedPartnerOrgId: WORK.id }, actor('partner'), context()))).toMatchObject({
      status: 400,
      errors: { suggestedPartnerOrgId: ['applies only to declining'] },
    });
  });

  it('declining without a reason is refused (400 naming reason); so is cancelling without one', () => {
    expect(answer(planTransition(referral('sent'), { to: 'declined' }, actor('partner'), context()))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid input: reason is required to decline',
      errors: { reason: ['is required to decline'] },
    });
    expect(answer(planTransition(referral('accepted'), { to: 'cancelled' }, actor('coordinator'), context()))).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'Invalid input: reason is required to cancel',
      errors: { reason: ['is required to cancel'] },
    });
  });

  it('starting and completing tell the caseworker; the outcome note is sealed, never a plain column', () => {
    const started = planned(planTransition(referral('accepted'), { to: 'in_progress' }, actor('partner'), context()));
    expect(started.steps[0]!.write).toMatchObject({ patch: { status: 'in_progress', startedAt: NOW } });
    expect(started.steps[0]!.notifications).toEqual([
      expect.objectContaining({ kind: 'referral_update', title: expect.objectContaining({ en: 'Safe Homes started the housing referral for C-2026-0042' }), recipients: [{ userId: 'caseworker-user' }] }),
    ]);
    const done = planned(planTransition(referral('in_progress'), { to: 'completed', outcome: 'housed', outcomeNote: 'Placed in a unit' }, actor('partner'), context()));
    const [step] = done.steps;
    expect(step!.write).toEqual({ kind: 'update', version: 4, patch: { status: 'completed', completedAt: NOW, outcome: 'housed', outcomeReason: null } });
    expect(step!.seal).toEqual({ outcomeNote: 'Placed in a unit' });
    expect(step!.audit[0]!.fields).toEqual(['status', 'completedAt', 'outcome', 'outcomeReason', 'outcomeNote']);
    // Handled: the calls to act on it are cleared.
    expect(step!.clearNotifications).toEqual(['referral_received', 'referral_overdue']);
    expect(step!.notifications[0]!.title).toEqual({ en: 'Safe Homes completed the housing referral for C-2026-0042', es: 'Safe Homes completó la derivación de vivienda del caso C-2026-0042' });
    // No caseworker on the case: nobody to tell of the work.
    const unassigned = planned(planTransition(referral('accepted'), { to: 'in_progress' }, actor('partner'), context({ case: { ...context().case, assignedCaseworkerId: null } })));
    expect(unassigned.steps[0]!.notifications[0]!.recipients).toEqual([]);
    expect(answer(planTransition(referral('accepted'), { to: 'in_progress', outcomeNote: 'x' }, actor('partner'), context()))).toMatchObject({
      status: 400,
      errors: { outcomeNote: ['belongs to completing a referral'] },
    });
    // Starting is not handling: nothing is cleared.
    expect(started.steps[0]!.clearNotifications).toBeUndefined();
  });

  it('completing needs a structured outcome, and a reason exactly when the referral was not served', () => {
    const complete = (move: Record<string, unknown>) => planTransition(referral('in_progress'), { to: 'completed', ...move }, actor('partner'), context());
    expect(answer(complete({ outcomeNote: 'Done' }))).toMatchObject({ status: 400, errors: { outcome: ['is required to complete a referral'] } });
    expect(answer(complete({ outcome: 'not_served' }))).toMatchObject({ status: 400, errors: { outcomeReason: ['is required when the referral was not served'] } });
    expect(answer(complete({ outcome: 'enrolled', outcomeReason: 'other' }))).toMatchObject({
      status: 400,
      errors: { outcomeReason: ['applies only when the referral was not served'] },
    });
    expect(answer(planTransition(referral('sent'), { to: 'accepted', outcome: 'housed' }, actor('partner'), context()))).toMatchObject({
      status: 400,
      errors: { outcome: ['belongs to completing a referral'] },
    });
    const notServed = planned(complete({ outcome: 'not_served', outcomeReason: 'not_eligible' }));
    expect(notServed.steps[0]!.write).toMatchObject({ patch: { outcome: 'not_served', outcomeReason: 'not_eligible' } });
  });
});

describe('planTransition: required custom fields on sending', () => {
  it("refuses a send (and a re-route sent at once) while a required field is empty: 422 REFERRAL_INCOMPLETE naming it, whatever the consent says", () => {
    const missingCustom = { 'custom.bedNeeded': ['is required to send the referral'] };
    expect(answer(planTransition(referral('draft'), { to: 'sent' }, actor('coordinator'), context({ missingCustom })))).toMatchObject({
      status: 422,
      code: 'REFERRAL_INCOMPLETE',
      errors: missingCustom,
    });
    const rerouteSent: ReferralMoveRequest = { to: 'reroute', partnerOrgId: WORK.id, rerouteReason: 'Safe Homes has no room', send: true };
    expect(answer(planTransition(referral('sent'), rerouteSent, actor('coordinator'), context({ missingCustom })))).toMatchObject({ code: 'REFERRAL_INCOMPLETE' });
    // None missing: sent as before; a move other than sending is not concerned.
    expect(planned(planTransition(referral('draft'), { to: 'sent' }, actor('coordinator'), context({ missingCustom: {} }))).steps[0]!.write).toMatchObject({ patch: { status: 'sent' } });
    expect(planned(planTransition(referral('sent'), { to: 'accepted' }, actor('partner'), context({ missingCustom }))).steps[0]!.write).toMatchObject({ patch: { status: 'accepted' } });
  });
});

describe('planTransition: the consent gate on sending', () => {
  it('no live consent at all: 422 REFERRAL_CONSENT_MISSING', () => {
    expect(answer(planTransition(referral('draft'), { to: 'sent' }, actor('coordinator'), context({ coverage: NO_CONSENT })))).toEqual({
      status: 422,
      code: 'REFERRAL_CONSENT_MISSING',
      message: 'There is no live consent to share with this partner organization; not covered: alias, languages',
      errors: {
        consent: ['there is no live consent to share with this partner organization'],
        sharedFields: ['not covered by a live consent: alias, languages'],
      },
    });
  });

  it('a consent that does not cover every shared field: 422 naming what is missing', () => {
    const partial: ConsentFacts = { covered: new Set(['alias']), consentId: 'consent-2' };
    const out = answer(planTransition(referral('draft'), { to: 'sent' }, actor('coordinator'), context({ coverage: partial })));
    expect(out).toMatchObject({ status: 422, code: 'REFERRAL_CONSENT_MISSING', message: "The survivor's live consent for this partner does not cover: languages" });
    // Exactly the missing fields, and never "no live consent" when one exists.
    expect(out.errors).toEqual({ sharedFields: ['not covered by a live consent: languages'] });
  });

  it('an override with a reason sends, records the reason on the row and audits it on the case', () => {
    const plan = planned(planTransition(referral('draft'), { to: 'sent', overrideReason: 'Verbal consent by phone today' }, actor('coordinator'), context({ coverage: NO_CONSENT })));
    const [step] = plan.steps;
    expect(step!.write).toMatchObject({ patch: { status: 'sent', consentId: null, consentOverrideReason: 'Verbal consent by phone today' } });
    expect(step!.transitions[0]!.reason).toBe('consent override: Verbal consent by phone today');
    expect(step!.audit).toEqual([
      expect.objectContaining({ action: 'transition', reason: 'draft → sent (consent override, reason recorded)' }),
      { action: 'update', subjectType: 'Case', subjectId: 'case-1', fields: ['referrals'], reason: 'referral sent without covering consent: Verbal consent by phone today' },
    ]);
  });

  it('an override that is not needed is not recorded', () => {
    const plan = planned(planTransition(referral('draft'), { to: 'sent', overrideReason: 'Just in case, really' }, actor('coordinator'), context()));
    expect(plan.steps[0]!.write).toMatchObject({ patch: { consentOverrideReason: null } });
    expect(plan.steps[0]!.audit).toHaveLength(1);
  });

  it('an override belongs to sending only', () => {
    expect(answer(planTransition(referral('draft'), { to: 'cancelled', reason: 'x', overrideReason: 'Verbal consent by phone' }, actor('coordinator'), context()))).toMatchObject({
      status: 400,
      errors: { overrideReason: ['applies only to sending'] },
    });
  });

  it('sending is refused for a closed case (409 CASE_CLOSED, as every change to a closed case)', () => {
    const out = answer(planTransition(referral('draft'), { to: 'sent' }, actor('coordinator'), context({ case: { id: 'case-1', caseNumber: 'C-1', status: 'closed', assignedCaseworkerId: null } })));
    expect(out).toMatchObject({ status: 409, code: 'CASE_CLOSED', errors: { caseId: ['is closed'] } });
  });

  it.each([
    ['no shared field', {}, { sharedFields: [] }, { sharedFields: ['must name what the partner may see'] }],
    ['an inactive partner', { partner: { ...HOUSING, active: false } }, {}, { partnerOrgId: ['is inactive'] }],
    ['a partner not accepting', { partner: { ...HOUSING, acceptingReferrals: false } }, {}, { partnerOrgId: ['is not accepting referrals'] }],
    ['a partner no longer offering the service', { partner: { ...HOUSING, serviceTypes: ['legal'] } }, {}, { serviceType: ['is not offered by Safe Homes'] }],
    ['a partner outside the program', { partner: null }, {}, { partnerOrgId: ['is not a partner organization of yours'] }],
  ] as const)('sending is refused with %s (400)', (_label, ctx, state, errors) => {
    const out = answer(planTransition(referral('draft', state as Partial<ReferralState>), { to: 'sent' }, actor('coordinator'), context(ctx as Partial<WorkflowContext>)));
    expect(out).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors });
  });
});

describe('planTransition: cancellation', () => {
  it('a sent referral: cancelled with its reason, and the partner is told it was withdrawn', () => {
    const plan = planned(planTransition(referral('sent'), { to: 'cancelled', reason: 'Survivor moved away' }, actor('coordinator'), context()));
    expect(plan.steps).toEqual([
      {
        referralId: 'ref-1',
        write: { kind: 'update', version: 4, patch: { status: 'cancelled', cancelledAt: NOW } },
        seal: {},
        transitions: [expect.objectContaining({ fromStatus: 'sent', toStatus: 'cancelled', reason: 'Survivor moved away' })],
        audit: [{ action: 'transition', subjectType: 'Referral', subjectId: 'ref-1', fields: ['status', 'cancelledAt'], reason: 'sent → cancelled' }],
        notifications: [
          { organizationId: ORG, kind: 'referral_update', title: { en: 'A housing referral was withdrawn', es: 'Se retiró una derivación de vivienda' }, referralId: 'ref-1', recipients: [{ role: 'partner', partnerOrgId: HOUSING.id }] },
        ],
        clearNotifications: ['referral_received', 'referral_overdue'],
      },
    ]);
  });

  it('a draft: nobody is told (the partner never knew of it)', () => {
    const plan = planned(planTransition(referral('draft'), { to: 'cancelled', reason: 'Asked by mistake' }, actor('caseworker'), context()));
    expect(plan.steps[0]!.notifications).toEqual([]);
  });

  it.each(['draft', 'sent', 'accepted', 'in_progress'] as const)('by the closure of the case, from %s, by a closer who may cancel it: the same cancellation, one text', (from) => {
    for (const role of from === 'draft' ? (['caseworker', 'coordinator'] as const) : (['coordinator'] as const)) {
      const plan = planned(planTransition(referral(from), { to: 'cancelled', reason: 'the case was closed', cause: 'case_closed' }, actor(role), { now: NOW, case: context().case }));
      const [step] = plan.steps;
      expect(step!.write).toEqual({ kind: 'update', version: 4, patch: { status: 'cancelled', cancelledAt: NOW } });
      expect(step!.transitions).toEqual([expect.objectContaining({ fromStatus: from, toStatus: 'cancelled', reason: 'the case was closed', actorRole: role })]);
      expect(step!.audit).toEqual([{ action: 'transition', subjectType: 'Referral', subjectId: 'ref-1', fields: ['status', 'cancelledAt'], reason: `${from} → cancelled: the case was closed` }]);
      const byPerson = planned(planTransition(referral(from), { to: 'cancelled', reason: 'x' }, actor('coordinator'), context()));
      expect(step!.notifications).toEqual(byPerson.steps[0]!.notifications);
      expect(step!.notifications.map((n) => n.title.en)).toEqual(from === 'draft' ? [] : ['A housing referral was withdrawn']);
    }
  });

  it.each(['sent', 'accepted', 'in_progress'] as const)('the closure of a case by a caseworker does not cancel a %s referral: her role may not (403, audited)', (from) => {
    const decision = planTransition(referral(from), { to: 'cancelled', reason: 'the case was closed', cause: 'case_closed' }, actor('caseworker'), context());
    expect(answer(decision)).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(decision.ok ? null : decision.audit).toMatchObject({ action: 'denied', subjectId: 'ref-1', reason: `${from} → cancelled` });
  });

  it('the closure of a case does not cancel what is already over, and only cancels', () => {
    expect(answer(planTransition(referral('declined'), { to: 'cancelled', reason: 'the case was closed', cause: 'case_closed' }, actor('caseworker'), context()))).toMatchObject({
      status: 409,
      code: 'REFERRAL_INVALID_TRANSITION',
    });
    expect(() => planTransition(referral('sent'), { to: 'accepted', cause: 'case_closed' }, actor('caseworker'), context())).toThrow(/only cancels/);
  });
});

describe('planTransition: re-routing', () => {
  const reroute = (extra: Partial<Extract<ReferralMoveRequest, { to: 'reroute' }>> = {}): ReferralMoveRequest => ({
    to: 'reroute',
    partnerOrgId: WORK.id,
    rerouteReason: 'Safe Homes has no room',
    ...extra,
  });

  it('an open referral: cancelled and linked; a new draft to the other partner, linked back; both audited', () => {
    const plan = planned(planTransition(referral('accepted'), reroute(), actor('coordinator'), context()));
    expect(plan.referralId).toBe('ref-2');
    const [fresh, old] = plan.steps;
    expect(fresh).toEqual({
      referralId: 'ref-2',
      write: {
        kind: 'insert',
        row: {
          id: 'ref-2',
          organizationId: ORG,
          caseId: 'case-1',
          survivorId: 'survivor-1',
          partnerOrgId: WORK.id,
          serviceType: 'housing',
          urgency: 'urgent',
          sharedFields: ['alias', 'languages'],
          status: 'draft',
          createdBy: 'coordinator-user',
          reroutedFromId: 'ref-1',
          sentAt: null,
          consentId: null,
          consentOverrideReason: null,
        },
      },
      seal: { reason: 'Needs a room tonight' },
      transitions: [{ organizationId: ORG, referralId: 'ref-2', fromStatus: null, toStatus: 'draft', reason: 'Safe Homes has no room', actorId: 'coordinator-user', actorRole: 'coordinator', occurredAt: NOW }],
      audit: [
        {
          action: 'create',
          subjectType: 'Referral',
          subjectId: 'ref-2',
          fields: ['caseId', 'partnerOrgId', 'serviceType', 'urgency', 'reason', 'sharedFields', 'reroutedFromId'],
          reason: 're-routed from referral ref-1',
        },
      ],
      notifications: [],
    });
    expect(old).toEqual({
      referralId: 'ref-1',
      write: { kind: 'update', version: 4, patch: { status: 'cancelled', cancelledAt: NOW, reroutedToId: 'ref-2' } },
      seal: {},
      transitions: [{ organizationId: ORG, referralId: 'ref-1', fromStatus: 'accepted', toStatus: 'cancelled', reason: 'Safe Homes has no room', actorId: 'coordinator-user', actorRole: 'coordinator', occurredAt: NOW }],
      audit: [{ action: 'transition', subjectType: 'Referral', subjectId: 'ref-1', fields: ['status', 'cancelledAt', 'reroutedToId'], reason: 'accepted → cancelled, re-routed to referral ref-2' }],
      notifications: [{ organizationId: ORG, kind: 'referral_update', title: { en: 'A housing referral was withdrawn', es: 'Se retiró una derivación de vivienda' }, referralId: 'ref-1', recipients: [{ role: 'partner', partnerOrgId: HOUSING.id }] }],
      clearNotifications: ['referral_received', 'referral_overdue'],
    });
  });

  it('a declined referral is left declined, only linked; a caseworker may ask for another partner, with no reason needed', () => {
    const plan = planned(planTransition(referral('declined'), { to: 'reroute', partnerOrgId: WORK.id }, actor('caseworker'), context()));
    const [fresh, old] = plan.steps;
    expect(old).toMatchObject({
      write: { kind: 'update', version: 4, patch: { reroutedToId: 'ref-2' } },
      transitions: [],
      audit: [{ action: 'update', subjectType: 'Referral', subjectId: 'ref-1', fields: ['reroutedToId'], reason: 're-routed to referral ref-2' }],
      notifications: [],
    });
    expect(fresh!.write).toMatchObject({ kind: 'insert', row: { status: 'draft', reroutedFromId: 'ref-1', createdBy: 'caseworker-user' } });
    expect(fresh!.transitions[0]!.reason).toBe('requested by the caseworker');
  });

  it('what is given replaces what is copied; a null reason means none', () => {
    const plan = planned(
      planTransition(
        referral('declined'),
        reroute({ serviceType: 'vocational', urgency: 'emergency', reason: null, sharedFields: ['alias'] }),
        actor('coordinator'),
        context(),
      ),
    );
    expect(plan.steps[0]!.write).toMatchObject({ row: { serviceType: 'vocational', urgency: 'emergency', sharedFields: ['alias'] } });
    expect(plan.steps[0]!.seal).toEqual({ reason: null });
    const given = planned(planTransition(referral('declined'), reroute({ reason: 'Wants work first' }), actor('coordinator'), context()));
    expect(given.steps[0]!.seal).toEqual({ reason: 'Wants work first' });
  });

  it('sent at once when a coordinator asks and the consent covers it: the partner is told', () => {
    const plan = planned(planTransition(referral('sent'), reroute({ send: true }), actor('coordinator'), context()));
    const [fresh, old] = plan.steps;
    expect(fresh!.write).toMatchObject({ row: { status: 'sent', sentAt: NOW, consentId: 'consent-1', consentOverrideReason: null, reroutedFromId: 'ref-1' } });
    expect(fresh!.transitions.map((t) => `${t.fromStatus}>${t.toStatus}`)).toEqual(['null>draft', 'draft>sent']);
    expect(fresh!.audit.map((a) => `${a.action}:${a.reason}`)).toEqual(['create:re-routed from referral ref-1', 'transition:draft → sent']);
    expect(fresh!.notifications).toEqual([
      { organizationId: ORG, kind: 'referral_received', title: expect.objectContaining({ en: 'New housing referral (urgent)' }), referralId: 'ref-2', recipients: [{ role: 'partner', partnerOrgId: WORK.id }] },
    ]);
    expect(old!.notifications.map((n) => n.title.en)).toEqual(['A housing referral was withdrawn']);
  });

  it('sent at once: the consent gate applies (422), and an override with a reason is recorded on the case', () => {
    expect(answer(planTransition(referral('sent'), reroute({ send: true }), actor('coordinator'), context({ coverage: NO_CONSENT })))).toMatchObject({
      status: 422,
      code: 'REFERRAL_CONSENT_MISSING',
    });
    const plan = planned(planTransition(referral('sent'), reroute({ send: true, overrideReason: 'Verbal consent, form follows' }), actor('coordinator'), context({ coverage: NO_CONSENT })));
    expect(plan.steps[0]!.write).toMatchObject({ row: { status: 'sent', consentOverrideReason: 'Verbal consent, form follows' } });
    expect(plan.steps[0]!.transitions[1]!.reason).toBe('consent override: Verbal consent, form follows');
    expect(plan.steps[0]!.audit).toContainEqual({ action: 'update', subjectType: 'Case', subjectId: 'case-1', fields: ['referrals'], reason: 'referral sent without covering consent: Verbal consent, form follows' });
    expect(answer(planTransition(referral('sent'), reroute({ overrideReason: 'Verbal consent, form follows' }), actor('coordinator'), context()))).toMatchObject({
      status: 400,
      errors: { overrideReason: ['applies only to sending'] },
    });
  });

  it('a caseworker may not send the new referral (403, audited): a coordinator sends it', () => {
    const refusal = refused(planTransition(referral('declined'), reroute({ send: true }), actor('caseworker'), context()));
    expect(refusal.error).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(refusal.audit).toMatchObject({ action: 'denied', subjectId: 'ref-1', reason: 'draft → sent (re-route)' });
  });

  it.each([
    ['no reason for an open referral', 'sent', reroute({ rerouteReason: undefined }), {}, { rerouteReason: ['is required to re-route an open referral: it is recorded on its cancellation'] }],
    ['the same partner', 'declined', reroute({ partnerOrgId: HOUSING.id }), {}, { partnerOrgId: ['is the partner of the referral being re-routed; choose another'] }],
    ['a partner outside the program', 'declined', reroute(), { newPartner: null }, { partnerOrgId: ['is not a partner organization of yours'] }],
    ['an inactive partner', 'declined', reroute(), { newPartner: { ...WORK, active: false } }, { partnerOrgId: ['is inactive'] }],
    ['a partner not accepting', 'declined', reroute(), { newPartner: { ...WORK, acceptingReferrals: false } }, { partnerOrgId: ['is not accepting referrals'] }],
    ['a service the partner does not offer', 'declined', reroute({ serviceType: 'legal' }), {}, { serviceType: ['is not offered by Bridge Works'] }],
    ['sending nothing to share', 'declined', reroute({ send: true, sharedFields: [] }), {}, { sharedFields: ['must name what the partner may see'] }],
  ] as const)('refuses %s (400), changing nothing', (_label, from, move, ctx, errors) => {
    expect(answer(planTransition(referral(from), move, actor('coordinator'), context(ctx as Partial<WorkflowContext>)))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors });
  });

  it('refuses a closed case (409 CASE_CLOSED), changing nothing', () => {
    expect(answer(planTransition(referral('declined'), reroute(), actor('coordinator'), context({ case: { id: 'case-1', caseNumber: 'C-1', status: 'closed', assignedCaseworkerId: null } })))).toMatchObject({
      status: 409,
      code: 'CASE_CLOSED',
      errors: { caseId: ['is closed'] },
    });
  });

  it('a referral already re-routed is not re-routed again (409)', () => {
    expect(answer(planTransition(referral('declined', { reroutedToId: 'ref-0' }), reroute(), actor('coordinator'), context()))).toMatchObject({
      status: 409,
      code: 'REFERRAL_ALREADY_REROUTED',
    });
  });

  it('a draft is edited, not re-routed (409)', () => {
    expect(answer(planTransition(referral('draft'), reroute(), actor('coordinator'), context()))).toMatchObject({
      status: 409,
      code: 'REFERRAL_INVALID_TRANSITION',
      message: 'A draft is not re-routed: edit its partner, or cancel it',
    });
  });
});

describe('planDraft', () => {
  const draft = { id: 'ref-9', organizationId: ORG, caseId: 'case-1', survivorId: 'survivor-1', partnerOrgId: HOUSING.id, serviceType: 'housing' as const, fields: ['caseId', 'partnerOrgId', 'serviceType'] };

  it('a caseworker requests, a coordinator prepares: a routine draft by default, its creation audited', () => {
    const plan = planned(planDraft(draft, actor('caseworker'), context()));
    expect(plan.steps).toEqual([
      expect.objectContaining({
        referralId: 'ref-9',
        write: { kind: 'insert', row: expect.objectContaining({ status: 'draft', urgency: 'routine', sharedFields: [], reroutedFromId: null, createdBy: 'caseworker-user' }) },
        seal: { reason: null },
        transitions: [expect.objectContaining({ fromStatus: null, toStatus: 'draft', reason: 'requested by the caseworker' })],
        audit: [{ action: 'create', subjectType: 'Referral', subjectId: 'ref-9', fields: ['caseId', 'partnerOrgId', 'serviceType'], reason: null }],
        notifications: [],
      }),
    ]);
    expect(planned(planDraft(draft, actor('coordinator'), context())).steps[0]!.transitions[0]!.reason).toBeNull();
  });

  it('refuses a closed case and a partner that cannot take it', () => {
    expect(answer(planDraft(draft, actor('caseworker'), context({ case: { id: 'case-1', caseNumber: 'C-1', status: 'closed', assignedCaseworkerId: null } })))).toMatchObject({
      status: 409,
      code: 'CASE_CLOSED',
      errors: { caseId: ['is closed'] },
    });
    expect(answer(planDraft({ ...draft, serviceType: 'legal' }, actor('caseworker'), context()))).toMatchObject({ status: 400, errors: { serviceType: ['is not offered by Safe Homes'] } });
  });

  it('refusals are the API\'s own errors', () => {
    expect(refused(planDraft(draft, actor('caseworker'), context({ partner: null }))).error).toBeInstanceOf(DomainError);
  });
});
