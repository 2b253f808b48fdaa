import { translate } from './translate';

/** The vocabularies with words in the catalogues, under `lantern.vocab.<vocabulary>.<value>`. */
export type Vocabulary =
  | 'agreementMethod'
  | 'assessmentStage'
  | 'auditAction'
  | 'auditOutcome'
  | 'caseStatus'
  | 'closureReason'
  | 'consentMethod'
  | 'consentPurpose'
  | 'consentState'
  | 'continuedPresenceStatus'
  | 'contactAction'
  | 'contactChannel'
  | 'contactDanger'
  | 'contactMethod'
  | 'contactOutcome'
  | 'documentKind'
  | 'documentScanStatus'
  | 'controlMethod'
  | 'education'
  | 'employment'
  | 'exploitationType'
  | 'forcedLabourIndustry'
  | 'gender'
  | 'goalDomain'
  | 'goalStatus'
  | 'hhsLetter'
  | 'hmis'
  | 'housingCategory'
  | 'identifiedBy'
  | 'immediateNeed'
  | 'incomeChange'
  | 'noteType'
  | 'planType'
  | 'recruitmentMethod'
  | 'referralNotServedReason'
  | 'referralOutcome'
  | 'referralSource'
  | 'referralStatus'
  | 'referralUrgency'
  | 'riskLabel'
  | 'riskLevel'
  | 'riskQuestion'
  | 'role'
  | 'serviceCategory'
  | 'serviceType'
  | 'sexualExploitationType'
  | 'subject'
  | 'survivorField'
  | 'taskOwner'
  | 'tVisaStatus'
  | 'traffickerRelationship'
  | 'traffickingStatus'
  | 'vocaCategory';

export function vocabKey(vocabulary: Vocabulary, value: string | number): string {
  return `lantern.vocab.${vocabulary}.${value}`;
}

/** A value in words, in the current language; a value the catalogue does not know stays as it is. */
export function vocabLabel(vocabulary: Vocabulary, value: string | number | null | undefined, fallback?: string): string {
  if (value === null || value === undefined || value === '') return '';
  return translate(vocabKey(vocabulary, value), { _: fallback ?? String(value) });
}

/**
 * A label per value, read in the current language each time (`labels.on_hold` is "On hold" or "En
 * pausa"): the same shape as a plain record, so `LABELS[value]` reads as it always did.
 */
export function vocabLabels<T extends string>(vocabulary: Vocabulary, values: readonly T[]): Readonly<Record<T, string>> {
  const labels = {} as Record<T, string>;
  for (const value of values) {
    Object.defineProperty(labels, value, { enumerable: true, get: () => vocabLabel(vocabulary, value) });
  }
  return labels;
}

/**
 * Choices whose name is read in the current language, for react-admin's inputs (which translate a
 * name again: words that are not a key come back unchanged) and for MUI selects alike.
 */
export function vocabChoices(vocabulary: Vocabulary, values: readonly string[]): { id: string; name: string }[] {
  return values.map((id) => Object.defineProperty({ id }, 'name', { enumerable: true, get: () => vocabLabel(vocabulary, id) }) as { id: string; name: string });
}
