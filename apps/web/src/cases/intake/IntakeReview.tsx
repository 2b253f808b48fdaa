import type { CustomValue, CustomValueField } from '@lantern/contracts';
import { Alert, AlertTitle, Button, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { stepOfField, STEPS, type IntakeField, type IntakeValues } from './intake-model';
import { IntakeCustomValues } from './IntakeCustomValues';
import { IntakeSummary } from './IntakeSummary';
import type { IntakeMode } from './use-intake-save';

/** The last step: what is still needed (each with a way to its step), then the whole intake to read over. */
export function IntakeReview({
  mode,
  values,
  missing,
  go,
  customFields = [],
}: {
  mode: IntakeMode;
  values: IntakeValues;
  missing: Partial<Record<IntakeField, string>>;
  go: (step: number) => void;
  /** The custom fields the reader may read: their values as the form holds them. */
  customFields?: CustomValueField[];
}) {
  const translate = useTranslate();
  const missingList = Object.entries(missing) as [IntakeField, string][];
  return (
    <>
      <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
        {translate(mode === 'amend' ? 'lantern.intake.reviewAmendment' : 'lantern.intake.reviewSubmit')}
      </Typography>
      {missingList.length > 0 ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          <AlertTitle>{translate('lantern.intake.stillNeeded')}</AlertTitle>
          <Stack spacing={0.5}>
            {missingList.map(([field, message]) => (
              <Stack key={field} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <span>{message}</span>
                <Button size="small" onClick={() => go(stepOfField(field))}>
                  {translate('lantern.intake.goTo', { step: STEPS[stepOfField(field)].label })}
                </Button>
              </Stack>
            ))}
          </Stack>
        </Alert>
      ) : (
        mode === 'draft' && (
          <Alert severity="success" sx={{ mb: 2 }}>
            {translate('lantern.intake.allAnswered')}
          </Alert>
        )
      )}
      <IntakeSummary values={values} narrativeShown />
      <IntakeCustomValues fields={customFields} values={values.custom as Record<string, CustomValue> | undefined} testId="intake-review-custom" />
    </>
  );
}
