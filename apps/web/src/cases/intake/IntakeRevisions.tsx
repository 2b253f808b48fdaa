import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Accordion, AccordionDetails, AccordionSummary, Alert, Skeleton, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import { formatDateTime } from '../../common/labels';
import { StaffName } from '../../common/StaffName';
import type { LanternDataProvider } from '../../providers/data-provider';
import { toApiError } from '../../providers/http';
import { valuesOf } from './intake-model';
import { IntakeSummary } from './IntakeSummary';

/** Earlier versions of a submitted intake, each with the reason it was amended, newest first. */
export function IntakeRevisions({ intakeId, amendmentCount }: { intakeId: string; amendmentCount: number }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const { data, isPending, error } = useQuery({
    queryKey: ['intakes', intakeId, 'revisions', amendmentCount],
    queryFn: () => dataProvider.intakeRevisions(intakeId),
  });
  if (isPending) return <Skeleton variant="rounded" height={56} />;
  if (error) return <Alert severity="error">{toApiError(error).message}</Alert>;
  const revisions = [...data].sort((a, b) => b.revision - a.revision);
  if (revisions.length === 0) return null;
  return (
    <Stack spacing={1} component="section" aria-label="Revisions">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        Revisions ({revisions.length})
      </Typography>
      {revisions.map((revision) => (
        <Accordion key={revision.id} variant="outlined" disableGutters>
          <AccordionSummary expandIcon={<ExpandMoreIcon />}>
            <Stack spacing={0.25}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                Amended {formatDateTime(revision.createdAt)} by <StaffName userId={revision.createdBy} />
              </Typography>
              <Typography variant="body2" color="text.secondary">
                Reason: {revision.reason}
              </Typography>
            </Stack>
          </AccordionSummary>
          <AccordionDetails>
            <Typography variant="caption" color="text.secondary" sx={{ display: 'block', mb: 1 }}>
              The intake as it was before this amendment:
            </Typography>
            <IntakeSummary
              values={valuesOf({ ...revision.snapshot, narrative: revision.narrative ?? null })}
              narrativeShown={Object.hasOwn(revision, 'narrative')}
              compact
            />
          </AccordionDetails>
        </Accordion>
      ))}
    </Stack>
  );
}
