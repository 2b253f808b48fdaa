import { Typography } from '@mui/material';
import type { ReactElement } from 'react';
import { useTranslate } from 'react-admin';

/** Out of sight but read by screen readers (the usual visually-hidden pattern). */
export const VISUALLY_HIDDEN = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: '1px',
  margin: '-1px',
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: '1px',
} as const;

/**
 * The page's one h1, for pages whose title react-admin shows in the app bar (lists, forms): shown on
 * phones, where the app bar keeps its room for Quick Exit and the menus, and read by screen readers
 * at every size. `title` is a catalogue key, plain text, or the element the page gives react-admin as
 * its title (inside the page's record context).
 */
export function PageHeading({ title }: { title: string | ReactElement }) {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h1" sx={(theme) => ({ px: 1, pt: 2, [theme.breakpoints.up('sm')]: VISUALLY_HIDDEN })}>
      {typeof title === 'string' ? translate(title, { _: title, smart_count: 2 }) : title}
    </Typography>
  );
}
