import { ThemeProvider, type Theme } from '@mui/material/styles';
import { useCallback, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/**
 * Every spinner on the page gets a name a screen reader can say ("Loading" / "Cargando"), in the user's
 * language. MUI's CircularProgress has role="progressbar" and no name of its own, and react-admin draws
 * several where no prop reaches them (the refresh indicator in the app bar, the save button, list
 * counts). A spinner that passes its own aria-label keeps it: defaults yield to props.
 */
export function SpinnerNames({ children }: { children: ReactNode }) {
  const translate = useTranslate();
  const label = translate('ra.page.loading');
  const withNames = useCallback(
    (outer: Theme): Theme => ({
      ...outer,
      components: {
        ...outer.components,
        MuiCircularProgress: {
          ...outer.components?.MuiCircularProgress,
          defaultProps: { ...outer.components?.MuiCircularProgress?.defaultProps, 'aria-label': label },
        },
      },
    }),
    [label],
  );
  return <ThemeProvider theme={withNames}>{children}</ThemeProvider>;
}
