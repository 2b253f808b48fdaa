import { randomBytes } from 'node:crypto';
import { Column, Entity, ForeignKey, Index, PrimaryColumn, type DataSource, type EntityManager } from 'typeorm';
import type { BlindIndex } from '../kernel/crypto/blind-index.js';
import type { FieldCipher } from '../kernel/crypto/field-cipher.js';
import { indexTerms } from './name-matching.js';
import { decryptSurvivorPii } from './survivor-fields.js';
import { Survivor } from './survivor.entity.js';

/**
 * The keyed index of survivors' names for tolerant search (issue 13) and duplicate checks (issue 17).
 * Each row is one token: HMAC-SHA256 under the blind-index key of `organization | kind | term`, where a
 * term is a folded name word, one of its prefixes (3–8 letters) or its phonetic key
 * (case-file/name-matching.ts), truncated to 16 bits so that every token value is shared by many names.
 * Decoy tokens of random value pad each survivor to a multiple of 16 rows (32 at least), so the number
 * of rows does not tell the length of a name. Candidates found through the tokens are decrypted and
 * matched in the application; the database never holds a searchable name. docs/security-model.md, Search.
 *
 * A lean table on purpose (no version or timestamps): its rows are rewritten whole, in the transaction
 * that writes the names, and never edited.
 */
@Entity('survivor_name_token')
@Index('ix_survivor_name_token_lookup', ['organizationId', 'token', 'survivorId'])
export class SurvivorNameToken {
  @ForeignKey('Survivor', { name: 'fk_survivor_name_token_survivor', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_survivor_name_token' })
  survivorId!: string;

  @PrimaryColumn({ type: 'varchar', length: 4, primaryKeyConstraintName: 'pk_survivor_name_token' })
  token!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  /** Fingerprint of the blind-index key the row was made with: a rotation re-indexes the rows under an older key. */
  @Column({ type: 'varchar', length: 8 })
  keyId!: string;
}

const TOKEN_HEX = 4;
const PAD_MIN = 32;
const PAD_STEP = 16;

/** One term's token for an organization: the value the index holds and a query looks up. */
export function nameToken(blindIndex: BlindIndex, organizationId: string, term: string): string {
  return blindIndex.keyed('name-token', `${organizationId}|${term}`, TOKEN_HEX);
}

/** Which blind-index key tokens were made with (not secret: a keyed hash of a fixed label). */
export function nameTokenKeyId(blindIndex: BlindIndex): string {
  return blindIndex.keyed('name-token-key', 'fingerprint', 8);
}

/** The rows of a survivor's names: real tokens and decoys, in random order. */
export function nameTokenRows(blindIndex: BlindIndex, survivorId: string, organizationId: string, names: (string | null | undefined)[]): SurvivorNameToken[] {
  const tokens = new Set(indexTerms(names).map((term) => nameToken(blindIndex, organizationId, term)));
  const target = Math.max(PAD_MIN, Math.ceil(tokens.size / PAD_STEP) * PAD_STEP);
  while (tokens.size < target) tokens.add(randomBytes(2).toString('hex'));
  const keyId = nameTokenKeyId(blindIndex);
  const rows = [...tokens].map((token) => Object.assign(new SurvivorNameToken(), { survivorId, organizationId, token, keyId }));
  for (let i = rows.length - 1; i > 0; i--) {
    const j = randomBytes(1)[0]! % (i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

/** Replaces a survivor's tokens, inside the caller's transaction (the one that writes the names). */
export function writeNameTokens(
  manager: EntityManager,
  blindIndex: BlindIndex,
  survivor: { id: string; organizationId: string },
  names: (string | null | undefined)[],
): Promise<void> {
  return writeNameTokensOfMany(manager, blindIndex, [{ survivor, names }]);
}

/**
 * Replaces the tokens of several survivors in two statements whatever their number (arrays through
 * `unnest`), so a re-index of thousands costs a few round trips per batch, not three per survivor.
 */
export async function writeNameTokensOfMany(
  manager: EntityManager,
  blindIndex: BlindIndex,
  entries: { survivor: { id: string; organizationId: string }; names: (string | null | undefined)[] }[],
): Promise<void> {
  if (entries.length === 0) return;
  await manager.query('DELETE FROM survivor_name_token WHERE survivor_id = ANY($1::uuid[])', [entries.map((e) => e.survivor.id)]);
  const columns: [string[], string[], string[], string[]] = [[], [], [], []];
  for (const { survivor, names } of entries) {
    for (const row of nameTokenRows(blindIndex, survivor.id, survivor.organizationId, names)) {
      columns[0].push(row.survivorId);
      columns[1].push(row.token);
      columns[2].push(row.organizationId);
      columns[3].push(row.keyId);
    }
  }
  await manager.query(
    `INSERT INTO survivor_name_token (survivor_id, token, organization_id, key_id)
     SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::varchar[]) ON CONFLICT DO NOTHING`,
    columns,
  );
}

export interface ReindexReport {
  survivors: number;
}

/** How much a re-index covers, and how it goes. */
export interface ReindexOptions {
  /** Only this organization's survivors (the tests re-key their own organization, not the database's). */
  organizationId?: string;
  onProgress?: (done: number) => void;
  batchSize?: number;
}

/**
 * (Re)builds the tokens, and the exact-search blind index (`survivor.name_index`), of every survivor
 * whose tokens were not made with the current blind-index key: survivors written before the table
 * existed (run at start-up), bulk-loaded ones, and all of them after the key changed (run by
 * `keys:rotate`, apps/api/src/cli.ts). Batches of `batchSize`, one transaction each; safe to run again.
 */
export async function reindexSurvivorNames(
  dataSource: DataSource,
  cipher: FieldCipher,
  blindIndex: BlindIndex,
  { organizationId, onProgress = () => undefined, batchSize = 500 }: ReindexOptions = {},
): Promise<ReindexReport> {
  const keyId = nameTokenKeyId(blindIndex);
  let done = 0;
  for (;;) {
    const query = dataSource
      .getRepository(Survivor)
      .createQueryBuilder('s')
      .where('NOT EXISTS (SELECT 1 FROM survivor_name_token t WHERE t.survivor_id = s.id AND t.key_id = :keyId)', { keyId })
      // An anonymized survivor has no name and keeps no token, not even decoys (docs/retention.md).
      .andWhere('s.anonymized_at IS NULL');
    if (organizationId) query.andWhere('s.organization_id = :organizationId', { organizationId });
    const rows = await query
      .orderBy('s.id')
      .limit(batchSize)
      .getMany();
    if (rows.length === 0) break;
    const entries = rows.map((survivor) => {
      const names = decryptSurvivorPii(cipher, survivor, new Set(['legalName', 'preferredName']));
      return { survivor, names: [names.legalName, names.preferredName] };
    });
    // Four statements a batch: on the embedded database one a survivor cost about 4 ms each, and a
    // start after a bulk load of thousands waited that long before serving.
    await dataSource.transaction(async (manager) => {
      await writeNameTokensOfMany(manager, blindIndex, entries);
      const indexes = entries.map(({ survivor, names }) => ({ id: survivor.id, idx: blindIndex.forNames(names, survivor.birthYear) }));
      // Not an edit: version and updated_at stay as they are.
      await manager.query(
        `UPDATE survivor s SET name_index = ARRAY(SELECT jsonb_array_elements_text(v.idx))::varchar[]
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, idx jsonb) WHERE s.id = v.id`,
        [JSON.stringify(indexes)],
      );
    });
    done += rows.length;
    onProgress(done);
  }
  return { survivors: done };
}
