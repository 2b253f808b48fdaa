import { defineRulesFor, type AbilityUser, type AppAbility } from './ability.js';

/**
 * The rules of docs/security-model.md are built per request from the person acting and the instant
 * (a break-glass grant or a consent expires by it). Their structure, which relations they follow and
 * which SQL they translate to, does not depend on who the person is or on the instant: only on the
 * role and on whether the person belongs to a partner organization. So what is computed from the rules
 * alone (the relations a record check loads, the SQL of a scope) is computed once per shape, from the
 * rules of a stand-in person at a stand-in instant, and the person's own values are bound into it on
 * each request (apps/api/src/access/authz/scope-cache.ts). ability-shape.spec.ts proves, for every role,
 * that the rules of any person at any instant are exactly the stand-in's with those values put in.
 */
export interface AbilityOrigin {
  /** Same shape, same rules but for the values `bindShape` puts in. */
  shape: string;
  user: AbilityUser;
  now: Date;
}

const origins = new WeakMap<AppAbility, AbilityOrigin>();

/** The shape of the rules `defineRulesFor` builds for this person: everything their structure depends on. */
export function ruleShapeOf(user: AbilityUser): string {
  return `${user.role}:${user.partnerOrgId ? 'partner-org' : 'staff'}`;
}

/** Called by defineAbilityFor only: an ability made from other rules (an import's) has no shape. */
export function recordOrigin(ability: AppAbility, user: AbilityUser, now: Date): void {
  origins.set(ability, { shape: ruleShapeOf(user), user, now });
}

/** Where an ability came from, when it was built by defineAbilityFor (else undefined: compute afresh). */
export function originOf(ability: AppAbility): AbilityOrigin | undefined {
  return origins.get(ability);
}

// Stand-ins no real value equals: ids are random uuids of version 4, never these.
const STAND_IN = {
  id: '00000000-0000-0000-0000-0000005e1f01',
  organizationId: '00000000-0000-0000-0000-0000005e1f02',
  partnerOrgId: '00000000-0000-0000-0000-0000005e1f03',
} as const;
/** An instant no request runs at (1 January 1971, plus 7 ms). */
export const STAND_IN_NOW = new Date(Date.UTC(1971, 0, 1, 0, 0, 0, 7));

/** The stand-in person of a shape: the same role and partner-org membership, stand-in ids. */
export function standInFor(user: AbilityUser): AbilityUser {
  return {
    id: STAND_IN.id,
    role: user.role,
    organizationId: STAND_IN.organizationId,
    partnerOrgId: user.partnerOrgId ? STAND_IN.partnerOrgId : user.partnerOrgId,
  };
}

/** A value computed from the stand-in's rules, with the person's own ids and instant put in. */
export function bindShape<T>(value: T, origin: Pick<AbilityOrigin, 'user' | 'now'>): T {
  return bind(value, origin) as T;
}

function bind(value: unknown, origin: Pick<AbilityOrigin, 'user' | 'now'>): unknown {
  if (typeof value === 'string') {
    if (value === STAND_IN.id) return origin.user.id;
    if (value === STAND_IN.organizationId) return origin.user.organizationId;
    if (value === STAND_IN.partnerOrgId) return origin.user.partnerOrgId;
    return value;
  }
  if (value instanceof Date) return value.getTime() === STAND_IN_NOW.getTime() ? origin.now : value;
  if (Array.isArray(value)) return value.map((v) => bind(v, origin));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = bind((value as Record<string, unknown>)[key], origin);
    return out;
  }
  return value;
}

const instantByShape = new Map<string, boolean>();

/**
 * Whether the rules of this person's shape depend on the instant (a break-glass grant's or a consent's
 * expiry). When they do not (a caseworker's, an analyst's), the rules of one person are the same at
 * every instant, so an ability built once may serve that person's next requests unchanged.
 */
export function shapeUsesInstant(user: AbilityUser): boolean {
  const shape = ruleShapeOf(user);
  let uses = instantByShape.get(shape);
  if (uses === undefined) {
    uses = mentionsInstant(defineRulesFor(standInFor(user), { now: STAND_IN_NOW }));
    instantByShape.set(shape, uses);
  }
  return uses;
}

function mentionsInstant(value: unknown): boolean {
  if (value instanceof Date) return value.getTime() === STAND_IN_NOW.getTime();
  if (Array.isArray(value)) return value.some(mentionsInstant);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(mentionsInstant);
  return false;
}
