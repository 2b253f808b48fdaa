import { Injectable } from '@nestjs/common';
import { defineAbilityFor, type AbilityScope, type AbilityUser, type AppAbility } from '@lantern/permissions';
import type { EntityManager } from 'typeorm';
import { Clock } from '../config/clock.js';
import { requestContext } from '../common/request-context.js';

/**
 * Builds a request's ability: the role's rules (libs/permissions) plus the records the user is tied
 * to right now. Loaded per request, so a reassignment or an expired break-glass grant takes effect
 * on the very next request.
 */
@Injectable()
export class AbilityFactory {
  constructor(private readonly clock: Clock) {}

  async scopeFor(manager: EntityManager, user: AbilityUser): Promise<AbilityScope> {
    const scope: AbilityScope = { caseIds: [], survivorIds: [], breakGlass: { survivorIds: [], caseIds: [] } };
    if (user.role === 'caseworker') {
      // One statement, one snapshot: their assigned cases, and the survivors they registered who have
      // no case yet (between registration and opening the case).
      const rows = (await manager.query(
        `SELECT c.id AS case_id, c.survivor_id FROM survivor_case c
          WHERE c.assigned_caseworker_id = $1 AND c.organization_id = $2
         UNION ALL
         SELECT NULL, s.id FROM survivor s
          WHERE s.created_by = $1 AND s.organization_id = $2
            AND NOT EXISTS (SELECT 1 FROM survivor_case c WHERE c.survivor_id = s.id)`,
        [user.id, user.organizationId],
      )) as { case_id: string | null; survivor_id: string }[];
      scope.caseIds = rows.map((r) => r.case_id).filter((id): id is string => id !== null);
      scope.survivorIds = [...new Set(rows.map((r) => r.survivor_id))];
    }
    if (user.role === 'admin' || user.role === 'coordinator') {
      const rows = (await manager.query(
        `SELECT g.survivor_id, c.id AS case_id
           FROM break_glass_grant g LEFT JOIN survivor_case c ON c.survivor_id = g.survivor_id
          WHERE g.user_id = $1 AND g.organization_id = $2 AND g.expires_at > $3`,
        [user.id, user.organizationId, this.clock.now()],
      )) as { survivor_id: string; case_id: string | null }[];
      scope.breakGlass.survivorIds = [...new Set(rows.map((r) => r.survivor_id))];
      scope.breakGlass.caseIds = rows.map((r) => r.case_id).filter((id): id is string => id !== null);
    }
    return scope;
  }

  async build(manager: EntityManager, user: AbilityUser): Promise<AppAbility> {
    return defineAbilityFor(user, await this.scopeFor(manager, user));
  }

  /** After a change that alters the caller's own scope (a survivor registered, a case opened). */
  async refreshCurrent(manager: EntityManager): Promise<AppAbility> {
    const context = requestContext.get();
    if (!context?.actor) throw new Error('refreshCurrent needs a signed-in request');
    context.ability = await this.build(manager, context.actor);
    return context.ability;
  }
}
