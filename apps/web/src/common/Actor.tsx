import { Chip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ROLE_LABELS } from './choices';

function roleLabel(role: string): string {
  return Object.hasOwn(ROLE_LABELS, role) ? ROLE_LABELS[role as keyof typeof ROLE_LABELS] : role;
}

/** Who did it, in a history or timeline entry: the name the API recorded and the role they held then. */
export function Actor({ name, role }: { name: string | null; role: string | null }) {
  const translate = useTranslate();
  return (
    <>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {name ?? translate('lantern.common.system')}
      </Typography>
      {role && <Chip size="small" variant="outlined" label={roleLabel(role)} />}
    </>
  );
}
