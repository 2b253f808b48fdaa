import LockIcon from '@mui/icons-material/Lock';
import { RISK_QUESTIONS, riskLevelOf, type RiskAnswers } from '@lantern/contracts';
import { Box, Chip, Divider, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { RiskChip, ValueChips } from '../../common/CaseChips';
import { formatDate, humanize } from '../../common/labels';
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
  return (
    <Stack spacing={0.5}>
      {RISK_QUESTIONS.map((q) => {
        const answer = answers[q.id];
        return (
          <Stack key={q.id} direction="row" spacing={1} sx={{ alignItems: 'baseline' }}>
            <Chip
              size="small"
              label={answer === true ? 'Yes' : answer === false ? 'No' : 'Not answered'}
              color={answer === true ? (q.critical ? 'error' : 'warning') : 'default'}
              variant={answer === undefined ? 'outlined' : 'filled'}
              sx={{ minWidth: 56 }}
            />
            <Typography variant="body2">{q.text}</Typography>
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
  return (
    <Box>
      <Row label="Intake date">{formatDate(values.intakeDate)}</Row>
      <Row label="Identified by">{values.identifiedBy ? humanize(values.identifiedBy) : '—'}</Row>
      <Divider />
      <Row label="Types of exploitation">
        <ValueChips values={values.exploitationTypes} />
      </Row>
      <Row label="Means of control">
        <ValueChips values={values.controlMethods} />
      </Row>
      <Row label="How the person was recruited">
        <ValueChips values={values.recruitmentMethods} />
      </Row>
      <Divider />
      <Row label="Immediate needs">
        <ValueChips values={values.immediateNeeds} empty="None recorded" />
      </Row>
      <Divider />
      <Row label="Risk screening">
        <Stack spacing={1}>
          <Box>
            <RiskChip level={riskLevelOf(values.riskScreening ?? {})} />
          </Box>
          {!compact && <Answers answers={values.riskScreening ?? {}} />}
        </Stack>
      </Row>
      <Divider />
      <Row label="Narrative">
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
            <span>The narrative is visible to the assigned caseworker only.</span>
          </Stack>
        )}
      </Row>
    </Box>
  );
}
