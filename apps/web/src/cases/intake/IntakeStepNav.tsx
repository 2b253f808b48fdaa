import { Paper, Step, StepButton, StepLabel, Stepper, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { stepFilled, STEPS, type IntakeValues } from './intake-model';

/** The steps across the top: each one a button, ticked when filled, marked when it needs attention. */
export function IntakeStepNav({
  active,
  values,
  byStep,
  go,
}: {
  active: number;
  values: IntakeValues;
  byStep: Map<number, string[]>;
  go: (step: number) => void;
}) {
  const translate = useTranslate();
  return (
    <Paper variant="outlined" sx={{ p: { xs: 1.5, md: 2 }, overflowX: 'auto' }}>
      <Stepper nonLinear activeStep={active} alternativeLabel aria-label={translate('lantern.intake.stepsLabel')}>
        {STEPS.map((step, index) => {
          const stepErrors = byStep.get(index);
          const completed = index !== active && stepFilled(step, values) && !stepErrors;
          return (
            // Seven steps on a phone: each keeps room for its label, and the row scrolls sideways.
            <Step key={step.key} completed={completed} sx={{ minWidth: { xs: 96, sm: 0 } }}>
              <StepButton
                onClick={() => go(index)}
                aria-label={
                  stepErrors
                    ? translate('lantern.intake.stepNeedsAttention', { step: step.label })
                    : completed
                      ? translate('lantern.intake.stepDone', { step: step.label })
                      : step.label
                }
                optional={
                  stepErrors ? (
                    <Typography variant="caption" color="error">
                      {translate('lantern.intake.needsAttention')}
                    </Typography>
                  ) : undefined
                }
              >
                <StepLabel error={Boolean(stepErrors)}>{step.label}</StepLabel>
              </StepButton>
            </Step>
          );
        })}
      </Stepper>
    </Paper>
  );
}
