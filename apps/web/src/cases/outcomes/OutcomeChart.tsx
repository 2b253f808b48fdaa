import { ASSESSMENT_STAGES, type AssessmentStage, type OutcomeResponse } from '@lantern/contracts';
import { Box, Paper, Typography, useTheme } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ASSESSMENT_STAGE_LABELS, HOUSING_CATEGORY_LABELS } from '../../common/choices';
import { translate } from '../../i18n/translate';

interface Measure {
  title: string;
  /** Axis labels from the bottom up. */
  levels: string[];
  /** The value at a stage, on 0..levels.length-1, or null when not recorded. */
  value: (outcome: OutcomeResponse) => number | null;
  /** The value in words, for the chart's text alternative. */
  words: (outcome: OutcomeResponse) => string;
}

const HOUSING_LEVELS = ['homeless', 'institutional', 'temporary', 'permanent'] as const;

/** The measures, with their words in the current language (read at each rendering). */
const measures = (): Measure[] => [
  {
    title: translate('lantern.outcomes.chart.housing'),
    levels: HOUSING_LEVELS.map((level) => HOUSING_CATEGORY_LABELS[level]),
    value: (o) => {
      const index = o.housingCategory ? HOUSING_LEVELS.indexOf(o.housingCategory as (typeof HOUSING_LEVELS)[number]) : -1;
      return index < 0 ? null : index;
    },
    words: (o) => (o.housingCategory ? HOUSING_CATEGORY_LABELS[o.housingCategory] : translate('lantern.outcomes.chart.notRecorded')),
  },
  {
    title: translate('lantern.outcomes.chart.employment'),
    levels: [translate('lantern.outcomes.chart.notEmployed'), translate('lantern.outcomes.chart.employed')],
    value: (o) => (!o.employment || o.employment === 'unknown' ? null : o.employment.startsWith('employed') ? 1 : 0),
    words: (o) =>
      translate(
        !o.employment || o.employment === 'unknown'
          ? 'lantern.outcomes.chart.notRecorded'
          : o.employment.startsWith('employed')
            ? 'lantern.outcomes.chart.employedLower'
            : 'lantern.outcomes.chart.notEmployedLower',
      ),
  },
  {
    title: translate('lantern.outcomes.chart.education'),
    levels: [translate('lantern.outcomes.chart.none'), translate('lantern.outcomes.chart.inEducation')],
    value: (o) => (!o.education || o.education === 'unknown' ? null : o.education === 'none' ? 0 : 1),
    words: (o) =>
      translate(
        !o.education || o.education === 'unknown'
          ? 'lantern.outcomes.chart.notRecorded'
          : o.education === 'none'
            ? 'lantern.outcomes.chart.noneLower'
            : 'lantern.outcomes.chart.inEducationLower',
      ),
  },
  {
    title: translate('lantern.outcomes.feelsSafe'),
    levels: ['1', '2', '3', '4', '5'],
    value: (o) => (o.safetyRating ? o.safetyRating - 1 : null),
    words: (o) => (o.safetyRating ? translate('lantern.outcomes.chart.ofFive', { rating: o.safetyRating }) : translate('lantern.outcomes.chart.notRecorded')),
  },
];

const WIDTH = 260;
const HEIGHT = 120;
const PAD = { left: 8, right: 8, top: 10, bottom: 22 };

function x(index: number): number {
  return PAD.left + (index * (WIDTH - PAD.left - PAD.right)) / (ASSESSMENT_STAGES.length - 1);
}

function SmallChart({ measure, byStage }: { measure: Measure; byStage: Map<AssessmentStage, OutcomeResponse> }) {
  const theme = useTheme();
  const t = useTranslate();
  const top = measure.levels.length - 1;
  const y = (value: number): number => PAD.top + ((top - value) * (HEIGHT - PAD.top - PAD.bottom)) / Math.max(top, 1);
  const points = ASSESSMENT_STAGES.map((stage, index) => {
    const outcome = byStage.get(stage);
    const value = outcome ? measure.value(outcome) : null;
    return value === null ? null : { index, value };
  }).filter((point): point is { index: number; value: number } => point !== null);
  const description = ASSESSMENT_STAGES.filter((stage) => byStage.has(stage))
    .map((stage) => {
      const outcome = byStage.get(stage);
      return `${ASSESSMENT_STAGE_LABELS[stage]}: ${outcome ? measure.words(outcome) : t('lantern.outcomes.chart.notRecorded')}`;
    })
    .join('; ');

  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Typography variant="subtitle2" component="h3">
        {measure.title}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 0.5 }}>
        {measure.levels[0]} → {measure.levels[top]}
      </Typography>
      <Box
        component="svg"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={t('lantern.outcomes.chart.label', { measure: measure.title, values: description || t('lantern.outcomes.chart.nothingYet') })}
        sx={{ width: '100%', height: 'auto', display: 'block' }}
      >
        {measure.levels.map((_, level) => (
          <line key={level} x1={PAD.left} x2={WIDTH - PAD.right} y1={y(level)} y2={y(level)} stroke={theme.palette.divider} strokeDasharray="2 3" />
        ))}
        {ASSESSMENT_STAGES.map((stage, index) => (
          <text key={stage} x={x(index)} y={HEIGHT - 6} fontSize={10} textAnchor="middle" fill={theme.palette.text.secondary}>
            {t(`lantern.outcomes.chart.stage.${stage}`, { _: ASSESSMENT_STAGE_LABELS[stage] })}
          </text>
        ))}
        {points.length > 1 && (
          <polyline
            fill="none"
            stroke={theme.palette.primary.main}
            strokeWidth={2}
            points={points.map((point) => `${x(point.index)},${y(point.value)}`).join(' ')}
          />
        )}
        {points.map((point) => (
          <circle key={point.index} cx={x(point.index)} cy={y(point.value)} r={4} fill={theme.palette.primary.main} />
        ))}
      </Box>
    </Paper>
  );
}

/** Each measure across the stages, as small charts (plain SVG); the text alternative reads the values. */
export function OutcomeChart({ outcomes }: { outcomes: OutcomeResponse[] }) {
  const byStage = new Map(outcomes.map((outcome) => [outcome.stage, outcome]));
  const t = useTranslate();
  return (
    <Box component="section" aria-label={t('lantern.outcomes.chart.across')} sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr', lg: 'repeat(4, 1fr)' } }}>
      {measures().map((measure) => (
        <SmallChart key={measure.title} measure={measure} byStage={byStage} />
      ))}
    </Box>
  );
}
