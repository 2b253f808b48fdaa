import { randomUUID } from 'node:crypto';
import type { Faker } from '@faker-js/faker';
import {
  OPEN_REFERRAL_STATUSES,
  REFERRAL_RESPONSE_HOURS,
  SERVICE_TYPE_LABELS,
  SHAREABLE_SURVIVOR_FIELDS,
  type CaseStatus,
  type ConsentMethod,
  type ImmediateNeed,
  type NotificationKind,
  type ReferralOutcome,
  type ReferralStatus,
  type ReferralUrgency,
  type ServiceType,
  type ShareableSurvivorField,
} from '@lantern/contracts';
import {
  CONSENT_OVERRIDE_REASONS,
  DECLINE_REASONS,
  DRAFT_CANCEL_REASONS,
  REFERRAL_OUTCOMES,
  REFERRAL_REASONS,
  WITHDRAW_REASONS,
} from './words.js';
import type { SyntheticPartner, SyntheticOrg, SyntheticConsent, ReferralActorRole, SyntheticReferralTransition, SyntheticReferral, SyntheticNotification, Weighted } from './types.js';

/**
 * Synthetic referrals of one case (docs/data-dictionary.md, the referral workflow): which services a case is
 * referred for, to which partner, and how far each referral got by now (or by the closure of the
 * case), with one transition row per step actually taken and the consent it was sent under. Pure: no
 * database and no encryption (see apps/api/src/seed/synthetic-loader.ts).
 */

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const RESPONSE_DEADLINE = REFERRAL_RESPONSE_HOURS * HOUR;

/** What the referral generator needs to know about the case. */
export interface ReferralCaseContext {
  org: SyntheticOrg;
  alias: string;
  caseworkerId: string;
  caseStatus: CaseStatus;
  closureReason: string | null;
  openedAt: number;
  closedAt: number | null;
  now: number;
  immediateNeeds: readonly ImmediateNeed[];
  /** The case's consents; consents recorded for a referral are appended to it. */
  consents: SyntheticConsent[];
}

/** Referrals per case: 0–6, about three on average (fewer for cases only days old). */
const COUNT_WEIGHTS: Weighted<number> = [
  { value: 0, weight: 5 },
  { value: 1, weight: 10 },
  { value: 2, weight: 17 },
  { value: 3, weight: 22 },
  { value: 4, weight: 21 },
  { value: 5, weight: 14 },
  { value: 6, weight: 11 },
];

/** How often each service is asked for: a safe place to stay first, then legal aid and health. */
const SERVICE_WEIGHTS: Record<ServiceType, number> = {
  housing: 24,
  shelter: 18,
  legal: 12,
  medical: 10,
  mental_health: 10,
  vocational: 8,
  immigration: 4,
  education: 4,
  financial: 4,
  other: 2,
};

/** Immediate needs from the intake that make a service likelier. */
const NEED_BOOST: Partial<Record<ImmediateNeed, Partial<Record<ServiceType, number>>>> = {
  shelter: { shelter: 2, housing: 1.5 },
  safety: { shelter: 1.3 },
  medical: { medical: 2 },
  legal: { legal: 2 },
  mental_health: { mental_health: 2 },
  immigration: { immigration: 4, legal: 1.3 },
};

const URGENCY_WEIGHTS: Partial<Record<ServiceType, Weighted<ReferralUrgency>>> = {
  shelter: [
    { value: 'routine', weight: 30 },
    { value: 'urgent', weight: 42 },
    { value: 'emergency', weight: 28 },
  ],
  medical: [
    { value: 'routine', weight: 50 },
    { value: 'urgent', weight: 35 },
    { value: 'emergency', weight: 15 },
  ],
  housing: [
    { value: 'routine', weight: 70 },
    { value: 'urgent', weight: 27 },
    { value: 'emergency', weight: 3 },
  ],
};
const DEFAULT_URGENCY: Weighted<ReferralUrgency> = [
  { value: 'routine', weight: 80 },
  { value: 'urgent', weight: 18 },
  { value: 'emergency', weight: 2 },
];

/** How long a service usually runs once started, in days. */
const SERVICE_DAYS: Record<ServiceType, [number, number]> = {
  shelter: [3, 45],
  housing: [14, 180],
  legal: [30, 365],
  immigration: [60, 540],
  medical: [1, 60],
  mental_health: [30, 180],
  vocational: [30, 180],
  education: [60, 270],
  financial: [3, 45],
  other: [3, 60],
};

/** The survivor fields a partner of each service usually needs (alias always). */
const FIELDS_BY_SERVICE: Record<ServiceType, readonly ShareableSurvivorField[]> = {
  housing: ['preferredName', 'languages', 'immediateNeeds', 'safeContactInstructions', 'phone', 'gender', 'pronouns'],
  shelter: ['preferredName', 'languages', 'immediateNeeds', 'safeContactInstructions', 'gender', 'pronouns', 'phone'],
  legal: ['legalName', 'dateOfBirth', 'citizenship', 'languages', 'phone', 'address'],
  immigration: ['legalName', 'dateOfBirth', 'citizenship', 'languages', 'phone'],
  medical: ['legalName', 'dateOfBirth', 'gender', 'pronouns', 'languages', 'immediateNeeds', 'phone'],
  mental_health: ['preferredName', 'languages', 'pronouns', 'safeContactInstructions', 'phone'],
  vocational: ['preferredName', 'languages', 'phone', 'email'],
  education: ['preferredName', 'languages', 'birthYear', 'email'],
  financial: ['legalName', 'dateOfBirth', 'address', 'phone'],
  other: ['preferredName', 'languages', 'phone'],
};

const CONSENT_METHODS: Weighted<ConsentMethod> = [
  { value: 'written', weight: 55 },
  { value: 'verbal', weight: 25 },
  { value: 'electronic', weight: 20 },
];

/** Share of sent referrals that go out on a coordinator's override instead of a covering consent (~15% overall). */
const OVERRIDE_CHANCE: Record<ReferralUrgency, number> = { emergency: 0.4, urgent: 0.16, routine: 0.11 };

const FIELD_ORDER = new Map<string, number>(SHAREABLE_SURVIVOR_FIELDS.map((f, i) => [f, i]));
const inFieldOrder = (fields: Iterable<ShareableSurvivorField>) => [...new Set(fields)].sort((a, b) => FIELD_ORDER.get(a)! - FIELD_ORDER.get(b)!);

const TERMINAL: readonly ReferralStatus[] = ['declined', 'completed', 'cancelled'];
const isOpen = (status: ReferralStatus) => OPEN_REFERRAL_STATUSES.includes(status);

/** Whether a partner-sharing consent was in force at `t`. */
export function consentLiveAt(consent: SyntheticConsent, t: number): boolean {
  return (
    consent.purpose === 'share_with_partner' &&
    consent.grantedAt.getTime() <= t &&
    (consent.revokedAt === null || consent.revokedAt.getTime() > t) &&
    (consent.expiresAt === null || consent.expiresAt.getTime() > t)
  );
}

/** The seeded random choices the synthetic generators make (one faker stream each). */
export class Dice {
  constructor(readonly faker: Faker) {}
  pick<T>(weighted: Weighted<T>): T {
    return this.faker.helpers.weightedArrayElement(weighted as { value: T; weight: number }[]);
  }
  one<T>(values: readonly T[]): T {
    return this.faker.helpers.arrayElement(values);
  }
  chance(probability: number): boolean {
    return this.faker.datatype.boolean({ probability });
  }
  /** A time in [from, to) (from when the interval is empty). */
  between(from: number, to: number): number {
    return to <= from ? from : from + Math.floor(this.faker.number.float() * (to - from));
  }
  /** Uniform in [from, to). */
  real(from: number, to: number): number {
    return from + this.faker.number.float() * (to - from);
  }
}

/** A step after the draft: the status reached, when, and the reason written with it. */
interface PlannedStep {
  to: Exclude<ReferralStatus, 'draft'>;
  at: number;
  reason?: string | null;
}

/** Everything that decides a referral; `materialize` turns it into rows. */
interface ReferralPlan {
  partner: SyntheticPartner;
  serviceType: ServiceType;
  urgency: ReferralUrgency;
  createdAt: number;
  steps: PlannedStep[];
  /** Who cancelled a draft. */
  draftCancelledBy?: 'caseworker' | 'coordinator';
  /** Consent handling on sending: the random mix, or a consent on exactly these fields (the demo inbox). */
  consent: { mode: 'mix' } | { mode: 'fields'; fields: ShareableSurvivorField[] };
  overdueNotified?: boolean;
}

/** The referrals of one case, oldest first. Needs partners and a coordinator in the organization, else none. */
export function generateReferrals(faker: Faker, ctx: ReferralCaseContext): SyntheticReferral[] {
  const partners = ctx.org.partners ?? [];
  if (partners.length === 0 || (ctx.org.coordinatorIds ?? []).length === 0) return [];
  const dice = new Dice(faker);
  const end = ctx.closedAt ?? ctx.now;
  const life = end - ctx.openedAt;
  if (life < 30 * MINUTE) return [];

  const lifeDays = life / DAY;
  const cap = lifeDays < 1 ? 1 : lifeDays < 4 ? 2 : lifeDays < 14 ? 3 : lifeDays < 45 ? 5 : 6;
  let count = Math.min(dice.pick(COUNT_WEIGHTS), cap);
  if (ctx.closureReason === 'client_declined') count = Math.min(count, 1);
  if (count === 0) return [];

  const offered = new Map<ServiceType, SyntheticPartner[]>();
  for (const p of partners) for (const s of p.serviceTypes) offered.set(s, [...(offered.get(s) ?? []), p]);
  if (offered.size === 0) return [];
  const serviceWeights = [...offered.keys()].map((s) => {
    let weight = SERVICE_WEIGHTS[s];
    for (const need of ctx.immediateNeeds) weight *= NEED_BOOST[need]?.[s] ?? 1;
    return { value: s, weight };
  });

  // Most referrals are made early in a case; later ones follow up.
  const times = Array.from({ length: count }, () => ctx.openedAt + 5 * MINUTE + Math.floor((life - 10 * MINUTE) * dice.faker.number.float() ** 1.7)).sort((a, b) => a - b);
  const out: SyntheticReferral[] = [];
  let previous: SyntheticReferral | null = null;
  for (const createdAt of times) {
    // After a decline or a cancellation for no answer, the next referral often asks another partner for the same service.
    const retry =
      previous && (previous.status === 'declined' || (previous.status === 'cancelled' && previous.sentAt !== null)) && dice.chance(0.6) ? previous : null;
    const serviceType = retry ? retry.serviceType : dice.pick(serviceWeights);
    const candidates = offered.get(serviceType)!;
    let partner: SyntheticPartner;
    const suggested = retry?.suggestedPartnerOrgId ? candidates.find((p) => p.id === retry.suggestedPartnerOrgId) : undefined;
    const others = retry ? candidates.filter((p) => p.id !== retry.partnerOrgId) : candidates;
    const consented = others.filter((p) => ctx.consents.some((c) => c.partnerOrgId === p.id && consentLiveAt(c, createdAt)));
    if (suggested) partner = suggested;
    else if (consented.length > 0 && dice.chance(0.6)) partner = dice.one(consented);
    else partner = dice.pick((others.length > 0 ? others : candidates).map((p) => ({ value: p, weight: p.acceptingReferrals ? 8 : 1 })));

    const urgency = dice.pick(URGENCY_WEIGHTS[serviceType] ?? DEFAULT_URGENCY);
    const plan = planReferral(dice, ctx, { partner, serviceType, urgency, createdAt });
    // What is waiting to go out or for an answer now is addressed to a partner that takes referrals now.
    const reached = plan.steps.at(-1)?.to ?? 'draft';
    if ((reached === 'draft' || reached === 'sent') && !partner.acceptingReferrals) {
      const accepting = candidates.filter((p) => p.acceptingReferrals);
      if (accepting.length === 0) continue;
      plan.partner = dice.one(accepting);
    }
    const referral = materialize(dice, ctx, plan);
    out.push(referral);
    previous = referral;
  }
  return out;
}

/** How quickly the partner answers: mostly within a day, some after the 48-hour benchmark. */
function responseDelay(dice: Dice, urgency: ReferralUrgency): number {
  if (urgency === 'emergency') return dice.between(10 * MINUTE, 6 * HOUR);
  if (urgency === 'urgent') return dice.chance(0.92) ? dice.between(HOUR, 36 * HOUR) : dice.between(36 * HOUR, 4 * DAY);
  const band = dice.pick<[number, number]>([
    { value: [2 * HOUR, 24 * HOUR], weight: 68 },
    { value: [24 * HOUR, 47 * HOUR], weight: 20 },
    { value: [49 * HOUR, 7 * DAY], weight: 12 },
  ]);
  return dice.between(band[0], band[1]);
}

function planReferral(
  dice: Dice,
  ctx: ReferralCaseContext,
  base: Pick<ReferralPlan, 'partner' | 'serviceType' | 'urgency' | 'createdAt'>,
): ReferralPlan {
  const end = ctx.closedAt ?? ctx.now;
  const plan: ReferralPlan = { ...base, steps: [], consent: { mode: 'mix' } };
  let last = base.createdAt;
  /** Takes the step if it happens before the end (closure or now); returns whether it did. */
  const step = (to: PlannedStep['to'], at: number, reason: string | null = null): boolean => {
    if (at > end) return false;
    plan.steps.push({ to, at, reason });
    last = at;
    return true;
  };

  walk: {
    if (dice.chance(0.04)) {
      plan.draftCancelledBy = dice.chance(0.5) ? 'caseworker' : 'coordinator';
      step('cancelled', last + dice.between(HOUR, 5 * DAY), dice.one(DRAFT_CANCEL_REASONS));
      break walk;
    }
    const sendDelay = dice.chance(0.04)
      ? dice.between(3 * DAY, 20 * DAY) // waiting on a coordinator
      : base.urgency === 'emergency'
        ? dice.between(5 * MINUTE, 90 * MINUTE)
        : base.urgency === 'urgent'
          ? dice.between(30 * MINUTE, 8 * HOUR)
          : dice.between(HOUR, 3 * DAY);
    if (!step('sent', last + sendDelay)) break walk;
    const sentAt = last;
    const fate = dice.pick<'silent' | 'declined' | 'accepted'>([
      { value: 'silent', weight: 6 },
      { value: 'declined', weight: 13 },
      { value: 'accepted', weight: 81 },
    ]);
    if (fate === 'silent') {
      const wait = dice.between(5 * DAY, 21 * DAY);
      step('cancelled', sentAt + wait, `No answer from the partner after ${Math.round(wait / DAY)} days; referring elsewhere`);
      break walk;
    }
    if (!step(fate, sentAt + responseDelay(dice, base.urgency), fate === 'declined' ? dice.one(DECLINE_REASONS) : null)) break walk;
    if (fate === 'declined') break walk;
    if (dice.chance(0.05)) {
      step('cancelled', last + dice.between(DAY, 20 * DAY), dice.one(WITHDRAW_REASONS));
      break walk;
    }
    if (!step('in_progress', last + dice.between(2 * HOUR, 10 * DAY))) break walk;
    const [min, max] = SERVICE_DAYS[base.serviceType];
    const duration = dice.between(min * DAY, max * DAY);
    if (dice.chance(0.06)) {
      step('cancelled', last + dice.between(DAY, duration), dice.one(WITHDRAW_REASONS));
      break walk;
    }
    step('completed', last + duration);
  }

  // A closed case leaves nothing open: services end with it, or the coordinator withdraws what is left.
  const reached = plan.steps.at(-1)?.to ?? 'draft';
  if (ctx.closedAt !== null && !TERMINAL.includes(reached)) {
    const at = Math.min(end, Math.max(last + MINUTE, dice.between(end - 2 * DAY, end)));
    if (reached === 'in_progress' && dice.chance(0.75)) plan.steps.push({ to: 'completed', at });
    else {
      if (reached === 'draft') plan.draftCancelledBy = 'caseworker';
      plan.steps.push({ to: 'cancelled', at, reason: reached === 'sent' ? 'Case closed before the partner answered' : 'Case closed' });
    }
  }
  return plan;
}

/** Rows of a planned referral: actors, the consent (or override) it went out under, the timestamps. */
function materialize(dice: Dice, ctx: ReferralCaseContext, plan: ReferralPlan): SyntheticReferral {
  const coordinator = dice.one(ctx.org.coordinatorIds!);
  const partnerActor = (): { actorId: string; actorRole: ReferralActorRole } =>
    plan.partner.userIds.length > 0 ? { actorId: dice.one(plan.partner.userIds), actorRole: 'partner' } : { actorId: coordinator, actorRole: 'coordinator' };
  const status: ReferralStatus = plan.steps.at(-1)?.to ?? 'draft';
  const at = (to: ReferralStatus) => plan.steps.find((s) => s.to === to)?.at ?? null;
  const sentAt = at('sent');
  const respondedAt = at('accepted') ?? at('declined');
  const id = randomUUID();

  // What the partner may see: alias and what the service needs.
  let sharedFields = inFieldOrder([
    'alias',
    ...dice.faker.helpers.arrayElements(FIELDS_BY_SERVICE[plan.serviceType] as ShareableSurvivorField[], { min: 2, max: 4 }),
  ]);
  let consentId: string | null = null;
  let overrideReason: string | null = null;
  if (plan.consent.mode === 'fields') sharedFields = inFieldOrder(plan.consent.fields);
  if (sentAt !== null) {
    const stillOpen = isOpen(status);
    const usable = ctx.consents
      .filter((c) => c.partnerOrgId === plan.partner.id && consentLiveAt(c, sentAt) && (!stillOpen || consentLiveAt(c, ctx.now)))
      .sort((a, b) => b.grantedAt.getTime() - a.grantedAt.getTime());
    const covers = (c: SyntheticConsent) => sharedFields.every((f) => c.sharedFields.includes(f));
    if (plan.consent.mode === 'mix' && dice.chance(OVERRIDE_CHANCE[plan.urgency])) {
      // Sent beyond what the survivor signed: the newest live consent (if any) is named, and the rest is the override.
      const newest = usable[0] ?? null;
      if (newest && covers(newest)) {
        const extra = FIELDS_BY_SERVICE[plan.serviceType].filter((f) => !newest.sharedFields.includes(f));
        if (extra.length > 0) sharedFields = inFieldOrder([...sharedFields, dice.one(extra)]);
      }
      if (!newest || !covers(newest)) {
        consentId = newest?.id ?? null;
        overrideReason = dice.one(CONSENT_OVERRIDE_REASONS);
      }
    }
    if (overrideReason === null) {
      const covering = usable.find(covers);
      const narrowed = plan.consent.mode === 'mix' && usable[0] ? sharedFields.filter((f) => usable[0]!.sharedFields.includes(f)) : [];
      if (covering) consentId = covering.id;
      else if (narrowed.length >= 2 && dice.chance(0.7)) {
        // The caseworker shares only what the survivor already agreed to.
        sharedFields = narrowed;
        consentId = usable[0]!.id;
      } else {
        const grantedAt = dice.between(Math.max(ctx.openedAt, plan.createdAt - DAY), sentAt);
        let expiresAt = grantedAt + dice.one([180, 365]) * DAY;
        if (stillOpen && expiresAt <= ctx.now) expiresAt = ctx.now + dice.between(30, 300) * DAY;
        const extra = plan.consent.mode === 'mix' && dice.chance(0.3) ? [dice.one(FIELDS_BY_SERVICE[plan.serviceType])] : [];
        const consent: SyntheticConsent = {
          id: randomUUID(),
          purpose: 'share_with_partner',
          partnerOrgId: plan.partner.id,
          sharedFields: inFieldOrder([...sharedFields, ...extra]),
          method: dice.pick(CONSENT_METHODS),
          grantedAt: new Date(grantedAt),
          expiresAt: new Date(expiresAt),
          revokedAt: null,
          revocationReason: null,
        };
        ctx.consents.push(consent);
        consentId = consent.id;
      }
    }
  }

  const transitions: SyntheticReferralTransition[] = [
    { id: randomUUID(), fromStatus: null, toStatus: 'draft', reason: 'requested by the caseworker', actorId: ctx.caseworkerId, actorRole: 'caseworker', occurredAt: new Date(plan.createdAt) },
  ];
  let from: ReferralStatus = 'draft';
  for (const s of plan.steps) {
    let actor: { actorId: string; actorRole: ReferralActorRole };
    if (s.to === 'sent') actor = { actorId: coordinator, actorRole: 'coordinator' };
    else if (s.to === 'cancelled')
      actor = from === 'draft' && plan.draftCancelledBy === 'caseworker' ? { actorId: ctx.caseworkerId, actorRole: 'caseworker' } : { actorId: coordinator, actorRole: 'coordinator' };
    else actor = partnerActor();
    const reason = s.to === 'sent' && overrideReason ? `consent override: ${overrideReason}` : (s.reason ?? null);
    transitions.push({ id: randomUUID(), fromStatus: from, toStatus: s.to, reason, ...actor, occurredAt: new Date(s.at) });
    from = s.to;
  }

  // The overdue notice went out for about half of the referrals answered late, and for every one still
  // waiting: a running Lantern sends it within ten minutes of the deadline (features/referrals/
  // overdue-referrals.ts in the API). Left unsent, the first run of that job after a load would send them
  // all at once, in the middle of whatever is being measured. A fixture says for itself.
  let overdueNotifiedAt: number | null = null;
  if (sentAt !== null) {
    // Until the partner answered or the referral was withdrawn (the step after sending), else until now.
    const next = plan.steps[plan.steps.findIndex((s) => s.to === 'sent') + 1];
    const waitedUntil = next?.at ?? ctx.now;
    const dueAt = sentAt + RESPONSE_DEADLINE;
    // The die is rolled as before, so every other value drawn after it stays the same.
    const notified = plan.overdueNotified ?? (dice.chance(0.5) || next === undefined);
    if (waitedUntil - dueAt > 10 * MINUTE && notified) overdueNotifiedAt = Math.min(waitedUntil - MINUTE, dueAt + dice.between(MINUTE, HOUR));
  }

  const declined = plan.steps.find((s) => s.to === 'declined');
  const alternatives = declined ? (ctx.org.partners ?? []).filter((p) => p.id !== plan.partner.id && p.serviceTypes.includes(plan.serviceType)) : [];
  const lastAt = Math.max(plan.steps.at(-1)?.at ?? plan.createdAt, overdueNotifiedAt ?? 0);
  const fill = (template: string) => template.replaceAll('{alias}', ctx.alias);
  const completedAt = at('completed');
  return {
    id,
    partnerOrgId: plan.partner.id,
    serviceType: plan.serviceType,
    urgency: plan.urgency,
    reason: dice.chance(0.92) ? `[Synthetic] ${fill(dice.one(REFERRAL_REASONS[plan.serviceType] ?? REFERRAL_REASONS.other!))}` : null,
    sharedFields,
    status,
    createdAt: new Date(plan.createdAt),
    createdBy: ctx.caseworkerId,
    updatedAt: new Date(lastAt),
    // Every move (and the overdue notice) is an update of the row.
    version: transitions.length + (overdueNotifiedAt === null ? 0 : 1),
    sentAt: sentAt === null ? null : new Date(sentAt),
    respondedAt: respondedAt === null ? null : new Date(respondedAt),
    startedAt: nullableDate(at('in_progress')),
    completedAt: nullableDate(completedAt),
    cancelledAt: nullableDate(at('cancelled')),
    declineReason: declined?.reason ?? null,
    suggestedPartnerOrgId: alternatives.length > 0 && dice.chance(0.35) ? dice.one(alternatives).id : null,
    consentId,
    consentOverrideReason: overrideReason,
    outcomeNote: completedAt === null ? null : `[Synthetic] ${fill(dice.one(REFERRAL_OUTCOMES[plan.serviceType] ?? REFERRAL_OUTCOMES.other!))}`,
    outcome: completedAt === null ? null : syntheticOutcome(plan.serviceType),
    overdueNotifiedAt: nullableDate(overdueNotifiedAt),
    transitions,
  };
}

const nullableDate = (t: number | null) => (t === null ? null : new Date(t));

/** What a completed synthetic referral records: the housing services house, the learning ones enrol, the rest serve. */
function syntheticOutcome(serviceType: ServiceType): ReferralOutcome {
  if (serviceType === 'housing' || serviceType === 'shelter') return 'housed';
  if (serviceType === 'vocational' || serviceType === 'education') return 'enrolled';
  return 'services_given';
}

/** One referral the demo partner should find in its inbox, with times relative to now. */
export interface FeaturedReferral {
  status: 'sent' | 'accepted' | 'in_progress';
  serviceType: ServiceType;
  urgency: ReferralUrgency;
  sentHoursAgo: number;
  respondedHoursAgo?: number;
  startedHoursAgo?: number;
  /** For an overdue one: whether the overdue notice went out. */
  overdueNotified?: boolean;
}

/**
 * Adds `featured` open referrals to `partnerOrgId`, one per case, on the newest open cases that can
 * hold them, each sent under a live consent on exactly `fields` (recorded for the occasion). Returns
 * the referrals with the index of their bundle.
 */
export function addFeaturedReferrals(
  faker: Faker,
  org: SyntheticOrg,
  bundles: readonly {
    survivor: { alias: string };
    kase: { status: CaseStatus; assignedCaseworkerId: string; openedAt: Date };
    intake: { immediateNeeds: ImmediateNeed[] };
    consents: SyntheticConsent[];
    referrals: SyntheticReferral[];
  }[],
  partnerOrgId: string,
  fields: ShareableSurvivorField[],
  featured: readonly FeaturedReferral[],
  now: Date,
): { bundleIndex: number; referral: SyntheticReferral }[] {
  const partner = (org.partners ?? []).find((p) => p.id === partnerOrgId);
  if (!partner || (org.coordinatorIds ?? []).length === 0) return [];
  const dice = new Dice(faker);
  const t = now.getTime();
  const used = new Set<number>();
  const out: { bundleIndex: number; referral: SyntheticReferral }[] = [];
  for (const f of featured) {
    const sentAt = t - Math.round(f.sentHoursAgo * HOUR);
    const createdAt = sentAt - 2 * HOUR;
    // Newest first: the open cases whose life covers the referral and that have no open referral to this partner.
    let index = -1;
    for (let i = bundles.length - 1; i >= 0; i--) {
      const b = bundles[i]!;
      if (used.has(i) || b.kase.status === 'closed' || b.kase.openedAt.getTime() > createdAt - 2 * HOUR) continue;
      if (b.referrals.some((r) => r.partnerOrgId === partnerOrgId && isOpen(r.status))) continue;
      index = i;
      break;
    }
    if (index < 0) continue;
    used.add(index);
    const b = bundles[index]!;
    const steps: PlannedStep[] = [{ to: 'sent', at: sentAt }];
    if (f.status !== 'sent') steps.push({ to: 'accepted', at: t - Math.round((f.respondedHoursAgo ?? f.sentHoursAgo / 2) * HOUR) });
    if (f.status === 'in_progress') steps.push({ to: 'in_progress', at: t - Math.round((f.startedHoursAgo ?? 1) * HOUR) });
    const ctx: ReferralCaseContext = {
      org,
      alias: b.survivor.alias,
      caseworkerId: b.kase.assignedCaseworkerId,
      caseStatus: b.kase.status,
      closureReason: null,
      openedAt: b.kase.openedAt.getTime(),
      closedAt: null,
      now: t,
      immediateNeeds: b.intake.immediateNeeds,
      consents: b.consents,
    };
    const referral = materialize(dice, ctx, {
      partner,
      serviceType: f.serviceType,
      urgency: f.urgency,
      createdAt,
      steps,
      consent: { mode: 'fields', fields },
      overdueNotified: f.overdueNotified ?? false,
    });
    b.referrals.push(referral);
    out.push({ bundleIndex: index, referral });
  }
  return out;
}

/**
 * The notifications the referral service sends for the moves of `referral` since `since` (same
 * recipients and titles: cases by number, services by type, never a person). Older than a day: read.
 */
export function referralNotifications(
  referral: SyntheticReferral,
  ctx: { caseId: string; caseNumber: string; caseworkerId: string; coordinatorIds: readonly string[]; partnerName: string; partnerUserIds: readonly string[]; since: number; now: number },
): SyntheticNotification[] {
  const service = SERVICE_TYPE_LABELS[referral.serviceType].toLowerCase();
  const staff = [...new Set([...ctx.coordinatorIds, ctx.caseworkerId])];
  const out: SyntheticNotification[] = [];
  const add = (userIds: readonly string[], kind: NotificationKind, title: string, at: Date, withCase: boolean) => {
    if (at.getTime() < ctx.since) return;
    const readAt = ctx.now - at.getTime() > DAY ? new Date(at.getTime() + 3 * HOUR) : null;
    for (const userId of userIds) out.push({ id: randomUUID(), userId, kind, title, referralId: referral.id, caseId: withCase ? ctx.caseId : null, createdAt: at, readAt });
  };
  for (const t of referral.transitions) {
    if (t.toStatus === 'sent') {
      add(ctx.partnerUserIds, 'referral_received', `New ${service} referral${referral.urgency === 'routine' ? '' : ` (${referral.urgency})`}`, t.occurredAt, false);
    } else if (t.toStatus === 'accepted' || t.toStatus === 'declined') {
      add(staff, 'referral_response', `${ctx.partnerName} ${t.toStatus} the ${service} referral for ${ctx.caseNumber}`, t.occurredAt, true);
    } else if (t.toStatus === 'in_progress' || t.toStatus === 'completed') {
      const verb = t.toStatus === 'completed' ? 'completed' : 'started';
      add([ctx.caseworkerId], 'referral_update', `${ctx.partnerName} ${verb} the ${service} referral for ${ctx.caseNumber}`, t.occurredAt, true);
    } else if (t.toStatus === 'cancelled' && t.fromStatus !== 'draft') {
      add(ctx.partnerUserIds, 'referral_update', `A ${service} referral was withdrawn`, t.occurredAt, false);
    }
  }
  if (referral.overdueNotifiedAt) {
    add(staff, 'referral_overdue', `No answer from ${ctx.partnerName} in 48 hours on the ${service} referral for ${ctx.caseNumber}`, referral.overdueNotifiedAt, true);
  }
  return out.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
