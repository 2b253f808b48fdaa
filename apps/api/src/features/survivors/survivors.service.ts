import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SURVIVOR_PII_FIELDS } from '@lantern/contracts';
import { asSubject, permittedFields } from '@lantern/permissions';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { AuditService } from '../../access/audit/audit.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { DomainError, badRequest, forbidden } from '../../kernel/http/domain-error.js';
import { Clock } from '../../kernel/config/clock.js';
import { SecretThrottle, retryAfterSeconds } from '../../access/auth/secret-throttle.service.js';
import { User } from '../../access/auth/user.entity.js';
import { NotificationsService } from '../notifications/index.js';
import type { ListQuery, ListSpec, Page } from '../../kernel/http/list-query.js';
import { updateVersioned } from '../../kernel/http/records.js';
import { assertWritable, serialize } from '../../kernel/http/serialize.js';
import { BlindIndex, nameTokens } from '../../kernel/crypto/blind-index.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import type { CreateSurvivorDto, SearchSurvivorsDto, UpdateSurvivorDto } from './dto/survivor.dto.js';
import { decryptSurvivorPii, encryptSurvivorPii, survivorPlain } from '../../case-file/survivor-fields.js';
import { Survivor } from '../../case-file/survivor.entity.js';

type Plain = Record<string, unknown>;
const PII = new Set<string>(SURVIVOR_PII_FIELDS);

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
  ) {}

  /** Lists show the alias and coarse demographics, never PII, whoever asks. */
  list(query: ListQuery): Promise<Page<Plain>> {
    return this.access.list<Survivor>({ subject: 'Survivor', spec: SURVIVOR_LIST, query, present: (rows) => rows.map((row) => survivorPlain(row)) });
  }

  /** Opening a survivor's record: the read is audited in the same transaction (fail closed). */
  get(id: string): Promise<Plain> {
    return this.access.get<Survivor>({
      subject: 'Survivor',
      id,
      present: (row, readable) => survivorPlain(row, decryptSurvivorPii(this.cipher, row, readable)),
      auditFields: (body) => Object.keys(body).filter((f) => PII.has(f)),
      // The browser cannot see the relations the rules follow (the survivor's cases): the API says.
      after: async (body, row) => {
        const fields = [...(await this.access.permitted('update', 'Survivor', row))];
        return { ...body, permissions: { update: fields.length > 0, fields } };
      },
    });
  }

  async create(dto: CreateSurvivorDto): Promise<Plain> {
    const { actor, ability } = currentActor();
    const values: Plain = { ...dto, organizationId: actor.organizationId };
    if (!ability.can('create', asSubject('Survivor', values))) throw forbidden('You may not register survivors');
    assertWritable(ability, 'create', 'Survivor', values, Object.keys(dto));
    const birthYear = reconcileBirth(dto.dateOfBirth, dto.birthYear) ?? null;
    const id = randomUUID();
    const row = await this.dataSource.transaction(async (manager) => {
      const entity = manager.create(Survivor, {
        ...(encryptSurvivorPii(this.cipher, id, { ...dto }) as Partial<Survivor>),
        id,
        organizationId: actor.organizationId,
        birthYear,
        citizenship: dto.citizenship ?? [],
        languages: dto.languages ?? [],
        nameIndex: this.blindIndex.forNames([dto.legalName, dto.preferredName], birthYear),
        createdBy: actor.id,
      });
      const saved = await manager.save(entity);
      await this.audit.record(manager, { action: 'create', subjectType: 'Survivor', subjectId: id, fields: Object.keys(dto) });
      return saved;
    });
    // The new survivor is on the caller's caseload now (registered by them, no case yet).
    const [full] = await this.access.withRelations('Survivor', [row]);
    const allowed = new Set(permittedFields(ability, 'read', 'Survivor', full));
    return serialize(ability, 'Survivor', full!, survivorPlain(row, decryptSurvivorPii(this.cipher, row, allowed)));
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

    const current = decryptSurvivorPii(this.cipher, row, new Set(['legalName', 'preferredName', 'dateOfBirth']));
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
      await this.audit.record(manager, { action: 'update', subjectType: 'Survivor', subjectId: id, fields });
    });
    return this.get(id);
  }

  /**
   * Exact search by a name and birth year through the blind index, among the survivors the caller may
   * read in full. Matches outside their reach are only counted, so a caseworker meeting a returning
   * survivor knows to ask the coordinator, without learning who it is.
   */
  async search(dto: SearchSurvivorsDto): Promise<{ matches: Plain[]; elsewhereInOrganization: number }> {
    const { actor, ability } = currentActor();
    const tokens = nameTokens(dto.lastName);
    if (tokens.length === 0) throw badRequest('lastName', 'must contain letters');
    const entries = tokens.map((t) => this.blindIndex.entry(t, dto.birthYear));
    // The search's inputs as the audit keeps them: blind-index hashes (16 bits, each shared by many
    // names), the name once with the year (the index entries) and once without (to see one name tried
    // with many birth years). Never the name or the year.
    const nameKey = this.blindIndex.keyed('search-name', [...tokens].sort().join(' '), 4);
    const trail = { action: 'search' as const, subjectType: 'Survivor', fields: ['lastName', 'birthYear'], reason: `name ${nameKey}; index ${[...entries].sort().join(' ')}` };
    try {
      await this.throttle.hit('search:user', actor.id, (wait) => {
        const seconds = retryAfterSeconds(wait);
        return new DomainError('TOO_MANY_REQUESTS', `You have searched many times in a short time. Wait ${seconds} seconds and try again.`, undefined, {
          'Retry-After': String(seconds),
        });
      });
    } catch (error) {
      await this.audit.recordAlone({ ...trail, outcome: 'denied' });
      throw error;
    }
    const candidates = await this.dataSource
      .getRepository(Survivor)
      .createQueryBuilder('r')
      .where('r.organization_id = :org AND r.name_index @> :entries AND r.birth_year = :year', {
        org: actor.organizationId,
        entries,
        year: dto.birthYear,
      })
      .limit(500)
      .getMany();
    const hits = candidates.filter((row) => {
      const names = decryptSurvivorPii(this.cipher, row, new Set(['legalName', 'preferredName']));
      const rowTokens = new Set([...nameTokens(names.legalName), ...nameTokens(names.preferredName)]);
      return tokens.every((t) => rowTokens.has(t)); // else a blind-index false positive
    });
    // The relations the rules look at, for all of them at once.
    const full = await this.access.withRelations('Survivor', hits);
    const matches: Plain[] = [];
    let elsewhere = 0;
    hits.forEach((row, i) => {
      const readable = ability.can('read', asSubject('Survivor', full[i]!)) && permittedFields(ability, 'read', 'Survivor', full[i]).includes('legalName');
      if (readable) matches.push(serialize(ability, 'Survivor', full[i]!, survivorPlain(row)));
      else elsewhere++;
    });
    await this.access.recordReads('Survivor', matches.map((m) => m.id as string), [...new Set(matches.flatMap((m) => Object.keys(m)))]);
    await this.dataSource.transaction(async (manager) => {
      await this.audit.record(manager, trail);
      if (await this.looksLikeSweep(manager, actor.id, nameKey)) await this.alertSweep(manager, actor.id, actor.organizationId);
    });
    return { matches, elsewhereInOrganization: elsewhere };
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
      title: `Unusual name searches by ${who?.displayName ?? 'a user'}`,
    });
  }
}
