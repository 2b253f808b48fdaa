import { Chip, Typography } from '@mui/material';
import {
  AutocompleteInput,
  DataTable,
  List,
  ReferenceField,
  ReferenceInput,
  TextField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { BreakGlassGrantResponse } from '@lantern/contracts';
import { formatDateTime } from '../common/labels';
import { PageHeading } from '../common/PageHeading';

const filters = [
  <ReferenceInput key="userId" source="userId" reference="users" sort={{ field: 'displayName', order: 'ASC' }} alwaysOn>
    <AutocompleteInput optionText="displayName" filterToQuery={(q: string) => ({ q })} label="resources.break-glass-grants.fields.userId" />
  </ReferenceInput>,
];

function GrantState(_props: { label?: string }) {
  const grant = useRecordContext<BreakGlassGrantResponse>();
  const translate = useTranslate();
  if (!grant) return null;
  return grant.active ? (
    <Chip size="small" color="warning" label={translate('lantern.breakGlass.openNow')} />
  ) : (
    <Chip size="small" variant="outlined" label={translate('lantern.breakGlass.ended')} />
  );
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

/** The page title, in the app bar and as the page's h1. */
const TITLE = 'lantern.breakGlass.log';

/** Every emergency access to a survivor file: admins see all of their organization, coordinators their own. */
export function BreakGlassList() {
  return (
    <>
      <PageHeading title={TITLE} />
      <List
        disableSyncWithLocation
        sort={{ field: 'grantedAt', order: 'DESC' }}
        filters={filters}
        exporter={false}
        perPage={25}
        title={TITLE}
      >
        <DataTable bulkActionButtons={false} rowClick={false}>
          <DataTable.Col source="grantedAt" render={(grant: BreakGlassGrantResponse) => formatDateTime(grant.grantedAt)} />
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
          <DataTable.Col source="expiresAt" render={(grant: BreakGlassGrantResponse) => formatDateTime(grant.expiresAt)} />
          <DataTable.Col source="active" disableSort>
            <GrantState />
          </DataTable.Col>
        </DataTable>
      </List>
    </>
  );
}
