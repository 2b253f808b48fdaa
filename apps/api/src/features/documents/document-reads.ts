import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { DOCUMENT_KINDS, DOCUMENT_SCAN_STATUSES, type DocumentMediaType } from '@lantern/contracts';
import { asSubject, permittedFields } from '@lantern/permissions';
import { AuditService } from '../../access/audit/audit.service.js';
import { currentActor } from '../../access/authz/current-actor.js';
import { RecordAccess } from '../../access/records/record-access.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { DomainError, forbidden } from '../../kernel/http/domain-error.js';
import { caseRecordList } from '../../kernel/http/list-filters.js';
import type { ListQuery, ListSpec, Page } from '../../kernel/http/list-query.js';
import { Document } from './document.entity.js';
import { presentDocument } from './document-present.js';
import { DocumentStorage } from './document-storage.js';
import { contentStream } from './document-store.js';
import { unwrapDataKey } from './envelope.js';
import type { Plain } from '../../kernel/http/serialize.js';

export const DOCUMENT_LIST: ListSpec = caseRecordList(
  'documents',
  {
    kind: { kind: 'eq', type: 'enum', values: DOCUMENT_KINDS },
    scanStatus: { kind: 'eq', type: 'enum', values: DOCUMENT_SCAN_STATUSES },
    consentId: { kind: 'eq', type: 'uuid' },
    // A partner's view: the documents of the case a referral sent to them is about (they never see the case id).
    referralCase: {
      kind: 'custom',
      type: 'uuid',
      fields: [],
      apply: (qb, value, param) => qb.andWhere(`r.case_id = (SELECT ref.case_id FROM referral ref WHERE ref.id = :${param})`, { [param]: value }),
    },
    // Deleted documents are listed only when asked for (a case's "deleted" view for its caseworker).
    deleted: {
      kind: 'custom',
      type: 'boolean',
      fields: ['deletedAt'],
      apply: (qb, value) => qb.andWhere(value === true ? 'r.deleted_at IS NOT NULL' : 'r.deleted_at IS NULL'),
    },
  },
  { sorts: ['createdAt', 'kind', 'expiresOn'], defaultSort: ['createdAt', 'DESC'] },
);

/** Types a browser may show inline (with a sandboxing CSP); every other type is an attachment. */
const INLINE_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'image/jpeg', 'image/png']);

export interface DocumentContent {
  stream: Readable;
  /** For Content-Disposition (encode it: RFC 6266 filename*); never for a log or a URL. */
  filename: string;
  mediaType: DocumentMediaType;
  sizeBytes: number;
  sha256: string;
  disposition: 'inline' | 'attachment';
}

/**
 * Reads of documents, all through the record-access layer: scoped in SQL (the case's rules, a partner's
 * consent to share the kind), field-filtered, audited (`disclose` when partner staff are shown one).
 */
@Injectable()
export class DocumentReads {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly audit: AuditService,
    private readonly access: RecordAccess,
    private readonly storage: DocumentStorage,
  ) {}

  /** A page of documents: scoped, field-filtered, audited (`list`) and budgeted by the record-access layer. */
  list(query: ListQuery): Promise<Page<Plain>> {
    const deletedAsked = query.filters.some((f) => f.name === 'deleted');
    return this.access.list<Document>({
      subject: 'Document',
      spec: DOCUMENT_LIST,
      query,
      refine: (qb) => {
        qb.andWhere(`r.scan_status <> 'uploading'`);
        if (!deletedAsked) qb.andWhere('r.deleted_at IS NULL');
      },
      present: (rows, readable) => rows.map((row) => presentDocument(this.cipher, row, readable(row))),
    });
  }

  /** One document's record (not its content): audited by the layer, as a disclosure when partner staff read it. */
  async get(id: string): Promise<Plain> {
    const { actor } = currentActor();
    const partner = actor.role === 'partner';
    const body = await this.access.get<Document>({
      subject: 'Document',
      id,
      present: (row, readable) => presentDocument(this.cipher, row, readable),
      disclose: (shown) => (partner ? { fields: Object.keys(shown), reason: 'document shared under consent' } : null),
    });
    if (body.scanStatus === 'uploading') throw await this.access.outOfReach('Document', id, 'read');
    return body;
  }

  /**
   * The content of a document, for a download or a preview: only when the reader may read `content`
   * (caseworker of the case, break-glass, a partner with consent: not a coordinator), only once the
   * scanner passed it (or it is `unscanned`), never when quarantined or deleted. Audited before a byte
   * is sent (`read`, or `disclose` for partner staff, naming the field `content`).
   */
  async openContent(id: string): Promise<DocumentContent> {
    const { actor, ability } = currentActor();
    await this.access.beforeRead();
    const row = await this.access.findScoped<Document>('Document', id);
    if (!row || row.scanStatus === 'uploading') throw await this.access.outOfReach('Document', id, 'read');
    const [full] = await this.access.withRelations('Document', [row]);
    const readable = new Set(permittedFields(ability, 'read', 'Document', full));
    if (!readable.has('content') || !ability.can('read', asSubject('Document', full!), 'content')) {
      await this.audit.recordAlone({ action: 'denied', outcome: 'denied', subjectType: 'Document', subjectId: id, fields: ['content'], reason: 'read' });
      throw forbidden('You may see that this document exists, but not open it');
    }
    if (row.deletedAt || row.purgedAt || !row.wrappedKey) throw new DomainError('CONFLICT', 'This document was deleted');
    if (row.scanStatus === 'pending') throw new DomainError('CONFLICT', 'This file is still being checked for viruses. Try again in a moment.');
    if (row.scanStatus === 'quarantined') throw new DomainError('CONFLICT', 'This file was quarantined by the virus scanner and cannot be opened');
    const store = this.storage.of(row.contentStore);
    const partner = actor.role === 'partner';
    await this.audit.recordAlone({
      action: partner ? 'disclose' : 'read',
      subjectType: 'Document',
      subjectId: id,
      fields: ['content'],
      reason: partner ? 'document shared under consent' : null,
    });
    const key = unwrapDataKey(this.cipher, id, row.wrappedKey);
    return {
      stream: contentStream(store, id, key, row.chunkCount),
      filename: this.cipher.decrypt(row.filename, { table: 'document', column: 'filename', rowId: id }),
      mediaType: row.detectedType!,
      sizeBytes: row.sizeBytes,
      sha256: row.sha256!,
      disposition: INLINE_TYPES.has(row.detectedType!) ? 'inline' : 'attachment',
    };
  }
}
