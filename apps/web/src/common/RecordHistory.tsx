import { Typography } from '@mui/material';
import { DataTable, DateField, Pagination, ReferenceField, ReferenceManyField, TextField, useRecordContext, useTranslate } from 'react-admin';
import { AuditActionField } from '../audit-events/AuditActionField';
import { useCan } from './use-can';

/** For administrators: the audit trail of the record on screen, newest first. */
export function RecordHistory() {
  const record = useRecordContext();
  const can = useCan();
  const translate = useTranslate();
  if (!record || !can('read', 'AuditEvent')) return null;
  return (
    <>
      <Typography variant="h6" component="h2" sx={{ mt: 3, mb: 1 }}>
        {translate('lantern.cases.tabs.history')}
      </Typography>
      <ReferenceManyField
        reference="audit-events"
        target="subjectId"
        sort={{ field: 'occurredAt', order: 'DESC' }}
        perPage={10}
        pagination={<Pagination rowsPerPageOptions={[10]} />}
        empty={
          <Typography variant="body2" color="text.secondary">
            {translate('lantern.common.noChanges')}
          </Typography>
        }
      >
        <DataTable bulkActionButtons={false} rowClick={false} size="small">
          <DataTable.Col source="occurredAt" disableSort>
            <DateField source="occurredAt" showTime />
          </DataTable.Col>
          <DataTable.Col source="actorId" disableSort>
            <ReferenceField source="actorId" reference="users" link={false} emptyText="lantern.common.system">
              <TextField source="displayName" />
            </ReferenceField>
          </DataTable.Col>
          <DataTable.Col source="action" disableSort>
            <AuditActionField />
          </DataTable.Col>
          <DataTable.Col source="fields" disableSort render={(event: { fields?: string[] }) => (event.fields ?? []).join(', ')} />
        </DataTable>
      </ReferenceManyField>
    </>
  );
}
