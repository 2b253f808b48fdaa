import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DOCUMENT_TYPES, type DocumentTypeName } from '@lantern/contracts';
import { permittedFields } from '@lantern/permissions';
import type { DataSource } from 'typeorm';
import { AuditService } from '../../access/audit/audit.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import type { Case } from '../../case-file/case.entity.js';
import { refuseIfClosed } from '../../case-file/case-status.js';
import { caseToAddTo } from '../../case-file/case-to-add-to.js';
import { APP_CONFIG, type AppConfig } from '../../kernel/config/config.js';
import { Clock } from '../../kernel/config/clock.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { badRequest, DomainError } from '../../kernel/http/domain-error.js';
import { serialize, type Plain } from '../../kernel/http/serialize.js';
import { Document } from './document.entity.js';
import { presentDocument } from './document-present.js';
import { documentSettings, type DocumentSettings } from './document-settings.js';
import { DocumentStorage } from './document-storage.js';
import { ChunkWriter, type StoredContent } from './document-store.js';
import { checkDetectedType, checkUploadInput, given, type UploadInput } from './document-input.js';
import { DocumentScans } from './document-scans.js';
import { newDataKey, wrapDataKey } from './envelope.js';

export const titleAt = (id: string) => ({ table: 'document', column: 'title', rowId: id });
export const filenameAt = (id: string) => ({ table: 'document', column: 'filename', rowId: id });

/**
 * Uploads and deletions of case documents (issue 15; docs/documents.md). Reads are in document-reads.ts,
 * scanning and purging in document-scans.ts.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documents');
  readonly settings: DocumentSettings;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly access: RecordAccess,
    private readonly scans: DocumentScans,
    private readonly storage: DocumentStorage,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.settings = documentSettings(config);
  }

  /** Whether uploads are scanned, for the web app's "files are not scanned" warning. */
  scanning(): { scanned: boolean; uploadsAllowed: boolean; maxBytes: number } {
    const scanned = this.settings.clamd !== null;
    return { scanned, uploadsAllowed: scanned || this.settings.allowUnscanned, maxBytes: this.settings.maxBytes };
  }

  /**
   * Stores an uploaded file: checks who may add it to which case, streams it into sealed chunks while
   * measuring size, type and SHA-256, and refuses it (leaving nothing stored) when it is empty, too
   * large, of a type Lantern does not accept or other than it claims, or when the upload breaks off.
   * Then it is `pending` and scanned (or `unscanned` where no scanner is configured and that is allowed).
   */
  async upload(input: UploadInput): Promise<Plain> {
    const { actor, ability } = currentActor();
    try {
      checkUploadInput(input);
    } catch (error) {
      input.content.destroy();
      throw error;
    }
    const fields = ['caseId', 'kind', 'title', 'filename', ...(['expiresOn', 'consentId', 'goalId', 'referralId'] as const).filter((f) => given(input[f]))];
    let kase: Case;
    try {
      if (!this.scanning().uploadsAllowed) {
        throw new DomainError('SERVICE_UNAVAILABLE', 'Uploads are turned off: no virus scanner is configured (LANTERN_CLAMD_SOCKET or LANTERN_CLAMD_HOST)');
      }
      const refusal = badRequest('caseId', 'is not a case on your caseload');
      kase = await caseToAddTo(this.access, 'Document', { caseId: input.caseId, kind: input.kind }, refusal, 'update', { fields });
      refuseIfClosed(kase, 'reopen it to add documents');
      await this.checkLinks(input, kase);
    } catch (error) {
      input.content.destroy();
      throw error;
    }

    const id = randomUUID();
    const key = newDataKey();
    const store = this.storage.forUpload();
    await this.dataSource.manager.insert(Document, {
      id,
      organizationId: actor.organizationId,
      caseId: kase.id,
      survivorId: kase.survivorId,
      kind: input.kind,
      title: this.cipher.encrypt(input.title.trim(), titleAt(id)),
      filename: this.cipher.encrypt(input.filename, filenameAt(id)),
      expiresOn: input.expiresOn ?? null,
      consentId: input.consentId ?? null,
      goalId: input.goalId ?? null,
      referralId: input.referralId ?? null,
      uploadedBy: actor.id,
      wrappedKey: wrapDataKey(this.cipher, id, key),
      contentStore: store.kind,
      scanStatus: 'uploading',
      createdBy: actor.id,
    });
    const writer = new ChunkWriter(store, id, key, this.settings.chunkBytes, this.settings.maxBytes);
    let stored: StoredContent;
    let type: DocumentTypeName;
    try {
      await pipeline(input.content, writer);
      stored = writer.result!;
      if (stored.sizeBytes === 0) throw badRequest('file', 'is empty');
      type = checkDetectedType(stored.type, input.filename, input.declaredType);
    } catch (error) {
      key.fill(0);
      await this.scans.discardUpload(id, store.kind);
      // A refusal (400, 413, 415), or the bucket out of reach (503, storageUnavailable): as it is.
      if (error instanceof DomainError) throw error;
      // A broken connection or an aborted request: the error's own text may describe the client; not kept.
      this.logger.warn({ err: (error as Error)?.name ?? 'Error' }, 'an upload broke off; nothing was kept');
      throw badRequest('file', 'was not received completely (the upload was interrupted)');
    }
    key.fill(0);

    const scanned = this.settings.clamd !== null;
    const row = await this.dataSource.transaction(async (manager) => {
      await manager.update(Document, { id }, {
        scanStatus: scanned ? 'pending' : 'unscanned',
        sizeBytes: stored.sizeBytes,
        chunkCount: stored.chunkCount,
        sha256: stored.sha256,
        detectedType: DOCUMENT_TYPES[type],
      });
      // Field names only: never the file's name, title or content.
      await this.audit.record(manager, { action: 'create', subjectType: 'Document', subjectId: id, fields: [...fields, 'content'] });
      if (scanned) await this.scans.queue(id, manager);
      return manager.findOneByOrFail(Document, { id });
    });
    const verdict = scanned ? await this.scans.scanNow(id) : row;
    const [full] = await this.access.withRelations('Document', [verdict]);
    const readable = new Set(permittedFields(ability, 'read', 'Document', full));
    return serialize(ability, 'Document', full!, presentDocument(this.cipher, verdict, readable), readable);
  }

  /** A linked consent must be the survivor's, a linked goal or referral this case's; each readable by the uploader. */
  private async checkLinks(input: UploadInput, kase: Case): Promise<void> {
    const links = [
      ['consentId', 'Consent', (r: Plain) => r.survivorId === kase.survivorId, 'is not a consent of this survivor'],
      ['goalId', 'Goal', (r: Plain) => r.caseId === kase.id, 'is not a goal of this case'],
      ['referralId', 'Referral', (r: Plain) => r.caseId === kase.id, 'is not a referral of this case'],
    ] as const;
    for (const [field, subject, belongs, problem] of links) {
      const linked = input[field];
      if (!given(linked)) continue;
      const row = await this.access.findScoped<Plain>(subject, linked);
      if (!row || !belongs(row)) throw badRequest(field, problem);
    }
  }

  /**
   * Deletes a document: soft, with a reason (kept on the row, not in the audit), audited. The content
   * stays until retention purges it (DocumentScans.purgeDeleted); nobody can open it meanwhile.
   */
  async remove(id: string, input: { reason: string; version?: number }): Promise<Plain> {
    const { actor, ability } = currentActor();
    const reason = (input.reason ?? '').trim();
    if (reason.length === 0) throw badRequest('reason', 'must say why the document is deleted');
    if (reason.length > 500) throw badRequest('reason', 'must be at most 500 characters');
    const row = await this.access.loadForChange<Document>({ subject: 'Document', id, fields: ['deletedAt', 'deletionReason'], version: input.version });
    if (row.scanStatus === 'uploading') throw await this.access.outOfReach('Document', id, 'update');
    if (row.deletedAt) throw new DomainError('CONFLICT', 'This document was already deleted');
    const saved = await this.dataSource.transaction(async (manager) => {
      const result = await manager.update(Document, { id, version: row.version }, { deletedAt: this.clock.now(), deletedBy: actor.id, deletionReason: reason, version: row.version + 1 });
      if (result.affected !== 1) throw new DomainError('STALE_VERSION');
      await this.audit.record(manager, { action: 'delete', subjectType: 'Document', subjectId: id, fields: ['deletedAt', 'deletionReason'] });
      return manager.findOneByOrFail(Document, { id });
    });
    const [full] = await this.access.withRelations('Document', [saved]);
    const readable = new Set(permittedFields(ability, 'read', 'Document', full));
    return serialize(ability, 'Document', full!, presentDocument(this.cipher, saved, readable), readable);
  }
}
