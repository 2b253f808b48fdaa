import { isImportableCustomField, type CustomFieldResponse, type ImportCustomTarget } from '@lantern/contracts';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useTranslate } from 'react-admin';
import { useLabelText } from '../custom-fields/custom-value-text';

/** The forms whose custom fields a column can fill: the survivor's record and her case. */
const FORMS = ['survivor', 'case'] as const;

export interface ImportCustomTargets {
  /** The columns' choices: `custom.<form>.<key>`, named by the field's label and its form (a survivor's required one says so). */
  choices: { id: ImportCustomTarget; name: string }[];
}

/**
 * The custom fields a spreadsheet import may fill (docs/imports.md, "Custom fields"): of the survivor's and
 * the case's forms, those caseworkers write, not retired and not a person (`isImportableCustomField`, the
 * API's own rule). Read from the admin's list of definitions (`GET /custom-fields`): no value, ever.
 */
export function useImportCustomTargets(): ImportCustomTargets {
  const dataProvider = useDataProvider();
  const translate = useTranslate();
  const labelText = useLabelText();
  const query = useQuery({
    queryKey: ['custom-fields', 'import-targets'],
    queryFn: async () => {
      const lists = await Promise.all(
        FORMS.map((entity) => dataProvider.getList<CustomFieldResponse>('custom-fields', { filter: { entity, retired: false }, pagination: { page: 1, perPage: 100 }, sort: { field: 'key', order: 'ASC' } })),
      );
      return lists.flatMap((list) => list.data);
    },
  });
  const fields = (query.data ?? []).filter((field) => (FORMS as readonly string[]).includes(field.entity) && isImportableCustomField(field));
  const targetOf = (field: CustomFieldResponse) => `custom.${field.entity}.${field.key}` as ImportCustomTarget;
  return {
    choices: fields.map((field) => {
      const name = translate(`lantern.imports.mapping.customTarget.${field.entity}`, { label: labelText(field.label) });
      // A survivor's required field binds every row (docs/custom-fields.md); a case's binds its closure only.
      return { id: targetOf(field), name: field.required && field.entity === 'survivor' ? translate('lantern.imports.mapping.customTarget.required', { name }) : name };
    }),
  };
}
