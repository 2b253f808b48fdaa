import {
  AutocompleteInput,
  DataTable,
  DateField,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import type { CaseResponse } from '@lantern/contracts';
import { Typography } from '@mui/material';
import { CaseStatusField, RiskField } from '../common/CaseChips';
import { CASE_STATUS_CHOICES, daysSince, RISK_CHOICES } from '../common/labels';
import { useCan } from '../common/use-can';
import { useSession } from '../providers/session';
import { NewIntakeButton } from './NewIntakeButton';

/** Days without contact after which an open case is flagged (the same threshold as the caseload). */
const NO_CONTACT_WARNING_DAYS = 14;

function LastContact(_props: { label?: string; source?: string }) {
  const record = useRecordContext<CaseResponse>();
  if (!record) return null;
  const days = daysSince(record.lastContactAt);
  if (days === null) {
    return (
      <Typography variant="body2" color="text.secondary">
        No contact yet
      </Typography>
    );
  }
  const overdue = days >= NO_CONTACT_WARNING_DAYS && record.status !== 'closed';
  return (
    <Typography variant="body2" color={overdue ? 'warning.main' : 'text.primary'} sx={{ fontWeight: overdue ? 600 : 400 }}>
      {days === 0 ? 'Today' : days === 1 ? 'Yesterday' : `${days} days ago`}
    </Typography>
  );
}

function ListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <NewIntakeButton />
    </TopToolbar>
  );
}

/** The cases this person may see: the caseload for caseworkers, the whole program for coordinators. */
export function CaseList() {
  const can = useCan();
  const session = useSession();
  const role = session?.me.user.role;
  // Caseworkers see their own cases only: a caseworker filter would offer nothing.
  const byCaseworker = role !== 'caseworker' && can('read', 'User', { id: '' }, 'displayName');
  const readsContent = role !== 'admin';
  const filters = [
    <SelectInput key="status" source="status" choices={CASE_STATUS_CHOICES} alwaysOn emptyText="Any status" />,
    ...(readsContent ? [<SelectInput key="riskLevel" source="riskLevel" choices={RISK_CHOICES} alwaysOn emptyText="Any risk" />] : []),
    ...(byCaseworker
      ? [
          <ReferenceInput
            key="assignedCaseworkerId"
            source="assignedCaseworkerId"
            reference="users"
            filter={{ role: 'caseworker' }}
            sort={{ field: 'displayName', order: 'ASC' }}
            alwaysOn
          >
            <AutocompleteInput optionText="displayName" filterToQuery={(q: string) => ({ q })} label="Caseworker" />
          </ReferenceInput>,
        ]
      : []),
    <TextInput key="caseNumber" source="caseNumber" placeholder="LN-2026-00042" parse={(value: string) => value.trim().toUpperCase()} />,
  ];

  return (
    <List
      disableSyncWithLocation
      sort={{ field: 'openedAt', order: 'DESC' }}
      filters={filters}
      actions={<ListActions />}
      exporter={false}
      perPage={25}
      title={role === 'caseworker' ? 'My cases' : 'Cases'}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="caseNumber">
          <TextField source="caseNumber" sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }} />
        </DataTable.Col>
        {readsContent && (
          <DataTable.Col source="survivorAlias" disableSort>
            <TextField source="survivorAlias" emptyText="—" />
          </DataTable.Col>
        )}
        <DataTable.Col source="status">
          <CaseStatusField />
        </DataTable.Col>
        {readsContent && (
          <DataTable.Col source="riskLevel">
            <RiskField />
          </DataTable.Col>
        )}
        <DataTable.Col source="assignedCaseworkerId" disableSort>
          <ReferenceField source="assignedCaseworkerId" reference="users" link={false} emptyText="Unassigned">
            <TextField source="displayName" />
          </ReferenceField>
        </DataTable.Col>
        {readsContent && (
          <DataTable.Col source="lastContactAt">
            <LastContact />
          </DataTable.Col>
        )}
        <DataTable.Col source="openedAt">
          <DateField source="openedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
