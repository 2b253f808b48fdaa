import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction, AuditOutcome } from '@lantern/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { isEmbedded } from '../../kernel/database/data-source-options.js';
import { poolQuery } from '../../kernel/database/named-statements.js';
import { requestContext, type Actor } from '../../kernel/http/request-context.js';
import { withoutClaim } from '../../kernel/idempotency/idempotency-claims.js';
import { AuditEvent } from './audit-event.entity.js';
import { auditKeyFingerprint, canonicalAuditRow, GENESIS_HASH, NO_ORGANIZATION_CHAIN, recordChainFingerprint } from './audit-chain.js';
import { hmacHex } from '../../kernel/crypto/hashing.js';

export interface AuditInput {
  action: AuditAction;
  outcome?: AuditOutcome;
  subjectType?: string | null;
  subjectId?: string | null;
  /** A list read: the ids it returned. */
  subjectIds?: string[] | null;
  fields?: string[];
  reason?: string | null;
  /** Defaults to the signed-in actor of the request. */
  actor?: Pick<Actor, 'id' | 'role' | 'organizationId'> | null;
  /** Defaults to the actor's organization. */
  organizationId?: string | null;
}

export interface AuditRowInput extends AuditInput {
  occurredAt: Date;
  requestId: string | null;
  ip: string | null;
}

/** The chain a row goes to: its organization's, or the chain of events without one. */
function chainOf(input: AuditRowInput): { chainId: string; organizationId: string | null } {
  const actor = input.actor ?? null;
  const organizationId = input.organizationId === undefined ? (actor?.organizationId ?? null) : input.organizationId;
  return { chainId: organizationId ?? NO_ORGANIZATION_CHAIN, organizationId };
}

/**
 * Appends one row to its organization's chain, in the caller's transaction. Also used outside
 * requests (the first-admin command), where there is no request context.
 */
export async function appendAuditEvent(manager: EntityManager, auditKey: Buffer, input: AuditRowInput): Promise<string> {
  return appendAuditEvents(manager, auditKey, [input]);
}

/**
 * Appends rows of one chain, in order, in the caller's transaction: one lock, one read of the chain's
 * head and one multi-row INSERT whatever their number (PostgreSQL numbers the rows of one VALUES list in
 * order, so `seq` follows the chain's links). Returns the chain's new head (the last row's hash).
 */
export async function appendAuditEvents(manager: EntityManager, auditKey: Buffer, inputs: AuditRowInput[]): Promise<string> {
  if (inputs.length === 0) throw new Error('appendAuditEvents: no rows');
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('Audit rows are written inside the transaction of the change they record');
  }
  const { chainId } = chainOf(inputs[0]!);
  if (inputs.some((input) => chainOf(input).chainId !== chainId)) throw new Error('appendAuditEvents: one chain at a time');

  // One chain per organization; inserts into a chain are serialized by a transaction-scoped lock.
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`audit:${chainId}`]);
  const last = (await manager.query('SELECT row_hash FROM audit_event WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1', [
    chainId,
  ])) as { row_hash: string }[];
  // A new chain records the fingerprint of the key it is built with (issue 12: a wrong key is not tampering).
  if (last.length === 0) await recordChainFingerprint(manager, chainId, auditKeyFingerprint(auditKey));
  const rows = chainRows(auditKey, chainId, last[0]?.row_hash ?? GENESIS_HASH, inputs);
  await manager.insert(AuditEvent, rows);
  return rows[rows.length - 1]!.rowHash;
}

/** The rows of one chain after `prevHash`, each linked to the one before and sealed with its HMAC. */
function chainRows(auditKey: Buffer, chainId: string, prevHash: string, inputs: AuditRowInput[]) {
  return inputs.map((input) => {
    const actor = input.actor ?? null;
    const row = {
      id: randomUUID(),
      chainId,
      organizationId: chainOf(input).organizationId,
      occurredAt: input.occurredAt,
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      action: input.action,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId ?? null,
      subjectIds: input.subjectIds ?? null,
      fields: [...(input.fields ?? [])].sort(),
      outcome: input.outcome ?? 'success',
      requestId: input.requestId,
      ip: input.ip,
      reason: input.reason ? input.reason.slice(0, 500) : null,
      prevHash,
    };
    const rowHash = hmacHex(auditKey, canonicalAuditRow(row));
    prevHash = rowHash;
    return { ...row, rowHash, createdBy: actor?.id ?? null };
  });
}

/**
 * The one-statement append (below): the chain's lock, then the rows. On a server a named (prepared)
 * statement, parsed once per pooled connection (docs/architecture.md, "Named statements").
 */
const APPEND_AFTER_NAME = 'lantern_audit_append';
const APPEND_AFTER_SQL = `INSERT INTO audit_event (id, chain_id, organization_id, occurred_at, actor_id, actor_role, action, subject_type, subject_id,
                                subject_ids, fields, outcome, request_id, ip, reason, prev_hash, row_hash, created_by)
       SELECT v.id, v.chain_id, v.organization_id, v.occurred_at, v.actor_id, v.actor_role, v.action, v.subject_type, v.subject_id,
              v.subject_ids, v.fields, v.outcome, v.request_id, v.ip, v.reason, v.prev_hash, v.row_hash, v.created_by
         FROM (SELECT pg_advisory_xact_lock(hashtextextended($1, 0))) AS chain_lock,
              ROWS FROM (jsonb_to_recordset($2::jsonb) AS (id uuid, chain_id uuid, organization_id uuid, occurred_at timestamptz,
                actor_id uuid, actor_role varchar, action varchar, subject_type varchar, subject_id uuid, subject_ids uuid[],
                fields varchar[], outcome varchar, request_id varchar, ip varchar, reason varchar, prev_hash varchar,
                row_hash varchar, created_by uuid)) WITH ORDINALITY
                AS v(id, chain_id, organization_id, occurred_at, actor_id, actor_role, action, subject_type, subject_id, subject_ids,
                     fields, outcome, request_id, ip, reason, prev_hash, row_hash, created_by, ordinality)
        ORDER BY v.ordinality`;

/**
 * Appends rows after a chain head the caller remembers, in one statement of its own (no transaction of
 * the caller's): the chain's lock, then a multi-row INSERT. If another writer has appended since, the
 * first row's link is already taken and the unique index `ux_audit_event_chain_link` refuses the whole
 * statement; the answer is then null, nothing was written, and the caller appends the usual way.
 * Returns the new head.
 */
export async function appendAuditEventsAfter(
  dataSource: DataSource,
  auditKey: Buffer,
  chainId: string,
  head: string,
  inputs: AuditRowInput[],
): Promise<string | null> {
  const rows = chainRows(auditKey, chainId, head, inputs);
  const records = rows.map((r) => ({
    id: r.id,
    chain_id: r.chainId,
    organization_id: r.organizationId,
    occurred_at: r.occurredAt.toISOString(),
    actor_id: r.actorId,
    actor_role: r.actorRole,
    action: r.action,
    subject_type: r.subjectType,
    subject_id: r.subjectId,
    subject_ids: r.subjectIds,
    fields: r.fields,
    outcome: r.outcome,
    request_id: r.requestId,
    ip: r.ip,
    reason: r.reason,
    prev_hash: r.prevHash,
    row_hash: r.rowHash,
    created_by: r.createdBy,
  }));
  try {
    // The lock orders this append with the writers that append inside their own transactions. The rows
    // are inserted in their list's order, so `seq` follows the links.
    await poolQuery(dataSource, isEmbedded(dataSource) ? undefined : APPEND_AFTER_NAME, APPEND_AFTER_SQL, [`audit:${chainId}`, JSON.stringify(records)]);
  } catch (error) {
    const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
    if (code === '23505' && constraint === 'ux_audit_event_chain_link') return null;
    throw error;
  }
  return rows[rows.length - 1]!.rowHash;
}

interface Waiting {
  row: AuditRowInput;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** The most rows one group commit writes; more wait for the next. */
const GROUP_COMMIT_MAX = 200;

/**
 * Writes audit rows in the caller's transaction, so there is no change without its row and, for
 * reads of survivor data, no read without its row (if the audit write fails, the read fails).
 */
@Injectable()
export class AuditService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async record(manager: EntityManager, input: AuditInput): Promise<void> {
    const row = this.rowOf(input);
    // The head this process remembers is about to move (if the caller's transaction commits).
    this.heads.delete(chainOf(row).chainId);
    await appendAuditEvent(manager, this.config.keys.auditKey, row);
  }

  /**
   * For events that change nothing else (list reads, denials, failed logins): committed before this
   * resolves, so a read is never answered before its row is stored (if the write fails, the read fails).
   *
   * Group commit (issue 9): the rows of one chain that arrive while a write of that chain is under way
   * wait for it to finish, then go together in one transaction (one lock, one head read, one INSERT),
   * instead of one transaction each queuing on the chain's lock. Nothing waits when nothing else is being
   * written, so a quiet office pays no delay; a busy one pays one round of writes per batch, not per read.
   *
   * A batch is one statement when the writer knows the chain's head (the head its last batch left): the
   * lock and the INSERT together, with the unique link index to catch a head that moved meanwhile (a
   * write in a transaction, another process). Otherwise, or when refused, it is the locked transaction
   * that reads the head. A list read then costs one round trip for its audit, not five.
   */
  recordAlone(input: AuditInput): Promise<void> {
    const row = this.rowOf(input);
    const { chainId } = chainOf(row);
    return new Promise<void>((resolve, reject) => {
      const queue = this.waiting.get(chainId);
      if (queue) queue.push({ row, resolve, reject });
      else this.waiting.set(chainId, [{ row, resolve, reject }]);
      if (!this.writing.has(chainId)) this.startDrain(chainId);
    });
  }

  /**
   * The writer of a chain runs outside the request that happened to start it: it writes other requests'
   * rows too, and keeps going after that request has its answer. Inside it, that request's deadline would
   * refuse every later batch's commit once the request had timed out (kernel/http/deadline.ts), and its
   * idempotency claim would see the batch's inserts.
   */
  private startDrain(chainId: string): void {
    requestContext.outside(() => withoutClaim(() => void this.drain(chainId)));
  }

  private readonly waiting = new Map<string, Waiting[]>();
  private readonly writing = new Set<string>();
  /** Each chain's head as this process's last batch left it: a hint, checked by the database. */
  private readonly heads = new Map<string, string>();

  private async drain(chainId: string): Promise<void> {
    this.writing.add(chainId);
    try {
      for (;;) {
        const queue = this.waiting.get(chainId);
        if (!queue || queue.length === 0) break;
        const batch = queue.splice(0, GROUP_COMMIT_MAX);
        if (queue.length === 0) this.waiting.delete(chainId);
        try {
          const rows = batch.map((w) => w.row);
          const key = this.config.keys.auditKey;
          const known = this.heads.get(chainId);
          this.heads.delete(chainId);
          const head =
            (known === undefined ? null : await appendAuditEventsAfter(this.dataSource, key, chainId, known, rows)) ??
            (await this.dataSource.transaction((manager) => appendAuditEvents(manager, key, rows)));
          this.heads.set(chainId, head);
          for (const w of batch) w.resolve();
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.writing.delete(chainId);
      // A row queued between the last check and this point starts its own drain.
      if (this.waiting.get(chainId)?.length) this.startDrain(chainId);
    }
  }

  private rowOf(input: AuditInput): AuditRowInput {
    const context = requestContext.get();
    const actor = input.actor === undefined ? context?.actor : input.actor;
    return { ...input, actor: actor ?? null, occurredAt: this.clock.now(), requestId: context?.requestId ?? null, ip: context?.ip ?? null };
  }
}
