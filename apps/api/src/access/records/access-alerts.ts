import type { EntityManager } from 'typeorm';
import type { Actor } from '../../kernel/http/request-context.js';

/**
 * What the record-access layer needs to tell people, without importing the feature that does the telling
 * (docs/architecture.md, dependency rules): the notifications feature provides it (notifications.module.ts).
 */
export abstract class AccessAlerts {
  /** Tells the organization's admins that `actor` went past the read budget, in the caller's transaction. */
  abstract unusualReads(manager: EntityManager, actor: Actor): Promise<void>;
}
