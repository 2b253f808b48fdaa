import { SHAREABLE_SURVIVOR_FIELDS, type ShareableSurvivorField } from './vocabularies.js';

/**
 * Documents on a case (issue 15): the kinds of paper a caseworker keeps, and what a survivor may agree
 * to share of them with a partner organization (`documents:<kind>` in a consent's shared items).
 */
export const DOCUMENT_KINDS = ['identity', 'consent_form', 'legal', 'housing', 'medical', 'education_training', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The consent item that shares one kind of document with the consent's partner organization. */
export type DocumentShareItem = `documents:${DocumentKind}`;
export const DOCUMENT_SHARE_ITEMS = DOCUMENT_KINDS.map((kind) => `documents:${kind}` as DocumentShareItem);
export const documentShareItem = (kind: DocumentKind): DocumentShareItem => `documents:${kind}`;

/**
 * The consent item that shares one shareable custom field (issue 18; docs/custom-fields.md) with the
 * consent's partner organization: `cf:<field id>`, by id so a renamed field stays consented. Short,
 * since a consent's items are `varchar(40)`.
 */
export type CustomFieldShareItem = `cf:${string}`;
export const customFieldShareItem = (fieldId: string): CustomFieldShareItem => `cf:${fieldId}`;
export const CUSTOM_FIELD_SHARE_ITEM = /^cf:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isCustomFieldShareItem = (item: string): item is CustomFieldShareItem => CUSTOM_FIELD_SHARE_ITEM.test(item);

/**
 * What a consent to share with a partner may name (`sharedFields`): survivor fields, kinds of
 * documents (`documents:housing`) and shareable custom fields (`cf:<field id>`). Referrals share
 * survivor fields only. `CONSENT_SHARED_ITEMS` lists the fixed ones; the custom ones are each
 * organization's own.
 */
export type ConsentSharedItem = ShareableSurvivorField | DocumentShareItem | CustomFieldShareItem;
export const CONSENT_SHARED_ITEMS: readonly ConsentSharedItem[] = [...SHAREABLE_SURVIVOR_FIELDS, ...DOCUMENT_SHARE_ITEMS];
export const isDocumentShareItem = (item: string): item is DocumentShareItem => (DOCUMENT_SHARE_ITEMS as readonly string[]).includes(item);

/**
 * Where a document stands with the virus scanner: `pending` until the verdict ("being checked"),
 * `clean`, `quarantined` (infected: never served), or `unscanned` (no scanner configured: the web app
 * warns that files are not scanned).
 */
export const DOCUMENT_SCAN_STATUSES = ['pending', 'clean', 'quarantined', 'unscanned'] as const;
export type DocumentScanStatus = (typeof DOCUMENT_SCAN_STATUSES)[number];

/** The content types Lantern accepts, as detected from the bytes (never from the name or the declared type). */
export const DOCUMENT_TYPES = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain',
} as const;
export type DocumentTypeName = keyof typeof DOCUMENT_TYPES;
export type DocumentMediaType = (typeof DOCUMENT_TYPES)[DocumentTypeName];

/** The notification admins get when an upload is quarantined (it names no file and no person). */
export const DOCUMENT_QUARANTINED_NOTIFICATION = 'document_quarantined' as const;

export interface DocumentResponse {
  id: string;
  organizationId?: string;
  caseId?: string;
  /** The case's survivor (staff only). */
  survivorId?: string;
  kind: DocumentKind;
  title?: string;
  filename?: string;
  expiresOn?: string | null;
  consentId?: string | null;
  goalId?: string | null;
  referralId?: string | null;
  uploadedBy?: string;
  sizeBytes: number;
  detectedType: DocumentMediaType;
  sha256?: string;
  scanStatus: DocumentScanStatus;
  scannedAt?: string | null;
  deletedAt?: string | null;
  deletionReason?: string | null;
  createdAt: string;
  updatedAt?: string;
  version?: number;
}

/** `GET /documents/scanning`: whether uploads are virus-scanned (the web app warns when they are not). */
export interface DocumentScanningResponse {
  /** A scanner (clamd) is configured. */
  scanned: boolean;
  /** Uploads are accepted: scanned, or unscanned where that is allowed (demo mode, LANTERN_ALLOW_UNSCANNED_FILES). */
  uploadsAllowed: boolean;
  /** The largest file accepted, in bytes. */
  maxBytes: number;
}

/** `DELETE /documents/:id`: deletion is soft and needs a reason (kept on the record, not in the audit). */
export interface DocumentDeleteBody {
  reason: string;
  version: number;
}
