import { describe, expect, it } from 'vitest';
import { emptyValues, unsavedChanges, type IntakeValues } from './intake-model';

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
});
