import type { FunderDataValues } from '@lantern/contracts';
import { NOTHING_COLLECTED, funderDataProblems } from './funder-data-rules.js';

const LATEST = '2026-06-01';
const fields = (state: Partial<FunderDataValues>) => Object.keys(funderDataProblems({ ...NOTHING_COLLECTED, ...state }, LATEST)).sort();

/** Issue 16: a case's funder data (HMIS), its fields checked together. */
describe('funder data rules', () => {
  it('accepts nothing collected, and each element answered as HMIS allows', () => {
    for (const state of [
      {},
      { raceEthnicity: ['Asian', 'HispanicLatinaeo'] },
      { raceNone: 9 },
      { veteranStatus: 0, disablingCondition: 1, physicalDisability: 1, substanceUseDisorder: 3 },
      { householdSize: 1, relationshipToHoH: 1 },
      { householdSize: 3, relationshipToHoH: 2 },
      { incomeFromAnySource: 1, totalMonthlyIncome: 1250.5, incomeSources: { Earned: 1000, ChildSupport: 250.5 }, informationDate: '2026-05-01' },
      { incomeFromAnySource: 0, informationDate: '2026-05-01' },
      { incomeFromAnySource: 8, benefitsFromAnySource: 1, benefits: ['SNAP', 'WIC'], informationDate: '2026-05-01' },
      { domesticViolenceSurvivor: 1, dvWhenOccurred: 1, dvCurrentlyFleeing: 1 },
      { domesticViolenceSurvivor: 0 },
      { insuranceFromAnySource: 1, insuranceTypes: ['Medicaid', 'OtherInsurance'], informationDate: '2026-05-01' },
      { insuranceFromAnySource: 0, informationDate: '2026-05-01' },
      { rentalSubsidyType: 433, destinationSubsidyType: 439 },
      { lawEnforcementReported: 'yes', lawEnforcementCooperating: true, lawEnforcementReportedOn: '2026-04-01' },
      { lawEnforcementReported: 'declined' },
    ] as Partial<FunderDataValues>[]) {
      expect([state, fields(state)]).toEqual([state, []]);
    }
  });

  it('names the field that does not hold', () => {
    expect(fields({ raceEthnicity: ['White'], raceNone: 99 })).toEqual(['raceNone']);
    expect(fields({ incomeFromAnySource: 1, totalMonthlyIncome: 10, informationDate: '2026-05-01' })).toEqual(['incomeSources']);
    expect(fields({ incomeFromAnySource: 0, incomeSources: { SSI: 900 }, informationDate: '2026-05-01' })).toEqual(['incomeSources']);
    expect(fields({ incomeFromAnySource: 1, totalMonthlyIncome: 900, incomeSources: { SSI: -900 }, informationDate: '2026-05-01' })).toEqual(['incomeSources']);
    expect(fields({ incomeFromAnySource: 1, totalMonthlyIncome: 900.001, incomeSources: { SSI: 900.001 }, informationDate: '2026-05-01' })).toEqual(['incomeSources']);
    expect(fields({ incomeFromAnySource: 1, totalMonthlyIncome: 900, incomeSources: { Salary: 900 } as never, informationDate: '2026-05-01' })).toEqual(['incomeSources']);
    expect(fields({ incomeFromAnySource: 1, totalMonthlyIncome: 901, incomeSources: { SSI: 900 }, informationDate: '2026-05-01' })).toEqual(['totalMonthlyIncome']);
    expect(fields({ incomeFromAnySource: 1, incomeSources: { SSI: 900 }, informationDate: '2026-05-01' })).toEqual(['totalMonthlyIncome']);
    expect(fields({ incomeFromAnySource: 9, totalMonthlyIncome: 0, informationDate: '2026-05-01' })).toEqual(['totalMonthlyIncome']);
    expect(fields({ incomeFromAnySource: 0 })).toEqual(['informationDate']);
    expect(fields({ benefitsFromAnySource: 0, informationDate: '2026-06-02' })).toEqual(['informationDate']);
    expect(fields({ benefitsFromAnySource: 1, informationDate: '2026-05-01' })).toEqual(['benefits']);
    expect(fields({ benefitsFromAnySource: 99, benefits: ['SNAP'], informationDate: '2026-05-01' })).toEqual(['benefits']);
    expect(fields({ domesticViolenceSurvivor: 0, dvWhenOccurred: 2, dvCurrentlyFleeing: 0 })).toEqual(['dvCurrentlyFleeing', 'dvWhenOccurred']);
    expect(fields({ lawEnforcementReported: 'no', lawEnforcementCooperating: false })).toEqual(['lawEnforcementCooperating']);
    expect(fields({ lawEnforcementReported: 'declined', lawEnforcementReportedOn: '2026-04-01' })).toEqual(['lawEnforcementReportedOn']);
    expect(fields({ lawEnforcementReported: 'yes', lawEnforcementReportedOn: '2026-06-02' })).toEqual(['lawEnforcementReportedOn']);
    expect(fields({ householdSize: 1, relationshipToHoH: 2 })).toEqual(['relationshipToHoH']);
    expect(fields({ insuranceFromAnySource: 1, informationDate: '2026-05-01' })).toEqual(['insuranceTypes']);
    expect(fields({ insuranceFromAnySource: 9, insuranceTypes: ['COBRA'], informationDate: '2026-05-01' })).toEqual(['insuranceTypes']);
    expect(fields({ insuranceFromAnySource: 0 })).toEqual(['informationDate']);
  });
});
