import { i18nProvider } from '../providers/i18n-provider';
import { isLocale, type LanternLocale } from './locale';

/**
 * The provider's translate, for code outside components (labels of vocabularies, error messages, the
 * formatting helpers). Components use react-admin's `useTranslate`; both read the same catalogue, and a
 * language switch re-renders the whole app (react-admin's I18nContextProvider), so both stay current.
 */
export function translate(key: string, options?: Record<string, unknown>): string {
  return i18nProvider.translate(key, options);
}

export function currentLocale(): LanternLocale {
  const locale = i18nProvider.getLocale();
  return isLocale(locale) ? locale : 'en';
}
