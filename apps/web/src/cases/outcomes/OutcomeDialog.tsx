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
import { useDataProvider, useNotify, useRefresh } from 'react-admin';
import { ASSESSMENT_STAGE_LABELS, EDUCATION_CHOICES, EMPLOYMENT_CHOICES, INCOME_CHANGE_CHOICES } from '../../common/choices';
import { FormDialog } from '../../common/FormDialog';
import { hmisOptions } from '../../common/hmis-options';
import type { LanternDataProvider } from '../../providers/data-provider';

const LIVING_OPTIONS = hmisOptions('living');
const today = (): string => new Date().toISOString().slice(0, 10);

/** 1 (not safe at all) to 5 (completely safe), as the survivor rates it. */
export const SAFETY_WORDS: Record<number, string> = { 1: 'Not safe at all', 2: 'A little safe', 3: 'Somewhat safe', 4: 'Mostly safe', 5: 'Completely safe' };

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
  const radioId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(existing, initialStage ?? stages[0]));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]): void => setDraft((current) => ({ ...current, [key]: value }));
  const income = draft.monthlyIncome === '' ? null : Number(draft.monthlyIncome);
  const incomeInvalid = income !== null && (!Number.isInteger(income) || income < 0 || income > 1_000_000);
  const ready = Boolean(draft.stage) && Boolean(draft.assessedOn) && draft.assessedOn <= today() && !incomeInvalid;
  const stageLabel = draft.stage ? ASSESSMENT_STAGE_LABELS[draft.stage] : '';

  const submit = async (): Promise<void> => {
    if (!draft.stage) return;
    if (existing) {
      await dataProvider.update('outcomes', { id: existing.id, data: bodyOf(draft), previousData: existing });
      notify(`The ${stageLabel.toLowerCase()} assessment is corrected.`, { type: 'success' });
    } else {
      const body = Object.fromEntries(Object.entries(bodyOf(draft)).filter(([, value]) => value !== null));
      await dataProvider.create('outcomes', { data: { caseId, stage: draft.stage, ...body } });
      notify(`The ${stageLabel.toLowerCase()} assessment is recorded.`, { type: 'success' });
    }
    refresh();
  };

  return (
    <FormDialog
      title={existing ? `Correct the ${stageLabel.toLowerCase()} assessment` : 'Record an outcome assessment'}
      submitLabel={existing ? 'Save correction' : 'Save assessment'}
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
              label="Stage"
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
              label="Assessed on"
              type="date"
              value={draft.assessedOn}
              onChange={(event) => set('assessedOn', event.target.value)}
              required
              error={draft.assessedOn > today() || Boolean(fieldError('assessedOn'))}
              helperText={draft.assessedOn > today() ? 'Cannot be in the future' : fieldError('assessedOn')}
              slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today() } }}
            />
            <TextField
              select
              label="Living situation"
              value={draft.housingSituation}
              onChange={(event) => set('housingSituation', event.target.value)}
              error={Boolean(fieldError('housingSituation'))}
              helperText={fieldError('housingSituation') ?? 'HUD HMIS living situation'}
            >
              <MenuItem value="">Not recorded</MenuItem>
              {LIVING_OPTIONS}
            </TextField>
            <TextField select label="Employment" value={draft.employment} onChange={(event) => set('employment', event.target.value)} error={Boolean(fieldError('employment'))} helperText={fieldError('employment')}>
              <MenuItem value="">Not recorded</MenuItem>
              {EMPLOYMENT_CHOICES.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {choice.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField select label="Education or training" value={draft.education} onChange={(event) => set('education', event.target.value)} error={Boolean(fieldError('education'))} helperText={fieldError('education')}>
              <MenuItem value="">Not recorded</MenuItem>
              {EDUCATION_CHOICES.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {choice.name}
                </MenuItem>
              ))}
            </TextField>
            <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: '1fr 1fr' }}>
              <TextField
                label="Monthly income"
                type="number"
                value={draft.monthlyIncome}
                onChange={(event) => set('monthlyIncome', event.target.value)}
                error={incomeInvalid || Boolean(fieldError('monthlyIncome'))}
                helperText={incomeInvalid ? 'A whole amount, 0 or more' : (fieldError('monthlyIncome') ?? 'All sources')}
                slotProps={{ htmlInput: { min: 0, max: 1_000_000, step: 1 } }}
              />
              <TextField
                select
                label="Change in income"
                value={draft.incomeChange}
                onChange={(event) => set('incomeChange', event.target.value)}
                error={Boolean(fieldError('incomeChange'))}
                helperText={fieldError('incomeChange') ?? 'Empty: from the previous stage'}
              >
                <MenuItem value="">Work it out</MenuItem>
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
              How safe the person feels (1–5)
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
              Returned to the trafficker
            </FormLabel>
            <RadioGroup row aria-labelledby={`${radioId}-returned`} value={draft.returnedToTrafficker} onChange={(event) => set('returnedToTrafficker', event.target.value)}>
              <FormControlLabel value="no" control={<Radio size="small" />} label="No" />
              <FormControlLabel value="yes" control={<Radio size="small" />} label="Yes" />
              <FormControlLabel value="" control={<Radio size="small" />} label="Not known" />
            </RadioGroup>
          </FormControl>
        </>
      )}
    </FormDialog>
  );
}
