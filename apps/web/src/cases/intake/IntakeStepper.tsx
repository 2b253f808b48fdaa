import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ArrowForwardIcon from '@mui/icons-material/ArrowForward';
import SaveIcon from '@mui/icons-material/Save';
import SendIcon from '@mui/icons-material/Send';
import type { IntakeResponse } from '@lantern/contracts';
import { Alert, AlertTitle, Box, Button, Divider, Paper, Stack, Step, StepButton, StepLabel, Stepper, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Form, FormDataConsumer, ResourceContextProvider, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { onQuickExit } from '../../layout/quick-exit';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import { ReasonDialog } from '../../common/ReasonDialog';
import {
  changesOf,
  errorsByStep,
  FIELD_LABELS,
  missingForSubmit,
  payloadOf,
  resumeStep,
  REVIEW_STEP,
  stepFilled,
  stepOfField,
  STEPS,
  valuesOf,
  type IntakeField,
  type IntakeValues,
} from './intake-model';
import { IntakeSummary } from './IntakeSummary';
import { ExploitationStep, IdentificationStep, NARRATIVE_MAX, NarrativeStep, NeedsStep, RiskStep } from './IntakeSteps';

/** Where each case's intake was left in this tab (a step number only; memory, never browser storage). */
const lastStep = new Map<string, number>();
onQuickExit(() => lastStep.clear());

const STEP_CONTENT = [IdentificationStep, ExploitationStep, NeedsStep, RiskStep, NarrativeStep];

type Mode = 'draft' | 'amend';

interface BodyProps {
  values: IntakeValues;
  mode: Mode;
  caseId: string;
  saved: IntakeResponse | undefined;
  onSaved: (intake: IntakeResponse) => void;
  onSubmitted: () => void;
  onCancel?: () => void;
  /** Move focus to the first step's heading as soon as the stepper appears (after "Start intake"). */
  focusOnMount?: boolean;
}

function StepperBody({ values, mode, caseId, saved, onSaved, onSubmitted, onCancel, focusOnMount = false }: BodyProps) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const [active, setActive] = useState(() => lastStep.get(caseId) ?? (saved ? resumeStep(valuesOf(saved)) : 0));
  const [attempted, setAttempted] = useState(false);
  const [apiErrors, setApiErrors] = useState<Partial<Record<string, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [amending, setAmending] = useState(false);
  const region = useRef<HTMLDivElement>(null);
  // Each move (Next, Back, a step, "Go to …") asks for focus on the new step's heading: a keyboard user
  // starts at the top of the step, and a second Enter lands on nothing (never on "Submit intake").
  const [focusRequests, setFocusRequests] = useState(focusOnMount ? 1 : 0);
  const submitting = useRef(false);

  useEffect(() => {
    if (focusRequests === 0) return;
    const heading = region.current?.querySelector<HTMLElement>('h3');
    if (!heading) return;
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }, [focusRequests]);

  const go = (step: number): void => {
    setActive(Math.max(0, Math.min(REVIEW_STEP, step)));
    setFocusRequests((count) => count + 1);
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  useEffect(() => {
    if (mode === 'draft') lastStep.set(caseId, active);
  }, [active, caseId, mode]);

  const missing = missingForSubmit(values);
  const shownErrors: Partial<Record<string, string>> = { ...(attempted ? missing : {}), ...apiErrors };
  const byStep = errorsByStep(shownErrors);
  const activeErrors = byStep.get(active) ?? [];
  const narrativeTooLong = (values.narrative?.length ?? 0) > NARRATIVE_MAX;

  const takeApiError = (caught: unknown): void => {
    const apiError = toApiError(caught);
    const fields: Partial<Record<string, string>> = {};
    for (const [field, messages] of Object.entries(apiError.body.fieldErrors)) {
      if (field === 'version') continue;
      const label = FIELD_LABELS[field.split('.')[0] as IntakeField] ?? field;
      fields[field] = `${label} ${messages.join('; ')}`;
    }
    setApiErrors(fields);
    setProblem(
      apiError.code === 'STALE_VERSION'
        ? translate('lantern.intake.stale')
        : apiError.message,
    );
    const steps = Object.keys(fields).map(stepOfField);
    if (steps.length > 0) go(Math.min(...steps));
  };

  const save = async (): Promise<IntakeResponse> => {
    const body = payloadOf(values, true);
    const result = saved
      ? await dataProvider.update<IntakeResponse>('intakes', { id: saved.id, data: body, previousData: saved })
      : await dataProvider.create<IntakeResponse>('intakes', { data: { caseId, ...body } });
    onSaved(result.data);
    setApiErrors({});
    await queryClient.invalidateQueries({ queryKey: ['intakes'] });
    return result.data;
  };

  const saveDraft = async (): Promise<void> => {
    if (narrativeTooLong) return;
    setBusy(true);
    setProblem(null);
    try {
      await save();
      notify('lantern.intake.draftSaved', { type: 'success' });
    } catch (caught) {
      takeApiError(caught);
    } finally {
      setBusy(false);
    }
  };

  const submit = async (): Promise<void> => {
    // Once at a time, even for two presses within one render (the button is disabled only after it).
    if (submitting.current) return;
    setAttempted(true);
    setProblem(null);
    const open = Object.keys(missing);
    if (open.length > 0) {
      go(Math.min(...open.map(stepOfField)));
      notify('lantern.intake.stillNeededNotice', { type: 'warning' });
      return;
    }
    if (narrativeTooLong) return;
    submitting.current = true;
    setBusy(true);
    try {
      const draft = await save();
      const submitted = await dataProvider.submitIntake(draft.id, draft.version);
      onSaved(submitted);
      notify('lantern.intake.submitted', { type: 'success' });
      refresh();
      onSubmitted();
    } catch (caught) {
      takeApiError(caught);
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };

  const amend = async (reason: string | undefined): Promise<void> => {
    if (!saved || !reason) return;
    const changes = changesOf(payloadOf(values, true), saved);
    if (Object.keys(changes).length === 0) throw new Error(translate('lantern.intake.nothingChanged'));
    const amended = await dataProvider.amendIntake(saved.id, { reason, version: saved.version, ...changes });
    onSaved(amended);
    notify('lantern.intake.amendmentSaved', { type: 'success' });
    refresh();
    onSubmitted();
  };

  const Content = active < REVIEW_STEP ? STEP_CONTENT[active] : null;
  const missingList = Object.entries(missing) as [IntakeField, string][];

  return (
    <Stack spacing={2}>
      {mode === 'amend' && (
        <Alert severity="info">
          <AlertTitle>{translate('lantern.intake.amending')}</AlertTitle>
          {translate('lantern.intake.amendingText')}
        </Alert>
      )}
      <Paper variant="outlined" sx={{ p: { xs: 1.5, md: 2 }, overflowX: 'auto' }}>
        <Stepper nonLinear activeStep={active} alternativeLabel aria-label={translate('lantern.intake.stepsLabel')}>
          {STEPS.map((step, index) => {
            const stepErrors = byStep.get(index);
            const completed = index !== active && stepFilled(step, values) && !stepErrors;
            return (
              <Step key={step.key} completed={completed}>
                <StepButton
                  onClick={() => go(index)}
                  aria-label={
                    stepErrors
                      ? translate('lantern.intake.stepNeedsAttention', { step: step.label })
                      : completed
                        ? translate('lantern.intake.stepDone', { step: step.label })
                        : step.label
                  }
                  optional={
                    stepErrors ? (
                      <Typography variant="caption" color="error">
                        {translate('lantern.intake.needsAttention')}
                      </Typography>
                    ) : undefined
                  }
                >
                  <StepLabel error={Boolean(stepErrors)}>{step.label}</StepLabel>
                </StepButton>
              </Step>
            );
          })}
        </Stepper>
      </Paper>

      <Paper ref={region} variant="outlined" sx={{ p: { xs: 2, md: 3 } }} role="region" aria-label={STEPS[active].label}>
        {problem && (
          <Alert severity="error" role="alert" sx={{ mb: 2 }}>
            {problem}
          </Alert>
        )}
        {activeErrors.length > 0 && (
          <Alert severity="warning" sx={{ mb: 2 }} data-testid="step-errors">
            <AlertTitle>{translate('lantern.intake.neededBefore')}</AlertTitle>
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {activeErrors.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </Box>
          </Alert>
        )}
        {Content ? (
          <Content />
        ) : (
          <>
            <Typography variant="h6" component="h3" sx={{ mb: 1 }}>
              {translate(mode === 'amend' ? 'lantern.intake.reviewAmendment' : 'lantern.intake.reviewSubmit')}
            </Typography>
            {missingList.length > 0 ? (
              <Alert severity="warning" sx={{ mb: 2 }}>
                <AlertTitle>{translate('lantern.intake.stillNeeded')}</AlertTitle>
                <Stack spacing={0.5}>
                  {missingList.map(([field, message]) => (
                    <Stack key={field} direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <span>{message}</span>
                      <Button size="small" onClick={() => go(stepOfField(field))}>
                        {translate('lantern.intake.goTo', { step: STEPS[stepOfField(field)].label })}
                      </Button>
                    </Stack>
                  ))}
                </Stack>
              </Alert>
            ) : (
              mode === 'draft' && (
                <Alert severity="success" sx={{ mb: 2 }}>
                  {translate('lantern.intake.allAnswered')}
                </Alert>
              )
            )}
            <IntakeSummary values={values} narrativeShown />
          </>
        )}

        <Divider sx={{ my: 2 }} />
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          {mode === 'amend' && onCancel && (
            <Button color="inherit" onClick={onCancel} disabled={busy}>
              {translate('lantern.intake.cancelAmendment')}
            </Button>
          )}
          <Button startIcon={<ArrowBackIcon />} onClick={() => go(active - 1)} disabled={active === 0 || busy}>
            {translate('lantern.intake.back')}
          </Button>
          <Box sx={{ flex: 1 }} />
          {mode === 'draft' && (
            <Button variant="outlined" startIcon={<SaveIcon />} onClick={() => void saveDraft()} disabled={busy || narrativeTooLong}>
              {translate('lantern.referralDialog.saveDraft')}
            </Button>
          )}
          {active < REVIEW_STEP ? (
            <Button variant="contained" endIcon={<ArrowForwardIcon />} onClick={() => go(active + 1)} disabled={busy}>
              {translate('lantern.intake.next')}
            </Button>
          ) : mode === 'draft' ? (
            <Button variant="contained" endIcon={<SendIcon />} onClick={() => void submit()} disabled={busy || narrativeTooLong}>
              {translate('lantern.intake.submit')}
            </Button>
          ) : (
            <Button variant="contained" startIcon={<SaveIcon />} onClick={() => setAmending(true)} disabled={busy || narrativeTooLong || missingList.length > 0}>
              {translate('lantern.intake.saveAmendment')}
            </Button>
          )}
        </Stack>
      </Paper>
      <ReasonDialog
        open={amending}
        title={translate('lantern.intake.amendTitle')}
        description={translate('lantern.intake.amendText')}
        confirmLabel={translate('lantern.intake.saveAmendment')}
        required
        minLength={3}
        onConfirm={amend}
        onClose={() => setAmending(false)}
      />
    </Stack>
  );
}

/**
 * The intake as a step-by-step form: identification, exploitation, needs, risk screening, narrative,
 * review. A draft can be saved at any step and is picked up again where something is still missing;
 * a submitted intake is changed only through an amendment with a reason.
 */
/** After a submission, the next intake of this case (there is none) would not start at the review. */
function forgetStep(caseId: string): void {
  lastStep.delete(caseId);
}

export function IntakeStepper({
  caseId,
  intake,
  mode,
  onDone,
  onCancel,
  focusOnMount,
}: {
  caseId: string;
  intake: IntakeResponse | undefined;
  mode: Mode;
  onDone: () => void;
  onCancel?: () => void;
  /** Set when the person has just asked for the stepper ("Start intake", "Amend"). */
  focusOnMount?: boolean;
}) {
  const [saved, setSaved] = useState<IntakeResponse | undefined>(intake);

  // A fresher copy (another tab, a refetch) replaces ours when it is newer.
  useEffect(() => {
    if (intake && (!saved || intake.id !== saved.id || intake.version > saved.version)) setSaved(intake);
  }, [intake, saved]);

  // The form's "record" is what was last saved: after a save the form is reset to it, so it is clean
  // again and leaving the tab does not warn about changes that are already saved.
  const record = useMemo(() => ({ ...(saved ? { id: saved.id } : {}), ...valuesOf(saved) }), [saved]);

  return (
    <ResourceContextProvider value="intakes">
      <Form record={record} warnWhenUnsavedChanges onSubmit={() => undefined} noValidate>
        <FormDataConsumer>
          {({ formData }) => (
            <StepperBody
              values={{ ...valuesOf(undefined), ...(formData as Partial<IntakeValues>) } as IntakeValues}
              mode={mode}
              caseId={caseId}
              saved={saved}
              onSaved={setSaved}
              onSubmitted={() => {
                forgetStep(caseId);
                onDone();
              }}
              onCancel={onCancel}
              focusOnMount={focusOnMount}
            />
          )}
        </FormDataConsumer>
      </Form>
    </ResourceContextProvider>
  );
}
