import type { SurvivorResponse } from './survivors.js';
/**
 * Search (issue 13): the tolerant name search, the global search box and duplicate warnings. Every
 * query travels in a POST body, never in a URL.
 */

/** How a name matched: every word as typed, as the start of a name, or as a name that sounds alike. */
export type NameMatchGrade = 'exact' | 'prefix' | 'phonetic';

/** `POST /survivors/search`: any name of the person (one or more words); the birth year is optional, or a range. */
export interface NameSearchBody {
  name: string;
  birthYear?: number;
  birthYearFrom?: number;
  birthYearTo?: number;
}

/** One survivor found by name: what lists show (the alias, never a name), and how it matched. */
export interface NameSearchMatch {
  id: string;
  alias: string;
  birthYear: number | null;
  gender?: string | null;
  match: NameMatchGrade;
}

export interface NameSearchResult {
  /** Best first: exact, then prefix, then phonetic matches. */
  matches: NameSearchMatch[];
  /** Exact matches the caller may not read, only counted ("ask your coordinator"). */
  elsewhereInOrganization: number;
}

/** `POST /search`: the app bar's search over case numbers, aliases and partner organizations. */
export interface GlobalSearchBody {
  q: string;
}

export interface GlobalSearchCase {
  id: string;
  caseNumber: string;
  status: string;
  /** Present only when the caller may read the survivor's alias. */
  alias?: string;
}

export interface GlobalSearchSurvivor {
  id: string;
  alias: string;
  birthYear: number | null;
}

export interface GlobalSearchPartnerOrg {
  id: string;
  name: string;
}

/** A partner's referrals, found by the referring case's number. */
export interface GlobalSearchReferral {
  id: string;
  caseNumber: string;
  serviceType: string;
  status: string;
  /** The survivor's alias, only where the partner's inbox shows it (shared, open, covered by a live consent). */
  alias?: string;
}

/** Each group holds only what the caller may read; a group the role cannot read at all is empty. */
export interface GlobalSearchResult {
  cases: GlobalSearchCase[];
  survivors: GlobalSearchSurvivor[];
  partnerOrgs: GlobalSearchPartnerOrg[];
  referrals: GlobalSearchReferral[];
}

/** `POST /survivors/duplicates`: the draft of a new survivor, before it is saved. */
export interface DuplicateCheckBody {
  alias?: string;
  legalName?: string | null;
  preferredName?: string | null;
  birthYear?: number | null;
  dateOfBirth?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** What made a possible duplicate (docs/duplicates.md); each is shown only to someone who may read the field. */
export type DuplicateReason = 'alias' | 'name' | 'dateOfBirth' | 'birthYear' | 'phone' | 'email';

export interface PossibleDuplicate {
  id: string;
  alias: string;
  birthYear: number | null;
  /** The numbers of this survivor's cases the caller may read. */
  caseNumbers: string[];
  /** What matched, among what the caller may read. */
  reasons: DuplicateReason[];
  /** The duplicate score (docs/duplicates.md): 3.5 or more is a likely match. */
  score: number;
  /** A likely match; a record with only the same alias is listed too, as not likely. */
  likely: boolean;
}

export interface DuplicateCheckResult {
  possibleDuplicates: PossibleDuplicate[];
  /** Likely matches the caller may not read, only counted ("ask a coordinator"). */
  elsewhereInOrganization: number;
}

/** `POST /survivors`: the new record, and the records it may duplicate (a warning, never a refusal). */
export type SurvivorCreatedResponse = SurvivorResponse & DuplicateCheckResult;
