import AddIcon from '@mui/icons-material/Add';
import EditNoteIcon from '@mui/icons-material/EditNote';
import { ASSESSMENT_STAGES, type AssessmentStage, type CaseResponse, type OutcomeResponse } from '@lantern/contracts';
import { Alert, Button, Chip, Skeleton, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useGetList, useRecordContext, useTranslate } from 'react-admin';
import { useLocation } from 'react-router';
import {
  ASSESSMENT_STAGE_LABELS,
  EDUCATION_LABELS,
  EMPLOYMENT_LABELS,
  hmisLabel,
  HOUSING_CATEGORY_LABELS,
  INCOME_CHANGE_LABELS,
} from '../../common/choices';
import { formatDate, formatNumber } from '../../common/labels';
import { toApiError } from '../../providers/http';
import { useCaseAccess } from '../case-access';
import { OutcomeChart } from './OutcomeChart';
import { CustomValuesPanel } from '../../custom-fields/CustomValuesPanel';
import { OutcomeDialog, SAFETY_WORDS } from './OutcomeDialog';

/** Follow-up stages may still be recorded after a case is closed (the survivor is reached again later). */
const FOLLOW_UP_STAGES: readonly AssessmentStage[] = ['90_days', '180_days', '365_days'];

/** What the close dialog may ask for when it sends someone here. */
export interface OutcomesFocusState {
  stage?: AssessmentStage;
}

function Income({ outcome }: { outcome: OutcomeResponse }) {
  if (outcome.monthlyIncome === null && !outcome.incomeChange) return <>—</>;
  return (
    <>
      {outcome.monthlyIncome === null ? '' : formatNumber(outcome.monthlyIncome)}
      {outcome.incomeChange && (
        <Typography variant="body2" component="span" color="text.secondary">
          {outcome.monthlyIncome === null ? '' : ' · '}
          {INCOME_CHANGE_LABELS[outcome.incomeChange].toLowerCase()}
        </Typography>
      )}
    </>
  );
}

/**
 * Outcome assessments at the set stages (intake, 90, 180 and 365 days, exit): one row per stage, a
 * form to record or correct one, and each measure across the stages.
 */
export function OutcomesTab() {
  const record = useRecordContext<CaseResponse>();
  const access = useCaseAccess(record);
  const location = useLocation();
  const translate = useTranslate();
  const focus = (location.state as OutcomesFocusState | null)?.stage;
  const caseId = record?.id ?? '';
  const [recording, setRecording] = useState<AssessmentStage | null>(null);
  const [correcting, setCorrecting] = useState<OutcomeResponse | null>(null);
  const { data: outcomes = [], isPending, error } = useGetList<OutcomeResponse>(
    'outcomes',
    { filter: { caseId }, sort: { field: 'assessedOn', order: 'ASC' }, pagination: { page: 1, perPage: 10 } },
    { enabled: Boolean(caseId) },
  );
  const byStage = new Map(outcomes.map((outcome) => [outcome.stage, outcome]));
  const allowed = (stage: AssessmentStage): boolean => access.outcomes.create && (!access.closed || FOLLOW_UP_STAGES.includes(stage));
  const open = ASSESSMENT_STAGES.filter((stage) => !byStage.has(stage) && allowed(stage));

  // Sent here by the close dialog to record the exit assessment: open its form at once.
  useEffect(() => {
    if (focus && !isPending && !byStage.has(focus) && allowed(focus)) setRecording(focus);
    // Once per arrival: the state of the location says where from.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus, isPending]);

  if (!record) return null;

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="body2" color="text.secondary" sx={{ flex: 1 }}>
          {access.closed
            ? translate('lantern.outcomes.closedText')
            : translate('lantern.outcomes.text')}
        </Typography>
        {open.length > 0 && (
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setRecording(open[0])}>
            {translate('lantern.outcomes.recordAssessment')}
          </Button>
        )}
      </Stack>
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={200} />
      ) : (
        <>
          <TableContainer>
            <Table size="small" aria-label={translate('lantern.outcomes.byStage')}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('resources.outcomes.fields.stage')}</TableCell>
                  <TableCell>{translate('resources.outcomes.fields.assessedOn')}</TableCell>
                  <TableCell>{translate('resources.outcomes.fields.housingSituation')}</TableCell>
                  <TableCell>{translate('resources.outcomes.fields.employment')}</TableCell>
                  <TableCell>{translate('resources.outcomes.fields.education')}</TableCell>
                  <TableCell>{translate('resources.outcomes.fields.monthlyIncome')}</TableCell>
                  <TableCell>{translate('lantern.outcomes.feelsSafe')}</TableCell>
                  <TableCell>{translate('resources.outcomes.fields.returnedToTrafficker')}</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {ASSESSMENT_STAGES.map((stage) => {
                  const outcome = byStage.get(stage);
                  const label = ASSESSMENT_STAGE_LABELS[stage];
                  return (
                    <TableRow key={stage} data-testid={`outcome-${stage}`}>
                      <TableCell component="th" scope="row" sx={{ fontWeight: 600 }}>
                        {label}
                      </TableCell>
                      {outcome ? (
                        <>
                          <TableCell>{formatDate(outcome.assessedOn)}</TableCell>
                          <TableCell>
                            {hmisLabel(outcome.housingSituation)}
                            {outcome.housingCategory && (
                              <Chip size="small" variant="outlined" sx={{ ml: 1 }} label={HOUSING_CATEGORY_LABELS[outcome.housingCategory]} />
                            )}
                          </TableCell>
                          <TableCell>{outcome.employment ? EMPLOYMENT_LABELS[outcome.employment] : '—'}</TableCell>
                          <TableCell>{outcome.education ? EDUCATION_LABELS[outcome.education] : '—'}</TableCell>
                          <TableCell>
                            <Income outcome={outcome} />
                          </TableCell>
                          <TableCell>{outcome.safetyRating ? `${outcome.safetyRating} · ${SAFETY_WORDS[outcome.safetyRating]}` : '—'}</TableCell>
                          <TableCell>
                            {outcome.returnedToTrafficker === null ? '—' : outcome.returnedToTrafficker ? <Chip size="small" color="error" label={translate('ra.message.yes')} /> : translate('ra.message.no')}
                          </TableCell>
                          <TableCell align="right">
                            {allowed(stage) && (
                              <Button size="small" startIcon={<EditNoteIcon />} aria-label={translate('lantern.outcomes.correctStage', { stage: label.toLowerCase() })} onClick={() => setCorrecting(outcome)}>
                                {translate('lantern.outcomes.correct')}
                              </Button>
                            )}
                          </TableCell>
                        </>
                      ) : (
                        <>
                          <TableCell colSpan={7}>
                            <Typography variant="body2" color="text.secondary">
                              {translate('lantern.common.notRecorded')}
                            </Typography>
                          </TableCell>
                          <TableCell align="right">
                            {allowed(stage) && (
                              <Button size="small" startIcon={<AddIcon />} aria-label={translate('lantern.outcomes.recordStage', { stage: label.toLowerCase() })} onClick={() => setRecording(stage)}>
                                {translate('lantern.outcomes.record')}
                              </Button>
                            )}
                          </TableCell>
                        </>
                      )}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
          {/* The organization's own questions about each assessment (issue 18), where it has some she may read. */}
          {outcomes.map((outcome) => (
            <CustomValuesPanel
              key={outcome.id}
              resource="custom-values/outcome-assessment"
              recordId={outcome.id}
              editable={!access.closed && allowed(outcome.stage)}
              variant="section"
              headingLevel="h3"
              title={translate('lantern.customValues.titleOf', { subject: ASSESSMENT_STAGE_LABELS[outcome.stage] })}
              subject={ASSESSMENT_STAGE_LABELS[outcome.stage]}
              hideWhenEmpty
            />
          ))}
          {outcomes.length > 0 && <OutcomeChart outcomes={outcomes} />}
        </>
      )}
      {recording && <OutcomeDialog caseId={caseId} stages={open} initialStage={recording} onClose={() => setRecording(null)} />}
      {correcting && <OutcomeDialog caseId={caseId} stages={[]} existing={correcting} onClose={() => setCorrecting(null)} />}
    </Stack>
  );
}
