import { Stack, Typography } from '@mui/material';
import { useId } from 'react';
import { useTranslate } from 'react-admin';
import type { FieldError } from '../common/FormDialog';
import { CustomValueInput } from './CustomValueInput';
import type { NewRecordCustom } from './use-new-record-custom';

/**
 * "More details" in a create dialog: the organization's own fields of the form that her role may write,
 * sent in the create body. A required one says so (`requiredHint`: "Required", or "Required to send" on a
 * referral); the API's refusal (`custom.<key>`) shows under its field. Nothing when there is no field.
 */
export function NewRecordCustomFields({ custom, fieldError, requiredHint }: { custom: NewRecordCustom; fieldError: FieldError; requiredHint?: string }) {
  const translate = useTranslate();
  const titleId = useId();
  if (custom.fields.length === 0) return null;
  return (
    <Stack spacing={2} sx={{ mt: 2 }} component="section" aria-labelledby={titleId} data-testid="new-record-custom">
      <Typography variant="subtitle2" component="h3" id={titleId}>
        {translate('lantern.customValues.title')}
      </Typography>
      {custom.fields.map((field) => (
        <CustomValueInput
          key={field.key}
          field={field}
          value={custom.values[field.key]}
          saved={undefined}
          onChange={(value) => custom.change(field.key, value)}
          error={fieldError(`custom.${field.key}`)}
          requiredHint={field.required ? (requiredHint ?? translate('lantern.customValues.required')) : undefined}
        />
      ))}
    </Stack>
  );
}
