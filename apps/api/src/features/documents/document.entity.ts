import type { DocumentKind, DocumentMediaType, DocumentScanStatus } from '@lantern/contracts';
import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { BaseRecord } from '../../kernel/database/base.entity.js';

/** Where a document's sealed chunks are: rows of `document_chunk`, or objects of the S3 bucket (document-storage.ts). */
export type ContentStore = 'database' | 's3';

/**
 * A document of a case (issue 15). Its content is in `document_chunk` or in S3 (`contentStore`),
 * encrypted with a data key of its own; `wrappedKey` is that data key encrypted with the current key
 * of the field-encryption ring (AAD `document|wrapped_key|id`), so rotating keys re-wraps this one
 * value and leaves the content as it is. `title` and `filename` are encrypted like every narrative
 * field. `uploading` rows are an upload under way: invisible to every read, deleted if the upload fails.
 */
@Entity('document')
@Index('ix_document_case', ['caseId', 'createdAt'])
@Index('ix_document_survivor', ['survivorId'])
@Index('ix_document_scan_status', ['scanStatus'])
@Check('ck_document_kind', `kind IN ('identity', 'consent_form', 'legal', 'housing', 'medical', 'education_training', 'other')`)
@Check('ck_document_scan_status', `scan_status IN ('uploading', 'pending', 'clean', 'quarantined', 'unscanned')`)
@Check('ck_document_deletion', `(deleted_at IS NULL) = (deletion_reason IS NULL)`)
@Check('ck_document_content_store', `content_store IN ('database', 's3')`)
export class Document extends BaseRecord {
  @ForeignKey('Organization', { name: 'fk_document_organization', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey('Case', { name: 'fk_document_case', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  caseId!: string;

  /** The case's survivor, copied (a case never changes survivor): what a consent's shared items are matched on. */
  @ForeignKey('Survivor', { name: 'fk_document_survivor', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  survivorId!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: DocumentKind;

  /** Encrypted (AAD document|title|id). */
  @Column({ type: 'text' })
  title!: string;

  /** Encrypted (AAD document|filename|id). Never in a URL, a log or the audit. */
  @Column({ type: 'text' })
  filename!: string;

  @Column({ type: 'date', nullable: true })
  expiresOn!: string | null;

  @ForeignKey('Consent', { name: 'fk_document_consent', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  consentId!: string | null;

  @ForeignKey('Goal', { name: 'fk_document_goal', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  goalId!: string | null;

  @ForeignKey('Referral', { name: 'fk_document_referral', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  referralId!: string | null;

  @ForeignKey('User', { name: 'fk_document_uploaded_by', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  uploadedBy!: string;

  @Column({ type: 'integer', default: 0 })
  sizeBytes!: number;

  @Column({ type: 'varchar', length: 100, nullable: true })
  detectedType!: DocumentMediaType | null;

  /** Of the plaintext, hex. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  @Column({ type: 'integer', default: 0 })
  chunkCount!: number;

  /**
   * The store its chunks were written to, read back from the same one whatever the configuration says
   * now (LANTERN_FILES_S3_URL may be set or removed later): `s3` keys are `<prefix>/<id>/<index>`.
   */
  @Column({ type: 'varchar', length: 8, default: 'database' })
  contentStore!: ContentStore;

  /** The data key, wrapped by the field-encryption key ring (FieldCipher value); null once purged. */
  @Column({ type: 'text', nullable: true })
  wrappedKey!: string | null;

  @Column({ type: 'varchar', length: 12, default: 'uploading' })
  scanStatus!: DocumentScanStatus | 'uploading';

  @Column({ type: 'timestamptz', nullable: true })
  scannedAt!: Date | null;

  /** The scanner's name for what it found (a signature name, e.g. `Eicar-Test-Signature`): no survivor data. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  scanFinding!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @Column({ type: 'uuid', nullable: true })
  deletedBy!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  deletionReason!: string | null;

  /** When the content was overwritten and removed (the row stays, as the record that it existed). */
  @Column({ type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;
}

/** One encrypted piece of a document: `nonce` (12 bytes) and `sealed` (ciphertext and its 16-byte GCM tag). */
@Entity('document_chunk')
export class DocumentChunk {
  @ForeignKey('Document', { name: 'fk_document_chunk_document', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_document_chunk' })
  documentId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_document_chunk' })
  idx!: number;

  @Column({ type: 'bytea' })
  nonce!: Buffer;

  @Column({ type: 'bytea' })
  sealed!: Buffer;
}

/**
 * One item a consent shares, from the view `consent_share_item` (migrations/1796800000000-AddDocuments.ts,
 * `unnest(consent.shared_fields)` for `documents:` items): how a permission rule asks in SQL whether a live
 * consent shares a document's kind. Read-only, outside schema synchronization (it is a view).
 */
@Entity('consent_share_item', { synchronize: false })
export class ConsentShareItem {
  /** The consent's id (not unique here: one row per shared item). */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  item!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'uuid' })
  survivorId!: string;

  @Column({ type: 'uuid', nullable: true })
  partnerOrgId!: string | null;

  @Column({ type: 'varchar', length: 30 })
  purpose!: string;

  @Column({ type: 'timestamptz' })
  grantedAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}

export const DOCUMENT_ENTITIES = [Document, DocumentChunk, ConsentShareItem];
