import {
  AGREEMENT_METHODS,
  ASSESSMENT_STAGES,
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  ROLES,
  SERVICE_TYPES,
  CLOSURE_REASONS,
  EDUCATION_STATUSES,
  EMPLOYMENT_STATUSES,
  GOAL_DOMAINS,
  GOAL_STATUSES,
  HMIS_LIVING_ONLY,
  HMIS_LIVING_SITUATIONS,
  HOUSING_CATEGORIES,
  housingCategoryOf,
  INCOME_CHANGES,
  PLAN_TYPES,
  TASK_OWNERS,
  type HousingCategory,
} from '@lantern/contracts';
import { vocabChoices, vocabLabel, vocabLabels } from '../i18n/vocabulary';

export interface Choice {
  id: string;
  name: string;
}

/*
 * Vocabularies in words: each label and each choice name is a key of the catalogues (apps/web/src/i18n),
 * read in the current language each time it is used.
 */

export const SERVICE_TYPE_LABELS = vocabLabels('serviceType', SERVICE_TYPES);
export const SERVICE_TYPE_CHOICES: Choice[] = vocabChoices('serviceType', SERVICE_TYPES);

export const ROLE_LABELS = vocabLabels('role', ROLES);
export const ROLE_CHOICES: Choice[] = vocabChoices('role', ROLES);

export const AUDIT_ACTION_LABELS = vocabLabels('auditAction', AUDIT_ACTIONS);
export const AUDIT_ACTION_CHOICES: Choice[] = vocabChoices('auditAction', AUDIT_ACTIONS);

export const AUDIT_OUTCOME_CHOICES: Choice[] = vocabChoices('auditOutcome', AUDIT_OUTCOMES);

/** Record types that appear in the audit log, and the resource that shows each one. */
export const AUDIT_SUBJECTS: { id: string; name: string; resource?: string }[] = vocabChoices('subject', ['PartnerOrg', 'User', 'Session']).map(
  (choice) => Object.assign(choice, { resource: ({ PartnerOrg: 'partner-orgs', User: 'users' } as Record<string, string>)[choice.id] }),
);

/** HTCDS 2.0 support-plan types, in words. */
export const PLAN_TYPE_LABELS = vocabLabels('planType', PLAN_TYPES);
export const GOAL_DOMAIN_LABELS = vocabLabels('goalDomain', GOAL_DOMAINS);
export const GOAL_STATUS_LABELS = vocabLabels('goalStatus', GOAL_STATUSES);
export const TASK_OWNER_LABELS = vocabLabels('taskOwner', TASK_OWNERS);
export const AGREEMENT_METHOD_LABELS = vocabLabels('agreementMethod', AGREEMENT_METHODS);
export const ASSESSMENT_STAGE_LABELS = vocabLabels('assessmentStage', ASSESSMENT_STAGES);
export const EMPLOYMENT_LABELS = vocabLabels('employment', EMPLOYMENT_STATUSES);
export const EDUCATION_LABELS = vocabLabels('education', EDUCATION_STATUSES);
export const INCOME_CHANGE_LABELS = vocabLabels('incomeChange', INCOME_CHANGES);
export const CLOSURE_REASON_LABELS = vocabLabels('closureReason', CLOSURE_REASONS);
export const HOUSING_CATEGORY_LABELS = vocabLabels('housingCategory', HOUSING_CATEGORIES);

export const PLAN_TYPE_CHOICES = vocabChoices('planType', PLAN_TYPES);
export const GOAL_DOMAIN_CHOICES = vocabChoices('goalDomain', GOAL_DOMAINS);
export const GOAL_STATUS_CHOICES = vocabChoices('goalStatus', GOAL_STATUSES);
export const TASK_OWNER_CHOICES = vocabChoices('taskOwner', TASK_OWNERS);
export const AGREEMENT_METHOD_CHOICES = vocabChoices('agreementMethod', AGREEMENT_METHODS);
export const ASSESSMENT_STAGE_CHOICES = vocabChoices('assessmentStage', ASSESSMENT_STAGES);
export const EMPLOYMENT_CHOICES = vocabChoices('employment', EMPLOYMENT_STATUSES);
export const EDUCATION_CHOICES = vocabChoices('education', EDUCATION_STATUSES);
export const INCOME_CHANGE_CHOICES = vocabChoices('incomeChange', INCOME_CHANGES);
export const CLOSURE_REASON_CHOICES = vocabChoices('closureReason', CLOSURE_REASONS);

/** "410 · Rental, no ongoing subsidy". */
export function hmisLabel(code: number | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return vocabLabel('hmis', code, HMIS_LIVING_SITUATIONS[code] ?? String(code));
}

export interface HmisGroup {
  category: HousingCategory;
  label: string;
  codes: { code: number; name: string }[];
}

/**
 * HUD HMIS living situations grouped as HUD groups them (permanent, temporary, institutional,
 * homeless, other). Exit destinations leave out 335 and 336, which are living situations only.
 */
export function hmisGroups(purpose: 'living' | 'destination'): HmisGroup[] {
  const order: HousingCategory[] = ['permanent', 'temporary', 'institutional', 'homeless', 'other'];
  const codes = Object.keys(HMIS_LIVING_SITUATIONS)
    .map(Number)
    .filter((code) => purpose === 'living' || !HMIS_LIVING_ONLY.includes(code));
  return order.map((category) => ({
    category,
    label: HOUSING_CATEGORY_LABELS[category],
    codes: codes.filter((code) => housingCategoryOf(code) === category).map((code) => ({ code, name: hmisLabel(code) })),
  }));
}
