import { assessedRiskLevelOf, RISK_QUESTIONS, type RiskAnswers } from '@lantern/contracts';
import { Box, Chip, FormControlLabel, Paper, Radio, RadioGroup, Stack, Typography } from '@mui/material';
import { useId } from 'react';
import { useWatch } from 'react-hook-form';
import { useInput, useTranslate } from 'react-admin';
import { RiskChip } from '../../common/CaseChips';
import { vocabLabel } from '../../i18n/vocabulary';
import { unansweredQuestions } from './intake-model';

function YesNo({ questionId, text, critical, index }: { questionId: string; text: string; critical: boolean; index: number }) {
  const { field } = useInput<boolean | undefined>({ source: `riskScreening.${questionId}` });
  const labelId = useId();
  const translate = useTranslate();
  const value = field.value === true ? 'yes' : field.value === false ? 'no' : '';
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: '1fr auto' },
        gap: 1,
        alignItems: 'center',
        py: 1.25,
        borderBottom: 1,
        borderColor: 'divider',
      }}
    >
      <Stack direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
        <Typography variant="body2" color="text.secondary" sx={{ minWidth: 20, fontVariantNumeric: 'tabular-nums' }}>
          {index + 1}.
        </Typography>
        <Box>
          <Typography id={labelId} variant="body1">
            {text}
          </Typography>
          {critical && (
            <Typography variant="caption" color="error.main">
              {translate('lantern.intake.criticalHint')}
            </Typography>
          )}
        </Box>
      </Stack>
      <RadioGroup
        row
        aria-labelledby={labelId}
        name={field.name}
        value={value}
        onChange={(event) => field.onChange(event.target.value === 'yes')}
        onBlur={field.onBlur}
        sx={{ pl: { xs: 3.5, md: 0 }, flexWrap: 'nowrap' }}
      >
        <FormControlLabel value="yes" control={<Radio size="small" />} label={translate('ra.message.yes')} />
        <FormControlLabel value="no" control={<Radio size="small" />} label={translate('ra.message.no')} />
      </RadioGroup>
    </Box>
  );
}

/**
 * The computed level, live: the same `assessedRiskLevelOf` the API uses when the intake is saved, so
 * "Not assessed" until the answers settle a level (never "Low risk" before any answer).
 */
export function LiveRiskLevel() {
  const answers = (useWatch({ name: 'riskScreening' }) ?? {}) as RiskAnswers;
  const open = unansweredQuestions(answers).length;
  const translate = useTranslate();
  return (
    <Paper variant="outlined" sx={{ p: 2, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }} aria-live="polite" data-testid="live-risk">
      <Typography variant="subtitle2" component="span">
        {translate('lantern.intake.liveRisk')}
      </Typography>
      <RiskChip level={assessedRiskLevelOf(answers)} size="medium" emptyText="lantern.risk.notAssessed" />
      <Chip
        size="small"
        variant="outlined"
        color={open === 0 ? 'success' : 'default'}
        label={open === 0 ? translate('lantern.intake.allQuestionsAnswered') : translate('lantern.intake.stillToAnswer', { open, total: RISK_QUESTIONS.length })}
      />
    </Paper>
  );
}

export function RiskScreeningInput() {
  const translate = useTranslate();
  return (
    <Stack spacing={2}>
      <LiveRiskLevel />
      <Box role="group" aria-label={translate('lantern.intake.riskQuestions')}>
        {RISK_QUESTIONS.map((q, index) => (
          <YesNo key={q.id} questionId={q.id} text={vocabLabel('riskQuestion', q.id, q.text)} critical={q.critical} index={index} />
        ))}
      </Box>
      <Typography variant="caption" color="text.secondary">
        {translate('lantern.intake.scoreHint')}
      </Typography>
    </Stack>
  );
}
