/**
 * Subjects of Lantern's permission rules and the fields each one exposes. The field lists are the
 * allowlist `permittedFieldsOf` starts from: a field that is not listed here is never returned or
 * accepted, whatever a rule says.
 */
export const SUBJECT_FIELDS = {
  User: [
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
    'password',
  ],
  PartnerOrg: [
    'id',
    'organizationId',
    'name',
    'serviceTypes',
    'serviceArea',
    'capacity',
    'acceptingReferrals',
    'contactName',
    'contactEmail',
    'phone',
    'active',
    'createdAt',
    'updatedAt',
    'version',
  ],
  AuditEvent: [
    'id',
    'organizationId',
    'occurredAt',
    'actorId',
    'actorRole',
    'action',
    'subjectType',
    'subjectId',
    'fields',
    'outcome',
    'requestId',
    'ip',
    'reason',
  ],
  Metrics: [],
} as const satisfies Record<string, readonly string[]>;

export type SubjectType = keyof typeof SUBJECT_FIELDS;
export const SUBJECT_TYPES = Object.keys(SUBJECT_FIELDS) as SubjectType[];

export type SubjectField<S extends SubjectType> = (typeof SUBJECT_FIELDS)[S][number];

export function allFieldsOf(subject: SubjectType): string[] {
  return [...SUBJECT_FIELDS[subject]];
}
