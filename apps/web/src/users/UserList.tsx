import type { Role } from '@lantern/contracts';
import {
  AutocompleteInput,
  CreateButton,
  DataTable,
  FilterButton,
  List,
  NullableBooleanInput,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useTranslate,
} from 'react-admin';
import { ROLE_CHOICES } from '../common/choices';
import { formatDateTime } from '../common/labels';
import { vocabLabel } from '../i18n/vocabulary';
import { StatusChip } from '../common/StatusChip';
import { useCan } from '../common/use-can';
import { PageHeading } from '../common/PageHeading';
import { ExportCsvButton } from '../common/ExportCsvButton';

const filters = (placeholder: string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={placeholder} />,
  <SelectInput key="role" source="role" choices={ROLE_CHOICES} alwaysOn emptyText="lantern.users.anyRole" />,
  <NullableBooleanInput key="active" source="active" alwaysOn sx={{ minWidth: 140 }} />,
  <ReferenceInput key="partnerOrgId" source="partnerOrgId" reference="partner-orgs" sort={{ field: 'name', order: 'ASC' }}>
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
];

export const roleLabel = (user: { role?: Role }): string => (user.role ? vocabLabel('role', user.role) : '');

export function UserList() {
  const can = useCan();
  // Administrators see account details; coordinators see a staff directory.
  const admin = can('update', 'User');
  const translate = useTranslate();
  const title = admin ? 'lantern.dashboard.users' : 'lantern.dashboard.staffDirectory';
  return (
    <>
      <PageHeading title={title} />
      <List
        disableSyncWithLocation
        sort={{ field: 'displayName', order: 'ASC' }}
        filters={filters(translate('lantern.users.search'))}
        actions={
          <TopToolbar>
            <FilterButton />
            <ExportCsvButton resource="users" />
            <CreateButton />
          </TopToolbar>
        }
        exporter={false}
        perPage={25}
        title={title}
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
            <StatusChip source="active" trueLabel="lantern.users.active" falseLabel="lantern.users.deactivated" />
          </DataTable.Col>
          {admin && (
            <DataTable.Col source="mfaEnabled" disableSort>
              <StatusChip source="mfaEnabled" trueLabel="lantern.account.on" falseLabel="lantern.users.off" />
            </DataTable.Col>
          )}
          {admin && (
            <DataTable.Col
              source="lastLoginAt"
              render={(user: { lastLoginAt?: string | null }) => (user.lastLoginAt ? formatDateTime(user.lastLoginAt) : translate('lantern.users.never'))}
            />
          )}
        </DataTable>
      </List>
    </>
  );
}
