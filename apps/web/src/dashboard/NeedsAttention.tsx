import NotificationImportantIcon from '@mui/icons-material/NotificationImportant';
import { Alert, Box, Button, Chip, Skeleton, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useCreatePath, useDataProvider, useNavigate, useTranslate } from 'react-admin';
import { translate } from '../i18n/translate';
import { vocabLabel } from '../i18n/vocabulary';
import type { LanternDataProvider } from '../providers/data-provider';
import { toApiError } from '../providers/http';

/**
 * The API gives each case's reasons as English phrases (apps/api/src/workflows/caseload/caseload.service.ts):
 * read back in the reader's language; a phrase not known here is shown as it came.
 */
function reasonLabel(reason: string): string {
  if (reason === 'plan review overdue') return translate('lantern.caseload.reviewOverdue');
  if (reason === 'referral without answer for 48 h') return translate('lantern.attention.referralUnanswered');
  const tasks = /^(\d+) task\(s\) overdue$/.exec(reason);
  if (tasks) return translate('lantern.caseload.tasksOverdue', { smart_count: Number(tasks[1]) });
  const assessment = /^(.+) assessment overdue$/.exec(reason);
  if (assessment) {
    return translate('lantern.caseload.assessmentOverdue', { stage: vocabLabel('assessmentStage', assessment[1].replace(' ', '_'), assessment[1]) });
  }
  return reason;
}

/** The home page shows the cases with most to see to first; the rest on demand (issue 13: it ran to 4,000 px). */
const FIRST_CASES = 10;

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
  const t = useTranslate();
  const { data, isPending, error } = useQuery({ queryKey: ['cases', 'attention'], queryFn: () => dataProvider.attention() });
  const [all, setAll] = useState(false);
  const shown = data ? (all ? data.cases : data.cases.slice(0, FIRST_CASES)) : [];

  return (
    <Box component="section" aria-label={t('lantern.attention.title')}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <NotificationImportantIcon color="warning" fontSize="small" />
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
          {t('lantern.attention.title')}
        </Typography>
      </Stack>
      {error ? (
        <Alert severity="error">{toApiError(error).message}</Alert>
      ) : isPending ? (
        <Skeleton variant="rounded" height={96} />
      ) : (
        <>
          <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap', mb: 1.5 }}>
            <Tally value={data.reviewsOverdue} label={t('lantern.attention.reviews')} />
            <Tally value={data.tasksOverdue} label={t('lantern.attention.tasks')} />
            <Tally value={data.assessmentsOverdue} label={t('lantern.attention.assessments')} />
            <Tally value={data.referralsOverdue} label={t('lantern.attention.referrals')} />
            <Tally value={data.unassignedCases} label={t('lantern.attention.unassigned')} />
          </Stack>
          {data.cases.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {t('lantern.attention.nothing')}
            </Typography>
          ) : (
            <Table size="small" aria-label={t('lantern.attention.casesLabel')}>
              <TableHead>
                <TableRow>
                  <TableCell>{t('resources.referrals.fields.caseNumber')}</TableCell>
                  <TableCell>{t('resources.cases.fields.assignedCaseworkerId')}</TableCell>
                  <TableCell>{t('lantern.attention.why')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.map((row) => (
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
                      {row.assignedCaseworkerId ? (names.get(row.assignedCaseworkerId) ?? '—') : <Chip size="small" color="warning" label={t('lantern.cases.unassigned')} />}
                    </TableCell>
                    <TableCell>
                      <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                        {row.reasons.map((reason) => (
                          <Chip key={reason} size="small" variant="outlined" color="warning" label={reasonLabel(reason)} />
                        ))}
                      </Stack>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {data.cases.length > FIRST_CASES && (
            <Button size="small" sx={{ mt: 1 }} aria-expanded={all} onClick={() => setAll((value) => !value)}>
              {all ? t('lantern.attention.showFewer') : t('lantern.attention.seeAll', { smart_count: data.cases.length })}
            </Button>
          )}
        </>
      )}
    </Box>
  );
}
