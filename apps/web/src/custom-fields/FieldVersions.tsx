import type { CustomFieldResponse } from '@lantern/contracts';
import { Alert, Box, Button, List, ListItem, ListItemText, Skeleton, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useDataProvider, useNotify, useRefresh, useTranslate } from 'react-admin';
import { formatDateTime } from '../common/labels';
import { StaffName } from '../common/StaffName';
import type { LanternDataProvider } from '../providers/data-provider';
import { toApiError } from '../providers/http';

/** Every version of the definition, newest first, read-only: who changed it and when. */
export function FieldVersions({ fieldId }: { fieldId: string }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const translate = useTranslate();
  const { data, isPending, error } = useQuery({
    queryKey: ['custom-fields', fieldId, 'versions'],
    queryFn: () => dataProvider.customFieldVersions(fieldId),
  });
  return (
    <Box component="section" aria-label={translate('lantern.customFields.editor.versions')} sx={{ mt: 2 }}>
      <Typography variant="subtitle2" component="h3">
        {translate('lantern.customFields.editor.versions')}
      </Typography>
      {isPending ? (
        <Skeleton variant="rounded" height={48} />
      ) : error ? (
        <Alert severity="error">{translate('lantern.customFields.editor.versionsFailed')}</Alert>
      ) : (
        <List dense>
          {[...data].reverse().map((version) => (
            <ListItem key={version.id} disableGutters>
              <ListItemText
                primary={translate('lantern.customFields.editor.versionLine', { version: version.version, label: version.definition.label.en })}
                secondary={
                  <>
                    {formatDateTime(version.changedAt)} · <StaffName userId={version.changedBy} fallback="—" />
                    {version.definition.retiredAt ? ` · ${translate('lantern.customFields.retired')}` : ''}
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}

/** Retires the field: it leaves the forms, its values stay on the records (readable, not writable). */
export function RetireField({ field, onRetired }: { field: CustomFieldResponse; onRetired: () => void }) {
  const dataProvider = useDataProvider<LanternDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const retire = async (): Promise<void> => {
    setBusy(true);
    try {
      await dataProvider.retireCustomField(field.id, { version: field.version });
      notify('lantern.customFields.editor.retiredDone', { type: 'success' });
      refresh();
      onRetired();
    } catch (caught) {
      notify(toApiError(caught).message, { type: 'error' });
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  return (
    <>
      <Button color="warning" variant="outlined" size="small" onClick={() => setAsking(true)}>
        {translate('lantern.customFields.editor.retire')}
      </Button>
      <Confirm
        isOpen={asking}
        loading={busy}
        title="lantern.customFields.editor.retireTitle"
        content="lantern.customFields.editor.retireContent"
        confirm="lantern.customFields.editor.retire"
        onConfirm={() => void retire()}
        onClose={() => setAsking(false)}
      />
    </>
  );
}
