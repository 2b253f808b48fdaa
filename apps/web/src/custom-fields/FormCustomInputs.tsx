import type { CustomValue } from '@lantern/contracts';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import { NewRecordCustomFields } from './NewRecordCustomFields';
import { useNewRecordCustom, type NewRecordRoute } from './use-new-record-custom';

/**
 * A new record's own fields in a react-admin form (the contact form, the survivor's; docs/custom-fields.md,
 * "Values given at creation"), in the form's `custom`: sent in the create body (`withoutEmptyCustom`), a
 * required one marked, the API's refusal (`custom.<key>`) under its field.
 */
export function FormCustomInputs({ route }: { route: NewRecordRoute }) {
  const { fields } = useNewRecordCustom(route);
  const { setValue, clearErrors } = useFormContext();
  const values = (useWatch({ name: 'custom' }) as Record<string, CustomValue> | undefined) ?? {};
  const { errors } = useFormState();
  const customErrors = (errors.custom ?? {}) as Record<string, { message?: unknown } | undefined>;
  // A change clears the API's refusal of that field (the form is not submitted while an error stands).
  const change = (key: string, value: CustomValue) => {
    clearErrors(`custom.${key}`);
    setValue('custom', { ...values, [key]: value }, { shouldDirty: true });
  };
  const fieldError = (path: string) => {
    const message = customErrors[path.slice('custom.'.length)]?.message;
    return typeof message === 'string' ? message : undefined;
  };
  return <NewRecordCustomFields custom={{ fields, values, change, body: () => undefined }} fieldError={fieldError} />;
}
