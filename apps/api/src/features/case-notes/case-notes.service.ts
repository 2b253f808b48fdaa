import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CONTACT_METHODS, NOTE_TYPES } from '@lantern/contracts';
import { DataSource, In, type EntityManager } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { RecordWrites } from '../../access/records/record-writes.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Clock } from '../../kernel/config/clock.js';
import { refuseIfClosed } from '../../case-file/case-status.js';
import { badRequest } from '../../kernel/http/domain-error.js';
import { caseRecordList } from '../../kernel/http/list-filters.js';
import type { ListQuery, ListSpec, Page } from '../../kernel/http/list-query.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { CaseNote } from './case-note.entity.js';
import type { CreateCaseNoteDto } from './dto/case-note.dto.js';
import { NoteDraftsService } from './note-drafts.service.js';
import { caseToAddTo } from '../../case-file/case-to-add-to.js';
import type { Plain } from '../../kernel/http/serialize.js';

export const CASE_NOTE_LIST: ListSpec = caseRecordList(
  'case-notes',
  {
    noteType: { kind: 'eq', type: 'enum', values: NOTE_TYPES },
    contactMethod: { kind: 'eq', type: 'enum', values: CONTACT_METHODS },
    restricted: { kind: 'eq', type: 'boolean' },
  },
  { sorts: ['occurredAt', 'createdAt'], defaultSort: ['occurredAt', 'DESC'] },
);

const bodyAt = (id: string) => ({ table: 'case_note', column: 'body', rowId: id });

@Injectable()
export class CaseNotesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly writes: RecordWrites,
    private readonly drafts: NoteDraftsService,
  ) {}

  /** The response object of a note, before field filtering; the body is decrypted only when readable. */
  private plain(row: CaseNote, readable: Set<string>, correctedBy: string | null): Plain {
    return {
      id: row.id,
      organizationId: row.organizationId,
      caseId: row.caseId,
      noteType: row.noteType,
      contactMethod: row.contactMethod,
      ...(readable.has('body') ? { body: this.cipher.decrypt(row.body, bodyAt(row.id)) } : {}),
      restricted: row.restricted,
      occurredAt: row.occurredAt,
      authorId: row.authorId,
      correctsNoteId: row.correctsNoteId,
      correctedByNoteId: correctedBy,
      createdAt: row.createdAt,
    };
  }

  /** The newest correction of each note, among the notes given. */
  private async corrections(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await manager.find(CaseNote, {
      select: { id: true, correctsNoteId: true, createdAt: true },
      where: { correctsNoteId: In(ids) },
      order: { createdAt: 'ASC' },
    });
    return new Map(rows.map((r) => [r.correctsNoteId!, r.id]));
  }

  /**
   * Reading a case's notes is reading the survivor's file: scoped in SQL (restricted notes stay with
   * their case's caseworker and their author), field-filtered, and audited (one row naming every note shown).
   */
  list(query: ListQuery): Promise<Page<Plain>> {
    return this.access.list<CaseNote>({
      subject: 'CaseNote',
      spec: CASE_NOTE_LIST,
      query,
      present: async (rows, readable) => {
        const corrected = await this.corrections(this.dataSource.manager, rows.map((r) => r.id));
        return rows.map((row) => this.plain(row, readable(row), corrected.get(row.id) ?? null));
      },
    });
  }

  /** One note, opened: audited before the answer (RecordAccess.get). */
  get(id: string): Promise<Plain> {
    return this.access.get<CaseNote>({
      subject: 'CaseNote',
      id,
      present: async (row, readable, manager) => {
        const corrected = await this.corrections(manager, [row.id]);
        return this.plain(row, readable, corrected.get(row.id) ?? null);
      },
    });
  }

  /** Notes are never edited or deleted; a correction is a new note naming the one it corrects. */
  async create(dto: CreateCaseNoteDto): Promise<Plain> {
    const { actor } = currentActor();
    const kase = await caseToAddTo(this.access, 'CaseNote', dto, badRequest('caseId', 'is not a case on your caseload'), 'update');
    const now = this.clock.now();
    const occurredAt = dto.occurredAt ? new Date(dto.occurredAt) : now;
    if (occurredAt.getTime() > now.getTime() + 5 * 60_000) throw badRequest('occurredAt', 'is in the future');
    if (occurredAt.getTime() < kase.openedAt.getTime() - 366 * 86_400_000) throw badRequest('occurredAt', 'is long before the case was opened');
    if (dto.correctsNoteId) {
      const original = await this.access.findScoped<CaseNote>('CaseNote', dto.correctsNoteId);
      if (!original || original.caseId !== dto.caseId) throw badRequest('correctsNoteId', 'is not a note of this case');
    }
    refuseIfClosed(kase, 'reopen it to add notes');
    const id = randomUUID();
    const values = {
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
    };
    const row = await this.writes.insert<CaseNote>('CaseNote', values, Object.keys(dto), async (manager) => {
      if (dto.contactMethod !== 'none') {
        // Bookkeeping for the caseload (not an edit of the case): no version bump.
        await manager.query(
          'UPDATE survivor_case SET last_contact_at = $1 WHERE id = $2 AND (last_contact_at IS NULL OR last_contact_at < $1)',
          [occurredAt, dto.caseId],
        );
      }
      // The note its author was drafting on this case is now saved: its draft goes with the same commit
      // (note-drafts.service.ts). A correction is written without a draft and leaves hers alone.
      if (!dto.correctsNoteId) await this.drafts.discardWith(manager, dto.caseId);
    });
    // The note's case loaded, so the rules that follow it (her caseload) decide what she sees of it.
    return this.writes.answer('CaseNote', row, (readable) => this.plain(row, readable, null));
  }
}
