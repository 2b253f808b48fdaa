import {
  bindShape,
  defineAbilityFor,
  originOf,
  STAND_IN_NOW,
  standInFor,
  type AbilityOrigin,
  type Action,
  type AppAbility,
  type SubjectType,
} from '@lantern/permissions';
import { rulesToSql, type RelationForm, type SqlFragment, type SqlTarget } from './rules-to-sql.js';

/**
 * The SQL of a scope, translated once per shape of rules instead of on every request
 * (libs/permissions/src/ability-shape.ts). The rules of a role have the same structure for every person
 * and instant; only the person's ids and the instant differ. So the predicate is translated from the
 * stand-in's rules and kept; each request binds its own person's ids and its own instant into the
 * parameters, which is what a translation of its own rules would give (ability-shape.spec.ts proves the
 * rules match; scope-cache.int-spec.ts proves the SQL does, for every role and subject). An expired
 * grant or a reassignment still counts at the next request: the instant is the request's, and the
 * ties are looked up in the database by the SQL. Abilities built otherwise (an import's) are translated
 * afresh every time.
 *
 * The key names everything the SQL depends on: the shape, the action, the subject, the target (the
 * caller's name for its table and alias, `targetKey`), the parameter prefix and the form of relations.
 */
export class ScopeCache {
  private readonly standIns = new Map<string, AppAbility>();
  private readonly fragments = new Map<string, SqlFragment>();

  scopeSql(ability: AppAbility, action: Action, subject: SubjectType, target: () => SqlTarget, targetKey: string, paramPrefix = 'casl', relations: RelationForm = 'membership'): SqlFragment {
    const origin = originOf(ability);
    if (!origin) return rulesToSql(ability, action, subject, target(), paramPrefix, relations);
    const key = `${origin.shape}|${action}|${subject}|${targetKey}|${paramPrefix}|${relations}`;
    let fragment = this.fragments.get(key);
    if (!fragment) {
      fragment = rulesToSql(this.standIn(origin), action, subject, target(), paramPrefix, relations);
      this.fragments.set(key, fragment);
    }
    return { sql: fragment.sql, params: bindShape(fragment.params, origin) };
  }

  private standIn(origin: AbilityOrigin): AppAbility {
    let ability = this.standIns.get(origin.shape);
    if (!ability) {
      ability = defineAbilityFor(standInFor(origin.user), { now: STAND_IN_NOW });
      this.standIns.set(origin.shape, ability);
    }
    return ability;
  }
}
