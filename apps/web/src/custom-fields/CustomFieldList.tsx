import { CUSTOM_FIELD_ENTITIES, CUSTOM_FIELD_TYPES, type CustomFieldResponse } from '@lantern/contracts';
import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Chip } from '@mui/material';
import { useState } from 'react';
import { DataTable, List, NullableBooleanInput, SelectInput, SimpleList, TopToolbar, useLocaleState, useRecordContext, useTranslate, type Identifier, type RaRecord } from 'react-admin';
import { CustomFieldDialog } from './CustomFieldDialog';
import { PageHeading } from '../common/PageHeading';
import { useIsPhone } from '../common/use-phone';

/**
 * The organization's custom fields (issue 18; docs/custom-fields.md): which form each belongs to, its
 * type, and whether it is PII or retired. Admins only, as the API decides (`CustomFields`). "Add a
 * field" and a click on a field open the editor (CustomFieldDialog), with the field's versions.
 */
const entityChoices = CUSTOM_FIELD_ENTITIES.map((id) => ({ id, name: `lantern.customFields.entity.${id}` }));
const typeChoices = CUSTOM_FIELD_TYPES.map((id) => ({ id, name: `lantern.customFields.type.${id}` }));

const filters = [
  <SelectInput key="entity" source="entity" choices={entityChoices} alwaysOn emptyText="lantern.customFields.anyForm" />,
  <SelectInput key="type" source="type" choices={typeChoices} emptyText="lantern.customFields.anyType" />,
  <NullableBooleanInput key="retired" source="retired" sx={{ minWidth: 160 }} />,
];

/** The label in the reader's language, else in English (every field has one). */
function useLabel(): (field: CustomFieldResponse) => string {
  const [locale] = useLocaleState();
  return (field) => (locale === 'es' && field.label.es) || field.label.en;
}

function Badges() {
  const record = useRecordContext<CustomFieldResponse>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box component="span" sx={{ display: 'inline-flex', flexWrap: 'wrap', gap: 0.5 }}>
      {record.pii && <Chip size="small" color="warning" label={translate('lantern.customFields.pii')} />}
      {record.required && <Chip size="small" variant="outlined" label={translate('lantern.customFields.required')} />}
      {record.retiredAt && <Chip size="small" variant="outlined" label={translate('lantern.customFields.retired')} />}
    </Box>
  );
}

export function CustomFieldList() {
  const phone = useIsPhone();
  const translate = useTranslate();
  const label = useLabel();
  // A new field (`'new'`), one being changed, or none.
  const [editing, setEditing] = useState<CustomFieldResponse | 'new' | null>(null);
  const open = (_id: Identifier, _resource: string, record: RaRecord): false => {
    setEditing(record as CustomFieldResponse);
    return false;
  };
  const describe = (record: CustomFieldResponse) =>
    `${translate(`lantern.customFields.entity.${record.entity}`)} · ${translate(`lantern.customFields.type.${record.type}`)}`;
  return (
    <>
      <PageHeading title="resources.custom-fields.name" />
      <List
        disableSyncWithLocation
        sort={{ field: 'createdAt', order: 'ASC' }}
        filters={filters}
        exporter={false}
        perPage={25}
        // No empty page: it would hide "Add a field" from an organization with no field yet.
        empty={false}
        actions={
          <TopToolbar>
            <Button variant="contained" size="small" startIcon={<AddIcon />} onClick={() => setEditing('new')}>
              {translate('lantern.customFields.editor.addTitle')}
            </Button>
          </TopToolbar>
        }
      >
        {phone ? (
          <SimpleList<CustomFieldResponse> rowClick={open} primaryText={label} secondaryText={describe} tertiaryText={<Badges />} />
        ) : (
          <DataTable rowClick={open} bulkActionButtons={false}>
            <DataTable.Col source="label" disableSort render={label} />
            <DataTable.Col source="key" />
            <DataTable.Col source="entity" render={(record: CustomFieldResponse) => translate(`lantern.customFields.entity.${record.entity}`)} />
            <DataTable.Col source="type" disableSort render={(record: CustomFieldResponse) => translate(`lantern.customFields.type.${record.type}`)} />
            <DataTable.Col source="pii" disableSort label="lantern.customFields.flags">
              <Badges />
            </DataTable.Col>
          </DataTable>
        )}
      </List>
      {editing && <CustomFieldDialog field={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </>
  );
}
