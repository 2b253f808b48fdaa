import { DataSource } from 'typeorm';
import { hmacHex, safeEqualHex } from '../../kernel/crypto/hashing.js';

export const GENESIS_HASH = '0'.repeat(64);
/** Chain of events that belong to no organization (e.g. a failed login for an unknown name). */
export const NO_ORGANIZATION_CHAIN = '00000000-0000-0000-0000-000000000000';

export interface ChainedRow {
  id: string;
  chainId: string;
  organizationId: string | null;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  /** The records a list read returned; null on every other row (and on every row written before lists were audited). */
  subjectIds: string[] | null;
  fields: string[];
  outcome: string;
  requestId: string | null;
  ip: string | null;
  reason: string | null;
  prevHash: string;
}

/** The exact bytes the HMAC covers: every column but the hash itself, in a fixed order. */
export function canonicalAuditRow(row: ChainedRow): string {
  const columns: unknown[] = [
    row.id,
    row.chainId,
    row.organizationId,
    row.occurredAt.toISOString(),
    row.actorId,
    row.actorRole,
    row.action,
    row.subjectType,
    row.subjectId,
    row.fields,
    row.outcome,
    row.requestId,
    row.ip,
    row.reason,
    row.prevHash,
  ];
  // Appended only when present, so rows written before the column existed keep their hashes.
  if (row.subjectIds !== null) columns.push(row.subjectIds);
  return JSON.stringify(columns);
}

export interface ChainBreak {
  chainId: string;
  id: string;
  seq: string;
  problem: 'row hash does not match its content' | 'previous hash does not match the row before';
}

export interface ChainReport {
  rowsChecked: number;
  chains: number;
  firstBreak: ChainBreak | null;
}

interface DbRow {
  id: string;
  seq: string;
  chain_id: string;
  organization_id: string | null;
  occurred_at: Date;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  subject_ids: string[] | null;
  fields: string[];
  outcome: string;
  request_id: string | null;
  ip: string | null;
  reason: string | null;
  prev_hash: string;
  row_hash: string;
}

/** Walks every chain in order and names the first row whose hash or link does not hold. */
export async function verifyAuditChain(dataSource: DataSource, auditKey: Buffer, batchSize = 1000): Promise<ChainReport> {
  const chains = (await dataSource.query('SELECT DISTINCT chain_id FROM audit_event ORDER BY chain_id')) as {
    chain_id: string;
  }[];
  let rowsChecked = 0;
  for (const { chain_id: chainId } of chains) {
    let expectedPrev = GENESIS_HASH;
    let afterSeq = '0';
    for (;;) {
      const rows = (await dataSource.query(
        `SELECT id, seq, chain_id, organization_id, occurred_at, actor_id, actor_role, action, subject_type,
                subject_id, subject_ids, fields, outcome, request_id, ip, reason, prev_hash, row_hash
           FROM audit_event WHERE chain_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [chainId, afterSeq, batchSize],
      )) as DbRow[];
      if (rows.length === 0) break;
      for (const row of rows) {
        rowsChecked++;
        if (row.prev_hash !== expectedPrev) {
          return { rowsChecked, chains: chains.length, firstBreak: brk(row, 'previous hash does not match the row before') };
        }
        const computed = hmacHex(
          auditKey,
          canonicalAuditRow({
            id: row.id,
            chainId: row.chain_id,
            organizationId: row.organization_id,
            occurredAt: new Date(row.occurred_at),
            actorId: row.actor_id,
            actorRole: row.actor_role,
            action: row.action,
            subjectType: row.subject_type,
            subjectId: row.subject_id,
            subjectIds: row.subject_ids,
            fields: row.fields,
            outcome: row.outcome,
            requestId: row.request_id,
            ip: row.ip,
            reason: row.reason,
            prevHash: row.prev_hash,
          }),
        );
        if (!safeEqualHex(computed, row.row_hash)) {
          return { rowsChecked, chains: chains.length, firstBreak: brk(row, 'row hash does not match its content') };
        }
        expectedPrev = row.row_hash;
        afterSeq = row.seq;
      }
    }
  }
  return { rowsChecked, chains: chains.length, firstBreak: null };
}

function brk(row: DbRow, problem: ChainBreak['problem']): ChainBreak {
  return { chainId: row.chain_id, id: row.id, seq: String(row.seq), problem };
}
