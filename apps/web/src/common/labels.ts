import {
  CASE_STATUSES,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  CONTACT_METHODS,
  CONTROL_METHODS,
  EXPLOITATION_TYPES,
  FORCED_LABOUR_INDUSTRIES,
  GENDERS,
  IDENTIFIED_BY,
  IMMEDIATE_NEEDS,
  NOTE_TYPES,
  RECRUITMENT_METHODS,
  REFERRAL_SOURCES,
  RISK_LEVELS,
  SEXUAL_EXPLOITATION_TYPES,
  SHAREABLE_SURVIVOR_FIELDS,
  TRAFFICKER_RELATIONSHIPS,
  TRAFFICKING_STATUSES,
  type ConsentState,
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
} from '@lantern/contracts';
import { translate } from '../i18n/translate';
import { vocabChoices, vocabKey, vocabLabels } from '../i18n/vocabulary';
import type { Choice } from './choices';

export { countryName, formatDate, formatDateTime, formatNumber, formatPercent, formatTime, languageName } from '../i18n/format';

/**
 * Where splitting the value name would read oddly, a person's wording instead. The words people read
 * come from the catalogues (apps/web/src/i18n); `humanize` is the last resort for a value they do not
 * know yet.
 */
const OVERRIDES: Record<string, string> = {
  NGO: 'NGO',
  NonSpecifiedUnknown: 'Not specified or unknown',
  NonConforming: 'Non-binary or gender diverse',
  ForcedMilitaryByNonStateActors: 'Forced military service (non-state actors)',
  NonPoliceGovernmentalOrganization: 'Government agency (not police)',
  ThreatsLawEnforcement: 'Threats of law enforcement',
  ThreatensChildrenFamily: 'Threatens children or family',
  PsychoactiveSubstance: 'Psychoactive substances',
  SchoolOrCollege: 'School or college',
  in_person: 'In person',
  text_message: 'Text message',
  share_with_partner: 'Share with a partner',
  anonymized_reporting: 'Anonymized reporting',
  on_hold: 'On hold',
  safety_planning: 'Safety planning',
  case_review: 'Case review',
  mental_health: 'Mental health',
};

/**
 * HTCDS value names are CamelCase ("SexualExploitation"), Lantern's own are snake_case ("on_hold"):
 * both become a sentence-case label ("Sexual exploitation", "On hold"); acronyms keep their capitals.
 */
export function humanize(value: string | null | undefined): string {
  if (!value) return '';
  if (Object.hasOwn(OVERRIDES, value)) return OVERRIDES[value];
  const words = value
    .replace(/_/g, ' ')
    .split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|\s+/)
    .filter(Boolean);
  return words
    .map((word, index) => {
      if (word.length > 1 && word === word.toUpperCase()) return word;
      const lower = word.toLowerCase();
      return index === 0 ? lower[0].toUpperCase() + lower.slice(1) : lower;
    })
    .join(' ');
}

const CONSENT_STATES: readonly ConsentState[] = ['live', 'expired', 'revoked'];

export const CASE_STATUS_LABELS = vocabLabels('caseStatus', CASE_STATUSES);
export const RISK_LABELS = vocabLabels('riskLabel', RISK_LEVELS);
export const CONSENT_PURPOSE_LABELS = vocabLabels('consentPurpose', CONSENT_PURPOSES);
export const CONSENT_STATE_LABELS = vocabLabels('consentState', CONSENT_STATES);
/** Indexed by any field name: a field the vocabulary does not list reads as `undefined`. */
export const SURVIVOR_FIELD_LABELS: Readonly<Record<string, string>> = vocabLabels('survivorField', SHAREABLE_SURVIVOR_FIELDS);
export const REFERRAL_STATUS_LABELS = vocabLabels('referralStatus', REFERRAL_STATUSES);
export const REFERRAL_URGENCY_LABELS = vocabLabels('referralUrgency', REFERRAL_URGENCIES);

/** A referral's waiting time in words: "5 h", "2 d 4 h". */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '—';
  const whole = Math.max(0, Math.floor(hours));
  if (whole < 1) return translate('lantern.time.underOneHour');
  if (whole < 48) return translate('lantern.time.hours', { hours: whole });
  const days = Math.floor(whole / 24);
  const rest = whole % 24;
  return rest && days < 7 ? translate('lantern.time.daysHours', { days, hours: rest }) : translate('lantern.time.days', { days });
}

/** A share between 0 and 1 (or a percentage) as "72%", or "—" when there is no history yet. */
export { formatPercent as formatRate } from '../i18n/format';

export const CASE_STATUS_CHOICES = vocabChoices('caseStatus', CASE_STATUSES);
export const RISK_CHOICES = vocabChoices('riskLevel', RISK_LEVELS);
export const GENDER_CHOICES = vocabChoices('gender', GENDERS);
export const EXPLOITATION_CHOICES = vocabChoices('exploitationType', EXPLOITATION_TYPES);
export const CONTROL_METHOD_CHOICES = vocabChoices('controlMethod', CONTROL_METHODS);
export const RECRUITMENT_CHOICES = vocabChoices('recruitmentMethod', RECRUITMENT_METHODS);
export const IMMEDIATE_NEED_CHOICES = vocabChoices('immediateNeed', IMMEDIATE_NEEDS);
export const IDENTIFIED_BY_CHOICES = vocabChoices('identifiedBy', IDENTIFIED_BY);
export const TRAFFICKING_STATUS_CHOICES = vocabChoices('traffickingStatus', TRAFFICKING_STATUSES);
export const FORCED_LABOUR_INDUSTRY_CHOICES = vocabChoices('forcedLabourIndustry', FORCED_LABOUR_INDUSTRIES);
export const SEXUAL_EXPLOITATION_CHOICES = vocabChoices('sexualExploitationType', SEXUAL_EXPLOITATION_TYPES);
export const TRAFFICKER_RELATIONSHIP_CHOICES = vocabChoices('traffickerRelationship', TRAFFICKER_RELATIONSHIPS);
export const REFERRAL_SOURCE_CHOICES = vocabChoices('referralSource', REFERRAL_SOURCES);
export const NOTE_TYPE_CHOICES = vocabChoices('noteType', NOTE_TYPES);
export const CONTACT_METHOD_CHOICES = vocabChoices('contactMethod', CONTACT_METHODS);
export const CONSENT_PURPOSE_CHOICES = vocabChoices('consentPurpose', CONSENT_PURPOSES);
export const CONSENT_METHOD_CHOICES = vocabChoices('consentMethod', CONSENT_METHODS);
export const SHAREABLE_FIELD_CHOICES: Choice[] = vocabChoices('survivorField', SHAREABLE_SURVIVOR_FIELDS);
export const REFERRAL_STATUS_CHOICES = vocabChoices('referralStatus', REFERRAL_STATUSES);
export const REFERRAL_URGENCY_CHOICES = vocabChoices('referralUrgency', REFERRAL_URGENCIES);

/** Record types of the case history, in words. */
export const SUBJECT_LABELS: Readonly<Record<string, string>> = vocabLabels('subject', [
  'Case',
  'Survivor',
  'Intake',
  'Consent',
  'CaseNote',
  'CaseNoteDraft',
  'BreakGlassGrant',
  'Referral',
  'PartnerOrg',
  'User',
  'Session',
  'Appointment',
  'CalendarFeed',
  'Contact',
]);

/** Field names of the history, in words (names only: values never reach the history). */
export function fieldLabel(field: string): string {
  return translate(vocabKey('survivorField', field), { _: humanize(field) });
}

/** Whole days between an instant and now (0 for today or the future). */
export function daysSince(iso: string | null | undefined, now: number = Date.now()): number | null {
  if (!iso) return null;
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return null;
  return Math.max(0, Math.floor((now - then) / 86_400_000));
}
