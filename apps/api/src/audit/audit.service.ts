import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction, AuditOutcome } from '@lantern/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Clock } from '../config/clock.js';
import { requestContext, type Actor } from '../common/request-context.js';
import { AuditEvent } from './audit-event.entity.js';
import { canonicalAuditRow, GENESIS_HASH, NO_ORGANIZATION_CHAIN } from './audit-chain.js';
import { hmacHex } from '../crypto/hashing.js';

export interface AuditInput {
  action: AuditAction;
  outcome?: AuditOutcome;
  subjectType?: string | null;
  subjectId?: string | null;
  fields?: string[];
  reason?: string | null;
  /** Defaults to the signed-in actor of the request. */
  actor?: Pick<Actor, 'id' | 'role' | 'organizationId'> | null;
  /** Defaults to the actor's organization. */
  organizationId?: string | null;
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
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Audit rows are written inside the transaction of the change they record');
    }
    const context = requestContext.get();
    const actor = input.actor === undefined ? context?.actor : input.actor;
    const organizationId = input.organizationId === undefined ? (actor?.organizationId ?? null) : input.organizationId;
    const chainId = organizationId ?? NO_ORGANIZATION_CHAIN;

    // One chain per organization; inserts into a chain are serialized by a transaction-scoped lock.
    await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`audit:${chainId}`]);
    const last = (await manager.query(
      'SELECT row_hash FROM audit_event WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1',
      [chainId],
    )) as { row_hash: string }[];
    const prevHash = last[0]?.row_hash ?? GENESIS_HASH;

    const row = {
      id: randomUUID(),
      chainId,
      organizationId,
      occurredAt: this.clock.now(),
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      action: input.action,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId ?? null,
      fields: [...(input.fields ?? [])].sort(),
      outcome: input.outcome ?? 'success',
      requestId: context?.requestId ?? null,
      ip: context?.ip ?? null,
      reason: input.reason ? input.reason.slice(0, 500) : null,
      prevHash,
    };
    const rowHash = hmacHex(this.config.keys.auditKey, canonicalAuditRow(row));
    await manager.insert(AuditEvent, { ...row, rowHash, createdBy: actor?.id ?? null });
  }

  /** For events that change nothing else (denials, failed logins): a transaction of their own. */
  async recordAlone(input: AuditInput): Promise<void> {
    await this.dataSource.transaction((manager) => this.record(manager, input));
  }
}
