import NotificationImportantIcon from '@mui/icons-material/NotificationImportant';
import { Alert, Box, Chip, Skeleton, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useCreatePath, useDataProvider, useNavigate } from 'react-admin';
import type { LanternDataProvider } from '../providers/data-provider';
import { toApiError } from '../providers/http';

function Tally({ value, label }: { value: number; label: string }) {
  return (
    <Box sx={{ minWidth: 96 }}>
      <Typography variant="h5" component="p" sx={{ fontWeight: 700, lineHeight: 1.1, color: value > 0 ? 'warning.main' : undefined }}>
        {value}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
}

/**
 * Coordinators: what is overdue across the program (plan reviews, tasks, outcome assessments, partner
 * answers) and the cases behind it, those with most to see to first.
 */
export function NeedsAttention({ names }: { names: Map<string, string> }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const { data, isPending, error } = useQuery({ queryKey: ['cases', 'attention'], queryFn: () => dataProvider.attention() });

  return (
    <Box component="section" aria-label="Needs attention">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <NotificationImportantIcon color="warning" fontSize="small" />
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          Needs attention
        </Typography>
      </Stack>
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={96} />
      ) : (
        <>
          <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', mb: 1.5 }}>
            <Tally value={data.reviewsOverdue} label="plan reviews overdue" />
            <Tally value={data.tasksOverdue} label="tasks overdue" />
            <Tally value={data.assessmentsOverdue} label="assessments overdue" />
            <Tally value={data.referralsOverdue} label="referrals unanswered 48 h" />
            <Tally value={data.unassignedCases} label="cases unassigned" />
          </Stack>
          {data.cases.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              Nothing is overdue.
            </Typography>
          ) : (
            <Table size="small" aria-label="Cases needing attention">
              <TableHead>
                <TableRow>
                  <TableCell>Case</TableCell>
                  <TableCell>Caseworker</TableCell>
                  <TableCell>Why</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {data.cases.map((row) => (
                  <TableRow key={row.caseId} hover onClick={() => navigate(createPath({ resource: 'cases', type: 'show', id: row.caseId }))} sx={{ cursor: 'pointer' }}>
                    <TableCell>
                      <Typography variant="body2" sx={{ fontWeight: 600 }}>
                        {row.caseNumber}
                      </Typography>
                      <Typography variant="body2" color="text.secondary">
                        {row.survivorAlias}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      {row.assignedCaseworkerId ? (names.get(row.assignedCaseworkerId) ?? '—') : <Chip size="small" color="warning" label="Unassigned" />}
                    </TableCell>
                    <TableCell>
                      <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                        {row.reasons.map((reason) => (
                          <Chip key={reason} size="small" variant="outlined" color="warning" label={reason} />
                        ))}
                      </Stack>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </Box>
  );
}
