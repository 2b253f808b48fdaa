import type TestAgent from 'supertest/lib/agent.js';
import { api } from './fixtures.js';

/** A survivor with a case, as a caseworker records them through the API. */
export async function createSurvivorWithCase(
  agent: TestAgent,
  survivor: Record<string, unknown> = {},
): Promise<{ survivor: Record<string, unknown> & { id: string }; kase: Record<string, unknown> & { id: string; version: number } }> {
  const s = await agent
    .post(api('/survivors'))
    .send({ alias: `Alias ${Math.random().toString(36).slice(2, 8)}`, ...survivor })
    .expect(201);
  const c = await agent.post(api('/cases')).send({ survivorId: s.body.id, referralSource: 'Hotline' }).expect(201);
  return { survivor: s.body, kase: c.body };
}

export const FULL_SCREENING = {
  inContactWithTrafficker: false,
  traffickerKnowsLocation: false,
  threatsLast30Days: true,
  noSafePlaceTonight: true,
  minor: false,
  urgentMedicalNeed: false,
  childrenAtRisk: false,
  substanceDependence: false,
};

/** Closes a case the way a caseworker must: exit assessment first, then the close action. */
export async function closeCase(agent: TestAgent, caseId: string, extra: Record<string, unknown> = {}, today = new Date()): Promise<void> {
  await agent
    .post(api('/outcomes'))
    .send({ caseId, stage: 'exit', assessedOn: today.toISOString().slice(0, 10), housingSituation: 410, safetyRating: 4 })
    .expect(201);
  await agent
    .post(api(`/cases/${caseId}/close`))
    .send({ closureReason: 'completed_plan', exitDestination: 410, cancelOpenReferrals: true, ...extra })
    .expect(200);
}

/**
 * A case's funder data (HMIS elements) with every question answered, as a caseworker fills the form in
 * for a survivor of domestic violence with income, benefits and insurance; `answers` adds the dates and
 * overrides (its keys come last).
 */
export function wholeFunderData(answers: Record<string, unknown>): Record<string, unknown> {
  return {
    raceEthnicity: ['HispanicLatinaeo', 'White'],
    veteranStatus: 0,
    disablingCondition: 1,
    mentalHealthDisorder: 1,
    substanceUseDisorder: 2,
    relationshipToHoH: 1,
    householdSize: 2,
    incomeFromAnySource: 1,
    benefitsFromAnySource: 1,
    insuranceFromAnySource: 1,
    rentalSubsidyType: 433,
    domesticViolenceSurvivor: 1,
    lawEnforcementReported: 'yes',
    lawEnforcementCooperating: true,
    ...answers,
  };
}

/**
 * Every key of a sent referral as its partner reads it (issue 13): the case number, the caseworker's work
 * contact and the structured outcome, nothing else of the case; `survivor` holds only the consented
 * fields, `sharedCustom` the shareable custom values her consent names for this partner (issue 18).
 */
export const PARTNER_REFERRAL_KEYS = [
  'ageHours', 'cancelledAt', 'caseNumber', 'caseworkerContact', 'completedAt', 'createdAt', 'declineReason', 'id', 'organizationId', 'outcome',
  'outcomeNote', 'outcomeReason', 'overdue', 'partnerOrgId', 'respondedAt', 'sentAt', 'serviceType', 'sharedCustom', 'sharedFields', 'startedAt',
  'status', 'survivor', 'updatedAt', 'urgency', 'version',
];
