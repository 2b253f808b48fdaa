import polyglotI18nProvider from 'ra-i18n-polyglot';
import englishMessages from 'ra-language-english';
import { mergeTranslations, type TranslationMessages } from 'react-admin';
import lanternEnglish from '../i18n/en.json';
import { initialLocale, LOCALES, type LanternLocale } from '../i18n/locale';

/**
 * react-admin's own words (`ra.*`: ra-language-english, and our Spanish of the same keys in
 * `i18n/ra-es.json`), then Lantern's (`i18n/en.json`, `i18n/es.json`): the names of resources and
 * fields, vocabularies, error messages by code and every page's text. `tools/check-web-i18n.mjs`
 * keeps the two languages' key sets identical.
 *
 * English is in the first load; Spanish is loaded when it is wanted (issue 13: the sign-in page stays
 * under 250 kB of compressed JavaScript) — before the first screen when it is the starting language
 * (`prepareInitialLocale`, main.tsx), else at the switch, which react-admin waits for.
 */
const messages: Partial<Record<LanternLocale, TranslationMessages>> = {
  en: mergeTranslations(englishMessages, lanternEnglish) as TranslationMessages,
};

function loadSpanish(): Promise<TranslationMessages> {
  return Promise.all([import('../i18n/ra-es.json'), import('../i18n/es.json')]).then(([reactAdminSpanish, lanternSpanish]) => {
    messages.es = mergeTranslations(reactAdminSpanish.default, lanternSpanish.default) as TranslationMessages;
    return messages.es;
  });
}

export const i18nProvider = polyglotI18nProvider(
  (locale) => messages[locale as LanternLocale] ?? (locale === 'es' ? loadSpanish() : (messages.en as TranslationMessages)),
  'en',
  [...LOCALES],
  { allowMissing: true },
);

/** Switches to the language this device or browser starts in, its catalogue loaded first. */
export function prepareInitialLocale(): Promise<void> {
  const locale = initialLocale();
  return locale === 'en' ? Promise.resolve() : Promise.resolve(i18nProvider.changeLocale(locale)).catch(() => undefined);
}
