import { randomBytes } from 'node:crypto';
import { Column, Entity, ForeignKey, Index, PrimaryColumn, type DataSource, type EntityManager } from 'typeorm';
import type { BlindIndex } from '../kernel/crypto/blind-index.js';
import type { FieldCipher } from '../kernel/crypto/field-cipher.js';
import { matchTerms, type MatchPerson } from './duplicate-score.js';
import { decryptSurvivorPii } from './survivor-fields.js';
import { Survivor } from './survivor.entity.js';

/**
 * The keyed match index of the duplicate check (issue 17, part 3; docs/duplicates.md). Each row is one
 * token: HMAC-SHA256 under the blind-index key of `organization | term`, a term being the sound key or
 * the sound skeleton of a name word, the date of birth, the birth year, the normalized phone or e-mail
 * (case-file/duplicate-score.ts, `matchTerms`), truncated to 16 bits so that every value is shared by
 * many people. Decoys pad each survivor to a multiple of 8 rows (16 at least), so the count tells
 * neither how long the names are nor which fields are filled. Like the name tokens
 * (case-file/survivor-name-index.ts): rewritten whole in the transaction that writes the fields.
 */
@Entity('survivor_match_token')
@Index('ix_survivor_match_token_lookup', ['organizationId', 'token', 'survivorId'])
export class SurvivorMatchToken {
  @ForeignKey('Survivor', { name: 'fk_survivor_match_token_survivor', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_survivor_match_token' })
  survivorId!: string;

  @PrimaryColumn({ type: 'varchar', length: 4, primaryKeyConstraintName: 'pk_survivor_match_token' })
  token!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  /** Fingerprint of the blind-index key the row was made with (a rotation re-indexes older rows). */
  @Column({ type: 'varchar', length: 8 })
  keyId!: string;
}

const PAD_MIN = 16;
const PAD_STEP = 8;
/** The fields the index is made of; decrypted only to build it. */
export const MATCH_FIELDS = new Set(['legalName', 'preferredName', 'dateOfBirth', 'phone', 'email']);

export function matchToken(blindIndex: BlindIndex, organizationId: string, term: string): string {
  return blindIndex.keyed('match-token', `${organizationId}|${term}`, 4);
}

export function matchTokenKeyId(blindIndex: BlindIndex): string {
  return blindIndex.keyed('match-token-key', 'fingerprint', 8);
}

/** The rows of one survivor: real tokens and decoys, in random order. */
export function matchTokenRows(blindIndex: BlindIndex, survivorId: string, organizationId: string, person: MatchPerson): SurvivorMatchToken[] {
  const tokens = new Set(matchTerms(person).map((term) => matchToken(blindIndex, organizationId, term)));
  const target = Math.max(PAD_MIN, Math.ceil(tokens.size / PAD_STEP) * PAD_STEP);
  while (tokens.size < target) tokens.add(randomBytes(2).toString('hex'));
  const keyId = matchTokenKeyId(blindIndex);
  const rows = [...tokens].map((token) => Object.assign(new SurvivorMatchToken(), { survivorId, organizationId, token, keyId }));
  for (let i = rows.length - 1; i > 0; i--) {
    const j = randomBytes(1)[0]! % (i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

/** Replaces the tokens of several survivors in two statements, inside the caller's transaction. */
export async function writeMatchTokens(
  manager: EntityManager,
  blindIndex: BlindIndex,
  entries: { survivor: { id: string; organizationId: string }; person: MatchPerson }[],
): Promise<void> {
  if (entries.length === 0) return;
  await manager.query('DELETE FROM survivor_match_token WHERE survivor_id = ANY($1::uuid[])', [entries.map((e) => e.survivor.id)]);
  const columns: [string[], string[], string[], string[]] = [[], [], [], []];
  for (const { survivor, person } of entries) {
    for (const row of matchTokenRows(blindIndex, survivor.id, survivor.organizationId, person)) {
      columns[0].push(row.survivorId);
      columns[1].push(row.token);
      columns[2].push(row.organizationId);
      columns[3].push(row.keyId);
    }
  }
  await manager.query(
    `INSERT INTO survivor_match_token (survivor_id, token, organization_id, key_id)
     SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::varchar[]) ON CONFLICT DO NOTHING`,
    columns,
  );
}

/** A survivor row's match fields, decrypted in memory (never returned to anyone). */
export function matchPerson(cipher: FieldCipher, survivor: Survivor): MatchPerson {
  const clear = decryptSurvivorPii(cipher, survivor, MATCH_FIELDS);
  return { ...clear, alias: survivor.alias, birthYear: survivor.birthYear };
}

/**
 * (Re)builds the match tokens of every survivor without tokens under the current blind-index key: at
 * start-up (survivors written before the table, bulk loads) and after `keys:rotate` (apps/api/src/cli.ts).
 * Batches of `batchSize`, one transaction each; safe to run again.
 */
export async function reindexSurvivorMatches(
  dataSource: DataSource,
  cipher: FieldCipher,
  blindIndex: BlindIndex,
  { organizationId, batchSize = 500 }: { organizationId?: string; batchSize?: number } = {},
): Promise<{ survivors: number }> {
  const keyId = matchTokenKeyId(blindIndex);
  let done = 0;
  for (;;) {
    const query = dataSource
      .getRepository(Survivor)
      .createQueryBuilder('s')
      .where('NOT EXISTS (SELECT 1 FROM survivor_match_token t WHERE t.survivor_id = s.id AND t.key_id = :keyId)', { keyId })
      // An anonymized survivor has nothing to match and keeps no token, not even decoys (docs/retention.md).
      .andWhere('s.anonymized_at IS NULL');
    // Only one organization's survivors (the tests), as reindexSurvivorNames (case-file/survivor-name-index.ts).
    if (organizationId) query.andWhere('s.organization_id = :organizationId', { organizationId });
    const rows = await query
      .orderBy('s.id')
      .limit(batchSize)
      .getMany();
    if (rows.length === 0) break;
    await dataSource.transaction((manager) => writeMatchTokens(manager, blindIndex, rows.map((survivor) => ({ survivor, person: matchPerson(cipher, survivor) }))));
    done += rows.length;
  }
  return { survivors: done };
}
