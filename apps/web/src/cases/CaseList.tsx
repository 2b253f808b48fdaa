import {
  AutocompleteInput,
  DataTable,
  DateField,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  SimpleList,
  TextField,
  TextInput,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { CaseResponse } from '@lantern/contracts';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { CaseStatusField, RiskField } from '../common/CaseChips';
import { CASE_STATUS_CHOICES, daysSince, RISK_CHOICES } from '../common/labels';
import { PageHeading } from '../common/PageHeading';
import { useCan } from '../common/use-can';
import { useIsPhone } from '../common/use-phone';
import { useSession } from '../providers/session';
import { NewIntakeButton } from './NewIntakeButton';
import { ExportCsvButton } from '../common/ExportCsvButton';
import { useCustomList } from '../custom-fields';
import { CAPPED_COUNT } from '../providers/capped-list';

/** Where react-admin keeps the columns chosen (its DataTable's default for the resource). */
const COLUMNS_KEY = 'cases.datatable';

/** Days without contact after which an open case is flagged (the same threshold as the caseload). */
const NO_CONTACT_WARNING_DAYS = 14;

function LastContact(_props: { label?: string; source?: string }) {
  const record = useRecordContext<CaseResponse>();
  const translate = useTranslate();
  if (!record) return null;
  const days = daysSince(record.lastContactAt);
  if (days === null) {
    return (
      <Typography variant="body2" color="text.secondary">
        {translate('lantern.caseload.noContactYet')}
      </Typography>
    );
  }
  const overdue = days >= NO_CONTACT_WARNING_DAYS && record.status !== 'closed';
  return (
    <Typography variant="body2" color={overdue ? 'warning.main' : 'text.primary'} sx={{ fontWeight: overdue ? 600 : 400 }}>
      {days === 0 ? translate('lantern.time.today') : days === 1 ? translate('lantern.time.yesterday') : translate('lantern.time.daysAgo', { smart_count: days })}
    </Typography>
  );
}

/** `columns`: the column chooser, when the organization has custom fields this person may read. */
function ListActions({ columns }: { columns: ReactNode }) {
  return (
    <TopToolbar>
      {columns}
      <FilterButton />
      <ExportCsvButton resource="cases" />
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
  const phone = useIsPhone();
  // Custom fields (issue 18): optional columns and filters, only those her role may read.
  const custom = useCustomList('case', { storeKey: COLUMNS_KEY, enabled: role !== undefined && role !== 'partner' && role !== 'analyst', phone });
  // react-admin's title is translated without a count: a key with one form ("Cases"), not "Case |||| Cases".
  const title = role === 'caseworker' ? 'lantern.cases.myCases' : 'lantern.cases.title';
  const filters = [
    <SelectInput key="status" source="status" choices={CASE_STATUS_CHOICES} alwaysOn emptyText="lantern.cases.anyStatus" />,
    ...(readsContent ? [<SelectInput key="riskLevel" source="riskLevel" choices={RISK_CHOICES} alwaysOn emptyText="lantern.cases.anyRisk" />] : []),
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
            <AutocompleteInput optionText="displayName" filterToQuery={(q: string) => ({ q })} label="resources.cases.fields.assignedCaseworkerId" />
          </ReferenceInput>,
        ]
      : []),
    <TextInput key="caseNumber" source="caseNumber" placeholder="LN-2026-00042" parse={(value: string) => value.trim().toUpperCase()} />,
    ...custom.filters,
  ];

  return (
    <>
      <PageHeading title={title} />
      <List
        disableSyncWithLocation
        sort={{ field: 'openedAt', order: 'DESC' }}
        filters={filters}
        actions={<ListActions columns={custom.chooser} />}
        queryOptions={{ onError: custom.onError, meta: CAPPED_COUNT }}
        exporter={false}
        perPage={25}
        title={title}
      >
        {phone ? (
          // Phones: one card per case, the same facts as the table's columns, opened with a tap.
          <SimpleList<CaseResponse>
            rowClick="show"
            primaryText={(record) => (readsContent && record.survivorAlias ? `${record.caseNumber} · ${record.survivorAlias}` : record.caseNumber)}
            secondaryText={readsContent ? <LastContact /> : undefined}
            tertiaryText={
              <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: 0.5 }}>
                <CaseStatusField />
                {readsContent && <RiskField />}
                {custom.cardValues}
              </Box>
            }
          />
        ) : (
          <DataTable rowClick="show" bulkActionButtons={false} hiddenColumns={custom.hiddenColumns}>
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
              <ReferenceField source="assignedCaseworkerId" reference="users" link={false} emptyText="lantern.cases.unassigned">
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
            {custom.columns}
          </DataTable>
        )}
      </List>
    </>
  );
}
