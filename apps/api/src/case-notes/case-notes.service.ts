import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONTACT_METHODS, NOTE_TYPES } from '@lantern/contracts';
import { asSubject, permittedFields } from '@lantern/permissions';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { currentActor } from '../authz/current-actor.js';
import { Case } from '../cases/case.entity.js';
import { Clock } from '../config/clock.js';
import { DomainError, badRequest } from '../common/domain-error.js';
import { applyListQuery, type ListQuery, type ListSpec, type Page } from '../common/list-query.js';
import { findScoped, outOfReach, scopedQuery } from '../common/records.js';
import { assertWritable, serialize } from '../common/serialize.js';
import { FieldCipher } from '../crypto/field-cipher.js';
import { CaseNote } from './case-note.entity.js';
import type { CreateCaseNoteDto } from './dto/case-note.dto.js';

type Plain = Record<string, unknown>;

export const CASE_NOTE_LIST: ListSpec = {
  resource: 'case-notes',
  filters: {
    caseId: { kind: 'eq', type: 'uuid' },
    noteType: { kind: 'eq', type: 'enum', values: NOTE_TYPES },
    contactMethod: { kind: 'eq', type: 'enum', values: CONTACT_METHODS },
    restricted: { kind: 'eq', type: 'boolean' },
  },
  sorts: ['occurredAt', 'createdAt'],
  defaultSort: ['occurredAt', 'DESC'],
};

const bodyAt = (id: string) => ({ table: 'case_note', column: 'body', rowId: id });

@Injectable()
export class CaseNotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private view(row: CaseNote, correctedBy: string | null): Plain {
    const { ability } = currentActor();
    const allowed = new Set(permittedFields(ability, 'read', 'CaseNote', row));
    return serialize(ability, 'CaseNote', row, {
      id: row.id,
      organizationId: row.organizationId,
      caseId: row.caseId,
      noteType: row.noteType,
      contactMethod: row.contactMethod,
      ...(allowed.has('body') ? { body: this.cipher.decrypt(row.body, bodyAt(row.id)) } : {}),
      restricted: row.restricted,
      occurredAt: row.occurredAt,
      authorId: row.authorId,
      correctsNoteId: row.correctsNoteId,
      correctedByNoteId: correctedBy,
      createdAt: row.createdAt,
    });
  }

  /** The newest correction of each note, among the notes given. */
  private async corrections(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.dataSource.manager.find(CaseNote, {
      select: { id: true, correctsNoteId: true, createdAt: true },
      where: { correctsNoteId: In(ids) },
      order: { createdAt: 'ASC' },
    });
    return new Map(rows.map((r) => [r.correctsNoteId!, r.id]));
  }

  /**
   * Reading a case's notes is reading the survivor's file: the list is audited (one row naming the
   * case and the notes shown) in the same transaction as the read.
   */
  async list(query: ListQuery): Promise<Page<Plain>> {
    const { ability } = currentActor();
    const page = await this.dataSource.transaction(async (manager) => {
      const qb = scopedQuery(manager, CaseNote, ability, 'read', 'CaseNote');
      applyListQuery(qb, query);
      const [rows, total] = await qb.getManyAndCount();
      if (rows.length > 0) {
        const caseIds = [...new Set(rows.map((r) => r.caseId))];
        for (const caseId of caseIds) {
          await this.audit.record(manager, { action: 'read', subjectType: 'Case', subjectId: caseId, fields: ['notes'] });
        }
      }
      return { rows, total };
    });
    const corrected = await this.corrections(page.rows.map((r) => r.id));
    return { rows: page.rows.map((row) => this.view(row, corrected.get(row.id) ?? null)), total: page.total, skip: query.skip };
  }

  async get(id: string): Promise<Plain> {
    const { ability } = currentActor();
    const row = await this.dataSource.transaction(async (manager) => {
      const found = await findScoped(manager, CaseNote, ability, 'read', 'CaseNote', id);
      if (found) await this.audit.record(manager, { action: 'read', subjectType: 'CaseNote', subjectId: id, fields: ['body'] });
      return found;
    });
    if (!row) throw await outOfReach(this.dataSource.manager, this.audit, CaseNote, 'CaseNote', id, 'read', 'Case note');
    const corrected = await this.corrections([id]);
    return this.view(row, corrected.get(id) ?? null);
  }

  /** Notes are never edited or deleted; a correction is a new note naming the one it corrects. */
  async create(dto: CreateCaseNoteDto): Promise<Plain> {
    const { actor, ability } = currentActor();
    const values: Plain = { ...dto, organizationId: actor.organizationId };
    if (!ability.can('create', asSubject('CaseNote', values))) throw badRequest('caseId', 'is not a case on your caseload');
    assertWritable(ability, 'create', 'CaseNote', values, Object.keys(dto));
    const kase = await findScoped(this.dataSource.manager, Case, ability, 'update', 'Case', dto.caseId);
    if (!kase) throw badRequest('caseId', 'is not a case on your caseload');
    const now = this.clock.now();
    const occurredAt = dto.occurredAt ? new Date(dto.occurredAt) : now;
    if (occurredAt.getTime() > now.getTime() + 5 * 60_000) throw badRequest('occurredAt', 'is in the future');
    if (occurredAt.getTime() < kase.openedAt.getTime() - 366 * 86_400_000) throw badRequest('occurredAt', 'is long before the case was opened');
    if (dto.correctsNoteId) {
      const original = await findScoped(this.dataSource.manager, CaseNote, ability, 'read', 'CaseNote', dto.correctsNoteId);
      if (!original || original.caseId !== dto.caseId) throw badRequest('correctsNoteId', 'is not a note of this case');
    }
    if (kase.status === 'closed') throw new DomainError('CASE_CLOSED', 409, 'This case is closed; reopen it to add notes', { caseId: ['is closed'] });
    const id = randomUUID();
    const row = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(CaseNote, {
          id,
          organizationId: actor.organizationId,
          caseId: dto.caseId,
          noteType: dto.noteType,
          contactMethod: dto.contactMethod,
          body: this.cipher.encrypt(dto.body, bodyAt(id)),
          restricted: dto.restricted ?? false,
          occurredAt,
          authorId: actor.id,
          correctsNoteId: dto.correctsNoteId ?? null,
          createdBy: actor.id,
        }),
      );
      if (dto.contactMethod !== 'none') {
        // Bookkeeping for the caseload (not an edit of the case): no version bump.
        await manager.query(
          'UPDATE survivor_case SET last_contact_at = $1 WHERE id = $2 AND (last_contact_at IS NULL OR last_contact_at < $1)',
          [occurredAt, dto.caseId],
        );
      }
      await this.audit.record(manager, { action: 'create', subjectType: 'CaseNote', subjectId: id, fields: Object.keys(dto) });
      return saved;
    });
    return this.view(row, null);
  }
}
