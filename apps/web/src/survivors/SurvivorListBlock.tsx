import { Box, Typography } from '@mui/material';
import { useId, type ReactNode } from 'react';
import { ReferenceManyField, useTranslate } from 'react-admin';

/**
 * A list block of a survivor's page (her cases, her contacts): a heading, then the records of
 * `reference` that name her (`survivorId`), newest first, as a small table whose rows open the record,
 * or a line saying there are none. The records come through the API's record-access layer like any list.
 */
export function SurvivorListBlock({ title, reference, sortField, empty, children }: { title: string; reference: string; sortField: string; empty: string; children: ReactNode }) {
  const translate = useTranslate();
  const headingId = useId();
  return (
    <Box component="section" aria-labelledby={headingId}>
      <Typography variant="h6" component="h2" id={headingId} sx={{ mb: 1 }}>
        {translate(title, { smart_count: 2 })}
      </Typography>
      <ReferenceManyField
        reference={reference}
        target="survivorId"
        sort={{ field: sortField, order: 'DESC' }}
        perPage={25}
        empty={
          <Typography variant="body2" color="text.secondary">
            {translate(empty)}
          </Typography>
        }
      >
        {children}
      </ReferenceManyField>
    </Box>
  );
}
