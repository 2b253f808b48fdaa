import type { PartnerOrgResponse } from '@lantern/contracts';
import { Box, Chip, Stack } from '@mui/material';
import {
  CreateButton,
  DataTable,
  FilterButton,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  SimpleList,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { SERVICE_TYPE_CHOICES } from '../common/choices';
import { formatDate } from '../common/labels';
import { PageHeading } from '../common/PageHeading';
import { useIsPhone } from '../common/use-phone';
import { ServiceTypesField } from '../common/ServiceTypesField';
import { StatusChip } from '../common/StatusChip';
import { ExportCsvButton } from '../common/ExportCsvButton';

const filters = (placeholder: string) => [
  <SearchInput key="q" source="q" alwaysOn placeholder={placeholder} />,
  <SelectInput key="serviceType" source="serviceType" choices={SERVICE_TYPE_CHOICES} alwaysOn emptyText="lantern.board.anyService" />,
  <NullableBooleanInput key="acceptingReferrals" source="acceptingReferrals" alwaysOn sx={{ minWidth: 200 }} />,
  <NullableBooleanInput key="active" source="active" sx={{ minWidth: 140 }} />,
];

function NameWithStatus() {
  const record = useRecordContext<{ active?: boolean }>();
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <TextField source="name" sx={{ fontWeight: 600 }} />
      {record?.active === false && <Chip size="small" label={translate('lantern.partnerOrgs.inactive')} variant="outlined" />}
    </Stack>
  );
}

function ListActions() {
  return (
    <TopToolbar>
      <FilterButton />
      <ExportCsvButton resource="partner-orgs" />
      <CreateButton />
    </TopToolbar>
  );
}

export function PartnerOrgList() {
  const phone = useIsPhone();
  const translate = useTranslate();
  return (
    <>
      <PageHeading title="resources.partner-orgs.name" />
      <List
        disableSyncWithLocation
        sort={{ field: 'name', order: 'ASC' }}
        filters={filters(translate('lantern.partnerOrgs.search'))}
        actions={<ListActions />}
        exporter={false}
        perPage={25}
      >
        {phone ? (
          // Phones: one card per partner, opened with a tap.
          <SimpleList<PartnerOrgResponse>
            rowClick="show"
            primaryText={<NameWithStatus />}
            secondaryText={(record) => record.serviceArea ?? ''}
            tertiaryText={
              <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: 0.5 }}>
                <StatusChip source="acceptingReferrals" trueLabel="lantern.partnerOrgs.accepting" falseLabel="lantern.partnerOrgs.notAccepting" />
                <ServiceTypesField />
              </Box>
            }
          />
        ) : (
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
              <StatusChip source="acceptingReferrals" trueLabel="lantern.partnerOrgs.accepting" falseLabel="lantern.partnerOrgs.notAccepting" />
            </DataTable.Col>
            <DataTable.Col source="updatedAt" render={(record: PartnerOrgResponse) => formatDate(record.updatedAt)} />
          </DataTable>
        )}
      </List>
    </>
  );
}
