import {
  AutocompleteInput,
  DataTable,
  DateField,
  DateTimeInput,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
  TopToolbar,
  TextArrayField,
} from 'react-admin';
import { AUDIT_ACTION_CHOICES, AUDIT_OUTCOME_CHOICES, AUDIT_SUBJECTS } from '../common/choices';
import { AuditActionField, AuditOutcomeField } from './AuditActionField';
import { AuditSubjectField } from './AuditSubjectField';

/** The browser's local date and time as an exact instant, so the server's time zone does not matter. */
function toIsoInstant(value: string): string | null {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

const filters = [
  <SelectInput key="action" source="action" choices={AUDIT_ACTION_CHOICES} alwaysOn emptyText="Any action" />,
  <SelectInput key="subjectType" source="subjectType" choices={AUDIT_SUBJECTS} alwaysOn emptyText="Any type" />,
  <ReferenceInput key="actorId" source="actorId" reference="users" sort={{ field: 'displayName', order: 'ASC' }} alwaysOn>
    <AutocompleteInput optionText="displayName" filterToQuery={(q: string) => ({ q })} label="Who" />
  </ReferenceInput>,
  <DateTimeInput key="occurredAt_gte" source="occurredAt_gte" alwaysOn parse={toIsoInstant} />,
  <DateTimeInput key="occurredAt_lte" source="occurredAt_lte" alwaysOn parse={toIsoInstant} />,
  <SelectInput key="outcome" source="outcome" choices={AUDIT_OUTCOME_CHOICES} emptyText="Any outcome" />,
];

/** Field names as tags, e.g. which fields an update touched (never their values). */
export function AuditFieldsField(_props: { label?: string; source?: string }) {
  return (
    <TextArrayField source="fields" size="small" emptyText="—" />
  );
}

export function AuditEventList() {
  return (
    <List
      disableSyncWithLocation
      sort={{ field: 'occurredAt', order: 'DESC' }}
      filters={filters}
      actions={
        <TopToolbar>
          <FilterButton />
        </TopToolbar>
      }
      exporter={false}
      perPage={25}
    >
      <DataTable rowClick="show" bulkActionButtons={false} size="small">
        <DataTable.Col source="occurredAt">
          <DateField source="occurredAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="actorId" disableSort>
          <ReferenceField source="actorId" reference="users" link={false} emptyText="System">
            <TextField source="displayName" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="action" disableSort>
          <AuditActionField />
        </DataTable.Col>
        <DataTable.Col source="subjectId" disableSort>
          <AuditSubjectField />
        </DataTable.Col>
        <DataTable.Col source="fields" disableSort>
          <AuditFieldsField />
        </DataTable.Col>
        <DataTable.Col source="outcome" disableSort>
          <AuditOutcomeField />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
