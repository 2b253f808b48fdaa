import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations, type TranslationMessages } from 'react-admin';
import lanternEnglish from '../i18n/en.json';
import lanternSpanish from '../i18n/es.json';
import { initialLocale, LOCALES } from '../i18n/locale';
import reactAdminSpanish from '../i18n/ra-es.json';

/**
 * react-admin's own words (`ra.*`: ra-language-english, and our Spanish of the same keys in
 * `i18n/ra-es.json`), then Lantern's (`i18n/en.json`, `i18n/es.json`): the names of resources and
 * fields, vocabularies, error messages by code and every page's text. `tools/check-web-i18n.mjs`
 * keeps the two languages' key sets identical.
 */
const messages: Record<string, TranslationMessages> = {
  en: mergeTranslations(englishMessages, lanternEnglish) as TranslationMessages,
  es: mergeTranslations(reactAdminSpanish, lanternSpanish) as TranslationMessages,
};

export const i18nProvider = polyglotI18nProvider((locale) => messages[locale] ?? messages.en, initialLocale(), [...LOCALES], {
  allowMissing: true,
});
