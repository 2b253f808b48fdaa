import { randomUUID } from 'node:crypto';
import { Faker, base, en } from '@faker-js/faker';
import {
  CONTROL_METHODS,
  riskLevelOf,
  type CaseStatus,
  type ClosureReason,
  type ConsentMethod,
  type ConsentPurpose,
  type ContactMethod,
  type ControlMethod,
  type ExploitationType,
  type ForcedLabourIndustry,
  type Gender,
  type IdentifiedBy,
  type ImmediateNeed,
  type NoteType,
  type RecruitmentMethod,
  type ReferralSource,
  type RiskAnswers,
  type ShareableSurvivorField,
  type TraffickerRelationship,
  type TraffickingStatus,
} from '@lantern/contracts';
import { generateCarePlan } from './plans.js';
import { generateReferrals } from './referrals.js';
import {
  ALIAS_FIRST,
  ALIAS_SECOND,
  CITIZENSHIP_WEIGHTS,
  CLOSE_REASON_TEXT,
  CLOSURES,
  COUNTRY_LANGUAGES,
  NARRATIVE_OPENINGS,
  NARRATIVE_SENTENCES,
  NOTE_TEMPLATES,
  REVOCATION_REASONS,
  SAFE_CONTACT_TEMPLATES,
  STATUS_REASONS,
} from './words.js';
import type { SyntheticOrg, SyntheticSurvivor, SyntheticIntake, SyntheticConsent, SyntheticNote, SyntheticCaseBundle, Weighted } from './types.js';

/**
 * Deterministic synthetic survivors, cases, intakes, consents, notes, referrals, service plans and outcome
 * assessments (docs/data-dictionary.md): no real person, every value obviously invented. The same seed, organization
 * shape and case count give the same people, aliases and histories; only the ids (random uuids, so two
 * runs never collide) and the absolute dates (relative to `now`) differ. Pure: no database, no encryption
 * (see apps/api/src/seed/synthetic-loader.ts).
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Cases are opened over the last two and a half years, oldest first, so case numbers follow time. */
export const SPAN_DAYS = 913;

/**
 * Referrals draw from a second stream seeded alongside the first, so that adding them (or changing
 * how they are made) leaves the people, cases and histories of a seed as they were.
 */
const REFERRAL_STREAMS = new WeakMap<Faker, Faker>();
/** Plans and outcomes draw from a third stream, for the same reason. */
const PLAN_STREAMS = new WeakMap<Faker, Faker>();

/** A faker of its own (English names and places), seeded: never the shared global instance. */
export function createSyntheticFaker(seed: number): Faker {
  const faker = new Faker({ locale: [en, base] });
  faker.seed(seed);
  const referrals = new Faker({ locale: [en, base] });
  referrals.seed([seed, 0x7e4a]);
  REFERRAL_STREAMS.set(faker, referrals);
  const plans = new Faker({ locale: [en, base] });
  plans.seed([seed, 0x51a9]);
  PLAN_STREAMS.set(faker, plans);
  return faker;
}

/** The referral stream of a faker made by createSyntheticFaker (the faker itself otherwise). */
export const referralStream = (faker: Faker): Faker => REFERRAL_STREAMS.get(faker) ?? faker;
/** The plan and outcome stream of a faker made by createSyntheticFaker (the faker itself otherwise). */
export const planStream = (faker: Faker): Faker => PLAN_STREAMS.get(faker) ?? faker;

const GENDER_WEIGHTS: Weighted<Gender> = [
  { value: 'Feminine', weight: 80 },
  { value: 'Masculine', weight: 11 },
  { value: 'TransgenderFeminine', weight: 4 },
  { value: 'TransgenderMasculine', weight: 1 },
  { value: 'NonConforming', weight: 2 },
  { value: 'NonSpecifiedUnknown', weight: 2 },
];

const PRONOUNS: Record<Gender, string | null> = {
  Feminine: 'she/her',
  Masculine: 'he/him',
  TransgenderFeminine: 'she/her',
  TransgenderMasculine: 'he/him',
  NonConforming: 'they/them',
  NonSpecifiedUnknown: null,
};

/** Age at the opening of the case: 14–60, about one in eight a minor. */
const AGE_BANDS: Weighted<[number, number]> = [
  { value: [14, 17], weight: 12 },
  { value: [18, 24], weight: 33 },
  { value: [25, 34], weight: 30 },
  { value: [35, 44], weight: 15 },
  { value: [45, 60], weight: 10 },
];

const REFERRAL_WEIGHTS: Weighted<ReferralSource> = [
  { value: 'Hotline', weight: 22 },
  { value: 'LawEnforcement', weight: 18 },
  { value: 'NGO', weight: 16 },
  { value: 'Outreach', weight: 12 },
  { value: 'HealthcareProvider', weight: 9 },
  { value: 'SelfReferral', weight: 9 },
  { value: 'FamilyOrFriend', weight: 6 },
  { value: 'SchoolOrCollege', weight: 4 },
  { value: 'FaithCommunity', weight: 2 },
  { value: 'Other', weight: 2 },
];

const IDENTIFIED_BY_WEIGHTS: Weighted<IdentifiedBy> = [
  { value: 'Police', weight: 22 },
  { value: 'NGO', weight: 20 },
  { value: 'Hotline', weight: 15 },
  { value: 'Outreach', weight: 12 },
  { value: 'SelfReferral', weight: 10 },
  { value: 'HealthcareProvider', weight: 8 },
  { value: 'FamilyOrFriend', weight: 5 },
  { value: 'NonPoliceGovernmentalOrganization', weight: 4 },
  { value: 'CourtOrProsecution', weight: 3 },
  { value: 'Other', weight: 1 },
];

/** Sex trafficking programs: sexual exploitation in most cases, labour and other forms in some. */
const PRIMARY_EXPLOITATION: Weighted<ExploitationType> = [
  { value: 'SexualExploitation', weight: 88 },
  { value: 'ForcedLabour', weight: 7 },
  { value: 'Servitude', weight: 2 },
  { value: 'ForcedMarriage', weight: 1 },
  { value: 'ForcedBegging', weight: 1 },
  { value: 'Other', weight: 1 },
];
const SECONDARY_EXPLOITATION: readonly ExploitationType[] = ['ForcedLabour', 'Servitude', 'ForcedMarriage', 'ForcedBegging', 'SexualExploitation'];

const CONTROL_WEIGHTS: Weighted<ControlMethod> = CONTROL_METHODS.map((value) => ({
  value,
  weight: ['PsychologicalAbuse', 'TakesEarnings', 'FalsePromises', 'PhysicalThreats', 'DebtBondage'].includes(value) ? 6 : value === 'Other' ? 1 : 2,
}));

const RECRUITMENT_WEIGHTS: Weighted<RecruitmentMethod> = [
  { value: 'ThroughOnlineSocialNetworks', weight: 30 },
  { value: 'ThroughFriendsOrSocialEvents', weight: 20 },
  { value: 'ThroughFamilyOrFamilyEvents', weight: 14 },
  { value: 'ThroughAnOnlineAdvertisement', weight: 12 },
  { value: 'AtWork', weight: 8 },
  { value: 'AtAPlaceOfBusiness', weight: 6 },
  { value: 'AtAnEducationalInstitution', weight: 5 },
  { value: 'ThroughANewspaperAdvert', weight: 2 },
  { value: 'ThroughATelevisionAdvert', weight: 1 },
  { value: 'Other', weight: 2 },
];

/** Probability of each "yes" in the risk screening (the `minor` answer follows the age). */
const RISK_YES = {
  inContactWithTrafficker: 0.12,
  traffickerKnowsLocation: 0.1,
  threatsLast30Days: 0.25,
  noSafePlaceTonight: 0.3,
  urgentMedicalNeed: 0.15,
  childrenAtRisk: 0.12,
  substanceDependence: 0.2,
} as const;

const NOTE_TYPE_WEIGHTS: Weighted<NoteType> = [
  { value: 'contact', weight: 35 },
  { value: 'session', weight: 25 },
  { value: 'advocacy', weight: 14 },
  { value: 'safety_planning', weight: 10 },
  { value: 'case_review', weight: 10 },
  { value: 'other', weight: 6 },
];

const CONTACT_WEIGHTS: Weighted<ContactMethod> = [
  { value: 'in_person', weight: 45 },
  { value: 'phone', weight: 30 },
  { value: 'text_message', weight: 12 },
  { value: 'video', weight: 8 },
  { value: 'email', weight: 5 },
];

const METHOD_WEIGHTS: Weighted<ConsentMethod> = [
  { value: 'written', weight: 50 },
  { value: 'verbal', weight: 30 },
  { value: 'electronic', weight: 20 },
];

const PARTNER_FIELDS: readonly ShareableSurvivorField[] = ['preferredName', 'languages', 'phone', 'safeContactInstructions', 'gender', 'pronouns', 'birthYear'];

const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Generates `total` cases for one organization, oldest first. */
export function generateCases(faker: Faker, org: SyntheticOrg, total: number, now: Date): SyntheticCaseBundle[] {
  const out: SyntheticCaseBundle[] = [];
  for (let index = 0; index < total; index++) out.push(generateCaseBundle(faker, org, { index, total, now }));
  return out;
}

/**
 * The caseworker of the `index`-th of `total` cases when a load says who carries what (`seed --caseworkers`):
 * the first caseworker carries `heavy` cases spread evenly over the whole span (one person holding a
 * program's backlog, the worst case of a caseworker's lists), the others take the rest in turn, so each
 * has the same share, opened over the same years. With `heavy` 0 all take turns.
 */
export function caseworkerOfCase(index: number, total: number, caseworkerIds: readonly string[], heavy: number): string {
  const n = caseworkerIds.length;
  if (n === 0) throw new Error('Synthetic cases need at least one caseworker in the organization');
  if (!Number.isSafeInteger(heavy) || heavy < 0 || heavy > total) throw new Error('The heavy caseworker carries between 0 and all of the cases');
  if (heavy === 0 || n === 1) return caseworkerIds[index % n]!;
  // Exactly `heavy` of the indexes 0..total-1 step the running share floor(i * heavy / total) up.
  const heavyBefore = Math.floor((index * heavy) / total);
  if (Math.floor(((index + 1) * heavy) / total) > heavyBefore) return caseworkerIds[0]!;
  return caseworkerIds[1 + ((index - heavyBefore) % (n - 1))]!;
}

/**
 * The `index`-th of `total` cases. Cases are spread over SPAN_DAYS before `now`, oldest first and denser
 * towards now; the older a case, the likelier it is closed. Every date lies within the case's life and
 * before `now`. Its caseworker is `slot.caseworkerId` when given, else one of the organization's at random.
 */
export function generateCaseBundle(
  faker: Faker,
  org: SyntheticOrg,
  slot: { index: number; total: number; now: Date; caseworkerId?: string | undefined },
): SyntheticCaseBundle {
  if (org.caseworkerIds.length === 0) throw new Error('Synthetic cases need at least one caseworker in the organization');
  const now = slot.now.getTime();
  const pick = <T>(weighted: Weighted<T>): T => faker.helpers.weightedArrayElement(weighted as { value: T; weight: number }[]);
  const chance = (probability: number) => faker.datatype.boolean({ probability });
  const between = (from: number, to: number) => (to <= from ? from : from + Math.floor(faker.number.float() * (to - from)));

  // Skewed towards recent openings (a growing program): about 6% of cases opened in the last 10 days.
  // The linear term keeps the newest cases apart (no two opened at the same instant).
  const x = 1 - (slot.index + faker.number.float()) / slot.total;
  const ageDays = SPAN_DAYS * x ** 1.6 + x;
  const openedAt = now - Math.round(ageDays * DAY);
  // The random pick is drawn either way, so naming the caseworker changes nothing else of the case.
  const picked = faker.helpers.arrayElement(org.caseworkerIds);
  const caseworker = slot.caseworkerId ?? picked;

  const survivor = generateSurvivor(faker, openedAt, pick, chance);
  const ageAtOpening = yearsBetween(survivor.dateOfBirth, openedAt);
  const lifecycle = generateLifecycle(faker, ageDays, openedAt, now, pick, chance, between);
  const end = lifecycle.closedAt ?? now;

  const exploitationTypes: ExploitationType[] = [pick(PRIMARY_EXPLOITATION)];
  if (chance(0.15)) {
    const extra = faker.helpers.arrayElement(SECONDARY_EXPLOITATION);
    if (!exploitationTypes.includes(extra)) exploitationTypes.push(extra);
  }
  if (ageAtOpening < 16 && chance(0.2) && !exploitationTypes.includes('ChildLabour')) exploitationTypes.push('ChildLabour');

  const intake = generateIntake(faker, {
    survivor,
    openedAt,
    end,
    exploitationTypes,
    caseInIntake: lifecycle.status === 'intake',
    pick,
    chance,
    between,
  });
  const consents = generateConsents(faker, org, openedAt, end, now, pick, chance, between);
  const notes = generateNotes(faker, survivor.alias, openedAt, end, pick, chance, between);
  const referrals = generateReferrals(referralStream(faker), {
    org,
    alias: survivor.alias,
    caseworkerId: caseworker,
    caseStatus: lifecycle.status,
    closureReason: lifecycle.closureReason,
    openedAt,
    closedAt: lifecycle.closedAt,
    now,
    immediateNeeds: intake.immediateNeeds,
    consents,
  });
  const { plans, assessments } = generateCarePlan(planStream(faker), {
    caseworkerId: caseworker,
    status: lifecycle.status,
    openedAt,
    activatedAt: lifecycle.changes.find((c) => c.toStatus === 'active')?.changedAt ?? null,
    closedAt: lifecycle.closedAt,
    closureReason: lifecycle.closureReason,
    exitDestination: lifecycle.exitDestination,
    now,
    ageAtOpening,
    foreign: !survivor.citizenship.includes('US'),
    exploitationTypes,
    immediateNeeds: intake.immediateNeeds,
    referrals,
  });
  const lastContact = notes.filter((n) => n.contactMethod !== 'none').reduce<number | null>((max, n) => Math.max(max ?? 0, n.occurredAt.getTime()), null);
  const updatedAt = Math.max(openedAt, lifecycle.closedAt ?? 0, ...lifecycle.changes.map((c) => c.changedAt), intake.submittedAt?.getTime() ?? 0);

  return {
    survivor,
    kase: {
      id: randomUUID(),
      status: lifecycle.status,
      assignedCaseworkerId: caseworker,
      riskLevel: intake.status === 'submitted' ? intake.riskLevel : null,
      referralSource: pick(REFERRAL_WEIGHTS),
      exploitationTypes,
      openedAt: new Date(openedAt),
      closedAt: lifecycle.closedAt === null ? null : new Date(lifecycle.closedAt),
      exitDestination: lifecycle.exitDestination,
      closureReason: lifecycle.closureReason,
      lastContactAt: lastContact === null ? null : new Date(lastContact),
      updatedAt: new Date(updatedAt),
    },
    assignmentId: randomUUID(),
    statusChanges: lifecycle.changes.map((c) => ({ id: randomUUID(), ...c, changedAt: new Date(c.changedAt) })),
    intake,
    consents,
    notes,
    referrals,
    plans,
    assessments,
  };
}

/**
 * `count` survivors alone, without their cases, born as if their case opened on a day of the last
 * SPAN_DAYS: the population the duplicate check is measured on (duplicates.ts).
 */
export function generateSurvivors(faker: Faker, count: number, now: Date): SyntheticSurvivor[] {
  const pick = <T>(weighted: Weighted<T>): T => faker.helpers.weightedArrayElement(weighted as { value: T; weight: number }[]);
  const chance = (probability: number) => faker.datatype.boolean({ probability });
  return Array.from({ length: count }, () => generateSurvivor(faker, now.getTime() - faker.number.int({ min: 0, max: SPAN_DAYS }) * DAY, pick, chance));
}

type Draw = <T>(weighted: Weighted<T>) => T;
type Chance = (probability: number) => boolean;
type Between = (from: number, to: number) => number;

function generateSurvivor(faker: Faker, openedAt: number, pick: Draw, chance: Chance): SyntheticSurvivor {
  const alias = `${faker.helpers.arrayElement(ALIAS_FIRST)} ${faker.helpers.arrayElement(ALIAS_SECOND)}`;
  const gender = pick(GENDER_WEIGHTS);
  const sex = gender === 'Feminine' || gender === 'TransgenderFeminine' ? 'female' : gender === 'Masculine' || gender === 'TransgenderMasculine' ? 'male' : undefined;
  const firstName = faker.person.firstName(sex);
  const lastName = faker.person.lastName();
  const middle = chance(0.25) ? ` ${faker.person.firstName(sex)}` : '';
  const legalName = `${firstName}${middle} ${lastName}`;
  const preferredName = chance(0.4) ? faker.person.firstName(sex) : null;

  const [minAge, maxAge] = pick(AGE_BANDS);
  const age = faker.number.int({ min: minAge, max: maxAge });
  // Born `age` years and up to a year before the opening: the age at opening is exactly `age`.
  const opened = new Date(openedAt);
  const birthday = Date.UTC(opened.getUTCFullYear() - age, opened.getUTCMonth(), opened.getUTCDate()) - faker.number.int({ min: 1, max: 364 }) * DAY;
  const dateOfBirth = isoDate(birthday);

  const country = pick(CITIZENSHIP_WEIGHTS);
  const citizenship = country !== 'US' && chance(0.04) ? [country, 'US'] : [country];
  const languages = [...(COUNTRY_LANGUAGES[country] ?? ['en'])];
  if (country === 'US' && chance(0.15)) languages.push('es');
  if (country !== 'US' && !languages.includes('en') && chance(0.35)) languages.push('en');

  const phone = chance(0.85) ? `+1 ${faker.number.int({ min: 201, max: 989 })} 555 01${String(faker.number.int({ min: 0, max: 99 })).padStart(2, '0')}` : null;
  const email = chance(0.6) ? faker.internet.exampleEmail({ firstName, lastName }).toLowerCase() : null;
  const address = chance(0.8)
    ? `${faker.location.streetAddress()}, ${faker.location.city()}, ${faker.location.state({ abbreviated: true })} ${faker.location.zipCode('#####')}`
    : null;
  const safeContactInstructions = chance(0.7) ? faker.helpers.arrayElement(SAFE_CONTACT_TEMPLATES) : null;

  return {
    id: randomUUID(),
    alias,
    legalName,
    preferredName,
    dateOfBirth,
    birthYear: Number(dateOfBirth.slice(0, 4)),
    gender,
    pronouns: chance(0.9) ? PRONOUNS[gender] : null,
    citizenship,
    languages,
    phone,
    email,
    address,
    safeContactInstructions,
  };
}

interface Lifecycle {
  status: CaseStatus;
  closedAt: number | null;
  exitDestination: number | null;
  closureReason: ClosureReason | null;
  changes: { fromStatus: CaseStatus; toStatus: CaseStatus; reason: string | null; changedAt: number }[];
}

/** The status path intake → active (⇄ on_hold) → closed, with the older cases likelier to be further along. */
function generateLifecycle(faker: Faker, ageDays: number, openedAt: number, now: number, pick: Draw, chance: Chance, between: Between): Lifecycle {
  let status: CaseStatus;
  if (ageDays < 10) status = chance(0.65) ? 'intake' : 'active';
  else if (ageDays < 45) status = pick<CaseStatus>([
    { value: 'intake', weight: 15 },
    { value: 'active', weight: 70 },
    { value: 'on_hold', weight: 10 },
    { value: 'closed', weight: 5 },
  ]);
  else if (chance(Math.min(0.8, 0.1 + ageDays / 1000))) status = 'closed';
  else status = pick<CaseStatus>([
    { value: 'active', weight: 80 },
    { value: 'on_hold', weight: 16 },
    { value: 'intake', weight: ageDays < 120 ? 6 : 2 },
  ]);

  const changes: Lifecycle['changes'] = [];
  if (status === 'intake') return { status, closedAt: null, exitDestination: null, closureReason: null, changes };

  const life = now - openedAt;
  // Most cases run for a few months to a year (median about seven months), so closures (and the exit
  // assessments the metrics count) fill every quarter, not only the recent ones.
  const u = status === 'closed' ? faker.number.float() : 0;
  const closedAt = status === 'closed' ? openedAt + Math.round(Math.min(life * (0.1 + 0.85 * u), (20 + 520 * u ** 1.5) * DAY)) : null;
  const end = closedAt ?? now;
  // A few closures straight from intake: the survivor declined services.
  const closedFromIntake = status === 'closed' && chance(0.08);
  let last = openedAt;
  if (!closedFromIntake) {
    last = between(openedAt, Math.min(openedAt + 14 * DAY, openedAt + (end - openedAt) / 3));
    changes.push({ fromStatus: 'intake', toStatus: 'active', reason: faker.helpers.arrayElement(STATUS_REASONS.activate), changedAt: last });
    if (status === 'on_hold' || (status === 'closed' && chance(0.2))) {
      last = between(last, last + (end - last) / 2);
      changes.push({ fromStatus: 'active', toStatus: 'on_hold', reason: faker.helpers.arrayElement(STATUS_REASONS.hold), changedAt: last });
    }
  }
  if (status !== 'closed') return { status, closedAt: null, exitDestination: null, closureReason: null, changes };

  const closure = closedFromIntake ? CLOSURES.find((c) => c.reason === 'client_declined')! : pick(CLOSURES.map((c) => ({ value: c, weight: c.weight })));
  const from = changes.at(-1)?.toStatus ?? 'intake';
  changes.push({ fromStatus: from, toStatus: 'closed', reason: `${closure.reason}: ${CLOSE_REASON_TEXT[closure.reason]}`, changedAt: closedAt! });
  return { status, closedAt, exitDestination: faker.helpers.arrayElement(closure.destinations), closureReason: closure.reason, changes };
}

interface IntakeInput {
  survivor: SyntheticSurvivor;
  openedAt: number;
  /** The closure, or now: nothing is recorded after it. */
  end: number;
  exploitationTypes: ExploitationType[];
  caseInIntake: boolean;
  pick: Draw;
  chance: Chance;
  between: Between;
}

function generateIntake(faker: Faker, input: IntakeInput): SyntheticIntake {
  const { survivor, openedAt, end, pick, chance, between } = input;
  const submitted = input.caseInIntake ? chance(0.4) : chance(0.97);
  // Some intakes are started a few days before the case is opened (outreach), most in its first week.
  const intakeTime = Math.min(end, between(openedAt - 3 * DAY, openedAt + 7 * DAY));
  const answers: RiskAnswers = {
    inContactWithTrafficker: chance(RISK_YES.inContactWithTrafficker),
    traffickerKnowsLocation: chance(RISK_YES.traffickerKnowsLocation),
    threatsLast30Days: chance(RISK_YES.threatsLast30Days),
    noSafePlaceTonight: chance(RISK_YES.noSafePlaceTonight),
    minor: yearsBetween(survivor.dateOfBirth, intakeTime) < 18,
    urgentMedicalNeed: chance(RISK_YES.urgentMedicalNeed),
    childrenAtRisk: chance(RISK_YES.childrenAtRisk),
    substanceDependence: chance(RISK_YES.substanceDependence),
  };
  const foreign = !survivor.citizenship.includes('US');
  const needs = new Set<ImmediateNeed>(faker.helpers.arrayElements(['safety', 'shelter', 'medical', 'food', 'clothing', 'mental_health', 'legal'] as ImmediateNeed[], { min: 1, max: 4 }));
  if (answers.noSafePlaceTonight) needs.add('shelter');
  if (answers.urgentMedicalNeed) needs.add('medical');
  if (!survivor.languages.includes('en')) needs.add('interpretation');
  if (foreign && chance(0.7)) needs.add('immigration');

  // Drafts are often incomplete: the parts a caseworker fills in last may be missing.
  const complete = submitted || chance(0.5);
  const riskScreening = complete || chance(0.5) ? answers : null;
  const city = faker.location.city();
  const sentences = faker.helpers.arrayElements(NARRATIVE_SENTENCES, { min: 2, max: 4 }).map((s) => s.replaceAll('{alias}', survivor.alias).replaceAll('{city}', city));
  const narrative = complete || chance(0.5) ? [faker.helpers.arrayElement(NARRATIVE_OPENINGS), ...sentences].join(' ') : null;
  const submittedAt = submitted ? Math.min(end, Math.max(intakeTime, openedAt) + between(HOUR, 48 * HOUR)) : null;
  const core = generateCore(survivor, input.exploitationTypes, intakeTime, complete);

  return {
    id: randomUUID(),
    intakeDate: isoDate(intakeTime),
    identifiedBy: complete || chance(0.5) ? pick(IDENTIFIED_BY_WEIGHTS) : null,
    exploitationTypes: input.exploitationTypes,
    controlMethods: uniquePicks(faker, CONTROL_WEIGHTS, faker.number.int({ min: 1, max: 4 })),
    recruitmentMethods: uniquePicks(faker, RECRUITMENT_WEIGHTS, faker.number.int({ min: 1, max: 2 })),
    immediateNeeds: [...needs],
    riskScreening,
    riskLevel: riskScreening ? riskLevelOf(riskScreening) : null,
    narrative,
    ...core,
    status: submitted ? 'submitted' : 'draft',
    createdAt: new Date(openedAt),
    submittedAt: submittedAt === null ? null : new Date(submittedAt),
  };
}

/**
 * The HTCDS core answers of an intake (issue 17, part 2), drawn from a generator of their own seeded by
 * the survivor's alias and the intake time, so adding them moved no other synthetic figure.
 */
function generateCore(
  survivor: { alias: string; dateOfBirth: string; citizenship: string[] },
  exploitationTypes: readonly ExploitationType[],
  intakeTime: number,
  complete: boolean,
): Pick<SyntheticIntake, 'traffickingStatus' | 'recruitmentCountry' | 'exploitationCountry' | 'forcedLabourIndustry' | 'sexualExploitationTypes' | 'relationshipToTrafficker' | 'ageWhenTrafficked'> {
  let seed = 2166136261;
  for (const ch of `${survivor.alias}|${intakeTime}`) seed = Math.imul(seed ^ ch.charCodeAt(0), 16777619) >>> 0;
  const next = (): number => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const known = (share: number) => complete && next() < share;
  const home = survivor.citizenship[0] ?? 'US';
  const abroad = home !== 'US';
  const ageNow = yearsBetween(survivor.dateOfBirth, intakeTime);
  const statuses: TraffickingStatus[] = ['ActualVictimOfTrafficking', 'PossibleVictimOfTrafficking', 'NotAVictimOfTrafficking'];
  const relationships: TraffickerRelationship[] = ['Acquainted', 'Familial', 'Unaquainted'];
  const industries: ForcedLabourIndustry[] = ['A_AgricultureForestryAndFishing', 'I_AccommodationAndFoodServiceActivities', 'T_ActivitiesOfHouseholdsAsEmployers', 'F_Construction', 'C_Manufacturing'];
  const weighted = <T>(values: T[], weights: number[]): T => {
    let r = next() * weights.reduce((a, b) => a + b, 0);
    for (const [i, w] of weights.entries()) if ((r -= w) < 0) return values[i]!;
    return values.at(-1)!;
  };
  return {
    traffickingStatus: known(0.95) ? weighted(statuses, [55, 40, 5]) : null,
    recruitmentCountry: known(0.9) ? home : null,
    exploitationCountry: known(0.9) ? (abroad && next() < 0.2 ? home : 'US') : null,
    forcedLabourIndustry: exploitationTypes.includes('ForcedLabour') && known(0.8) ? weighted(industries, [35, 25, 20, 12, 8]) : null,
    sexualExploitationTypes: exploitationTypes.includes('SexualExploitation') && known(0.85) ? (next() < 0.2 ? ['Prostitution', 'Pornography'] : ['Prostitution']) : [],
    relationshipToTrafficker: known(0.85) ? weighted(relationships, [55, 25, 20]) : null,
    ageWhenTrafficked: known(0.85) ? Math.max(0, ageNow - Math.floor(next() * 6)) : null,
  };
}

/** Services always; referral, sharing with a partner and anonymized reporting (about 80%) often. Some expired, a few revoked. */
function generateConsents(
  faker: Faker,
  org: SyntheticOrg,
  openedAt: number,
  end: number,
  now: number,
  pick: Draw,
  chance: Chance,
  between: Between,
): SyntheticConsent[] {
  const wanted: ConsentPurpose[] = ['services'];
  if (chance(0.6)) wanted.push('referral');
  if (org.partnerOrgIds.length > 0 && chance(0.45)) wanted.push('share_with_partner');
  if (chance(0.8)) wanted.push('anonymized_reporting');

  return wanted.map((purpose) => {
    const grantedAt = Math.min(end, between(openedAt, openedAt + 3 * DAY));
    let expiresAt: number | null = null;
    if (purpose === 'share_with_partner') expiresAt = grantedAt + faker.helpers.arrayElement([90, 180, 365]) * DAY;
    else if (purpose !== 'anonymized_reporting' && chance(0.3)) expiresAt = grantedAt + 365 * DAY;
    const revoked = chance(purpose === 'share_with_partner' ? 0.1 : 0.03) && now - grantedAt > HOUR;
    const revokedAt = revoked ? between(grantedAt + HOUR, Math.min(now, expiresAt ?? now)) : null;
    const sharedFields: ShareableSurvivorField[] =
      purpose === 'share_with_partner' ? ['alias', ...faker.helpers.arrayElements(PARTNER_FIELDS, { min: 2, max: 4 })] : [];
    return {
      id: randomUUID(),
      purpose,
      partnerOrgId: purpose === 'share_with_partner' ? faker.helpers.arrayElement(org.partnerOrgIds) : null,
      sharedFields,
      method: pick(METHOD_WEIGHTS),
      grantedAt: new Date(grantedAt),
      expiresAt: expiresAt === null ? null : new Date(expiresAt),
      revokedAt: revokedAt === null ? null : new Date(revokedAt),
      revocationReason: revoked ? faker.helpers.arrayElement(REVOCATION_REASONS) : null,
    };
  });
}

/** 1–8 notes between the opening and the closure (or now), more for longer cases; oldest first. */
function generateNotes(faker: Faker, alias: string, openedAt: number, end: number, pick: Draw, chance: Chance, between: Between): SyntheticNote[] {
  const lifeDays = (end - openedAt) / DAY;
  const count = faker.number.int({ min: 1, max: Math.max(1, Math.min(8, 1 + Math.floor(lifeDays / 20))) });
  const times = Array.from({ length: count }, () => between(openedAt, end)).sort((a, b) => a - b);
  return times.map((t) => {
    const noteType = pick(NOTE_TYPE_WEIGHTS);
    const contactMethod: ContactMethod = noteType === 'case_review' || (noteType === 'other' && chance(0.5)) ? 'none' : pick(CONTACT_WEIGHTS);
    const template = faker.helpers.arrayElement(NOTE_TEMPLATES[noteType] ?? NOTE_TEMPLATES.other!);
    return {
      id: randomUUID(),
      noteType,
      contactMethod,
      body: `[Synthetic] ${template.replaceAll('{alias}', alias)}`,
      restricted: chance(noteType === 'session' || noteType === 'safety_planning' ? 0.15 : 0.04),
      occurredAt: new Date(t),
    };
  });
}

function uniquePicks<T>(faker: Faker, weighted: Weighted<T>, count: number): T[] {
  const picked = new Set<T>();
  for (let i = 0; i < count * 3 && picked.size < count; i++) picked.add(faker.helpers.weightedArrayElement(weighted as { value: T; weight: number }[]));
  return [...picked];
}

/** Whole years from an ISO birth date to a time. */
export function yearsBetween(dateOfBirth: string, at: number): number {
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  const then = new Date(at);
  let years = then.getUTCFullYear() - born.getUTCFullYear();
  if (then.getUTCMonth() < born.getUTCMonth() || (then.getUTCMonth() === born.getUTCMonth() && then.getUTCDate() < born.getUTCDate())) years--;
  return years;
}
