import type { IntakeResponse } from '@lantern/contracts';
import { Alert, AlertTitle, Box, Divider, Paper, Stack } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { ReasonDialog } from '../../common/ReasonDialog';
import { errorsByStep, REVIEW_STEP, stepOfCustom, STEPS, type IntakeValues } from './intake-model';
import { IntakeCustomGroup } from './IntakeCustomGroup';
import { IntakeActions } from './IntakeActions';
import { IntakeReview } from './IntakeReview';
import { IntakeStepNav } from './IntakeStepNav';
import { ExploitationStep, IdentificationStep, NarrativeStep, NeedsStep, RecruitmentStep, RiskStep } from './IntakeSteps';
import { useIntakeSave, type IntakeMode } from './use-intake-save';
import { useIntakeSteps } from './use-intake-steps';

const STEP_CONTENT = [IdentificationStep, ExploitationStep, RecruitmentStep, NeedsStep, RiskStep, NarrativeStep];

export interface IntakeStepperBodyProps {
  values: IntakeValues;
  mode: IntakeMode;
  caseId: string;
  saved: IntakeResponse | undefined;
  /** The intake as the page last read it. */
  incoming: IntakeResponse | undefined;
  onSaved: (intake: IntakeResponse) => void;
  onSubmitted: () => void;
  onCancel?: () => void;
  /** Move focus to the first step's heading as soon as the stepper appears (after "Start intake"). */
  focusOnMount?: boolean;
}

/** The stepper inside its form: the steps, the step on screen with its problems, and the actions. */
export function IntakeStepperBody({ values, mode, caseId, saved, incoming, onSaved, onSubmitted, onCancel, focusOnMount = false }: IntakeStepperBodyProps) {
  const translate = useTranslate();
  const [amending, setAmending] = useState(false);
  const steps = useIntakeSteps({ caseId, mode, saved, focusOnMount });
  const saving = useIntakeSave({ caseId, mode, values, saved, incoming, onSaved, onSubmitted, go: steps.go });
  const { active, region } = steps;
  const { autosave, missing } = saving;

  // Each move saves the draft's changes too ("autosave on Next"), in the background.
  const go = (step: number): void => {
    steps.go(step);
    if (mode === 'draft') void autosave.flush();
  };

  const shownErrors: Partial<Record<string, string>> = { ...(saving.attempted ? missing : {}), ...saving.apiErrors };
  const byStep = errorsByStep(shownErrors, saving.customFields);
  const activeErrors = byStep.get(active) ?? [];
  const Content = active < REVIEW_STEP ? STEP_CONTENT[active] : null;
  // The organization's own fields of this step: where the admin placed each, else the step before the review.
  const customHere = saving.customFields.filter((field) => stepOfCustom(field.step) === active);

  return (
    <Stack spacing={2}>
      {mode === 'amend' && (
        <Alert severity="info">
          <AlertTitle>{translate('lantern.intake.amending')}</AlertTitle>
          {translate('lantern.intake.amendingText')}
        </Alert>
      )}
      <IntakeStepNav active={active} values={values} byStep={byStep} go={go} />

      <Paper ref={region} variant="outlined" sx={{ p: { xs: 2, md: 3 } }} role="region" aria-label={STEPS[active].label}>
        {saving.problem && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {saving.problem}
          </Alert>
        )}
        {activeErrors.length > 0 && (
          <Alert severity="warning" sx={{ mb: 2 }} data-testid="step-errors">
            <AlertTitle>{translate('lantern.intake.neededBefore')}</AlertTitle>
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {activeErrors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </Box>
          </Alert>
        )}
        {Content ? <Content /> : <IntakeReview mode={mode} values={values} missing={missing} go={go} customFields={saving.allCustomFields} />}
        {active < REVIEW_STEP && customHere.length > 0 && <IntakeCustomGroup fields={customHere} errors={saving.apiErrors} />}

        <Divider sx={{ my: 2 }} />
        <IntakeActions
          mode={mode}
          active={active}
          busy={saving.busy}
          blocked={saving.narrativeTooLong}
          canAmend={Object.keys(missing).length === 0}
          autosave={autosave}
          go={go}
          onCancel={onCancel}
          onSaveDraft={() => void saving.saveDraft()}
          onSubmit={() => void saving.submit()}
          onAmend={() => setAmending(true)}
        />
      </Paper>
      <ReasonDialog
        open={amending}
        title={translate('lantern.intake.amendTitle')}
        description={translate('lantern.intake.amendText')}
        confirmLabel={translate('lantern.intake.saveAmendment')}
        required
        minLength={3}
        onConfirm={saving.amend}
        onClose={() => setAmending(false)}
      />
    </Stack>
  );
}
