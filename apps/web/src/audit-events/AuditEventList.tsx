import {
  AutocompleteInput,
  DataTable,
  DateTimeInput,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Chip, Stack } from '@mui/material';
import type { AuditEventResponse } from '@lantern/contracts';
import { AUDIT_ACTION_CHOICES, AUDIT_OUTCOME_CHOICES, AUDIT_SUBJECTS } from '../common/choices';
import { formatDateTime } from '../common/labels';
import { AuditActionField, AuditOutcomeField } from './AuditActionField';
import { AuditChainPanel } from './AuditChainPanel';
import { AuditSubjectField } from './AuditSubjectField';
import { PageHeading } from '../common/PageHeading';
import { ExportCsvButton } from '../common/ExportCsvButton';

/** The browser's local date and time as an exact instant, so the server's time zone does not matter. */
function toIsoInstant(value: string): string | null {
  const date = new Date(value);
  return value && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

const filters = [
  <SelectInput key="action" source="action" choices={AUDIT_ACTION_CHOICES} alwaysOn emptyText="lantern.audit.anyAction" />,
  <SelectInput key="subjectType" source="subjectType" choices={AUDIT_SUBJECTS} alwaysOn emptyText="lantern.audit.anyType" />,
  <ReferenceInput key="actorId" source="actorId" reference="users" sort={{ field: 'displayName', order: 'ASC' }} alwaysOn>
    <AutocompleteInput optionText="displayName" filterToQuery={(q: string) => ({ q })} label="resources.audit-events.fields.actorId" />
  </ReferenceInput>,
  <DateTimeInput key="occurredAt_gte" source="occurredAt_gte" alwaysOn parse={toIsoInstant} />,
  <DateTimeInput key="occurredAt_lte" source="occurredAt_lte" alwaysOn parse={toIsoInstant} />,
  <SelectInput key="outcome" source="outcome" choices={AUDIT_OUTCOME_CHOICES} emptyText="lantern.audit.anyOutcome" />,
];

/** The web app's resource whose field labels name an audit subject's fields. */
const SUBJECT_RESOURCES: Record<string, string> = {
  Case: 'cases',
  Survivor: 'survivors',
  Intake: 'intakes',
  Consent: 'consents',
  CaseNote: 'case-notes',
  ServicePlan: 'service-plans',
  Goal: 'goals',
  Task: 'tasks',
  OutcomeAssessment: 'outcomes',
  Referral: 'referrals',
  BreakGlassGrant: 'break-glass-grants',
  PartnerOrg: 'partner-orgs',
  User: 'users',
};

/** `acceptingReferrals` → "Accepting referrals": the last resort when a field has no label. */
function humanize(field: string): string {
  const words = field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Which fields an event touched (never their values), by the labels the forms use, in the reader's
 * language: an admin reads "Accepting referrals", not `acceptingReferrals` (issue 13).
 */
export function AuditFieldsField(_props: { label?: string; source?: string }) {
  const event = useRecordContext<{ subjectType?: string | null; fields?: string[] | null }>();
  const t = useTranslate();
  const fields = event?.fields ?? [];
  if (fields.length === 0) return <span>—</span>;
  const resource = event?.subjectType ? SUBJECT_RESOURCES[event.subjectType] : undefined;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {fields.map((field) => (
        <Chip key={field} size="small" label={resource ? t(`resources.${resource}.fields.${field}`, { _: humanize(field) }) : humanize(field)} />
      ))}
    </Stack>
  );
}

export function AuditEventList() {
  return (
    <>
      <PageHeading title="resources.audit-events.name" />
      {/* The audit chain's last verification and this organization's chain head (issue 11, audit anchor). */}
      <AuditChainPanel />
      <List
        disableSyncWithLocation
        sort={{ field: 'occurredAt', order: 'DESC' }}
        filters={filters}
        actions={
          <TopToolbar>
            <FilterButton />
            <ExportCsvButton resource="audit-events" />
          </TopToolbar>
        }
        exporter={false}
        perPage={25}
      >
        <DataTable rowClick="show" bulkActionButtons={false} size="small">
          <DataTable.Col source="occurredAt" render={(event: AuditEventResponse) => formatDateTime(event.occurredAt)} />
          <DataTable.Col source="actorId" disableSort>
            <ReferenceField source="actorId" reference="users" link={false} emptyText="lantern.common.system">
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
    </>
  );
}
