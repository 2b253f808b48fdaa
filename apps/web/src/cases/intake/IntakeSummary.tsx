import LockIcon from '@mui/icons-material/Lock';
import { RISK_QUESTIONS, assessedRiskLevelOf, type RiskAnswers } from '@lantern/contracts';
import { Box, Chip, Divider, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { RiskChip, ValueChips } from '../../common/CaseChips';
import { formatDate } from '../../common/labels';
import { vocabLabel } from '../../i18n/vocabulary';
import type { IntakeValues } from './intake-model';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '220px 1fr' }, gap: { xs: 0.5, sm: 2 }, py: 1.25 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Box sx={{ typography: 'body2' }}>{children}</Box>
    </Box>
  );
}

function Answers({ answers }: { answers: RiskAnswers }) {
  const translate = useTranslate();
  return (
    <Stack spacing={0.5}>
      {RISK_QUESTIONS.map((q) => {
        const answer = answers[q.id];
        return (
          <Stack key={q.id} direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
            <Chip
              size="small"
              label={translate(answer === true ? 'ra.message.yes' : answer === false ? 'ra.message.no' : 'lantern.intake.notAnswered')}
              color={answer === true ? (q.critical ? 'error' : 'warning') : 'default'}
              variant={answer === undefined ? 'outlined' : 'filled'}
              sx={{ minWidth: 56 }}
            />
            <Typography variant="body2">{vocabLabel('riskQuestion', q.id, q.text)}</Typography>
          </Stack>
        );
      })}
    </Stack>
  );
}

/**
 * An intake, read-only: for the review step, a submitted intake and its earlier revisions. The
 * narrative shows only when the API returned it (`narrativeShown`).
 */
export function IntakeSummary({ values, narrativeShown, compact = false }: { values: IntakeValues; narrativeShown: boolean; compact?: boolean }) {
  const translate = useTranslate();
  const field = (name: string): string => translate(`resources.intakes.fields.${name}`);
  return (
    <Box>
      <Row label={field('intakeDate')}>{formatDate(values.intakeDate)}</Row>
      <Row label={field('identifiedBy')}>{values.identifiedBy ? vocabLabel('identifiedBy', values.identifiedBy) : '—'}</Row>
      <Divider />
      <Row label={field('exploitationTypes')}>
        <ValueChips values={values.exploitationTypes} vocabulary="exploitationType" />
      </Row>
      <Row label={field('controlMethods')}>
        <ValueChips values={values.controlMethods} vocabulary="controlMethod" />
      </Row>
      <Row label={field('recruitmentMethods')}>
        <ValueChips values={values.recruitmentMethods} vocabulary="recruitmentMethod" />
      </Row>
      <Divider />
      <Row label={field('immediateNeeds')}>
        <ValueChips values={values.immediateNeeds} vocabulary="immediateNeed" empty={translate('lantern.intake.noneRecorded')} />
      </Row>
      <Divider />
      <Row label={field('riskScreening')}>
        <Stack spacing={1}>
          <Box>
            <RiskChip level={assessedRiskLevelOf(values.riskScreening)} emptyText="lantern.risk.notAssessed" />
          </Box>
          {!compact && <Answers answers={values.riskScreening ?? {}} />}
        </Stack>
      </Row>
      <Divider />
      <Row label={field('narrative')}>
        {narrativeShown ? (
          values.narrative ? (
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', maxHeight: compact ? 160 : 'none', overflow: 'auto' }}>
              {values.narrative}
            </Typography>
          ) : (
            '—'
          )
        ) : (
          <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', color: 'text.secondary' }}>
            <LockIcon sx={{ fontSize: 16 }} />
            <span>{translate('lantern.intake.narrativeHidden')}</span>
          </Stack>
        )}
      </Row>
    </Box>
  );
}
