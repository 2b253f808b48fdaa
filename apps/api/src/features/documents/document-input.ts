import type { Readable } from 'node:stream';
import { DOCUMENT_KINDS, DOCUMENT_TYPES, type DocumentKind, type DocumentTypeName } from '@lantern/contracts';
import { badRequest, DomainError } from '../../kernel/http/domain-error.js';
import { EXTENSIONS } from './file-types.js';

/** What the HTTP layer hands the service for an upload: the form's fields and the file's bytes as a stream. */
export interface UploadInput {
  caseId: string;
  kind: DocumentKind;
  title: string;
  /** As the browser sent it; stored encrypted, never logged. */
  filename: string;
  /** The part's Content-Type, if any: checked against the content, never trusted. */
  declaredType?: string | null;
  expiresOn?: string | null;
  consentId?: string | null;
  goalId?: string | null;
  referralId?: string | null;
  content: Readable;
}

export const MAX_NAME_LENGTH = 255;
export const MAX_TITLE_LENGTH = 200;
// C0 and C1 controls, DEL, and the Unicode line and paragraph separators and bidirectional overrides
// (a name that displays differently from what it is).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** Set: neither null nor undefined (form fields that were left out). */
export const given = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Refuses the metadata of an upload before a byte is stored; each error names the field and the reason. */
export function checkUploadInput(input: Omit<UploadInput, 'content'>): void {
  if (!UUID.test(input.caseId ?? '')) throw badRequest('caseId', 'must be a uuid');
  if (!(DOCUMENT_KINDS as readonly string[]).includes(input.kind)) throw badRequest('kind', `must be one of ${DOCUMENT_KINDS.join(', ')}`);
  checkFilename(input.filename);
  const title = input.title ?? '';
  if (title.trim().length === 0) throw badRequest('title', 'must not be empty');
  if ([...title].length > MAX_TITLE_LENGTH) throw badRequest('title', `must be at most ${MAX_TITLE_LENGTH} characters`);
  if (CONTROL.test(title)) throw badRequest('title', 'must not contain control characters');
  if (given(input.expiresOn) && (!/^\d{4}-\d{2}-\d{2}$/.test(input.expiresOn) || Number.isNaN(Date.parse(`${input.expiresOn}T00:00:00Z`)))) {
    throw badRequest('expiresOn', 'must be a date (YYYY-MM-DD)');
  }
  for (const field of ['consentId', 'goalId', 'referralId'] as const) {
    const value = input[field];
    if (given(value) && !UUID.test(value)) throw badRequest(field, 'must be a uuid');
  }
  const linked = [input.consentId, input.goalId, input.referralId].filter((v) => given(v));
  if (linked.length > 1) throw badRequest('consentId', 'link a document to one consent, plan goal or referral at most');
}

export function checkFilename(name: string | null | undefined): void {
  if (typeof name !== 'string' || name.trim().length === 0) throw badRequest('filename', 'must not be empty');
  if ([...name].length > MAX_NAME_LENGTH) throw badRequest('filename', `must be at most ${MAX_NAME_LENGTH} characters`);
  if (CONTROL.test(name)) throw badRequest('filename', 'must not contain control characters');
  if (/[/\\]/.test(name) || name === '.' || name === '..') throw badRequest('filename', 'must be a file name, not a path');
}

/**
 * The detected type against what the upload claimed: a type Lantern does not accept is 415; a name
 * whose extension, or a declared Content-Type, says another accepted type is 400. A missing or generic
 * declaration (`application/octet-stream`) and a name without a known extension claim nothing.
 */
export function checkDetectedType(detected: DocumentTypeName | null, filename: string, declaredType: string | null | undefined): DocumentTypeName {
  if (!detected) {
    throw new DomainError('UNSUPPORTED_ENCODING', 'Invalid input: file is not a PDF, JPEG, PNG, HEIC, DOCX, XLSX or plain-text file', {
      file: ['is not a PDF, JPEG, PNG, HEIC, DOCX, XLSX or plain-text file'],
    });
  }
  const extension = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1]?.toLowerCase();
  const named = extension ? EXTENSIONS[extension] : undefined;
  if (extension && !named) throw badRequest('filename', `ends in .${extension}, a type Lantern does not accept`);
  if (named && named !== detected) throw badRequest('file', `its content is ${detected.toUpperCase()}, not what its name says`);
  const declared = declaredType?.split(';')[0]?.trim().toLowerCase();
  const same = declared === DOCUMENT_TYPES[detected] || (detected === 'heic' && declared === 'image/heif');
  if (declared && declared !== 'application/octet-stream' && !same) {
    throw badRequest('file', `its content is ${detected.toUpperCase()}, not the declared type`);
  }
  return detected;
}
