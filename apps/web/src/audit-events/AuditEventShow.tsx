import { FunctionField, ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import type { AuditEventResponse } from '@lantern/contracts';
import { formatDateTime } from '../common/labels';
import { AuditActionField, AuditOutcomeField } from './AuditActionField';
import { AuditFieldsField } from './AuditEventList';
import { AuditSubjectField } from './AuditSubjectField';
import { ShowUnavailable } from '../common/RecordUnavailable';

export function AuditEventShow() {
  return (
    <Show error={<ShowUnavailable />} title="lantern.audit.event" actions={false}>
      <SimpleShowLayout>
        <FunctionField source="occurredAt" render={(event: AuditEventResponse) => formatDateTime(event.occurredAt)} />
        <ReferenceField source="actorId" reference="users" emptyText="lantern.common.system" />
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
