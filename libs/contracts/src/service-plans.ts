import type {
  AgreementMethod,
  AssessmentStage,
  ClosureReason,
  EducationStatus,
  EmploymentStatus,
  GoalDomain,
  GoalStatus,
  HousingCategory,
  IncomeChange,
  PlanType,
  TaskOwner,
} from './vocabularies.js';
import type { CustomValue } from './custom-fields.js';

/** A task of a goal. Partner staff get only their own tasks, without the case or plan ids. */
export interface TaskResponse {
  id: string;
  organizationId?: string;
  planId?: string;
  goalId: string;
  caseId?: string;
  description: string;
  owner: TaskOwner;
  referralId: string | null;
  partnerOrgId?: string | null;
  dueDate: string | null;
  doneAt: string | null;
  /** Not done and past its due date (computed by the API from its clock). */
  overdue: boolean;
  createdAt?: string;
  updatedAt?: string;
  version: number;
}

export interface GoalResponse {
  id: string;
  organizationId?: string;
  planId: string;
  caseId: string;
  domain: GoalDomain;
  description: string;
  targetDate: string | null;
  status: GoalStatus;
  /** When a final status (achieved, partially achieved, discontinued) was reached. */
  reachedOn: string | null;
  referralIds: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
  /** In the goal list only: the goal's custom values the reader's role may read, by key (docs/custom-fields.md, "In lists"). */
  custom?: Record<string, CustomValue>;
}

/** A goal inside a plan (GET /service-plans/:id), with its tasks. */
export interface PlanGoal extends GoalResponse {
  tasks: TaskResponse[];
}

export type ServicePlanStatus = 'active' | 'superseded' | 'closed';

export interface ServicePlanResponse {
  id: string;
  organizationId?: string;
  caseId: string;
  planNumber: number;
  planType: PlanType;
  status: ServicePlanStatus;
  startsOn: string;
  reviewDate: string;
  /** Raised by the first change to what was agreed after an agreement. */
  revision: number;
  agreedRevision: number | null;
  agreedAt: string | null;
  /** The survivor agreed to the plan as it stands. */
  agreementCurrent: boolean;
  reviewOverdue: boolean;
  /** Present on a single plan, not in lists. */
  goals?: PlanGoal[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** One agreed revision of a plan: who witnessed it, how, when, and the goals as agreed. */
export interface ServicePlanVersionResponse {
  id: string;
  revision: number;
  agreedOn: string;
  method: AgreementMethod;
  witnessedBy: string;
  goals: PlanGoal[];
  createdAt: string;
}

export interface OutcomeResponse {
  id: string;
  /** The organization whose record it is (read-only; a stock react-admin client sends it back unchanged). */
  organizationId: string;
  caseId: string;
  survivorId?: string;
  stage: AssessmentStage;
  assessedOn: string;
  /** HUD HMIS FY2024 living situation code. */
  housingSituation: number | null;
  housingCategory: HousingCategory | null;
  employment: EmploymentStatus | null;
  education: EducationStatus | null;
  monthlyIncome: number | null;
  incomeChange: IncomeChange | null;
  /** 1 (not safe at all) to 5 (completely safe). */
  safetyRating: number | null;
  returnedToTrafficker: boolean | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** In the outcome list only: the assessment's custom values the reader's role may read, by key (docs/custom-fields.md, "In lists"). */
  custom?: Record<string, CustomValue>;
}

export type ClosureBlocker = 'EXIT_ASSESSMENT_MISSING' | 'OPEN_REFERRALS' | 'ALREADY_CLOSED' | 'REQUIRED_FIELDS_MISSING';

/** GET /cases/:id/closure-check: what stands between a case and its closure. */
export interface ClosureCheckResponse {
  canClose: boolean;
  /** `fields` (REQUIRED_FIELDS_MISSING): what the organization's form settings require at closure, as `<form>.<field>` (docs/forms.md). */
  missing: { code: ClosureBlocker; message: string; count?: number; fields?: string[] }[];
  openReferrals: number;
  /**
   * Open referrals the person asking may not cancel (REFERRAL_MOVES_BY_ROLE: a caseworker withdraws
   * only drafts), by id and status: closing with `cancelOpenReferrals` is refused while there are any.
   */
  referralsNotYours: { id: string; status: string }[];
}

export interface CloseCaseBody {
  closureReason: ClosureReason;
  exitDestination: number;
  cancelOpenReferrals?: boolean;
  note?: string;
  version?: number;
}
