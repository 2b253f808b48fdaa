import { DateField, ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { AuditActionField, AuditOutcomeField } from './AuditActionField';
import { AuditFieldsField } from './AuditEventList';
import { AuditSubjectField } from './AuditSubjectField';

export function AuditEventShow() {
  return (
    <Show title="Audit event" actions={false}>
      <SimpleShowLayout>
        <DateField source="occurredAt" showTime />
        <ReferenceField source="actorId" reference="users" emptyText="System" />
        <TextField source="actorRole" emptyText="—" />
        <AuditActionField label="resources.audit-events.fields.action" />
        <AuditSubjectField label="resources.audit-events.fields.subjectId" />
        <AuditFieldsField label="resources.audit-events.fields.fields" />
        <AuditOutcomeField label="resources.audit-events.fields.outcome" />
        <TextField source="reason" emptyText="—" />
        <TextField source="requestId" emptyText="—" sx={{ fontFamily: 'monospace' }} />
        <TextField source="ip" emptyText="—" />
      </SimpleShowLayout>
    </Show>
  );
}
