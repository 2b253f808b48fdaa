import { Chip, Stack } from '@mui/material';
import {
  CreateButton,
  DataTable,
  DateField,
  FilterButton,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { SERVICE_TYPE_CHOICES } from '../common/choices';
import { ServiceTypesField } from '../common/ServiceTypesField';
import { StatusChip } from '../common/StatusChip';

const filters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Search name or area" />,
  <SelectInput key="serviceType" source="serviceType" choices={SERVICE_TYPE_CHOICES} alwaysOn emptyText="Any service" />,
  <NullableBooleanInput key="acceptingReferrals" source="acceptingReferrals" alwaysOn sx={{ minWidth: 200 }} />,
  <NullableBooleanInput key="active" source="active" sx={{ minWidth: 140 }} />,
];

function NameWithStatus() {
  const record = useRecordContext<{ active?: boolean }>();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <TextField source="name" sx={{ fontWeight: 600 }} />
      {record?.active === false && <Chip size="small" label="Inactive" variant="outlined" />}
    </Stack>
  );
}

function ListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton />
    </TopToolbar>
  );
}

export function PartnerOrgList() {
  return (
    <List
      disableSyncWithLocation
      sort={{ field: 'name', order: 'ASC' }}
      filters={filters}
      actions={<ListActions />}
      exporter={false}
      perPage={25}
    >
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name">
          <NameWithStatus />
        </DataTable.Col>
        <DataTable.Col source="serviceTypes" disableSort>
          <ServiceTypesField />
        </DataTable.Col>
        <DataTable.Col source="serviceArea" disableSort />
        <DataTable.NumberCol source="capacity" />
        <DataTable.Col source="acceptingReferrals">
          <StatusChip source="acceptingReferrals" trueLabel="Accepting" falseLabel="Not accepting" />
        </DataTable.Col>
        <DataTable.Col source="updatedAt">
          <DateField source="updatedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
