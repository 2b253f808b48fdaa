import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction, AuditOutcome } from '@lantern/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { requestContext, type Actor } from '../../kernel/http/request-context.js';
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

/**
 * Appends one row to its organization's chain, in the caller's transaction. Also used outside
 * requests (the first-admin command), where there is no request context.
 */
export async function appendAuditEvent(manager: EntityManager, auditKey: Buffer, input: AuditRowInput): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error('Audit rows are written inside the transaction of the change they record');
  }
  const actor = input.actor ?? null;
  const organizationId = input.organizationId === undefined ? (actor?.organizationId ?? null) : input.organizationId;
  const chainId = organizationId ?? NO_ORGANIZATION_CHAIN;

  // One chain per organization; inserts into a chain are serialized by a transaction-scoped lock.
  await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`audit:${chainId}`]);
  const last = (await manager.query('SELECT row_hash FROM audit_event WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1', [
    chainId,
  ])) as { row_hash: string }[];
  const row = {
    id: randomUUID(),
    chainId,
    organizationId,
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
    prevHash: last[0]?.row_hash ?? GENESIS_HASH,
  };
  // A new chain records the fingerprint of the key it is built with (issue 12: a wrong key is not tampering).
  if (last.length === 0) await recordChainFingerprint(manager, chainId, auditKeyFingerprint(auditKey));
  const rowHash = hmacHex(auditKey, canonicalAuditRow(row));
  await manager.insert(AuditEvent, { ...row, rowHash, createdBy: actor?.id ?? null });
}

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
    const context = requestContext.get();
    const actor = input.actor === undefined ? context?.actor : input.actor;
    await appendAuditEvent(manager, this.config.keys.auditKey, {
      ...input,
      actor: actor ?? null,
      occurredAt: this.clock.now(),
      requestId: context?.requestId ?? null,
      ip: context?.ip ?? null,
    });
  }

  /** For events that change nothing else (denials, failed logins): a transaction of their own. */
  async recordAlone(input: AuditInput): Promise<void> {
    await this.dataSource.transaction((manager) => this.record(manager, input));
  }
}
