import { randomUUID } from 'node:crypto';
import type { Role } from '@lantern/contracts';
import { defineAbilityFor } from '@lantern/permissions';
import { requestContext } from '../kernel/http/request-context.js';

/** Someone a service-level test acts as. */
export interface Person {
  id: string;
  role: Role;
  organizationId: string;
  partnerOrgId: string | null;
}

/**
 * Runs `fn` as this person, as if behind the guards of a request: the medium tests call services
 * directly, with the same request context (actor, ability at `now`) the HTTP pipeline would set.
 */
export function as<T>(person: Person, now: Date, fn: () => Promise<T>): Promise<T> {
  const ability = defineAbilityFor(person, { now });
  const actor = { id: person.id, role: person.role, organizationId: person.organizationId, partnerOrgId: person.partnerOrgId, sessionId: randomUUID(), stepUpAt: null };
  return requestContext.run({ requestId: randomUUID(), ip: '127.0.0.1', userAgent: 'jest', actor, ability }, fn);
}
