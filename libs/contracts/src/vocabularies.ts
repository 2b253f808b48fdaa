/**
 * Vocabularies of survivor records. Value names are HTCDS 2.0's (Human Trafficking Case Data Standard,
 * IOM, CC BY 4.0) wherever HTCDS has the field, so exports map to HTCDS and CTDC without translation.
 */

/** HTCDS prs_Gender. */
export const GENDERS = ['Feminine', 'Masculine', 'TransgenderFeminine', 'TransgenderMasculine', 'NonConforming', 'NonSpecifiedUnknown'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * One gender vocabulary (issue 13): the outcome metrics publish coarse groups of the recorded genders
 * (METRIC_DIMENSIONS.gender in metrics.ts), and each group is named with the words of the recorded
 * gender it is named after (`GENDER_GROUP_NAMED_AFTER`): "Woman" on the intake is "Woman" in the
 * metrics, where transgender women are counted as women and transgender men as men. The SQL of the
 * metrics (apps/api/src/features/metrics/metric-queries.ts) groups the same way.
 */
export const GENDER_GROUPS = ['woman', 'man', 'gender_diverse', 'unknown'] as const;
export type GenderGroup = (typeof GENDER_GROUPS)[number];

export const GENDER_GROUP_OF: Readonly<Record<Gender, GenderGroup>> = {
  Feminine: 'woman',
  TransgenderFeminine: 'woman',
  Masculine: 'man',
  TransgenderMasculine: 'man',
  NonConforming: 'gender_diverse',
  NonSpecifiedUnknown: 'unknown',
};

/** The recorded gender whose words name each group (also its HTCDS value in the metrics archive). */
export const GENDER_GROUP_NAMED_AFTER: Readonly<Record<GenderGroup, Gender>> = {
  woman: 'Feminine',
  man: 'Masculine',
  gender_diverse: 'NonConforming',
  unknown: 'NonSpecifiedUnknown',
};

/** The group a recorded gender is counted in; no gender recorded is `unknown`. */
export function genderGroupOf(gender: Gender | null | undefined): GenderGroup {
  return gender ? GENDER_GROUP_OF[gender] : 'unknown';
}

/** HTCDS TypeOfExploitation. */
export const EXPLOITATION_TYPES = [
  'SexualExploitation',
  'ForcedLabour',
  'ChildLabour',
  'ForcedMarriage',
  'Servitude',
  'ForcedMilitaryByNonStateActors',
  'OrganRemoval',
  'ForcedBegging',
  'ForcedAdoption',
  'Surrogacy',
  'Other',
] as const;
export type ExploitationType = (typeof EXPLOITATION_TYPES)[number];

/** HTCDS MethodsOfControl. */
export const CONTROL_METHODS = [
  'PhysicalThreats',
  'ThreatsLawEnforcement',
  'ThreatensChildrenFamily',
  'DebtBondage',
  'FalsePromises',
  'PhysicalAbuse',
  'SexualAbuse',
  'TakesEarnings',
  'RestrictsFinancialAccess',
  'RestrictsMedicalCare',
  'WithholdsNecessities',
  'PsychologicalAbuse',
  'PsychoactiveSubstance',
  'ExcessiveWorkingHours',
  'WithholdsDocuments',
  'Other',
] as const;
export type ControlMethod = (typeof CONTROL_METHODS)[number];

/** HTCDS MethodOfRecruitment. */
export const RECRUITMENT_METHODS = [
  'AtAPlaceOfBusiness',
  'AtAnEducationalInstitution',
  'AtWork',
  'ThroughOnlineSocialNetworks',
  'ThroughAnOnlineAdvertisement',
  'ThroughATelevisionAdvert',
  'ThroughANewspaperAdvert',
  'ThroughFamilyOrFamilyEvents',
  'ThroughFriendsOrSocialEvents',
  'Other',
] as const;
export type RecruitmentMethod = (typeof RECRUITMENT_METHODS)[number];

/** HTCDS vic_TraffickingStatus. */
export const TRAFFICKING_STATUSES = ['PossibleVictimOfTrafficking', 'ActualVictimOfTrafficking', 'NotAVictimOfTrafficking'] as const;
export type TraffickingStatus = (typeof TRAFFICKING_STATUSES)[number];

/** HTCDS vic_ForcedLabourIndustry: one ISIC Rev. 4 section, value names as HTCDS spells them. */
export const FORCED_LABOUR_INDUSTRIES = [
  'A_AgricultureForestryAndFishing',
  'B_MiningAndQuarrying',
  'C_Manufacturing',
  'D_ElectricityGasSteamAndAirConditioningSupply',
  'E_WaterSupplySewerageWasteManagement',
  'F_Construction',
  'G_WholesaleAndRetailTradeRepairOfMotorVehicles',
  'H_TransportationAndStorage',
  'I_AccommodationAndFoodServiceActivities',
  'J_InformationAndCommunication',
  'K_FinancialAndInsuranceActivities',
  'L_RealEstateActivities',
  'M_ProfessionalScientificAndTechnicalActivities',
  'N_AdministrativeAndSupportServiceActivities',
  'O_PublicAdministrationAndDefence',
  'P_Education',
  'Q_HumanHealthAndSocialWorkActivities',
  'R_ArtsEntertainmentAndRecreation',
  'S_OtherServiceActivities',
  'T_ActivitiesOfHouseholdsAsEmployers',
  'U_ActivitiesOfExtraterritorialOrganizations',
] as const;
export type ForcedLabourIndustry = (typeof FORCED_LABOUR_INDUSTRIES)[number];

/** HTCDS vic_TypeOfSexExploitation (multiselect). */
export const SEXUAL_EXPLOITATION_TYPES = ['Prostitution', 'Pornography', 'RemoteInteractiveServices', 'PrivateSexualServices'] as const;
export type SexualExploitationType = (typeof SEXUAL_EXPLOITATION_TYPES)[number];

/** HTCDS vic_RelationshipToTrafficker; `Unaquainted` is HTCDS's own spelling, kept so exports map as they are. */
export const TRAFFICKER_RELATIONSHIPS = ['Familial', 'Acquainted', 'Unaquainted'] as const;
export type TraffickerRelationship = (typeof TRAFFICKER_RELATIONSHIPS)[number];

/** HTCDS vic_AgeWhenTrafficked: whole years, at most this. */
export const AGE_WHEN_TRAFFICKED_MAX = 120;

/** The free-text region next to a country of recruitment or exploitation (encrypted at rest). */
export const INTAKE_REGION_MAX = 200;

/** Immediate needs at intake (docs/data-dictionary.md). */
export const IMMEDIATE_NEEDS = [
  'safety',
  'shelter',
  'medical',
  'legal',
  'food',
  'clothing',
  'mental_health',
  'interpretation',
  'immigration',
] as const;
export type ImmediateNeed = (typeof IMMEDIATE_NEEDS)[number];

/**
 * Who identified the person (HTCDS TraffickingStatusDecisionMakingOrg, plus the ways people reach a
 * grassroots program on their own).
 */
export const IDENTIFIED_BY = [
  'Police',
  'NGO',
  'CourtOrProsecution',
  'NonPoliceGovernmentalOrganization',
  'SelfReferral',
  'Hotline',
  'HealthcareProvider',
  'FamilyOrFriend',
  'Outreach',
  'Other',
] as const;
export type IdentifiedBy = (typeof IDENTIFIED_BY)[number];

/** How the case came to the program (the referral source of the Case of docs/data-dictionary.md). */
export const REFERRAL_SOURCES = [
  'Hotline',
  'LawEnforcement',
  'NGO',
  'HealthcareProvider',
  'SchoolOrCollege',
  'FaithCommunity',
  'SelfReferral',
  'FamilyOrFriend',
  'Outreach',
  'Other',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const CASE_STATUSES = ['intake', 'active', 'on_hold', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Allowed case transitions: intake → active ⇄ on_hold → closed, and reopen (closed → active). */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  intake: ['active', 'closed'],
  active: ['on_hold', 'closed'],
  on_hold: ['active', 'closed'],
  closed: ['active'],
};

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * The intake risk screening: a short fixed questionnaire. Each "yes" adds its weight; a critical "yes"
 * makes the risk high whatever the total. 0–2 low, 3–5 medium, 6+ high.
 */
export const RISK_QUESTIONS = [
  { id: 'inContactWithTrafficker', text: 'Is the person still in contact with the trafficker or their associates?', weight: 3, critical: true },
  { id: 'traffickerKnowsLocation', text: 'Does the trafficker know where the person lives or stays now?', weight: 3, critical: true },
  { id: 'threatsLast30Days', text: 'Has the person or their family been threatened in the last 30 days?', weight: 2, critical: false },
  { id: 'noSafePlaceTonight', text: 'Does the person lack a safe place to stay tonight?', weight: 2, critical: false },
  { id: 'minor', text: 'Is the person under 18?', weight: 2, critical: false },
  { id: 'urgentMedicalNeed', text: 'Does the person need urgent medical care?', weight: 2, critical: false },
  { id: 'childrenAtRisk', text: 'Are the person’s children at risk?', weight: 2, critical: false },
  { id: 'substanceDependence', text: 'Is the person dependent on a substance the trafficker supplied?', weight: 1, critical: false },
] as const;
export type RiskQuestionId = (typeof RISK_QUESTIONS)[number]['id'];
export type RiskAnswers = Partial<Record<RiskQuestionId, boolean>>;

export function riskLevelOf(answers: RiskAnswers): RiskLevel {
  let score = 0;
  for (const q of RISK_QUESTIONS) {
    if (answers[q.id] === true) {
      if (q.critical) return 'high';
      score += q.weight;
    }
  }
  return score >= 6 ? 'high' : score >= 3 ? 'medium' : 'low';
}

/**
 * The risk level the answers settle, or null while they do not (issue 13: "not assessed" until the
 * questions are answered, never "low" before any answer). Settled means every question answered, or
 * already `high` (a critical "yes", or enough weight): later answers only add, so they cannot lower it.
 */
export function assessedRiskLevelOf(answers: RiskAnswers | null | undefined): RiskLevel | null {
  const given = answers ?? {};
  const level = riskLevelOf(given);
  if (level === 'high') return level;
  return RISK_QUESTIONS.every((q) => typeof given[q.id] === 'boolean') ? level : null;
}

export const CONSENT_PURPOSES = ['services', 'referral', 'share_with_partner', 'anonymized_reporting'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_METHODS = ['verbal', 'written', 'electronic'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** Survivor fields a survivor may agree to share with a partner organization. */
export const SHAREABLE_SURVIVOR_FIELDS = [
  'alias',
  'preferredName',
  'legalName',
  'dateOfBirth',
  'birthYear',
  'gender',
  'pronouns',
  'languages',
  'citizenship',
  'phone',
  'email',
  'address',
  'safeContactInstructions',
  /** From the intake: what the person needs now. */
  'immediateNeeds',
] as const;
export type ShareableSurvivorField = (typeof SHAREABLE_SURVIVOR_FIELDS)[number];

export const NOTE_TYPES = ['contact', 'session', 'safety_planning', 'case_review', 'advocacy', 'other'] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

export const CONTACT_METHODS = ['in_person', 'phone', 'video', 'text_message', 'email', 'none'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export const REFERRAL_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'in_progress', 'completed', 'cancelled'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** The referral workflow (docs/data-dictionary.md); `cancelled` by the sender from any open state. */
export const REFERRAL_TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  draft: ['sent', 'cancelled'],
  sent: ['accepted', 'declined', 'cancelled'],
  accepted: ['in_progress', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  declined: [],
  completed: [],
  cancelled: [],
};

/**
 * Re-routing (one move, `POST /referrals/:id/reroute`): a referral the partner has not finished is
 * cancelled, a declined one is left as it is, and a new referral goes to another partner, linked to it.
 * A draft is edited instead, and a completed or cancelled referral is history. Which role may re-route
 * is in @lantern/permissions (REFERRAL_MOVES_BY_ROLE), with every other move.
 */
export const REFERRAL_REROUTE_FROM: readonly ReferralStatus[] = ['sent', 'accepted', 'in_progress', 'declined'];

/** What became of a completed referral (issue 13): recorded by the partner when completing it. */
export const REFERRAL_OUTCOMES = ['housed', 'enrolled', 'services_given', 'not_served'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** Why a completed referral ended without the service (`not_served`). */
export const REFERRAL_NOT_SERVED_REASONS = ['no_capacity', 'not_eligible', 'survivor_declined', 'unreachable', 'other'] as const;
export type ReferralNotServedReason = (typeof REFERRAL_NOT_SERVED_REASONS)[number];

export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['draft', 'sent', 'accepted', 'in_progress'];

/**
 * Open, as partner staff see it: sent to them and not yet finished (issue 11). A draft was never sent
 * (the partner knows nothing of it); declined, completed and cancelled referrals are over, and with
 * them the partner's access to the referral, its tasks and the survivor's consented fields.
 */
export const PARTNER_OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['sent', 'accepted', 'in_progress'];

export const REFERRAL_URGENCIES = ['routine', 'urgent', 'emergency'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

/** The US federal benchmark: matched to a provider within 48 hours. */
export const REFERRAL_RESPONSE_HOURS = 48;

/**
 * The reminders of the daily job (issue 14, workflows/reminders), each of which a user may turn off:
 * each names a case by number, never a person. Every one of them is on until the user says otherwise.
 * (A referral without an answer for 48 hours is a call to act, not a reminder: `referral_overdue` comes
 * from the referrals' own check and cannot be turned off.)
 */
export const REMINDER_KINDS = [
  'task_due',
  'task_overdue',
  'plan_review_due',
  'assessment_due',
  'assessment_overdue',
  'consent_expiring',
  'appointment_tomorrow',
  /** A case document (an ID, a visa) expires within 30 days (issue 15). */
  'document_expiring',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export const NOTIFICATION_KINDS = [
  'referral_received',
  'referral_response',
  'referral_overdue',
  'referral_update',
  'unusual_reads',
  /** Many failed guesses of one account's password or second factor (issue 11): the account is not locked. */
  'failed_secret_checks',
  /** One person's name searches look like a sweep (many searches, or many birth years for one name). */
  'search_sweep',
  /** A background job failed after its retries (issue 14, kernel/jobs): names the job, never its data. */
  'job_failed',
  /** The virus scanner quarantined an upload (issue 15): names the case by id, never the file or a person. */
  'document_quarantined',
  ...REMINDER_KINDS,
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Support-plan types (HTCDS 2.0 Support Plan › Type). */
export const PLAN_TYPES = [
  'Education',
  'Financial',
  'Health',
  'LabourExploitationRehabilitation',
  'Legal',
  'Livelihood',
  'RightsBasedTraining',
  'SexualExploitationRehabilitation',
  'SocialCare',
] as const;
export type PlanType = (typeof PLAN_TYPES)[number];

export const GOAL_DOMAINS = ['housing', 'employment', 'education', 'health', 'mental_health', 'legal', 'safety', 'financial', 'family', 'other'] as const;
export type GoalDomain = (typeof GOAL_DOMAINS)[number];

export const GOAL_STATUSES = ['not_started', 'in_progress', 'achieved', 'partially_achieved', 'discontinued'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
/** Statuses that end a goal: they carry the date reached. */
export const GOAL_FINAL_STATUSES: readonly GoalStatus[] = ['achieved', 'partially_achieved', 'discontinued'];

export const TASK_OWNERS = ['survivor', 'caseworker', 'partner'] as const;
export type TaskOwner = (typeof TASK_OWNERS)[number];

export const AGREEMENT_METHODS = ['in_person_signature', 'in_person_verbal', 'phone', 'video', 'electronic'] as const;
export type AgreementMethod = (typeof AGREEMENT_METHODS)[number];

export const ASSESSMENT_STAGES = ['intake', '90_days', '180_days', '365_days', 'exit'] as const;
export type AssessmentStage = (typeof ASSESSMENT_STAGES)[number];
/** Days after the case opened when a follow-up stage is due (exit is due at closure). */
export const ASSESSMENT_DUE_DAYS: Record<Exclude<AssessmentStage, 'exit'>, number> = { intake: 0, '90_days': 90, '180_days': 180, '365_days': 365 };

/** Reminders of a stage start two weeks before it is due; it is overdue 30 days after; after 90 it is missed. */
export const ASSESSMENT_WINDOW = { remindDaysBefore: 14, overdueDaysAfter: 30, missedDaysAfter: 90 } as const;

/**
 * HUD HMIS FY2024 living situation / destination codes (3.12, 3.917, 4.12). The hundreds digit is the
 * category; 335 and 336 are living situations only, never exit destinations.
 */
export const HMIS_LIVING_SITUATIONS: Record<number, string> = {
  101: 'Emergency shelter',
  116: 'Place not meant for habitation',
  118: 'Safe Haven',
  204: 'Psychiatric facility',
  205: 'Substance-use treatment or detox',
  206: 'Non-psychiatric hospital',
  207: 'Jail, prison or juvenile detention',
  215: 'Foster care',
  225: 'Long-term care or nursing home',
  302: 'Transitional housing for homeless persons',
  312: 'Staying with family, temporary tenure',
  313: 'Staying with friends, temporary tenure',
  314: 'Hotel or motel without an emergency shelter voucher',
  327: 'HOPWA transitional housing',
  329: 'Residential project or halfway house',
  332: 'Host Home (non-crisis)',
  335: "Staying in a family member's room or house",
  336: "Staying in a friend's room or house",
  410: 'Rental, no ongoing subsidy',
  411: 'Owned, no ongoing subsidy',
  421: 'Owned, with ongoing subsidy',
  422: 'Staying with family, permanent tenure',
  423: 'Staying with friends, permanent tenure',
  426: 'HOPWA permanent housing',
  435: 'Rental, with ongoing subsidy',
  17: 'Other',
  24: 'Deceased',
  30: 'No exit interview completed',
  37: 'Worker unable to determine',
  8: "Client doesn't know",
  9: 'Client prefers not to answer',
  99: 'Data not collected',
};
export const HMIS_LIVING_ONLY = [335, 336];

export const HOUSING_CATEGORIES = ['homeless', 'institutional', 'temporary', 'permanent', 'other'] as const;
export type HousingCategory = (typeof HOUSING_CATEGORIES)[number];

/** The HMIS category of a living-situation code: 1xx homeless, 2xx institutional, 3xx temporary, 4xx permanent. */
export function housingCategoryOf(code: number): HousingCategory {
  const hundreds = Math.floor(code / 100);
  return hundreds === 1 ? 'homeless' : hundreds === 2 ? 'institutional' : hundreds === 3 ? 'temporary' : hundreds === 4 ? 'permanent' : 'other';
}

/** HMIS R6 employment, flattened: employed (full-time, part-time, seasonal) or why not. */
export const EMPLOYMENT_STATUSES = [
  'employed_full_time',
  'employed_part_time',
  'employed_seasonal',
  'not_employed_looking',
  'not_employed_unable',
  'not_employed_not_looking',
  'unknown',
] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

export const EDUCATION_STATUSES = ['none', 'school', 'vocational_training', 'higher_education', 'completed_program', 'unknown'] as const;
export type EducationStatus = (typeof EDUCATION_STATUSES)[number];

export const INCOME_CHANGES = ['increased', 'same', 'decreased', 'unknown'] as const;
export type IncomeChange = (typeof INCOME_CHANGES)[number];

export const CLOSURE_REASONS = ['completed_plan', 'referred_out', 'moved_away', 'lost_contact', 'client_declined', 'needs_not_met', 'deceased', 'other'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
