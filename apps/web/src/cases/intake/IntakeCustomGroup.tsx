import type { CustomValue, CustomValueField } from '@lantern/contracts';
import { Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import { CustomValueInput } from '../../custom-fields/CustomValueInput';

/**
 * The organization's own intake fields the person may write, as one more group of the step before the
 * review; saved with the draft. A required one says "Required to submit" (the API names it in
 * INTAKE_INCOMPLETE when it is empty); a refusal shows under its field (`custom.<key>`).
 */
export function IntakeCustomGroup({ fields, errors }: { fields: CustomValueField[]; errors: Partial<Record<string, string>> }) {
  const translate = useTranslate();
  const { setValue } = useFormContext();
  const values = (useWatch({ name: 'custom' }) as Record<string, CustomValue> | undefined) ?? {};
  return (
    <Stack spacing={2} sx={{ mt: 3 }} component="section" aria-labelledby="intake-custom-title" data-testid="intake-custom">
      <Typography variant="subtitle1" component="h4" id="intake-custom-title">
        {translate('lantern.customValues.title')}
      </Typography>
      {fields.map((field) => (
        <CustomValueInput
          key={field.key}
          field={field}
          value={values[field.key]}
          saved={values[field.key]}
          onChange={(value) => setValue('custom', { ...values, [field.key]: value }, { shouldDirty: true })}
          error={errors[`custom.${field.key}`]}
          requiredHint={field.required ? translate('lantern.intake.requiredToSubmit') : undefined}
        />
      ))}
    </Stack>
  );
}
