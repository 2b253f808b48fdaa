import type { ServiceType } from '@lantern/contracts';
import { Chip, Stack } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { SERVICE_TYPE_LABELS } from './choices';

function isServiceType(value: unknown): value is ServiceType {
  return typeof value === 'string' && Object.hasOwn(SERVICE_TYPE_LABELS, value);
}

/** A partner's services as chips, with their human names. */
export function ServiceTypesField(_props: { label?: string; source?: string }) {
  const record = useRecordContext<{ serviceTypes?: unknown }>();
  const types = Array.isArray(record?.serviceTypes) ? record.serviceTypes.filter(isServiceType) : [];
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {types.map((type) => (
        <Chip key={type} label={SERVICE_TYPE_LABELS[type]} size="small" variant="outlined" />
      ))}
    </Stack>
  );
}
