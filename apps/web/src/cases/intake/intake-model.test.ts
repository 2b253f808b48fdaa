import { describe, expect, it } from 'vitest';
import { changesOf, emptyValues, errorsByStep, payloadOf, STEPS, stepOfField, unsavedChanges, type IntakeValues } from './intake-model';

const start = emptyValues();
const withValues = (changes: Partial<IntakeValues>): IntakeValues => ({ ...start, ...changes });

describe('what an intake draft holds that the server does not (the autosave sends it)', () => {
  it('is nothing for a stepper only opened: opening it creates no draft', () => {
    expect(unsavedChanges(emptyValues(), start)).toEqual({});
  });

  it('is only the fields that changed, normalized as a save sends them', () => {
    const saved = withValues({ identifiedBy: 'NGO', exploitationTypes: ['ForcedLabour', 'SexualExploitation'] });
    expect(unsavedChanges(withValues({ identifiedBy: 'NGO', exploitationTypes: ['SexualExploitation', 'ForcedLabour'] }), saved)).toEqual({});
    expect(unsavedChanges(withValues({ ...saved, narrative: '   ' }), saved)).toEqual({});
    expect(unsavedChanges(withValues({ ...saved, riskScreening: { threatsLast30Days: true } }), saved)).toEqual({ riskScreening: { threatsLast30Days: true } });
    expect(unsavedChanges(withValues({ ...saved, narrative: 'She arrived in May.' }), saved)).toEqual({ narrative: 'She arrived in May.' });
  });

  it('carries the custom values changed, and only those, under `custom` (saved with the draft)', () => {
    const saved = withValues({ custom: { hours: 40, industry: 'farm' } });
    expect(unsavedChanges(withValues({ custom: { hours: 40, industry: 'farm' } }), saved)).toEqual({});
    expect(unsavedChanges(withValues({ custom: { hours: 60, industry: 'farm', since: null } }), saved)).toEqual({ custom: { hours: 60 } });
    expect(unsavedChanges(withValues({ identifiedBy: 'NGO', custom: { hours: 40, industry: null } }), saved)).toEqual({ identifiedBy: 'NGO', custom: { industry: null } });
    expect(stepOfField('custom.hours')).toBe(STEPS.length - 2);
  });

  it('asks a custom field in the step its definition names, else in the step before the review', () => {
    const fields = [
      { key: 'wages', step: 'exploitation' },
      { key: 'hours', step: null },
      { key: 'odd', step: 'review' },
      { key: 'gone', step: 'noSuchStep' },
    ];
    const stepKey = (field: string) => STEPS[stepOfField(field, fields)].key;
    expect([stepKey('custom.wages'), stepKey('custom.hours'), stepKey('custom.odd'), stepKey('custom.gone'), stepKey('custom.unknown')]).toEqual([
      'exploitation',
      'narrative',
      'narrative',
      'narrative',
      'narrative',
    ]);
    // Its refusal shows on that step.
    expect([...errorsByStep({ 'custom.wages': 'Wages must be at most 100' }, fields).keys()]).toEqual([STEPS.findIndex((s) => s.key === 'exploitation')]);
  });
});

describe('the HTCDS 2.0 core in the steps (issue 17, part 2)', () => {
  it('asks each field where a caseworker would: status with identification, places with what happened there', () => {
    const stepKey = (field: string) => STEPS[stepOfField(field)].key;
    expect(stepKey('traffickingStatus')).toBe('identification');
    for (const field of ['sexualExploitationTypes', 'forcedLabourIndustry', 'exploitationCountry', 'exploitationRegion']) expect([field, stepKey(field)]).toEqual([field, 'exploitation']);
    for (const field of ['recruitmentMethods', 'recruitmentCountry', 'recruitmentRegion', 'relationshipToTrafficker', 'ageWhenTrafficked']) expect([field, stepKey(field)]).toEqual([field, 'recruitment']);
    // An API error on a region lands on its step, not on the review.
    expect(stepKey('exploitationRegion.0')).toBe('exploitation');
  });

  it('sends the age as a number, blanks as "not known", and regions only with the free texts', () => {
    const values = withValues({ ageWhenTrafficked: '16', recruitmentCountry: '', exploitationCountry: 'US', exploitationRegion: '  ', recruitmentRegion: 'Quetzaltenango' });
    const body = payloadOf(values, true);
    expect(body).toMatchObject({ ageWhenTrafficked: 16, recruitmentCountry: null, exploitationCountry: 'US', exploitationRegion: null, recruitmentRegion: 'Quetzaltenango' });
    expect(payloadOf(values, false)).not.toHaveProperty('recruitmentRegion');
    expect(payloadOf(withValues({ ageWhenTrafficked: '' }), true).ageWhenTrafficked).toBeNull();
    expect(payloadOf(withValues({ ageWhenTrafficked: 0 }), true).ageWhenTrafficked).toBe(0);
  });

  it('an amendment sends only the core answers that changed', () => {
    const intake = { ...payloadOf(withValues({ traffickingStatus: 'PossibleVictimOfTrafficking', ageWhenTrafficked: 15, sexualExploitationTypes: ['Prostitution'] }), true), narrative: null };
    const body = payloadOf(withValues({ traffickingStatus: 'ActualVictimOfTrafficking', ageWhenTrafficked: '15', sexualExploitationTypes: ['Prostitution'] }), true);
    expect(changesOf(body, intake as never)).toEqual({ traffickingStatus: 'ActualVictimOfTrafficking' });
  });
});
