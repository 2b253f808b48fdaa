import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { AGE_WHEN_TRAFFICKED_MAX, INTAKE_REGION_MAX } from '@lantern/contracts';
import { CheckboxGroupInput, DateInput, maxLength, NumberInput, SelectInput, TextInput, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { CountryInput } from '../../common/CodePickerInput';
import {
  CONTROL_METHOD_CHOICES,
  EXPLOITATION_CHOICES,
  FORCED_LABOUR_INDUSTRY_CHOICES,
  IDENTIFIED_BY_CHOICES,
  IMMEDIATE_NEED_CHOICES,
  RECRUITMENT_CHOICES,
  SEXUAL_EXPLOITATION_CHOICES,
  TRAFFICKER_RELATIONSHIP_CHOICES,
  TRAFFICKING_STATUS_CHOICES,
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

/** A whole number of years from 0 to 120, or nothing (the API checks it against her age today). */
const ageInRange = (value: unknown): string | undefined => {
  if (value === null || value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 && n <= AGE_WHEN_TRAFFICKED_MAX ? undefined : 'lantern.intake.ageRange';
};

/** A country and, next to it, the region or town in free text (encrypted by the API). */
function Location({ country, region }: { country: string; region: string }) {
  return (
    <Box sx={{ display: 'grid', gap: { xs: 0, sm: 2 }, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, maxWidth: 720 }}>
      <CountryInput source={country} helperText={false} />
      <TextInput source={region} validate={maxLength(INTAKE_REGION_MAX)} helperText="lantern.intake.regionHelp" autoComplete="off" />
    </Box>
  );
}

/** Labour exploitation, for which HTCDS asks the industry. */
const LABOUR = ['ForcedLabour', 'ChildLabour', 'Servitude'];

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
        <SelectInput
          source="traffickingStatus"
          choices={TRAFFICKING_STATUS_CHOICES}
          emptyText="lantern.common.notRecordedYet"
          helperText="lantern.intake.traffickingStatusHelp"
          sx={{ gridColumn: { sm: '1 / -1' }, maxWidth: 480 }}
        />
      </Box>
    </>
  );
}

export function ExploitationStep() {
  const translate = useTranslate();
  const types = (useWatch({ name: 'exploitationTypes' }) as string[] | undefined) ?? [];
  const sexual = useWatch({ name: 'sexualExploitationTypes' }) as string[] | undefined;
  const industry = useWatch({ name: 'forcedLabourIndustry' }) as string | null | undefined;
  // The follow-up questions of HTCDS appear with the type they belong to (or when already answered).
  const askSexual = types.includes('SexualExploitation') || (sexual?.length ?? 0) > 0;
  const askIndustry = types.some((type) => LABOUR.includes(type)) || Boolean(industry);
  return (
    <>
      <StepIntro title="lantern.intake.steps.exploitation">{translate('lantern.intake.exploitationText')}</StepIntro>
      <CheckboxGroupInput source="exploitationTypes" choices={EXPLOITATION_CHOICES} helperText="lantern.intake.atLeastOne" sx={checkboxColumns} />
      {askSexual && <CheckboxGroupInput source="sexualExploitationTypes" choices={SEXUAL_EXPLOITATION_CHOICES} helperText={false} sx={checkboxColumns} />}
      {askIndustry && (
        <SelectInput source="forcedLabourIndustry" choices={FORCED_LABOUR_INDUSTRY_CHOICES} emptyText="lantern.common.notRecordedYet" helperText={false} sx={{ maxWidth: 480 }} fullWidth />
      )}
      <CheckboxGroupInput source="controlMethods" choices={CONTROL_METHOD_CHOICES} helperText={false} sx={checkboxColumns} />
      <Location country="exploitationCountry" region="exploitationRegion" />
    </>
  );
}

export function RecruitmentStep() {
  const translate = useTranslate();
  return (
    <>
      <StepIntro title="lantern.intake.steps.recruitment">{translate('lantern.intake.recruitmentText')}</StepIntro>
      <CheckboxGroupInput source="recruitmentMethods" choices={RECRUITMENT_CHOICES} helperText={false} sx={checkboxColumns} />
      <Location country="recruitmentCountry" region="recruitmentRegion" />
      <Box sx={{ display: 'grid', gap: { xs: 0, sm: 2 }, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, maxWidth: 720 }}>
        <SelectInput source="relationshipToTrafficker" choices={TRAFFICKER_RELATIONSHIP_CHOICES} emptyText="lantern.common.notRecordedYet" helperText={false} />
        <NumberInput source="ageWhenTrafficked" min={0} max={AGE_WHEN_TRAFFICKED_MAX} step={1} validate={ageInRange} helperText="lantern.intake.ageHelp" />
      </Box>
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
