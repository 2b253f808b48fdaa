import CheckIcon from '@mui/icons-material/Check';
import TranslateIcon from '@mui/icons-material/Translate';
import { ListItemIcon, ListItemText, MenuItem, ToggleButton, ToggleButtonGroup } from '@mui/material';
import type { MeResponse } from '@lantern/contracts';
import { useCallback, useEffect, useRef } from 'react';
import { useLocaleState, useNotify, useTranslate, useUserMenu } from 'react-admin';
import { api, ApiError } from '../providers/http';
import { getSession, setSession, useSession } from '../providers/session';
import { isLocale, LOCALES, rememberLocale, type LanternLocale } from './locale';

/** /auth/me with the person's language; `locale` is absent from an API that does not store it yet. */
type MeWithLocale = MeResponse & { locale?: LanternLocale | null };

/**
 * Switch the language now, keep it for this device and, when someone is signed in, store it on the
 * user (`PATCH /auth/me`). An API without that route (404, 405) leaves the switch for this session
 * without a word; any other failure is told.
 */
export function useSwitchLanguage(): (locale: LanternLocale) => void {
  const [, setLocale] = useLocaleState();
  const notify = useNotify();
  return useCallback(
    (locale: LanternLocale) => {
      setLocale(locale);
      rememberLocale(locale);
      if (!getSession()) return;
      api<MeWithLocale>('/auth/me', { method: 'PATCH', body: { locale } })
        .then((me) => {
          if (me && typeof me === 'object' && 'user' in me) setSession(me);
        })
        .catch((error: unknown) => {
          if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return;
          notify(error instanceof ApiError ? error.message : 'lantern.language.notSaved', { type: 'error' });
        });
    },
    [setLocale, notify],
  );
}

/** Follows the language stored on the user: at sign-in, and when another tab or device changed it. */
export function UserLanguage() {
  const session = useSession();
  const [locale, setLocale] = useLocaleState();
  const seen = useRef<string | null>(null);
  const stored = (session?.me as MeWithLocale | undefined)?.locale;
  useEffect(() => {
    if (!isLocale(stored) || stored === seen.current) return;
    seen.current = stored;
    rememberLocale(stored);
    if (stored !== locale) setLocale(stored);
  }, [stored, locale, setLocale]);
  return null;
}

/** "English | Español", for the Account page and the sign-in page. */
export function LanguageToggle({ size = 'small' }: { size?: 'small' | 'medium' }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const switchLanguage = useSwitchLanguage();
  return (
    <ToggleButtonGroup
      exclusive
      size={size}
      value={locale}
      aria-label={translate('lantern.language.label')}
      onChange={(_event, value: unknown) => {
        if (isLocale(value) && value !== locale) switchLanguage(value);
      }}
    >
      {LOCALES.map((item) => (
        <ToggleButton key={item.locale} value={item.locale} lang={item.locale} sx={{ textTransform: 'none', px: 1.5 }}>
          {item.name}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

/** The languages in the user menu of the app bar, the current one ticked. */
export function LanguageMenuItems() {
  const translate = useTranslate();
  const userMenu = useUserMenu();
  const [locale] = useLocaleState();
  const switchLanguage = useSwitchLanguage();
  return (
    <>
      {LOCALES.map((item) => (
        <MenuItem
          key={item.locale}
          lang={item.locale}
          selected={item.locale === locale}
          aria-label={translate('lantern.language.switchTo', { language: item.name })}
          onClick={() => {
            userMenu?.onClose();
            if (item.locale !== locale) switchLanguage(item.locale);
          }}
        >
          <ListItemIcon>{item.locale === locale ? <CheckIcon fontSize="small" /> : <TranslateIcon fontSize="small" />}</ListItemIcon>
          <ListItemText>{item.name}</ListItemText>
        </MenuItem>
      ))}
    </>
  );
}
