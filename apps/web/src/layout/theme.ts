import { defaultTheme, type RaThemeOptions } from 'react-admin';

/** The system's own fonts: nothing is fetched from a font service (closed networks, no phoning home). */
export const SYSTEM_FONT =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif';

export const lanternTheme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    mode: 'light',
    primary: { main: '#1f4e5f', contrastText: '#ffffff' },
    secondary: { main: '#1f4e5f', contrastText: '#ffffff' },
    error: { main: '#b3261e' },
    warning: { main: '#9a5b00' },
    success: { main: '#2e6b3a' },
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
    MuiButton: { defaultProps: { disableElevation: true } },
    MuiPaper: { styleOverrides: { rounded: { borderRadius: 10 } } },
    MuiCard: { defaultProps: { variant: 'outlined' } },
    MuiTableCell: {
      styleOverrides: {
        head: { fontWeight: 600, color: '#3e4c59' },
        root: { '&.MuiTableCell-paddingCheckbox': { padding: '0 8px 0 8px' } },
      },
    },
    MuiChip: { styleOverrides: { sizeSmall: { fontSize: '0.75rem' } } },
  },
};
