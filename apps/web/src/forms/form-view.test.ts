import { BUILT_IN_FORMS, type FormDefinitionResponse } from '@lantern/contracts';
import { describe, expect, it } from 'vitest';
import { formView } from './form-view';
import { draftOf, move, settingsOf, stepFields } from './settings-draft';

const builtIn = (key: string) => `Built-in ${key}`;

/** The organization's intake as the API answers it (GET /forms/intake), with three settings. */
function intakeDefinition(): FormDefinitionResponse {
  const view = formView('intake', undefined, 'en', builtIn);
  const fields = BUILT_IN_FORMS.intake.fields.map((f) => {
    const v = view.field(f.key)!;
    return { key: f.key, step: f.step, locked: f.locked ?? null, builtInRequired: f.requiredFrom ?? null, hidden: false, required: 'none' as const, requiredFrom: f.requiredFrom ?? null, label: {}, help: {}, order: v.order };
  });
  const status = fields.find((f) => f.key === 'traffickingStatus')!;
  Object.assign(status, { label: { en: 'Status as identified', es: 'Estado al identificarla' }, help: { es: 'Pregunte con calma.' }, required: 'intake_submit', requiredFrom: 'intake_submit' });
  Object.assign(fields.find((f) => f.key === 'forcedLabourIndustry')!, { hidden: true });
  // controlMethods first in its step, exploitationTypes fourth.
  const order: Record<string, number> = { controlMethods: 1, exploitationTypes: 4, sexualExploitationTypes: 2, forcedLabourIndustry: 3 };
  for (const f of fields) if (f.key in order) f.order = order[f.key]!;
  return { form: 'intake', steps: [...BUILT_IN_FORMS.intake.steps], stages: [...BUILT_IN_FORMS.intake.stages], fields, version: 3, updatedAt: '2026-12-01T10:00:00.000Z', updatedBy: 'admin-1' };
}

describe('the form view merged from the organization’s definition (docs/forms.md)', () => {
  it("uses the organization's label and help in the reader's language, else Lantern's", () => {
    const en = formView('intake', intakeDefinition(), 'en', builtIn);
    expect(en.field('traffickingStatus')).toMatchObject({ label: 'Status as identified', relabelled: true, help: undefined });
    expect(en.field('intakeDate')).toMatchObject({ label: 'Built-in intakeDate', relabelled: false });
    const es = formView('intake', intakeDefinition(), 'es', builtIn);
    expect(es.field('traffickingStatus')).toMatchObject({ label: 'Estado al identificarla', help: 'Pregunte con calma.' });
  });

  it('leaves hidden fields out and puts the rest in the organization’s order', () => {
    const view = formView('intake', intakeDefinition(), 'en', builtIn);
    expect(view.visible('forcedLabourIndustry')).toBe(false);
    expect(view.ordered(['exploitationTypes', 'sexualExploitationTypes', 'forcedLabourIndustry', 'controlMethods', 'exploitationCountry'])).toEqual([
      'controlMethods',
      'sexualExploitationTypes',
      'exploitationTypes',
      'exploitationCountry',
    ]);
    expect(view.requiredAt('intake_submit').map((f) => f.key)).toEqual(['traffickingStatus']);
    expect(view.requiredAt('intake_draft')).toEqual([]);
    expect(view.requiredAt('case_close').map((f) => f.key)).toEqual(['traffickingStatus']);
  });

  it('is Lantern’s own form while the definition is not there (or is another form’s)', () => {
    for (const definition of [undefined, { ...intakeDefinition(), form: 'case' as const }]) {
      const view = formView('intake', definition, 'en', builtIn);
      expect(view.visible('forcedLabourIndustry')).toBe(true);
      expect(view.field('traffickingStatus')?.label).toBe('Built-in traffickingStatus');
      expect(view.ordered(['intakeDate', 'identifiedBy', 'traffickingStatus'])).toEqual(['intakeDate', 'identifiedBy', 'traffickingStatus']);
      expect(view.requiredAt('case_close')).toEqual([]);
    }
  });

  it('the admin’s draft moves a field within its step only and sends every field, empty texts left out', () => {
    const draft = draftOf(intakeDefinition());
    expect(stepFields(draft, 'identification').map((f) => f.key)).toEqual(['intakeDate', 'identifiedBy', 'traffickingStatus']);
    const moved = move(draft, 'traffickingStatus', -1);
    expect(stepFields(moved, 'identification').map((f) => [f.key, f.order])).toEqual([['intakeDate', 1], ['traffickingStatus', 2], ['identifiedBy', 3]]);
    expect(move(moved, 'intakeDate', -1)).toEqual(moved);
    const body = settingsOf(moved);
    expect(body).toHaveLength(BUILT_IN_FORMS.intake.fields.length);
    expect(body.find((f) => f.key === 'traffickingStatus')).toEqual({ key: 'traffickingStatus', hidden: false, required: 'intake_submit', label: { en: 'Status as identified', es: 'Estado al identificarla' }, help: { es: 'Pregunte con calma.' }, order: 2 });
    expect(body.find((f) => f.key === 'intakeDate')).toMatchObject({ label: {}, help: {} });
  });
});
