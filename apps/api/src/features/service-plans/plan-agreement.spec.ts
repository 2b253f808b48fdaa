import { opensRevision, refuseAgreement, type AgreementState } from './plan-agreement.js';

const TODAY = '2026-12-04';
const plan = (over: Partial<AgreementState> = {}): AgreementState => ({ status: 'active', revision: 2, agreedRevision: 1, startsOn: '2026-10-01', ...over });

describe('a service plan, agreed by revision', () => {
  it('a change to an agreed revision opens the next one; a review date alone does not', () => {
    const agreed = { revision: 2, agreedRevision: 2 };
    expect(opensRevision(agreed, ['description'])).toBe(true);
    expect(opensRevision(agreed, ['reviewDate', 'planType'])).toBe(true);
    expect(opensRevision(agreed, ['reviewDate'])).toBe(false);
    expect(opensRevision(agreed, [])).toBe(false);
    // A revision still being discussed just changes.
    expect(opensRevision({ revision: 3, agreedRevision: 2 }, ['description'])).toBe(false);
    expect(opensRevision({ revision: 1, agreedRevision: null }, ['description'])).toBe(false);
  });

  it('records an agreement to the current, not yet agreed revision, dated between the start and today', () => {
    expect(refuseAgreement(plan(), 2, TODAY, TODAY)).toBeNull();
    expect(refuseAgreement(plan(), 2, '2026-10-01', TODAY)).toBeNull();
    expect(refuseAgreement(plan({ agreedRevision: null, revision: 1 }), 1, '2026-11-15', TODAY)).toBeNull();
  });

  it.each([
    ['an earlier plan', plan({ status: 'completed' }), 2, TODAY, 409, 'PLAN_READ_ONLY'],
    ['a revision that moved on', plan(), 1, TODAY, 409, 'PLAN_REVISION_CHANGED'],
    ['a revision from the future', plan(), 3, TODAY, 409, 'PLAN_REVISION_CHANGED'],
    ['a revision agreed already', plan({ agreedRevision: 2 }), 2, TODAY, 409, 'PLAN_ALREADY_AGREED'],
    ['a date after today', plan(), 2, '2026-12-05', 400, 'VALIDATION_FAILED'],
    ['a date before the plan', plan(), 2, '2026-09-30', 400, 'VALIDATION_FAILED'],
  ] as const)('refuses %s', (_label, state, revision, agreedOn, status, code) => {
    expect(refuseAgreement(state, revision, agreedOn, TODAY)).toMatchObject({ status, code });
  });

  it('names the revision to agree to when it moved on', () => {
    expect(refuseAgreement(plan(), 1, TODAY, TODAY)?.errors).toEqual({ revision: ['must be 2'] });
  });
});
