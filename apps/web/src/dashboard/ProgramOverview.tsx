import InsightsIcon from '@mui/icons-material/Insights';
import { CASE_STATUSES, RISK_LEVELS, type CaseResponse, type CaseStatus, type RiskLevel, type UserResponse } from '@lantern/contracts';
import {
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Divider,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useCreatePath, useGetList, useNavigate, useTranslate } from 'react-admin';
import { CaseStatusChip, RiskChip } from '../common/CaseChips';
import { CASE_STATUS_LABELS, formatDate, RISK_LABELS } from '../common/labels';
import { NeedsAttention } from './NeedsAttention';

const ONE = { pagination: { page: 1, perPage: 1 }, sort: { field: 'openedAt', order: 'DESC' as const } };

function Count({ filter, label, tone }: { filter: Record<string, string>; label: string; tone?: string }) {
  const { total, isPending } = useGetList<CaseResponse>('cases', { ...ONE, filter });
  return (
    <Box sx={{ minWidth: 96 }}>
      <Typography variant="h4" component="p" sx={{ fontWeight: 700, lineHeight: 1.1, color: tone }}>
        {isPending ? <Skeleton width={36} /> : (total ?? '—')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
}

const STATUS_TONES: Partial<Record<CaseStatus, string>> = { on_hold: 'warning.main' };
const RISK_TONES: Record<RiskLevel, string> = { high: 'error.main', medium: 'warning.main', low: 'success.main' };

/** Coordinators: the program at a glance — cases by status and by risk, and the most recently opened. */
export function ProgramOverview() {
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const translate = useTranslate();
  const recent = useGetList<CaseResponse>('cases', { pagination: { page: 1, perPage: 6 }, sort: { field: 'openedAt', order: 'DESC' } });
  // Fetched alongside the cases, not after them: the whole page loads in one round of requests.
  const caseworkers = useGetList<UserResponse>('users', {
    filter: { role: 'caseworker' },
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'displayName', order: 'ASC' },
  });
  const names = new Map((caseworkers.data ?? []).map((user) => [user.id, user.displayName]));
  const rows = recent.data ?? [];
  const unassigned = rows.filter((row) => !row.assignedCaseworkerId).length;
  const open = (id: string): void => navigate(createPath({ resource: 'cases', type: 'show', id }));

  return (
    <Card component="section" aria-label={translate('lantern.program.title')} sx={{ mb: 2 }}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', color: 'primary.main', mb: 2 }}>
          <InsightsIcon />
          <Typography variant="h6" component="h2" color="text.primary" sx={{ flex: 1 }}>
            {translate('lantern.program.title')}
          </Typography>
          <Button size="small" variant="outlined" onClick={() => navigate(createPath({ resource: 'cases', type: 'list' }))}>
            {translate('lantern.program.allCases')}
          </Button>
        </Stack>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} divider={<Divider orientation="vertical" flexItem />}>
          <Box>
            <Typography variant="overline" color="text.secondary">
              {translate('lantern.program.byStatus')}
            </Typography>
            <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {CASE_STATUSES.map((status) => (
                <Count key={status} filter={{ status }} label={CASE_STATUS_LABELS[status]} tone={STATUS_TONES[status]} />
              ))}
            </Stack>
          </Box>
          <Box>
            <Typography variant="overline" color="text.secondary">
              {translate('lantern.program.byRisk')}
            </Typography>
            <Stack direction="row" spacing={3} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {[...RISK_LEVELS].reverse().map((level) => (
                <Count key={level} filter={{ riskLevel: level }} label={RISK_LABELS[level]} tone={RISK_TONES[level]} />
              ))}
            </Stack>
          </Box>
        </Stack>
        <Divider sx={{ my: 2 }} />
        <NeedsAttention names={names} />
        <Divider sx={{ my: 2 }} />
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
            {translate('lantern.program.recent')}
          </Typography>
          {unassigned > 0 && <Chip size="small" color="warning" label={translate('lantern.program.unassignedCount', { count: unassigned })} />}
        </Stack>
        {recent.isPending ? (
          <Skeleton variant="rounded" height={120} />
        ) : rows.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            {translate('lantern.program.noCases')}
          </Typography>
        ) : (
          <Table size="small" aria-label={translate('lantern.program.recentLabel')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('resources.referrals.fields.caseNumber')}</TableCell>
                <TableCell>{translate('resources.cases.fields.status')}</TableCell>
                <TableCell>{translate('resources.cases.fields.riskLevel')}</TableCell>
                <TableCell>{translate('resources.cases.fields.assignedCaseworkerId')}</TableCell>
                <TableCell>{translate('resources.cases.fields.openedAt')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id} hover onClick={() => open(row.id)} sx={{ cursor: 'pointer' }}>
                  <TableCell>
                    <Typography variant="body2" sx={{ fontWeight: 600 }}>
                      {row.caseNumber}
                    </Typography>
                    {row.survivorAlias && (
                      <Typography variant="body2" color="text.secondary">
                        {row.survivorAlias}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <CaseStatusChip status={row.status} />
                  </TableCell>
                  <TableCell>
                    <RiskChip level={row.riskLevel} emptyText="lantern.risk.notAssessed" />
                  </TableCell>
                  <TableCell>
                    {row.assignedCaseworkerId ? (
                      (names.get(row.assignedCaseworkerId) ?? '—')
                    ) : (
                      <Chip size="small" color="warning" label={translate('lantern.cases.unassigned')} />
                    )}
                  </TableCell>
                  <TableCell>{formatDate(row.openedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
