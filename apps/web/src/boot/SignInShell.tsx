import { Box, CssBaseline, Typography } from '@mui/material';
import { createTheme, ThemeProvider } from '@mui/material/styles';
import { useCallback, useMemo, type ReactNode } from 'react';
import { I18nContextProvider, StoreContextProvider, useTranslate } from 'react-admin';
import { lanternTheme } from '../layout/theme';
import { QuickExitButton } from '../layout/QuickExitButton';
import { SpinnerNames } from '../layout/SpinnerNames';
import type { LoginParams } from '../providers/auth-provider';
import { authProvider } from '../providers/auth-provider';
import { i18nProvider } from '../providers/i18n-provider';
import { loadSession } from '../providers/session';
import { store } from '../providers/store';
import { SignInOrLink } from '../login/SignInOrLink';

/**
 * What the first screen needs, and no more (issue 13: the sign-in page under 250 kB of compressed
 * JavaScript): the theme, the catalogues and the language, shared with the app that loads after
 * sign-in (the same store and i18n provider) — not react-admin's pages, lists and forms.
 */
export function LightShell({ children }: { children: ReactNode }) {
  const theme = useMemo(() => createTheme(lanternTheme), []);
  return (
    <StoreContextProvider value={store}>
      <I18nContextProvider value={i18nProvider}>
        <ThemeProvider theme={theme}>
          <CssBaseline />
          <SpinnerNames>{children}</SpinnerNames>
        </ThemeProvider>
      </I18nContextProvider>
    </StoreContextProvider>
  );
}

/** While the session is checked: Quick Exit, and a word that Lantern is loading. */
export function BootLoading() {
  const translate = useTranslate();
  return (
    <>
      <QuickExitButton />
      <Box component="main" sx={{ display: 'flex', minHeight: '100vh', alignItems: 'center', justifyContent: 'center' }}>
        <Typography role="status" component="h1" variant="body1" color="text.secondary">
          {translate('ra.page.loading')}
        </Typography>
      </Box>
    </>
  );
}

/** The sign-in page before the app is loaded: signing in (or a live session found) loads it. */
export function SignInShell({ onSignedIn, notice }: { onSignedIn: () => void; notice?: string | null }) {
  const login = useCallback(
    async (params: LoginParams) => {
      await authProvider.login(params);
      onSignedIn();
    },
    [onSignedIn],
  );
  const enterIfSignedIn = useCallback(() => loadSession().then(() => onSignedIn()), [onSignedIn]);
  return <SignInOrLink login={login} enterIfSignedIn={enterIfSignedIn} notice={notice} />;
}
