import { BUILT_IN_FORMS } from '@lantern/contracts';
import { checkFormSettings, effectiveDefinition, missingRequired } from './form-rules.js';

const meta = { version: 1, updatedAt: null, updatedBy: null };

/** The checks of an admin's form settings, and the definition they make (issue 18; docs/forms.md). */
describe('form rules', () => {
  it('accepts a relabel, a requirement at a stage of the form, a hidden optional field and a new order', () => {
    const { errors, settings } = checkFormSettings('intake', [
      { key: 'traffickingStatus', label: { en: ' Status found ', es: 'Estado' }, required: 'intake_submit' },
      { key: 'forcedLabourIndustry', hidden: true },
      { key: 'controlMethods', order: 1 },
      { key: 'exploitationTypes', order: 4 },
    ]);
    expect(errors).toEqual({});
    const definition = effectiveDefinition('intake', settings, meta);
    const status = definition.fields.find((f) => f.key === 'traffickingStatus')!;
    expect(status).toMatchObject({ label: { en: 'Status found', es: 'Estado' }, required: 'intake_submit', requiredFrom: 'intake_submit', hidden: false });
    expect(definition.fields.filter((f) => f.step === 'exploitation').map((f) => f.key)).toEqual([
      'controlMethods',
      'sexualExploitationTypes',
      'forcedLabourIndustry',
      'exploitationTypes',
      'exploitationCountry',
      'exploitationRegion',
    ]);
  });

  it('names each bad field: unknown, locked and hidden, a stage the form cannot reach, weaker than Lantern, empty or long labels, shared positions', () => {
    const { errors } = checkFormSettings('survivor', [
      { key: 'shoeSize' },
      { key: 'alias', hidden: true },
      { key: 'gender', required: 'intake_draft' },
      { key: 'pronouns', required: 'sometimes' },
      { key: 'phone', label: { en: '' } },
      { key: 'email', label: { en: 'x'.repeat(81) }, help: { fr: 'Courriel' } },
      { key: 'legalName', order: 2 },
      { key: 'address', hidden: true, required: 'case_close' },
    ]);
    expect(Object.keys(errors).sort()).toEqual(
      [
        'fields.shoeSize.key',
        'fields.alias.hidden',
        'fields.gender.required',
        'fields.pronouns.required',
        'fields.phone.label.en',
        'fields.email.label.en',
        'fields.email.help.fr',
        'fields.legalName.order',
        'fields.preferredName.order',
        'fields.address.required',
      ].sort(),
    );
    expect(checkFormSettings('intake', [{ key: 'intakeDate', required: 'case_close' }]).errors).toEqual({
      'fields.intakeDate.required': ["cannot be later than Lantern's own rule (intake_submit)"],
    });
    // Earlier than Lantern's own rule is stricter, so allowed.
    expect(checkFormSettings('intake', [{ key: 'intakeDate', required: 'intake_draft' }]).errors).toEqual({});
    expect(checkFormSettings('case', [{ key: 'status', hidden: true }]).errors).toHaveProperty(['fields.status.hidden']);
  });

  it('every form has at least one locked field and positions 1..n per step by default', () => {
    for (const form of Object.values(BUILT_IN_FORMS)) {
      expect(form.fields.some((f) => f.locked)).toBe(true);
      const definition = effectiveDefinition(form.key, [], meta);
      for (const step of form.steps) {
        expect(definition.fields.filter((f) => f.step === step).map((f) => f.order)).toEqual(form.fields.filter((f) => f.step === step).map((_, i) => i + 1));
      }
    }
  });

  it('a field required at a stage is missing at that stage and later ones, not earlier; hidden fields are never required', () => {
    const { settings } = checkFormSettings('intake', [{ key: 'traffickingStatus', required: 'intake_submit' }, { key: 'narrative', required: 'case_close' }]);
    const intake = effectiveDefinition('intake', settings, meta);
    const empty = { traffickingStatus: null, narrative: null };
    expect(missingRequired([intake], 'intake_draft', { intake: empty }, 'intake', 'x')).toEqual({});
    expect(missingRequired([intake], 'intake_submit', { intake: empty }, 'intake', 'x')).toEqual({ traffickingStatus: ['x'] });
    expect(missingRequired([intake], 'case_close', { intake: empty }, null, 'x')).toEqual({ 'intake.traffickingStatus': ['x'], 'intake.narrative': ['x'] });
    expect(missingRequired([intake], 'case_close', { intake: { traffickingStatus: 'Victim', narrative: '  ' } }, null, 'x')).toEqual({ 'intake.narrative': ['x'] });
    const hidden = effectiveDefinition('intake', [{ key: 'traffickingStatus', hidden: true, required: 'intake_submit', labels: {}, help: {}, position: null }], meta);
    expect(missingRequired([hidden], 'case_close', { intake: empty }, 'intake', 'x')).toEqual({});
  });
});
