import type { CustomValue, CustomValuesResponse } from '@lantern/contracts';
import { Stack } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { FormDialog } from '../common/FormDialog';
import { CustomValueInput } from './CustomValueInput';
import type { CustomValuesResource } from './CustomValuesPanel';

/**
 * Changes the custom values the reader may write. Only the values sent change (the API's rule), so the
 * dialog sends just those she touched; a refusal shows under the field it names (`values.<key>`).
 */
export function CustomValuesDialog({
  resource,
  record,
  subject,
  onClose,
}: {
  resource: CustomValuesResource;
  record: CustomValuesResponse;
  /** Which record, where several are on the page (a goal, an assessment): the dialog says which. */
  subject?: string;
  onClose: () => void;
}) {
  const dataProvider = useDataProvider();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [changes, setChanges] = useState<Record<string, CustomValue>>({});
  const fields = record.fields.filter((field) => field.writable && !field.retired);

  const submit = async (): Promise<void> => {
    await dataProvider.update(resource, { id: record.id, data: { values: changes }, previousData: record });
    notify('lantern.customValues.saved', { type: 'success' });
    // Saving bumps the record's version: the page's own copy of the record is read again.
    refresh();
  };

  return (
    <FormDialog
      title={subject ? `${translate('lantern.customValues.editTitle')}: ${subject}` : translate('lantern.customValues.editTitle')}
      submitLabel={translate('ra.action.save')}
      ready={Object.keys(changes).length > 0}
      onSubmit={submit}
      onClose={onClose}
    >
      {(fieldError) => (
        <Stack spacing={2} sx={{ mt: 1 }}>
          {fields.map((field) => (
            <CustomValueInput
              key={field.key}
              field={field}
              value={Object.hasOwn(changes, field.key) ? changes[field.key] : record.values[field.key]}
              saved={record.values[field.key]}
              onChange={(value) => setChanges((current) => ({ ...current, [field.key]: value }))}
              error={fieldError(`values.${field.key}`)}
            />
          ))}
        </Stack>
      )}
    </FormDialog>
  );
}
