import type { Locale } from '@lantern/contracts';

/**
 * A notification's title in every language a user can choose (issue 13): each reader gets hers, the
 * language stored on her account (`app_user.locale`), when the notification is made. A plain string is
 * a text with one wording for all, such as a title made of names and numbers alone.
 */
export type LocalizedText = Readonly<Record<Locale, string>>;

export function inLocale(text: string | LocalizedText, locale: Locale | null | undefined): string {
  return typeof text === 'string' ? text : (text[locale ?? 'en'] ?? text.en);
}
