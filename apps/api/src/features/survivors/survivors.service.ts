import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SURVIVOR_PII_FIELDS } from '@lantern/contracts';
import { asSubject, permittedFields } from '@lantern/permissions';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { AuditService } from '../../access/audit/audit.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { badRequest, forbidden } from '../../kernel/http/domain-error.js';
import { Clock } from '../../kernel/config/clock.js';
import { SecretThrottle } from '../../access/auth/secret-throttle.service.js';
import { countSearch } from '../../access/auth/search-throttle.js';
import { User } from '../../access/auth/user.entity.js';
import { CustomValuesService } from '../custom-fields/index.js';
import { NotificationsService } from '../notifications/index.js';
import type { ListQuery, ListSpec, Page } from '../../kernel/http/list-query.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { assertWritable, serialize, type Plain } from '../../kernel/http/serialize.js';
import { BlindIndex } from '../../kernel/crypto/blind-index.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import type { CreateSurvivorDto, DuplicateCheckDto, SearchSurvivorsDto, UpdateSurvivorDto } from './dto/survivor.dto.js';
import type { DuplicateCheckResult, NameSearchResult } from '@lantern/contracts';
import { aliasKey, nameWords } from '../../case-file/name-matching.js';
import { writeNameTokens } from '../../case-file/survivor-name-index.js';
import { writeMatchTokens } from '../../case-file/survivor-match-index.js';
import type { MatchPerson } from '../../case-file/duplicate-score.js';
import { SurvivorMatching, type YearRange } from './survivor-matching.service.js';
import { decryptSurvivorPii, encryptSurvivorPii, survivorPlain } from '../../case-file/survivor-fields.js';
import { Survivor } from '../../case-file/survivor.entity.js';
import type { StoredCustomValues } from '../../case-file/custom-values.js';

const PII = new Set<string>(SURVIVOR_PII_FIELDS);
/** The fields the duplicate check's match tokens are made of (case-file/survivor-match-index.ts). */
const MATCHED = new Set(['legalName', 'preferredName', 'dateOfBirth', 'birthYear', 'phone', 'email']);

/**
 * A sweep of the name search (issue 11: a caseworker tried 40 birth years for one surname and found the
 * survivor): in one hour, more than `searches` searches, or `birthYearsPerName` birth years tried for one
 * name. The organization's admins are told, once an hour per person; the search itself is limited to
 * 10 a minute (`search:user` in access/auth/secret-throttle.service.ts).
 */
export const SEARCH_SWEEP = { windowMillis: 60 * 60_000, searches: 30, birthYearsPerName: 5 } as const;

export const SURVIVOR_LIST: ListSpec = {
  resource: 'survivors',
  filters: {
    q: { kind: 'search', properties: ['alias'], maxLength: 80 },
    gender: { kind: 'eq', type: 'string' },
  },
  sorts: ['alias', 'createdAt', 'updatedAt', 'birthYear'],
  defaultSort: ['alias', 'ASC'],
};

/** Birth year and date of birth must agree; the year is derived from the date when only the date is given. */
function reconcileBirth(dateOfBirth: string | null | undefined, birthYear: number | null | undefined): number | null | undefined {
  if (!dateOfBirth) return birthYear;
  const year = Number(dateOfBirth.slice(0, 4));
  if (birthYear !== undefined && birthYear !== null && birthYear !== year) {
    throw badRequest('birthYear', 'does not match dateOfBirth');
  }
  return year;
}

/** The birth years a search asks for: one year, a range (either end open), or none. */
function yearRange(dto: SearchSurvivorsDto): YearRange {
  if (dto.birthYear !== undefined) {
    if (dto.birthYearFrom !== undefined || dto.birthYearTo !== undefined) throw badRequest('birthYear', 'give one year or a range, not both');
    return { from: dto.birthYear, to: dto.birthYear };
  }
  const from = dto.birthYearFrom ?? null;
  const to = dto.birthYearTo ?? null;
  if (from !== null && to !== null && from > to) throw badRequest('birthYearTo', 'must not be before birthYearFrom');
  return { from, to };
}

@Injectable()
export class SurvivorsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly blindIndex: BlindIndex,
    private readonly audit: AuditService,
    private readonly access: RecordAccess,
    private readonly throttle: SecretThrottle,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly matching: SurvivorMatching,
    private readonly customValues: CustomValuesService,
  ) {}

  /** Lists show the alias and coarse demographics, never PII, whoever asks. */
  list(query: ListQuery): Promise<Page<Plain>> {
    return this.access.list<Survivor>({
      subject: 'Survivor',
      spec: SURVIVOR_LIST,
      query,
      // A record merged into another (issue 17) is listed no more: the one that stays is.
      refine: (qb) => void qb.andWhere('r.merged_into_id IS NULL'),
      present: (rows) => rows.map((row) => survivorPlain(row)),
    });
  }

  /** Opening a survivor's record: the read is audited before the answer (fail closed). */
  get(id: string): Promise<Plain> {
    return this.access.get<Survivor>({
      subject: 'Survivor',
      id,
      present: (row, readable) => survivorPlain(row, decryptSurvivorPii(this.cipher, row, readable)),
      auditFields: (body) => Object.keys(body).filter((f) => PII.has(f)),
      // The browser cannot see the relations the rules follow (the survivor's cases): the API says.
      after: async (body, row, memo) => {
        const fields = [...(await this.access.permitted('update', 'Survivor', row, undefined, memo))];
        // A record merged into another (issue 17, docs/duplicates.md): her id still resolves, and says where she is now.
        return { ...body, permissions: { update: fields.length > 0, fields }, ...(row.mergedIntoId ? { mergedInto: row.mergedIntoId } : {}) };
      },
    });
  }

  async create(body: CreateSurvivorDto): Promise<Plain> {
    const { ability } = currentActor();
    const { custom: customValues, ...dto } = body;
    const id = randomUUID();
    // Her custom values, checked as PUT /custom-values checks them (PII under the new id), and the
    // survivor form's required ones: refused before anything is written.
    const custom = await this.customValues.forNewRecord('survivor', id, customValues);
    const row = await this.dataSource.transaction((manager) => this.register(manager, dto, { id, ...custom }));
    const { birthYear } = row;
    // The new survivor is on the caller's caseload now (registered by them, no case yet).
    const [full] = await this.access.withRelations('Survivor', [row]);
    const allowed = new Set(permittedFields(ability, 'read', 'Survivor', full));
    const answer = serialize(ability, 'Survivor', full!, survivorPlain(row, decryptSurvivorPii(this.cipher, row, allowed)), allowed);
    // Issue 13: saved all the same (staff decide), with the likely duplicates this person may read.
    return { ...answer, ...(await this.duplicatesOfNew(id, { ...dto, birthYear })) };
  }

  /** The likely duplicates of a survivor just registered (itself left out), reads recorded: the warning a create or a contact conversion answers with. */
  async duplicatesOfNew(id: string, draft: MatchPerson): Promise<DuplicateCheckResult> {
    const found = await this.matching.duplicates(draft, { exclude: id });
    await this.recordDuplicateReads(found);
    return { possibleDuplicates: found.possibleDuplicates, elsewhereInOrganization: found.elsewhereInOrganization };
  }

  /**
   * Registers a survivor inside the caller's transaction (its row, name tokens and audit row): the
   * write behind `create`, and the first step of converting a contact into a case (features/contacts).
   * `preset` is what `create` prepared: the id drawn and her custom values checked under it.
   */
  async register(manager: EntityManager, dto: Omit<CreateSurvivorDto, 'custom'>, preset?: { id: string; custom: StoredCustomValues; fields: string[] }): Promise<Survivor> {
    const { actor, ability } = currentActor();
    const values: Plain = { ...dto, organizationId: actor.organizationId };
    if (!ability.can('create', asSubject('Survivor', values))) throw forbidden('You may not register survivors');
    assertWritable(ability, 'create', 'Survivor', values, Object.keys(dto));
    const birthYear = reconcileBirth(dto.dateOfBirth, dto.birthYear) ?? null;
    const id = preset?.id ?? randomUUID();
    const entity = manager.create(Survivor, {
      ...(encryptSurvivorPii(this.cipher, id, { ...dto }) as Partial<Survivor>),
      id,
      organizationId: actor.organizationId,
      birthYear,
      citizenship: dto.citizenship ?? [],
      languages: dto.languages ?? [],
      nameIndex: this.blindIndex.forNames([dto.legalName, dto.preferredName], birthYear),
      createdBy: actor.id,
      custom: preset?.custom ?? {},
    });
    const saved = await manager.save(entity);
    await writeNameTokens(manager, this.blindIndex, saved, [dto.legalName, dto.preferredName]);
    await writeMatchTokens(manager, this.blindIndex, [{ survivor: saved, person: { ...dto, birthYear } }]);
    await this.audit.record(manager, { action: 'create', subjectType: 'Survivor', subjectId: id, fields: [...Object.keys(dto), ...(preset?.fields ?? [])] });
    return saved;
  }

  /**
   * Likely duplicates of a draft, before it is saved (the create form asks as the caseworker types).
   * A search in disguise: throttled and audited like the name search, its inputs kept only as keyed hashes.
   */
  async checkDuplicates(dto: DuplicateCheckDto): Promise<DuplicateCheckResult> {
    const { actor } = currentActor();
    const birthYear = reconcileBirth(dto.dateOfBirth, dto.birthYear) ?? null;
    const words = [...new Set([...nameWords(dto.legalName), ...nameWords(dto.preferredName)])].sort();
    // Keyed 16-bit hashes only. With names, the row reads like a name search's (`name <key>; ...`), so
    // one name tried with many birth years here counts toward the same sweep alert.
    const aliasPart = dto.alias ? `alias ${this.blindIndex.keyed('search-alias', aliasKey(dto.alias), 4)}` : null;
    const nameKey = words.length ? this.blindIndex.keyed('search-name', words.join(' '), 4) : null;
    const reason = nameKey
      ? `name ${nameKey}; duplicates ${this.blindIndex.keyed('search-years', String(birthYear ?? ''), 4)}${aliasPart ? ` ${aliasPart}` : ''}`
      : `duplicates ${aliasPart ?? 'none'}`;
    const trail = { action: 'search' as const, subjectType: 'Survivor', fields: Object.keys(dto).filter((k) => k !== 'dateOfBirth' || dto.dateOfBirth), reason };
    await countSearch(this.throttle, this.audit, actor.id, trail);
    if (!dto.alias && words.length === 0 && !dto.phone && !dto.email && !dto.dateOfBirth) return { possibleDuplicates: [], elsewhereInOrganization: 0 };
    await this.access.beforeRead();
    const found = await this.matching.duplicates({ ...dto, birthYear });
    await this.recordDuplicateReads(found);
    await this.dataSource.transaction(async (manager) => {
      await this.audit.record(manager, trail);
      if (nameKey && (await this.looksLikeSweep(manager, actor.id, nameKey))) await this.alertSweep(manager, actor.id, actor.organizationId);
    });
    return { possibleDuplicates: found.possibleDuplicates, elsewhereInOrganization: found.elsewhereInOrganization };
  }

  private async recordDuplicateReads(found: DuplicateCheckResult & { caseIds: string[] }): Promise<void> {
    await this.access.recordReads('Survivor', found.possibleDuplicates.map((d) => d.id), ['id', 'alias', 'birthYear']);
    await this.access.recordReads('Case', found.caseIds, ['id', 'caseNumber', 'survivorId']);
  }


  async update(id: string, dto: UpdateSurvivorDto): Promise<Plain> {
    const { version, ...patch } = dto;
    const row = await this.access.loadForChange<Survivor>({
      subject: 'Survivor',
      id,
      fields: Object.keys(patch),
      version,
      refusal: 'You may not change this survivor',
    });

    const current = decryptSurvivorPii(this.cipher, row, new Set(['legalName', 'preferredName', 'dateOfBirth', 'phone', 'email']));
    const dateOfBirth = patch.dateOfBirth === undefined ? current.dateOfBirth : patch.dateOfBirth;
    // A new date of birth sets the year, unless the year sent is a new one too (then they must agree).
    // The year sent back unchanged (a form or a client returning the record as fetched) is no claim.
    const dateChanged = patch.dateOfBirth !== undefined && (patch.dateOfBirth ?? null) !== (current.dateOfBirth ?? null);
    const yearChanged = patch.birthYear !== undefined && patch.birthYear !== row.birthYear;
    const birthYear = reconcileBirth(dateOfBirth, dateChanged && !yearChanged ? undefined : patch.birthYear === undefined ? row.birthYear : patch.birthYear);
    const changes: Plain = encryptSurvivorPii(this.cipher, id, { ...patch });
    if (birthYear !== undefined && birthYear !== row.birthYear) changes.birthYear = birthYear;
    const names = [
      patch.legalName === undefined ? current.legalName : patch.legalName,
      patch.preferredName === undefined ? current.preferredName : patch.preferredName,
    ];
    changes.nameIndex = this.blindIndex.forNames(names, (changes.birthYear as number | null | undefined) ?? row.birthYear);
    const fields = Object.keys(patch).filter((key) => {
      const before = PII.has(key) ? current[key as keyof typeof current] : (row as unknown as Plain)[key];
      return JSON.stringify(before ?? null) !== JSON.stringify(patch[key as keyof typeof patch] ?? null);
    });
    if (fields.length === 0) return this.get(id);
    if (changes.birthYear !== undefined && !fields.includes('birthYear')) fields.push('birthYear');

    await this.dataSource.transaction(async (manager) => {
      await updateVersioned(manager, Survivor, id, version, changes as Partial<Survivor>);
      if (fields.includes('legalName') || fields.includes('preferredName')) await writeNameTokens(manager, this.blindIndex, row, names);
      if (fields.some((f) => MATCHED.has(f))) {
        const person = { ...current, ...patch, legalName: names[0], preferredName: names[1], dateOfBirth, birthYear: birthYear ?? null };
        await writeMatchTokens(manager, this.blindIndex, [{ survivor: row, person }]);
      }
      await this.audit.record(manager, { action: 'update', subjectType: 'Survivor', subjectId: id, fields });
    });
    return this.get(id);
  }

  /**
   * Tolerant search by name (issue 13): any name or the start of one, as typed or sounding alike
   * ("Quinteros" finds Quintero, "Jose" finds José, "Llesenia" finds Yesenia), the birth year optional
   * or a range, among the survivors the caller may read in full (scoped in SQL), best first. Exact
   * matches outside their reach are only counted, so a caseworker meeting a returning survivor knows
   * to ask the coordinator, without learning who it is. The name travels in a POST body, and the audit
   * keeps only keyed hashes of it.
   */
  async search(dto: SearchSurvivorsDto): Promise<NameSearchResult> {
    const { actor } = currentActor();
    const field = dto.lastName !== undefined && dto.name === undefined ? 'lastName' : 'name';
    const words = nameWords(dto.name ?? dto.lastName);
    if (words.length === 0) throw badRequest(field, dto.name === undefined && dto.lastName === undefined ? 'is required' : 'must contain letters');
    if (words.length > 6) throw badRequest(field, 'has too many words (6 at most)');
    const years = yearRange(dto);
    const yearLabel = years.from === null && years.to === null ? '' : years.from === years.to ? String(years.from) : `${years.from ?? ''}-${years.to ?? ''}`;
    // The search's inputs as the audit keeps them: keyed hashes of 16 bits (each shared by many names),
    // the words once with the years (to tell repeats from new searches) and once without (to see one
    // name tried with many birth years). Never a name or a year.
    const sorted = [...words].sort();
    const nameKey = this.blindIndex.keyed('search-name', sorted.join(' '), 4);
    const entries = [...new Set(sorted.map((w) => this.blindIndex.keyed('name', `${w}|${yearLabel}`, 4)))].sort();
    const fields = ['birthYear', 'birthYearFrom', 'birthYearTo', 'lastName', 'name'].filter((k) => (dto as Record<string, unknown>)[k] !== undefined);
    const trail = { action: 'search' as const, subjectType: 'Survivor', fields, reason: `name ${nameKey}; index ${entries.join(' ')}` };
    await countSearch(this.throttle, this.audit, actor.id, trail);
    await this.access.beforeRead();
    const { ability } = currentActor();
    const found = await this.matching.byName(words, years);
    const full = await this.access.withRelations('Survivor', found.map((f) => f.row));
    const matches: Plain[] = found.map((f, i) => ({ ...serialize(ability, 'Survivor', full[i]!, survivorPlain(f.row)), match: f.grade }));
    const elsewhere = await this.matching.elsewhere(words, years, new Set(found.map((f) => f.row.id)));
    await this.access.recordReads('Survivor', matches.map((m) => m.id as string), [...new Set(matches.flatMap((m) => Object.keys(m)))].filter((k) => k !== 'match'));
    await this.dataSource.transaction(async (manager) => {
      await this.audit.record(manager, trail);
      if (await this.looksLikeSweep(manager, actor.id, nameKey)) await this.alertSweep(manager, actor.id, actor.organizationId);
    });
    return { matches: matches as unknown as NameSearchResult['matches'], elsewhereInOrganization: elsewhere };
  }

  /** This person's searches of the last hour, from the audit trail (its actor and time index). */
  private async looksLikeSweep(manager: EntityManager, actorId: string, nameKey: string): Promise<boolean> {
    const since = new Date(this.clock.now().getTime() - SEARCH_SWEEP.windowMillis);
    const [row] = (await manager.query(
      `SELECT count(*)::int AS searches, count(DISTINCT reason) FILTER (WHERE reason LIKE $3)::int AS years
         FROM audit_event WHERE actor_id = $1 AND action = 'search' AND outcome = 'success' AND occurred_at > $2`,
      [actorId, since, `name ${nameKey};%`],
    )) as { searches: number; years: number }[];
    return !!row && (row.searches > SEARCH_SWEEP.searches || row.years >= SEARCH_SWEEP.birthYearsPerName);
  }

  private async alertSweep(manager: EntityManager, actorId: string, organizationId: string): Promise<void> {
    if (!(await this.throttle.alertDue(manager, 'search-sweep', actorId, SEARCH_SWEEP.windowMillis))) return;
    const who = await manager.findOne(User, { select: { id: true, displayName: true }, where: { id: actorId } });
    await this.notifications.notify(manager, {
      organizationId,
      userIds: await this.notifications.recipients(manager, organizationId, ['admin']),
      kind: 'search_sweep',
      title: {
        en: `Unusual name searches by ${who?.displayName ?? 'a user'}`,
        es: `Búsquedas de nombres inusuales de ${who?.displayName ?? 'una persona usuaria'}`,
      },
    });
  }
}
