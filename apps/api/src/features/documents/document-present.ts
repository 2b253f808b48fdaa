import type { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import type { Document } from './document.entity.js';
import type { Plain } from '../../kernel/http/serialize.js';

/** The response object of a document before field filtering; title and file name are decrypted only when readable. */
export function presentDocument(cipher: FieldCipher, row: Document, readable: Set<string>): Plain {
  return {
    id: row.id,
    organizationId: row.organizationId,
    caseId: row.caseId,
    survivorId: row.survivorId,
    kind: row.kind,
    ...(readable.has('title') ? { title: cipher.decrypt(row.title, { table: 'document', column: 'title', rowId: row.id }) } : {}),
    ...(readable.has('filename') ? { filename: cipher.decrypt(row.filename, { table: 'document', column: 'filename', rowId: row.id }) } : {}),
    expiresOn: row.expiresOn,
    consentId: row.consentId,
    goalId: row.goalId,
    referralId: row.referralId,
    uploadedBy: row.uploadedBy,
    sizeBytes: row.sizeBytes,
    detectedType: row.detectedType,
    sha256: row.sha256,
    scanStatus: row.scanStatus,
    scannedAt: row.scannedAt,
    deletedAt: row.deletedAt,
    deletionReason: row.deletionReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
