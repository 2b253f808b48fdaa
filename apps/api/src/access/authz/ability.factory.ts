import { Injectable } from '@nestjs/common';
import { defineAbilityFor, defineRulesFor, type AbilityUser, type AppAbility, type AppRawRule } from '@lantern/permissions';
import { Clock } from '../../kernel/config/clock.js';

/**
 * Builds a request's ability from the role's rules (libs/permissions). The rules describe ties by
 * relation (a case assigned to the caseworker, a live break-glass grant), which the SQL scope and the
 * record checks resolve against the database as it is now, so a reassignment or an expired grant
 * takes effect on the very next request, and building an ability costs nothing whatever the caseload.
 */
@Injectable()
export class AbilityFactory {
  constructor(private readonly clock: Clock) {}

  build(user: AbilityUser): AppAbility {
    return defineAbilityFor(user, { now: this.clock.now() });
  }

  rules(user: AbilityUser): AppRawRule[] {
    return defineRulesFor(user, { now: this.clock.now() });
  }
}
