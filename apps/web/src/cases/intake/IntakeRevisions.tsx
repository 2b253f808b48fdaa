import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Accordion, AccordionDetails, AccordionSummary, Alert, Skeleton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useTranslate } from 'react-admin';
import { formatDateTime } from '../../common/labels';
import { StaffName } from '../../common/StaffName';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import { valuesOf } from './intake-model';
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
          </AccordionDetails>
        </Accordion>
      ))}
    </Stack>
  );
}
