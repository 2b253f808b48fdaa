import type { CustomFieldOption, CustomFieldResponse, FormDocumentCustomField, FormDocumentOption } from '@lantern/contracts';

/** Options as a form document shares them: label and retirement, no id (ids are each organization's own). */
export const documentOptionsOf = (options: readonly Pick<CustomFieldOption, 'label' | 'retired'>[]): FormDocumentOption[] =>
  options.map(({ label, retired }) => ({ label, retired }));

/**
 * A definition as a form document shares it (issue 18; docs/forms.md, "Sharing a form"): the one place a
 * FormDocumentCustomField is made from a CustomFieldResponse, for the export and for comparing an
 * imported field with the organization's own (features/forms/form-transfer.service.ts). Nothing that is
 * the organization's own: no id, no organization, no applyTo, no retirement, no history.
 */
export function documentFieldOf(field: CustomFieldResponse): FormDocumentCustomField {
  const { key, type, label, help, options, required, pii, readRoles, writeRoles, shareable, metrics, min, max, step } = field;
  return {
    key, type, label, help, options: documentOptionsOf(options), required, pii, readRoles, writeRoles, shareable, metrics, min, max,
    ...(step ? { step } : {}),
  };
}
