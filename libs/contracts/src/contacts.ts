import type { ControlMethod, ImmediateNeed } from './vocabularies.js';
import type { DuplicateCheckResult } from './search.js';
import type { CustomValue } from './custom-fields.js';

/**
 * Issue 17, part 1: contacts before a case (hotline calls, texts, walk-ins, outreach encounters). A
 * contact is logged while the person is on the line, often anonymously, and may later be linked to a
 * survivor already known to the program or converted into a new case (docs/contacts.md).
 *
 * Vocabularies: the needs a contact identifies are the intake's immediate needs (IMMEDIATE_NEEDS), and
 * its indicators of trafficking are HTCDS 2.0 MethodsOfControl values (CONTROL_METHODS), so a
 * conversion carries both into the intake draft without translation. Channel, immediate danger and the
 * actions taken are Lantern's own short lists, below.
 */

/** How the contact reached the program. */
export const CONTACT_CHANNELS = ['call', 'text', 'walk_in', 'outreach', 'other'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

/** Is the person in immediate danger (yes / no / unknown: the caller could not or would not say)? */
export const CONTACT_DANGER = ['yes', 'no', 'unknown'] as const;
export type ContactDanger = (typeof CONTACT_DANGER)[number];

/** What staff did during the contact. */
export const CONTACT_ACTIONS = ['information_given', 'referral_made', 'emergency_service_called'] as const;
export type ContactAction = (typeof CONTACT_ACTIONS)[number];

/**
 * What became of a contact: nothing more (`contact_only`), linked to a survivor the program already
 * knows (`linked`), or converted into a new case (`converted`).
 */
export const CONTACT_OUTCOMES = ['contact_only', 'linked', 'converted'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

/** Limits of the quick form's free text. */
export const CONTACT_NAME_MAX = 200;
export const CONTACT_AREA_MAX = 80;
export const CONTACT_NOTE_MAX = 2000;
export const CONTACT_VOID_REASON_MAX = 500;
/** The weekly summary covers at most this many days. */
export const CONTACT_SUMMARY_MAX_DAYS = 366;

/**
 * GET /contacts(/:id). Named details (`name`, `phone`, `email`) and the free-text `area` and `note` are
 * encrypted at rest; a coordinator reads them only on the contacts she logged or handled herself.
 */
export interface ContactResponse {
  id: string;
  organizationId: string;
  /** ISO 8601 date-time. */
  occurredAt: string;
  channel: ContactChannel;
  /** The staff member who handled the contact. */
  staffUserId: string;
  anonymous: boolean;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  /** ISO 3166-1 alpha-2. */
  countryCode: string | null;
  /** A coarse area (a city, a district, a county): never an address. */
  area?: string | null;
  needs: ImmediateNeed[];
  indicators: ControlMethod[];
  immediateDanger: ContactDanger;
  actions: ContactAction[];
  followUpNeeded: boolean;
  /** `YYYY-MM-DD`. */
  followUpOn: string | null;
  note?: string | null;
  outcome: ContactOutcome;
  survivorId: string | null;
  caseId: string | null;
  linkedAt: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /**
   * In the contact list only: the contact's custom values the reader's role may read, by key
   * (docs/custom-fields.md, "In lists").
   */
  custom?: Record<string, CustomValue>;
}

/** POST /contacts: the quick hotline form. Only the channel is required; a contact is anonymous by default. */
export interface CreateContactBody {
  occurredAt?: string;
  channel: ContactChannel;
  staffUserId?: string;
  anonymous?: boolean;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  countryCode?: string | null;
  area?: string | null;
  needs?: ImmediateNeed[];
  indicators?: ControlMethod[];
  immediateDanger?: ContactDanger;
  actions?: ContactAction[];
  followUpNeeded?: boolean;
  followUpOn?: string | null;
  note?: string | null;
}

/** PUT /contacts/:id: a correction (only the fields given change). */
export type UpdateContactBody = Partial<CreateContactBody> & { version: number };

/** POST /contacts/:id/convert: what the new survivor record is called on screens. */
export interface ConvertContactBody {
  version: number;
  /** Non-identifying name used on screens; default "Contact <date>". */
  alias?: string;
  /** The new survivor's custom values, keyed as POST /survivors takes them; her form's required fields must be given. */
  custom?: Record<string, unknown>;
}

/** The answer of POST /contacts/:id/convert: the contact, and the new case to open the intake draft of. */
/** The new survivor's likely duplicates come with it (issue 17): checked before, warned after, never blocking. */
export interface ContactConversionResponse extends DuplicateCheckResult {
  contact: ContactResponse;
  survivorId: string;
  caseId: string;
  caseNumber: string;
  intakeId: string;
}

/** One row of GET /contacts/summary: the contacts of a week (starting Monday), by channel and outcome. */
export interface ContactSummaryRow {
  /** `YYYY-MM-DD`, the Monday of the week (UTC). */
  week: string;
  channel: ContactChannel;
  outcome: ContactOutcome;
  count: number;
}

/** GET /contacts/summary?from&to. Voided contacts are left out. */
export interface ContactSummaryResponse {
  from: string;
  to: string;
  total: number;
  rows: ContactSummaryRow[];
}
