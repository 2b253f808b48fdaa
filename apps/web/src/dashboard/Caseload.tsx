import AssignmentIcon from '@mui/icons-material/Assignment';
import FolderSharedIcon from '@mui/icons-material/FolderShared';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import type { AssessmentStage, CaseloadEntry } from '@lantern/contracts';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useCreatePath, useDataProvider, useNavigate, useTranslate } from 'react-admin';
import { NewIntakeButton } from '../cases/NewIntakeButton';
import { LogServiceButton } from '../cases/services/LogServiceButton';
import { CaseStatusChip, RiskChip } from '../common/CaseChips';
import { ASSESSMENT_STAGE_LABELS } from '../common/choices';
import { daysSince, formatDate } from '../common/labels';
import type { LanternDataProvider } from '../providers/data-provider';
import { toApiError } from '../providers/http';

/** Days without contact after which an open case is flagged. */
export const NO_CONTACT_WARNING_DAYS = 14;

function contactGap(entry: CaseloadEntry): { days: number; since: 'contact' | 'opened' } {
  const fromContact = daysSince(entry.lastContactAt);
  return fromContact === null ? { days: daysSince(entry.openedAt) ?? 0, since: 'opened' } : { days: fromContact, since: 'contact' };
}

function LastContact({ entry }: { entry: CaseloadEntry }) {
  const translate = useTranslate();
  const { days, since } = contactGap(entry);
  if (days >= NO_CONTACT_WARNING_DAYS) {
    return (
      <Stack direction="row" spacing={0.75} sx={{ alignItems: 'center', color: 'warning.main' }}>
        <WarningAmberIcon fontSize="small" />
        <Typography variant="body2" sx={{ fontWeight: 600, color: 'inherit' }}>
          {translate(since === 'contact' ? 'lantern.caseload.noContactFor' : 'lantern.caseload.noContactSinceOpened', { smart_count: days })}
        </Typography>
      </Stack>
    );
  }
  if (since === 'opened') {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('lantern.caseload.noContactYet')}
      </Typography>
    );
  }
  return <Typography variant="body2">{days === 0 ? translate('lantern.time.today') : days === 1 ? translate('lantern.time.yesterday') : translate('lantern.time.daysAgo', { smart_count: days })}</Typography>;
}

function stageName(stage: string): string {
  return Object.hasOwn(ASSESSMENT_STAGE_LABELS, stage) ? ASSESSMENT_STAGE_LABELS[stage as AssessmentStage] : stage;
}

/** What the plan and the outcome stages ask of this case now: an overdue review, overdue tasks, assessments due. */
function DueItems({ entry, onOpen }: { entry: CaseloadEntry; onOpen: (tab: string) => void }) {
  const translate = useTranslate();
  const items = [
    entry.reviewOverdue && (
      <Chip key="review" size="small" color="warning" label={translate('lantern.caseload.reviewOverdue')} onClick={() => onOpen('plan')} />
    ),
    entry.overdueTasks > 0 && (
      <Chip key="tasks" size="small" color="error" label={translate('lantern.caseload.tasksOverdue', { smart_count: entry.overdueTasks })} onClick={() => onOpen('plan')} />
    ),
    ...entry.assessmentsDue.map((due) => (
      <Chip
        key={due.stage}
        size="small"
        color={due.overdue ? 'error' : 'info'}
        variant={due.overdue ? 'filled' : 'outlined'}
        label={translate(due.overdue ? 'lantern.caseload.assessmentOverdue' : 'lantern.caseload.assessmentDue', { stage: stageName(due.stage), date: formatDate(due.dueOn) })}
        onClick={() => onOpen('outcomes')}
      />
    )),
  ].filter(Boolean);
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('lantern.caseload.nothingDue')}
      </Typography>
    );
  }
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="due-items">
      {items}
    </Stack>
  );
}

/** A caseworker's day: their open cases, riskiest and longest without contact first, and intakes to finish. */
export function Caseload() {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const translate = useTranslate();
  const { data, isPending, error } = useQuery({ queryKey: ['cases', 'caseload'], queryFn: () => dataProvider.caseload() });
  const open = (entry: CaseloadEntry, tab = ''): void => {
    const path = createPath({ resource: 'cases', type: 'show', id: entry.caseId });
    navigate(tab ? `${path}/${tab}` : path);
  };

  const entries = data ?? [];
  const high = entries.filter((entry) => entry.riskLevel === 'high').length;
  const stale = entries.filter((entry) => contactGap(entry).days >= NO_CONTACT_WARNING_DAYS).length;
  const drafts = entries.filter((entry) => entry.intakeStatus !== 'submitted').length;
  const reviews = entries.filter((entry) => entry.reviewOverdue).length;
  const overdueTasks = entries.reduce((sum, entry) => sum + entry.overdueTasks, 0);
  const assessments = entries.reduce((sum, entry) => sum + entry.assessmentsDue.length, 0);

  return (
    <Card component="section" aria-label={translate('lantern.caseload.title')} sx={{ mb: 2 }}>
      <CardContent>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignItems: { sm: 'center' }, mb: 2 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', color: 'primary.main', flex: 1 }}>
            <FolderSharedIcon />
            <Typography variant="h6" component="h2" color="text.primary">
              {translate('lantern.caseload.title')}
            </Typography>
            {!isPending && <Chip size="small" label={translate('lantern.caseload.open', { count: entries.length })} />}
          </Stack>
          {!isPending && entries.length > 0 && (
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {high > 0 && <Chip size="small" color="error" label={translate('lantern.caseload.highRisk', { count: high })} />}
              {stale > 0 && <Chip size="small" color="warning" icon={<WarningAmberIcon />} label={translate('lantern.caseload.stale', { count: stale })} />}
              {drafts > 0 && <Chip size="small" color="info" variant="outlined" label={translate('lantern.caseload.drafts', { smart_count: drafts })} />}
              {reviews > 0 && <Chip size="small" color="warning" label={translate('lantern.caseload.reviews', { smart_count: reviews })} />}
              {overdueTasks > 0 && <Chip size="small" color="error" label={translate('lantern.caseload.tasksOverdue', { smart_count: overdueTasks })} />}
              {assessments > 0 && <Chip size="small" color="info" label={translate('lantern.caseload.assessments', { smart_count: assessments })} />}
            </Stack>
          )}
          <NewIntakeButton variant="contained" />
          <LogServiceButton entries={entries} />
        </Stack>
        {error ? (
          <Alert severity="error">{toApiError(error).message}</Alert>
        ) : isPending ? (
          <Skeleton variant="rounded" height={160} />
        ) : entries.length === 0 ? (
          <Alert severity="info" variant="outlined">
            {translate('lantern.caseload.empty')}
          </Alert>
        ) : (
          <TableContainer>
            <Table size="small" aria-label={translate('lantern.caseload.openCases')}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('resources.referrals.fields.caseNumber')}</TableCell>
                  <TableCell>{translate('resources.cases.fields.status')}</TableCell>
                  <TableCell>{translate('resources.cases.fields.riskLevel')}</TableCell>
                  <TableCell>{translate('resources.cases.fields.lastContactAt')}</TableCell>
                  <TableCell>{translate('lantern.caseload.intake')}</TableCell>
                  <TableCell>{translate('lantern.caseload.planAndAssessments')}</TableCell>
                  <TableCell>{translate('resources.cases.fields.openedAt')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {entries.map((entry) => (
                  <TableRow key={entry.caseId} hover onClick={() => open(entry)} sx={{ cursor: 'pointer' }}>
                    <TableCell>
                      <Typography variant="body2" sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
                        {entry.caseNumber}
                      </Typography>
                      <Typography variant="body2" color="text.secondary">
                        {entry.survivorAlias}
                      </Typography>
                    </TableCell>
                    <TableCell>
                      <CaseStatusChip status={entry.status} />
                    </TableCell>
                    <TableCell>
                      <RiskChip level={entry.riskLevel} emptyText={translate('lantern.risk.notAssessed')} />
                    </TableCell>
                    <TableCell>
                      <LastContact entry={entry} />
                    </TableCell>
                    <TableCell onClick={(event) => event.stopPropagation()}>
                      {entry.intakeStatus === 'submitted' ? (
                        <Typography variant="body2" color="text.secondary">
                          {translate('lantern.caseload.submitted')}
                        </Typography>
                      ) : (
                        <Button size="small" variant={entry.intakeStatus === 'draft' ? 'contained' : 'outlined'} startIcon={<AssignmentIcon />} onClick={() => open(entry, 'intake')}>
                          {translate(entry.intakeStatus === 'draft' ? 'lantern.caseload.finishIntake' : 'lantern.caseload.startIntake')}
                        </Button>
                      )}
                    </TableCell>
                    <TableCell onClick={(event) => event.stopPropagation()}>
                      <DueItems entry={entry} onOpen={(tab) => open(entry, tab)} />
                    </TableCell>
                    <TableCell>{formatDate(entry.openedAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
        <Box sx={{ mt: 1 }}>
          <Button size="small" onClick={() => navigate(createPath({ resource: 'cases', type: 'list' }))}>
            {translate('lantern.caseload.allCases')}
          </Button>
        </Box>
      </CardContent>
    </Card>
  );
}
