/**
 * Issue 17, part 1: who logs, reads and corrects the contacts before a case (hotline calls, texts,
 * walk-ins, outreach encounters; apps/api/src/features/contacts). docs/contacts.md says the same in
 * plain words.
 *
 * - Caseworkers log contacts, and read and correct the ones they logged or handled (`createdBy`,
 *   `staffUserId`) and the ones linked to a survivor on their caseload (through the survivor's cases,
 *   or a survivor they registered who has no case yet), so a caseworker who takes over a case sees how
 *   it started.
 * - Coordinators log contacts and read and correct all the organization's, to follow up and to count
 *   them; the named details and free text (`CONTACT_PRIVATE_FIELDS`) only of the contacts they logged or
 *   handled themselves, as they never read a survivor's identifying fields either.
 * - Admins, analysts and partner staff: nothing. Admins run the system and do not read survivor files;
 *   an unlinked contact has no survivor a break-glass grant could name.
 *
 * Nobody deletes a contact: a correction is an edit with its version, one logged in error is voided.
 */

type Conditions = Record<string, unknown>;
type Can = (action: 'create' | 'read' | 'update', subject: 'Contact', fieldsOrConditions?: string[] | Conditions, conditions?: Conditions) => void;

/** Encrypted at rest: the named details, the coarse area and the note (free text may name anyone). */
export const CONTACT_PRIVATE_FIELDS = ['name', 'phone', 'email', 'area', 'note'];

/** What staff change on a contact, voiding and the link to a survivor included (the link is set once). */
export const CONTACT_CHANGEABLE = [
  'occurredAt',
  'channel',
  'staffUserId',
  'anonymous',
  ...CONTACT_PRIVATE_FIELDS,
  'countryCode',
  'needs',
  'indicators',
  'immediateDanger',
  'actions',
  'followUpNeeded',
  'followUpOn',
  'survivorId',
  'caseId',
  'outcome',
  'linkedAt',
  'voidedAt',
  'voidReason',
];

export function contactRules(role: 'caseworker' | 'coordinator', userId: string, org: { organizationId: string }, can: Can, allFields: string[]): void {
  const mine = [
    { ...org, createdBy: userId },
    { ...org, staffUserId: userId },
  ];
  // The create rules name no fields: the request body's whitelist does (CreateContactDto).
  can('create', 'Contact', org);
  if (role === 'coordinator') {
    const withoutPrivate = allFields.filter((f) => !CONTACT_PRIVATE_FIELDS.includes(f));
    can('read', 'Contact', withoutPrivate, org);
    can('update', 'Contact', CONTACT_CHANGEABLE.filter((f) => !CONTACT_PRIVATE_FIELDS.includes(f)), org);
    for (const own of mine) {
      can('read', 'Contact', own);
      can('update', 'Contact', CONTACT_CHANGEABLE, own);
    }
    return;
  }
  const linked = [
    { ...org, 'survivor.cases.assignedCaseworkerId': userId },
    { ...org, 'survivor.createdBy': userId, 'survivor.cases': { $size: 0 } },
  ];
  for (const reach of [...mine, ...linked]) {
    can('read', 'Contact', reach);
    can('update', 'Contact', CONTACT_CHANGEABLE, reach);
  }
}
