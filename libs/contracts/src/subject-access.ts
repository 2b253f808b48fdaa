/**
 * Subject access (issue 16, part 4): the package of everything Lantern holds about one survivor, as a
 * coordinator produces it at her request (`GET /api/v1/survivors/:id/access-package`, docs/subject-access.md).
 *
 * Each record is the stored record with its encrypted fields decrypted, dates as ISO 8601 strings, and
 * only the fields the coordinator's `export` rules allow (libs/permissions/src/ability.ts): restricted
 * notes are left out, and documents are listed (kind, title, file name, dates), never their content.
 */

/** The version of the package's layout: a change that could break a reader gets a new one. */
export const SUBJECT_ACCESS_FORMAT = 'lantern-subject-access/1' as const;

/** The formats a package is produced in. */
export const SUBJECT_ACCESS_FORMATS = ['json', 'pdf'] as const;
export type SubjectAccessFormat = (typeof SUBJECT_ACCESS_FORMATS)[number];

/** The package's sections of records, in the order the PDF shows them. */
export const SUBJECT_ACCESS_SECTIONS = [
  'cases',
  'intakes',
  'consents',
  'caseNotes',
  'servicePlans',
  'goals',
  'tasks',
  'outcomeAssessments',
  'referrals',
  'serviceDeliveries',
  'immigrationRelief',
  'funderData',
  'appointments',
  'contacts',
  'documents',
] as const;
export type SubjectAccessSection = (typeof SUBJECT_ACCESS_SECTIONS)[number];

/**
 * One record: its fields by name (ids, codes, texts, ISO dates, lists). A record of a kind that takes
 * custom fields (issue 18: the case, intake, contact, goal, outcome assessment, referral and, once stored,
 * the survivor) also carries `custom`, a list of SubjectAccessCustomValue.
 */
export type SubjectAccessRecord = Record<string, unknown>;

/**
 * A value of one of the organization's own fields (issue 18; docs/subject-access.md), every field of the
 * record that holds a value, retired fields included, PII decrypted.
 */
export interface SubjectAccessCustomValue {
  /** The field's key, as the program's forms name it. */
  key: string;
  /** The field's label in the package's language (English where it has none in that language). */
  label: string;
  /** As stored: an option's id, a list of them, a yes/no, a number, a `YYYY-MM-DD` day, a text, a staff member's id. */
  value: unknown;
  /** As she reads it, in the package's language: an option's label, yes or no, a staff member's name. */
  text: string;
  /** The field was retired from the forms; its value is kept as history. */
  retired: boolean;
}

/** A revision of a service plan the survivor agreed to: the plan's goals and tasks as they stood. */
export interface SubjectAccessPlanVersion {
  id: string;
  revision: number;
  agreedOn: string;
  method: string;
  /** The plan as agreed (the JSON stored with the revision). */
  content: unknown;
}

export interface SubjectAccessPackage {
  format: typeof SUBJECT_ACCESS_FORMAT;
  /** When the package was produced (ISO 8601). */
  generatedAt: string;
  /** The survivor record, names and contact details included. */
  survivor: SubjectAccessRecord;
  cases: SubjectAccessRecord[];
  /** Intakes with their narrative. */
  intakes: SubjectAccessRecord[];
  consents: SubjectAccessRecord[];
  /** Case notes, except those marked restricted. */
  caseNotes: SubjectAccessRecord[];
  /** Service plans, each with the revisions she agreed to (`agreedVersions`). */
  servicePlans: SubjectAccessRecord[];
  goals: SubjectAccessRecord[];
  tasks: SubjectAccessRecord[];
  outcomeAssessments: SubjectAccessRecord[];
  referrals: SubjectAccessRecord[];
  /** Services given. */
  serviceDeliveries: SubjectAccessRecord[];
  immigrationRelief: SubjectAccessRecord[];
  /** Funder data (HMIS): demographics, household, income and law-enforcement involvement. */
  funderData: SubjectAccessRecord[];
  appointments: SubjectAccessRecord[];
  /** Contacts (calls, walk-ins) linked to her or her cases. */
  contacts: SubjectAccessRecord[];
  /** The list of her documents: names, kinds and dates, never their content. */
  documents: SubjectAccessRecord[];
}
