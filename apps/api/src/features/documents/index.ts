/** The documents feature as other features see it (docs/architecture.md): its module, services and record type. */
export { DocumentsModule } from './documents.module.js';
export { DocumentsService } from './documents.service.js';
export { DocumentReads, DOCUMENT_LIST, type DocumentContent } from './document-reads.js';
export { DocumentScans, DOCUMENT_SCAN_JOB, DOCUMENT_HOUSEKEEPING_JOB, DOCUMENT_REMOVE_OBJECTS_JOB } from './document-scans.js';
export { rewrapDocumentKeys, DOCUMENT_ENCRYPTED_COLUMNS } from './document-keys.js';
export { DOCUMENT_ENTITIES } from './document.entity.js';
export type { Document } from './document.entity.js';
export type { UploadInput } from './document-input.js';
