import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { SubjectType } from '@lantern/permissions';
import { IdempotencyAccess } from '../../kernel/idempotency/idempotency-access.js';
import { ACCESS_KEY, type AccessRule } from '../authz/access.decorators.js';
import { RecordAccess } from './record-access.js';
import type { Plain } from '../../kernel/http/serialize.js';

/**
 * The access side of Idempotency-Key replays (issue 11, point 6): a retry of a create that already
 * happened is a read of the record it made, checked and audited like any other read. It answers with
 * the record through the route's own controller `get(id)` (the same read `GET /<records>/:id` does,
 * through RecordAccess) when the controller has one for that record type; otherwise with the first
 * answer passed through `RecordAccess.get` (scoped, filtered to the fields this person may read now,
 * audited). Out of reach: 404, like any read.
 */
@Injectable()
export class RecordIdempotencyAccess extends IdempotencyAccess {
  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    private readonly records: RecordAccess,
  ) {
    super();
  }

  subjectOf(context: ExecutionContext): string | null {
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS_KEY, context.getHandler());
    return rule?.kind === 'policy' && rule.action === 'create' && rule.subject !== 'Metrics' ? rule.subject : null;
  }

  async reread(context: ExecutionContext, subject: string, id: string, stored: Plain | null): Promise<unknown> {
    const controller = this.moduleRef.get<object>(context.getClass(), { strict: false }) as { get?: (id: string) => Promise<unknown> };
    const read = typeof controller.get === 'function' ? this.reflector.get<AccessRule | undefined>(ACCESS_KEY, controller.get) : undefined;
    if (read?.kind === 'policy' && read.action === 'read' && read.subject === subject) return controller.get!(id);
    return this.records.get({ subject: subject as SubjectType, id, present: (row: { id: string }) => stored ?? { id: row.id } });
  }
}
