import type { Actor } from '../../kernel/http/request-context.js';
import type { SessionUser } from './session.service.js';

/**
 * The actor of a signed-in person's request: who they are (from their account, or the session statement's
 * answer, which carries the definitions stamp as well) and their session (its id and last step-up).
 */
export function actorOf(
  user: Omit<SessionUser, 'definitionsStamp'> & { definitionsStamp?: string },
  session: { id: string; stepUpAt: Date | null },
): Actor {
  return {
    id: user.id,
    role: user.role,
    organizationId: user.organizationId,
    partnerOrgId: user.partnerOrgId,
    sessionId: session.id,
    stepUpAt: session.stepUpAt,
    ...(user.definitionsStamp !== undefined ? { definitionsStamp: user.definitionsStamp } : {}),
  };
}
