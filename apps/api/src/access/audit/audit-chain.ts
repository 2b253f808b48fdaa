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

/** The label whose HMAC under the audit key is the key's fingerprint: it names the key without revealing it. */
const FINGERPRINT_LABEL = 'lantern audit key fingerprint v1';

/** The fingerprint of an audit key (64 hex digits); shown shortened to its first 16. */
export function auditKeyFingerprint(auditKey: Buffer): string {
  return hmacHex(auditKey, FINGERPRINT_LABEL);
}

export const shortFingerprint = (fingerprint: string): string => fingerprint.slice(0, 16);

/** The key the verification ran with is not the key a chain was built with: no row was judged. */
export interface WrongKey {
  chainId: string;
  /** The fingerprint the chain records; null for a chain older than fingerprints none of whose rows holds under this key. */
  expected: string | null;
  actual: string;
}

export interface ChainHead {
  chainId: string;
  organizationId: string | null;
  seq: string;
  hash: string;
}

export type ChainOutcome = 'ok' | 'broken' | 'wrong_key';

export interface ChainReport {
  /** ok; broken (a real mismatch under the right key: `firstBreak`); wrong_key (`wrongKey`). */
  outcome: ChainOutcome;
  rowsChecked: number;
  chains: number;
  firstBreak: ChainBreak | null;
  wrongKey: WrongKey | null;
  /** The fingerprint of the key used. */
  fingerprint: string;
  /** Each chain's last row (seq and hash) when the verification began: what was verified, and what is anchored. */
  heads: ChainHead[];
  /** Chains older than fingerprints whose fingerprint this verification recorded (their rows hold under this key). */
  fingerprintsRecorded: string[];
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

function rowHolds(auditKey: Buffer, row: DbRow): boolean {
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
  return safeEqualHex(computed, row.row_hash);
}

/** Records the fingerprint of a chain built with this key (its first row, or a verification that found its rows hold). */
export async function recordChainFingerprint(run: { query: DataSource['query'] }, chainId: string, fingerprint: string): Promise<void> {
  await run.query('INSERT INTO audit_chain (chain_id, key_fingerprint) VALUES ($1, $2) ON CONFLICT (chain_id) DO NOTHING', [chainId, fingerprint]);
}

/**
 * Verifies every chain, first the key, then the rows (issue 12):
 * 1. each chain's recorded key fingerprint must be this key's, or the answer is `wrong_key` and no row
 *    is judged (a wrong key is not tampering);
 * 2. under the right key, each chain is walked in order up to its head as the verification began, and
 *    the first row whose hash or link does not hold is `broken`.
 * A chain older than fingerprints is judged by its rows: if none holds under this key it is `wrong_key`
 * (expected unknown); if some hold, the key is right, its fingerprint is recorded, and a bad row is `broken`.
 */
export async function verifyAuditChain(dataSource: DataSource, auditKey: Buffer, batchSize = 1000): Promise<ChainReport> {
  const fingerprint = auditKeyFingerprint(auditKey);
  const heads = (
    (await dataSource.query(
      `SELECT DISTINCT ON (chain_id) chain_id, organization_id, seq, row_hash FROM audit_event ORDER BY chain_id, seq DESC`,
    )) as { chain_id: string; organization_id: string | null; seq: string; row_hash: string }[]
  ).map((h) => ({ chainId: h.chain_id, organizationId: h.organization_id, seq: String(h.seq), hash: h.row_hash }));
  const recorded = new Map(
    ((await dataSource.query('SELECT chain_id, key_fingerprint FROM audit_chain')) as { chain_id: string; key_fingerprint: string }[]).map((r) => [
      r.chain_id,
      r.key_fingerprint,
    ]),
  );
  const report = (rest: Partial<ChainReport> & Pick<ChainReport, 'outcome' | 'rowsChecked'>): ChainReport => ({
    chains: heads.length,
    firstBreak: null,
    wrongKey: null,
    fingerprint,
    heads,
    fingerprintsRecorded: [],
    ...rest,
  });

  // The key first: a chain that names another key is not read at all.
  for (const head of heads) {
    const expected = recorded.get(head.chainId);
    if (expected !== undefined && !safeEqualHex(expected, fingerprint)) {
      return report({ outcome: 'wrong_key', rowsChecked: 0, wrongKey: { chainId: head.chainId, expected, actual: fingerprint } });
    }
  }

  let rowsChecked = 0;
  const fingerprintsRecorded: string[] = [];
  for (const head of heads) {
    const known = recorded.has(head.chainId);
    let expectedPrev = GENESIS_HASH;
    let afterSeq = '0';
    let firstBreak: ChainBreak | null = null;
    let anyHolds = false;
    for (;;) {
      const rows = (await dataSource.query(
        `SELECT id, seq, chain_id, organization_id, occurred_at, actor_id, actor_role, action, subject_type,
                subject_id, subject_ids, fields, outcome, request_id, ip, reason, prev_hash, row_hash
           FROM audit_event WHERE chain_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4`,
        [head.chainId, afterSeq, head.seq, batchSize],
      )) as DbRow[];
      if (rows.length === 0) break;
      for (const row of rows) {
        afterSeq = String(row.seq);
        const holds = rowHolds(auditKey, row);
        if (holds) anyHolds = true;
        if (firstBreak) {
          // Only a chain without a fingerprint is read on: does any row hold under this key at all?
          if (anyHolds) break;
          continue;
        }
        rowsChecked++;
        if (row.prev_hash !== expectedPrev) firstBreak = brk(row, 'previous hash does not match the row before');
        else if (!holds) firstBreak = brk(row, 'row hash does not match its content');
        expectedPrev = row.row_hash;
        if (firstBreak && (known || anyHolds)) break;
      }
      if (firstBreak && (known || anyHolds)) break;
    }
    if (!known && anyHolds) {
      await recordChainFingerprint(dataSource, head.chainId, fingerprint);
      fingerprintsRecorded.push(head.chainId);
    }
    if (firstBreak) {
      if (!known && !anyHolds) {
        return report({ outcome: 'wrong_key', rowsChecked, wrongKey: { chainId: head.chainId, expected: null, actual: fingerprint }, fingerprintsRecorded });
      }
      return report({ outcome: 'broken', rowsChecked, firstBreak, fingerprintsRecorded });
    }
  }
  return report({ outcome: 'ok', rowsChecked, fingerprintsRecorded });
}

function brk(row: DbRow, problem: ChainBreak['problem']): ChainBreak {
  return { chainId: row.chain_id, id: row.id, seq: String(row.seq), problem };
}

/** Exit codes of `audit:verify`: a wrong key is not tampering, and scripts can tell them apart. */
export const VERIFY_EXIT = { ok: 0, broken: 1, wrong_key: 3 } as const;

/** What `audit:verify` prints, and its exit code. */
export function describeVerification(report: ChainReport): { message: string; exitCode: number } {
  if (report.wrongKey) {
    const w = report.wrongKey;
    return {
      message:
        `Audit chain: WRONG KEY (fingerprint ${shortFingerprint(w.actual)}); chain ${w.chainId} ` +
        (w.expected ? `was built with key ${shortFingerprint(w.expected)}` : 'has no recorded fingerprint and none of its rows holds under this key') +
        '. No row was judged: this is not evidence of tampering. Set LANTERN_AUDIT_KEY to the key this database was written with.',
      exitCode: VERIFY_EXIT.wrong_key,
    };
  }
  if (report.firstBreak) {
    const b = report.firstBreak;
    return { message: `Audit chain BROKEN at row ${b.id} (chain ${b.chainId}, seq ${b.seq}): ${b.problem}. The key is right (fingerprint ${shortFingerprint(report.fingerprint)}).`, exitCode: VERIFY_EXIT.broken };
  }
  return {
    message: `Audit chain intact: ${report.rowsChecked} rows in ${report.chains} chains, key ${shortFingerprint(report.fingerprint)}.`,
    exitCode: VERIFY_EXIT.ok,
  };
}
