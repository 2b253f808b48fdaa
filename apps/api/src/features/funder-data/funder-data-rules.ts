import { FUNDER_AMOUNT_MAX, HMIS_INCOME_SOURCES, type FunderDataValues } from '@lantern/contracts';

/** A new record: nothing collected yet (exported as 99, Data not collected). */
export const NOTHING_COLLECTED: FunderDataValues = {
  informationDate: null,
  raceEthnicity: [],
  raceNone: null,
  veteranStatus: null,
  disablingCondition: null,
  physicalDisability: null,
  developmentalDisability: null,
  chronicHealthCondition: null,
  hivAids: null,
  mentalHealthDisorder: null,
  substanceUseDisorder: null,
  relationshipToHoH: null,
  householdSize: null,
  incomeFromAnySource: null,
  totalMonthlyIncome: null,
  incomeSources: {},
  benefitsFromAnySource: null,
  benefits: [],
  insuranceFromAnySource: null,
  insuranceTypes: [],
  rentalSubsidyType: null,
  destinationSubsidyType: null,
  domesticViolenceSurvivor: null,
  dvWhenOccurred: null,
  dvCurrentlyFleeing: null,
  lawEnforcementReported: null,
  lawEnforcementCooperating: null,
  lawEnforcementReportedOn: null,
};

export type FieldProblems = Record<string, string[]>;

const cents = (n: number) => Math.round(n * 100);

/**
 * What does not hold in a record, by field (empty when it all holds). Pure, so every rule is tested
 * without a database (funder-data-rules.spec.ts); the HMIS meaning of each rule is in docs/reports.md:
 * - race: the races she identifies with, or one reason none is recorded (8, 9, 99), never both;
 * - income (4.02): sources only when she has income from any source (1), and then at least one; each
 *   amount positive; the total is the sum of the amounts;
 * - benefits (4.03): listed only when she has benefits from any source (1), and then at least one;
 * - health insurance (4.04): types listed only when she has insurance from any source (1), and then at least one;
 * - income, benefits or insurance need the date they were collected, which is not in the future;
 * - domestic violence (4.11): when it occurred and whether she is fleeing only when she is a survivor (1);
 * - law enforcement: cooperation and the date only once it was reported, the date not in the future;
 * - a household of one is headed by her (relationship 1 or 99).
 * `latest` is the last day that has begun anywhere.
 */
export function funderDataProblems(state: FunderDataValues, latest: string): FieldProblems {
  const problems: FieldProblems = {};
  const add = (field: string, problem: string) => (problems[field] ??= []).push(problem);

  if (state.raceNone !== null && state.raceEthnicity.length > 0) add('raceNone', 'is only given when no race or ethnicity is');

  const sources = Object.entries(state.incomeSources);
  for (const [source, amount] of sources) {
    if (!(HMIS_INCOME_SOURCES as readonly string[]).includes(source)) add('incomeSources', `has an unknown source ${JSON.stringify(source).slice(0, 40)}`);
    else if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0 || amount > FUNDER_AMOUNT_MAX || Math.abs(cents(amount) - amount * 100) > 1e-6)
      add('incomeSources', `${source} needs a monthly amount above 0 and at most ${FUNDER_AMOUNT_MAX}, in dollars and cents`);
  }
  if (state.incomeFromAnySource === 1 && sources.length === 0) add('incomeSources', 'needs at least one source when she has income');
  if (state.incomeFromAnySource !== 1 && sources.length > 0) add('incomeSources', 'are only given when she has income from any source');
  if (state.totalMonthlyIncome !== null) {
    if (state.incomeFromAnySource !== 1) add('totalMonthlyIncome', 'is only given when she has income from any source');
    else if (!problems.incomeSources && cents(state.totalMonthlyIncome) !== sources.reduce((sum, [, amount]) => sum + cents(amount as number), 0))
      add('totalMonthlyIncome', 'is not the sum of the amounts of the sources');
  } else if (state.incomeFromAnySource === 1) add('totalMonthlyIncome', 'is required when she has income');

  if (state.benefitsFromAnySource === 1 && state.benefits.length === 0) add('benefits', 'needs at least one benefit when she has benefits');
  if (state.benefitsFromAnySource !== 1 && state.benefits.length > 0) add('benefits', 'are only given when she has benefits from any source');

  if (state.insuranceFromAnySource === 1 && state.insuranceTypes.length === 0) add('insuranceTypes', 'needs at least one type when she has health insurance');
  if (state.insuranceFromAnySource !== 1 && state.insuranceTypes.length > 0) add('insuranceTypes', 'are only given when she has health insurance from any source');

  if ((state.incomeFromAnySource !== null || state.benefitsFromAnySource !== null || state.insuranceFromAnySource !== null) && !state.informationDate) {
    add('informationDate', 'is required with income, benefits or health insurance');
  }
  if (state.informationDate && state.informationDate > latest) add('informationDate', 'is in the future');

  if (state.domesticViolenceSurvivor !== 1) {
    if (state.dvWhenOccurred !== null) add('dvWhenOccurred', 'is only given when she is a survivor of domestic violence');
    if (state.dvCurrentlyFleeing !== null) add('dvCurrentlyFleeing', 'is only given when she is a survivor of domestic violence');
  }

  if (state.lawEnforcementReported !== 'yes') {
    if (state.lawEnforcementCooperating !== null) add('lawEnforcementCooperating', 'is only given once it was reported to law enforcement');
    if (state.lawEnforcementReportedOn !== null) add('lawEnforcementReportedOn', 'is only given once it was reported to law enforcement');
  }
  if (state.lawEnforcementReportedOn && state.lawEnforcementReportedOn > latest) add('lawEnforcementReportedOn', 'is in the future');

  if (state.householdSize === 1 && state.relationshipToHoH !== null && state.relationshipToHoH !== 1 && state.relationshipToHoH !== 99) {
    add('relationshipToHoH', 'is 1 (self) in a household of one');
  }
  return problems;
}
