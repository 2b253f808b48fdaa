import { applyDecorators, type CallHandler, type ExecutionContext, Inject, Injectable, Logger, type NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply as Response, FastifyRequest as Request } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource, LessThan } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Clock } from '../config/clock.js';
import { DomainError, badRequest } from '../http/domain-error.js';
import { type Actor, requestContext } from '../http/request-context.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { sha256Hex } from '../crypto/hashing.js';
import { IdempotencyAccess } from './idempotency-access.js';
import { IdempotencyClaimSubscriber, type IdempotencyClaim, withClaim } from './idempotency-claims.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import type { Plain } from '../http/serialize.js';

export const IDEMPOTENT_KEY = 'lantern:idempotent';
/**
 * Marks a create endpoint that honours the Idempotency-Key header (docs/architecture.md), and puts the
 * interceptor on that route alone: a global interceptor wrapped every request's handler in RxJS
 * observables, for the few routes that take a key (docs/benchmarks.md, per-request cost).
 */
export const Idempotent = () => applyDecorators(SetMetadata(IDEMPOTENT_KEY, true), UseInterceptors(IdempotencyInterceptor));

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const KEEP_MILLIS = 24 * 3_600_000;
export const DEFAULT_IDEMPOTENCY_LEASE_SECONDS = 30;

type Found = { kind: 'answer'; body: unknown } | { kind: 'run' };

/**
 * docs/operations.md, retries and idempotency keys. The key is written in the transaction that creates the
 * record (idempotency-claims.ts), so it exists exactly when the record does:
 * - a retry of a finished create re-reads the record through the access layer (scoped, field-filtered,
 *   audited; 404 once out of reach), never the stored answer as it was;
 * - the same key with another body is 422;
 * - a duplicate arriving while the first is still finishing its answer is 409 (with Retry-After);
 * - a key left `pending` longer than the lease (the process died, or the database went away, between
 *   the commit and the stored answer) is taken over by the next retry, which checks in one transaction
 *   that the record exists and answers with it, or runs the request afresh if it does not;
 * - a request that fails leaves no key: its transaction took the key with it.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');
  private readonly leaseMillis: number;

  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly access: IdempotencyAccess,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.leaseMillis = (config.idempotencyLeaseSeconds ?? DEFAULT_IDEMPOTENCY_LEASE_SECONDS) * 1000;
    IdempotencyClaimSubscriber.install(dataSource);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const raw = req.headers['idempotency-key'];
    const header = Array.isArray(raw) ? raw[0] : raw;
    const enabled = this.reflector.get<boolean | undefined>(IDEMPOTENT_KEY, context.getHandler());
    if (!enabled || header === undefined) return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return from(this.handle(context, req, res, header, status, next));
  }

  private async handle(context: ExecutionContext, req: Request, res: Response, key: string, status: number, next: CallHandler): Promise<unknown> {
    if (!KEY.test(key)) throw badRequest('Idempotency-Key', 'must be 8 to 128 letters, digits or - _ . :');
    const actor = requestContext.get()?.actor;
    const subject = this.access.subjectOf(context);
    if (!actor || !subject) return lastValueFrom(next.handle(), { defaultValue: null });
    const requestHash = sha256Hex(JSON.stringify([req.method, req.routeOptions?.url ?? req.url, req.body ?? null]));
    const now = this.clock.now();
    await this.dataSource.getRepository(IdempotencyKey).delete({ userId: actor.id, expiresAt: LessThan(now) });

    for (let attempt = 0; attempt < 3; attempt++) {
      const found = await this.existing(context, res, actor, subject, key, requestHash, status);
      if (found.kind === 'answer') return found.body;
      const claim: IdempotencyClaim = {
        userId: actor.id,
        key,
        requestHash,
        subject,
        claimedAt: now,
        expiresAt: new Date(now.getTime() + KEEP_MILLIS),
        rowId: null,
        recordId: null,
        runner: null,
        committed: false,
        conflict: false,
      };
      let result: unknown;
      try {
        result = await withClaim(claim, () => lastValueFrom(next.handle(), { defaultValue: null }));
      } catch (error) {
        // Another request with this key created its record first: answer as a retry would.
        if (claim.conflict) continue;
        // The record was committed but something after it failed: store what is known, so a retry
        // answers with the record at once instead of after the lease.
        if (claim.committed && claim.rowId) await this.complete(claim, status, null);
        throw error;
      }
      await this.complete(claim, status, result, subject, actor);
      return result;
    }
    throw this.inProgress();
  }

  /** What an existing key answers, or 'run' when there is none (or a takeover found no record). */
  private async existing(context: ExecutionContext, res: Response, actor: Actor, subject: string, key: string, requestHash: string, status: number): Promise<Found> {
    const repo = this.dataSource.getRepository(IdempotencyKey);
    const row = await repo.findOne({ where: { userId: actor.id, key } });
    if (!row) return { kind: 'run' };
    if (row.requestHash !== requestHash) {
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request', {
        'Idempotency-Key': ['was used for a different request'],
      });
    }
    let done = row;
    if (row.state === 'pending') {
      if (this.clock.now().getTime() - row.claimedAt.getTime() < this.leaseMillis) throw this.inProgress();
      const taken = await this.takeOver(row.id, status);
      if (!taken) return { kind: 'run' };
      done = taken;
    }
    const stored = done.responseBody
      ? (JSON.parse(this.cipher.decrypt(done.responseBody, { table: 'idempotency_key', column: 'response_body', rowId: done.id })) as Plain | null)
      : null;
    // A key of the old design names no record: its answer carries the id, and the route its type.
    const recordId = done.subjectId ?? (typeof stored?.id === 'string' ? stored.id : null);
    if (!recordId) throw this.inProgress();
    const body = await this.access.reread(context, done.subjectType ?? subject, recordId, stored);
    void res.status(done.responseStatus ?? status).header('Idempotent-Replayed', 'true');
    return { kind: 'answer', body };
  }

  /**
   * A `pending` key past its lease: in one transaction, lock it and look for the record it names. Found:
   * the key is done and the retry answers with the record. Not found: the key goes and the request runs.
   */
  private async takeOver(id: string, status: number): Promise<IdempotencyKey | null> {
    return this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(IdempotencyKey).createQueryBuilder('k').setLock('pessimistic_write').where('k.id = :id', { id }).getOne();
      if (!row) return null;
      if (row.state === 'done') return row;
      const exists = row.subjectType && row.subjectId ? await manager.getRepository(row.subjectType).exists({ where: { id: row.subjectId } }) : false;
      if (!exists) {
        await manager.delete(IdempotencyKey, { id });
        return null;
      }
      await manager.update(IdempotencyKey, { id }, { state: 'done', responseStatus: status });
      this.logger.warn({ subject: row.subjectType }, 'idempotency key taken over after its lease');
      return { ...row, state: 'done', responseStatus: status } as IdempotencyKey;
    });
  }

  /**
   * Stores the answer and marks the key done. A failure here (the database just went away) loses
   * nothing: the record and its pending key are committed, and a retry after the lease answers with it.
   */
  private async complete(claim: IdempotencyClaim, status: number, result: unknown, subject?: string, actor?: Actor): Promise<void> {
    try {
      if (claim.rowId && claim.committed) {
        const location = { table: 'idempotency_key', column: 'response_body', rowId: claim.rowId };
        const body = result === null ? null : this.cipher.encrypt(JSON.stringify(result), location);
        const updated = await this.dataSource.getRepository(IdempotencyKey).update({ id: claim.rowId }, { state: 'done', responseStatus: status, responseBody: body });
        if (updated.affected) return;
      }
      // The route wrote no record of its type inside a transaction (or not through TypeORM): the key is
      // recorded after the fact, naming the id it answered with.
      const id = (result as { id?: unknown } | null)?.id;
      if (!subject || !actor || typeof id !== 'string') return;
      this.logger.warn({ subject }, 'keyed create wrote no record of its type in a transaction: key recorded after the fact');
      await this.dataSource
        .createQueryBuilder()
        .insert()
        .into(IdempotencyKey)
        .values({
          userId: claim.userId,
          key: claim.key,
          requestHash: claim.requestHash,
          state: 'done',
          expiresAt: claim.expiresAt,
          claimedAt: claim.claimedAt,
          subjectType: subject,
          subjectId: id,
          responseStatus: status,
          createdBy: actor.id,
        })
        .orIgnore()
        .execute();
    } catch (error) {
      this.logger.warn({ err: (error as Error).name }, 'could not store an idempotent answer; a retry after the lease will');
    }
  }

  private inProgress(): DomainError {
    return new DomainError('IDEMPOTENCY_IN_PROGRESS', undefined, undefined, { 'Retry-After': String(Math.max(1, Math.ceil(this.leaseMillis / 10_000))) });
  }
}
