import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { RequestMethod } from '@nestjs/common';
import { ROLES, type Role } from '@lantern/contracts';
import request from 'supertest';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Case as CaseEntity } from '../../case-file/case.entity.js';
import { Intake } from '../../features/intakes/intake.entity.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import { withTestApp } from '../../testing/builders.js';
import { createSurvivorWithCase, PARTNER_REFERRAL_KEYS } from '../../testing/records.js';
import { PartnerOrg } from '../../features/partner-orgs/partner-org.entity.js';
import { Referral } from '../../features/referrals/referral.entity.js';
import { OutcomeAssessment } from '../../features/outcomes/outcome-assessment.entity.js';
import { Goal, ServicePlan, Task } from '../../features/service-plans/service-plan.entity.js';
import { createOrgFixture, signIn, api, type OrgFixture } from '../../testing/fixtures.js';
import { type TestApp } from '../../testing/test-app.js';
import { User } from '../auth/user.entity.js';
import { ACCESS_KEY, type AccessRule } from './access.decorators.js';

interface Route {
  method: string;
  path: string;
  access: AccessRule | undefined;
}

/** Every route the application serves, read from the controllers Nest registered. */
function routesOf(t: TestApp): Route[] {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      const proto = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number]!;
        const access =
          (Reflect.getMetadata(ACCESS_KEY, handler) as AccessRule | undefined) ??
          (Reflect.getMetadata(ACCESS_KEY, controller) as AccessRule | undefined);
        routes.push({ method, path: `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'), access });
      }
    }
  }
  return routes;
}

type Expect = Record<Who, number>;
const all = (status: number): Expect => Object.fromEntries(WHO.map((r) => [r, status])) as Expect;
/** Readers of the survivor domain: the owning caseworker, coordinators, and admins (through break-glass rules). */
const staffAndPartner = (admin: number, coordinator: number, caseworker: number, caseworker2: number, partner: number): Expect => ({
  admin,
  coordinator,
  caseworker,
  caseworker2,
  partner,
  analyst: 403,
});
const staff = (admin: number, coordinator: number, caseworker: number, caseworker2: number): Expect => ({
  admin,
  coordinator,
  caseworker,
  caseworker2,
  partner: 403,
  analyst: 403,
});

/** Funder reports (issue 16): admins and coordinators only; the figures themselves: features/reports/reports.int-spec.ts. */
const reports = (allowed: number): Expect => ({ ...all(403), admin: allowed, coordinator: allowed });
/** The last year up to today: the fixture's records fall in it. */
const lastYear = (): string => {
  const today = Date.now();
  return `from=${new Date(today - 365 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date(today).toISOString().slice(0, 10)}`;
};
/** The anonymized metrics: analysts, coordinators and admins; never caseworkers or partners. */
const metrics = (allowed: number): Expect => ({ admin: allowed, coordinator: allowed, analyst: allowed, caseworker: 403, caseworker2: 403, partner: 403 });
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

/** An organization with an audit event and a survivor file owned by its first caseworker. */
type Fixture = OrgFixture & {
  auditEventId: string;
  survivorId: string;
  caseId: string;
  intakeId: string;
  consentId: string;
  noteId: string;
  /** The first caseworker's draft of a note on the case (issue 13): hers alone. */
  noteDraftId: string;
  /** A referral still in draft, and one sent to the fixture's partner org. */
  draftReferralId: string;
  sentReferralId: string;
  planId: string;
  goalId: string;
  taskId: string;
  partnerTaskId: string;
  outcomeId: string;
  /** Appointments of the case (issue 14): one to read and change, one to cancel. */
  appointmentId: string;
  cancelAppointmentId: string;
  /** Documents of the case (issue 15): a housing document the survivor agreed to share with the partner, and one to delete. */
  documentId: string;
  deleteDocumentId: string;
  /**
   * Services given (issue 16): two the caseworker logged (one to read and correct, one to void), and one
   * the partner logged on a referral of the case it accepted.
   */
  serviceId: string;
  voidServiceId: string;
  acceptedReferralId: string;
  partnerServiceId: string;
  /** The case's immigration relief record (issue 16). */
  reliefId: string;
  /** The case's funder data (HMIS) record (issue 16). */
  funderDataId: string;
  /** Contacts before a case (issue 17) the caseworker logged: one to read and correct, one to void, one to link, one to convert. */
  contactId: string;
  voidContactId: string;
  linkContactId: string;
  convertContactId: string;
};

type Who = Role | 'caseworker2';
const WHO: Who[] = [...ROLES, 'caseworker2'];

interface Case {
  label: string;
  path: (f: Fixture, other: Fixture) => string;
  body?: (t: TestApp, f: Fixture, other: Fixture) => Promise<Record<string, unknown>>;
  /** A multipart form instead of a JSON body (the document upload): its fields, then the file. */
  form?: (f: Fixture) => { fields: Record<string, string>; file: Buffer; filename: string };
  expect: Expect;
  /** Exact response keys per role, where the role gets a record. */
  keys?: Partial<Record<Who, string[]>>;
}

const PARTNER_ORG_KEYS = [
  'acceptingReferrals', 'active', 'capacity', 'contactEmail', 'contactName', 'createdAt', 'id', 'languages', 'name', 'organizationId',
  'phone', 'serviceArea', 'serviceTypes', 'updatedAt', 'version',
];
const USER_FULL_KEYS = [
  'active', 'createdAt', 'displayName', 'email', 'id', 'lastLoginAt', 'mfaEnabled', 'organizationId', 'partnerOrgId', 'role',
  'updatedAt', 'version',
];
const USER_DIRECTORY_KEYS = ['active', 'displayName', 'email', 'id', 'partnerOrgId', 'role'];
const SURVIVOR_NON_PII_KEYS = ['alias', 'birthYear', 'citizenship', 'createdAt', 'createdBy', 'gender', 'id', 'languages', 'organizationId', 'pronouns', 'updatedAt', 'version'];
const SURVIVOR_FULL_KEYS = [...SURVIVOR_NON_PII_KEYS, 'address', 'dateOfBirth', 'email', 'legalName', 'phone', 'preferredName', 'safeContactInstructions'];
const CASE_STATUS_KEYS = ['assignedAt', 'assignedCaseworkerId', 'caseNumber', 'closedAt', 'createdAt', 'id', 'openedAt', 'organizationId', 'status', 'survivorId', 'updatedAt', 'version'];
const CASE_FULL_KEYS = [...CASE_STATUS_KEYS, 'exitDestination', 'closureReason', 'exploitationTypes', 'lastContactAt', 'referralSource', 'riskLevel', 'survivorAlias'];
const INTAKE_KEYS = [
  'amendmentCount', 'caseId', 'controlMethods', 'createdAt', 'exploitationTypes', 'id', 'identifiedBy', 'immediateNeeds', 'intakeDate',
  'organizationId', 'recruitmentMethods', 'riskLevel', 'riskScreening', 'status', 'submittedAt', 'updatedAt', 'version',
  // The HTCDS core (issue 17, part 2); its region texts only for those who read the narrative.
  'ageWhenTrafficked', 'exploitationCountry', 'forcedLabourIndustry', 'recruitmentCountry', 'relationshipToTrafficker', 'sexualExploitationTypes', 'traffickingStatus',
];

const APPOINTMENT_KEYS = [
  'attendeeUserIds', 'cancelledAt', 'caseId', 'caseNumber', 'createdAt', 'createdBy', 'durationMinutes', 'endsAt', 'id', 'kind', 'note',
  'organizationId', 'partnerOrgId', 'startsAt', 'status', 'updatedAt', 'version',
];
const appointmentVersion = async (t: TestApp, id: string): Promise<number> =>
  Number(((await t.dataSource.query('SELECT version FROM appointment WHERE id = $1', [id])) as { version: number }[])[0]!.version);

const SERVICE_KEYS = [
  'caseId', 'caseNumber', 'category', 'createdAt', 'createdBy', 'deliveredOn', 'durationMinutes', 'id', 'note', 'organizationId', 'partnerOrgId',
  'providerKind', 'providerUserId', 'referralId', 'survivorId', 'units', 'updatedAt', 'version', 'voidReason', 'voidedAt',
];
const SERVICE_PARTNER_KEYS = [
  'category', 'createdAt', 'createdBy', 'deliveredOn', 'durationMinutes', 'id', 'note', 'organizationId', 'partnerOrgId', 'providerKind', 'referralId',
  'units', 'updatedAt', 'version', 'voidReason', 'voidedAt',
];
const RELIEF_KEYS = [
  'caseId', 'caseNumber', 'continuedPresenceDecidedOn', 'continuedPresenceExpiresOn', 'continuedPresenceRequestedOn', 'continuedPresenceStatus', 'createdAt',
  'createdBy', 'hhsLetter', 'hhsLetterIssuedOn', 'hhsLetterRequestedOn', 'id', 'note', 'organizationId', 'survivorId', 'tVisaAppliedOn', 'tVisaDecidedOn',
  'tVisaStatus', 'updatedAt', 'version',
];
const FUNDER_DATA_KEYS = [
  'benefits', 'benefitsFromAnySource', 'caseId', 'caseNumber', 'chronicHealthCondition', 'createdAt', 'createdBy', 'destinationSubsidyType', 'developmentalDisability',
  'disablingCondition', 'domesticViolenceSurvivor', 'dvCurrentlyFleeing', 'dvWhenOccurred', 'hivAids', 'householdSize', 'id', 'incomeFromAnySource', 'incomeSources',
  'informationDate', 'insuranceFromAnySource', 'insuranceTypes', 'lawEnforcementCooperating', 'lawEnforcementReported', 'lawEnforcementReportedOn', 'mentalHealthDisorder', 'organizationId', 'physicalDisability', 'raceEthnicity',
  'raceNone', 'relationshipToHoH', 'rentalSubsidyType', 'substanceUseDisorder', 'survivorId', 'totalMonthlyIncome', 'updatedAt', 'version', 'veteranStatus',
];
const funderDataVersion = async (t: TestApp, id: string): Promise<number> =>
  Number(((await t.dataSource.query('SELECT version FROM funder_data WHERE id = $1', [id])) as { version: number }[])[0]!.version);
const reliefVersion = async (t: TestApp, id: string): Promise<number> =>
  Number(((await t.dataSource.query('SELECT version FROM immigration_relief WHERE id = $1', [id])) as { version: number }[])[0]!.version);
const CONTACT_KEYS = [
  'actions', 'anonymous', 'area', 'caseId', 'channel', 'countryCode', 'createdAt', 'createdBy', 'email', 'followUpNeeded', 'followUpOn', 'id',
  'immediateDanger', 'indicators', 'linkedAt', 'name', 'needs', 'note', 'occurredAt', 'organizationId', 'outcome', 'phone', 'staffUserId', 'survivorId',
  'updatedAt', 'version', 'voidReason', 'voidedAt',
];
/** A coordinator reads the program's contacts without others' named details and free text. */
const CONTACT_COORDINATOR_KEYS = CONTACT_KEYS.filter((k) => !['name', 'phone', 'email', 'area', 'note'].includes(k));
const contactVersion = async (t: TestApp, id: string): Promise<number> =>
  Number(((await t.dataSource.query('SELECT version FROM contact WHERE id = $1', [id])) as { version: number }[])[0]!.version);
const serviceVersion = async (t: TestApp, id: string): Promise<number> =>
  Number(((await t.dataSource.query('SELECT version FROM service_delivery WHERE id = $1', [id])) as { version: number }[])[0]!.version);

const NOTE_DRAFT_KEYS = ['authorId', 'body', 'caseId', 'contactMethod', 'createdAt', 'id', 'noteType', 'occurredAt', 'restricted', 'updatedAt', 'version'];
const MATRIX_DRAFT = { noteType: 'contact', contactMethod: 'phone', occurredAt: null, restricted: false, body: 'Matrix draft' };
const draftVersion = async (t: TestApp, id: string): Promise<number> =>
  Number(((await t.dataSource.query('SELECT version FROM case_note_draft WHERE id = $1', [id])) as { version: number }[])[0]?.version ?? 1);

const documentVersion = async (t: TestApp, id: string): Promise<number> =>
  Number(((await t.dataSource.query('SELECT version FROM document WHERE id = $1', [id])) as { version: number }[])[0]!.version);
const MATRIX_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

const versionOf = async (
  t: TestApp,
  entity: typeof PartnerOrg | typeof User | typeof Survivor | typeof CaseEntity | typeof Intake | typeof Referral | typeof ServicePlan | typeof Goal | typeof Task | typeof OutcomeAssessment,
  id: string,
): Promise<number> => {
  const rows = (await t.dataSource.getRepository(entity).createQueryBuilder('e').select('e.version', 'version').where('e.id = :id', { id }).getRawMany()) as { version: number }[];
  return rows[0]!.version;
};

/**
 * The route × method × role × record matrix of docs/security-model.md. Routes come from the router, so a new
 * route without a row here fails this test before it ships.
 */
const MATRIX: Record<string, Case[] | 'covered elsewhere'> = {
  'POST /auth/login': 'covered elsewhere',
  'POST /auth/logout': 'covered elsewhere',
  'POST /auth/step-up': 'covered elsewhere',
  'POST /auth/password': 'covered elsewhere',
  'DELETE /auth/sessions/:id': 'covered elsewhere',
  'POST /auth/mfa/setup': 'covered elsewhere',
  'POST /auth/mfa/enable': 'covered elsewhere',
  'POST /auth/mfa/disable': 'covered elsewhere',
  'GET /health': 'covered elsewhere',
  'GET /ready': 'covered elsewhere',
  'GET /auth/me': [{ label: 'own profile', path: () => '/auth/me', expect: all(200) }],
  'PATCH /auth/me': [{ label: 'own language', path: () => '/auth/me', body: async () => ({ locale: 'en' }), expect: all(200) }],
  'GET /auth/sessions': [{ label: 'own sessions', path: () => '/auth/sessions', expect: all(200) }],
  'GET /partner-orgs': [
    { label: 'list', path: () => '/partner-orgs', expect: { ...all(200), analyst: 403 } },
  ],
  // Record export (issue 16): the list as CSV for whoever may read the list (a fresh session counts as a
  // step-up); what the file holds: access/records/record-export.int-spec.ts.
  'GET /partner-orgs/export': [{ label: 'the list as CSV', path: () => '/partner-orgs/export', expect: { ...all(200), analyst: 403 } }],
  'GET /partner-orgs/:id': [
    {
      label: 'own organization, not the partner user\'s org',
      path: (f) => `/partner-orgs/${f.partnerOrg2.id}`,
      expect: { ...all(200), partner: 404, analyst: 403 },
      keys: { admin: PARTNER_ORG_KEYS, coordinator: PARTNER_ORG_KEYS, caseworker: PARTNER_ORG_KEYS },
    },
    {
      label: 'the partner user\'s own org',
      path: (f) => `/partner-orgs/${f.partnerOrg.id}`,
      expect: { ...all(200), analyst: 403 },
      keys: { partner: PARTNER_ORG_KEYS },
    },
    { label: 'another organization', path: (_f, o) => `/partner-orgs/${o.partnerOrg.id}`, expect: { ...all(404), analyst: 403 } },
  ],
  'POST /partner-orgs': [
    {
      label: 'create',
      path: () => '/partner-orgs',
      body: async () => ({ name: `Matrix ${Math.random().toString(36).slice(2)}`, serviceTypes: ['legal'] }),
      expect: { ...all(403), admin: 201 },
    },
  ],
  'PUT /partner-orgs/:id': [
    {
      label: 'own organization',
      path: (f) => `/partner-orgs/${f.partnerOrg2.id}`,
      body: async (t, f) => ({ capacity: Math.floor(Math.random() * 50), version: await versionOf(t, PartnerOrg, f.partnerOrg2.id) }),
      expect: { ...all(403), admin: 200, partner: 404 },
    },
    {
      label: 'another organization',
      path: (_f, o) => `/partner-orgs/${o.partnerOrg.id}`,
      body: async (t, _f, o) => ({ capacity: 1, version: await versionOf(t, PartnerOrg, o.partnerOrg.id) }),
      expect: { ...all(403), admin: 404, partner: 404 },
    },
  ],
  'PATCH /partner-orgs/:id': [
    {
      label: 'own organization',
      path: (f) => `/partner-orgs/${f.partnerOrg.id}`,
      body: async (t, f) => ({ capacity: Math.floor(Math.random() * 50), version: await versionOf(t, PartnerOrg, f.partnerOrg.id) }),
      expect: { ...all(403), admin: 200, partner: 200 },
    },
  ],
  'GET /users': [{ label: 'list', path: () => '/users', expect: all(200) }],
  'GET /users/export': [{ label: 'the list as CSV', path: () => '/users/export', expect: all(200) }],
  'GET /users/:id': [
    {
      label: 'a colleague (caseworker2: themselves)',
      path: (f) => `/users/${f.caseworker2.id}`,
      expect: { ...all(404), admin: 200, coordinator: 200, caseworker2: 200 },
      keys: { admin: USER_FULL_KEYS, coordinator: USER_DIRECTORY_KEYS },
    },
    { label: 'another organization', path: (_f, o) => `/users/${o.caseworker.id}`, expect: all(404) },
  ],
  'POST /users': [
    {
      label: 'create',
      path: () => '/users',
      body: async () => ({
        email: `m-${Math.random().toString(36).slice(2)}@example.test`,
        displayName: 'Matrix',
        role: 'analyst',
        password: 'a long enough matrix passphrase',
      }),
      expect: { ...all(403), admin: 201 },
    },
  ],
  'PUT /users/:id': [
    {
      label: 'a colleague',
      path: (f) => `/users/${f.caseworker2.id}`,
      body: async (t, f) => ({ displayName: `Renamed ${Math.random()}`, version: await versionOf(t, User, f.caseworker2.id) }),
      expect: { ...all(403), admin: 200 },
    },
  ],
  'PATCH /users/:id': [
    {
      label: 'another organization',
      path: (_f, o) => `/users/${o.caseworker2.id}`,
      body: async (t, _f, o) => ({ displayName: 'Nope', version: await versionOf(t, User, o.caseworker2.id) }),
      expect: { ...all(403), admin: 404 },
    },
  ],
  'POST /users/:id/mfa/reset': [
    // The reset itself (and its step-up): features/users/admin-step-up.int-spec.ts.
    { label: 'another organization', path: (_f, o) => `/users/${o.caseworker2.id}/mfa/reset`, expect: { ...all(403), admin: 404 } },
  ],
  'GET /audit-events': [{ label: 'list', path: () => '/audit-events', expect: { ...all(403), admin: 200 } }],
  'GET /audit-events/export': [{ label: 'the log as CSV', path: () => '/audit-events/export', expect: { ...all(403), admin: 200 } }],
  // Invitations and password reset (issue 14); the flows themselves: features/accounts/accounts-mail.int-spec.ts.
  'GET /accounts/invitations': [{ label: 'list', path: () => '/accounts/invitations', expect: { ...all(403), admin: 200 } }],
  'POST /accounts/invitations': [
    {
      label: 'invite',
      path: () => '/accounts/invitations',
      body: async () => ({ email: `inv-${Math.random().toString(36).slice(2)}@example.test`, displayName: 'Matrix', role: 'caseworker' }),
      expect: { ...all(403), admin: 201 },
    },
  ],
  'POST /accounts/invitations/:id/resend': [{ label: 'unknown or elsewhere', path: () => `/accounts/invitations/${UNKNOWN_ID}/resend`, expect: { ...all(403), admin: 404 } }],
  'POST /accounts/invitations/:id/revoke': [{ label: 'unknown or elsewhere', path: () => `/accounts/invitations/${UNKNOWN_ID}/revoke`, expect: { ...all(403), admin: 404 } }],
  'POST /accounts/invitations/preview': [{ label: 'a dead link', path: () => '/accounts/invitations/preview', body: async () => ({ token: 'A'.repeat(43) }), expect: all(410) }],
  'POST /accounts/invitations/accept': [
    { label: 'a dead link', path: () => '/accounts/invitations/accept', body: async () => ({ token: 'A'.repeat(43), password: 'a long enough matrix passphrase' }), expect: all(410) },
  ],
  'POST /accounts/password-reset': [
    { label: 'any address', path: () => '/accounts/password-reset', body: async () => ({ email: `nobody-${Math.random().toString(36).slice(2)}@example.test` }), expect: all(202) },
  ],
  'POST /accounts/password-reset/preview': [{ label: 'a dead link', path: () => '/accounts/password-reset/preview', body: async () => ({ token: 'A'.repeat(43) }), expect: all(410) }],
  'POST /accounts/password-reset/complete': [
    { label: 'a dead link', path: () => '/accounts/password-reset/complete', body: async () => ({ token: 'A'.repeat(43), password: 'a long enough matrix passphrase' }), expect: all(410) },
  ],
  // E-mail delivery, admins only (their organization's mail: features/accounts/accounts-mail.int-spec.ts).
  'GET /mail/deliveries': [{ label: 'list', path: () => '/mail/deliveries', expect: { ...all(403), admin: 200 } }],
  'GET /mail/status': [{ label: 'status', path: () => '/mail/status', expect: { ...all(403), admin: 200 } }],
  'GET /mail/demo-mailbox': [{ label: 'demo mode', path: () => '/mail/demo-mailbox', expect: { ...all(403), admin: 200 } }],
  'GET /audit-chain': [{ label: 'last verification', path: () => '/audit-chain', expect: { ...all(403), admin: 200 } }],
  'GET /survivors': [{ label: 'list', path: () => '/survivors', expect: staff(200, 200, 200, 200) }],
  'POST /survivors/search': [
    { label: 'search', path: () => '/survivors/search', body: async () => ({ lastName: 'Matrix', birthYear: 1990 }), expect: staff(200, 200, 200, 200) },
    { label: 'tolerant, no year', path: () => '/survivors/search', body: async () => ({ name: 'Matrx Persn' }), expect: staff(200, 200, 200, 200) },
  ],
  // Issue 13: the duplicate check of a draft, for those who register survivors.
  'POST /survivors/duplicates': [
    { label: 'draft', path: () => '/survivors/duplicates', body: async () => ({ alias: 'Matrix Alias', legalName: 'Matrix Person', birthYear: 1990 }), expect: staff(403, 403, 200, 200) },
  ],
  // Issue 13: the app bar's search, scoped per group (global-search.int-spec.ts); analysts are refused.
  'POST /search': [{ label: 'search', path: () => '/search', body: async () => ({ q: 'Matrix' }), expect: { ...all(200), analyst: 403 } }],
  'GET /survivors/:id': [
    {
      label: 'own caseload',
      path: (f) => `/survivors/${f.survivorId}`,
      expect: staff(404, 200, 200, 404),
      keys: { coordinator: [...SURVIVOR_NON_PII_KEYS, 'permissions'], caseworker: [...SURVIVOR_FULL_KEYS, 'permissions'] },
    },
    { label: 'another organization', path: (_f, o) => `/survivors/${o.survivorId}`, expect: staff(404, 404, 404, 404) },
  ],
  // Subject access (issue 16): coordinators only, with a step-up (a fresh session is one); what it holds: features/subject-access.
  'GET /survivors/:id/access-package': [
    { label: 'her package', path: (f) => `/survivors/${f.survivorId}/access-package`, expect: staff(403, 200, 403, 403) },
    { label: 'another organization', path: (_f, o) => `/survivors/${o.survivorId}/access-package`, expect: staff(403, 404, 403, 403) },
  ],
  // Merging two records of one survivor (issue 17): coordinators only, never across organizations; the
  // merge, its undo, the step-up and the 30 days: workflows/survivor-merge/survivor-merge.int-spec.ts.
  'GET /survivors/:id/merge-preview': [
    { label: 'an unknown other record', path: (f) => `/survivors/${f.survivorId}/merge-preview?other=${UNKNOWN_ID}`, expect: staff(403, 404, 403, 403) },
    { label: 'another organization', path: (f, o) => `/survivors/${f.survivorId}/merge-preview?other=${o.survivorId}`, expect: staff(403, 404, 403, 403) },
  ],
  'POST /survivors/:id/merges': [
    { label: 'herself', path: (f) => `/survivors/${f.survivorId}/merges`, body: async (_t, f) => ({ mergedSurvivorId: f.survivorId, reason: 'Matrix: the same person twice' }), expect: staff(403, 400, 403, 403) },
    { label: 'another organization', path: (f) => `/survivors/${f.survivorId}/merges`, body: async (_t, _f, o) => ({ mergedSurvivorId: o.survivorId, reason: 'Matrix: the same person twice' }), expect: staff(403, 404, 403, 403) },
  ],
  'GET /survivors/:id/merges': [
    { label: 'her merges', path: (f) => `/survivors/${f.survivorId}/merges`, expect: staff(403, 200, 403, 403) },
    { label: 'another organization', path: (_f, o) => `/survivors/${o.survivorId}/merges`, expect: staff(403, 404, 403, 403) },
  ],
  'POST /survivor-merges/:id/undo': [
    { label: 'an unknown merge', path: () => `/survivor-merges/${UNKNOWN_ID}/undo`, body: async () => ({ reason: 'Matrix: not the same person', version: 1 }), expect: staff(403, 404, 403, 403) },
  ],
  'POST /survivors': [{ label: 'register', path: () => '/survivors', body: async () => ({ alias: 'Matrix Alias' }), expect: staff(403, 403, 201, 201) }],
  'PUT /survivors/:id': [
    {
      label: 'own caseload',
      path: (f) => `/survivors/${f.survivorId}`,
      body: async (t, f) => ({ pronouns: `she/her ${Math.random().toString(36).slice(2, 6)}`, version: await versionOf(t, Survivor, f.survivorId) }),
      expect: staff(403, 403, 200, 404),
    },
  ],
  'PATCH /survivors/:id': [
    { label: 'another organization', path: (_f, o) => `/survivors/${o.survivorId}`, body: async () => ({ alias: 'x', version: 1 }), expect: staff(403, 403, 404, 404) },
  ],
  'GET /cases': [{ label: 'list', path: () => '/cases', expect: staff(200, 200, 200, 200) }],
  'GET /cases/export': [{ label: 'the list as CSV', path: () => '/cases/export', expect: staff(200, 200, 200, 200) }],
  'GET /cases/caseload': [{ label: 'mine', path: () => '/cases/caseload', expect: staff(200, 200, 200, 200) }],
  'GET /cases/:id': [
    {
      label: 'own caseload',
      path: (f) => `/cases/${f.caseId}`,
      expect: staff(200, 200, 200, 404),
      keys: { admin: [...CASE_STATUS_KEYS, 'permissions'], coordinator: [...CASE_FULL_KEYS, 'permissions'], caseworker: [...CASE_FULL_KEYS, 'permissions'] },
    },
    { label: 'another organization', path: (_f, o) => `/cases/${o.caseId}`, expect: staff(404, 404, 404, 404) },
  ],
  'GET /cases/:id/history': [
    { label: 'own caseload', path: (f) => `/cases/${f.caseId}/history`, expect: staff(200, 200, 200, 404) },
    { label: 'another organization', path: (_f, o) => `/cases/${o.caseId}/history`, expect: staff(404, 404, 404, 404) },
  ],
  'POST /cases': [
    { label: 'open a case', path: () => '/cases', body: async (_t, f) => ({ survivorId: f.survivorId }), expect: staff(403, 403, 201, 400) },
  ],
  'PUT /cases/:id': [
    {
      label: 'own caseload',
      path: (f) => `/cases/${f.caseId}`,
      body: async (t, f) => ({ riskLevel: Math.random() < 0.5 ? 'low' : 'high', version: await versionOf(t, CaseEntity, f.caseId) }),
      expect: staff(403, 403, 200, 404),
    },
  ],
  'PATCH /cases/:id': [
    { label: 'another organization', path: (_f, o) => `/cases/${o.caseId}`, body: async () => ({ riskLevel: 'low', version: 1 }), expect: staff(403, 404, 404, 404) },
  ],
  'POST /cases/:id/transitions': [
    // An impossible move: those allowed to change the status get 409 (the state machine), the others a refusal.
    { label: 'own caseload', path: (f) => `/cases/${f.caseId}/transitions`, body: async () => ({ to: 'intake' }), expect: staff(403, 409, 409, 404) },
  ],
  'POST /cases/:id/assign': [
    { label: 'own caseload', path: (f) => `/cases/${f.caseId}/assign`, body: async (_t, f) => ({ caseworkerId: f.caseworker.id }), expect: staff(403, 200, 403, 404) },
  ],
  'GET /intakes': [{ label: 'list', path: () => '/intakes', expect: staff(200, 200, 200, 200) }],
  'GET /intakes/:id': [
    {
      label: 'own caseload',
      path: (f) => `/intakes/${f.intakeId}`,
      expect: staff(404, 200, 200, 404),
      keys: { coordinator: INTAKE_KEYS, caseworker: [...INTAKE_KEYS, 'narrative', 'recruitmentRegion', 'exploitationRegion'] },
    },
    { label: 'another organization', path: (_f, o) => `/intakes/${o.intakeId}`, expect: staff(404, 404, 404, 404) },
  ],
  'GET /intakes/:id/revisions': [{ label: 'own caseload', path: (f) => `/intakes/${f.intakeId}/revisions`, expect: staff(404, 200, 200, 404) }],
  'POST /intakes': [
    { label: 'a second intake', path: () => '/intakes', body: async (_t, f) => ({ caseId: f.caseId }), expect: staff(403, 403, 409, 400) },
  ],
  'PUT /intakes/:id': [
    {
      label: 'own draft',
      path: (f) => `/intakes/${f.intakeId}`,
      body: async (t, f) => ({ immediateNeeds: Math.random() < 0.5 ? ['food'] : ['shelter'], version: await versionOf(t, Intake, f.intakeId) }),
      expect: staff(403, 403, 200, 404),
    },
  ],
  'PATCH /intakes/:id': [
    { label: 'another organization', path: (_f, o) => `/intakes/${o.intakeId}`, body: async () => ({ immediateNeeds: ['food'], version: 1 }), expect: staff(403, 403, 404, 404) },
  ],
  'POST /intakes/:id/submit': [
    { label: 'an incomplete draft', path: (f) => `/intakes/${f.intakeId}/submit`, body: async (t, f) => ({ version: await versionOf(t, Intake, f.intakeId) }), expect: staff(403, 403, 422, 404) },
  ],
  'POST /intakes/:id/amendments': [
    {
      label: 'a draft',
      path: (f) => `/intakes/${f.intakeId}/amendments`,
      body: async (t, f) => ({ reason: 'matrix', identifiedBy: 'NGO', version: await versionOf(t, Intake, f.intakeId) }),
      expect: staff(403, 403, 409, 404),
    },
  ],
  'GET /consents': [{ label: 'list', path: () => '/consents', expect: staff(200, 200, 200, 200) }],
  // The shareable custom fields a consent may name (issue 18): for those who record consents.
  'GET /consents/custom-items': [{ label: 'definitions only', path: () => '/consents/custom-items', expect: staff(403, 200, 200, 200) }],
  'GET /consents/:id': [
    { label: 'own caseload', path: (f) => `/consents/${f.consentId}`, expect: staff(404, 200, 200, 404) },
    { label: 'another organization', path: (_f, o) => `/consents/${o.consentId}`, expect: staff(404, 404, 404, 404) },
  ],
  'POST /consents': [
    { label: 'record', path: () => '/consents', body: async (_t, f) => ({ survivorId: f.survivorId, purpose: 'services', method: 'verbal' }), expect: staff(403, 201, 201, 400) },
  ],
  'POST /consents/:id/revoke': [
    { label: 'own caseload', path: (f) => `/consents/${f.consentId}/revoke`, body: async () => ({ reason: 'matrix revocation' }), expect: staff(403, 200, 409, 404) },
  ],
  // Drafts of notes (issue 13): only their author reads them, and only while she may add notes to the case.
  'GET /case-notes/drafts/mine': [
    {
      label: 'own draft',
      path: (f) => `/case-notes/drafts/mine?caseId=${f.caseId}`,
      expect: staff(404, 404, 200, 404),
      keys: { caseworker: NOTE_DRAFT_KEYS },
    },
    { label: 'another organization', path: (_f, o) => `/case-notes/drafts/mine?caseId=${o.caseId}`, expect: staff(404, 404, 404, 404) },
  ],
  'PUT /case-notes/drafts/mine': [
    {
      label: 'own draft',
      path: () => '/case-notes/drafts/mine',
      body: async (t, f) => ({ ...MATRIX_DRAFT, caseId: f.caseId, version: await draftVersion(t, f.noteDraftId) }),
      expect: staff(403, 403, 200, 400),
    },
  ],
  'DELETE /case-notes/drafts/mine': [
    { label: 'own draft', path: (f) => `/case-notes/drafts/mine?caseId=${f.caseId}`, expect: staff(403, 403, 204, 404) },
  ],
  'GET /case-notes': [{ label: 'list', path: () => '/case-notes', expect: staff(200, 200, 200, 200) }],
  'GET /case-notes/:id': [
    { label: 'own caseload', path: (f) => `/case-notes/${f.noteId}`, expect: staff(404, 200, 200, 404) },
    { label: 'another organization', path: (_f, o) => `/case-notes/${o.noteId}`, expect: staff(404, 404, 404, 404) },
  ],
  'POST /case-notes': [
    {
      label: 'add',
      path: () => '/case-notes',
      body: async (_t, f) => ({ caseId: f.caseId, noteType: 'contact', contactMethod: 'phone', body: 'Matrix note' }),
      expect: staff(403, 403, 201, 400),
    },
  ],
  'GET /referrals': [{ label: 'board or inbox', path: () => '/referrals', expect: staffAndPartner(403, 200, 200, 200, 200) }],
  'GET /referrals/export': [{ label: 'board or inbox as CSV', path: () => '/referrals/export', expect: staffAndPartner(403, 200, 200, 200, 200) }],
  'GET /referrals/suggestions': [
    { label: 'for an own case', path: (f) => `/referrals/suggestions?caseId=${f.caseId}&serviceType=housing`, expect: staff(403, 200, 200, 400) },
  ],
  'GET /referrals/:id': [
    {
      label: 'a sent referral',
      path: (f) => `/referrals/${f.sentReferralId}`,
      expect: staffAndPartner(403, 200, 200, 404, 200),
      // Issue 13: the case number and the caseworker's work contact, and the structured outcome; nothing else of the case.
      keys: { partner: PARTNER_REFERRAL_KEYS },
    },
    { label: 'a draft (never shown to partners)', path: (f) => `/referrals/${f.draftReferralId}`, expect: staffAndPartner(403, 200, 200, 404, 404) },
    { label: 'another organization', path: (_f, o) => `/referrals/${o.sentReferralId}`, expect: staffAndPartner(403, 404, 404, 404, 404) },
  ],
  'GET /referrals/:id/timeline': [{ label: 'a sent referral', path: (f) => `/referrals/${f.sentReferralId}/timeline`, expect: staffAndPartner(403, 200, 200, 404, 200) }],
  'POST /referrals': [
    {
      label: 'request',
      path: () => '/referrals',
      body: async (_t, f) => ({ caseId: f.caseId, partnerOrgId: f.partnerOrg.id, serviceType: 'housing', sharedFields: ['alias'] }),
      expect: staff(403, 201, 201, 400),
    },
  ],
  'PUT /referrals/:id': [
    {
      label: 'a draft',
      path: (f) => `/referrals/${f.draftReferralId}`,
      body: async (t, f) => ({ urgency: Math.random() < 0.5 ? 'urgent' : 'routine', version: await versionOf(t, Referral, f.draftReferralId) }),
      expect: staffAndPartner(403, 200, 200, 404, 404),
    },
  ],
  'PATCH /referrals/:id': [
    { label: 'another organization', path: (_f, o) => `/referrals/${o.draftReferralId}`, body: async () => ({ urgency: 'urgent', version: 1 }), expect: staffAndPartner(403, 404, 404, 404, 404) },
  ],
  'POST /referrals/:id/transitions': [
    // An impossible move: those who may move it get the state machine's 409, others a refusal.
    { label: 'a sent referral', path: (f) => `/referrals/${f.sentReferralId}/transitions`, body: async () => ({ to: 'draft' }), expect: staffAndPartner(403, 409, 403, 404, 409) },
  ],
  'POST /referrals/:id/reroute': [
    // A draft is edited, not re-routed: those who may reach it get the workflow's 409, partners and admins a refusal.
    {
      label: 'a draft',
      path: (f) => `/referrals/${f.draftReferralId}/reroute`,
      body: async (_t, f) => ({ partnerOrgId: f.partnerOrg2.id }),
      expect: staffAndPartner(403, 409, 409, 404, 403),
    },
    { label: 'another organization', path: (_f, o) => `/referrals/${o.sentReferralId}/reroute`, body: async (_t, f) => ({ partnerOrgId: f.partnerOrg2.id, rerouteReason: 'matrix' }), expect: staffAndPartner(403, 404, 404, 404, 403) },
  ],
  'GET /partner-orgs/directory': [{ label: 'directory', path: () => '/partner-orgs/directory', expect: staffAndPartner(403, 200, 200, 200, 200) }],
  'GET /notifications': [{ label: 'own', path: () => '/notifications', expect: all(200) }],
  'GET /notifications/unread-count': [{ label: 'own', path: () => '/notifications/unread-count', expect: all(200) }],
  'POST /notifications/read-all': [{ label: 'own', path: () => '/notifications/read-all', expect: all(200) }],
  'GET /reminders/preferences': [{ label: 'own', path: () => '/reminders/preferences', expect: all(200) }],
  'PUT /reminders/preferences': [{ label: 'own', path: () => '/reminders/preferences', body: async () => ({ mutedKinds: [], dailyDigest: false }), expect: all(200) }],
  'POST /notifications/:id/read': [{ label: 'not theirs', path: (f) => `/notifications/${f.caseId}/read`, expect: all(404) }],
  'GET /cases/attention': [{ label: 'program overview', path: () => '/cases/attention', expect: staff(403, 200, 403, 403) }],
  'GET /cases/:id/closure-check': [{ label: 'own caseload', path: (f) => `/cases/${f.caseId}/closure-check`, expect: staff(403, 200, 200, 404) }],
  'POST /cases/:id/close': [
    // No exit assessment yet: those who may close get the precondition's 409.
    { label: 'own caseload', path: (f) => `/cases/${f.caseId}/close`, body: async () => ({ closureReason: 'other', exitDestination: 17 }), expect: staff(403, 409, 409, 404) },
  ],
  'POST /cases/:id/reopen': [
    { label: 'an open case', path: (f) => `/cases/${f.caseId}/reopen`, body: async () => ({ reason: 'matrix reopen' }), expect: staff(403, 409, 403, 404) },
  ],
  'GET /service-plans': [{ label: 'list', path: () => '/service-plans', expect: staff(403, 200, 200, 200) }],
  'GET /service-plans/:id': [
    { label: 'own caseload', path: (f) => `/service-plans/${f.planId}`, expect: staff(403, 200, 200, 404) },
    { label: 'another organization', path: (_f, o) => `/service-plans/${o.planId}`, expect: staff(403, 404, 404, 404) },
  ],
  'GET /service-plans/:id/versions': [{ label: 'own caseload', path: (f) => `/service-plans/${f.planId}/versions`, expect: staff(403, 200, 200, 404) }],
  'POST /service-plans': [
    {
      label: 'a second active plan',
      path: () => '/service-plans',
      body: async (t, f) => ({ caseId: f.caseId, planType: 'Legal', startsOn: t.clock.now().toISOString().slice(0, 10), reviewDate: t.clock.now().toISOString().slice(0, 10) }),
      expect: staff(403, 403, 409, 400),
    },
  ],
  'PUT /service-plans/:id': [
    {
      label: 'own caseload',
      path: (f) => `/service-plans/${f.planId}`,
      body: async (t, f) => ({ planType: Math.random() < 0.5 ? 'Legal' : 'SocialCare', version: await versionOf(t, ServicePlan, f.planId) }),
      expect: staff(403, 403, 200, 404),
    },
  ],
  'PATCH /service-plans/:id': [
    { label: 'another organization', path: (_f, o) => `/service-plans/${o.planId}`, body: async () => ({ planType: 'Legal', version: 1 }), expect: staff(403, 403, 404, 404) },
  ],
  'POST /service-plans/:id/agreements': [
    {
      label: 'a stale revision',
      path: (f) => `/service-plans/${f.planId}/agreements`,
      body: async (t) => ({ revision: 999, agreedOn: t.clock.now().toISOString().slice(0, 10), method: 'phone' }),
      expect: staff(403, 403, 409, 404),
    },
  ],
  'GET /goals': [{ label: 'list', path: () => '/goals', expect: staff(403, 200, 200, 200) }],
  'POST /goals': [
    { label: 'add', path: () => '/goals', body: async (_t, f) => ({ planId: f.planId, domain: 'legal', description: 'Matrix' }), expect: staff(403, 403, 201, 400) },
  ],
  'PUT /goals/:id': [
    {
      label: 'own caseload',
      path: (f) => `/goals/${f.goalId}`,
      body: async (t, f) => ({ status: Math.random() < 0.5 ? 'in_progress' : 'not_started', version: await versionOf(t, Goal, f.goalId) }),
      expect: staff(403, 403, 200, 404),
    },
  ],
  'PATCH /goals/:id': [
    { label: 'another organization', path: (_f, o) => `/goals/${o.goalId}`, body: async () => ({ status: 'in_progress', version: 1 }), expect: staff(403, 403, 404, 404) },
  ],
  'GET /tasks': [{ label: 'list', path: () => '/tasks', expect: staffAndPartner(403, 200, 200, 200, 200) }],
  'POST /tasks': [
    { label: 'add', path: () => '/tasks', body: async (_t, f) => ({ goalId: f.goalId, description: 'Matrix', owner: 'survivor' }), expect: staff(403, 403, 201, 400) },
  ],
  'PUT /tasks/:id': [
    {
      label: "the partner's task",
      path: (f) => `/tasks/${f.partnerTaskId}`,
      body: async (t, f) => ({ done: Math.random() < 0.5, version: await versionOf(t, Task, f.partnerTaskId) }),
      expect: staffAndPartner(403, 403, 200, 404, 200),
    },
  ],
  'PATCH /tasks/:id': [
    {
      label: "the caseworker's task",
      path: (f) => `/tasks/${f.taskId}`,
      body: async (t, f) => ({ description: `Matrix ${Math.random()}`, version: await versionOf(t, Task, f.taskId) }),
      expect: staffAndPartner(403, 403, 200, 404, 404),
    },
  ],
  'GET /outcomes': [{ label: 'list', path: () => '/outcomes', expect: staff(403, 200, 200, 200) }],
  'GET /outcomes/:id': [
    { label: 'own caseload', path: (f) => `/outcomes/${f.outcomeId}`, expect: staff(403, 200, 200, 404) },
    { label: 'another organization', path: (_f, o) => `/outcomes/${o.outcomeId}`, expect: staff(403, 404, 404, 404) },
  ],
  'POST /outcomes': [
    {
      label: 'a 90-day assessment',
      path: () => '/outcomes',
      body: async (t, f) => ({ caseId: f.caseId, stage: '90_days', assessedOn: t.clock.now().toISOString().slice(0, 10) }),
      expect: staff(403, 403, 201, 400),
    },
  ],
  'PUT /outcomes/:id': [
    {
      label: 'own caseload',
      path: (f) => `/outcomes/${f.outcomeId}`,
      body: async (t, f) => ({ safetyRating: 1 + Math.floor(Math.random() * 5), version: await versionOf(t, OutcomeAssessment, f.outcomeId) }),
      expect: staff(403, 403, 200, 404),
    },
  ],
  'PATCH /outcomes/:id': [
    { label: 'another organization', path: (_f, o) => `/outcomes/${o.outcomeId}`, body: async () => ({ safetyRating: 3, version: 1 }), expect: staff(403, 403, 404, 404) },
  ],
  'GET /metrics/tables': [{ label: 'catalogue', path: () => '/metrics/tables', expect: metrics(200) }],
  'GET /metrics/releases': [{ label: 'list', path: () => '/metrics/releases', expect: metrics(200) }],
  'POST /metrics/releases': [
    // The guard decides before the body is read: refused roles get 403, allowed ones the validation error.
    { label: 'a period that is not one', path: () => '/metrics/releases', body: async () => ({ period: '2026-13', mode: 'k' }), expect: metrics(400) },
  ],
  'GET /metrics/releases/:id': [{ label: 'unknown or another organization', path: () => `/metrics/releases/${UNKNOWN_ID}`, expect: metrics(404) }],
  'GET /metrics/releases/:id/download': [{ label: 'unknown or another organization', path: () => `/metrics/releases/${UNKNOWN_ID}/download`, expect: metrics(404) }],
  // Durable jobs (issue 14): admins only. Running one (its step-up, its audit): kernel/jobs/jobs.int-spec.ts.
  'GET /jobs': [{ label: 'list', path: () => '/jobs', expect: { ...all(403), admin: 200 } }],
  'POST /jobs/:name/run': [{ label: 'an unknown job', path: () => '/jobs/no.such-job/run', expect: { ...all(403), admin: 404 } }],
  // Funder reports (issue 16): exact counts of the caller's organization, each run with a step-up (a fresh session is one).
  'GET /reports/trafficking-grant': [
    { label: 'the last year', path: () => `/reports/trafficking-grant?${lastYear()}`, expect: reports(200) },
    { label: 'an end before its start', path: () => '/reports/trafficking-grant?from=2025-03-31&to=2025-01-01', expect: reports(400) },
  ],
  'GET /reports/trafficking-grant/download': [
    { label: 'the last year as CSV', path: () => `/reports/trafficking-grant/download?${lastYear()}&format=csv`, expect: reports(200) },
    { label: 'a period with nothing in it', path: () => '/reports/trafficking-grant/download?from=2010-01-01&to=2010-03-31&format=xlsx', expect: reports(422) },
  ],
  'GET /reports/caseload': [
    { label: 'the last year', path: () => `/reports/caseload?${lastYear()}`, expect: reports(200) },
    { label: 'over five years', path: () => '/reports/caseload?from=2015-01-01&to=2025-01-01', expect: reports(400) },
  ],
  'GET /reports/custom-fields': [{ label: "the fields a report's custom section may count", path: () => '/reports/custom-fields', expect: reports(200) }],
  'GET /reports/hmis-csv/download': [
    { label: 'the last year as a zip', path: () => `/reports/hmis-csv/download?${lastYear()}`, expect: reports(200) },
    { label: 'a period with nothing in it', path: () => '/reports/hmis-csv/download?from=2010-01-01&to=2010-03-31', expect: reports(422) },
  ],
  'GET /reports/caseload/download': [{ label: 'the last year as CSV', path: () => `/reports/caseload/download?${lastYear()}&format=csv`, expect: reports(200) }],
  'GET /break-glass-grants': [{ label: 'list', path: () => '/break-glass-grants', expect: staff(200, 200, 200, 200) }],
  'POST /break-glass-grants': [
    {
      label: 'with a wrong password',
      path: () => '/break-glass-grants',
      body: async (_t, f) => ({ survivorId: f.survivorId, reason: 'Matrix emergency reason', password: 'not the password at all' }),
      expect: staff(400, 400, 403, 403),
    },
  ],
  'GET /appointments': [{ label: 'list', path: () => '/appointments', expect: staff(403, 200, 200, 200) }],
  'GET /appointments/:id': [
    { label: 'own caseload', path: (f) => `/appointments/${f.appointmentId}`, expect: staff(403, 200, 200, 404), keys: { coordinator: APPOINTMENT_KEYS, caseworker: APPOINTMENT_KEYS } },
    { label: 'another organization', path: (_f, o) => `/appointments/${o.appointmentId}`, expect: staff(403, 404, 404, 404) },
  ],
  'POST /appointments': [
    {
      label: 'on own caseload',
      path: () => '/appointments',
      body: async (t, f) => ({ caseId: f.caseId, startsAt: new Date(t.clock.now().getTime() + 86_400_000).toISOString(), durationMinutes: 30, kind: 'meeting' }),
      expect: staff(403, 201, 201, 400),
    },
  ],
  'PUT /appointments/:id': [
    {
      label: 'own caseload',
      path: (f) => `/appointments/${f.appointmentId}`,
      body: async (t, f) => ({ version: await appointmentVersion(t, f.appointmentId), kind: 'other' }),
      expect: staff(403, 200, 200, 404),
    },
    { label: 'another organization', path: (_f, o) => `/appointments/${o.appointmentId}`, body: async () => ({ version: 1, kind: 'other' }), expect: staff(403, 404, 404, 404) },
  ],
  'POST /appointments/:id/cancel': [
    // The coordinator cancels it first; the caseworker then finds it cancelled.
    {
      label: 'own caseload',
      path: (f) => `/appointments/${f.cancelAppointmentId}/cancel`,
      body: async (t, f) => ({ version: await appointmentVersion(t, f.cancelAppointmentId) }),
      expect: staff(403, 200, 409, 404),
    },
  ],
  'GET /calendar-feed': [{ label: 'own feed', path: () => '/calendar-feed', expect: staff(403, 200, 200, 200) }],
  'POST /calendar-feed': [{ label: 'own feed', path: () => '/calendar-feed', expect: staff(403, 201, 201, 201) }],
  'DELETE /calendar-feed': [{ label: 'own feed', path: () => '/calendar-feed', expect: staff(403, 200, 200, 200) }],
  // Token-authenticated, no session: features/appointments/appointments.int-spec.ts.
  'GET /calendar/:file': 'covered elsewhere',
  // Documents (issue 15): they follow the case; partner staff see a kind the survivor agreed to share, on an
  // open referral; a coordinator sees that they exist but cannot open them; an admin only through break-glass.
  'GET /documents': [{ label: 'list', path: () => '/documents', expect: staffAndPartner(200, 200, 200, 200, 200) }],
  'GET /documents/scanning': [{ label: 'scanner status', path: () => '/documents/scanning', expect: staffAndPartner(200, 200, 200, 200, 200) }],
  'GET /documents/:id': [
    { label: 'own caseload, shared with the partner', path: (f) => `/documents/${f.documentId}`, expect: staffAndPartner(404, 200, 200, 404, 200) },
    { label: 'another organization', path: (_f, o) => `/documents/${o.documentId}`, expect: staffAndPartner(404, 404, 404, 404, 404) },
  ],
  'GET /documents/:id/content': [
    { label: 'own caseload, shared with the partner', path: (f) => `/documents/${f.documentId}/content`, expect: staffAndPartner(404, 403, 200, 404, 200) },
    { label: 'another organization', path: (_f, o) => `/documents/${o.documentId}/content`, expect: staffAndPartner(404, 404, 404, 404, 404) },
  ],
  'POST /documents': [
    {
      label: 'on own caseload',
      path: () => '/documents',
      form: (f) => ({ fields: { caseId: f.caseId, kind: 'legal', title: 'Matrix letter' }, file: MATRIX_PDF, filename: 'matrix.pdf' }),
      expect: staff(403, 403, 201, 400),
    },
  ],
  'DELETE /documents/:id': [
    {
      label: 'own caseload',
      path: (f) => `/documents/${f.deleteDocumentId}`,
      body: async (t, f) => ({ reason: 'Matrix deletion', version: await documentVersion(t, f.deleteDocumentId) }),
      expect: staffAndPartner(403, 403, 200, 404, 403),
    },
  ],
  // Services given (issue 16): they follow the case; partner staff reach their own organization's entries on a
  // referral they accepted; admins and analysts nothing (no survivor-file content, no break-glass).
  'GET /service-deliveries': [{ label: 'list', path: () => '/service-deliveries', expect: staffAndPartner(403, 200, 200, 200, 200) }],
  'GET /service-deliveries/:id': [
    {
      label: 'own caseload, logged by the caseworker',
      path: (f) => `/service-deliveries/${f.serviceId}`,
      expect: staffAndPartner(403, 200, 200, 404, 404),
      keys: { coordinator: SERVICE_KEYS, caseworker: SERVICE_KEYS },
    },
    {
      label: "the partner's entry on a referral it accepted",
      path: (f) => `/service-deliveries/${f.partnerServiceId}`,
      expect: staffAndPartner(403, 200, 200, 404, 200),
      keys: { partner: SERVICE_PARTNER_KEYS },
    },
    { label: 'another organization', path: (_f, o) => `/service-deliveries/${o.partnerServiceId}`, expect: staffAndPartner(403, 404, 404, 404, 404) },
  ],
  'POST /service-deliveries': [
    {
      label: 'on own caseload',
      path: () => '/service-deliveries',
      body: async (t, f) => ({ caseId: f.caseId, deliveredOn: t.clock.now().toISOString().slice(0, 10), category: 'crisis_intervention', durationMinutes: 30 }),
      // Partner staff name a referral, never a case.
      expect: staffAndPartner(403, 201, 201, 400, 400),
    },
    {
      label: 'on the referral the partner accepted',
      path: () => '/service-deliveries',
      body: async (t, f) => ({ referralId: f.acceptedReferralId, deliveredOn: t.clock.now().toISOString().slice(0, 10), category: 'emergency_shelter', units: 1 }),
      expect: staffAndPartner(403, 201, 201, 400, 201),
    },
  ],
  'PUT /service-deliveries/:id': [
    {
      label: 'own caseload, logged by the caseworker',
      path: (f) => `/service-deliveries/${f.serviceId}`,
      body: async (t, f) => ({ version: await serviceVersion(t, f.serviceId), units: 1 + Math.floor(Math.random() * 9) }),
      expect: staffAndPartner(403, 200, 200, 404, 404),
    },
    {
      label: "the partner's entry",
      path: (f) => `/service-deliveries/${f.partnerServiceId}`,
      body: async (t, f) => ({ version: await serviceVersion(t, f.partnerServiceId), units: 1 + Math.floor(Math.random() * 9) }),
      expect: staffAndPartner(403, 200, 200, 404, 200),
    },
    { label: 'another organization', path: (_f, o) => `/service-deliveries/${o.serviceId}`, body: async () => ({ version: 1, units: 2 }), expect: staffAndPartner(403, 404, 404, 404, 404) },
  ],
  'POST /service-deliveries/:id/void': [
    // The coordinator voids it first; the caseworker then finds it voided.
    {
      label: 'own caseload',
      path: (f) => `/service-deliveries/${f.voidServiceId}/void`,
      body: async (t, f) => ({ version: await serviceVersion(t, f.voidServiceId), reason: 'Matrix: logged in error' }),
      expect: staffAndPartner(403, 200, 409, 404, 404),
    },
  ],
  // Immigration relief (issue 16): the caseworker records it on her cases; coordinators read the program's.
  'GET /immigration-relief': [{ label: 'list', path: () => '/immigration-relief', expect: staff(403, 200, 200, 200) }],
  'GET /immigration-relief/:id': [
    { label: 'own caseload', path: (f) => `/immigration-relief/${f.reliefId}`, expect: staff(403, 200, 200, 404), keys: { coordinator: RELIEF_KEYS, caseworker: RELIEF_KEYS } },
    { label: 'another organization', path: (_f, o) => `/immigration-relief/${o.reliefId}`, expect: staff(403, 404, 404, 404) },
  ],
  'POST /immigration-relief': [
    // The case has its record already: one per case.
    { label: 'on own caseload', path: () => '/immigration-relief', body: async (_t, f) => ({ caseId: f.caseId }), expect: staff(403, 403, 409, 400) },
  ],
  'PUT /immigration-relief/:id': [
    {
      label: 'own caseload',
      path: (f) => `/immigration-relief/${f.reliefId}`,
      body: async (t, f) => ({ version: await reliefVersion(t, f.reliefId), note: `Matrix ${Math.random()}` }),
      expect: staff(403, 403, 200, 404),
    },
    { label: 'another organization', path: (_f, o) => `/immigration-relief/${o.reliefId}`, body: async () => ({ version: 1, note: 'x' }), expect: staff(403, 403, 404, 404) },
  ],
  // Funder data (HMIS, issue 16): like immigration relief, the caseworker records it; coordinators read the program's.
  'GET /funder-data': [{ label: 'list', path: () => '/funder-data', expect: staff(403, 200, 200, 200) }],
  'GET /funder-data/:id': [
    { label: 'own caseload', path: (f) => `/funder-data/${f.funderDataId}`, expect: staff(403, 200, 200, 404), keys: { coordinator: FUNDER_DATA_KEYS, caseworker: FUNDER_DATA_KEYS } },
    { label: 'another organization', path: (_f, o) => `/funder-data/${o.funderDataId}`, expect: staff(403, 404, 404, 404) },
  ],
  'POST /funder-data': [
    // The case has its record already: one per case.
    { label: 'on own caseload', path: () => '/funder-data', body: async (_t, f) => ({ caseId: f.caseId }), expect: staff(403, 403, 409, 400) },
  ],
  'PUT /funder-data/:id': [
    {
      label: 'own caseload',
      path: (f) => `/funder-data/${f.funderDataId}`,
      body: async (t, f) => ({ version: await funderDataVersion(t, f.funderDataId), householdSize: 1 + Math.floor(Math.random() * 5) }),
      expect: staff(403, 403, 200, 404),
    },
    { label: 'another organization', path: (_f, o) => `/funder-data/${o.funderDataId}`, body: async () => ({ version: 1, householdSize: 2 }), expect: staff(403, 403, 404, 404) },
  ],
  // Contacts before a case (issue 17): caseworkers their own, coordinators the program's (without others'
  // named details); admins, analysts and partner staff nothing.
  'GET /contacts': [{ label: 'list', path: () => '/contacts', expect: staff(403, 200, 200, 200) }],
  'GET /contacts/summary': [{ label: 'a month', path: () => '/contacts/summary?from=2026-01-01&to=2026-01-31', expect: staff(403, 200, 200, 200) }],
  'GET /contacts/:id': [
    {
      label: 'logged by the caseworker',
      path: (f) => `/contacts/${f.contactId}`,
      expect: staff(403, 200, 200, 404),
      keys: { coordinator: CONTACT_COORDINATOR_KEYS, caseworker: CONTACT_KEYS },
    },
    { label: 'another organization', path: (_f, o) => `/contacts/${o.contactId}`, expect: staff(403, 404, 404, 404) },
  ],
  'POST /contacts': [{ label: 'a quick call', path: () => '/contacts', body: async () => ({ channel: 'call' }), expect: staff(403, 201, 201, 201) }],
  'PUT /contacts/:id': [
    {
      label: 'logged by the caseworker',
      path: (f) => `/contacts/${f.contactId}`,
      body: async (t, f) => ({ version: await contactVersion(t, f.contactId), immediateDanger: Math.random() < 0.5 ? 'no' : 'unknown' }),
      expect: staff(403, 200, 200, 404),
    },
    { label: 'another organization', path: (_f, o) => `/contacts/${o.contactId}`, body: async () => ({ version: 1, channel: 'text' }), expect: staff(403, 404, 404, 404) },
  ],
  'POST /contacts/:id/void': [
    // The coordinator voids it first; the caseworker then finds it voided.
    {
      label: 'logged by the caseworker',
      path: (f) => `/contacts/${f.voidContactId}/void`,
      body: async (t, f) => ({ version: await contactVersion(t, f.voidContactId), reason: 'Matrix: logged in error' }),
      expect: staff(403, 200, 409, 404),
    },
  ],
  'POST /contacts/:id/link': [
    // The coordinator links it first; the caseworker then finds it linked.
    {
      label: 'to the caseworker\'s survivor',
      path: (f) => `/contacts/${f.linkContactId}/link`,
      body: async (t, f) => ({ version: await contactVersion(t, f.linkContactId), survivorId: f.survivorId }),
      expect: staff(403, 200, 409, 404),
    },
  ],
  'POST /contacts/:id/duplicates': [
    // Issue 17: the check before converting, by whoever may convert it and register survivors.
    { label: 'logged by the caseworker', path: (f) => `/contacts/${f.convertContactId}/duplicates`, body: async () => ({}), expect: staff(403, 403, 200, 404) },
  ],
  'POST /contacts/:id/convert': [
    // Coordinators do not open cases; the caseworker converts it.
    {
      label: 'logged by the caseworker',
      path: (f) => `/contacts/${f.convertContactId}/convert`,
      body: async (t, f) => ({ version: await contactVersion(t, f.convertContactId) }),
      expect: staff(403, 403, 201, 404),
    },
  ],
  // Erasure and retention (issue 16): admins only; the two-admin approval, the purge and the holds: features/erasure/*.int-spec.ts.
  'GET /retention/erasure-requests': [{ label: 'list', path: () => '/retention/erasure-requests', expect: { ...all(403), admin: 200 } }],
  'POST /retention/erasure-requests': [
    { label: 'an unknown case number', path: () => '/retention/erasure-requests', body: async () => ({ caseNumber: 'LN-1999-99999', reason: 'She asked by phone' }), expect: { ...all(403), admin: 400 } },
  ],
  'POST /retention/erasure-requests/:id/approve': [{ label: 'an unknown request', path: () => `/retention/erasure-requests/${UNKNOWN_ID}/approve`, body: async () => ({ version: 1 }), expect: { ...all(403), admin: 404 } }],
  'POST /retention/erasure-requests/:id/reject': [{ label: 'an unknown request', path: () => `/retention/erasure-requests/${UNKNOWN_ID}/reject`, body: async () => ({ version: 1 }), expect: { ...all(403), admin: 404 } }],
  // Form settings (issue 18): the staff who fill the forms read them, admins change them; the whole flow: features/forms/forms.int-spec.ts.
  'GET /forms/:form': [
    { label: 'the intake form', path: () => '/forms/intake', expect: { ...all(403), admin: 200, coordinator: 200, caseworker: 200, caseworker2: 200 } },
    { label: 'a form that does not exist', path: () => '/forms/shoes', expect: { ...all(403), admin: 404, coordinator: 404, caseworker: 404, caseworker2: 404 } },
  ],
  'PUT /forms/:form': [
    { label: 'an unknown field', path: () => '/forms/intake', body: async () => ({ version: 0, fields: [{ key: 'shoeSize' }] }), expect: { ...all(403), admin: 400 } },
  ],
  // Sharing a form as a JSON document: admins only, both ways; the whole flow: features/forms/form-transfer.int-spec.ts.
  'GET /forms/:form/export': [{ label: 'the intake form', path: () => '/forms/intake/export', expect: { ...all(403), admin: 200 } }],
  'POST /forms/:form/import': [
    { label: 'a document of another format', path: () => '/forms/intake/import', body: async () => ({ dryRun: true, document: { format: 'excel' } }), expect: { ...all(403), admin: 400 } },
  ],
  'GET /retention/policy': [{ label: 'own organization', path: () => '/retention/policy', expect: { ...all(403), admin: 200 } }],
  'PUT /retention/policy': [{ label: 'the default again', path: () => '/retention/policy', body: async () => ({ closedCaseYears: 7 }), expect: { ...all(403), admin: 200 } }],
  'GET /retention/preview': [{ label: 'the next 30 days', path: () => '/retention/preview', expect: { ...all(403), admin: 200 } }],
  'GET /retention/reports': [{ label: 'the purge report', path: () => '/retention/reports', expect: { ...all(403), admin: 200 } }],
  'GET /retention/legal-holds': [{ label: 'list', path: () => '/retention/legal-holds', expect: { ...all(403), admin: 200 } }],
  'POST /retention/legal-holds': [
    { label: 'an unknown case number', path: () => '/retention/legal-holds', body: async () => ({ caseNumber: 'LN-1999-99999', reason: 'Subpoena from the court' }), expect: { ...all(403), admin: 400 } },
  ],
  'POST /retention/legal-holds/:id/lift': [
    { label: 'an unknown hold', path: () => `/retention/legal-holds/${UNKNOWN_ID}/lift`, body: async () => ({ reason: 'The trial is over', version: 1 }), expect: { ...all(403), admin: 404 } },
  ],
  // Spreadsheet import (issue 17): admins only; the whole flow: workflows/imports/imports.int-spec.ts.
  'GET /imports': [{ label: 'list', path: () => '/imports', expect: { ...all(403), admin: 200 } }],
  'GET /imports/mappings': [{ label: 'saved mappings', path: () => '/imports/mappings', expect: { ...all(403), admin: 200 } }],
  'POST /imports/mappings': [
    { label: 'a mapping without a name', path: () => '/imports/mappings', body: async () => ({ name: '', mapping: { columns: {}, values: {}, dateFormat: 'YYYY-MM-DD' } }), expect: { ...all(403), admin: 400 } },
  ],
  'GET /imports/:id': [{ label: 'an unknown import', path: () => `/imports/${UNKNOWN_ID}`, expect: { ...all(403), admin: 404 } }],
  'POST /imports': [
    { label: 'not a spreadsheet', path: () => '/imports', form: () => ({ fields: {}, file: Buffer.from([0x00, 0xff, 0x00, 0xfe]), filename: 'matrix.csv' }), expect: { ...all(403), admin: 400 } },
  ],
  'PUT /imports/:id/mapping': [
    {
      label: 'an unknown import',
      path: () => `/imports/${UNKNOWN_ID}/mapping`,
      body: async () => ({ mapping: { columns: { Name: 'alias' }, values: {}, dateFormat: 'YYYY-MM-DD' }, version: 1 }),
      expect: { ...all(403), admin: 404 },
    },
  ],
  'POST /imports/:id/dry-run': [{ label: 'an unknown import', path: () => `/imports/${UNKNOWN_ID}/dry-run`, expect: { ...all(403), admin: 404 } }],
  'POST /imports/:id/start': [{ label: 'an unknown import', path: () => `/imports/${UNKNOWN_ID}/start`, expect: { ...all(403), admin: 404 } }],
  'GET /imports/:id/failures': [{ label: 'an unknown import', path: () => `/imports/${UNKNOWN_ID}/failures`, expect: { ...all(403), admin: 404 } }],
  // Custom fields (issue 18): definitions are the admins'; the values follow their record's rules and each
  // field's read and write roles. The whole flow: features/custom-fields/custom-fields.int-spec.ts.
  'GET /custom-fields': [{ label: 'list', path: () => '/custom-fields', expect: { ...all(403), admin: 200 } }],
  // Any staff member who reads the records, definitions only (features/custom-fields/readable-fields.int-spec.ts).
  'GET /custom-fields/readable': [{ label: 'the case form', path: () => '/custom-fields/readable?entity=case', expect: staff(200, 200, 200, 200) }],
  'GET /custom-fields/:id': [{ label: 'an unknown field', path: () => `/custom-fields/${UNKNOWN_ID}`, expect: { ...all(403), admin: 404 } }],
  'GET /custom-fields/:id/versions': [{ label: 'an unknown field', path: () => `/custom-fields/${UNKNOWN_ID}/versions`, expect: { ...all(403), admin: 404 } }],
  'POST /custom-fields': [
    {
      label: 'a key of a built-in field',
      path: () => '/custom-fields',
      body: async () => ({ entity: 'case', key: 'caseNumber', type: 'yesNo', label: { en: 'Case number' } }),
      expect: { ...all(403), admin: 400 },
    },
  ],
  'PUT /custom-fields/:id': [
    { label: 'an unknown field', path: () => `/custom-fields/${UNKNOWN_ID}`, body: async () => ({ version: 1, label: { en: 'Renamed' } }), expect: { ...all(403), admin: 404 } },
  ],
  'POST /custom-fields/:id/retire': [
    { label: 'an unknown field', path: () => `/custom-fields/${UNKNOWN_ID}/retire`, body: async () => ({ version: 1 }), expect: { ...all(403), admin: 404 } },
  ],
  'GET /custom-values/survivor/:id': [
    { label: 'own caseload', path: (f) => `/custom-values/survivor/${f.survivorId}`, expect: staff(404, 200, 200, 404) },
    { label: 'another organization', path: (_f, o) => `/custom-values/survivor/${o.survivorId}`, expect: staff(404, 404, 404, 404) },
  ],
  'PUT /custom-values/survivor/:id': [
    {
      label: 'own caseload, nothing changed',
      path: (f) => `/custom-values/survivor/${f.survivorId}`,
      body: async (t, f) => ({ version: await versionOf(t, Survivor, f.survivorId), values: {} }),
      expect: staff(403, 403, 200, 404),
    },
    { label: 'another organization', path: (_f, o) => `/custom-values/survivor/${o.survivorId}`, body: async () => ({ version: 1, values: {} }), expect: staff(403, 403, 404, 404) },
  ],
  'GET /custom-values/case/:id': [
    { label: 'own caseload', path: (f) => `/custom-values/case/${f.caseId}`, expect: staff(200, 200, 200, 404) },
    { label: 'another organization', path: (_f, o) => `/custom-values/case/${o.caseId}`, expect: staff(404, 404, 404, 404) },
  ],
  'PUT /custom-values/case/:id': [
    {
      label: 'own caseload, nothing changed',
      path: (f) => `/custom-values/case/${f.caseId}`,
      body: async (t, f) => ({ version: await versionOf(t, CaseEntity, f.caseId), values: {} }),
      expect: staff(403, 200, 200, 404),
    },
    { label: 'another organization', path: (_f, o) => `/custom-values/case/${o.caseId}`, body: async () => ({ version: 1, values: {} }), expect: staff(403, 404, 404, 404) },
  ],
  'GET /custom-values/intake/:id': [
    { label: 'own caseload', path: (f) => `/custom-values/intake/${f.intakeId}`, expect: staff(404, 200, 200, 404) },
    { label: 'another organization', path: (_f, o) => `/custom-values/intake/${o.intakeId}`, expect: staff(404, 404, 404, 404) },
  ],
  // The custom fields a role may give a new record in its create body: the role's create permission only,
  // no record yet (features/custom-fields/custom-required.int-spec.ts).
  'GET /custom-values/survivor/new': [{ label: 'the survivor form', path: () => '/custom-values/survivor/new', expect: staff(403, 403, 200, 200) }],
  'GET /custom-values/intake/new': [{ label: 'the intake form', path: () => '/custom-values/intake/new', expect: staff(403, 403, 200, 200) }],
  'GET /custom-values/contact/new': [{ label: 'the contact form', path: () => '/custom-values/contact/new', expect: staff(403, 200, 200, 200) }],
  'GET /custom-values/goal/new': [{ label: 'the goal form', path: () => '/custom-values/goal/new', expect: staff(403, 403, 200, 200) }],
  'GET /custom-values/outcome-assessment/new': [
    { label: 'the assessment form', path: () => '/custom-values/outcome-assessment/new', expect: staff(403, 403, 200, 200) },
  ],
  'GET /custom-values/referral/new': [{ label: 'the referral form', path: () => '/custom-values/referral/new', expect: staff(403, 200, 200, 200) }],
  'GET /custom-values/contact/:id': [
    { label: 'logged by the caseworker', path: (f) => `/custom-values/contact/${f.contactId}`, expect: staff(403, 200, 200, 404) },
    { label: 'another organization', path: (_f, o) => `/custom-values/contact/${o.contactId}`, expect: staff(403, 404, 404, 404) },
  ],
  'PUT /custom-values/contact/:id': [
    {
      label: 'logged by the caseworker, nothing changed',
      path: (f) => `/custom-values/contact/${f.contactId}`,
      body: async (t, f) => ({ version: ((await t.dataSource.query('SELECT version FROM contact WHERE id = $1', [f.contactId])) as { version: number }[])[0]!.version, values: {} }),
      expect: staff(403, 200, 200, 404),
    },
  ],
  'GET /custom-values/goal/:id': [
    { label: 'own caseload', path: (f) => `/custom-values/goal/${f.goalId}`, expect: staff(403, 200, 200, 404) },
    { label: 'another organization', path: (_f, o) => `/custom-values/goal/${o.goalId}`, expect: staff(403, 404, 404, 404) },
  ],
  'PUT /custom-values/goal/:id': [
    {
      label: 'own caseload, nothing changed',
      path: (f) => `/custom-values/goal/${f.goalId}`,
      body: async (t, f) => ({ version: await versionOf(t, Goal, f.goalId), values: {} }),
      expect: staff(403, 403, 200, 404),
    },
  ],
  'GET /custom-values/outcome-assessment/:id': [
    { label: 'own caseload', path: (f) => `/custom-values/outcome-assessment/${f.outcomeId}`, expect: staff(403, 200, 200, 404) },
    { label: 'another organization', path: (_f, o) => `/custom-values/outcome-assessment/${o.outcomeId}`, expect: staff(403, 404, 404, 404) },
  ],
  'PUT /custom-values/outcome-assessment/:id': [
    {
      label: 'own caseload, nothing changed',
      path: (f) => `/custom-values/outcome-assessment/${f.outcomeId}`,
      body: async (t, f) => ({ version: await versionOf(t, OutcomeAssessment, f.outcomeId), values: {} }),
      expect: staff(403, 403, 200, 404),
    },
  ],
  'GET /custom-values/referral/:id': [
    { label: 'a sent referral', path: (f) => `/custom-values/referral/${f.sentReferralId}`, expect: staffAndPartner(403, 200, 200, 404, 200) },
    { label: 'another organization', path: (_f, o) => `/custom-values/referral/${o.sentReferralId}`, expect: staffAndPartner(403, 404, 404, 404, 404) },
  ],
  'PUT /custom-values/referral/:id': [
    {
      label: 'a draft, nothing changed',
      path: (f) => `/custom-values/referral/${f.draftReferralId}`,
      body: async (t, f) => ({ version: await versionOf(t, Referral, f.draftReferralId), values: {} }),
      expect: staffAndPartner(403, 200, 200, 404, 404),
    },
  ],
  'PUT /custom-values/intake/:id': [
    {
      label: 'own draft, nothing changed',
      path: (f) => `/custom-values/intake/${f.intakeId}`,
      body: async (t, f) => ({ version: await versionOf(t, Intake, f.intakeId), values: {} }),
      expect: staff(403, 403, 200, 404),
    },
  ],
  'GET /audit-events/:id': [
    {
      label: 'an event of the organization',
      path: (f) => `/audit-events/${f.auditEventId}`,
      expect: { ...all(403), admin: 200 },
      keys: { admin: ['action', 'actorId', 'actorRole', 'fields', 'id', 'ip', 'occurredAt', 'outcome', 'reason', 'requestId', 'subjectId', 'subjectIds', 'subjectLabel', 'subjectType'] },
    },
    { label: 'another organization', path: (_f, o) => `/audit-events/${o.auditEventId}`, expect: { ...all(403), admin: 404 } },
  ],
};

describe('access control matrix', () => {
  let org: Fixture;
  let other: Fixture;
  let routes: Route[];

  const withRecords = async (fixture: OrgFixture): Promise<Fixture> => {
    await signIn(t, fixture.admin);
    const [event] = await t.dataSource.getRepository(AuditEvent).find({ where: { organizationId: fixture.organizationId }, take: 1 });
    const cw = await signIn(t, fixture.caseworker);
    const { survivor, kase } = await createSurvivorWithCase(cw, { legalName: 'Matrix Person', dateOfBirth: '1990-01-01' });
    const intake = await cw.post(api('/intakes')).send({ caseId: kase.id, identifiedBy: 'NGO' }).expect(201);
    const consent = await cw.post(api('/consents')).send({ survivorId: survivor.id, purpose: 'services', method: 'verbal' }).expect(201);
    const note = await cw.post(api('/case-notes')).send({ caseId: kase.id, noteType: 'contact', contactMethod: 'phone', body: 'Matrix' }).expect(201);
    const noteDraft = await cw.put(api('/case-notes/drafts/mine')).send({ ...MATRIX_DRAFT, caseId: kase.id }).expect(200);
    await cw
      .post(api('/consents'))
      .send({ survivorId: survivor.id, purpose: 'share_with_partner', partnerOrgId: fixture.partnerOrg.id, sharedFields: ['alias', 'documents:housing'], method: 'written' })
      .expect(201);
    const referral = { caseId: kase.id, partnerOrgId: fixture.partnerOrg.id, serviceType: 'housing', sharedFields: ['alias'] };
    const draftReferral = await cw.post(api('/referrals')).send(referral).expect(201);
    const sentReferral = await cw.post(api('/referrals')).send(referral).expect(201);
    const coordinator = await signIn(t, fixture.coordinator);
    await coordinator.post(api(`/referrals/${sentReferral.body.id}/transitions`)).send({ to: 'sent' }).expect(200);
    const today = t.clock.now().toISOString().slice(0, 10);
    const plan = await cw.post(api('/service-plans')).send({ caseId: kase.id, planType: 'SocialCare', startsOn: today, reviewDate: today }).expect(201);
    const goal = await cw.post(api('/goals')).send({ planId: plan.body.id, domain: 'housing', description: 'Matrix goal' }).expect(201);
    const task = await cw.post(api('/tasks')).send({ goalId: goal.body.id, description: 'Matrix task', owner: 'caseworker' }).expect(201);
    const partnerTask = await cw
      .post(api('/tasks'))
      .send({ goalId: goal.body.id, description: 'Matrix partner task', owner: 'partner', referralId: sentReferral.body.id })
      .expect(201);
    const outcome = await cw.post(api('/outcomes')).send({ caseId: kase.id, stage: 'intake', assessedOn: today, housingSituation: 101 }).expect(201);
    const appointmentAt = new Date(t.clock.now().getTime() + 2 * 86_400_000).toISOString();
    const appointment = await cw.post(api('/appointments')).send({ caseId: kase.id, startsAt: appointmentAt, durationMinutes: 45, kind: 'court', note: 'Matrix' }).expect(201);
    const toCancel = await cw.post(api('/appointments')).send({ caseId: kase.id, startsAt: appointmentAt, durationMinutes: 45, kind: 'other' }).expect(201);
    const uploadDocument = (title: string) =>
      cw.post(api('/documents')).field('caseId', kase.id).field('kind', 'housing').field('title', title).attach('file', MATRIX_PDF, 'lease.pdf').expect(201);
    const document = await uploadDocument('Matrix lease');
    const toDelete = await uploadDocument('Matrix lease to delete');
    const logService = (agent: typeof cw, body: Record<string, unknown>) =>
      agent.post(api('/service-deliveries')).send({ deliveredOn: today, category: 'crisis_intervention', durationMinutes: 30, note: 'Matrix', ...body }).expect(201);
    const service = await logService(cw, { caseId: kase.id });
    const toVoid = await logService(cw, { caseId: kase.id });
    const acceptedReferral = await cw.post(api('/referrals')).send(referral).expect(201);
    await coordinator.post(api(`/referrals/${acceptedReferral.body.id}/transitions`)).send({ to: 'sent' }).expect(200);
    const partner = await signIn(t, fixture.partner);
    await partner.post(api(`/referrals/${acceptedReferral.body.id}/transitions`)).send({ to: 'accepted' }).expect(200);
    const partnerService = await logService(partner, { referralId: acceptedReferral.body.id, category: 'emergency_shelter', units: 1, durationMinutes: null });
    const relief = await cw.post(api('/immigration-relief')).send({ caseId: kase.id, tVisaStatus: 'applied', tVisaAppliedOn: today, note: 'Matrix' }).expect(201);
    const funderData = await cw.post(api('/funder-data')).send({ caseId: kase.id, veteranStatus: 0, lawEnforcementReported: 'declined' }).expect(201);
    const logContact = () => cw.post(api('/contacts')).send({ channel: 'call', anonymous: false, name: 'Matrix Caller', area: 'Matrix county', note: 'Matrix' }).expect(201);
    const [contact, voidContact, linkContact, convertContact] = [await logContact(), await logContact(), await logContact(), await logContact()];
    return {
      ...fixture,
      auditEventId: event!.id,
      survivorId: survivor.id,
      caseId: kase.id,
      intakeId: intake.body.id,
      consentId: consent.body.id,
      noteId: note.body.id,
      noteDraftId: noteDraft.body.id,
      draftReferralId: draftReferral.body.id,
      sentReferralId: sentReferral.body.id,
      planId: plan.body.id,
      goalId: goal.body.id,
      taskId: task.body.id,
      partnerTaskId: partnerTask.body.id,
      outcomeId: outcome.body.id,
      appointmentId: appointment.body.id,
      cancelAppointmentId: toCancel.body.id,
      documentId: document.body.id,
      deleteDocumentId: toDelete.body.id,
      serviceId: service.body.id,
      voidServiceId: toVoid.body.id,
      acceptedReferralId: acceptedReferral.body.id,
      partnerServiceId: partnerService.body.id,
      reliefId: relief.body.id,
      funderDataId: funderData.body.id,
      contactId: contact.body.id,
      voidContactId: voidContact.body.id,
      linkContactId: linkContact.body.id,
      convertContactId: convertContact.body.id,
    };
  };

  const t = withTestApp();
  beforeAll(async () => {
    org = await withRecords(await createOrgFixture(t.dataSource));
    other = await withRecords(await createOrgFixture(t.dataSource));
    routes = routesOf(t);
  });

  it('every route declares who may call it (a policy, signed-in, or public)', () => {
    expect(routes.length).toBeGreaterThan(15);
    const undeclared = routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('every route has a row in this matrix', () => {
    const missing = routes.map((r) => `${r.method} ${r.path}`).filter((key) => !(key in MATRIX));
    expect(missing).toEqual([]);
  });

  it('public routes are exactly the ones meant to be public', () => {
    const publicRoutes = routes.filter((r) => r.access?.kind === 'public').map((r) => `${r.method} ${r.path}`).sort();
    expect(publicRoutes).toEqual([
      'GET /calendar/:file',
      'GET /health',
      'GET /ready',
      // Invitation and reset links (issue 14): each needs a token from a mail, or answers the same for any address.
      'POST /accounts/invitations/accept',
      'POST /accounts/invitations/preview',
      'POST /accounts/password-reset',
      'POST /accounts/password-reset/complete',
      'POST /accounts/password-reset/preview',
      'POST /auth/login',
    ]);
  });

  it('every non-public route refuses an anonymous caller with 401', async () => {
    for (const route of routes.filter((r) => r.access?.kind !== 'public')) {
      const path = api(route.path.replace(':id', '00000000-0000-4000-8000-000000000000'));
      const res = await request(t.http)[route.method.toLowerCase() as 'get'](path).send({});
      expect([route.method, route.path, res.status]).toEqual([route.method, route.path, 401]);
    }
  });

  const rows = Object.entries(MATRIX).flatMap(([key, cases]) =>
    cases === 'covered elsewhere' ? [] : cases.flatMap((c) => WHO.map((who) => [key, c.label, who, c] as const)),
  );

  // One session per role for the whole matrix (sign-in costs an Argon2id verification).
  const agents = new Map<Who, Awaited<ReturnType<typeof signIn>>>();
  const agentFor = async (who: Who) => {
    if (!agents.has(who)) agents.set(who, await signIn(t, org.users[who]));
    return agents.get(who)!;
  };

  it.each(rows)('%s (%s) as %s', async (key, _label, role, c) => {
    const [method] = key.split(' ');
    const agent = await agentFor(role);
    const path = api(c.path(org, other));
    const body = c.body ? await c.body(t, org, other) : undefined;
    const call = agent[method!.toLowerCase() as 'get'](path);
    const form = c.form?.(org);
    if (form) for (const [name, value] of Object.entries(form.fields)) call.field(name, value);
    const res = form ? await call.attach('file', form.file, form.filename) : body ? await call.send(body) : await call;
    expect(res.status).toBe(c.expect[role]);
    const expectedKeys = c.keys?.[role];
    if (expectedKeys) expect(Object.keys(res.body).sort()).toEqual([...expectedKeys].sort());
    if (res.status >= 400) expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    if (method === 'GET' && res.status === 200) expect([key, await unauditedRecords(res)]).toEqual([key, []]);
  });

  /**
   * The route walk of issue 9: a response that carries a record of a survivor's file (an object whose
   * `id` is one of the fixture's survivor, case, intake, consent, note, referral, plan, goal, task,
   * assessment, appointment, document, service given or immigration relief) must have gone through RecordAccess, which leaves an audit row of the same request
   * naming that record (`read`, `list` or `disclose`; `export` for the subject access package, which audits
   * its reads as one row). A route that builds its own read fails here.
   */
  const unauditedRecords = async (res: { body: unknown; headers: Record<string, string> }): Promise<string[]> => {
    const fileIds = new Set(
      [org, other].flatMap((f) => [
        f.survivorId, f.caseId, f.intakeId, f.consentId, f.noteId, f.noteDraftId, f.draftReferralId, f.sentReferralId, f.planId, f.goalId, f.taskId, f.partnerTaskId, f.outcomeId,
        f.appointmentId, f.cancelAppointmentId, f.documentId, f.deleteDocumentId, f.serviceId, f.voidServiceId, f.acceptedReferralId, f.partnerServiceId,
        f.reliefId, f.funderDataId, f.contactId, f.voidContactId, f.linkContactId, f.convertContactId,
      ]),
    );
    const returned = new Set<string>();
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') {
        const id = (value as { id?: unknown }).id;
        if (typeof id === 'string' && fileIds.has(id)) returned.add(id);
        Object.values(value).forEach(walk);
      }
    };
    walk(res.body);
    if (returned.size === 0) return [];
    const rows = (await t.dataSource.query(
      `SELECT subject_id, subject_ids FROM audit_event WHERE request_id = $1 AND action IN ('read', 'list', 'disclose', 'export')`,
      [res.headers['x-request-id']],
    )) as { subject_id: string | null; subject_ids: string[] | null }[];
    const audited = new Set(rows.flatMap((r) => [r.subject_id, ...(r.subject_ids ?? [])]));
    return [...returned].filter((id) => !audited.has(id));
  };

  it('the route walk catches a response that carries a file record without its audit row', async () => {
    const agent = await agentFor('caseworker');
    const res = await agent.get(api(`/cases/${org.caseId}`)).expect(200);
    expect(await unauditedRecords(res)).toEqual([]);
    // The same body under a request that wrote no audit row, as a hand-built read would.
    const bare = await agent.get(api('/auth/me')).expect(200);
    expect(await unauditedRecords({ body: [{ nested: res.body }], headers: bare.headers })).toEqual([org.caseId]);
  });
});
