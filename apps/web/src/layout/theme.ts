import type { Theme } from '@mui/material';
import { defaultTheme, type RaThemeOptions } from 'react-admin';
import { QUICK_EXIT_BAND } from './QuickExitButton';

/** The system's own fonts: nothing is fetched from a font service (closed networks, no phoning home). */
export const SYSTEM_FONT =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif';

/**
 * The focus ring: a dark outline with a white gap inside it, so it stands out at 3:1 or better both on
 * light surfaces (the dark outline) and on the dark app bar or a filled button (the white gap).
 */
const FOCUS_RING = {
  outline: '3px solid #1f4e5f',
  outlineOffset: 2,
  boxShadow: '0 0 0 2px #ffffff',
} as const;
/** Inside scrolling or clipped containers (tabs, menus, lists) the ring is drawn within the element. */
const INSET_FOCUS_RING = { outline: '3px solid #1f4e5f', outlineOffset: -3, boxShadow: 'inset 0 0 0 5px #ffffff' } as const;

export const lanternTheme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    mode: 'light',
    primary: { main: '#1f4e5f', contrastText: '#ffffff' },
    secondary: { main: '#1f4e5f', contrastText: '#ffffff' },
    error: { main: '#b3261e' },
    warning: { main: '#9a5b00' },
    success: { main: '#2e6b3a' },
    // MUI's default info blue (#0288d1) is 3.9:1 on white; this one is 6:1, for text and for white on it.
    info: { main: '#01699e', contrastText: '#ffffff' },
    background: { default: '#f4f5f7', paper: '#ffffff' },
    text: { primary: '#1f2933', secondary: '#52606d' },
  },
  shape: { borderRadius: 8 },
  sidebar: { width: 260, closedWidth: 55 },
  typography: {
    ...defaultTheme.typography,
    fontFamily: SYSTEM_FONT,
    h5: { fontWeight: 600 },
    h6: { fontWeight: 600 },
    button: { textTransform: 'none', fontWeight: 600 },
  },
  components: {
    ...defaultTheme.components,
    MuiCssBaseline: { styleOverrides: { 'a:focus-visible, [tabindex]:focus-visible': FOCUS_RING } },
    MuiButtonBase: { styleOverrides: { root: { '&.Mui-focusVisible': FOCUS_RING } } },
    // Buttons set their own focus shadow (none, without elevation): the ring is set again after it.
    MuiButton: { defaultProps: { disableElevation: true }, styleOverrides: { root: { '&.Mui-focusVisible': FOCUS_RING } } },
    MuiIconButton: { styleOverrides: { root: { '&.Mui-focusVisible': FOCUS_RING } } },
    MuiChip: {
      styleOverrides: { root: { '&.Mui-focusVisible': FOCUS_RING }, sizeSmall: { fontSize: '0.75rem' } },
    },
    MuiTab: { styleOverrides: { root: { '&.Mui-focusVisible': INSET_FOCUS_RING } } },
    // MUI's grey for a toggle button not chosen (54% black) is under 4.5:1 on the page background.
    MuiToggleButton: { styleOverrides: { root: { color: '#52606d' } } },
    MuiMenuItem: { styleOverrides: { root: { '&.Mui-focusVisible': INSET_FOCUS_RING } } },
    MuiListItemButton: { styleOverrides: { root: { '&.Mui-focusVisible': INSET_FOCUS_RING } } },
    MuiPaper: { styleOverrides: { rounded: { borderRadius: 10 } } },
    MuiCard: { defaultProps: { variant: 'outlined' } },
    // Phones: a dialog takes the whole screen, below the band where Quick Exit is pinned (QuickExitButton).
    MuiDialog: {
      styleOverrides: {
        paper: ({ theme }: { theme: Theme }) => ({
          [theme.breakpoints.down('sm')]: {
            margin: 0,
            width: '100%',
            maxWidth: '100%',
            height: '100%',
            maxHeight: '100%',
            borderRadius: 0,
            paddingTop: QUICK_EXIT_BAND,
          },
        }),
      },
    },
    // Phones: the page is as wide as the screen, not as its widest table (react-admin's layout grows to
    // fit its content); what is wider scrolls within itself.
    RaLayout: {
      styleOverrides: {
        root: ({ theme }: { theme: Theme }) => ({
          [theme.breakpoints.down('sm')]: { minWidth: 0, '& .RaLayout-content': { minWidth: 0 } },
        }),
      },
    },
    RaList: {
      styleOverrides: {
        root: ({ theme }: { theme: Theme }) => ({ [theme.breakpoints.down('sm')]: { '& .RaList-main': { minWidth: 0 } } }),
      },
    },
    // A table that stays a table on phones (lists without cards, tables in a case) scrolls within itself.
    RaDataTable: {
      styleOverrides: {
        root: ({ theme }: { theme: Theme }) => ({ [theme.breakpoints.down('sm')]: { '& .RaDataTable-tableWrapper': { overflowX: 'auto' } } }),
      },
    },
    MuiTableCell: {
      styleOverrides: {
        head: { fontWeight: 600, color: '#3e4c59' },
        root: { '&.MuiTableCell-paddingCheckbox': { padding: '0 8px 0 8px' } },
      },
    },
  },
};
