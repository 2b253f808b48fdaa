import type { ExecutionContext } from '@nestjs/common';

/**
 * What the idempotency interceptor needs from the access layer, which the kernel may not import
 * (docs/architecture.md): the access layer provides it (`access/records/idempotency-access.ts`).
 */
export abstract class IdempotencyAccess {
  /** The record type (entity name) a keyed create route makes: its `@Policy('create', …)` subject. */
  abstract subjectOf(context: ExecutionContext): string | null;

  /**
   * The answer to a retry of a create that already happened: the record re-read as this person may
   * see it now (scoped, field-filtered, audited like any read), or 404 when it is out of their reach.
   * `stored` is the first answer when it was kept: a record with no read of its own is answered from
   * it, filtered the same way.
   */
  abstract reread(context: ExecutionContext, subject: string, id: string, stored: Record<string, unknown> | null): Promise<unknown>;
}
