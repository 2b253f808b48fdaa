import {
  AbilityBuilder,
  createMongoAbility,
  subject as tagSubject,
  type MongoAbility,
  type MongoQuery,
  type RawRuleOf,
} from '@casl/ability';
import { packRules, unpackRules, type PackRule } from '@casl/ability/extra';
import { DOCUMENT_KINDS, FUNDER_DATA_FIELDS, IMMIGRATION_RELIEF_STATE_FIELDS, PARTNER_OPEN_REFERRAL_STATUSES, PARTNER_SERVICE_REFERRAL_STATUSES, documentShareItem, type Role } from '@lantern/contracts';
import { allFieldsOf, type SubjectType } from './subjects.js';
import { contactRules } from './contact-rules.js';
import { recordOrigin } from './ability-shape.js';

export const ACTIONS = ['create', 'read', 'update', 'delete', 'export'] as const;
export type Action = (typeof ACTIONS)[number];

type Conditions = Record<string, unknown>;
type TaggedSubject = { __caslSubjectType__: SubjectType } & Record<string, unknown>;
export type AppSubject = SubjectType | TaggedSubject;
export type AppConditions = MongoQuery<Record<string, unknown>>;
export type AppAbility = MongoAbility<[Action, AppSubject], AppConditions>;
export type AppRawRule = RawRuleOf<AppAbility>;

/** What the rules need to know about the person acting. */
export interface AbilityUser {
  id: string;
  role: Role;
  organizationId: string;
  partnerOrgId: string | null;
}

/**
 * The moment the rules are built for (one request). Break-glass grants expire by it: a rule compares
 * the grant's `expiresAt` with this instant, so an expired grant stops working on the very next request.
 */
export interface AbilityOptions {
  now?: Date;
}

const PARTNER_EDITABLE_ORG_FIELDS = ['capacity', 'acceptingReferrals', 'contactName', 'contactEmail', 'phone'];
const USER_ADMIN_WRITABLE = ['email', 'displayName', 'role', 'partnerOrgId', 'active'];
const USER_SELF_FIELDS = [
  'id',
  'email',
  'displayName',
  'role',
  'organizationId',
  'partnerOrgId',
  'active',
  'mfaEnabled',
  'lastLoginAt',
  'createdAt',
  'updatedAt',
  'version',
];
const USER_DIRECTORY_FIELDS = ['id', 'email', 'displayName', 'role', 'partnerOrgId', 'active'];
const AUDIT_FIELDS = allFieldsOf('AuditEvent');

/** Survivor fields that identify the person (encrypted at rest). */
export const SURVIVOR_PII = ['legalName', 'preferredName', 'dateOfBirth', 'phone', 'email', 'address', 'safeContactInstructions'];
const SURVIVOR_WRITABLE = ['alias', 'birthYear', 'gender', 'pronouns', 'citizenship', 'languages', ...SURVIVOR_PII];
const SURVIVOR_NON_PII = allFieldsOf('Survivor').filter((f) => !SURVIVOR_PII.includes(f));
/**
 * What an admin may see of a case: its state, never its content. The survivor's id is there (an
 * opaque id identifies no one) so an admin can open the file through break-glass.
 */
const CASE_STATUS_FIELDS = ['id', 'organizationId', 'caseNumber', 'survivorId', 'status', 'assignedCaseworkerId', 'assignedAt', 'openedAt', 'closedAt', 'createdAt', 'updatedAt', 'version'];
const CASE_CASEWORKER_WRITABLE = ['riskLevel', 'referralSource', 'exploitationTypes', 'status'];
const INTAKE_WRITABLE = [
  'intakeDate',
  'identifiedBy',
  'exploitationTypes',
  'controlMethods',
  'recruitmentMethods',
  'immediateNeeds',
  'traffickingStatus',
  'recruitmentCountry',
  'recruitmentRegion',
  'exploitationCountry',
  'exploitationRegion',
  'forcedLabourIndustry',
  'sexualExploitationTypes',
  'relationshipToTrafficker',
  'ageWhenTrafficked',
  'riskScreening',
  'narrative',
];
/**
 * The intake's free texts: her story and the regions of recruitment and exploitation (a town or a
 * farm's area can point to her). Coordinators read the codes (countries included), never these.
 */
const INTAKE_FREE_TEXT = ['narrative', 'recruitmentRegion', 'exploitationRegion'];
const INTAKE_WITHOUT_NARRATIVE = allFieldsOf('Intake').filter((f) => !INTAKE_FREE_TEXT.includes(f));
const CONSENT_WRITABLE = ['survivorId', 'caseId', 'purpose', 'partnerOrgId', 'sharedFields', 'method', 'grantedAt', 'expiresAt'];
const NOTE_WRITABLE = ['caseId', 'noteType', 'contactMethod', 'body', 'restricted', 'occurredAt', 'correctsNoteId'];
const REFERRAL_WRITABLE = ['caseId', 'partnerOrgId', 'serviceType', 'urgency', 'reason', 'sharedFields'];
/** Issue 14: what staff set on an appointment; its case is chosen once, its status changes by cancelling. */
const APPOINTMENT_WRITABLE = ['caseId', 'startsAt', 'durationMinutes', 'kind', 'partnerOrgId', 'attendeeUserIds', 'note'];
const APPOINTMENT_CHANGEABLE = ['startsAt', 'durationMinutes', 'kind', 'partnerOrgId', 'attendeeUserIds', 'note', 'status'];
/** Issue 15: what staff set on a document when uploading it, and what they may change afterwards. */
const DOCUMENT_WRITABLE = ['caseId', 'kind', 'title', 'filename', 'expiresOn', 'consentId', 'goalId', 'referralId'];
const DOCUMENT_CHANGEABLE = ['kind', 'title', 'expiresOn', 'consentId', 'goalId', 'referralId', 'deletedAt', 'deletionReason'];
/** A coordinator sees that a case has documents and of what kind, never their titles, names or content. */
const DOCUMENT_COORDINATOR_FIELDS = ['id', 'organizationId', 'caseId', 'kind', 'expiresOn', 'uploadedBy', 'sizeBytes', 'detectedType', 'scanStatus', 'scannedAt', 'deletedAt', 'createdAt', 'updatedAt', 'version'];
/** What partner staff see of a document the survivor agreed to share with them (and its content). */
export const DOCUMENT_PARTNER_FIELDS = ['id', 'kind', 'title', 'filename', 'expiresOn', 'sizeBytes', 'detectedType', 'scanStatus', 'createdAt', 'content'];
/** Subject access (issue 16): the records of her file a coordinator exports whole for her. */
const SUBJECT_ACCESS_WHOLE = ['Survivor', 'Case', 'Intake', 'Consent', 'Referral', 'ServicePlan', 'Goal', 'Task', 'OutcomeAssessment', 'Appointment', 'ServiceDelivery', 'ImmigrationRelief', 'FunderData', 'Contact'] as const;
/** Subject access: the list of her documents (names, kinds, dates), never their content. */
const DOCUMENT_LIST_FIELDS = allFieldsOf('Document').filter((f) => f !== 'content');
/**
 * Issue 16: what staff change on a service entry; its case is chosen once, and voiding is its own action.
 * Staff's create rules name no fields: the request body's whitelist does (CreateServiceDeliveryDto),
 * which keeps a caseworker's /auth/me under 10 kB.
 */
const SERVICE_CHANGEABLE = ['referralId', 'deliveredOn', 'category', 'providerKind', 'providerUserId', 'partnerOrgId', 'units', 'durationMinutes', 'note', 'voidedAt', 'voidReason'];
/**
 * What partner staff see of the services their organization logged on a referral it accepted: the
 * service itself, never the case, the survivor or which program staff member is involved.
 */
export const SERVICE_PARTNER_FIELDS = [
  'id',
  'organizationId',
  'referralId',
  'deliveredOn',
  'category',
  'providerKind',
  'partnerOrgId',
  'units',
  'durationMinutes',
  'note',
  'voidedAt',
  'voidReason',
  'createdBy',
  'createdAt',
  'updatedAt',
  'version',
];
/** A partner logs as its organization, on a referral; a correction changes the service, never where it belongs. */
const SERVICE_PARTNER_WRITABLE = ['referralId', 'deliveredOn', 'category', 'providerKind', 'partnerOrgId', 'units', 'durationMinutes', 'note'];
const SERVICE_PARTNER_CHANGEABLE = ['deliveredOn', 'category', 'units', 'durationMinutes', 'note', 'voidedAt', 'voidReason'];
/** Issue 16: what the caseworker records of a case's immigration relief; its case is chosen once. */
const IMMIGRATION_CHANGEABLE = [...IMMIGRATION_RELIEF_STATE_FIELDS, 'note'];
/** Issue 16: what the caseworker records of a case's funder data (HMIS); its case is chosen once. */
const FUNDER_DATA_CHANGEABLE = [...FUNDER_DATA_FIELDS];
/**
 * What partner staff see of a referral: the request itself, the consented survivor fields (`survivor`,
 * where the alias shows only when a live consent covers it), and of the case only its number (the
 * referring organization's reference, which identifies nobody by itself) and the assigned caseworker's
 * work contact (issue 13): nothing else of the case.
 */
export const REFERRAL_PARTNER_FIELDS = [
  'id',
  'organizationId',
  'partnerOrgId',
  'caseNumber',
  'caseworkerContact',
  'serviceType',
  'urgency',
  'sharedFields',
  'status',
  'sentAt',
  'respondedAt',
  'startedAt',
  'completedAt',
  'cancelledAt',
  'declineReason',
  'outcomeNote',
  'outcome',
  'outcomeReason',
  'ageHours',
  'overdue',
  'createdAt',
  'updatedAt',
  'version',
  'survivor',
  /** The shareable custom values the survivor's consent names for this partner (issue 18). */
  'sharedCustom',
];

/**
 * The permission rules of docs/security-model.md, Roles, in one place. Deny by default: a role gets only what is
 * written here, and every rule is bound to the user's own organization so tenants never see each
 * other. The API uses these rules for route checks, SQL scoping and field filtering; the web app
 * uses the same rules (packed into /auth/me) only to decide what to show.
 */
export function defineRulesFor(user: AbilityUser, options: AbilityOptions = {}): AppRawRule[] {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  // CASL infers condition types from subject classes; Lantern's subjects are plain strings, so the
  // builder is given a precise signature of its own instead.
  const can = builder.can.bind(builder) as unknown as (
    action: Action,
    subject: SubjectType,
    fieldsOrConditions?: string[] | Conditions,
    conditions?: Conditions,
  ) => void;
  const cannot = builder.cannot.bind(builder) as unknown as (action: Action, subject: SubjectType, conditions?: Conditions) => void;
  const rules = builder.rules;
  const org = { organizationId: user.organizationId };
  // A Date, compared with the grant's Date on the server and bound as a timestamp in SQL.
  const now = options.now ?? new Date();
  // Ties are relations, never id lists (see RELATIONS): a case is the caseworker's when it is assigned
  // to her, and a note, intake, plan, goal, task, assessment or referral is hers when its case is.
  const myCase = { ...org, assignedCaseworkerId: user.id };
  const myCases = { ...org, 'case.assignedCaseworkerId': user.id };
  // A survivor is on her caseload through any case assigned to her, or, between registration and the
  // first case, because she registered them.
  const mySurvivorThroughCase = { ...org, 'cases.assignedCaseworkerId': user.id };
  const mySurvivorWithoutCase = { ...org, createdBy: user.id, cases: { $size: 0 } };
  const ofMySurvivor = [
    { ...org, 'survivor.cases.assignedCaseworkerId': user.id },
    { ...org, 'survivor.createdBy': user.id, 'survivor.cases': { $size: 0 } },
  ];
  // Break-glass: a grant of this user on the survivor that has not expired yet (60 minutes at most).
  const liveGrant = { $elemMatch: { userId: user.id, expiresAt: { $gt: now } } };

  // Break-glass: the whole file of the survivors opened for a stated reason.
  const breakGlass = () => {
    can('read', 'Survivor', { ...org, grants: liveGrant });
    can('read', 'Case', { ...org, 'survivor.grants': liveGrant });
    can('read', 'Intake', { ...org, 'case.survivor.grants': liveGrant });
    can('read', 'Consent', { ...org, 'survivor.grants': liveGrant });
    can('read', 'CaseNote', { ...org, 'case.survivor.grants': liveGrant });
    can('read', 'Document', { ...org, 'case.survivor.grants': liveGrant });
  };

  switch (user.role) {
    case 'admin':
      can('create', 'User', [...USER_ADMIN_WRITABLE, 'password'], org);
      can('read', 'User', USER_SELF_FIELDS, org);
      can('update', 'User', USER_ADMIN_WRITABLE, org);
      can('create', 'PartnerOrg', org);
      can('read', 'PartnerOrg', org);
      can('update', 'PartnerOrg', org);
      can('read', 'AuditEvent', AUDIT_FIELDS, org);
      // Admins run the system; they do not read survivor files (except through break-glass).
      can('read', 'Case', CASE_STATUS_FIELDS, org);
      can('create', 'BreakGlassGrant', org);
      can('read', 'BreakGlassGrant', org);
      breakGlass();
      can('read', 'Metrics');
      can('export', 'Metrics');
      // Funder reports (issue 16): exact counts of the program, never a record; each run needs a step-up.
      can('read', 'FunderReports');
      can('export', 'FunderReports');
      // The job list and "run now" (with step-up): admins only.
      can('read', 'Jobs');
      can('update', 'Jobs');
      // Erasure requests (a second admin approves), retention, legal holds and the purge report (issue 16).
      can('read', 'Retention');
      can('update', 'Retention');
      // Spreadsheet import (issue 17): an admin brings a program's existing caseload in. She writes
      // survivors and cases through the import only (defineImportRulesFor) and still reads none of them.
      can('read', 'Imports');
      can('create', 'Imports');
      // Custom fields (issue 18): an admin shapes the organization's forms. The values are the records'
      // own, read and written under the records' rules and each field's read and write roles.
      can('read', 'CustomFields');
      can('create', 'CustomFields');
      can('update', 'CustomFields');
      // Form settings (issue 18): admins shape the organization's forms (with step-up; docs/forms.md).
      can('read', 'FormSettings');
      can('update', 'FormSettings');
      break;
    case 'coordinator':
      // The organization's forms as its admin shaped them (issue 18): read to render them, never changed.
      can('read', 'FormSettings');
      can('read', 'User', USER_DIRECTORY_FIELDS, org);
      can('read', 'User', USER_SELF_FIELDS, { ...org, id: user.id });
      can('read', 'PartnerOrg', org);
      // The whole program, without what identifies a person or what they said in confidence.
      can('read', 'Survivor', SURVIVOR_NON_PII, org);
      can('read', 'Case', org);
      can('update', 'Case', ['assignedCaseworkerId', 'status'], org);
      can('read', 'Intake', INTAKE_WITHOUT_NARRATIVE, org);
      can('read', 'Consent', org);
      // Coordinators supervise the caseworkers: they record a consent the survivor gave (or withdrew)
      // when the caseworker cannot, e.g. to send a referral that waits on it. Never other changes.
      can('create', 'Consent', CONSENT_WRITABLE, org);
      can('update', 'Consent', ['revokedAt', 'revocationReason'], org);
      can('read', 'CaseNote', { ...org, restricted: false });
      // Documents (issue 15): that they exist and their kind, not what they say.
      can('read', 'Document', DOCUMENT_COORDINATOR_FIELDS, org);
      can('create', 'BreakGlassGrant', org);
      can('read', 'BreakGlassGrant', { ...org, userId: user.id });
      breakGlass();
      // Coordinators run referrals: they send, cancel and re-route them.
      can('create', 'Referral', REFERRAL_WRITABLE, org);
      can('read', 'Referral', org);
      can('update', 'Referral', [...REFERRAL_WRITABLE, 'status'], org);
      for (const planning of ['ServicePlan', 'Goal', 'Task', 'OutcomeAssessment'] as const) can('read', planning, org);
      // Appointments of the whole program (issue 14): coordinators see the team's diary and manage it.
      can('create', 'Appointment', APPOINTMENT_WRITABLE, org);
      can('read', 'Appointment', org);
      can('update', 'Appointment', APPOINTMENT_CHANGEABLE, org);
      // Services given (issue 16): the program's log, which coordinators read and correct.
      can('create', 'ServiceDelivery', org);
      can('read', 'ServiceDelivery', org);
      can('update', 'ServiceDelivery', SERVICE_CHANGEABLE, org);
      // Immigration relief (issue 16): the program's, to follow and report; the caseworker records it.
      can('read', 'ImmigrationRelief', org);
      // Funder data (HMIS, issue 16): the program's, to follow and report; the caseworker records it.
      can('read', 'FunderData', org);
      // Contacts before a case (issue 17): the program's log, without others' named details (contact-rules.ts).
      contactRules('coordinator', user.id, org, can, allFieldsOf('Contact'));
      can('read', 'Metrics');
      can('export', 'Metrics');
      // Funder reports (issue 16): exact counts of the program, never a record; each run needs a step-up.
      can('read', 'FunderReports');
      can('export', 'FunderReports');
      // Subject access (issue 16): a survivor asks for her record and a coordinator produces it, with a
      // step-up, audited as one row (apps/api/src/features/subject-access/, docs/subject-access.md). Her
      // whole file, name and story included, but never a restricted note nor a document's content.
      for (const whole of SUBJECT_ACCESS_WHOLE) can('export', whole, org);
      can('export', 'CaseNote', { ...org, restricted: false });
      can('export', 'Document', DOCUMENT_LIST_FIELDS, org);
      // Merging two records of one survivor, and undoing it within 30 days (issue 17, docs/duplicates.md):
      // coordinators, who see the whole program and decide duplicates; with a step-up and a reason. Not
      // admins (they run the system and do not read survivor files), nor caseworkers (a case of another
      // caseload may be on the other record).
      can('create', 'SurvivorMerge', org);
      can('read', 'SurvivorMerge', org);
      can('update', 'SurvivorMerge', ['undoneAt', 'undoneBy', 'undoReason'], org);
      break;
    case 'caseworker':
      can('read', 'FormSettings');
      can('read', 'User', USER_SELF_FIELDS, { ...org, id: user.id });
      can('read', 'PartnerOrg', org);
      // Their own caseload: survivors whose case is assigned to them, and those they registered who
      // have no case yet, never a survivor whose case went to someone else.
      can('create', 'Survivor', SURVIVOR_WRITABLE, org);
      for (const mine of [mySurvivorThroughCase, mySurvivorWithoutCase]) {
        can('read', 'Survivor', mine);
        can('update', 'Survivor', SURVIVOR_WRITABLE, mine);
      }
      can('create', 'Case', ['survivorId', 'riskLevel', 'referralSource', 'exploitationTypes'], org);
      can('read', 'Case', myCase);
      can('update', 'Case', CASE_CASEWORKER_WRITABLE, myCase);
      can('create', 'Intake', ['caseId', ...INTAKE_WRITABLE], myCases);
      can('read', 'Intake', myCases);
      can('update', 'Intake', INTAKE_WRITABLE, myCases);
      for (const mine of ofMySurvivor) {
        can('create', 'Consent', CONSENT_WRITABLE, mine);
        can('read', 'Consent', mine);
        can('update', 'Consent', ['revokedAt', 'revocationReason'], mine);
        can('read', 'BreakGlassGrant', mine);
      }
      can('create', 'CaseNote', NOTE_WRITABLE, myCases);
      can('read', 'CaseNote', myCases);
      // An author keeps sight of their own notes, even restricted ones, after a reassignment.
      can('read', 'CaseNote', { ...org, authorId: user.id });
      // Caseworkers request referrals for their cases (drafts) and follow them.
      can('create', 'Referral', REFERRAL_WRITABLE, myCases);
      can('read', 'Referral', myCases);
      can('update', 'Referral', [...REFERRAL_WRITABLE, 'status'], { ...myCases, status: 'draft' });
      // Service plans, goals, tasks and outcome assessments of their own cases.
      for (const planning of ['ServicePlan', 'Goal', 'Task', 'OutcomeAssessment'] as const) {
        can('create', planning, myCases);
        can('read', planning, myCases);
        can('update', planning, myCases);
      }
      // Documents of their own cases (issue 15), followed through the case like notes; deleting one is
      // setting deletedAt with a reason (the content is purged later, by retention).
      can('create', 'Document', DOCUMENT_WRITABLE, myCases);
      can('read', 'Document', myCases);
      can('update', 'Document', DOCUMENT_CHANGEABLE, myCases);
      // Appointments of their own cases (issue 14), followed through the case like notes.
      can('create', 'Appointment', APPOINTMENT_WRITABLE, myCases);
      can('read', 'Appointment', myCases);
      can('update', 'Appointment', APPOINTMENT_CHANGEABLE, myCases);
      // Services given on their own cases (issue 16), followed through the case like notes, whoever logged them.
      can('create', 'ServiceDelivery', myCases);
      can('read', 'ServiceDelivery', myCases);
      can('update', 'ServiceDelivery', SERVICE_CHANGEABLE, myCases);
      // The immigration relief of her own cases (issue 16): T visa, Continued Presence, HHS letter (the
      // create rule names no fields, like the service entries').
      can('create', 'ImmigrationRelief', myCases);
      can('read', 'ImmigrationRelief', myCases);
      can('update', 'ImmigrationRelief', IMMIGRATION_CHANGEABLE, myCases);
      // The funder data (HMIS) of her own cases (issue 16), like immigration relief.
      can('create', 'FunderData', myCases);
      can('read', 'FunderData', myCases);
      can('update', 'FunderData', FUNDER_DATA_CHANGEABLE, myCases);
      // Contacts before a case (issue 17): those she logged or handled, and those linked to her caseload (contact-rules.ts).
      contactRules('caseworker', user.id, org, can, allFieldsOf('Contact'));
      break;
    case 'partner':
      can('read', 'User', USER_SELF_FIELDS, { ...org, id: user.id });
      // No appointments (issue 14): an appointment names a case and its time, which no referral's grounds
      // (a consent to share survivor fields) cover; partner staff hear of meetings through the caseworker.
      // A partner sees its own organization only: the list of a program's partners (shelters among
      // them) is itself sensitive, so it is not shown to outside staff.
      if (user.partnerOrgId) {
        // Their own organization while it is active: a deactivated partner org's staff see nothing of it.
        can('read', 'PartnerOrg', { ...org, id: user.partnerOrgId, active: true });
        can('update', 'PartnerOrg', PARTNER_EDITABLE_ORG_FIELDS, { ...org, id: user.partnerOrgId, active: true });
        // Partner access follows its grounds (issue 11), all three at once, checked on every request:
        // - an open referral: sent to them and not finished (PARTNER_OPEN_REFERRAL_STATUSES);
        // - a live consent: a share_with_partner consent of the survivor for this partner org, granted,
        //   not revoked, not expired; or a coordinator's written override, until the survivor refuses
        //   (any revoked share_with_partner consent for this partner org ends an override referral's
        //   grounds for good: an inverted rule, since a rule cannot say "no element matches");
        // - an active partner org.
        // Their inbox: referrals addressed to their partner org that were actually sent (never drafts).
        const sentToThem = { partnerOrgId: user.partnerOrgId, sentAt: { $ne: null }, status: { $in: [...PARTNER_OPEN_REFERRAL_STATUSES] }, 'partnerOrg.active': true };
        const consentBase = { partnerOrgId: user.partnerOrgId, purpose: 'share_with_partner', revokedAt: null, grantedAt: { $lte: now } };
        const liveConsents = [
          { ...consentBase, expiresAt: null },
          { ...consentBase, expiresAt: { $gt: now } },
        ];
        const grounds = [
          ...liveConsents.map((live) => ({ ...sentToThem, consents: { $elemMatch: live } })),
          { ...sentToThem, consentOverrideReason: { $ne: null } },
        ];
        const refusedOverride = {
          consentOverrideReason: { $ne: null },
          consents: { $elemMatch: { partnerOrgId: user.partnerOrgId, purpose: 'share_with_partner', revokedAt: { $ne: null } } },
        };
        const taskFields = ['id', 'goalId', 'description', 'owner', 'referralId', 'dueDate', 'doneAt', 'overdue', 'version'];
        for (const ground of grounds) {
          can('read', 'Referral', REFERRAL_PARTNER_FIELDS, { ...org, ...ground });
          can('update', 'Referral', ['status', 'declineReason', 'suggestedPartnerOrgId', 'outcomeNote', 'outcome', 'outcomeReason'], { ...org, ...ground });
          // Tasks the plan gives them through one of their referrals while that referral stands on its
          // grounds, and nothing else of the plan.
          const theirTasks = { ...org, owner: 'partner', partnerOrgId: user.partnerOrgId, referral: { $elemMatch: ground } };
          can('read', 'Task', taskFields, theirTasks);
          can('update', 'Task', ['doneAt'], theirTasks);
        }
        // Documents (issue 15): only a kind the survivor agreed to share with this partner org
        // (`documents:<kind>` in a live share_with_partner consent), behind the same gate: an open
        // referral of the document's case sent to them, from an active partner org. A coordinator's
        // override never stands in for this consent. One rule per kind, since a rule cannot compare
        // the document's kind with the consent's items.
        for (const kind of DOCUMENT_KINDS) {
          for (const live of liveConsents) {
            can('read', 'Document', DOCUMENT_PARTNER_FIELDS, {
              ...org,
              kind,
              deletedAt: null,
              referrals: { $elemMatch: sentToThem },
              shareItems: { $elemMatch: { ...live, item: documentShareItem(kind) } },
            });
          }
        }
        // Services given (issue 16): partner staff log, read and correct the services their organization
        // gave on a referral it has accepted (accepted or in progress) while that referral stands on its
        // grounds; only entries their own organization's staff logged (`recorder`), so a note the program
        // wrote about the partner's service is never shown to the partner.
        const acceptedByThem = { ...sentToThem, status: { $in: [...PARTNER_SERVICE_REFERRAL_STATUSES] } };
        const serviceGrounds = [
          ...liveConsents.map((live) => ({ ...acceptedByThem, consents: { $elemMatch: live } })),
          { ...acceptedByThem, consentOverrideReason: { $ne: null } },
        ];
        for (const ground of serviceGrounds) {
          const theirServices = {
            ...org,
            providerKind: 'partner_org',
            partnerOrgId: user.partnerOrgId,
            'recorder.partnerOrgId': user.partnerOrgId,
            referral: { $elemMatch: ground },
          };
          can('create', 'ServiceDelivery', SERVICE_PARTNER_WRITABLE, theirServices);
          can('read', 'ServiceDelivery', SERVICE_PARTNER_FIELDS, theirServices);
          can('update', 'ServiceDelivery', SERVICE_PARTNER_CHANGEABLE, theirServices);
        }
        for (const action of ['read', 'update'] as const) {
          cannot(action, 'Referral', { ...org, ...refusedOverride });
          cannot(action, 'Task', { ...org, referral: { $elemMatch: refusedOverride } });
        }
        for (const action of ['create', 'read', 'update'] as const) {
          cannot(action, 'ServiceDelivery', { ...org, referral: { $elemMatch: refusedOverride } });
        }
      }
      break;
    case 'analyst':
      can('read', 'User', USER_SELF_FIELDS, { ...org, id: user.id });
      can('read', 'Metrics');
      can('export', 'Metrics');
      break;
    default: {
      const unknownRole: never = user.role;
      throw new Error(`Unknown role ${String(unknownRole)}`);
    }
  }
  return rules;
}

/**
 * The rules an import runs under (issue 17, apps/api/src/workflows/imports): the importing admin's own,
 * plus registering survivors and opening cases in her organization, which the import's rows do through
 * the survivors' and cases' own code. Only the import's background job builds this ability; no request does.
 */
export function defineImportRulesFor(user: AbilityUser, options: AbilityOptions = {}): AppRawRule[] {
  if (user.role !== 'admin') throw new Error('Only an admin imports');
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  const can = builder.can.bind(builder) as unknown as (action: Action, subject: SubjectType, fields: string[], conditions: Conditions) => void;
  const org = { organizationId: user.organizationId };
  can('create', 'Survivor', SURVIVOR_WRITABLE, org);
  // Opening a case checks that the survivor may be written to by whoever opens it.
  can('update', 'Survivor', ['id'], org);
  can('create', 'Case', ['survivorId', 'referralSource', 'exploitationTypes'], org);
  return [...defineRulesFor(user, options), ...builder.rules];
}

export function defineAbilityFor(user: AbilityUser, options: AbilityOptions = {}): AppAbility {
  const now = options.now ?? new Date();
  const ability = createAbilityFromRules(defineRulesFor(user, { ...options, now }));
  recordOrigin(ability, user, now);
  return ability;
}

export function createAbilityFromRules(rules: AppRawRule[]): AppAbility {
  return createMongoAbility<AppAbility>(rules);
}

/** Tags a plain record with its subject type so rules with conditions apply to it. */
export function asSubject<T extends object>(type: SubjectType, record: T): T & TaggedSubject {
  return tagSubject(type, record as T & Record<string, unknown>) as T & TaggedSubject;
}

/** Fields the ability allows for this action on this record (or on the type when no record). */
export function permittedFields(
  ability: AppAbility,
  action: Action,
  type: SubjectType,
  record?: object,
): string[] {
  return [...permittedFieldSet(ability, action, type, record)];
}

/**
 * The permitted fields of each pattern of matching rules, per rule list. CASL's `permittedFieldsOf`
 * walks the rules of an action and type and adds (or, for an inverted rule, removes) the fields of
 * each rule whose conditions the record meets: the answer depends only on that rule list and on which
 * of its rules match. The rule list is the ability's own array (`possibleRulesFor`, replaced whenever
 * the ability's rules change) with the subject type, so a kept ability (a caseworker's, across requests) or one request's
 * list of many rows works each pattern out once and then only tests the conditions.
 */
const fieldsByMatches = new WeakMap<object, Map<string, ReadonlySet<string>>>();

/** `permittedFields` as a set, shared between the calls that match the same rules: never change it. */
export function permittedFieldSet(ability: AppAbility, action: Action, type: SubjectType, record?: object): ReadonlySet<string> {
  const target = record ? asSubject(type, record) : type;
  const rules = ability.possibleRulesFor(action, type);
  // The type is part of the key: a rule without fields grants every field of the type it is read for.
  let key = `${type}:`;
  for (const rule of rules) key += rule.matchesConditions(target) ? '1' : '0';
  let known = fieldsByMatches.get(rules);
  if (!known) fieldsByMatches.set(rules, (known = new Map()));
  let fields = known.get(key);
  if (!fields) {
    // Exactly CASL's walk (last rule first), on the matches just worked out.
    const set = new Set<string>();
    const offset = type.length + 1;
    for (let i = rules.length - 1; i >= 0; i--) {
      if (key[offset + i] !== '1') continue;
      const rule = rules[i]!;
      for (const field of rule.fields ?? allFieldsOf(type)) {
        if (rule.inverted) set.delete(field);
        else set.add(field);
      }
    }
    fields = set;
    known.set(key, fields);
  }
  return fields;
}

export function packAbilityRules(rules: AppRawRule[]): PackRule<AppRawRule>[] {
  return packRules(rules);
}

export function unpackAbilityRules(packed: PackRule<AppRawRule>[]): AppRawRule[] {
  return unpackRules(packed);
}
