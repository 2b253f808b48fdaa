import type { DeepPartial, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import type { AuditService } from '../../access/audit/audit.service.js';
import { DomainError } from '../../kernel/http/domain-error.js';

/**
 * Places a record of which at most one may be active (a pending erasure request per survivor, an unlifted
 * legal hold per case), in the caller's transaction: 409 with `conflict` when `active` finds one already,
 * else the row saved with its `create` audit row. The partial unique index behind each catches a race.
 */
export async function placeActive<E extends ObjectLiteral & { id: string }>(
  manager: EntityManager,
  audit: AuditService,
  entity: EntityTarget<E>,
  place: { subjectType: string; active: FindOptionsWhere<E>; conflict: string; values: DeepPartial<E>; fields: string[]; reason: string },
): Promise<E> {
  if (await manager.findOneBy(entity, place.active)) throw new DomainError('CONFLICT', place.conflict);
  const saved = await manager.save(entity, manager.create(entity, place.values));
  await audit.record(manager, { action: 'create', subjectType: place.subjectType, subjectId: saved.id, fields: place.fields, reason: place.reason });
  return saved;
}
