import { CONTACT_ACTIONS, CONTACT_CHANNELS, CONTACT_DANGER, CONTACT_OUTCOMES } from '@lantern/contracts';
import { vocabChoices, vocabLabels } from '../i18n/vocabulary';

/** The words of the contact vocabularies (libs/contracts/src/contacts.ts), from the catalogues. */
export const CONTACT_CHANNEL_CHOICES = vocabChoices('contactChannel', CONTACT_CHANNELS);
export const CONTACT_DANGER_CHOICES = vocabChoices('contactDanger', CONTACT_DANGER);
export const CONTACT_ACTION_CHOICES = vocabChoices('contactAction', CONTACT_ACTIONS);
export const CONTACT_OUTCOME_CHOICES = vocabChoices('contactOutcome', CONTACT_OUTCOMES);
export const CONTACT_CHANNEL_LABELS = vocabLabels('contactChannel', CONTACT_CHANNELS);
export const CONTACT_OUTCOME_LABELS = vocabLabels('contactOutcome', CONTACT_OUTCOMES);

/** `YYYY-MM-DD` of a local day, `days` from today. */
export function localDay(days = 0, from = new Date()): string {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
