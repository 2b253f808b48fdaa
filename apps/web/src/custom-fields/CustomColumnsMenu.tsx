import type { CustomValue, ReadableCustomFieldResponse } from '@lantern/contracts';
import ViewWeekIcon from '@mui/icons-material/ViewWeek';
import CheckBoxIcon from '@mui/icons-material/CheckBox';
import CheckBoxOutlineBlankIcon from '@mui/icons-material/CheckBoxOutlineBlank';
import { Box, IconButton, ListItemIcon, ListItemText, Menu, MenuItem, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { useRecordContext, useStore, useTranslate } from 'react-admin';
import { useIsPhone } from '../common/use-phone';
import { customHiddenColumns } from './custom-list';
import { customSource } from './custom-list-filter';
import { CustomValueText, useLabelText } from './custom-value-text';

type Field = ReadableCustomFieldResponse;

/**
 * The columns a person turned on, shared between the table and the phone's cards: react-admin keeps a
 * DataTable's hidden columns under its store key (`<resource>.datatable`), in memory only
 * (providers/store.ts); column names, never a value.
 */
export function useShownCustomFields(storeKey: string, fields: readonly Field[]): [Field[], (hidden: string[]) => void, string[]] {
  const [hidden, setHidden] = useStore<string[]>(storeKey, customHiddenColumns(fields));
  return [fields.filter((f) => !hidden.includes(customSource(f.key))), setHidden, hidden];
}

/**
 * Where a list is cards, not a table (the case list on a phone, the referral board), react-admin's
 * column chooser has nothing to attach to: this one turns the same columns on and off (the same store
 * key as the table's), and the cards show their values (`CustomCardValues`).
 */
export function CustomColumnsMenu({ storeKey, fields }: { storeKey: string; fields: readonly Field[] }) {
  const translate = useTranslate();
  const text = useLabelText();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [, setHidden, hidden] = useShownCustomFields(storeKey, fields);
  const phone = useIsPhone();
  if (fields.length === 0) return null;
  const title = translate('ra.action.select_columns');
  const button = (
    <IconButton aria-label={title} color="primary" size="large" onClick={(event) => setAnchor(event.currentTarget)}>
      <ViewWeekIcon />
    </IconButton>
  );
  return (
    <>
      {/* The button's name is its aria-label; the tooltip is for a mouse only. A phone's tap (and Escape's
          return of focus) would leave it open, floating outside every landmark (axe `region`). */}
      {phone ? (
        button
      ) : (
        <Tooltip title={title} disableFocusListener>
          {button}
        </Tooltip>
      )}
      <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        {fields.map((field) => {
          const source = customSource(field.key);
          const shown = !hidden.includes(source);
          return (
            <MenuItem key={field.key} role="menuitemcheckbox" aria-checked={shown} onClick={() => setHidden(shown ? [...hidden, source] : hidden.filter((h) => h !== source))}>
              <ListItemIcon>{shown ? <CheckBoxIcon color="primary" /> : <CheckBoxOutlineBlankIcon />}</ListItemIcon>
              <ListItemText primary={text(field.label)} />
            </MenuItem>
          );
        })}
      </Menu>
    </>
  );
}

/** In a phone's card: "Label: value" for each custom column turned on. */
export function CustomCardValues({ storeKey, fields }: { storeKey: string; fields: readonly Field[] }) {
  const record = useRecordContext<{ custom?: Record<string, CustomValue> }>();
  const text = useLabelText();
  const [shown] = useShownCustomFields(storeKey, fields);
  if (!record || shown.length === 0) return null;
  return (
    <Box component="span" sx={{ display: 'block', flexBasis: '100%', mt: 0.5 }}>
      {shown.map((field) => (
        <Typography key={field.key} variant="body2" component="span" sx={{ display: 'block' }}>
          {text(field.label)}: <CustomValueText field={field} value={record.custom?.[field.key]} empty="—" />
        </Typography>
      ))}
    </Box>
  );
}
