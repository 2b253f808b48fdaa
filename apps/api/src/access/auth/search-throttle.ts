import { DomainError } from '../../kernel/http/domain-error.js';
import type { AuditInput, AuditService } from '../audit/audit.service.js';
import { retryAfterSeconds, type SecretThrottle } from './secret-throttle.service.js';

/**
 * Counts one search against the person's limit (`search:user`, THROTTLE_RULES in
 * secret-throttle.service.ts), or refuses it with 429 and Retry-After, the refusal audited as denied
 * with the search's own audit row (`trail`). The global search and the survivor searches share it.
 */
export async function countSearch(throttle: SecretThrottle, audit: AuditService, actorId: string, trail: AuditInput): Promise<void> {
  try {
    await throttle.hit('search:user', actorId, (wait) => {
      const seconds = retryAfterSeconds(wait);
      return new DomainError('TOO_MANY_REQUESTS', `You have searched many times in a short time. Wait ${seconds} seconds and try again.`, undefined, {
        'Retry-After': String(seconds),
      });
    });
  } catch (error) {
    await audit.recordAlone({ ...trail, outcome: 'denied' });
    throw error;
  }
}
