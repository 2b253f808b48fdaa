import {
  CASE_STATUSES,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  CONTACT_METHODS,
  CONTROL_METHODS,
  EXPLOITATION_TYPES,
  GENDERS,
  IDENTIFIED_BY,
  IMMEDIATE_NEEDS,
  NOTE_TYPES,
  RECRUITMENT_METHODS,
  REFERRAL_SOURCES,
  RISK_LEVELS,
  SHAREABLE_SURVIVOR_FIELDS,
  type CaseStatus,
  type ConsentPurpose,
  type ConsentState,
  type RiskLevel,
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  type ReferralStatus,
  type ReferralUrgency,
} from '@lantern/contracts';
import type { Choice } from './choices';

/** Where splitting the value name would read oddly, a person's wording instead. */
const OVERRIDES: Record<string, string> = {
  NGO: 'NGO',
  NonSpecifiedUnknown: 'Not specified or unknown',
  NonConforming: 'Gender non-conforming',
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

function choicesOf(values: readonly string[], labels: Record<string, string> = {}): Choice[] {
  return values.map((id) => ({ id, name: labels[id] ?? humanize(id) }));
}

export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  intake: 'Intake',
  active: 'Active',
  on_hold: 'On hold',
  closed: 'Closed',
};

export const RISK_LABELS: Record<RiskLevel, string> = { low: 'Low risk', medium: 'Medium risk', high: 'High risk' };

export const CONSENT_PURPOSE_LABELS: Record<ConsentPurpose, string> = {
  services: 'Services from this program',
  referral: 'Referrals to partners',
  share_with_partner: 'Share details with a partner',
  anonymized_reporting: 'Anonymized reporting',
};

export const CONSENT_STATE_LABELS: Record<ConsentState, string> = { live: 'Live', expired: 'Expired', revoked: 'Revoked' };

export const SURVIVOR_FIELD_LABELS: Record<string, string> = {
  alias: 'Alias',
  legalName: 'Legal name',
  preferredName: 'Preferred name',
  dateOfBirth: 'Date of birth',
  birthYear: 'Birth year',
  gender: 'Gender',
  pronouns: 'Pronouns',
  languages: 'Languages',
  citizenship: 'Citizenship',
  phone: 'Phone',
  email: 'E-mail',
  address: 'Address',
  safeContactInstructions: 'Safe contact instructions',
  immediateNeeds: 'Immediate needs',
};

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  draft: 'Draft',
  sent: 'Sent',
  accepted: 'Accepted',
  declined: 'Declined',
  in_progress: 'In progress',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export const REFERRAL_URGENCY_LABELS: Record<ReferralUrgency, string> = {
  routine: 'Routine',
  urgent: 'Urgent',
  emergency: 'Emergency',
};

/** A referral's waiting time in words: "5 h", "2 d 4 h". */
export function formatHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return '—';
  const whole = Math.max(0, Math.floor(hours));
  if (whole < 1) return 'under 1 h';
  if (whole < 48) return `${whole} h`;
  const days = Math.floor(whole / 24);
  const rest = whole % 24;
  return rest && days < 7 ? `${days} d ${rest} h` : `${days} d`;
}

/** A share between 0 and 1 (or a percentage) as "72%", or "—" when there is no history yet. */
export function formatRate(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  const percent = rate <= 1 ? rate * 100 : rate;
  return `${Math.round(percent)}%`;
}

export const CASE_STATUS_CHOICES = choicesOf(CASE_STATUSES, CASE_STATUS_LABELS);
export const RISK_CHOICES = RISK_LEVELS.map((id) => ({ id, name: humanize(id) }));
export const GENDER_CHOICES = choicesOf(GENDERS);
export const EXPLOITATION_CHOICES = choicesOf(EXPLOITATION_TYPES);
export const CONTROL_METHOD_CHOICES = choicesOf(CONTROL_METHODS);
export const RECRUITMENT_CHOICES = choicesOf(RECRUITMENT_METHODS);
export const IMMEDIATE_NEED_CHOICES = choicesOf(IMMEDIATE_NEEDS);
export const IDENTIFIED_BY_CHOICES = choicesOf(IDENTIFIED_BY);
export const REFERRAL_SOURCE_CHOICES = choicesOf(REFERRAL_SOURCES);
export const NOTE_TYPE_CHOICES = choicesOf(NOTE_TYPES);
export const CONTACT_METHOD_CHOICES = choicesOf(CONTACT_METHODS);
export const CONSENT_PURPOSE_CHOICES = choicesOf(CONSENT_PURPOSES, CONSENT_PURPOSE_LABELS);
export const CONSENT_METHOD_CHOICES = choicesOf(CONSENT_METHODS);
export const SHAREABLE_FIELD_CHOICES = choicesOf(SHAREABLE_SURVIVOR_FIELDS, SURVIVOR_FIELD_LABELS);
export const REFERRAL_STATUS_CHOICES = choicesOf(REFERRAL_STATUSES, REFERRAL_STATUS_LABELS);
export const REFERRAL_URGENCY_CHOICES = choicesOf(REFERRAL_URGENCIES, REFERRAL_URGENCY_LABELS);

/** Record types of the case history, in words. */
export const SUBJECT_LABELS: Record<string, string> = {
  Case: 'Case',
  Survivor: 'Survivor record',
  Intake: 'Intake',
  Consent: 'Consent',
  CaseNote: 'Case note',
  BreakGlassGrant: 'Emergency access',
  Referral: 'Referral',
};

/** Field names of the history, in words (names only: values never reach the history). */
export function fieldLabel(field: string): string {
  return SURVIVOR_FIELD_LABELS[field] ?? humanize(field);
}

/** Whole days between an instant and now (0 for today or the future). */
export function daysSince(iso: string | null | undefined, now: number = Date.now()): number | null {
  if (!iso) return null;
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return null;
  return Math.max(0, Math.floor((now - then) / 86_400_000));
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  return Number.isNaN(date.getTime()) ? '—' : date.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? '—'
    : date.toLocaleString(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** "es" → "Spanish", in the reader's language. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "MX" → "Mexico". */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
