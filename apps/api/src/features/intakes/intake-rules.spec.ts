import { assessedRiskLevelOf, CASE_STATUSES, INTAKE_STATUSES, RISK_QUESTIONS } from '@lantern/contracts';
import { caseStatusOnSubmit, missingForSubmit, refuseIncomplete, refuseIntakeStep, type IntakeStep } from './intake-rules.js';
import type { Intake } from './intake.entity.js';

const allAnswered = Object.fromEntries(RISK_QUESTIONS.map((q) => [q.id, false]));
const complete = { intakeDate: '2026-11-02', identifiedBy: 'NGO', exploitationTypes: ['SexualExploitation'], riskScreening: allAnswered } as unknown as Pick<
  Intake,
  'intakeDate' | 'identifiedBy' | 'exploitationTypes' | 'riskScreening'
>;

describe('the intake: draft → submitted → amended', () => {
  const expected: Record<IntakeStep, Record<(typeof INTAKE_STATUSES)[number], string | null>> = {
    edit: { draft: null, submitted: 'INTAKE_SUBMITTED' },
    submit: { draft: null, submitted: 'INTAKE_SUBMITTED' },
    amend: { draft: 'INTAKE_DRAFT', submitted: null },
  };
  for (const step of ['edit', 'submit', 'amend'] as const) {
    for (const status of INTAKE_STATUSES) {
      it(`${step} on a ${status} intake: ${expected[step][status] ?? 'allowed'}`, () => {
        const refusal = refuseIntakeStep(step, status);
        expect(refusal?.code ?? null).toBe(expected[step][status]);
        if (refusal) expect(refusal.status).toBe(409);
      });
    }
  }

  it('a complete intake may be submitted and amended', () => {
    expect(missingForSubmit(complete)).toEqual({});
    expect(refuseIncomplete('submit', complete)).toBeNull();
    expect(refuseIncomplete('amend', complete)).toBeNull();
  });

  it.each([
    ['intakeDate', { intakeDate: null }, 'is required to submit'],
    ['identifiedBy', { identifiedBy: null }, 'is required to submit'],
    ['exploitationTypes', { exploitationTypes: [] }, 'needs at least one type to submit'],
  ] as const)('without %s, submitting is refused with 422 naming it', (field, change, problem) => {
    const answers = { ...complete, ...change } as typeof complete;
    expect(refuseIncomplete('submit', answers)).toMatchObject({ status: 422, code: 'INTAKE_INCOMPLETE', errors: { [field]: [problem] } });
    // An amendment may not take a required answer away either.
    expect(refuseIncomplete('amend', answers)).toMatchObject({ status: 422, message: expect.stringContaining('may not remove') });
  });

  it('names every unanswered risk question, one at a time', () => {
    for (const question of RISK_QUESTIONS) {
      const { [question.id]: _dropped, ...rest } = allAnswered;
      const missing = missingForSubmit({ ...complete, riskScreening: rest } as typeof complete);
      expect(missing).toEqual({ riskScreening: [`has unanswered questions: ${question.id}`] });
    }
    expect(missingForSubmit({ ...complete, riskScreening: {} } as typeof complete).riskScreening?.[0]).toBe(
      `has unanswered questions: ${RISK_QUESTIONS.map((q) => q.id).join(', ')}`,
    );
  });
});

describe('what a submitted intake does to its case', () => {
  it('moves a case in intake to active, and no other status', () => {
    expect(Object.fromEntries(CASE_STATUSES.map((status) => [status, caseStatusOnSubmit(status)]))).toEqual({
      intake: 'active',
      active: null,
      on_hold: null,
      closed: null,
    });
  });
});

describe('the risk level the answers settle', () => {
  it('is null before any answer and while a later answer could still raise it', () => {
    expect(assessedRiskLevelOf({})).toBeNull();
    expect(assessedRiskLevelOf(null)).toBeNull();
    const { substanceDependence: _open, ...allButOne } = allAnswered;
    expect(assessedRiskLevelOf(allButOne)).toBeNull();
  });

  it('is the level once every question is answered, or high as soon as the answers make it high', () => {
    expect(assessedRiskLevelOf(allAnswered)).toBe('low');
    expect(assessedRiskLevelOf({ traffickerKnowsLocation: true })).toBe('high');
    expect(assessedRiskLevelOf({ threatsLast30Days: true, noSafePlaceTonight: true, minor: true })).toBe('high');
    expect(assessedRiskLevelOf({ ...allAnswered, threatsLast30Days: true, noSafePlaceTonight: true })).toBe('medium');
  });
});
