import { randomUUID } from 'node:crypto';
import type { Faker } from '@faker-js/faker';
import {
  ASSESSMENT_DUE_DAYS,
  GOAL_FINAL_STATUSES,
  type AgreementMethod,
  type AssessmentStage,
  type CaseStatus,
  type ClosureReason,
  type EducationStatus,
  type EmploymentStatus,
  type ExploitationType,
  type GoalDomain,
  type GoalStatus,
  type ImmediateNeed,
  type IncomeChange,
  type PlanType,
  type ServiceType,
  type TaskOwner,
} from '@lantern/contracts';
import { Dice } from './referrals.js';
import { GOAL_TEMPLATES, TASK_TEMPLATES } from './words.js';
import type { SyntheticReferral, SyntheticPlanVersion, SyntheticTask, SyntheticGoal, SyntheticPlan, SyntheticAssessment, Weighted } from './types.js';

/**
 * Synthetic service plans (with agreed versions, goals and tasks) and outcome assessments of one case
 * (issue 5): as far as the case's life allows, and as the API would have let a caseworker record them —
 * one active plan per open case, earlier plans superseded, the plan of a closed case closed; partner
 * tasks only through a referral the partner took on; follow-up stages when due, the exit assessment at
 * closure. Outcomes follow a trajectory per survivor (most improve, some stay put, some slip back), so
 * the anonymized metrics have something real to count. Pure: no database, no encryption.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** What the plan generator needs to know about the case. */
export interface PlanCaseContext {
  caseworkerId: string;
  status: CaseStatus;
  openedAt: number;
  /** When the case first went intake → active (null: it never did). */
  activatedAt: number | null;
  closedAt: number | null;
  closureReason: ClosureReason | null;
  exitDestination: number | null;
  now: number;
  ageAtOpening: number;
  foreign: boolean;
  exploitationTypes: readonly ExploitationType[];
  immediateNeeds: readonly ImmediateNeed[];
  referrals: readonly SyntheticReferral[];
}

export interface SyntheticCarePlan {
  plans: SyntheticPlan[];
  assessments: SyntheticAssessment[];
}

const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);
const dayStart = (iso: string) => Date.parse(`${iso}T00:00:00Z`);


/** HTCDS 2.0 support-plan types: rehabilitation for the form of exploitation first, then care, livelihood, law. */
const SEXUAL_PLAN_TYPES: Weighted<PlanType> = [
  { value: 'SexualExploitationRehabilitation', weight: 42 },
  { value: 'SocialCare', weight: 20 },
  { value: 'Health', weight: 9 },
  { value: 'Legal', weight: 8 },
  { value: 'Livelihood', weight: 9 },
  { value: 'Education', weight: 5 },
  { value: 'Financial', weight: 3 },
  { value: 'RightsBasedTraining', weight: 4 },
];
const LABOUR_PLAN_TYPES: Weighted<PlanType> = [
  { value: 'LabourExploitationRehabilitation', weight: 40 },
  { value: 'Livelihood', weight: 16 },
  { value: 'Legal', weight: 15 },
  { value: 'SocialCare', weight: 12 },
  { value: 'Financial', weight: 6 },
  { value: 'Health', weight: 5 },
  { value: 'RightsBasedTraining', weight: 6 },
];
/** Later plans move on from crisis care to building a life. */
const FOLLOW_ON_PLAN_TYPES: Weighted<PlanType> = [
  { value: 'Livelihood', weight: 30 },
  { value: 'Education', weight: 18 },
  { value: 'SocialCare', weight: 18 },
  { value: 'Financial', weight: 14 },
  { value: 'Health', weight: 10 },
  { value: 'RightsBasedTraining', weight: 10 },
];

const GOAL_COUNT: Weighted<number> = [
  { value: 2, weight: 25 },
  { value: 3, weight: 40 },
  { value: 4, weight: 25 },
  { value: 5, weight: 10 },
];

const BASE_DOMAIN_WEIGHTS: Record<GoalDomain, number> = {
  housing: 20,
  safety: 14,
  mental_health: 14,
  employment: 12,
  legal: 9,
  health: 9,
  financial: 8,
  education: 6,
  family: 5,
  other: 3,
};

/** The goal domain a referral for a service serves. */
const DOMAIN_OF_SERVICE: Record<ServiceType, GoalDomain> = {
  housing: 'housing',
  shelter: 'housing',
  legal: 'legal',
  immigration: 'legal',
  medical: 'health',
  mental_health: 'mental_health',
  vocational: 'employment',
  education: 'education',
  financial: 'financial',
  other: 'other',
};

const AGREEMENT_WEIGHTS: Weighted<AgreementMethod> = [
  { value: 'in_person_signature', weight: 55 },
  { value: 'in_person_verbal', weight: 20 },
  { value: 'phone', weight: 10 },
  { value: 'video', weight: 7 },
  { value: 'electronic', weight: 8 },
];

const TASK_OWNERS: Weighted<TaskOwner> = [
  { value: 'caseworker', weight: 45 },
  { value: 'survivor', weight: 35 },
  { value: 'partner', weight: 20 },
];

const PARTNER_TASK_OWNERS: Weighted<TaskOwner> = [
  { value: 'caseworker', weight: 30 },
  { value: 'survivor', weight: 30 },
  { value: 'partner', weight: 40 },
];

/** The referral statuses in which the partner has taken the work on. */
const TAKEN_ON = new Set(['accepted', 'in_progress', 'completed']);

/** The plans and assessments of one case. */
export function generateCarePlan(faker: Faker, ctx: PlanCaseContext): SyntheticCarePlan {
  const dice = new Dice(faker);
  const trajectory = drawTrajectory(dice, ctx);
  return { plans: generatePlans(dice, ctx, trajectory), assessments: generateAssessments(dice, ctx, trajectory) };
}

// --- trajectory ---

/**
 * Where the survivor stands (a level: below 0.6 homeless-ish, above 1.6 stably housed) and how it moves
 * per 90 days: most improve, some stay put, some slip back.
 */
interface Trajectory {
  kind: 'improving' | 'stable' | 'regressing';
  baseline: number;
  slope: number;
  /** Whether the survivor is in (or heading to) education or training. */
  learner: boolean;
}

function drawTrajectory(dice: Dice, ctx: PlanCaseContext): Trajectory {
  const kind = dice.pick<Trajectory['kind']>([
    { value: 'improving', weight: 66 },
    { value: 'stable', weight: 21 },
    { value: 'regressing', weight: 13 },
  ]);
  const crisis = ctx.immediateNeeds.includes('shelter') || ctx.immediateNeeds.includes('safety');
  const baseline = dice.real(0, 1.4) - (crisis ? 0.35 : 0);
  const slope = kind === 'improving' ? dice.real(0.35, 0.9) : kind === 'stable' ? dice.real(-0.08, 0.15) : dice.real(-0.5, -0.12);
  return { kind, baseline, slope, learner: ctx.ageAtOpening < 18 || dice.chance(0.3) };
}

/** The level `days` after opening, capped: nobody's life is a straight line for two years. */
const levelAt = (t: Trajectory, days: number) => Math.max(-0.5, Math.min(3.2, t.baseline + (t.slope * Math.min(days, 540)) / 90));

// --- plans, goals, tasks ---

function generatePlans(dice: Dice, ctx: PlanCaseContext, trajectory: Trajectory): SyntheticPlan[] {
  const end = ctx.closedAt ?? ctx.now;
  let firstStart: number;
  if (ctx.activatedAt !== null) {
    if (!dice.chance(0.93)) return [];
    firstStart = dice.between(ctx.activatedAt, ctx.activatedAt + 21 * DAY);
  } else if (ctx.status === 'intake' && ctx.now - ctx.openedAt > 5 * DAY && dice.chance(0.25)) {
    // A plan drafted during the intake, not yet agreed.
    firstStart = dice.between(ctx.openedAt + DAY, ctx.now - DAY);
  } else return [];
  if (firstStart >= end - DAY) return [];

  const starts = [firstStart];
  if (end - firstStart > 240 * DAY && dice.chance(0.35)) starts.push(dice.between(firstStart + 120 * DAY, end - 30 * DAY));
  if (starts.length === 2 && end - starts[1]! > 240 * DAY && dice.chance(0.3)) starts.push(dice.between(starts[1]! + 120 * DAY, end - 30 * DAY));

  const labour = ctx.exploitationTypes[0] !== 'SexualExploitation';
  const plans: SyntheticPlan[] = [];
  starts.forEach((start, i) => {
    const last = i === starts.length - 1;
    const planEnd = last ? end : starts[i + 1]!;
    const status: SyntheticPlan['status'] = !last ? 'superseded' : ctx.closedAt !== null ? 'closed' : 'active';
    let planType = dice.pick(i > 0 ? FOLLOW_ON_PLAN_TYPES : labour ? LABOUR_PLAN_TYPES : SEXUAL_PLAN_TYPES);
    if (i === 0 && ctx.ageAtOpening < 18 && dice.chance(0.3)) planType = 'Education';
    plans.push(generatePlan(dice, ctx, trajectory, { number: i + 1, planType, status, start, planEnd, draft: ctx.activatedAt === null }));
  });
  return plans;
}

interface PlanSlot {
  number: number;
  planType: PlanType;
  status: SyntheticPlan['status'];
  start: number;
  /** The start of the next plan, the closure, or now. */
  planEnd: number;
  /** Drafted during the intake: not agreed yet. */
  draft: boolean;
}

function generatePlan(dice: Dice, ctx: PlanCaseContext, trajectory: Trajectory, slot: PlanSlot): SyntheticPlan {
  const { start, planEnd, status } = slot;
  const startsOn = isoDate(start);
  const today = isoDate(ctx.now);
  const lifeDays = (planEnd - start) / DAY;

  // Goals: most at the start, some added later (each addition after an agreement opens a new revision).
  const domains = drawDomains(dice, ctx, dice.pick(GOAL_COUNT));
  const goals = domains.map((domain, i) => {
    const createdAt = i < 2 || lifeDays < 20 || dice.chance(0.7) ? start + dice.between(0, HOUR) : dice.between(start + 7 * DAY, planEnd);
    return generateGoal(dice, ctx, trajectory, { domain, createdAt, startsOn, status, planEnd });
  });
  goals.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());

  // Revisions: one per later change to what was agreed; the survivor agreed to each revision but perhaps the last.
  const revision = slot.draft || lifeDays < 20 ? 1 : 1 + (dice.chance(0.35) ? 1 : 0) + (dice.chance(0.1) ? 1 : 0);
  const lastAgreed = slot.draft ? false : status !== 'active' ? dice.chance(0.95) : lifeDays < 3 ? dice.chance(0.4) : dice.chance(0.86);
  const agreedRevisions = lastAgreed ? revision : revision - 1;
  const agreedTimes = Array.from({ length: agreedRevisions }, () => dice.between(start + HOUR, Math.max(start + 2 * HOUR, planEnd - HOUR)))
    .map((t) => Math.max(t, start + HOUR))
    .sort((a, b) => a - b);
  const versions: SyntheticPlanVersion[] = agreedTimes.map((t, i) => {
    const id = randomUUID();
    return {
      id,
      revision: i + 1,
      agreedOn: isoDate(t),
      method: dice.pick(AGREEMENT_WEIGHTS),
      witnessedBy: ctx.caseworkerId,
      content: JSON.stringify(goals.filter((g) => g.createdAt.getTime() <= t).map(agreedGoal)),
      createdAt: new Date(t),
    };
  });

  // The next review: every 90 days from the start; on an open plan about one in six is overdue.
  let reviewDate: string;
  if (status === 'active') {
    const planAge = (ctx.now - start) / DAY;
    reviewDate =
      planAge > 95 && dice.chance(0.17)
        ? isoDate(dice.between(Math.max(start + 90 * DAY, ctx.now - 75 * DAY), ctx.now - DAY))
        : isoDate(Math.max(start + 90 * DAY, dice.between(ctx.now + DAY, ctx.now + 90 * DAY)));
  } else reviewDate = isoDate(Math.max(start + 30 * DAY, dice.between(planEnd - 60 * DAY, planEnd + 30 * DAY)));
  if (reviewDate < startsOn) reviewDate = startsOn;
  if (status === 'active' && reviewDate < today && ctx.now - start < 95 * DAY) reviewDate = isoDate(start + 90 * DAY);

  const times = [start, ...versions.map((v) => v.createdAt.getTime()), ...goals.map((g) => g.updatedAt.getTime())];
  if (status !== 'active') times.push(planEnd);
  return {
    id: randomUUID(),
    planNumber: slot.number,
    planType: slot.planType,
    status,
    startsOn,
    reviewDate,
    revision,
    agreedRevision: agreedRevisions > 0 ? agreedRevisions : null,
    agreedAt: versions.at(-1)?.createdAt ?? null,
    createdAt: new Date(start),
    updatedAt: new Date(Math.min(Math.max(...times), ctx.now)),
    versions,
    goals,
  };
}

/** A goal as it stood in an agreed version (what the survivor agreed to, not the progress). */
const agreedGoal = (g: SyntheticGoal) => ({
  id: g.id,
  domain: g.domain,
  description: g.description,
  targetDate: g.targetDate,
  tasks: g.tasks.map((t) => ({ id: t.id, description: t.description, owner: t.owner, dueDate: t.dueDate })),
});

/** `count` distinct domains, likelier where the intake's needs and the case's referrals point. */
function drawDomains(dice: Dice, ctx: PlanCaseContext, count: number): GoalDomain[] {
  const weights = { ...BASE_DOMAIN_WEIGHTS };
  for (const need of ctx.immediateNeeds) {
    if (need === 'shelter') weights.housing *= 1.8;
    if (need === 'safety') weights.safety *= 1.6;
    if (need === 'medical') weights.health *= 1.8;
    if (need === 'mental_health') weights.mental_health *= 1.8;
    if (need === 'legal' || need === 'immigration') weights.legal *= 1.8;
  }
  if (ctx.foreign) weights.legal *= 1.5;
  if (ctx.ageAtOpening < 18) {
    weights.education *= 4;
    weights.employment *= 0.3;
  }
  for (const r of ctx.referrals) weights[DOMAIN_OF_SERVICE[r.serviceType]] *= 1.3;
  const out: GoalDomain[] = [];
  for (let i = 0; i < count * 3 && out.length < count; i++) {
    const d = dice.pick((Object.entries(weights) as [GoalDomain, number][]).map(([value, weight]) => ({ value, weight })));
    if (!out.includes(d)) out.push(d);
  }
  return out;
}

interface GoalSlot {
  domain: GoalDomain;
  createdAt: number;
  startsOn: string;
  status: SyntheticPlan['status'];
  planEnd: number;
}

function generateGoal(dice: Dice, ctx: PlanCaseContext, trajectory: Trajectory, slot: GoalSlot): SyntheticGoal {
  const { domain, createdAt, planEnd } = slot;
  const until = Math.min(planEnd, ctx.now);
  const targetDate = dice.chance(0.9) ? isoDate(createdAt + dice.between(30, 270) * DAY) : null;
  // Referrals that serve the goal: of the case, for a service of its domain, made before the plan ended.
  const referrals = ctx.referrals.filter((r) => DOMAIN_OF_SERVICE[r.serviceType] === domain && r.createdAt.getTime() <= planEnd && r.transitions.length > 0);
  const linked = referrals.filter((r) => r.status !== 'cancelled' || r.sentAt !== null).slice(0, 3);
  const referralIds = linked.length > 0 && dice.chance(0.85) ? linked.map((r) => r.id) : [];
  const servedBy = ctx.referrals.filter((r) => referralIds.includes(r.id));

  const status = goalStatus(dice, ctx, trajectory, { ...slot, targetDate, until, served: servedBy.some((r) => r.status === 'completed') });
  const final = GOAL_FINAL_STATUSES.includes(status);
  const reachedAt = final ? dice.between(Math.min(createdAt + 7 * DAY, until), until) : null;

  // Tasks: 1–3, a partner's only through a referral the partner took on.
  const partnerReferrals = servedBy.filter((r) => r.transitions.some((t) => TAKEN_ON.has(t.toStatus)));
  const taskCount = dice.pick<number>([
    { value: 1, weight: 30 },
    { value: 2, weight: 45 },
    { value: 3, weight: 25 },
  ]);
  const today = isoDate(ctx.now);
  const tasks: SyntheticTask[] = [];
  for (let i = 0; i < taskCount; i++) {
    // Where a partner has taken the work on, it carries a good part of it.
    let owner = dice.pick(partnerReferrals.length > 0 ? PARTNER_TASK_OWNERS : TASK_OWNERS);
    const referral = owner === 'partner' && partnerReferrals.length > 0 ? dice.one(partnerReferrals) : null;
    if (owner === 'partner' && !referral) owner = dice.chance(0.5) ? 'caseworker' : 'survivor';
    const taskCreated = Math.max(createdAt, referral ? (referral.transitions.find((t) => TAKEN_ON.has(t.toStatus))?.occurredAt.getTime() ?? createdAt) : createdAt);
    const dueLimit = targetDate ? dayStart(targetDate) : taskCreated + 120 * DAY;
    const dueDate = dice.chance(0.92) ? isoDate(dice.between(taskCreated + 3 * DAY, Math.max(taskCreated + 4 * DAY, dueLimit))) : null;
    // Done: a partner's when the referral completed; others with the goal, or mostly when due has passed.
    let doneAt: number | null = null;
    const completed = referral?.completedAt?.getTime() ?? null;
    if (referral) doneAt = completed !== null && completed <= until ? completed : null;
    else if (status === 'achieved' || (final && dice.chance(0.6))) doneAt = dice.between(taskCreated, Math.max(taskCreated + HOUR, reachedAt!));
    // On an open plan, what fell due weeks ago is mostly done (or the plan was changed); the recent misses stay overdue.
    else if (dueDate && dueDate < today ? dice.chance(slot.status !== 'active' ? 0.55 : ctx.now - dayStart(dueDate) > 45 * DAY ? 0.96 : 0.75) : dice.chance(0.15)) {
      doneAt = dice.between(taskCreated, until);
    }
    if (doneAt !== null && doneAt > until) doneAt = until;
    const templates = TASK_TEMPLATES[owner];
    tasks.push({
      id: randomUUID(),
      description: `[Synthetic] ${dice.one(templates[domain] ?? templates.other)}`,
      owner,
      referralId: referral?.id ?? null,
      partnerOrgId: referral?.partnerOrgId ?? null,
      dueDate,
      doneAt: doneAt === null ? null : new Date(Math.max(doneAt, taskCreated)),
      createdAt: new Date(Math.min(taskCreated, until)),
    });
  }
  const updates = [createdAt, reachedAt ?? 0, ...tasks.map((t) => t.doneAt?.getTime() ?? 0)];
  return {
    id: randomUUID(),
    domain,
    description: `[Synthetic] ${dice.one(GOAL_TEMPLATES[domain])}`,
    targetDate: targetDate && targetDate < slot.startsOn ? slot.startsOn : targetDate,
    status,
    reachedOn: reachedAt === null ? null : isoDate(reachedAt),
    referralIds,
    createdAt: new Date(createdAt),
    updatedAt: new Date(Math.min(Math.max(...updates), ctx.now)),
    tasks,
  };
}

function goalStatus(
  dice: Dice,
  ctx: PlanCaseContext,
  trajectory: Trajectory,
  slot: GoalSlot & { targetDate: string | null; until: number; served: boolean },
): GoalStatus {
  const elapsedDays = (slot.until - slot.createdAt) / DAY;
  const progress = levelAt(trajectory, (slot.until - ctx.openedAt) / DAY);
  const good = trajectory.kind === 'improving' ? 1.4 : trajectory.kind === 'stable' ? 1 : 0.5;
  if (slot.status === 'active') {
    if (elapsedDays < 14) return dice.pick<GoalStatus>([
      { value: 'not_started', weight: 60 },
      { value: 'in_progress', weight: 40 },
    ]);
    const pastTarget = slot.targetDate !== null && slot.targetDate < isoDate(ctx.now);
    return dice.pick<GoalStatus>([
      { value: 'not_started', weight: 8 },
      { value: 'in_progress', weight: pastTarget ? 35 : 55 },
      { value: 'achieved', weight: (pastTarget ? 35 : 18) * good * (slot.served ? 1.5 : 1) },
      { value: 'partially_achieved', weight: 9 },
      { value: 'discontinued', weight: trajectory.kind === 'regressing' ? 10 : 4 },
    ]);
  }
  // A plan that ended: superseded (its goals carried on or settled) or closed with the case.
  const reason = slot.status === 'closed' ? ctx.closureReason : null;
  if (reason === 'lost_contact' || reason === 'client_declined' || reason === 'deceased') {
    return dice.pick<GoalStatus>([
      { value: 'discontinued', weight: 45 },
      { value: 'in_progress', weight: 30 },
      { value: 'partially_achieved', weight: 12 },
      { value: 'achieved', weight: 8 },
      { value: 'not_started', weight: 5 },
    ]);
  }
  const done = reason === 'completed_plan' ? 2 : 1;
  return dice.pick<GoalStatus>([
    { value: 'achieved', weight: 45 * good * done * (slot.served ? 1.4 : 1) * (progress > 1.6 ? 1.3 : 1) },
    { value: 'partially_achieved', weight: 22 },
    { value: 'discontinued', weight: 12 },
    { value: 'in_progress', weight: slot.status === 'superseded' ? 20 : 8 },
    { value: 'not_started', weight: 3 },
  ]);
}

// --- outcome assessments ---

const HOMELESS: Weighted<number> = [
  { value: 101, weight: 60 },
  { value: 116, weight: 30 },
  { value: 118, weight: 10 },
];
const TEMPORARY: Weighted<number> = [
  { value: 302, weight: 25 },
  { value: 312, weight: 12 },
  { value: 313, weight: 10 },
  { value: 314, weight: 6 },
  { value: 329, weight: 6 },
  { value: 332, weight: 3 },
  { value: 335, weight: 14 },
  { value: 336, weight: 12 },
  { value: 204, weight: 3 },
  { value: 205, weight: 4 },
  { value: 206, weight: 2 },
  { value: 207, weight: 2 },
  { value: 215, weight: 1 },
];
const PERMANENT: Weighted<number> = [
  { value: 410, weight: 35 },
  { value: 435, weight: 25 },
  { value: 422, weight: 15 },
  { value: 423, weight: 8 },
  { value: 411, weight: 3 },
  { value: 421, weight: 2 },
  { value: 426, weight: 4 },
];

/** Exit destinations that say nothing about where the survivor lives (no interview, unknown, deceased). */
const NO_EXIT_INTERVIEW = new Set([30, 37, 8, 9, 99, 24]);

function generateAssessments(dice: Dice, ctx: PlanCaseContext, trajectory: Trajectory): SyntheticAssessment[] {
  const out: SyntheticAssessment[] = [];
  const openedOn = isoDate(ctx.openedAt);
  const today = isoDate(ctx.now);
  const closedOn = ctx.closedAt === null ? null : isoDate(ctx.closedAt);
  const limit = Math.min(ctx.closedAt ?? ctx.now, ctx.now);

  // Intake: almost always once the case is under way; at most a few days before the opening (outreach).
  if (ctx.activatedAt !== null ? dice.chance(0.94) : ctx.closedAt === null ? dice.chance(0.4) : dice.chance(0.6)) {
    const t = Math.min(limit, dice.between(ctx.openedAt - 2 * DAY, ctx.openedAt + 10 * DAY));
    out.push(assessment(dice, ctx, trajectory, 'intake', t, null));
  }
  // Follow-ups when due: most on time, some late, some missed (the caseload shows them due or overdue).
  for (const stage of ['90_days', '180_days', '365_days'] as const) {
    if (ctx.activatedAt === null && ctx.closedAt === null) break;
    const due = dayStart(openedOn) + ASSESSMENT_DUE_DAYS[stage] * DAY;
    const when = dice.pick<'on_time' | 'late' | 'missed'>([
      { value: 'on_time', weight: 78 },
      { value: 'late', weight: 9 },
      { value: 'missed', weight: 13 },
    ]);
    if (when === 'missed') continue;
    const t = when === 'on_time' ? due + dice.between(-14 * DAY, 30 * DAY) : due + dice.between(31 * DAY, 80 * DAY);
    if (t > ctx.now) continue;
    // After the closure only when the survivor was reached again (a follow-up contact), else not at all.
    if (ctx.closedAt !== null && t > ctx.closedAt && (ctx.closureReason === 'deceased' || !dice.chance(0.3) || t - ctx.closedAt > 200 * DAY)) continue;
    out.push(assessment(dice, ctx, trajectory, stage, t, out));
  }
  // Exit: a closure needs it; taken in the last days before closing.
  if (ctx.closedAt !== null) {
    const t = Math.max(ctx.openedAt, dice.between(ctx.closedAt - 5 * DAY, ctx.closedAt));
    out.push(assessment(dice, ctx, trajectory, 'exit', t, out));
  }
  for (const a of out) {
    // The API refuses future dates and non-intake dates before the opening.
    if (a.assessedOn > today) a.assessedOn = today;
    if (a.stage !== 'intake' && a.assessedOn < openedOn) a.assessedOn = openedOn;
    if (a.stage === 'exit' && closedOn && a.assessedOn > closedOn) a.assessedOn = closedOn;
  }
  return out;
}

function assessment(
  dice: Dice,
  ctx: PlanCaseContext,
  trajectory: Trajectory,
  stage: AssessmentStage,
  t: number,
  earlier: SyntheticAssessment[] | null,
): SyntheticAssessment {
  const days = (t - ctx.openedAt) / DAY;
  let level = levelAt(trajectory, days) + dice.real(-0.3, 0.3);
  if (stage === 'exit' && ctx.closureReason === 'completed_plan') level += 0.5;
  const follow = stage !== 'intake';
  // Returning to the trafficker is rare, likelier on a downward path; it undoes much.
  const returned = follow ? dice.chance(trajectory.kind === 'regressing' ? 0.12 : 0.012) : null;
  if (returned) level = Math.min(level, 0.4) - 0.3;
  const unreachable = stage === 'exit' && ctx.exitDestination !== null && NO_EXIT_INTERVIEW.has(ctx.exitDestination);

  let housingSituation: number | null;
  if (stage === 'exit' && ctx.exitDestination !== null) housingSituation = ctx.exitDestination;
  else if (dice.chance(0.03)) housingSituation = dice.one([8, 9, 99]);
  else housingSituation = dice.pick(level < 0.6 ? HOMELESS : level < 1.6 ? TEMPORARY : PERMANENT);

  const minor = ctx.ageAtOpening + days / 365 < 18;
  let employment: EmploymentStatus;
  if (dice.chance(0.04)) employment = 'unknown';
  else if (minor && ctx.ageAtOpening < 16) employment = 'not_employed_not_looking';
  else if (dice.chance(Math.max(0.03, Math.min(0.85, 0.05 + 0.32 * level)))) {
    employment = dice.pick<EmploymentStatus>([
      { value: 'employed_full_time', weight: level > 1.8 ? 55 : 30 },
      { value: 'employed_part_time', weight: 50 },
      { value: 'employed_seasonal', weight: 10 },
    ]);
  } else {
    employment = dice.pick<EmploymentStatus>([
      { value: 'not_employed_looking', weight: 50 },
      { value: 'not_employed_unable', weight: level < 0.5 ? 35 : 20 },
      { value: 'not_employed_not_looking', weight: 25 },
    ]);
  }

  let education: EducationStatus;
  if (dice.chance(0.04)) education = 'unknown';
  else if (minor) education = dice.chance(0.85) ? 'school' : 'none';
  else if (!trajectory.learner) education = 'none';
  else if (days > 200 && level > 1.2 && dice.chance(0.45)) education = 'completed_program';
  else education = stage === 'intake' && dice.chance(0.6) ? 'none' : dice.pick<EducationStatus>([
    { value: 'vocational_training', weight: 60 },
    { value: 'higher_education', weight: 12 },
    { value: 'school', weight: 18 },
    { value: 'none', weight: 10 },
  ]);

  const employed = employment.startsWith('employed');
  let monthlyIncome: number | null;
  if (dice.chance(0.06)) monthlyIncome = null;
  else if (employed) monthlyIncome = Math.round((700 + 650 * Math.max(0, level) + dice.real(-200, 400)) / 10) * 10;
  else monthlyIncome = dice.chance(0.45) ? 0 : Math.round(dice.real(150, 750) / 10) * 10;
  const previous = [...(earlier ?? [])].reverse().find((a) => a.monthlyIncome !== null);
  // Small moves are "the same" (hours unchanged), and benefits mostly stay what they were.
  const stillOnBenefits = !employed && previous !== undefined && !previous.employment?.startsWith('employed') && dice.chance(0.55);
  if (monthlyIncome !== null && previous && (stillOnBenefits || Math.abs(monthlyIncome - previous.monthlyIncome!) < 60)) monthlyIncome = previous.monthlyIncome;
  let incomeChange: IncomeChange | null = null;
  if (earlier !== null) {
    if (monthlyIncome === null || !previous) incomeChange = monthlyIncome === null ? 'unknown' : null;
    else incomeChange = monthlyIncome > previous.monthlyIncome! ? 'increased' : monthlyIncome < previous.monthlyIncome! ? 'decreased' : 'same';
  }

  let safetyRating: number | null = dice.chance(0.03) ? null : Math.max(1, Math.min(5, Math.round(1.6 + 1.05 * level + dice.real(-0.8, 0.8))));
  if (returned && safetyRating !== null) safetyRating = Math.min(safetyRating, 2);

  const row: SyntheticAssessment = {
    id: randomUUID(),
    stage,
    assessedOn: isoDate(t),
    housingSituation,
    employment,
    education,
    monthlyIncome,
    incomeChange,
    safetyRating,
    returnedToTrafficker: returned,
    createdAt: new Date(Math.min(ctx.now, t + dice.between(HOUR, 8 * HOUR))),
  };
  if (unreachable) {
    // No exit interview: only the destination is known.
    Object.assign(row, { employment: 'unknown', education: 'unknown', monthlyIncome: null, incomeChange: 'unknown', safetyRating: null, returnedToTrafficker: null });
  }
  return row;
}
