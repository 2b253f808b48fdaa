import type { Action, AppAbility, SubjectType } from '@lantern/permissions';
import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import type { AuditService } from '../audit/audit.service.js';
import { scopeQuery } from '../authz/rules-to-sql.js';
import { type DomainError, notFound, staleVersion } from './domain-error.js';

/** A query over one entity, already narrowed to the records the ability allows for `action`. */
export function scopedQuery<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  ability: AppAbility,
  action: Action,
  subject: SubjectType,
  alias = 'r',
): SelectQueryBuilder<T> {
  return scopeQuery(manager.getRepository(entity).createQueryBuilder(alias), ability, action, subject);
}

/** The record with this id if the ability allows `action` on it, else null. */
export function findScoped<T extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  ability: AppAbility,
  action: Action,
  subject: SubjectType,
  id: string,
): Promise<T | null> {
  return scopedQuery(manager, entity, ability, action, subject).andWhere('r.id = :id', { id }).getOne();
}

/**
 * The answer for a record out of reach: 404 whether it exists or not (ids cannot be probed), and an
 * audited denial when it does exist.
 */
export async function outOfReach<T extends ObjectLiteral>(
  manager: EntityManager,
  audit: AuditService,
  entity: EntityTarget<T>,
  subject: SubjectType,
  id: string,
  action: string,
  label: string,
): Promise<DomainError> {
  if (await manager.getRepository(entity).exists({ where: { id } as never })) {
    await audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: subject, subjectId: id, reason: action });
  }
  return notFound(label);
}

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
