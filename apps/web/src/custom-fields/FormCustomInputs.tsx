import type { CustomValue } from '@lantern/contracts';
import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useFormContext, useFormState, useWatch } from 'react-hook-form';
import { REFUSAL_NOTE } from '../common/FocusFirstRefusal';
import { NewRecordCustomFields } from './NewRecordCustomFields';
import { useNewRecordCustom, type NewRecordRoute } from './use-new-record-custom';

/**
 * A new record's own fields in a react-admin form (the contact form, the survivor's; docs/custom-fields.md,
 * "Values given at creation"), in the form's `custom`: sent in the create body (`withoutEmptyCustom`), a
 * required one marked, the API's refusal (`custom.<key>`) under its field. A refusal of a field the form
 * does not offer her (required, but her role may not write it) is a note of its own, not lost.
 */
export function FormCustomInputs({ route }: { route: NewRecordRoute }) {
  const { fields } = useNewRecordCustom(route);
  const translate = useTranslate();
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
  const unshown = Object.keys(customErrors).filter((key) => customErrors[key] && !fields.some((field) => field.key === key));
  return (
    <>
      <NewRecordCustomFields custom={{ fields, values, change, body: () => undefined }} fieldError={fieldError} />
      {unshown.length > 0 && (
        <Alert severity="error" {...REFUSAL_NOTE}>
          {translate('lantern.common.refusedElsewhere')}
        </Alert>
      )}
    </>
  );
}
