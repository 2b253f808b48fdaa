import AssignmentIcon from '@mui/icons-material/Assignment';
import EditNoteIcon from '@mui/icons-material/EditNote';
import type { CaseResponse, IntakeResponse } from '@lantern/contracts';
import { Alert, Box, Button, Chip, Paper, Skeleton, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetList, useGetOne, useRecordContext, useTranslate } from 'react-admin';
import { RiskChip } from '../../common/CaseChips';
import { formatDateTime } from '../../common/labels';
import { CustomValuesPanel } from '../../custom-fields/CustomValuesPanel';
import { toApiError } from '../../providers/http';
import { useCaseAccess } from '../case-access';
import { STEPS, valuesOf } from './intake-model';
import { IntakeRevisions } from './IntakeRevisions';
import { IntakeStepper } from './IntakeStepper';
import { IntakeSummary } from './IntakeSummary';

function IntakeStatusLine({ intake }: { intake: IntakeResponse }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
      <Chip
        size="small"
        color={intake.status === 'submitted' ? 'success' : 'default'}
        variant={intake.status === 'submitted' ? 'filled' : 'outlined'}
        label={translate(intake.status === 'submitted' ? 'lantern.caseload.submitted' : 'lantern.intake.draft')}
        data-testid="intake-status"
      />
      <RiskChip level={intake.riskLevel} />
      <Typography variant="body2" color="text.secondary">
        {intake.status === 'submitted'
          ? `${translate('lantern.intake.submittedAt', { when: formatDateTime(intake.submittedAt) })}${
              intake.amendmentCount ? ` · ${translate('lantern.intake.amended', { smart_count: intake.amendmentCount })}` : ''
            }`
          : translate('lantern.intake.lastSaved', { when: formatDateTime(intake.updatedAt) })}
      </Typography>
    </Stack>
  );
}

/** The case's intake: start it, continue the draft, or read it (and amend it) once submitted. */
export function IntakeTab() {
  const record = useRecordContext<CaseResponse>();
  const access = useCaseAccess(record);
  const translate = useTranslate();
  const caseId = record?.id ?? '';
  const [started, setStarted] = useState(false);
  const [amending, setAmending] = useState(false);
  const list = useGetList<IntakeResponse>(
    'intakes',
    { filter: { caseId }, sort: { field: 'createdAt', order: 'DESC' }, pagination: { page: 1, perPage: 1 } },
    { enabled: Boolean(caseId) },
  );
  const listed = list.data?.[0];
  // The list leaves the narrative out; opening the intake itself (an audited read) brings it for the caseworker.
  const one = useGetOne<IntakeResponse>('intakes', { id: listed?.id ?? '' }, { enabled: Boolean(listed?.id) });
  const intake = one.data ?? undefined;

  if (!record) return null;
  const loading = list.isPending || Boolean(listed && one.isPending);
  const error = list.error ?? one.error;
  const editingDraft = access.intake.update && intake?.status !== 'submitted' && (started || intake?.status === 'draft');

  // One stepper, at one place in the tree, from "Start intake" to submission: the first save creates
  // the draft and the refetch that follows must not remount the form.
  if (editingDraft && (started || !loading)) {
    return (
      <Stack spacing={2}>
        {intake && <IntakeStatusLine intake={intake} />}
        <IntakeStepper caseId={caseId} intake={intake} mode="draft" onDone={() => setStarted(false)} focusOnMount={started} />
      </Stack>
    );
  }
  if (loading) return <Skeleton variant="rounded" height={240} />;
  if (error) return <Alert severity="error">{toApiError(error).message}</Alert>;

  if (!intake) {
    if (!access.intake.create) {
      return (
        <Alert severity="info" variant="outlined">
          {translate('lantern.intake.noneYet')}
        </Alert>
      );
    }
    return (
      <Paper variant="outlined" sx={{ p: 3, maxWidth: 760 }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
          <AssignmentIcon color="primary" sx={{ mt: 0.5 }} />
          <Box>
            <Typography variant="h6" component="h3">
              {translate('lantern.intake.startTitle')}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {translate('lantern.intake.startText', { steps: STEPS.map((step) => step.label.toLocaleLowerCase()).join(', ') })}
            </Typography>
            <Button variant="contained" onClick={() => setStarted(true)}>
              {translate('lantern.caseload.startIntake')}
            </Button>
          </Box>
        </Stack>
      </Paper>
    );
  }

  const narrativeShown = Object.hasOwn(intake, 'narrative');
  if (intake.status === 'draft') {
    return (
      <Stack spacing={2}>
        <IntakeStatusLine intake={intake} />
        <Alert severity="info" variant="outlined">
          {translate('lantern.intake.notSubmittedYet')}
        </Alert>
        <Paper variant="outlined" sx={{ px: 2, py: 1 }}>
          <IntakeSummary values={valuesOf(intake)} narrativeShown={narrativeShown} />
        </Paper>
        <CustomValuesPanel resource="custom-values/intake" recordId={intake.id} editable={false} hideWhenEmpty />
      </Stack>
    );
  }

  if (amending) {
    return (
      <Stack spacing={2}>
        <IntakeStatusLine intake={intake} />
        <IntakeStepper
          caseId={caseId}
          intake={intake}
          mode="amend"
          onDone={() => setAmending(false)}
          onCancel={() => setAmending(false)}
          focusOnMount
        />
      </Stack>
    );
  }

  return (
    <Stack spacing={2}>
      <Stack direction="row" sx={{ alignItems: 'center' }} spacing={2}>
        <Box sx={{ flex: 1 }}>
          <IntakeStatusLine intake={intake} />
        </Box>
        {access.intake.update && (
          <Button variant="outlined" startIcon={<EditNoteIcon />} onClick={() => setAmending(true)}>
            {translate('lantern.intake.amend')}
          </Button>
        )}
      </Stack>
      <Paper variant="outlined" sx={{ px: 2, py: 1 }} data-testid="intake-summary">
        <IntakeSummary values={valuesOf(intake)} narrativeShown={narrativeShown} />
      </Paper>
      {/* Read-only here: a submitted intake changes by amendment only (docs/custom-fields.md). */}
      <CustomValuesPanel resource="custom-values/intake" recordId={intake.id} editable={false} hideWhenEmpty />
      {intake.amendmentCount > 0 && <IntakeRevisions intakeId={intake.id} amendmentCount={intake.amendmentCount} />}
    </Stack>
  );
}
