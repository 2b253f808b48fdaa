import type {
  AgreementMethod,
  AssessmentStage,
  CaseStatus,
  ClosureReason,
  ConsentMethod,
  ConsentPurpose,
  ContactMethod,
  ControlMethod,
  EducationStatus,
  EmploymentStatus,
  ExploitationType,
  ForcedLabourIndustry,
  Gender,
  GoalDomain,
  GoalStatus,
  IdentifiedBy,
  ImmediateNeed,
  IncomeChange,
  NoteType,
  NotificationKind,
  PlanType,
  RecruitmentMethod,
  ReferralOutcome,
  ReferralSource,
  ReferralStatus,
  ReferralUrgency,
  RiskAnswers,
  RiskLevel,
  ServiceType,
  SexualExploitationType,
  ShareableSurvivorField,
  TaskOwner,
  TraffickerRelationship,
  TraffickingStatus,
} from '@lantern/contracts';

/**
 * The records the generator makes (docs/data-dictionary.md), in one file that imports nothing of the
 * generator: cases.ts, referrals.ts and plans.ts all build and read them, and would otherwise import
 * one another in a cycle. Values are in clear; the API's loader (apps/api/src/seed/synthetic-loader.ts)
 * encrypts what the services would encrypt.
 */

/** Choices with their weights, for `faker.helpers.weightedArrayElement`. */
export type Weighted<T> = readonly { value: T; weight: number }[];

/** A partner organization as referrals need it. */
export interface SyntheticPartner {
  id: string;
  name: string;
  serviceTypes: readonly ServiceType[];
  acceptingReferrals: boolean;
  /** Its staff with a Lantern account, who answer referrals; without any, a coordinator records the answers. */
  userIds: readonly string[];
}

/** Who a generated case can involve: the organization's caseworkers and partner organizations. */
export interface SyntheticOrg {
  organizationId: string;
  caseworkerIds: readonly string[];
  partnerOrgIds: readonly string[];
  /** Active partners with their services, for referrals (none: no referral is generated). */
  partners?: readonly SyntheticPartner[];
  /** Coordinators, who send and withdraw referrals (none: no referral is generated). */
  coordinatorIds?: readonly string[];
}

export interface SyntheticSurvivor {
  id: string;
  alias: string;
  legalName: string;
  preferredName: string | null;
  /** ISO date. */
  dateOfBirth: string;
  birthYear: number;
  gender: Gender;
  pronouns: string | null;
  citizenship: string[];
  languages: string[];
  phone: string | null;
  email: string | null;
  address: string | null;
  safeContactInstructions: string | null;
}

export interface SyntheticCase {
  id: string;
  status: CaseStatus;
  assignedCaseworkerId: string;
  riskLevel: RiskLevel | null;
  referralSource: ReferralSource;
  exploitationTypes: ExploitationType[];
  openedAt: Date;
  closedAt: Date | null;
  exitDestination: number | null;
  closureReason: ClosureReason | null;
  lastContactAt: Date | null;
  updatedAt: Date;
}

export interface SyntheticStatusChange {
  id: string;
  fromStatus: CaseStatus;
  toStatus: CaseStatus;
  reason: string | null;
  changedAt: Date;
}

export interface SyntheticIntake {
  id: string;
  /** ISO date. */
  intakeDate: string | null;
  identifiedBy: IdentifiedBy | null;
  exploitationTypes: ExploitationType[];
  controlMethods: ControlMethod[];
  recruitmentMethods: RecruitmentMethod[];
  immediateNeeds: ImmediateNeed[];
  riskScreening: RiskAnswers | null;
  riskLevel: RiskLevel | null;
  narrative: string | null;
  /** The HTCDS core (issue 17, part 2); no region texts. */
  traffickingStatus: TraffickingStatus | null;
  recruitmentCountry: string | null;
  exploitationCountry: string | null;
  forcedLabourIndustry: ForcedLabourIndustry | null;
  sexualExploitationTypes: SexualExploitationType[];
  relationshipToTrafficker: TraffickerRelationship | null;
  ageWhenTrafficked: number | null;
  status: 'draft' | 'submitted';
  createdAt: Date;
  submittedAt: Date | null;
}

export interface SyntheticConsent {
  id: string;
  purpose: ConsentPurpose;
  partnerOrgId: string | null;
  sharedFields: ShareableSurvivorField[];
  method: ConsentMethod;
  grantedAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revocationReason: string | null;
}

export interface SyntheticNote {
  id: string;
  noteType: NoteType;
  contactMethod: ContactMethod;
  body: string;
  restricted: boolean;
  occurredAt: Date;
}

/** One case with everything recorded around it. The case number is given when it is loaded. */
export interface SyntheticCaseBundle {
  survivor: SyntheticSurvivor;
  kase: SyntheticCase;
  assignmentId: string;
  statusChanges: SyntheticStatusChange[];
  intake: SyntheticIntake;
  /** Partner-sharing consents recorded for referrals come after the case's own. */
  consents: SyntheticConsent[];
  notes: SyntheticNote[];
  referrals: SyntheticReferral[];
  /** Service plans (with versions, goals, tasks), oldest first. */
  plans: SyntheticPlan[];
  /** Outcome assessments, by stage. */
  assessments: SyntheticAssessment[];
}

export type ReferralActorRole = 'caseworker' | 'coordinator' | 'partner';

export interface SyntheticReferralTransition {
  id: string;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  reason: string | null;
  actorId: string;
  actorRole: ReferralActorRole;
  occurredAt: Date;
}

export interface SyntheticReferral {
  id: string;
  partnerOrgId: string;
  serviceType: ServiceType;
  urgency: ReferralUrgency;
  /** In clear; the loader encrypts it. */
  reason: string | null;
  sharedFields: ShareableSurvivorField[];
  status: ReferralStatus;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  version: number;
  sentAt: Date | null;
  respondedAt: Date | null;
  startedAt: Date | null;
  completedAt: Date | null;
  cancelledAt: Date | null;
  declineReason: string | null;
  suggestedPartnerOrgId: string | null;
  consentId: string | null;
  consentOverrideReason: string | null;
  /** In clear; the loader encrypts it. */
  outcomeNote: string | null;
  /** The structured outcome of a completed referral (issue 13); set from the service, no dice thrown. */
  outcome: ReferralOutcome | null;
  overdueNotifiedAt: Date | null;
  transitions: SyntheticReferralTransition[];
}

/** An in-app notification as the referral service would have written it. */
export interface SyntheticNotification {
  id: string;
  userId: string;
  kind: NotificationKind;
  title: string;
  referralId: string;
  caseId: string | null;
  createdAt: Date;
  readAt: Date | null;
}

export interface SyntheticPlanVersion {
  id: string;
  revision: number;
  /** ISO date. */
  agreedOn: string;
  method: AgreementMethod;
  witnessedBy: string;
  /** The goals and tasks as agreed, JSON in clear; the loader encrypts it. */
  content: string;
  createdAt: Date;
}

export interface SyntheticTask {
  id: string;
  /** In clear; the loader encrypts it. */
  description: string;
  owner: TaskOwner;
  referralId: string | null;
  partnerOrgId: string | null;
  dueDate: string | null;
  doneAt: Date | null;
  createdAt: Date;
}

export interface SyntheticGoal {
  id: string;
  domain: GoalDomain;
  /** In the survivor's words, in clear; the loader encrypts it. */
  description: string;
  targetDate: string | null;
  status: GoalStatus;
  reachedOn: string | null;
  referralIds: string[];
  createdAt: Date;
  updatedAt: Date;
  tasks: SyntheticTask[];
}

export interface SyntheticPlan {
  id: string;
  planNumber: number;
  planType: PlanType;
  status: 'active' | 'superseded' | 'closed';
  startsOn: string;
  reviewDate: string;
  revision: number;
  agreedRevision: number | null;
  agreedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** Every revision the survivor agreed to, oldest first. */
  versions: SyntheticPlanVersion[];
  goals: SyntheticGoal[];
}

export interface SyntheticAssessment {
  id: string;
  stage: AssessmentStage;
  assessedOn: string;
  housingSituation: number | null;
  employment: EmploymentStatus | null;
  education: EducationStatus | null;
  monthlyIncome: number | null;
  incomeChange: IncomeChange | null;
  safetyRating: number | null;
  returnedToTrafficker: boolean | null;
  createdAt: Date;
}
