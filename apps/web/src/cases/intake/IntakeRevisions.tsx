import type { CustomValue, CustomValuesResponse } from '@lantern/contracts';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Accordion, AccordionDetails, AccordionSummary, Alert, Skeleton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useGetOne, useTranslate } from 'react-admin';
import { formatDateTime } from '../../common/labels';
import { StaffName } from '../../common/StaffName';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import { valuesOf } from './intake-model';
import { IntakeCustomValues } from './IntakeCustomValues';
import { IntakeSummary } from './IntakeSummary';

/** Earlier versions of a submitted intake, each with the reason it was amended, newest first. */
export function IntakeRevisions({ intakeId, amendmentCount }: { intakeId: string; amendmentCount: number }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const translate = useTranslate();
  const { data, isPending, error } = useQuery({
    queryKey: ['intakes', intakeId, 'revisions', amendmentCount],
    queryFn: () => dataProvider.intakeRevisions(intakeId),
  });
  if (isPending) return <Skeleton variant="rounded" height={56} />;
  if (error) return <Alert severity="error">{toApiError(error).message}</Alert>;
  const revisions = [...data].sort((a, b) => b.revision - a.revision);
  if (revisions.length === 0) return null;
  return (
    <Stack spacing={1} component="section" aria-label={translate('lantern.intake.revisions')}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {translate('lantern.intake.revisionsCount', { count: revisions.length })}
      </Typography>
      {revisions.map((revision) => (
        <Accordion key={revision.id} variant="outlined" disableGutters>
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Stack spacing={0.25}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {translate('lantern.intake.amendedBy', { when: formatDateTime(revision.createdAt) })} <StaffName userId={revision.createdBy} />
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {translate('lantern.referralTimeline.reason', { reason: revision.reason })}
              </Typography>
            </Stack>
          </AccordionSummary>
          <AccordionDetails>
            <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mb: 1 }}>
              {translate('lantern.intake.beforeAmendment')}
            </Typography>
            <IntakeSummary
              values={valuesOf({
                ...revision.snapshot,
                narrative: revision.narrative ?? null,
                recruitmentRegion: revision.recruitmentRegion ?? null,
                exploitationRegion: revision.exploitationRegion ?? null,
              })}
              narrativeShown={Object.hasOwn(revision, 'narrative')}
              compact
            />
            <RevisionCustomValues intakeId={intakeId} values={revision.custom ?? {}} />
          </AccordionDetails>
        </Accordion>
      ))}
    </Stack>
  );
}

/** The custom values as they were before the amendment: the API sends only those the reader may read (docs/custom-fields.md). */
function RevisionCustomValues({ intakeId, values }: { intakeId: string; values: Record<string, CustomValue> }) {
  // Labelled with the intake's fields as "More details" reads them (the same query, so no second request).
  const { data } = useGetOne<CustomValuesResponse>('custom-values/intake', { id: intakeId });
  return <IntakeCustomValues fields={(data?.fields ?? []).filter((field) => Object.hasOwn(values, field.key))} values={values} testId="revision-custom" />;
}
