import { Box, Typography } from '@mui/material';
import { Fragment, type ReactNode } from 'react';
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
import { useIntakeFormView } from '../../forms/use-form-view';
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

/** Labour exploitation, for which HTCDS asks the industry. */
const LABOUR = ['ForcedLabour', 'ChildLabour', 'Servitude'];

const checkboxColumns = {
  '& .MuiFormGroup-root': { display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: '1fr 1fr 1fr' }, columnGap: 2 },
};

const wide = { gridColumn: { sm: '1 / -1' } };

/** What a field's label and helper text are on this organization's form (docs/forms.md). */
function useFieldProps() {
  const view = useIntakeFormView();
  return (key: string, helperText: string | false = false): { label?: string; helperText: string | false } => {
    const field = view?.field(key);
    const required =
      field?.orgRequired === 'intake_draft'
        ? 'lantern.forms.requiredToSave'
        : field?.orgRequired === 'intake_submit'
          ? 'lantern.intake.requiredToSubmit'
          : field?.orgRequired === 'case_close'
            ? 'lantern.forms.requiredToClose'
            : undefined;
    return { ...(field?.relabelled ? { label: field.label } : {}), helperText: field?.help ?? required ?? helperText };
  };
}

/**
 * A step's fields in the organization's order, without the hidden ones, in a grid of one column on a
 * phone and two from `sm` (wide fields span both). Real order in the page, so the tab order follows.
 */
function Fields<K extends string>({ nodes }: { nodes: Record<K, ReactNode> }) {
  const translate = useTranslate();
  const view = useIntakeFormView();
  const keys = Object.keys(nodes) as K[];
  const shown = (view ? view.ordered(keys) : keys).filter((key) => nodes[key] !== null && nodes[key] !== false);
  if (shown.length === 0) return <Typography variant="body2">{translate('lantern.forms.stepEmpty')}</Typography>;
  return (
    <Box sx={{ display: 'grid', columnGap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'minmax(0, 1fr) minmax(0, 1fr)' }, maxWidth: 960 }}>
      {shown.map((key) => (
        <Fragment key={key}>{nodes[key]}</Fragment>
      ))}
    </Box>
  );
}

export function IdentificationStep() {
  const translate = useTranslate();
  const props = useFieldProps();
  return (
    <>
      <StepIntro title="lantern.intake.steps.identification">{translate('lantern.intake.identificationText')}</StepIntro>
      <Fields
        nodes={{
          intakeDate: <DateInput source="intakeDate" validate={notInFuture} {...props('intakeDate', 'lantern.intake.requiredToSubmit')} />,
          identifiedBy: <SelectInput source="identifiedBy" choices={IDENTIFIED_BY_CHOICES} emptyText="lantern.common.notRecordedYet" {...props('identifiedBy', 'lantern.intake.requiredToSubmit')} />,
          traffickingStatus: (
            <SelectInput
              source="traffickingStatus"
              choices={TRAFFICKING_STATUS_CHOICES}
              emptyText="lantern.common.notRecordedYet"
              {...props('traffickingStatus', 'lantern.intake.traffickingStatusHelp')}
              sx={{ ...wide, maxWidth: 480 }}
            />
          ),
        }}
      />
    </>
  );
}

export function ExploitationStep() {
  const translate = useTranslate();
  const props = useFieldProps();
  const types = (useWatch({ name: 'exploitationTypes' }) as string[] | undefined) ?? [];
  const sexual = useWatch({ name: 'sexualExploitationTypes' }) as string[] | undefined;
  const industry = useWatch({ name: 'forcedLabourIndustry' }) as string | null | undefined;
  // The follow-up questions of HTCDS appear with the type they belong to (or when already answered).
  const askSexual = types.includes('SexualExploitation') || (sexual?.length ?? 0) > 0;
  const askIndustry = types.some((type) => LABOUR.includes(type)) || Boolean(industry);
  return (
    <>
      <StepIntro title="lantern.intake.steps.exploitation">{translate('lantern.intake.exploitationText')}</StepIntro>
      <Fields
        nodes={{
          exploitationTypes: <CheckboxGroupInput source="exploitationTypes" choices={EXPLOITATION_CHOICES} {...props('exploitationTypes', 'lantern.intake.atLeastOne')} sx={{ ...checkboxColumns, ...wide }} />,
          sexualExploitationTypes: askSexual && (
            <CheckboxGroupInput source="sexualExploitationTypes" choices={SEXUAL_EXPLOITATION_CHOICES} {...props('sexualExploitationTypes')} sx={{ ...checkboxColumns, ...wide }} />
          ),
          forcedLabourIndustry: askIndustry && (
            <SelectInput source="forcedLabourIndustry" choices={FORCED_LABOUR_INDUSTRY_CHOICES} emptyText="lantern.common.notRecordedYet" {...props('forcedLabourIndustry')} sx={{ ...wide, maxWidth: 480 }} fullWidth />
          ),
          controlMethods: <CheckboxGroupInput source="controlMethods" choices={CONTROL_METHOD_CHOICES} {...props('controlMethods')} sx={{ ...checkboxColumns, ...wide }} />,
          exploitationCountry: <CountryInput source="exploitationCountry" {...props('exploitationCountry')} />,
          exploitationRegion: <TextInput source="exploitationRegion" validate={maxLength(INTAKE_REGION_MAX)} {...props('exploitationRegion', 'lantern.intake.regionHelp')} autoComplete="off" />,
        }}
      />
    </>
  );
}

export function RecruitmentStep() {
  const translate = useTranslate();
  const props = useFieldProps();
  return (
    <>
      <StepIntro title="lantern.intake.steps.recruitment">{translate('lantern.intake.recruitmentText')}</StepIntro>
      <Fields
        nodes={{
          recruitmentMethods: <CheckboxGroupInput source="recruitmentMethods" choices={RECRUITMENT_CHOICES} {...props('recruitmentMethods')} sx={{ ...checkboxColumns, ...wide }} />,
          recruitmentCountry: <CountryInput source="recruitmentCountry" {...props('recruitmentCountry')} />,
          recruitmentRegion: <TextInput source="recruitmentRegion" validate={maxLength(INTAKE_REGION_MAX)} {...props('recruitmentRegion', 'lantern.intake.regionHelp')} autoComplete="off" />,
          relationshipToTrafficker: (
            <SelectInput source="relationshipToTrafficker" choices={TRAFFICKER_RELATIONSHIP_CHOICES} emptyText="lantern.common.notRecordedYet" {...props('relationshipToTrafficker')} />
          ),
          ageWhenTrafficked: (
            <NumberInput source="ageWhenTrafficked" min={0} max={AGE_WHEN_TRAFFICKED_MAX} step={1} validate={ageInRange} {...props('ageWhenTrafficked', 'lantern.intake.ageHelp')} />
          ),
        }}
      />
    </>
  );
}

export function NeedsStep() {
  const translate = useTranslate();
  const props = useFieldProps();
  return (
    <>
      <StepIntro title="resources.intakes.fields.immediateNeeds">{translate('lantern.intake.needsText')}</StepIntro>
      <Fields nodes={{ immediateNeeds: <CheckboxGroupInput source="immediateNeeds" choices={IMMEDIATE_NEED_CHOICES} {...props('immediateNeeds')} sx={{ ...checkboxColumns, ...wide }} /> }} />
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
  const props = useFieldProps();
  return (
    <>
      <StepIntro title="lantern.intake.steps.narrative">{translate('lantern.intake.narrativeText')}</StepIntro>
      <Fields
        nodes={{
          narrative: (
            <TextInput
              source="narrative"
              multiline
              minRows={10}
              maxRows={24}
              fullWidth
              validate={maxLength(NARRATIVE_MAX)}
              {...props('narrative', translate('lantern.intake.narrativeHelp', { max: formatNumber(NARRATIVE_MAX) }))}
              sx={wide}
              autoComplete="off"
              spellCheck
            />
          ),
        }}
      />
    </>
  );
}
