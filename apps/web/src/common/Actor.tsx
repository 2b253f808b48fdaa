import { ROLE_LABELS, type Role } from '@lantern/contracts';
import { Chip, Typography } from '@mui/material';

function roleLabel(role: string): string {
  return Object.hasOwn(ROLE_LABELS, role) ? ROLE_LABELS[role as Role] : role;
}

/** Who did it, in a history or timeline entry: the name the API recorded and the role they held then. */
export function Actor({ name, role }: { name: string | null; role: string | null }) {
  return (
    <>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {name ?? 'System'}
      </Typography>
      {role && <Chip size="small" variant="outlined" label={roleLabel(role)} />}
    </>
  );
}
