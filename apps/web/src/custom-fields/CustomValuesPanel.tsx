import type { CustomValue, CustomValuesResponse } from '@lantern/contracts';
import { Alert, Box, Button, Skeleton, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetOne, useTranslate } from 'react-admin';
import { Panel } from '../common/Panel';
import { Detail } from '../survivors/SurvivorDetails';
import { CustomValuesDialog } from './CustomValuesDialog';
import { CustomValueText, useLabelText } from './custom-value-text';

/** The custom-values routes by entity (docs/custom-fields.md, "Values"). */
export type CustomValuesResource = 'custom-values/case' | 'custom-values/intake';

/**
 * "More details": the organization's own fields on one record, only those the reader's role may read
 * (the API leaves the others out), with an edit dialog when she may write one. Each read is audited by
 * the API, naming the fields shown.
 */
export function CustomValuesPanel({
  resource,
  recordId,
  editable,
  hideWhenEmpty = false,
}: {
  resource: CustomValuesResource;
  recordId: string;
  editable: boolean;
  /** Leave the panel out when the organization has no field here the reader may read. */
  hideWhenEmpty?: boolean;
}) {
  const translate = useTranslate();
  const text = useLabelText();
  const [editing, setEditing] = useState(false);
  const { data, isPending, error } = useGetOne<CustomValuesResponse>(resource, { id: recordId });
  const fields = data?.fields ?? [];
  const writable = editable && fields.some((field) => field.writable && !field.retired);
  if (hideWhenEmpty && data && fields.length === 0) return null;
  return (
    <Panel
      title={translate('lantern.customValues.title')}
      testId="custom-values-panel"
      action={
        writable && (
          <Button size="small" onClick={() => setEditing(true)}>
            {translate('ra.action.edit')}
          </Button>
        )
      }
    >
      {isPending ? (
        <Skeleton variant="rounded" height={64} />
      ) : error || !data ? (
        <Alert severity="error">{translate('lantern.customValues.failed')}</Alert>
      ) : fields.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate('lantern.customValues.none')}
        </Typography>
      ) : (
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
          {fields.map((field) => (
            <Box key={field.key} sx={field.type === 'longText' ? { gridColumn: '1 / -1' } : undefined}>
              <Detail label={field.retired ? `${text(field.label)} (${translate('lantern.customFields.retired')})` : text(field.label)}>
                <CustomValueText field={field} value={data.values[field.key] as CustomValue | undefined} />
              </Detail>
            </Box>
          ))}
        </Box>
      )}
      {editing && data && <CustomValuesDialog resource={resource} record={data} onClose={() => setEditing(false)} />}
    </Panel>
  );
}
