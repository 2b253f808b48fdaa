import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import type { CaseResponse, SurvivorResponse } from '@lantern/contracts';
import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  DataTable,
  EditButton,
  Show,
  TextField,
  TopToolbar,
  useCreatePath,
  useDataProvider,
  useNavigate,
  useNotify,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { EmergencyAccess } from '../break-glass/EmergencyAccess';
import { CustomValuesPanel } from '../custom-fields/CustomValuesPanel';
import { CaseStatusField, RiskField } from '../common/CaseChips';
import { formatDate } from '../common/labels';
import { useCan } from '../common/use-can';
import { toApiError } from '../providers/http';
import { loadSession } from '../providers/session';
import { hasPii, SurvivorDetails } from './SurvivorDetails';
import { ShowUnavailable } from '../common/RecordUnavailable';
import { SubjectAccessButton } from './SubjectAccessButton';
import { SurvivorContacts } from './SurvivorContacts';
import { SurvivorListBlock } from './SurvivorListBlock';
import { FollowMerge, MergeButton, MergedFrom } from './SurvivorMerge';

export function SurvivorTitle() {
  const record = useRecordContext<SurvivorResponse>();
  const translate = useTranslate();
  return <>{record?.alias ?? translate('resources.survivors.name', { smart_count: 1 })}</>;
}

function OpenCaseButton() {
  const record = useRecordContext<SurvivorResponse>();
  const can = useCan();
  const dataProvider = useDataProvider();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const notify = useNotify();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  if (!record || !can('create', 'Case') || !record.permissions?.update) return null;
  const open = async (): Promise<void> => {
    setBusy(true);
    try {
      const { data } = await dataProvider.create<CaseResponse>('cases', { data: { survivorId: record.id } });
      await loadSession({ force: true }).catch(() => undefined);
      notify('lantern.survivors.caseOpened', { type: 'success', messageArgs: { caseNumber: data.caseNumber } });
      navigate(`${createPath({ resource: 'cases', type: 'show', id: data.id })}/intake`);
    } catch (caught) {
      notify(toApiError(caught).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" startIcon={<FolderOpenIcon />} onClick={() => void open()} disabled={busy}>
      {translate('lantern.survivors.openCase')}
    </Button>
  );
}

function SurvivorActions() {
  return (
    // Wraps on a phone: a coordinator has three actions here.
    <TopToolbar sx={{ flexWrap: 'wrap', rowGap: 0.5 }}>
      <OpenCaseButton />
      <SubjectAccessButton />
      <MergeButton />
      <EditButton />
    </TopToolbar>
  );
}

function SurvivorPage() {
  const record = useRecordContext<SurvivorResponse>();
  const translate = useTranslate();
  if (!record) return null;
  // A record merged into another opens the one that stays.
  if (record.mergedInto) return <FollowMerge />;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Box>
        <Typography variant="overline" color="text.secondary">
          {translate('resources.survivors.name', { smart_count: 1 })}
        </Typography>
        <Typography variant="h5" component="h1">
          {record.alias}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('lantern.survivors.registered', { date: formatDate(record.createdAt) })}
        </Typography>
      </Box>
      <MergedFrom />
      <EmergencyAccess survivorId={String(record.id)} fileOpen={hasPii(record)} />
      <Card variant="outlined">
        <CardContent>
          <SurvivorDetails survivor={record} headingLevel="h2" />
        </CardContent>
      </Card>
      {/* The organization's own questions about her (issue 18): only those the reader's role may read. */}
      <CustomValuesPanel resource="custom-values/survivor" recordId={String(record.id)} editable={Boolean(record.permissions?.update)} />
      <SurvivorListBlock title="resources.cases.name" reference="cases" sortField="openedAt" empty="lantern.survivors.noCase">
        <DataTable bulkActionButtons={false} rowClick="show" size="small">
          <DataTable.Col source="caseNumber">
            <TextField source="caseNumber" sx={{ fontWeight: 600 }} />
          </DataTable.Col>
          <DataTable.Col source="status">
            <CaseStatusField />
          </DataTable.Col>
          <DataTable.Col source="riskLevel">
            <RiskField />
          </DataTable.Col>
          <DataTable.Col source="openedAt" render={(row: CaseResponse) => formatDate(row.openedAt)} />
        </DataTable>
      </SurvivorListBlock>
      <SurvivorContacts />
    </Stack>
  );
}

/** One survivor: demographics for all who may see the record, identifying details only when the API sent them. */
export function SurvivorShow() {
  return (
    <Show error={<ShowUnavailable />} title={<SurvivorTitle />} actions={<SurvivorActions />} emptyWhileLoading>
      <SurvivorPage />
    </Show>
  );
}
