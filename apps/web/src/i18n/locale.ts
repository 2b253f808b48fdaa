/** The languages of the web app. Their catalogues are `en.json` and `es.json` in this folder. */
export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'es', name: 'Español' },
] as const;

export type LanternLocale = (typeof LOCALES)[number]['locale'];

/**
 * The chosen language is kept in localStorage so the sign-in page of the next visit speaks it too. It
 * is a preference of the device, never survivor data (docs/security-model.md).
 */
const STORAGE_KEY = 'lantern:locale';

export function isLocale(value: unknown): value is LanternLocale {
  return LOCALES.some((item) => item.locale === value);
}

/** Spanish when the browser asks for Spanish first (es, es-MX, es-419…), English otherwise. */
export function browserLocale(): LanternLocale {
  const wanted = typeof navigator === 'undefined' ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of wanted) {
    const language = tag?.toLowerCase().split('-')[0];
    if (language === 'es') return 'es';
    if (language === 'en') return 'en';
  }
  return 'en';
}

export function storedLocale(): LanternLocale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** Keeps a choice that differs from the browser's language; the browser's own needs no storage at all. */
export function rememberLocale(locale: LanternLocale): void {
  try {
    if (locale === browserLocale()) window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

/** The language to start in: the one last chosen on this device, else the browser's. */
export function initialLocale(): LanternLocale {
  return storedLocale() ?? browserLocale();
}
