import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { RecordAccess } from '../../access/records/record-access.js';
import { AuditService } from '../../access/audit/audit.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { Case } from '../../case-file/case.entity.js';
import { refuseIfClosed } from '../../case-file/case-status.js';
import { badRequest, notFound, staleVersion } from '../../kernel/http/domain-error.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { CaseNoteDraft } from './case-note-draft.entity.js';
import type { SaveNoteDraftDto } from './dto/note-draft.dto.js';
import type { Plain } from '../../kernel/http/serialize.js';

const bodyAt = (id: string) => ({ table: 'case_note_draft', column: 'body', rowId: id });
const DRAFT_FIELDS = ['noteType', 'contactMethod', 'occurredAt', 'restricted', 'body'] as const;
const notCaseload = () => badRequest('caseId', 'is not a case on your caseload');

/**
 * Drafts of notes (issue 13, "drafts of notes autosave"): the note form sends what is being written
 * every 10 s, so a note survives a reload, a lost connection or the idle sign-out without touching
 * browser storage (docs/architecture.md, "Work in progress in the browser"). A draft is its author's
 * alone: every query names her as the author, so neither a colleague, nor the coordinator, nor an admin
 * (break-glass included) ever reads it; and she reads or saves it only while the record-access layer
 * lets her add a note to the case (the rule of `POST /case-notes`, features/case-notes/case-notes.service.ts).
 */
@Injectable()
export class NoteDraftsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly access: RecordAccess,
  ) {}

  private plain(row: CaseNoteDraft): Plain {
    return {
      id: row.id,
      caseId: row.caseId,
      authorId: row.authorId,
      noteType: row.noteType,
      contactMethod: row.contactMethod,
      occurredAt: row.occurredAt,
      restricted: row.restricted,
      body: this.cipher.decrypt(row.body, bodyAt(row.id)),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
    };
  }

  /** The case, when this person may add notes to it now (on her caseload), else null. */
  private async writableCase(caseId: string): Promise<Case | null> {
    const { actor } = currentActor();
    const allowed = await this.access.permitted('create', 'CaseNote', { organizationId: actor.organizationId, caseId });
    if (allowed.size === 0) return null;
    return this.access.findScoped<Case>('Case', caseId, 'update');
  }

  private mine(manager: EntityManager, caseId: string): Promise<CaseNoteDraft | null> {
    const { actor } = currentActor();
    return manager.findOne(CaseNoteDraft, { where: { caseId, authorId: actor.id, organizationId: actor.organizationId } });
  }

  /** The caller's draft on the case: 404 when she has none, or may no longer add notes to the case. */
  async get(caseId: string): Promise<Plain> {
    if (!(await this.writableCase(caseId))) throw notFound('Note draft');
    const body = await this.dataSource.transaction(async (manager) => {
      const row = await this.mine(manager, caseId);
      if (!row) return null;
      const result = this.plain(row);
      // Reading a draft is reading words about a survivor: audited in the read's transaction, like a note.
      await this.audit.record(manager, { action: 'read', subjectType: 'CaseNoteDraft', subjectId: row.id, fields: Object.keys(result) });
      return result;
    });
    if (!body) throw notFound('Note draft');
    return body;
  }

  /**
   * Creates the caller's draft on the case (no `version`) or replaces it (the version last returned):
   * a stale version, or a create when a draft exists already (another tab), is 409.
   */
  async save(dto: SaveNoteDraftDto): Promise<Plain> {
    const { actor } = currentActor();
    const kase = await this.writableCase(dto.caseId);
    if (!kase) throw notCaseload();
    refuseIfClosed(kase, 'reopen it to add notes');
    const values = {
      noteType: dto.noteType,
      contactMethod: dto.contactMethod,
      occurredAt: dto.occurredAt === null ? null : new Date(dto.occurredAt),
      restricted: dto.restricted,
    };
    const row = await this.dataSource.transaction(async (manager) => {
      const existing = await this.mine(manager, dto.caseId);
      if (existing ? existing.version !== dto.version : dto.version !== undefined) throw staleVersion();
      const id = existing?.id ?? randomUUID();
      const body = this.cipher.encrypt(dto.body, bodyAt(id));
      const saved = existing
        ? await manager.save(Object.assign(existing, values, { body }))
        : await manager.save(
            manager.create(CaseNoteDraft, { id, organizationId: actor.organizationId, caseId: dto.caseId, authorId: actor.id, ...values, body, createdBy: actor.id }),
          );
      await this.audit.record(manager, { action: existing ? 'update' : 'create', subjectType: 'CaseNoteDraft', subjectId: id, fields: [...DRAFT_FIELDS] });
      return saved;
    });
    return this.plain(row);
  }

  /**
   * Discards the caller's draft on the case (404 when she has none). Allowed even once the case is
   * closed or no longer hers: discarding only removes her own words.
   */
  async discard(caseId: string): Promise<void> {
    const found = await this.dataSource.transaction((manager) => this.discardWith(manager, caseId));
    if (!found) throw notFound('Note draft');
  }

  /** Removes the caller's draft on the case in the caller's transaction (the note it became was saved); true when there was one. */
  async discardWith(manager: EntityManager, caseId: string): Promise<boolean> {
    const row = await this.mine(manager, caseId);
    if (!row) return false;
    await manager.delete(CaseNoteDraft, { id: row.id });
    await this.audit.record(manager, { action: 'delete', subjectType: 'CaseNoteDraft', subjectId: row.id });
    return true;
  }
}
