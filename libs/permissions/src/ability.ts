import {
  AbilityBuilder,
  createMongoAbility,
  subject as tagSubject,
  type MongoAbility,
  type MongoQuery,
  type RawRuleOf,
} from '@casl/ability';
import { packRules, permittedFieldsOf, unpackRules, type PackRule } from '@casl/ability/extra';
import type { Role } from '@lantern/contracts';
import { allFieldsOf, type SubjectType } from './subjects.js';

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

/**
 * The permission rules of DESIGN.md §3, in one place. Deny by default: a role gets only what is
 * written here, and every rule is bound to the user's own organization so tenants never see each
 * other. The API uses these rules for route checks, SQL scoping and field filtering; the web app
 * uses the same rules (packed into /auth/me) only to decide what to show.
 */
export function defineRulesFor(user: AbilityUser): AppRawRule[] {
  const builder = new AbilityBuilder<AppAbility>(createMongoAbility);
  // CASL infers condition types from subject classes; Lantern's subjects are plain strings, so the
  // builder is given a precise signature of its own instead.
  const can = builder.can.bind(builder) as unknown as (
    action: Action,
    subject: SubjectType,
    fieldsOrConditions?: string[] | Conditions,
    conditions?: Conditions,
  ) => void;
  const rules = builder.rules;
  const org = { organizationId: user.organizationId };

  switch (user.role) {
    case 'admin':
      can('create', 'User', [...USER_ADMIN_WRITABLE, 'password'], org);
      can('read', 'User', USER_SELF_FIELDS, org);
      can('update', 'User', USER_ADMIN_WRITABLE, org);
      can('create', 'PartnerOrg', org);
      can('read', 'PartnerOrg', org);
      can('update', 'PartnerOrg', org);
      can('read', 'AuditEvent', AUDIT_FIELDS, org);
      can('read', 'Metrics');
      can('export', 'Metrics');
      break;
    case 'coordinator':
      can('read', 'User', USER_DIRECTORY_FIELDS, org);
      can('read', 'User', USER_SELF_FIELDS, { ...org, id: user.id });
      can('read', 'PartnerOrg', org);
      can('read', 'Metrics');
      can('export', 'Metrics');
      break;
    case 'caseworker':
      can('read', 'User', USER_SELF_FIELDS, { ...org, id: user.id });
      can('read', 'PartnerOrg', org);
      break;
    case 'partner':
      can('read', 'User', USER_SELF_FIELDS, { ...org, id: user.id });
      // A partner sees its own organization only: the list of a program's partners (shelters among
      // them) is itself sensitive, so it is not shown to outside staff.
      if (user.partnerOrgId) {
        can('read', 'PartnerOrg', { ...org, id: user.partnerOrgId });
        can('update', 'PartnerOrg', PARTNER_EDITABLE_ORG_FIELDS, { ...org, id: user.partnerOrgId });
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

export function defineAbilityFor(user: AbilityUser): AppAbility {
  return createAbilityFromRules(defineRulesFor(user));
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
  const target = record ? asSubject(type, record) : type;
  return permittedFieldsOf(ability, action, target, {
    fieldsFrom: (rule) => rule.fields ?? allFieldsOf(type),
  });
}

export function packAbilityRules(rules: AppRawRule[]): PackRule<AppRawRule>[] {
  return packRules(rules);
}

export function unpackAbilityRules(packed: PackRule<AppRawRule>[]): AppRawRule[] {
  return unpackRules(packed);
}
