import PersonIcon from '@mui/icons-material/Person';
import type { CaseResponse, ClosureReason, SurvivorResponse } from '@lantern/contracts';
import { Alert, Box, Button, Skeleton, Stack, Typography } from '@mui/material';
import { useCreatePath, useGetOne, useNavigate, useRecordContext, useTranslate } from 'react-admin';
import { EmergencyAccess } from '../../break-glass/EmergencyAccess';
import { CaseStatusChip, RiskChip, ValueChips } from '../../common/CaseChips';
import { CLOSURE_REASON_LABELS, hmisLabel } from '../../common/choices';
import { formatDate, formatDateTime } from '../../common/labels';
import { vocabLabel } from '../../i18n/vocabulary';
import { Panel } from '../../common/Panel';
import { StaffName } from '../../common/StaffName';
import { CustomValuesPanel } from '../../custom-fields/CustomValuesPanel';
import { Detail, hasPii, SurvivorDetails } from '../../survivors/SurvivorDetails';
import { useCaseAccess } from '../case-access';
import { ReassignButton } from './ReassignButton';
import { StatusActions } from './StatusActions';

export { Panel };

function SurvivorPanel({ record }: { record: CaseResponse }) {
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const translate = useTranslate();
  // The API says whether the survivor's record is open to this person (it knows the relations).
  const readable = Boolean(record.permissions?.survivor.read);
  const { data: survivor, isPending, error } = useGetOne<SurvivorResponse>(
    'survivors',
    { id: record.survivorId },
    { enabled: readable },
  );
  const editable = Boolean(survivor && record.permissions?.survivor.update);
  return (
    <Panel
      title={translate('lantern.overview.survivor')}
      testId="survivor-panel"
      action={
        survivor && (
          <Stack direction="row" spacing={1}>
            {editable && (
              <Button size="small" onClick={() => navigate(createPath({ resource: 'survivors', type: 'edit', id: survivor.id }))}>
                {translate('ra.action.edit')}
              </Button>
            )}
            <Button size="small" startIcon={<PersonIcon />} onClick={() => navigate(createPath({ resource: 'survivors', type: 'show', id: survivor.id }))}>
              {translate('lantern.overview.openRecord')}
            </Button>
          </Stack>
        )
      }
    >
      <Typography variant="h6" component="p" sx={{ mb: 1.5 }}>
        {record.survivorAlias ?? survivor?.alias}
      </Typography>
      {!readable ? (
        <Typography variant="body2" color="text.secondary">
          {translate('lantern.overview.noSurvivorAccess')}
        </Typography>
      ) : isPending ? (
        <Skeleton variant="rounded" height={96} />
      ) : error || !survivor ? (
        <Alert severity="error">{translate('lantern.overview.survivorFailed')}</Alert>
      ) : (
        <SurvivorDetails survivor={survivor} />
      )}
    </Panel>
  );
}

/** The case's status, details, assignment and survivor; what the role may not see is left out, not blanked. */
export function CaseOverview() {
  const record = useRecordContext<CaseResponse>();
  const access = useCaseAccess(record);
  const translate = useTranslate();
  const survivorId = record?.survivorId;

  const survivorQuery = useGetOne<SurvivorResponse>('survivors', { id: survivorId ?? '' }, { enabled: false });
  if (!record) return null;
  const fileOpen = access.isAssigned || Boolean(survivorQuery.data && hasPii(survivorQuery.data));

  return (
    <Stack spacing={2}>
      {access.breakGlass && (
        <EmergencyAccess
          survivorId={survivorId}
          fileOpen={fileOpen}
          hiddenWhat={
            access.readsContent ? translate('lantern.overview.hiddenContent') : translate('lantern.overview.hiddenAll')
          }
        />
      )}
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, alignItems: 'start' }}>
        <Stack spacing={2}>
          <Panel title={translate('resources.cases.fields.status')} testId="status-panel">
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
              <CaseStatusChip status={record.status} size="medium" />
              <Typography variant="body2" color="text.secondary">
                {translate('lantern.overview.opened', { date: formatDate(record.openedAt) })}
                {record.closedAt ? ` · ${translate('lantern.overview.closed', { date: formatDate(record.closedAt) })}` : ''}
              </Typography>
            </Stack>
            {record.status === 'closed' && (record.closureReason || record.exitDestination !== null) && (
              <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, mb: 2 }}>
                {record.closureReason && (
                  <Detail label={translate('resources.cases.fields.closureReason')}>
                    {Object.hasOwn(CLOSURE_REASON_LABELS, record.closureReason)
                      ? CLOSURE_REASON_LABELS[record.closureReason as ClosureReason]
                      : record.closureReason}
                  </Detail>
                )}
                {record.exitDestination !== null && record.exitDestination !== undefined && (
                  <Detail label={translate('resources.cases.fields.exitDestination')}>{hmisLabel(record.exitDestination)}</Detail>
                )}
              </Box>
            )}
            <StatusActions record={record} access={access} />
          </Panel>
          {access.readsContent && (
            <Panel title={translate('lantern.overview.details')}>
              <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
                <Detail label={translate('resources.cases.fields.riskLevel')}>
                  <RiskChip level={record.riskLevel} />
                </Detail>
                <Detail label={translate('resources.cases.fields.referralSource')}>
                  {record.referralSource ? vocabLabel('referralSource', record.referralSource) : '—'}
                </Detail>
                <Box sx={{ gridColumn: '1 / -1' }}>
                  <Detail label={translate('resources.cases.fields.exploitationTypes')}>
                    <Box sx={{ mt: 0.5 }}>
                      <ValueChips values={record.exploitationTypes} vocabulary="exploitationType" empty={translate('lantern.common.notRecordedYet')} />
                    </Box>
                  </Detail>
                </Box>
                <Detail label={translate('resources.cases.fields.lastContactAt')}>
                  {record.lastContactAt ? formatDateTime(record.lastContactAt) : translate('lantern.overview.noContact')}
                </Detail>
              </Box>
            </Panel>
          )}
        </Stack>
        <Stack spacing={2}>
          <Panel title={translate('lantern.overview.assignment')} testId="assignment-panel" action={access.assign && <ReassignButton record={record} />}>
            <Detail label={translate('resources.cases.fields.assignedCaseworkerId')}>
              <Box component="span" sx={{ fontWeight: 600 }} data-testid="assigned-caseworker">
                <StaffName userId={record.assignedCaseworkerId} fallback="—" />
              </Box>
            </Detail>
            {record.assignedAt && (
              <Typography variant="caption" color="text.secondary">
                {translate('lantern.overview.since', { date: formatDateTime(record.assignedAt) })}
              </Typography>
            )}
          </Panel>
          {access.readsContent && record.survivorId && <SurvivorPanel record={record} />}
          <CustomValuesPanel resource="custom-values/case" recordId={record.id} editable={record.status !== 'closed'} />
        </Stack>
      </Box>
    </Stack>
  );
}
