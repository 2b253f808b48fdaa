import { useMediaQuery, type Theme } from '@mui/material';

/** A phone-sized screen (under MUI's `sm`, 600 px): lists show cards rather than tables. */
export function useIsPhone(): boolean {
  return useMediaQuery<Theme>((theme) => theme.breakpoints.down('sm'));
}
