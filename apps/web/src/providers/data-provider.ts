import type {
  CustomFieldResponse,
  CustomFieldVersionResponse,
  CustomFormResponse,
  IntakeRevisionResponse,
  AttentionResponse,
  AuditChainStatusResponse,
  BreakGlassGrantResponse,
  CaseHistoryEntry,
  CaseloadEntry,
  CaseResponse,
  CaseStatus,
  ClosureCheckResponse,
  CloseCaseBody,
  GoalDomain,
  GoalResponse,
  GoalStatus,
  ServicePlanResponse,
  ServicePlanVersionResponse,
  AgreementMethod,
  TaskResponse,
  ConsentResponse,
  IntakeResponse,
  NotificationResponse,
  SurvivorResponse,
} from '@lantern/contracts';
import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, RaRecord, UpdateParams, UpdateResult } from 'react-admin';
import type {
  NewReferralBody,
  PartnerDirectoryEntry,
  Referral,
  ReferralSuggestion,
  ReferralTimelineEntry,
  ReferralTransitionBody,
} from '../referrals/referral-types';
import { flatCustomFilter } from '../custom-fields/custom-list-filter';
import { api, API_URL, ApiError, httpClient } from './http';
import { getCappedList, wantsCappedCount } from './capped-list';

/** Fields the API computes; never sent back, whatever the form holds. */
const READ_ONLY = new Set(['id', 'version', 'organizationId', 'createdAt', 'updatedAt', 'lastLoginAt', 'mfaEnabled', 'permissions']);

function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}

/**
 * The API accepts only the fields that change plus the `version` that was read (optimistic
 * concurrency, no mass assignment), so an edit form's full record is reduced to its differences.
 */
export function changedFields(data: Record<string, unknown>, previous: Record<string, unknown>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (READ_ONLY.has(key) || value === undefined) continue;
    if (!sameValue(value, previous[key])) changes[key] = value;
  }
  return changes;
}

function notSupported(what: string): Promise<never> {
  return Promise.reject(
    new ApiError(`${what} is not possible in Lantern.`, 405, { code: 'METHOD_NOT_ALLOWED', message: `${what} is not possible in Lantern.`, fieldErrors: {} }),
  );
}

const rest = simpleRestProvider(API_URL, httpClient);

function recordUrl(resource: string, id: RaRecord['id']): string {
  return `${API_URL}/${resource}/${encodeURIComponent(String(id))}`;
}

export type IntakeRevision = IntakeRevisionResponse;

export interface SurvivorSearchResult {
  matches: SurvivorResponse[];
  /** Matching records the caller may not open: counted, never shown. */
  elsewhereInOrganization: number;
}

/**
 * The actions of case records that are not plain edits (docs/architecture.md): each one is a POST to an
 * action path, pessimistic (the screen changes when the API has answered), never retried by itself.
 */
export interface LanternDataProvider extends DataProvider {
  caseload(): Promise<CaseloadEntry[]>;
  /** Coordinators: what is overdue across the program, and the cases behind it. */
  attention(): Promise<AttentionResponse>;
  caseHistory(caseId: string): Promise<CaseHistoryEntry[]>;
  transitionCase(caseId: string, body: { to: CaseStatus; reason?: string; version?: number }): Promise<CaseResponse>;
  /** What is missing before the case can be closed, for the close dialog to explain. */
  closureCheck(caseId: string): Promise<ClosureCheckResponse>;
  closeCase(caseId: string, body: CloseCaseBody): Promise<CaseResponse>;
  reopenCase(caseId: string, body: { reason: string; version?: number }): Promise<CaseResponse>;
  /** One plan with its goals and tasks (an audited read). */
  servicePlan(planId: string): Promise<ServicePlanResponse>;
  planVersions(planId: string): Promise<ServicePlanVersionResponse[]>;
  /** Every version of a custom field's definition, oldest first (admins). */
  customFieldVersions(fieldId: string): Promise<CustomFieldVersionResponse[]>;
  /** The custom fields her role may give a new record of this kind in its create body (docs/custom-fields.md). */
  newRecordCustom(route: 'survivor' | 'intake' | 'contact' | 'goal' | 'outcome-assessment' | 'referral'): Promise<CustomFormResponse>;
  retireCustomField(fieldId: string, body: { version: number }): Promise<CustomFieldResponse>;
  recordAgreement(planId: string, body: { revision: number; agreedOn: string; method: AgreementMethod; witnessedBy?: string }): Promise<ServicePlanResponse>;
  updateGoal(
    goalId: string,
    body: { version: number; domain?: GoalDomain; status?: GoalStatus; reachedOn?: string | null; description?: string; targetDate?: string | null; referralIds?: string[] },
  ): Promise<GoalResponse>;
  /** Ticks a task (`done`) or changes it; partner staff may only tick theirs. */
  updateTask(taskId: string, body: { version: number; done?: boolean; description?: string; dueDate?: string | null }): Promise<TaskResponse>;
  assignCase(caseId: string, body: { caseworkerId: string; reason?: string; version?: number }): Promise<CaseResponse>;
  /** POST so that a name never travels in a URL. */
  searchSurvivors(body: { lastName: string; birthYear: number }): Promise<SurvivorSearchResult>;
  submitIntake(intakeId: string, version: number): Promise<IntakeResponse>;
  amendIntake(intakeId: string, body: Record<string, unknown> & { reason: string; version: number }): Promise<IntakeResponse>;
  intakeRevisions(intakeId: string): Promise<IntakeRevision[]>;
  revokeConsent(consentId: string, reason: string): Promise<ConsentResponse>;
  openBreakGlass(body: { survivorId: string; reason: string; password: string }): Promise<BreakGlassGrantResponse>;
  createReferral(body: NewReferralBody): Promise<Referral>;
  /** Edits a draft: the changed fields and the version that was read. */
  updateReferral(referralId: string, body: Partial<NewReferralBody> & { version: number }): Promise<Referral>;
  transitionReferral(referralId: string, body: ReferralTransitionBody): Promise<Referral>;
  referralTimeline(referralId: string): Promise<ReferralTimelineEntry[]>;
  referralSuggestions(caseId: string, serviceType: string): Promise<ReferralSuggestion[]>;
  partnerDirectory(): Promise<PartnerDirectoryEntry[]>;
  /** Polled: sent as a background request, so it never keeps an idle session alive. */
  unreadNotificationCount(): Promise<{ count: number }>;
  recentNotifications(limit: number): Promise<NotificationResponse[]>;
  markNotificationRead(notificationId: string): Promise<unknown>;
  markAllNotificationsRead(): Promise<unknown>;
  /** Admins: the last audit verification and their organization's chain head. */
  auditChain(): Promise<AuditChainStatusResponse>;
}

const path = (id: string): string => encodeURIComponent(id);

export const dataProvider: LanternDataProvider = {
  ...rest,

  // A list's custom filters (`custom.<key>`) as the API names them (docs/custom-fields.md, "In lists").
  // Long lists ask for a capped count (capped-list.ts, CAPPED_COUNT).
  getList: (resource, params) => {
    const flat = { ...params, filter: flatCustomFilter(params.filter as Record<string, unknown>) };
    return wantsCappedCount(params) ? getCappedList(resource, flat) : rest.getList(resource, flat);
  },

  async update<RecordType extends RaRecord>(resource: string, params: UpdateParams<RecordType>): Promise<UpdateResult<RecordType>> {
    const previous = params.previousData as (RecordType & { version?: unknown }) | undefined;
    if (!previous || typeof previous.version !== 'number') {
      throw new ApiError('Reload this record before changing it.', 409, { code: 'STALE_VERSION', message: 'Reload this record before changing it.', fieldErrors: {} });
    }
    const changes = changedFields(params.data as Record<string, unknown>, previous);
    if (Object.keys(changes).length === 0) return { data: previous };
    const { json } = await httpClient(recordUrl(resource, params.id), {
      method: 'PUT',
      body: JSON.stringify({ ...changes, version: previous.version }),
    });
    return { data: json as RecordType };
  },

  caseload: () => api<CaseloadEntry[]>('/cases/caseload'),
  attention: () => api<AttentionResponse>('/cases/attention'),
  caseHistory: (caseId) => api<CaseHistoryEntry[]>(`/cases/${path(caseId)}/history`),
  transitionCase: (caseId, body) => api<CaseResponse>(`/cases/${path(caseId)}/transitions`, { method: 'POST', body }),
  closureCheck: (caseId) => api<ClosureCheckResponse>(`/cases/${path(caseId)}/closure-check`),
  closeCase: (caseId, body) => api<CaseResponse>(`/cases/${path(caseId)}/close`, { method: 'POST', body }),
  reopenCase: (caseId, body) => api<CaseResponse>(`/cases/${path(caseId)}/reopen`, { method: 'POST', body }),
  servicePlan: (planId) => api<ServicePlanResponse>(`/service-plans/${path(planId)}`),
  planVersions: (planId) => api<ServicePlanVersionResponse[]>(`/service-plans/${path(planId)}/versions`),
  customFieldVersions: (fieldId) => api<CustomFieldVersionResponse[]>(`/custom-fields/${path(fieldId)}/versions`),
  newRecordCustom: (route) => api<CustomFormResponse>(`/custom-values/${route}/new`),
  retireCustomField: (fieldId, body) => api<CustomFieldResponse>(`/custom-fields/${path(fieldId)}/retire`, { method: 'POST', body }),
  recordAgreement: (planId, body) => api<ServicePlanResponse>(`/service-plans/${path(planId)}/agreements`, { method: 'POST', body }),
  updateGoal: (goalId, body) => api<GoalResponse>(`/goals/${path(goalId)}`, { method: 'PATCH', body }),
  updateTask: (taskId, body) => api<TaskResponse>(`/tasks/${path(taskId)}`, { method: 'PATCH', body }),
  assignCase: (caseId, body) => api<CaseResponse>(`/cases/${path(caseId)}/assign`, { method: 'POST', body }),
  searchSurvivors: (body) => api<SurvivorSearchResult>('/survivors/search', { method: 'POST', body }),
  submitIntake: (intakeId, version) => api<IntakeResponse>(`/intakes/${path(intakeId)}/submit`, { method: 'POST', body: { version } }),
  amendIntake: (intakeId, body) => api<IntakeResponse>(`/intakes/${path(intakeId)}/amendments`, { method: 'POST', body }),
  intakeRevisions: (intakeId) => api<IntakeRevision[]>(`/intakes/${path(intakeId)}/revisions`),
  revokeConsent: (consentId, reason) => api<ConsentResponse>(`/consents/${path(consentId)}/revoke`, { method: 'POST', body: { reason } }),
  openBreakGlass: (body) => api<BreakGlassGrantResponse>('/break-glass-grants', { method: 'POST', body }),
  createReferral: (body) => api<Referral>('/referrals', { method: 'POST', body }),
  updateReferral: (referralId, body) => api<Referral>(`/referrals/${path(referralId)}`, { method: 'PATCH', body }),
  transitionReferral: (referralId, body) => api<Referral>(`/referrals/${path(referralId)}/transitions`, { method: 'POST', body }),
  auditChain: () => api<AuditChainStatusResponse>('/audit-chain'),
  referralTimeline: (referralId) => api<ReferralTimelineEntry[]>(`/referrals/${path(referralId)}/timeline`),
  referralSuggestions: (caseId, serviceType) =>
    api<ReferralSuggestion[]>(`/referrals/suggestions?${new URLSearchParams({ caseId, serviceType }).toString()}`),
  partnerDirectory: () => api<PartnerDirectoryEntry[]>('/partner-orgs/directory'),
  unreadNotificationCount: () => api<{ count: number }>('/notifications/unread-count', { background: true }),
  recentNotifications: (limit) =>
    api<NotificationResponse[]>(
      `/notifications?${new URLSearchParams({ sort: JSON.stringify(['createdAt', 'DESC']), range: JSON.stringify([0, limit - 1]) }).toString()}`,
    ),
  markNotificationRead: (notificationId) => api(`/notifications/${path(notificationId)}/read`, { method: 'POST' }),
  markAllNotificationsRead: () => api('/notifications/read-all', { method: 'POST' }),

  updateMany: () => notSupported('Changing several records at once'),
  delete: () => notSupported('Deleting a record'),
  deleteMany: () => notSupported('Deleting records'),
};
