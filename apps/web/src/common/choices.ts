import {
  AGREEMENT_METHODS,
  ASSESSMENT_STAGES,
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  ROLE_LABELS,
  ROLES,
  SERVICE_TYPE_LABELS,
  SERVICE_TYPES,
  CLOSURE_REASONS,
  EDUCATION_STATUSES,
  EMPLOYMENT_STATUSES,
  GOAL_DOMAINS,
  GOAL_STATUSES,
  HMIS_LIVING_ONLY,
  HMIS_LIVING_SITUATIONS,
  housingCategoryOf,
  INCOME_CHANGES,
  PLAN_TYPES,
  TASK_OWNERS,
  type AgreementMethod,
  type AssessmentStage,
  type AuditAction,
  type ClosureReason,
  type EducationStatus,
  type EmploymentStatus,
  type GoalDomain,
  type GoalStatus,
  type HousingCategory,
  type IncomeChange,
  type PlanType,
  type TaskOwner,
} from '@lantern/contracts';

export interface Choice {
  id: string;
  name: string;
}

export const SERVICE_TYPE_CHOICES: Choice[] = SERVICE_TYPES.map((id) => ({ id, name: SERVICE_TYPE_LABELS[id] }));

export const ROLE_CHOICES: Choice[] = ROLES.map((id) => ({ id, name: ROLE_LABELS[id] }));

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: 'Created',
  read: 'Viewed',
  list: 'Viewed in a list',
  disclose: 'Shared with a partner',
  update: 'Changed',
  delete: 'Deleted',
  transition: 'Status change',
  login: 'Signed in',
  login_failed: 'Sign-in failed',
  logout: 'Signed out',
  export: 'Exported',
  denied: 'Denied',
  break_glass: 'Emergency access',
  step_up: 'Confirmed password',
  mfa_enrol: 'Two-step verification on',
  mfa_disable: 'Two-step verification off',
  password_change: 'Password changed',
  session_revoke: 'Session ended',
};

export const AUDIT_ACTION_CHOICES: Choice[] = AUDIT_ACTIONS.map((id) => ({ id, name: AUDIT_ACTION_LABELS[id] }));

export const AUDIT_OUTCOME_CHOICES: Choice[] = AUDIT_OUTCOMES.map((id) => ({ id, name: id[0].toUpperCase() + id.slice(1) }));

/** Record types that appear in the audit log, and the resource that shows each one. */
export const AUDIT_SUBJECTS: { id: string; name: string; resource?: string }[] = [
  { id: 'PartnerOrg', name: 'Partner organization', resource: 'partner-orgs' },
  { id: 'User', name: 'User', resource: 'users' },
  { id: 'Session', name: 'Session' },
];

function choicesFrom<T extends string>(values: readonly T[], labels: Record<T, string>): Choice[] {
  return values.map((id) => ({ id, name: labels[id] }));
}

/** HTCDS 2.0 support-plan types, in words. */
export const PLAN_TYPE_LABELS: Record<PlanType, string> = {
  Education: 'Education',
  Financial: 'Financial',
  Health: 'Health',
  LabourExploitationRehabilitation: 'Labour exploitation rehabilitation',
  Legal: 'Legal',
  Livelihood: 'Livelihood',
  RightsBasedTraining: 'Rights-based training',
  SexualExploitationRehabilitation: 'Sexual exploitation rehabilitation',
  SocialCare: 'Social care',
};

export const GOAL_DOMAIN_LABELS: Record<GoalDomain, string> = {
  housing: 'Housing',
  employment: 'Employment',
  education: 'Education',
  health: 'Health',
  mental_health: 'Mental health',
  legal: 'Legal',
  safety: 'Safety',
  financial: 'Financial',
  family: 'Family',
  other: 'Other',
};

export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  achieved: 'Achieved',
  partially_achieved: 'Partially achieved',
  discontinued: 'Discontinued',
};

export const TASK_OWNER_LABELS: Record<TaskOwner, string> = { survivor: 'Survivor', caseworker: 'Caseworker', partner: 'Partner' };

export const AGREEMENT_METHOD_LABELS: Record<AgreementMethod, string> = {
  in_person_signature: 'In person, signed',
  in_person_verbal: 'In person, spoken',
  phone: 'By phone',
  video: 'By video call',
  electronic: 'Electronically',
};

export const ASSESSMENT_STAGE_LABELS: Record<AssessmentStage, string> = {
  intake: 'Intake',
  '90_days': '90 days',
  '180_days': '180 days',
  '365_days': '365 days',
  exit: 'Exit',
};

export const EMPLOYMENT_LABELS: Record<EmploymentStatus, string> = {
  employed_full_time: 'Employed full time',
  employed_part_time: 'Employed part time',
  employed_seasonal: 'Employed, seasonal',
  not_employed_looking: 'Not employed, looking for work',
  not_employed_unable: 'Not employed, unable to work',
  not_employed_not_looking: 'Not employed, not looking',
  unknown: 'Unknown',
};

export const EDUCATION_LABELS: Record<EducationStatus, string> = {
  none: 'None',
  school: 'In school',
  vocational_training: 'Vocational training',
  higher_education: 'Higher education',
  completed_program: 'Completed a program',
  unknown: 'Unknown',
};

export const INCOME_CHANGE_LABELS: Record<IncomeChange, string> = { increased: 'Increased', same: 'About the same', decreased: 'Decreased', unknown: 'Unknown' };

export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  completed_plan: 'Completed the service plan',
  referred_out: 'Referred to another program',
  moved_away: 'Moved away',
  lost_contact: 'Lost contact',
  client_declined: 'The person declined further services',
  needs_not_met: 'Needs could not be met',
  deceased: 'Deceased',
  other: 'Other',
};

export const HOUSING_CATEGORY_LABELS: Record<HousingCategory, string> = {
  homeless: 'Homeless',
  institutional: 'Institutional',
  temporary: 'Temporary',
  permanent: 'Permanent',
  other: 'Other or unknown',
};

export const PLAN_TYPE_CHOICES = choicesFrom(PLAN_TYPES, PLAN_TYPE_LABELS);
export const GOAL_DOMAIN_CHOICES = choicesFrom(GOAL_DOMAINS, GOAL_DOMAIN_LABELS);
export const GOAL_STATUS_CHOICES = choicesFrom(GOAL_STATUSES, GOAL_STATUS_LABELS);
export const TASK_OWNER_CHOICES = choicesFrom(TASK_OWNERS, TASK_OWNER_LABELS);
export const AGREEMENT_METHOD_CHOICES = choicesFrom(AGREEMENT_METHODS, AGREEMENT_METHOD_LABELS);
export const ASSESSMENT_STAGE_CHOICES = choicesFrom(ASSESSMENT_STAGES, ASSESSMENT_STAGE_LABELS);
export const EMPLOYMENT_CHOICES = choicesFrom(EMPLOYMENT_STATUSES, EMPLOYMENT_LABELS);
export const EDUCATION_CHOICES = choicesFrom(EDUCATION_STATUSES, EDUCATION_LABELS);
export const INCOME_CHANGE_CHOICES = choicesFrom(INCOME_CHANGES, INCOME_CHANGE_LABELS);
export const CLOSURE_REASON_CHOICES = choicesFrom(CLOSURE_REASONS, CLOSURE_REASON_LABELS);

/** "410 · Rental, no ongoing subsidy". */
export function hmisLabel(code: number | null | undefined): string {
  if (code === null || code === undefined) return '—';
  return HMIS_LIVING_SITUATIONS[code] ?? String(code);
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
    codes: codes.filter((code) => housingCategoryOf(code) === category).map((code) => ({ code, name: HMIS_LIVING_SITUATIONS[code] })),
  }));
}
