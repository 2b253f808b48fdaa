import type { CustomValue, CustomValueField } from '@lantern/contracts';
import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { CustomValueText, useLabelText } from '../../custom-fields/custom-value-text';
import { Detail } from '../../survivors/SurvivorDetails';

/**
 * An intake's custom values to read over, labelled in the reader's language: the review step's (as the
 * form holds them) and a revision's (as they were before an amendment). Nothing when there is no field.
 */
export function IntakeCustomValues({ fields, values, testId }: { fields: CustomValueField[]; values: Record<string, CustomValue> | undefined; testId: string }) {
  const translate = useTranslate();
  const text = useLabelText();
  if (fields.length === 0) return null;
  return (
    <Box sx={{ mt: 2, display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }} data-testid={testId}>
      <Typography variant="subtitle1" component="h4" sx={{ gridColumn: '1 / -1' }}>
        {translate('lantern.customValues.title')}
      </Typography>
      {fields.map((field) => (
        <Detail key={field.key} label={text(field.label)}>
          <CustomValueText field={field} value={values?.[field.key]} />
        </Detail>
      ))}
    </Box>
  );
}
