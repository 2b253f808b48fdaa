import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DuplicateCheckResult, NameMatchGrade, PossibleDuplicate } from '@lantern/contracts';
import { asSubject, permittedFields } from '@lantern/permissions';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { BlindIndex } from '../../kernel/crypto/blind-index.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { ALIAS_FOLD_SQL, aliasKey, gradeName, nameWords, queryTerms } from '../../case-file/name-matching.js';
import { nameToken } from '../../case-file/survivor-name-index.js';
import { decryptSurvivorPii } from '../../case-file/survivor-fields.js';
import { Survivor } from '../../case-file/survivor.entity.js';

/** Candidates read from the index before decryption; a broad query (three letters) is cut here. */
const CANDIDATE_LIMIT = 500;
const NAMES = new Set(['legalName', 'preferredName']);

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
   * Likely duplicates of a draft survivor in the caller's organization: the same alias (folded), or
   * names that meet word for word (as typed or sounding alike, not by prefix) with the birth year
   * within one year when both are known. Only survivors the caller may read are named, with the
   * numbers of the cases they may read; the others are counted.
   */
  async duplicates(
    draft: { alias?: string | null; legalName?: string | null; preferredName?: string | null; birthYear?: number | null },
    options: { exclude?: string; manager?: EntityManager } = {},
  ): Promise<DuplicateCheckResult & { caseIds: string[] }> {
    const { actor, ability } = currentActor();
    const manager = options.manager ?? this.dataSource.manager;
    const alias = draft.alias ? aliasKey(draft.alias) : '';
    const words = [...new Set([...nameWords(draft.legalName), ...nameWords(draft.preferredName)])];
    const byId = new Map<string, { row: Survivor; reasons: Set<'alias' | 'name'> }>();
    const add = (row: Survivor, reason: 'alias' | 'name') => {
      if (row.id === options.exclude) return;
      const entry = byId.get(row.id) ?? { row, reasons: new Set() };
      entry.reasons.add(reason);
      byId.set(row.id, entry);
    };

    if (alias) {
      const rows = await manager
        .getRepository(Survivor)
        .createQueryBuilder('r')
        .where('r.organization_id = :org', { org: actor.organizationId })
        .andWhere(`${ALIAS_FOLD_SQL('r.alias')} = :alias`, { alias })
        .limit(CANDIDATE_LIMIT)
        .getMany();
      for (const row of rows) if (aliasKey(row.alias) === alias) add(row, 'alias');
    }
    if (words.length > 0) {
      const qb = manager.getRepository(Survivor).createQueryBuilder('r').where('r.organization_id = :org', { org: actor.organizationId });
      this.whereTokens(qb, words, Math.min(2, words.length), { prefix: false });
      const year = draft.birthYear ?? null;
      if (year !== null) qb.andWhere('(r.birth_year IS NULL OR r.birth_year BETWEEN :lo AND :hi)', { lo: year - 1, hi: year + 1 });
      for (const row of await qb.limit(CANDIDATE_LIMIT).getMany()) {
        const theirs = this.names(row);
        const their = [...new Set(theirs.flatMap((n) => nameWords(n)))];
        const enough = Math.min(2, words.length, their.length);
        // Either name may be the fuller one: "María Quintero" and "María Elena Quinteros" are alike.
        const mine = gradeName(words, theirs, { prefix: false });
        const back = gradeName(their, [draft.legalName, draft.preferredName], { prefix: false });
        if ((mine && words.length >= enough) || (back && their.length >= enough)) add(row, 'name');
      }
    }

    const candidates = [...byId.values()];
    const full = await this.access.withRelations('Survivor', candidates.map((c) => c.row), manager);
    const visible: { row: Survivor; reasons: Set<'alias' | 'name'> }[] = [];
    let elsewhere = 0;
    candidates.forEach((candidate, i) => {
      const record = asSubject('Survivor', full[i]!);
      const fields = new Set(permittedFields(ability, 'read', 'Survivor', full[i]));
      // A name match is shown only to someone who may read the names; an alias match to whoever may read the alias.
      const shownReasons = [...candidate.reasons].filter((r) => (r === 'name' ? fields.has('legalName') : fields.has('alias')));
      if (ability.can('read', record) && shownReasons.length > 0) visible.push({ row: candidate.row, reasons: new Set(shownReasons) });
      else elsewhere++;
    });
    const ids = visible.map((v) => v.row.id);
    const caseNumbers = new Map<string, string[]>();
    const caseIds: string[] = [];
    if (ids.length > 0) {
      const cases = await this.access
        .scoped<{ survivorId: string; caseNumber: string }>('Case', 'read', manager)
        .andWhere('r.survivor_id IN (:...mtIds)', { mtIds: ids })
        .orderBy('r.opened_at', 'DESC')
        .getMany();
      caseIds.push(...cases.map((c) => (c as unknown as { id: string }).id));
      for (const c of cases) caseNumbers.set(c.survivorId, [...(caseNumbers.get(c.survivorId) ?? []), c.caseNumber]);
    }
    const possibleDuplicates: PossibleDuplicate[] = visible
      .map(({ row, reasons }) => ({
        id: row.id,
        alias: row.alias,
        birthYear: row.birthYear,
        caseNumbers: caseNumbers.get(row.id) ?? [],
        reasons: (['alias', 'name'] as const).filter((r) => reasons.has(r)),
      }))
      .sort((a, b) => b.reasons.length - a.reasons.length || a.alias.localeCompare(b.alias))
      .slice(0, 20);
    return { possibleDuplicates, elsewhereInOrganization: elsewhere, caseIds };
  }
}
