import type { AppAbility } from '@lantern/permissions';
import { DomainError } from '../../kernel/http/domain-error.js';
import { requestContext, type Actor } from '../../kernel/http/request-context.js';

/** The signed-in actor and their ability; only valid behind the guards. */
export function currentActor(): { actor: Actor; ability: AppAbility } {
  const context = requestContext.get();
  if (!context?.actor || !context.ability) throw new DomainError('AUTH_REQUIRED');
  return { actor: context.actor, ability: context.ability };
}
