import { ListSubheader, MenuItem } from '@mui/material';
import type { ReactElement } from 'react';
import { hmisGroups } from './choices';

/**
 * The options of a select of HUD HMIS living situations, under a heading per housing category. An
 * array, not a component: MUI's Select reads the values of its direct children.
 */
export function hmisOptions(purpose: 'living' | 'destination'): ReactElement[] {
  return hmisGroups(purpose).flatMap((group) => [
    <ListSubheader key={group.category}>{group.label}</ListSubheader>,
    ...group.codes.map((item) => (
      <MenuItem key={item.code} value={String(item.code)} sx={{ pl: 3 }}>
        {item.name}
      </MenuItem>
    )),
  ]);
}
