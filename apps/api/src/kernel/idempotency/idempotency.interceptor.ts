import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource, LessThan } from 'typeorm';
import { Clock } from '../config/clock.js';
import { DomainError, badRequest } from '../http/domain-error.js';
import { requestContext } from '../http/request-context.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { sha256Hex } from '../crypto/hashing.js';
import { IdempotencyKey } from './idempotency-key.entity.js';

export const IDEMPOTENT_KEY = 'lantern:idempotent';
/** Marks a create endpoint that honours the Idempotency-Key header (docs/architecture.md). */
export const Idempotent = () => SetMetadata(IDEMPOTENT_KEY, true);

const KEY = /^[A-Za-z0-9_.:-]{8,128}$/;
const KEEP_MILLIS = 24 * 3_600_000;

/**
 * docs/security-model.md, idempotency keys: kept at least 24 h; a replay returns the first response; the same key
 * with another body is 422; a duplicate arriving while the first is still running is 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    const header = req.header('idempotency-key');
    const enabled = this.reflector.get<boolean | undefined>(IDEMPOTENT_KEY, context.getHandler());
    if (!enabled || header === undefined) return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    return from(this.handle(req, res, header, status, next));
  }

  private async handle(req: Request, res: Response, key: string, status: number, next: CallHandler): Promise<unknown> {
    if (!KEY.test(key)) throw badRequest('Idempotency-Key', 'must be 8 to 128 letters, digits or - _ . :');
    const actor = requestContext.get()?.actor;
    if (!actor) return lastValueFrom(next.handle());
    const repo = this.dataSource.getRepository(IdempotencyKey);
    const requestHash = sha256Hex(JSON.stringify([req.method, req.route?.path ?? req.path, req.body ?? null]));
    const now = this.clock.now();
    await repo.delete({ userId: actor.id, expiresAt: LessThan(now) });

    const inserted = await repo
      .createQueryBuilder()
      .insert()
      .values({ userId: actor.id, key, requestHash, state: 'pending', expiresAt: new Date(now.getTime() + KEEP_MILLIS), createdBy: actor.id })
      .orIgnore()
      .returning(['id'])
      .execute();
    const id = (inserted.raw as { id: string }[])[0]?.id;

    if (!id) {
      const existing = await repo.findOneOrFail({ where: { userId: actor.id, key } });
      if (existing.requestHash !== requestHash) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request', {
          'Idempotency-Key': ['was used for a different request'],
        });
      }
      if (existing.state === 'pending') {
        throw new DomainError('IDEMPOTENCY_IN_PROGRESS', 'The same request is still being processed; retry in a moment');
      }
      res.status(existing.responseStatus ?? 200);
      res.setHeader('Idempotent-Replayed', 'true');
      const body = existing.responseBody
        ? this.cipher.decrypt(existing.responseBody, { table: 'idempotency_key', column: 'response_body', rowId: existing.id })
        : 'null';
      return JSON.parse(body) as unknown;
    }

    try {
      const result = await lastValueFrom(next.handle(), { defaultValue: null });
      const location = { table: 'idempotency_key', column: 'response_body', rowId: id };
      await repo.update(
        { id },
        { state: 'done', responseStatus: status, responseBody: this.cipher.encrypt(JSON.stringify(result ?? null), location) },
      );
      return result;
    } catch (error) {
      // A failed request may be retried with the same key.
      await repo.delete({ id });
      throw error;
    }
  }
}
