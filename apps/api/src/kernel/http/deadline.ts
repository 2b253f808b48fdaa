import { type CanActivate, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { DomainError } from './domain-error.js';
import { requestContext } from './request-context.js';

export const DEFAULT_REQUEST_DEADLINE_MILLIS = 10_000;
const RETRY_AFTER_SECONDS = '2';
const MESSAGE = 'Lantern could not answer in time. Try again in a moment.';

/** Only API routes have a deadline, except liveness and readiness, which bound themselves. */
const EXEMPT = /^\/api\/(health|ready)(\/|\?|$)/;
const API = /^\/api\//;
/**
 * An upload of a case document (issue 15) takes as long as the connection needs to carry up to
 * LANTERN_FILES_MAX_MB: its deadline is counted in minutes. Its size limit bounds it, and its chunks are
 * written outside a transaction (docs/documents.md), so it holds no connection while it waits.
 */
const UPLOAD = /^\/api\/v1\/documents\/?$/;
export const UPLOAD_DEADLINE_MILLIS = 30 * 60_000;

const deadlineError = (): DomainError => new DomainError('SERVICE_UNAVAILABLE', MESSAGE, undefined, { 'Retry-After': RETRY_AFTER_SECONDS });

/** Whether this request's deadline (docs/operations.md, timeouts) has passed. */
export function pastDeadline(): boolean {
  const deadline = requestContext.get()?.deadline;
  return deadline !== undefined && Date.now() >= deadline;
}

/**
 * The per-request deadline, part 1 (an `onRequest` hook, inside the request context; configure-app.ts):
 * a request that has no answer `millis` after it arrived gets `503` with `Retry-After`, whatever it is
 * waiting for (a stalled database, a full pool, a lock). Part 2, `DeadlineTransactions`, keeps its
 * transaction from committing afterwards; part 3, `DeadlineGuard`, keeps a late handler from running.
 */
export function requestDeadline(millis: number) {
  return (request: FastifyRequest, reply: FastifyReply): void => {
    const context = requestContext.get();
    if (!context || !API.test(request.url) || EXEMPT.test(request.url)) return;
    const limit = request.method === 'POST' && UPLOAD.test(request.url) ? Math.max(millis, UPLOAD_DEADLINE_MILLIS) : millis;
    context.deadline = Date.now() + limit;
    let timedOut = false;
    const res = reply.raw;
    const timer = setTimeout(() => {
      if (reply.sent || res.headersSent || res.writableEnded) return;
      timedOut = true;
      const body = {
        type: 'https://lantern.invalid/problems/service-unavailable',
        title: 'Service Unavailable',
        status: 503,
        detail: MESSAGE,
        message: MESSAGE,
        code: 'SERVICE_UNAVAILABLE',
        requestId: context.requestId,
      };
      void reply.code(503).header('Retry-After', RETRY_AFTER_SECONDS).type('application/problem+json').send(JSON.stringify(body));
    }, limit);
    timer.unref();
    const clear = () => {
      clearTimeout(timer);
      // Answered in time: work the request left running (a metric release it queued) is not bound by
      // its deadline. Answered 503: nothing it started may commit any more.
      if (!timedOut) context.deadline = undefined;
    };
    res.once('finish', clear);
    res.once('close', clear);
  };
}

/**
 * Part 2: a transaction of a request past its deadline does not commit; it is rolled back (the client
 * was told 503, so nothing may be written behind its back). The check runs just before COMMIT.
 */
export class DeadlineTransactions implements EntitySubscriberInterface {
  static install(dataSource: DataSource): void {
    if (!dataSource.subscribers.some((s) => s instanceof DeadlineTransactions)) dataSource.subscribers.push(new DeadlineTransactions());
  }

  beforeTransactionCommit(_event: TransactionCommitEvent): void {
    if (pastDeadline()) throw deadlineError();
  }
}

/**
 * Part 3 (the last global guard, after AuthGuard and PolicyGuard): a handler reached after the deadline
 * does not run. An answer that comes after the 503 is not written: Fastify sends one answer per request
 * (a second `send` is dropped) and the problem filter leaves an answered request alone. A guard rather
 * than an interceptor: with no global interceptor, Nest runs a handler without wrapping it in RxJS
 * observables, which every request paid for (docs/benchmarks.md, per-request cost).
 */
@Injectable()
export class DeadlineGuard implements CanActivate {
  constructor(@InjectDataSource() dataSource: DataSource) {
    DeadlineTransactions.install(dataSource);
  }

  canActivate(): boolean {
    if (pastDeadline()) throw deadlineError();
    return true;
  }
}
