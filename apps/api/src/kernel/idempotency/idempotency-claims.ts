import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntitySubscriberInterface, InsertEvent, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { DomainError } from '../http/domain-error.js';

/**
 * An Idempotency-Key waiting for the record it guards. The interceptor opens one around a keyed create;
 * the first insert of an entity named `subject` (the route's record type) writes the key, as `pending`
 * and naming that record, in the very transaction of the insert. So the key exists exactly when the
 * record does: a failed, cut or rolled-back transaction leaves neither behind.
 */
export interface IdempotencyClaim {
  userId: string;
  key: string;
  requestHash: string;
  subject: string;
  claimedAt: Date;
  expiresAt: Date;
  /** Set by the insert: the key row, the record, and the transaction that wrote them. */
  rowId: string | null;
  recordId: string | null;
  runner: QueryRunner | null;
  committed: boolean;
  /** Another request with the same key wrote its record first. */
  conflict: boolean;
}

const claims = new AsyncLocalStorage<IdempotencyClaim>();

/** Runs `fn` (the route's handler) with `claim` open. */
export function withClaim<T>(claim: IdempotencyClaim, fn: () => T): T {
  return claims.run(claim, fn);
}

/** Runs `fn` with no claim open: shared work a keyed request started must not write its key. */
export function withoutClaim<T>(fn: () => T): T {
  return claims.exit(fn);
}

/**
 * Writes the key beside the guarded record (TypeORM calls `afterInsert` inside the insert's transaction,
 * through its query runner, before the commit). A key already written by another request makes the
 * insert fail, which rolls the record back: the interceptor then answers with the other request's record.
 */
export class IdempotencyClaimSubscriber implements EntitySubscriberInterface {
  static install(dataSource: DataSource): void {
    if (!dataSource.subscribers.some((s) => s instanceof IdempotencyClaimSubscriber)) dataSource.subscribers.push(new IdempotencyClaimSubscriber());
  }

  async afterInsert(event: InsertEvent<{ id?: string }>): Promise<void> {
    const claim = claims.getStore();
    if (!claim || claim.rowId || event.metadata.name !== claim.subject) return;
    const recordId = (event.entity?.id ?? (event.entityId as { id?: string } | undefined)?.id) as string | undefined;
    if (!recordId) return;
    // ON CONFLICT waits for a concurrent request with the same key to commit or roll back.
    const rows = (await event.queryRunner.query(
      `INSERT INTO idempotency_key (user_id, key, request_hash, state, expires_at, subject_type, subject_id, claimed_at, created_by)
       VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $1)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING id`,
      [claim.userId, claim.key, claim.requestHash, claim.expiresAt, claim.subject, recordId, claim.claimedAt],
    )) as { id: string }[];
    if (rows.length === 0) {
      claim.conflict = true;
      throw new DomainError('IDEMPOTENCY_IN_PROGRESS');
    }
    claim.rowId = rows[0]!.id;
    claim.recordId = recordId;
    claim.runner = event.queryRunner;
    claim.committed = !event.queryRunner.isTransactionActive;
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const claim = claims.getStore();
    if (claim?.runner === event.queryRunner && !event.queryRunner.isTransactionActive) claim.committed = true;
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const claim = claims.getStore();
    // The record and its key are gone together: a later transaction of the same request may claim again.
    // (A savepoint rolled back inside the transaction leaves it active: the claim stands.)
    if (claim?.runner === event.queryRunner && !claim.committed && !event.queryRunner.isTransactionActive) {
      claim.rowId = null;
      claim.recordId = null;
      claim.runner = null;
    }
  }
}
