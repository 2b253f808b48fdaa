import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import type { CaseResponse, SurvivorResponse } from '@lantern/contracts';
import { Alert, Box, Button, Card, CardContent, Stack, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { useState } from 'react';
import {
  Form,
  ResourceContextProvider,
  SaveButton,
  SelectInput,
  Title,
  useCreatePath,
  useDataProvider,
  useNavigate,
  useNotify,
  useTranslate,
} from 'react-admin';
import { REFERRAL_SOURCE_CHOICES } from '../common/labels';
import { toApiError, type FormErrors } from '../providers/http';
import { loadSession } from '../providers/session';
import { Section, SurvivorInputs } from '../survivors/SurvivorInputs';
import { SurvivorSearch } from '../survivors/SurvivorSearch';
import { DuplicateWarning } from '../survivors/DuplicateWarning';

interface NewIntakeValues extends Record<string, unknown> {
  referralSource?: string | null;
}

const defaults = { citizenship: [], languages: [] };

/**
 * "New intake" for caseworkers: the survivor record (alias and what the person chose to tell), then
 * the case (assigned to the caseworker, status intake), then straight to the intake's first step.
 */
export function NewIntake() {
  const dataProvider = useDataProvider();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const notify = useNotify();
  const translate = useTranslate();
  // A survivor saved before opening the case failed is not created twice on the next try.
  const [survivor, setSurvivor] = useState<SurvivorResponse | null>(null);
  const [opening, setOpening] = useState<string | null>(null);

  const openCase = async (survivorId: string, referralSource?: string | null): Promise<void> => {
    const { data } = await dataProvider.create<CaseResponse>('cases', {
      data: { survivorId, ...(referralSource ? { referralSource } : {}) },
    });
    // The caseworker's rules (their caseload) now include this case: fetch them before opening it.
    await loadSession({ force: true }).catch(() => undefined);
    notify('lantern.newIntake.opened', { type: 'success', messageArgs: { caseNumber: data.caseNumber } });
    navigate(`${createPath({ resource: 'cases', type: 'show', id: data.id })}/intake`);
  };

  const submit = async (values: NewIntakeValues): Promise<FormErrors | undefined> => {
    const { referralSource, ...survivorValues } = values;
    try {
      let saved = survivor;
      if (!saved) {
        const result = await dataProvider.create<SurvivorResponse>('survivors', { data: survivorValues });
        saved = result.data;
        setSurvivor(saved);
      }
      await openCase(saved.id, referralSource);
      return undefined;
    } catch (caught) {
      const apiError = toApiError(caught);
      notify(apiError.message, { type: 'error' });
      return apiError.body.errors;
    }
  };

  const openCaseFor = async (existing: SurvivorResponse): Promise<void> => {
    setOpening(existing.id);
    try {
      await openCase(existing.id);
    } catch (caught) {
      notify(toApiError(caught).message, { type: 'error' });
    } finally {
      setOpening(null);
    }
  };

  return (
    <Box sx={{ py: 2, maxWidth: 960 }}>
      <Title title="lantern.cases.newIntake" />
      <Typography variant="h5" component="h1" sx={{ mb: 0.5 }}>
        {translate('lantern.cases.newIntake')}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        {translate('lantern.newIntake.intro')}
      </Typography>
      <Stepper activeStep={0} sx={{ mb: 3, maxWidth: 640 }} aria-label={translate('lantern.newIntake.progress')}>
        <Step>
          <StepLabel>{translate('lantern.newIntake.survivorRecord')}</StepLabel>
        </Step>
        <Step>
          <StepLabel>{translate('resources.cases.name', { smart_count: 1 })}</StepLabel>
        </Step>
        <Step>
          <StepLabel>{translate('resources.intakes.name', { smart_count: 1 })}</StepLabel>
        </Step>
      </Stepper>

      <Card sx={{ mb: 2 }}>
        <CardContent>
          <Typography variant="h6" component="h2">
            {translate('lantern.newIntake.helpedBefore')}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('lantern.newIntake.searchFirst')}
          </Typography>
          <SurvivorSearch
            dense
            renderActions={(match) => (
              <Stack direction="row" spacing={1}>
                <Button size="small" onClick={() => navigate(createPath({ resource: 'survivors', type: 'show', id: match.id }))}>
                  {translate('lantern.overview.openRecord')}
                </Button>
                <Button size="small" variant="outlined" startIcon={<FolderOpenIcon />} disabled={opening !== null} onClick={() => void openCaseFor(match)}>
                  {translate('lantern.newIntake.newCaseForPerson')}
                </Button>
              </Stack>
            )}
          />
        </CardContent>
      </Card>

      <Card>
        <CardContent>
          <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
            {translate('lantern.newIntake.newRecord')}
          </Typography>
          {survivor && (
            <Alert severity="info" sx={{ mb: 2 }}>
              {translate('lantern.newIntake.saved', { alias: survivor.alias })}
            </Alert>
          )}
          <ResourceContextProvider value="survivors">
            <Form defaultValues={defaults} onSubmit={(values: Record<string, unknown>) => submit(values as NewIntakeValues)}>
              <SurvivorInputs mode="create" />
              <Section title={translate('resources.cases.name', { smart_count: 1 })} hint={translate('lantern.newIntake.caseHint')}>
                <ResourceContextProvider value="cases">
                  <SelectInput source="referralSource" choices={REFERRAL_SOURCE_CHOICES} emptyText="lantern.common.notRecorded" sx={{ maxWidth: 360 }} />
                </ResourceContextProvider>
              </Section>
              {!survivor && <DuplicateWarning />}
              <SaveButton label="lantern.newIntake.create" icon={<FolderOpenIcon />} alwaysEnable />
            </Form>
          </ResourceContextProvider>
        </CardContent>
      </Card>
    </Box>
  );
}
