import { Injectable } from '@nestjs/common';
import { defineAbilityFor, defineRulesFor, shapeUsesInstant, type AbilityUser, type AppAbility, type AppRawRule } from '@lantern/permissions';
import { Clock } from '../../kernel/config/clock.js';

/** Abilities kept for people whose rules do not depend on the instant; the oldest is dropped past this. */
const KEPT_ABILITIES = 500;

/**
 * Builds a request's ability from the role's rules (libs/permissions). The rules describe ties by
 * relation (a case assigned to the caseworker, a live break-glass grant), which the SQL scope and the
 * record checks resolve against the database as it is now, so a reassignment or an expired grant
 * takes effect on the very next request, and building an ability costs nothing whatever the caseload.
 *
 * When a role's rules do not mention the instant (shapeUsesInstant: a caseworker's, an analyst's), a
 * person's rules are the same on every request: the ability is built once and kept, keyed by every
 * value the rules are built from (role, id, organization, partner organization), so a role change gets
 * a new one. A kept ability is never changed; CASL also keeps the condition matchers it compiled in it.
 */
@Injectable()
export class AbilityFactory {
  private readonly kept = new Map<string, AppAbility>();

  constructor(private readonly clock: Clock) {}

  build(user: AbilityUser): AppAbility {
    const person: AbilityUser = { id: user.id, role: user.role, organizationId: user.organizationId, partnerOrgId: user.partnerOrgId };
    if (shapeUsesInstant(person)) return defineAbilityFor(person, { now: this.clock.now() });
    const key = `${person.role}|${person.id}|${person.organizationId}|${person.partnerOrgId ?? ''}`;
    let ability = this.kept.get(key);
    if (!ability) {
      ability = defineAbilityFor(person, { now: this.clock.now() });
      if (this.kept.size >= KEPT_ABILITIES) this.kept.delete(this.kept.keys().next().value!);
      this.kept.set(key, ability);
    }
    return ability;
  }

  rules(user: AbilityUser): AppRawRule[] {
    return defineRulesFor(user, { now: this.clock.now() });
  }
}
