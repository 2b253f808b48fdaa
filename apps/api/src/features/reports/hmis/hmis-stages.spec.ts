import { hmisCollections, isAnnualAssessmentDay } from './hmis-stages.js';

const stages = (entry: string, exit: string | null, informationDate: string | null, hasData = true) =>
  hmisCollections(entry, exit, informationDate, hasData).map((r) => `${r.stage} ${r.at} ${r.answered ? 'answered' : '99'}`);

/** Issue 16: which HMIS records (start, update, annual, exit) carry the case's one funder data record. */
describe('HMIS data collection stages', () => {
  it('answers collected at or before the entry, or undated, are the project-start record', () => {
    expect(stages('2025-03-10', null, '2025-03-10')).toEqual(['1 2025-03-10 answered']);
    expect(stages('2025-03-10', null, '2025-02-01')).toEqual(['1 2025-03-10 answered']);
    expect(stages('2025-03-10', null, null)).toEqual(['1 2025-03-10 answered']);
    expect(stages('2025-03-10', null, null, false)).toEqual(['1 2025-03-10 99']);
  });

  it('answers collected later are an update, or an annual assessment within 30 days of an anniversary', () => {
    expect(stages('2025-03-10', null, '2025-06-01')).toEqual(['1 2025-03-10 99', '2 2025-06-01 answered']);
    expect(stages('2025-03-10', null, '2026-02-08')).toEqual(['1 2025-03-10 99', '5 2026-02-08 answered']);
    expect(stages('2025-03-10', null, '2026-04-09')).toEqual(['1 2025-03-10 99', '5 2026-04-09 answered']);
    expect(stages('2025-03-10', null, '2026-04-10')).toEqual(['1 2025-03-10 99', '2 2026-04-10 answered']);
    expect(stages('2023-03-10', null, '2025-03-01')).toEqual(['1 2023-03-10 99', '5 2025-03-01 answered']);
  });

  it('a closed enrollment always has its exit record, answered only by answers of its last 30 days', () => {
    expect(stages('2025-03-10', '2025-09-30', '2025-09-15')).toEqual(['1 2025-03-10 99', '3 2025-09-30 answered']);
    expect(stages('2025-03-10', '2025-09-30', '2025-08-31')).toEqual(['1 2025-03-10 99', '3 2025-09-30 answered']);
    expect(stages('2025-03-10', '2025-09-30', '2025-08-30')).toEqual(['1 2025-03-10 99', '2 2025-08-30 answered', '3 2025-09-30 99']);
    // A short stay: the answers of the entry are also those of the exit.
    expect(stages('2025-03-10', '2025-03-20', '2025-03-10')).toEqual(['1 2025-03-10 answered', '3 2025-03-20 answered']);
    expect(stages('2025-03-10', '2025-09-30', '2025-03-10')).toEqual(['1 2025-03-10 answered', '3 2025-09-30 99']);
    expect(stages('2025-03-10', '2025-09-30', null)).toEqual(['1 2025-03-10 answered', '3 2025-09-30 99']);
    expect(stages('2025-03-10', '2025-09-30', null, false)).toEqual(['1 2025-03-10 99', '3 2025-09-30 99']);
  });

  it('knows the anniversaries, 29 February included', () => {
    expect(isAnnualAssessmentDay('2024-02-29', '2025-02-28')).toBe(true);
    expect(isAnnualAssessmentDay('2024-02-29', '2025-03-30')).toBe(true);
    expect(isAnnualAssessmentDay('2024-02-29', '2025-04-01')).toBe(false);
    expect(isAnnualAssessmentDay('2025-01-01', '2025-12-01')).toBe(false);
    expect(isAnnualAssessmentDay('2025-01-01', '2025-12-02')).toBe(true);
    expect(isAnnualAssessmentDay('2025-01-01', '2025-02-01')).toBe(false);
  });
});
