import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { CheckboxGroupInput, DateInput, maxLength, SelectInput, TextInput, useTranslate } from 'react-admin';
import {
  CONTROL_METHOD_CHOICES,
  EXPLOITATION_CHOICES,
  IDENTIFIED_BY_CHOICES,
  IMMEDIATE_NEED_CHOICES,
  RECRUITMENT_CHOICES,
} from '../../common/labels';
import { formatNumber } from '../../i18n/format';
import { RiskScreeningInput } from './RiskScreeningInput';

export const NARRATIVE_MAX = 20_000;

/** A step's heading and what it asks; the title is a translation key. */
function StepIntro({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box sx={{ mb: 2 }}>
      <Typography variant="h6" component="h3">
        {translate(title)}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {children}
      </Typography>
    </Box>
  );
}

const notInFuture = (value: unknown): string | undefined =>
  typeof value === 'string' && value > new Date().toISOString().slice(0, 10) ? 'lantern.intake.dateInFuture' : undefined;

const checkboxColumns = {
  '& .MuiFormGroup-root': { display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: '1fr 1fr 1fr' }, columnGap: 2 },
};

export function IdentificationStep() {
  const translate = useTranslate();
  return (
    <>
      <StepIntro title="lantern.intake.steps.identification">{translate('lantern.intake.identificationText')}</StepIntro>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '240px 1fr' }, maxWidth: 720 }}>
        <DateInput source="intakeDate" validate={notInFuture} helperText="lantern.intake.requiredToSubmit" />
        <SelectInput source="identifiedBy" choices={IDENTIFIED_BY_CHOICES} emptyText="lantern.common.notRecordedYet" helperText="lantern.intake.requiredToSubmit" />
      </Box>
    </>
  );
}

export function ExploitationStep() {
  const translate = useTranslate();
  return (
    <>
      <StepIntro title="lantern.intake.steps.exploitation">{translate('lantern.intake.exploitationText')}</StepIntro>
      <CheckboxGroupInput source="exploitationTypes" choices={EXPLOITATION_CHOICES} helperText="lantern.intake.atLeastOne" sx={checkboxColumns} />
      <CheckboxGroupInput source="controlMethods" choices={CONTROL_METHOD_CHOICES} helperText={false} sx={checkboxColumns} />
      <CheckboxGroupInput source="recruitmentMethods" choices={RECRUITMENT_CHOICES} helperText={false} sx={checkboxColumns} />
    </>
  );
}

export function NeedsStep() {
  const translate = useTranslate();
  return (
    <>
      <StepIntro title="resources.intakes.fields.immediateNeeds">{translate('lantern.intake.needsText')}</StepIntro>
      <CheckboxGroupInput source="immediateNeeds" choices={IMMEDIATE_NEED_CHOICES} helperText={false} sx={checkboxColumns} />
    </>
  );
}

export function RiskStep() {
  const translate = useTranslate();
  return (
    <>
      <StepIntro title="lantern.intake.steps.risk">{translate('lantern.intake.riskText')}</StepIntro>
      <RiskScreeningInput />
    </>
  );
}

export function NarrativeStep() {
  const translate = useTranslate();
  return (
    <>
      <StepIntro title="lantern.intake.steps.narrative">{translate('lantern.intake.narrativeText')}</StepIntro>
      <TextInput
        source="narrative"
        multiline
        minRows={10}
        maxRows={24}
        fullWidth
        validate={maxLength(NARRATIVE_MAX)}
        helperText={translate('lantern.intake.narrativeHelp', { max: formatNumber(NARRATIVE_MAX) })}
        autoComplete="off"
        spellCheck
      />
    </>
  );
}
