import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DuplicateCheckResult, NameMatchGrade, PossibleDuplicate } from '@lantern/contracts';
import { asSubject, permittedFields } from '@lantern/permissions';
import { In, type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { BlindIndex } from '../../kernel/crypto/blind-index.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { ALIAS_FOLD_SQL, aliasKey, gradeName, queryTerms } from '../../case-file/name-matching.js';
import { nameToken } from '../../case-file/survivor-name-index.js';
import { matchQueryTerms, preparePerson, scoreDuplicate, TERM_WEIGHT, type MatchPerson, type MatchReason } from '../../case-file/duplicate-score.js';
import { matchPerson, matchToken } from '../../case-file/survivor-match-index.js';
import { decryptSurvivorPii } from '../../case-file/survivor-fields.js';
import { Survivor } from '../../case-file/survivor.entity.js';

/** Candidates read from the index before decryption; a broad query (three letters) is cut here. */
const CANDIDATE_LIMIT = 500;
const NAMES = new Set(['legalName', 'preferredName']);
/** The field a duplicate's reason rests on: the reason is shown only to someone who may read it. */
const REASON_FIELD: Record<MatchReason, string> = {
  alias: 'alias',
  name: 'legalName',
  dateOfBirth: 'dateOfBirth',
  birthYear: 'birthYear',
  phone: 'phone',
  email: 'email',
};

export interface YearRange {
  from: number | null;
  to: number | null;
}

export interface GradedSurvivor {
  row: Survivor;
  grade: NameMatchGrade;
  score: number;
}

/**
 * Finds survivors by their names through the keyed token index (case-file/survivor-name-index.ts):
 * the tokens narrow to candidates, whose names are decrypted in memory and matched
 * (case-file/name-matching.ts). Used by the name search and the duplicate check; issue 17 reuses it.
 */
@Injectable()
export class SurvivorMatching {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
    private readonly access: RecordAccess,
  ) {}

  /**
   * Narrows `qb` (survivors as `r`) to those whose tokens meet at least `atLeast` of the query words
   * (each word meets through any of its terms), the likeliest first: a term met as a whole word weighs
   * 3, a prefix 2, a sound 1, so a cut at CANDIDATE_LIMIT drops the weakest candidates, not random ones.
   * The tokens are of the caller's organization.
   */
  private whereTokens(qb: SelectQueryBuilder<Survivor>, words: string[], atLeast: number, options: { prefix?: boolean; exactOnly?: boolean }): void {
    const { actor } = currentActor();
    const index: number[] = [];
    const weights: number[] = [];
    const tokens: string[] = [];
    words.forEach((word, i) => {
      const terms = options.exactOnly ? [`x|${word}`] : queryTerms(word, options);
      for (const term of terms) {
        index.push(i);
        weights.push(term.startsWith('x|') ? 3 : term.startsWith('p|') ? 2 : 1);
        tokens.push(nameToken(this.blindIndex, actor.organizationId, term));
      }
    });
    qb.innerJoin(
      `(SELECT t.survivor_id, sum(q.weight) AS score FROM survivor_name_token t
          JOIN unnest(CAST(:mtWords AS int[]), CAST(:mtWeights AS int[]), CAST(:mtTokens AS varchar[])) AS q(w, weight, token) ON q.token = t.token
         WHERE t.organization_id = :mtOrg GROUP BY t.survivor_id HAVING count(DISTINCT q.w) >= :mtAtLeast)`,
      'mt',
      'mt.survivor_id = r.id',
    )
      .setParameters({ mtWords: index, mtWeights: weights, mtTokens: tokens, mtOrg: actor.organizationId, mtAtLeast: atLeast })
      .orderBy('mt.score', 'DESC')
      .addOrderBy('r.id', 'ASC');
  }

  private whereYears(qb: SelectQueryBuilder<Survivor>, years: YearRange): void {
    if (years.from !== null) qb.andWhere('r.birth_year >= :mtFrom', { mtFrom: years.from });
    if (years.to !== null) qb.andWhere('r.birth_year <= :mtTo', { mtTo: years.to });
  }

  private names(row: Survivor): (string | null | undefined)[] {
    const clear = decryptSurvivorPii(this.cipher, row, NAMES);
    return [clear.legalName, clear.preferredName];
  }

  /**
   * Survivors the caller may read, names included, whose names meet every query word; best first.
   * Scoped in SQL (the record-access layer); those whose names the caller may not read (a coordinator)
   * are left out here, and counted by `elsewhere`.
   */
  async byName(words: string[], years: YearRange, limit = 50): Promise<GradedSurvivor[]> {
    const { ability } = currentActor();
    const qb = this.access.scoped<Survivor>('Survivor');
    this.whereTokens(qb, words, words.length, {});
    this.whereYears(qb, years);
    const rows = await qb.limit(CANDIDATE_LIMIT).getMany();
    const full = await this.access.withRelations('Survivor', rows);
    const graded: GradedSurvivor[] = [];
    rows.forEach((row, i) => {
      if (!permittedFields(ability, 'read', 'Survivor', full[i]).includes('legalName')) return;
      const match = gradeName(words, this.names(row));
      if (match) graded.push({ row, ...match });
    });
    graded.sort((a, b) => b.score - a.score || a.row.alias.localeCompare(b.row.alias) || a.row.id.localeCompare(b.row.id));
    return graded.slice(0, limit);
  }

  /**
   * How many survivors of the organization, outside `shown`, match every word exactly: the caller
   * learns only that someone else's caseload may hold this person. Names decrypted here never leave.
   */
  async elsewhere(words: string[], years: YearRange, shown: Set<string>): Promise<number> {
    const { actor } = currentActor();
    const qb = this.dataSource.getRepository(Survivor).createQueryBuilder('r').where('r.organization_id = :org', { org: actor.organizationId });
    this.whereTokens(qb, words, words.length, { exactOnly: true });
    this.whereYears(qb, years);
    const rows = await qb.limit(CANDIDATE_LIMIT).getMany();
    return rows.filter((row) => !shown.has(row.id) && gradeName(words, this.names(row))?.grade === 'exact').length;
  }

  /**
   * Likely duplicates of a draft survivor in the caller's organization (issue 17, docs/duplicates.md):
   * candidates come from the keyed match index (sound keys of name words, date of birth, birth year ± 1,
   * phone, e-mail: case-file/survivor-match-index.ts) and the folded alias; their fields are decrypted
   * in memory and scored (case-file/duplicate-score.ts). A likely match (or the same alias) is named
   * only to someone who may read the survivor, with the reasons she may read and the numbers of the
   * cases she may read; the others are counted, nothing more.
   */
  async duplicates(draft: MatchPerson, options: { exclude?: string; manager?: EntityManager } = {}): Promise<DuplicateCheckResult & { caseIds: string[] }> {
    const { actor, ability } = currentActor();
    const manager = options.manager ?? this.dataSource.manager;
    const ids = new Set<string>();
    const alias = draft.alias ? aliasKey(draft.alias) : '';
    if (alias) {
      const rows = (await manager.query(
        `SELECT id FROM survivor r WHERE r.organization_id = $1 AND r.merged_into_id IS NULL AND ${ALIAS_FOLD_SQL('r.alias')} = $2 LIMIT ${CANDIDATE_LIMIT}`,
        [actor.organizationId, alias],
      )) as { id: string }[];
      for (const row of rows) ids.add(row.id);
    }
    const terms = matchQueryTerms(draft);
    if (terms.length > 0) {
      const rows = (await manager.query(
        `SELECT t.survivor_id AS id FROM survivor_match_token t
           JOIN unnest($2::int[], $3::varchar[]) AS q(weight, token) ON q.token = t.token
          WHERE t.organization_id = $1 GROUP BY t.survivor_id ORDER BY sum(q.weight) DESC, t.survivor_id LIMIT ${CANDIDATE_LIMIT}`,
        [actor.organizationId, terms.map((term) => TERM_WEIGHT[term[0]!] ?? 1), terms.map((term) => matchToken(this.blindIndex, actor.organizationId, term))],
      )) as { id: string }[];
      for (const row of rows) ids.add(row.id);
    }
    if (options.exclude) ids.delete(options.exclude);
    if (ids.size === 0) return { possibleDuplicates: [], elsewhereInOrganization: 0, caseIds: [] };

    const rows = await manager.getRepository(Survivor).findBy({ id: In([...ids]), organizationId: actor.organizationId });
    const mine = preparePerson(draft);
    const scored = rows
      .map((row) => ({ row, ...scoreDuplicate(mine, matchPerson(this.cipher, row)) }))
      .filter((c) => c.likely || c.reasons.includes('alias'));
    const full = await this.access.withRelations('Survivor', scored.map((c) => c.row), manager);
    const visible: { row: Survivor; score: number; likely: boolean; reasons: MatchReason[] }[] = [];
    let elsewhere = 0;
    scored.forEach((candidate, i) => {
      const fields = new Set(permittedFields(ability, 'read', 'Survivor', full[i]));
      // A reason is told only to someone who may read the field it rests on.
      const shown = candidate.reasons.filter((r) => fields.has(REASON_FIELD[r]));
      if (ability.can('read', asSubject('Survivor', full[i]!)) && shown.length > 0) visible.push({ ...candidate, reasons: shown });
      else elsewhere++;
    });
    const visibleIds = visible.map((v) => v.row.id);
    const caseNumbers = new Map<string, string[]>();
    const caseIds: string[] = [];
    if (visibleIds.length > 0) {
      const cases = await this.access
        .scoped<{ id: string; survivorId: string; caseNumber: string }>('Case', 'read', manager)
        .andWhere('r.survivor_id IN (:...mtIds)', { mtIds: visibleIds })
        .orderBy('r.opened_at', 'DESC')
        .getMany();
      caseIds.push(...cases.map((c) => c.id));
      for (const c of cases) caseNumbers.set(c.survivorId, [...(caseNumbers.get(c.survivorId) ?? []), c.caseNumber]);
    }
    const possibleDuplicates: PossibleDuplicate[] = visible
      .sort((a, b) => b.score - a.score || a.row.alias.localeCompare(b.row.alias))
      .slice(0, 20)
      .map(({ row, score, likely, reasons }) => ({ id: row.id, alias: row.alias, birthYear: row.birthYear, caseNumbers: caseNumbers.get(row.id) ?? [], reasons, score, likely }));
    return { possibleDuplicates, elsewhereInOrganization: elsewhere, caseIds };
  }
}
