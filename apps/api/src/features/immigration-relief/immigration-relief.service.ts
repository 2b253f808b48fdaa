import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONTINUED_PRESENCE_STATUSES, HHS_LETTER_KINDS, IMMIGRATION_RELIEF_STATE_FIELDS, T_VISA_STATUSES } from '@lantern/contracts';
import { DataSource } from 'typeorm';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { RecordWrites } from '../../access/records/record-writes.js';
import { Case } from '../../case-file/case.entity.js';
import { refuseIfClosed } from '../../case-file/case-status.js';
import { Clock } from '../../kernel/config/clock.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { DomainError, badRequest } from '../../kernel/http/domain-error.js';
import { caseRecordList } from '../../kernel/http/list-filters.js';
import type { ListSpec } from '../../kernel/http/list-query.js';
import type { CreateImmigrationReliefDto, UpdateImmigrationReliefDto } from './dto/immigration-relief.dto.js';
import { NO_RELIEF, reliefProblems, type ReliefState } from './immigration-relief-rules.js';
import { ImmigrationRelief } from './immigration-relief.entity.js';
import { CaseRecordReads, caseRecordPlain, readableNote, sealedNote } from '../../case-file/case-record-reads.js';
import { caseToAddTo } from '../../case-file/case-to-add-to.js';
import type { Plain } from '../../kernel/http/serialize.js';

export const IMMIGRATION_RELIEF_LIST: ListSpec = caseRecordList('immigration-relief', {
  tVisaStatus: { kind: 'eq', type: 'enum', values: T_VISA_STATUSES },
  continuedPresenceStatus: { kind: 'eq', type: 'enum', values: CONTINUED_PRESENCE_STATUSES },
  hhsLetter: { kind: 'eq', type: 'enum', values: HHS_LETTER_KINDS },
});

const STATE_FIELDS = IMMIGRATION_RELIEF_STATE_FIELDS satisfies readonly (keyof ReliefState)[];

const HOUR = 3_600_000;
const TABLE = 'immigration_relief';

@Injectable()
export class ImmigrationReliefService extends CaseRecordReads<ImmigrationRelief> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly writes: RecordWrites,
  ) {
    super(access, dataSource.manager, 'ImmigrationRelief', IMMIGRATION_RELIEF_LIST);
  }

  /** The response object of a record, before field filtering; the note is decrypted only when readable. */
  protected plain(row: ImmigrationRelief, readable: Set<string>, caseNumber: string | undefined): Plain {
    const state = Object.fromEntries(STATE_FIELDS.map((field) => [field, row[field]]));
    return caseRecordPlain(row, caseNumber, { survivorId: row.survivorId, ...state, ...readableNote(this.cipher, TABLE, row, readable) });
  }

  /** The case's record, created once (409 IMMIGRATION_RELIEF_EXISTS after that: change it instead). */
  async create(dto: CreateImmigrationReliefDto): Promise<Plain> {
    const { actor } = currentActor();
    const kase = await caseToAddTo(this.access, 'ImmigrationRelief', dto, badRequest('caseId', 'is not a case you may record immigration relief on'));
    const { caseId, note, ...given } = dto;
    const state = this.checked({ ...NO_RELIEF, ...withoutUndefined(given) });
    refuseIfClosed(kase, 'reopen it to record immigration relief');
    if (await this.dataSource.manager.exists(ImmigrationRelief, { where: { caseId } })) {
      throw new DomainError('IMMIGRATION_RELIEF_EXISTS', undefined, { caseId: ['already has its immigration relief record'] });
    }
    const id = randomUUID();
    const row = await this.writes.insert<ImmigrationRelief>(
      'ImmigrationRelief',
      {
        id,
        organizationId: actor.organizationId,
        caseId,
        survivorId: kase.survivorId,
        ...state,
        note: sealedNote(this.cipher, TABLE, id, note),
        createdBy: actor.id,
      },
      Object.keys(dto),
    );
    return this.writes.answer('ImmigrationRelief', row, (readable) => this.plain(row, readable, kase.caseNumber));
  }

  /** A change: the record as it would stand is checked as a whole before anything is written. */
  async update(id: string, dto: UpdateImmigrationReliefDto): Promise<Plain> {
    const { version, note, ...given } = dto;
    const changes = withoutUndefined(given);
    const fields = [...Object.keys(changes), ...(note !== undefined ? ['note'] : [])];
    const row = await this.access.loadForChange<ImmigrationRelief>({ subject: 'ImmigrationRelief', id, fields, version });
    const kase = await this.dataSource.manager.findOneOrFail(Case, { select: { id: true, status: true }, where: { id: row.caseId } });
    refuseIfClosed(kase, 'reopen it to change its immigration relief');
    const current = Object.fromEntries(STATE_FIELDS.map((field) => [field, row[field]])) as unknown as ReliefState;
    const state = this.checked({ ...current, ...changes });
    await this.writes.update<ImmigrationRelief>(
      'ImmigrationRelief',
      id,
      version,
      { ...state, ...(note !== undefined ? { note: sealedNote(this.cipher, TABLE, id, note) } : {}) },
      { fields },
    );
    return this.get(id);
  }

  /** The states and dates as they would stand, or 400 naming every field that does not hold. */
  private checked(state: ReliefState): ReliefState {
    for (const field of ['tVisaStatus', 'continuedPresenceStatus'] as const) {
      if (state[field] === null) throw badRequest(field, 'cannot be empty');
    }
    const latest = new Date(this.clock.now().getTime() + 14 * HOUR).toISOString().slice(0, 10);
    const problems = reliefProblems(state, latest);
    if (Object.keys(problems).length > 0) throw new DomainError('VALIDATION_FAILED', undefined, problems);
    return state;
  }
}

function withoutUndefined<T extends object>(values: T): Partial<ReliefState> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<ReliefState>;
}
