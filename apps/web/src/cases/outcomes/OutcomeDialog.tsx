import {
  ASSESSMENT_STAGES,
  type AssessmentStage,
  type EducationStatus,
  type EmploymentStatus,
  type IncomeChange,
  type OutcomeResponse,
} from '@lantern/contracts';
import { Box, FormControl, FormControlLabel, FormHelperText, FormLabel, MenuItem, Radio, RadioGroup, TextField } from '@mui/material';
import { useId, useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { ASSESSMENT_STAGE_LABELS, EDUCATION_CHOICES, EMPLOYMENT_CHOICES, INCOME_CHANGE_CHOICES } from '../../common/choices';
import { FormDialog } from '../../common/FormDialog';
import { NewRecordCustomFields } from '../../custom-fields/NewRecordCustomFields';
import { useNewRecordCustom } from '../../custom-fields/use-new-record-custom';
import { hmisOptions } from '../../common/hmis-options';
import { translate as translateNow } from '../../i18n/translate';
import type { LanternDataProvider } from '../../providers/data-provider';

const LIVING_OPTIONS = hmisOptions('living');
const today = (): string => new Date().toISOString().slice(0, 10);

/** 1 (not safe at all) to 5 (completely safe), as the survivor rates it. */
export const SAFETY_WORDS: Readonly<Record<number, string>> = Object.defineProperties(
  {},
  Object.fromEntries([1, 2, 3, 4, 5].map((rating) => [rating, { enumerable: true, get: () => translateNow(`lantern.outcomes.safety.${rating}`) }])),
);

interface Draft {
  stage: AssessmentStage | '';
  assessedOn: string;
  housingSituation: string;
  employment: string;
  education: string;
  monthlyIncome: string;
  incomeChange: string;
  safetyRating: string;
  returnedToTrafficker: string;
}

function draftOf(existing: OutcomeResponse | undefined, stage: AssessmentStage | undefined): Draft {
  return {
    stage: existing?.stage ?? stage ?? '',
    assessedOn: existing?.assessedOn ?? today(),
    housingSituation: existing?.housingSituation === null || existing?.housingSituation === undefined ? '' : String(existing.housingSituation),
    employment: existing?.employment ?? '',
    education: existing?.education ?? '',
    monthlyIncome: existing?.monthlyIncome === null || existing?.monthlyIncome === undefined ? '' : String(existing.monthlyIncome),
    incomeChange: existing?.incomeChange ?? '',
    safetyRating: existing?.safetyRating ? String(existing.safetyRating) : '',
    returnedToTrafficker: existing?.returnedToTrafficker === null || existing?.returnedToTrafficker === undefined ? '' : existing.returnedToTrafficker ? 'yes' : 'no',
  };
}

/** The API's body from the form: empty inputs are "not recorded" (null). */
function bodyOf(draft: Draft): Record<string, unknown> {
  return {
    assessedOn: draft.assessedOn,
    housingSituation: draft.housingSituation ? Number(draft.housingSituation) : null,
    employment: (draft.employment || null) as EmploymentStatus | null,
    education: (draft.education || null) as EducationStatus | null,
    monthlyIncome: draft.monthlyIncome === '' ? null : Number(draft.monthlyIncome),
    // Left empty, the API works the change out from the previous stage's income.
    ...(draft.incomeChange ? { incomeChange: draft.incomeChange as IncomeChange } : {}),
    safetyRating: draft.safetyRating ? Number(draft.safetyRating) : null,
    returnedToTrafficker: draft.returnedToTrafficker === '' ? null : draft.returnedToTrafficker === 'yes',
  };
}

/**
 * Record an outcome assessment at one stage, or correct one. On a closed case only the follow-up
 * stages (90, 180, 365 days) are offered: the survivor may be reached again after the case ends.
 */
export function OutcomeDialog({
  caseId,
  stages,
  existing,
  initialStage,
  onClose,
}: {
  caseId: string;
  /** Stages that may still be recorded. */
  stages: AssessmentStage[];
  existing?: OutcomeResponse;
  initialStage?: AssessmentStage;
  onClose: () => void;
}) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const radioId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(existing, initialStage ?? stages[0]));
  // A new assessment's own fields go in its create body; a correction changes them under its "More details".
  const custom = useNewRecordCustom('outcome-assessment', !existing);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((current) => ({ ...current, [key]: value }));
  const income = draft.monthlyIncome === '' ? null : Number(draft.monthlyIncome);
  const incomeInvalid = income !== null && (!Number.isInteger(income) || income < 0 || income > 1_000_000);
  const ready = Boolean(draft.stage) && Boolean(draft.assessedOn) && draft.assessedOn <= today() && !incomeInvalid;
  const stageLabel = draft.stage ? ASSESSMENT_STAGE_LABELS[draft.stage] : '';

  const submit = async (): Promise<void> => {
    if (!draft.stage) return;
    if (existing) {
      await dataProvider.update('outcomes', { id: existing.id, data: bodyOf(draft), previousData: existing });
      notify('lantern.outcomes.corrected', { type: 'success', messageArgs: { stage: stageLabel.toLowerCase() } });
    } else {
      const body = Object.fromEntries(Object.entries(bodyOf(draft)).filter(([, value]) => value !== null));
      const values = custom.body();
      await dataProvider.create('outcomes', { data: { caseId, stage: draft.stage, ...body, ...(values ? { custom: values } : {}) } });
      notify('lantern.outcomes.recorded', { type: 'success', messageArgs: { stage: stageLabel.toLowerCase() } });
    }
    refresh();
  };

  return (
    <FormDialog
      title={existing ? translate('lantern.outcomes.correctStage', { stage: stageLabel.toLowerCase() }) : translate('lantern.outcomes.recordTitle')}
      submitLabel={translate(existing ? 'lantern.outcomes.saveCorrection' : 'lantern.outcomes.save')}
      ready={ready}
      onSubmit={submit}
      onClose={onClose}
      maxWidth="md"
    >
      {(fieldError) => (
        <>
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, mt: 1 }}>
            <TextField
              select
              label={translate('resources.outcomes.fields.stage')}
              value={draft.stage}
              onChange={(event) => set('stage', event.target.value as AssessmentStage)}
              required
              disabled={Boolean(existing)}
              error={Boolean(fieldError('stage'))}
              helperText={fieldError('stage')}
            >
              {ASSESSMENT_STAGES.filter((stage) => stages.includes(stage) || stage === existing?.stage).map((stage) => (
                <MenuItem key={stage} value={stage}>
                  {ASSESSMENT_STAGE_LABELS[stage]}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label={translate('resources.outcomes.fields.assessedOn')}
              type="date"
              value={draft.assessedOn}
              onChange={(event) => set('assessedOn', event.target.value)}
              required
              error={draft.assessedOn > today() || Boolean(fieldError('assessedOn'))}
              helperText={draft.assessedOn > today() ? translate('lantern.common.notInFuture') : fieldError('assessedOn')}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today() } }}
            />
            <TextField
              select
              label={translate('resources.outcomes.fields.housingSituation')}
              value={draft.housingSituation}
              onChange={(event) => set('housingSituation', event.target.value)}
              error={Boolean(fieldError('housingSituation'))}
              helperText={fieldError('housingSituation') ?? translate('lantern.outcomes.hmisHelp')}
            >
              <MenuItem value="">{translate('lantern.common.notRecorded')}</MenuItem>
              {LIVING_OPTIONS}
            </TextField>
            <TextField
              select
              label={translate('resources.outcomes.fields.employment')}
              value={draft.employment}
              onChange={(event) => set('employment', event.target.value)}
              error={Boolean(fieldError('employment'))}
              helperText={fieldError('employment')}
            >
              <MenuItem value="">{translate('lantern.common.notRecorded')}</MenuItem>
              {EMPLOYMENT_CHOICES.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {choice.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              label={translate('resources.outcomes.fields.education')}
              value={draft.education}
              onChange={(event) => set('education', event.target.value)}
              error={Boolean(fieldError('education'))}
              helperText={fieldError('education')}
            >
              <MenuItem value="">{translate('lantern.common.notRecorded')}</MenuItem>
              {EDUCATION_CHOICES.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {choice.name}
                </MenuItem>
              ))}
            </TextField>
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: '1fr 1fr' }}>
              <TextField
                label={translate('resources.outcomes.fields.monthlyIncome')}
                type="number"
                value={draft.monthlyIncome}
                onChange={(event) => set('monthlyIncome', event.target.value)}
                error={incomeInvalid || Boolean(fieldError('monthlyIncome'))}
                helperText={incomeInvalid ? translate('lantern.outcomes.wholeAmount') : (fieldError('monthlyIncome') ?? translate('lantern.outcomes.allSources'))}
                slotProps={{ htmlInput: { min: 0, max: 1_000_000, step: 1 } }}
              />
              <TextField
                select
                label={translate('resources.outcomes.fields.incomeChange')}
                value={draft.incomeChange}
                onChange={(event) => set('incomeChange', event.target.value)}
                error={Boolean(fieldError('incomeChange'))}
                helperText={fieldError('incomeChange') ?? translate('lantern.outcomes.incomeChangeHelp')}
              >
                <MenuItem value="">{translate('lantern.outcomes.workItOut')}</MenuItem>
                {INCOME_CHANGE_CHOICES.map((choice) => (
                  <MenuItem key={choice.id} value={choice.id}>
                    {choice.name}
                  </MenuItem>
                ))}
              </TextField>
            </Box>
          </Box>
          <FormControl component="fieldset" sx={{ mt: 2, display: 'block' }} error={Boolean(fieldError('safetyRating'))}>
            <FormLabel component="legend" id={`${radioId}-safety`}>
              {translate('lantern.outcomes.howSafe')}
            </FormLabel>
            <RadioGroup row aria-labelledby={`${radioId}-safety`} value={draft.safetyRating} onChange={(event) => set('safetyRating', event.target.value)}>
              {[1, 2, 3, 4, 5].map((rating) => (
                <FormControlLabel key={rating} value={String(rating)} control={<Radio size="small" />} label={`${rating} · ${SAFETY_WORDS[rating]}`} />
              ))}
            </RadioGroup>
            {fieldError('safetyRating') && <FormHelperText>{fieldError('safetyRating')}</FormHelperText>}
          </FormControl>
          <FormControl component="fieldset" sx={{ mt: 1, display: 'block' }} error={Boolean(fieldError('returnedToTrafficker'))}>
            <FormLabel component="legend" id={`${radioId}-returned`}>
              {translate('resources.outcomes.fields.returnedToTrafficker')}
            </FormLabel>
            <RadioGroup row aria-labelledby={`${radioId}-returned`} value={draft.returnedToTrafficker} onChange={(event) => set('returnedToTrafficker', event.target.value)}>
              <FormControlLabel value="no" control={<Radio size="small" />} label={translate('ra.message.no')} />
              <FormControlLabel value="yes" control={<Radio size="small" />} label={translate('ra.message.yes')} />
              <FormControlLabel value="" control={<Radio size="small" />} label={translate('lantern.outcomes.notKnown')} />
            </RadioGroup>
          </FormControl>
          <NewRecordCustomFields custom={custom} fieldError={fieldError} />
        </>
      )}
    </FormDialog>
  );
}
