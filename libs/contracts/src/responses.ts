import type { IntakeResponse } from './survivors.js';
import type { CustomValue } from './custom-fields.js';
import type { MetricCustomTable, MetricDimension, MetricPeriod, MetricTableDefinition } from './metrics.js';
import type { ServiceType } from './partner-orgs.js';
import type { ReferralStatus } from './vocabularies.js';

/**
 * Answers of the API that are not a record of a resource (issue 10: every route answers a type from
 * here, and the OpenAPI document carries its schema, generated from these declarations by
 * tools/contract-schemas.mjs).
 */

/** GET /api/health, GET /api/ready (the shape of @nestjs/terminus). */
export interface HealthResponse {
  status: 'ok' | 'error' | 'shutting_down';
  info?: Record<string, { status: string }>;
  error?: Record<string, { status: string }>;
  details: Record<string, { status: string }>;
}

/** A count (the bell's unread notifications). */
export interface CountResponse {
  count: number;
}

/** How many records an action changed (mark all read). */
export interface UpdatedResponse {
  updated: number;
}

/** One move of a referral: who, when, from what to what, and why (staff only). */
export interface ReferralTimelineEntry {
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  reason: string | null;
  actorName: string | null;
  actorRole: string | null;
  occurredAt: string;
}

/** A partner that fits a case and a service, best first. */
export interface ReferralSuggestion {
  partnerOrgId: string;
  name: string;
  serviceArea: string | null;
  capacity: number;
  languages: string[];
  matchedLanguages: string[];
  acceptanceRate: number | null;
  score: number;
}

/** A partner as the directory shows it to staff. */
export interface PartnerDirectoryEntry {
  id: string;
  name: string;
  serviceTypes: ServiceType[];
  serviceArea: string | null;
  capacity: number;
  acceptingReferrals: boolean;
  languages: string[];
  openReferrals: number;
  acceptanceRate: number | null;
}

/** One stored revision of a submitted intake (amendments keep the earlier answers). */
export interface IntakeRevisionResponse {
  id: string;
  revision: number;
  snapshot: Partial<IntakeResponse>;
  narrative?: string | null;
  /** The region texts as they were; absent like the narrative when the reader may not see them. */
  recruitmentRegion?: string | null;
  exploitationRegion?: string | null;
  /** The custom values as they were, by key: only the fields the reader's role may read (docs/custom-fields.md). */
  custom: Record<string, CustomValue>;
  reason: string;
  createdAt: string;
  createdBy: string | null;
}

/** POST /auth/mfa/setup: the secret to enrol, shown once. */
export interface MfaSetupResponse {
  secret: string;
  otpauthUri: string;
}

/** POST /auth/mfa/enable: recovery codes, shown once. */
export interface MfaEnableResponse {
  recoveryCodes: string[];
}

/** GET /metrics/tables: what an analyst may release, and the budget left. */
export interface MetricCatalogueResponse {
  /** The catalogue's tables, then those of the organization's own fields that feed the metrics now, with their labels (`custom`, issue 18). */
  tables: (Omit<MetricTableDefinition, 'dimensions'> & { dimensions: MetricDimension[]; custom?: MetricCustomTable })[];
  periods: MetricPeriod[];
  freezeDays: number;
  threshold: number;
  roundingBase: number;
  epsilonPerTable: number;
  budget: { year: number; spent: number; cap: number }[];
}
