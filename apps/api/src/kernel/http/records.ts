import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { staleVersion } from './domain-error.js';

/**
 * Writes `patch` only if the row is still at `version` (which TypeORM then bumps): the optimistic
 * concurrency of every edit. Throws 409 when someone else wrote first.
 */
export async function updateVersioned<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  id: string,
  version: number,
  patch: QueryDeepPartialEntity<T>,
): Promise<void> {
  const result = await manager.createQueryBuilder().update(entity).set(patch).where('id = :id AND version = :version', { id, version }).execute();
  if ((result.affected ?? 0) !== 1) throw staleVersion();
}
