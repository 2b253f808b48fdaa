import { packRules, unpackRules, type PackRule } from '@casl/ability/extra';
import type { AppRawRule } from './ability.js';

/**
 * The rules as `GET /auth/me` sends them to the web app, and back (issue 9: the answer stays under 10 kB
 * for every role, whatever the caseload).
 *
 * The rules never carry per-record ids (ties are relations, `subjects.ts` RELATIONS), so their size is the
 * role's, not the caseload's. What made a partner's rules 24 kB is repetition: a partner reaches a
 * referral, its tasks, its services and its documents on the same grounds (a live consent for their
 * organization, an active partner org, an override the survivor has not refused), so the same ground and
 * the same field lists appear in dozens of rules, each with the same organization and partner-org ids.
 *
 * The encoding keeps every rule exactly (a decoded rule set is equal to the one encoded, which the spec
 * checks for every role) and removes the repetition:
 * - the signed-in person's own ids (`id`, `organizationId`, `partnerOrgId`) become `{"$var": "u"}`,
 *   `"o"` and `"p"`, as CASL's documentation suggests for rules kept as templates, and are filled in
 *   from `me.user`;
 * - a value that occurs more than once (a ground, a field list) is sent once in `shared` and referred to
 *   as `{"$ref": n}`.
 * Neither marker can occur in Lantern's own rules: `$var` and `$ref` are not query operators, and the
 * encoder refuses rules that contain them.
 */
export interface WireRules {
  /** CASL's packed rules (`packRules`), with `$var` and `$ref` markers. */
  packed: unknown[];
  /** The values referred to as `{"$ref": n}`; one may refer to another. */
  shared: unknown[];
}

/** Whose rules these are: the ids a rule may name and the client already knows. */
export interface RuleOwner {
  id: string;
  organizationId: string;
  partnerOrgId: string | null;
}

const OWNER_KEYS = ['id', 'organizationId', 'partnerOrgId'] as const;
type OwnerKey = (typeof OWNER_KEYS)[number];
/** The short names the wire uses for them (they occur in nearly every rule). */
const VARIABLE: Record<OwnerKey, string> = { id: 'u', organizationId: 'o', partnerOrgId: 'p' };
const OWNER_KEY_OF = new Map(OWNER_KEYS.map((key) => [VARIABLE[key], key]));
/** Values shorter than this (as JSON) cost more as a reference than they save. */
const MIN_SHARED_LENGTH = 16;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function markerOf(value: Json): { $var: OwnerKey } | { $ref: number } | null {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  if (keys[0] === '$var' && typeof value.$var === 'string' && OWNER_KEY_OF.has(value.$var)) return { $var: OWNER_KEY_OF.get(value.$var)! };
  if (keys[0] === '$ref' && typeof value.$ref === 'number') return { $ref: value.$ref };
  return null;
}

function children(value: Json): Json[] {
  if (Array.isArray(value)) return value;
  if (isObject(value)) return Object.values(value);
  return [];
}

export function encodeRules(rules: AppRawRule[], owner: RuleOwner): WireRules {
  const ids = new Map<string, OwnerKey>();
  for (const key of OWNER_KEYS) if (owner[key]) ids.set(owner[key], key);

  // 1. The owner's ids as variables; a rule that already holds a marker is refused.
  const withVars = (value: Json): Json => {
    if (isObject(value) && ('$var' in value || '$ref' in value)) throw new Error('A rule holds a $var or $ref key, which the wire encoding reserves');
    if (typeof value === 'string' && ids.has(value)) return { $var: VARIABLE[ids.get(value)!] };
    if (Array.isArray(value)) return value.map(withVars);
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withVars(v)]));
    return value;
  };
  // Through JSON first, as the client will see it (a Date becomes its ISO string).
  const packed = (JSON.parse(JSON.stringify(packRules(rules))) as Json[]).map(withVars) as Json[][];

  // 2. Every value inside a rule (not the rule itself) that is long enough, with how often it occurs.
  const counts = new Map<string, number>();
  const count = (value: Json): void => {
    const text = JSON.stringify(value);
    if (text.length >= MIN_SHARED_LENGTH && !markerOf(value)) counts.set(text, (counts.get(text) ?? 0) + 1);
    children(value).forEach(count);
  };
  packed.forEach((rule) => rule.forEach(count));

  // 3. Share the repeated ones, largest first; drop those that end up referred to only once (their every
  //    other occurrence sat inside a larger shared value) and encode again, until nothing changes.
  let candidates = [...counts].filter(([, n]) => n > 1).map(([text]) => text);
  candidates.sort((a, b) => b.length - a.length);
  for (;;) {
    const index = new Map(candidates.map((text, i) => [text, i]));
    const refs = new Array<number>(candidates.length).fill(0);
    const encode = (value: Json, top = false): Json => {
      const at = top ? undefined : index.get(JSON.stringify(value));
      if (at !== undefined) {
        refs[at]++;
        return { $ref: at };
      }
      if (Array.isArray(value)) return value.map((v) => encode(v));
      if (isObject(value) && !markerOf(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
      return value;
    };
    const out = packed.map((rule) => rule.map((part) => encode(part)));
    const shared = candidates.map((text) => encode(JSON.parse(text) as Json, true));
    const kept = candidates.filter((_, i) => refs[i] > 1);
    if (kept.length === candidates.length) return { packed: out, shared };
    candidates = kept;
  }
}

export function decodeRules(wire: WireRules, owner: RuleOwner): AppRawRule[] {
  const shared = wire.shared as Json[];
  const resolved = new Map<number, Json>();
  const decode = (value: Json, depth: number): Json => {
    if (depth > 64) throw new Error('The rules refer to themselves');
    const marker = markerOf(value);
    if (marker && '$var' in marker) return owner[marker.$var];
    if (marker && '$ref' in marker) {
      if (!resolved.has(marker.$ref)) {
        if (marker.$ref < 0 || marker.$ref >= shared.length) throw new Error(`The rules refer to a missing value ${marker.$ref}`);
        resolved.set(marker.$ref, decode(shared[marker.$ref], depth + 1));
      }
      return resolved.get(marker.$ref)!;
    }
    if (Array.isArray(value)) return value.map((v) => decode(v, depth));
    if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v, depth)]));
    return value;
  };
  const packed = (wire.packed as Json[]).map((rule) => decode(rule, 0));
  return unpackRules(packed as unknown as PackRule<AppRawRule>[]);
}
