import LockIcon from '@mui/icons-material/Lock';
import { RISK_QUESTIONS, assessedRiskLevelOf, type RiskAnswers } from '@lantern/contracts';
import { Box, Chip, Divider, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { RiskChip, ValueChips } from '../../common/CaseChips';
import { countryName, formatDate } from '../../common/labels';
import { useFormView } from '../../forms/use-form-view';
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

/** A country by name, then the region text when the reader may see it (a lock when not). */
function Place({ country, region, regionShown }: { country: string | null; region: string | null; regionShown: boolean }) {
  const translate = useTranslate();
  const name = country ? countryName(country) : null;
  if (!regionShown) {
    return (
      <Stack spacing={0.25}>
        <span>{name ?? '—'}</span>
        <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', color: 'text.secondary' }}>
          <LockIcon sx={{ fontSize: 16 }} />
          <span>{translate('lantern.intake.regionHidden')}</span>
        </Stack>
      </Stack>
    );
  }
  const parts = [region?.trim() || null, name].filter(Boolean);
  return <span>{parts.length > 0 ? parts.join(', ') : '—'}</span>;
}

/**
 * An intake, read-only: for the review step, a submitted intake and its earlier revisions. The
 * narrative and the region texts show only when the API returned them (`narrativeShown`: the same
 * readers, libs/permissions).
 */
export function IntakeSummary({ values, narrativeShown, compact = false }: { values: IntakeValues; narrativeShown: boolean; compact?: boolean }) {
  const translate = useTranslate();
  // The organization's label when it set one (docs/forms.md); a hidden field's recorded answer still shows.
  const view = useFormView('intake');
  const field = (name: string): string => view.field(name)?.label ?? translate(`resources.intakes.fields.${name}`);
  return (
    <Box>
      <Row label={field('intakeDate')}>{formatDate(values.intakeDate)}</Row>
      <Row label={field('identifiedBy')}>{values.identifiedBy ? vocabLabel('identifiedBy', values.identifiedBy) : '—'}</Row>
      <Row label={field('traffickingStatus')}>{values.traffickingStatus ? vocabLabel('traffickingStatus', values.traffickingStatus) : '—'}</Row>
      <Divider />
      <Row label={field('exploitationTypes')}>
        <ValueChips values={values.exploitationTypes} vocabulary="exploitationType" />
      </Row>
      {values.sexualExploitationTypes.length > 0 && (
        <Row label={field('sexualExploitationTypes')}>
          <ValueChips values={values.sexualExploitationTypes} vocabulary="sexualExploitationType" />
        </Row>
      )}
      {values.forcedLabourIndustry && <Row label={field('forcedLabourIndustry')}>{vocabLabel('forcedLabourIndustry', values.forcedLabourIndustry)}</Row>}
      <Row label={field('controlMethods')}>
        <ValueChips values={values.controlMethods} vocabulary="controlMethod" />
      </Row>
      <Row label={translate('lantern.intake.exploitationPlace')}>
        <Place country={values.exploitationCountry} region={values.exploitationRegion} regionShown={narrativeShown} />
      </Row>
      <Divider />
      <Row label={field('recruitmentMethods')}>
        <ValueChips values={values.recruitmentMethods} vocabulary="recruitmentMethod" />
      </Row>
      <Row label={translate('lantern.intake.recruitmentPlace')}>
        <Place country={values.recruitmentCountry} region={values.recruitmentRegion} regionShown={narrativeShown} />
      </Row>
      <Row label={field('relationshipToTrafficker')}>
        {values.relationshipToTrafficker ? vocabLabel('traffickerRelationship', values.relationshipToTrafficker) : '—'}
      </Row>
      <Row label={field('ageWhenTrafficked')}>
        {values.ageWhenTrafficked === null || values.ageWhenTrafficked === '' ? '—' : translate('lantern.intake.ageYears', { age: values.ageWhenTrafficked })}
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
