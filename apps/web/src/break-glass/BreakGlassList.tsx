import { Chip, Typography } from '@mui/material';
import {
  AutocompleteInput,
  DataTable,
  DateField,
  List,
  ReferenceField,
  ReferenceInput,
  TextField,
  useRecordContext,
} from 'react-admin';
import type { BreakGlassGrantResponse } from '@lantern/contracts';

const filters = [
  <ReferenceInput key="userId" source="userId" reference="users" sort={{ field: 'displayName', order: 'ASC' }} alwaysOn>
    <AutocompleteInput optionText="displayName" filterToQuery={(q: string) => ({ q })} label="Opened by" />
  </ReferenceInput>,
];

function GrantState(_props: { label?: string }) {
  const grant = useRecordContext<BreakGlassGrantResponse>();
  if (!grant) return null;
  return grant.active ? <Chip size="small" color="warning" label="Open now" /> : <Chip size="small" variant="outlined" label="Ended" />;
}

/** A pseudonymous reference: the survivor's record number, never a name or alias. */
function SurvivorReference(_props: { label?: string }) {
  const grant = useRecordContext<BreakGlassGrantResponse>();
  if (!grant) return null;
  return (
    <Typography variant="body2" sx={{ fontFamily: 'monospace' }} title={grant.survivorId}>
      {grant.survivorId.slice(0, 8)}
    </Typography>
  );
}

/** Every emergency access to a survivor file: admins see all of their organization, coordinators their own. */
export function BreakGlassList() {
  return (
    <List
      disableSyncWithLocation
      sort={{ field: 'grantedAt', order: 'DESC' }}
      filters={filters}
      exporter={false}
      perPage={25}
      title="Emergency access log"
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="grantedAt">
          <DateField source="grantedAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="userId" disableSort>
          <ReferenceField source="userId" reference="users" link={false} emptyText="—">
            <TextField source="displayName" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="survivorId" disableSort>
          <SurvivorReference />
        </DataTable.Col>
        <DataTable.Col source="reason" disableSort>
          <TextField source="reason" sx={{ whiteSpace: 'pre-line' }} />
        </DataTable.Col>
        <DataTable.Col source="expiresAt">
          <DateField source="expiresAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="active" disableSort>
          <GrantState />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}
