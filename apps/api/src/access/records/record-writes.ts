import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction } from '@lantern/contracts';
import { permittedFields, type SubjectType } from '@lantern/permissions';
import type { DataSource, DeepPartial, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { AuditService } from '../audit/audit.service.js';
import { currentActor } from '../authz/current-actor.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { serialize, type Plain } from '../../kernel/http/serialize.js';
import { RecordAccess } from './record-access.js';
import { entityOf } from './subject-entities.js';

/** What the audit row of a change says beyond its subject: the fields written, and for a transition why. */
export interface ChangeAudit {
  /** `update` unless the change is a named step (`transition`, with its `reason`). */
  action?: Extract<AuditAction, 'update' | 'transition'>;
  fields: string[];
  reason?: string;
  /** Other records the change concerns (a contact linked to a survivor names her). */
  subjectIds?: string[];
}

/**
 * The write half of the record-access layer (docs/architecture.md, "The record-access layer"). The
 * features decide whether a change is allowed and what it writes (with RecordAccess.assertCreate and
 * loadForChange); this writes it the one way every survivor-file record is written:
 *
 * - the row and its audit row in one transaction (no change without its audit row, and no audit row
 *   for a change that did not happen), with whatever else must commit with it (`alongside`);
 * - an edit only if the record is still at the version the writer read (409 otherwise);
 * - the answer field-filtered by the same rules as a read of the record, its relations loaded.
 */
@Injectable()
export class RecordWrites {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: RecordAccess,
  ) {}

  /** Inserts a new record with its `create` audit row naming the fields given; returns the saved row. */
  insert<E extends ObjectLiteral & { id: string }>(
    subject: SubjectType,
    values: DeepPartial<E> & { id: string },
    fields: string[],
    alongside?: (manager: EntityManager, saved: E) => Promise<void>,
  ): Promise<E> {
    const entity = entityOf(subject) as EntityTarget<E>;
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(entity, manager.create(entity, values));
      await this.audit.record(manager, { action: 'create', subjectType: subject, subjectId: values.id, fields });
      await alongside?.(manager, saved);
      return saved;
    });
  }

  /** Writes `patch` to the record if it is still at `version`, with its audit row. */
  update<E extends ObjectLiteral>(
    subject: SubjectType,
    id: string,
    version: number,
    patch: QueryDeepPartialEntity<E>,
    audit: ChangeAudit,
    alongside?: (manager: EntityManager) => Promise<void>,
  ): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      await updateVersioned<E>(manager, entityOf(subject) as EntityTarget<E>, id, version, patch);
      await this.audit.record(manager, {
        action: audit.action ?? 'update',
        subjectType: subject,
        subjectId: id,
        fields: audit.fields,
        ...(audit.reason ? { reason: audit.reason } : {}),
        ...(audit.subjectIds ? { subjectIds: audit.subjectIds } : {}),
      });
      await alongside?.(manager);
    });
  }

  /**
   * The answer to the writer: the record as this person may read it. Its relations are loaded first, so
   * the rules that follow them (her caseload, the referral's partner) decide; `present` builds the
   * response object and decrypts only the fields in `readable`.
   */
  async answer<E extends object>(subject: SubjectType, row: E, present: (readable: Set<string>) => Plain): Promise<Plain> {
    const { ability } = currentActor();
    const [full] = await this.access.withRelations(subject, [row]);
    const readable = new Set(permittedFields(ability, 'read', subject, full));
    return serialize(ability, subject, full!, present(readable), readable);
  }
}
