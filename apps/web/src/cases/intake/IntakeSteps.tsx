import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { CheckboxGroupInput, DateInput, maxLength, SelectInput, TextInput } from 'react-admin';
import {
  CONTROL_METHOD_CHOICES,
  EXPLOITATION_CHOICES,
  IDENTIFIED_BY_CHOICES,
  IMMEDIATE_NEED_CHOICES,
  RECRUITMENT_CHOICES,
} from '../../common/labels';
import { RiskScreeningInput } from './RiskScreeningInput';

export const NARRATIVE_MAX = 20_000;

function StepIntro({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="h6" component="h3">
        {title}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {children}
      </Typography>
    </Box>
  );
}

const notInFuture = (value: unknown): string | undefined =>
  typeof value === 'string' && value > new Date().toISOString().slice(0, 10) ? 'The intake date cannot be in the future' : undefined;

const checkboxColumns = {
  '& .MuiFormGroup-root': { display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: '1fr 1fr 1fr' }, columnGap: 2 },
};

export function IdentificationStep() {
  return (
    <>
      <StepIntro title="Identification">When the intake took place and who identified the person as someone who may have been trafficked.</StepIntro>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '240px 1fr' }, maxWidth: 720 }}>
        <DateInput source="intakeDate" validate={notInFuture} helperText="Required to submit" />
        <SelectInput source="identifiedBy" choices={IDENTIFIED_BY_CHOICES} emptyText="Not recorded yet" helperText="Required to submit" />
      </Box>
    </>
  );
}

export function ExploitationStep() {
  return (
    <>
      <StepIntro title="Exploitation">
        What the person experienced, in the terms of the Human Trafficking Case Data Standard. Choose all that apply; ask only what the person is ready to tell.
      </StepIntro>
      <CheckboxGroupInput source="exploitationTypes" choices={EXPLOITATION_CHOICES} helperText="At least one, to submit" sx={checkboxColumns} />
      <CheckboxGroupInput source="controlMethods" choices={CONTROL_METHOD_CHOICES} helperText={false} sx={checkboxColumns} />
      <CheckboxGroupInput source="recruitmentMethods" choices={RECRUITMENT_CHOICES} helperText={false} sx={checkboxColumns} />
    </>
  );
}

export function NeedsStep() {
  return (
    <>
      <StepIntro title="Immediate needs">What the person needs now. Safety and shelter needs appear first on the caseworker’s list.</StepIntro>
      <CheckboxGroupInput source="immediateNeeds" choices={IMMEDIATE_NEED_CHOICES} helperText={false} sx={checkboxColumns} />
    </>
  );
}

export function RiskStep() {
  return (
    <>
      <StepIntro title="Risk screening">Eight questions, answered yes or no. The level updates as you answer and is saved with the intake.</StepIntro>
      <RiskScreeningInput />
    </>
  );
}

export function NarrativeStep() {
  return (
    <>
      <StepIntro title="Narrative">
        The person’s account, in their words where possible. It is encrypted and only the assigned caseworker can read it; coordinators see the rest of the intake.
      </StepIntro>
      <TextInput
        source="narrative"
        multiline
        minRows={10}
        maxRows={24}
        fullWidth
        validate={maxLength(NARRATIVE_MAX)}
        helperText={`Optional. Up to ${NARRATIVE_MAX.toLocaleString()} characters.`}
        autoComplete="off"
        spellCheck
      />
    </>
  );
}
