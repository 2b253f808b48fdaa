import { ROLE_LABELS, type Role } from '@lantern/contracts';
import {
  AutocompleteInput,
  CreateButton,
  DataTable,
  DateField,
  FilterButton,
  List,
  NullableBooleanInput,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
} from 'react-admin';
import { ROLE_CHOICES } from '../common/choices';
import { StatusChip } from '../common/StatusChip';
import { useCan } from '../common/use-can';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search name or e-mail" />,
  <SelectInput key="role" source="role" choices={ROLE_CHOICES} alwaysOn emptyText="Any role" />,
  <NullableBooleanInput key="active" source="active" alwaysOn sx={{ minWidth: 140 }} />,
  <ReferenceInput key="partnerOrgId" source="partnerOrgId" reference="partner-orgs" sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
];

export const roleLabel = (user: { role?: Role }): string => (user.role ? ROLE_LABELS[user.role] : '');

export function UserList() {
  const can = useCan();
  // Administrators see account details; coordinators see a staff directory.
  const admin = can('update', 'User');
  return (
    <List
      disableSyncWithLocation
      sort={{ field: 'displayName', order: 'ASC' }}
      filters={filters}
      actions={
        <TopToolbar>
          <FilterButton />
          <CreateButton />
        </TopToolbar>
      }
      exporter={false}
      perPage={25}
      title={admin ? 'Users' : 'Staff directory'}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="displayName">
          <TextField source="displayName" sx={{ fontWeight: 600 }} />
        </DataTable.Col>
        <DataTable.Col source="email" />
        <DataTable.Col source="role" render={roleLabel} />
        <DataTable.Col source="partnerOrgId" disableSort>
          <ReferenceField source="partnerOrgId" reference="partner-orgs" link={false} emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="active" disableSort>
          <StatusChip source="active" trueLabel="Active" falseLabel="Deactivated" />
        </DataTable.Col>
        {admin && (
          <DataTable.Col source="mfaEnabled" disableSort>
            <StatusChip source="mfaEnabled" trueLabel="On" falseLabel="Off" />
          </DataTable.Col>
        )}
        {admin && (
          <DataTable.Col source="lastLoginAt">
            <DateField source="lastLoginAt" showTime emptyText="Never" />
          </DataTable.Col>
        )}
      </DataTable>
    </List>
  );
}
