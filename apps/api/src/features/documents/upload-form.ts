import type { Readable } from 'node:stream';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import type { DocumentKind } from '@lantern/contracts';
import type { FastifyRequest } from 'fastify';
import { badRequest, DomainError } from '../../kernel/http/domain-error.js';
import type { UploadInput } from './document-input.js';
import { tooLarge } from './document-store.js';

/** The text fields of an upload form; each at most once, all before the file. */
const FIELDS = ['caseId', 'kind', 'title', 'expiresOn', 'consentId', 'goalId', 'referralId'] as const;
type FieldName = (typeof FIELDS)[number];
const REQUIRED: readonly FieldName[] = ['caseId', 'kind', 'title'];
/** The form field that carries the file. */
export const FILE_FIELD = 'file';

/**
 * Reads an upload (`multipart/form-data`, issue 15) as a stream: the text fields first, then the one
 * file, whose bytes go straight to `store` (DocumentsService.upload) without being buffered. Fields
 * after the file are not read. The parser (@fastify/multipart, registered in configure-app.ts) stops
 * the file one byte past `maxBytes`, and the store refuses it at that byte (413). Every failure of the
 * form itself is a 4xx naming what is wrong; the store leaves nothing behind when it fails.
 */
export async function receiveUpload<T>(request: FastifyRequest, maxBytes: number, store: (input: UploadInput) => Promise<T>): Promise<T> {
  if (!request.isMultipart()) {
    throw new DomainError('UNSUPPORTED_ENCODING', 'Send the document as multipart/form-data: the fields, then the file', { file: ['must be sent as multipart/form-data'] });
  }
  const fields: Partial<Record<FieldName, string>> = {};
  let file: MultipartFile | undefined;
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes + 1 } })) {
      if (part.type === 'file') {
        // Leaving the loop leaves the parser running: the file's stream is read by the store.
        file = part;
        break;
      }
      readField(part, fields);
    }
  } catch (error) {
    throw asDomainError(error, maxBytes);
  }
  if (!file) throw badRequest(FILE_FIELD, 'is missing: send the file after the other fields');
  // The store's errors are its own (a broken-off stream among them: it answers 400 for that itself).
  return store(uploadInput(file, fields));
}

function readField(part: MultipartValue, fields: Partial<Record<FieldName, string>>): void {
  const name = part.fieldname;
  if (!(FIELDS as readonly string[]).includes(name)) throw badRequest(name, 'is not a field of an upload');
  if (part.valueTruncated) throw badRequest(name, 'is too long');
  if (fields[name as FieldName] !== undefined) throw badRequest(name, 'is given more than once');
  fields[name as FieldName] = typeof part.value === 'string' ? part.value : String(part.value);
}

function uploadInput(part: MultipartFile, fields: Partial<Record<FieldName, string>>): UploadInput {
  const refuse = (error: DomainError): never => {
    part.file.resume();
    throw error;
  };
  if (part.fieldname !== FILE_FIELD) refuse(badRequest(part.fieldname, `is not a field of an upload (send the file as "${FILE_FIELD}")`));
  for (const name of REQUIRED) {
    if (!fields[name]?.trim()) refuse(badRequest(name, 'is missing (send it before the file)'));
  }
  // An empty optional field is no value.
  const optional = (name: FieldName) => (fields[name]?.trim() ? fields[name]!.trim() : null);
  return {
    caseId: fields.caseId!.trim(),
    kind: fields.kind!.trim() as DocumentKind,
    title: fields.title!,
    filename: formDataName(part.filename),
    declaredType: part.mimetype || null,
    expiresOn: optional('expiresOn'),
    consentId: optional('consentId'),
    goalId: optional('goalId'),
    referralId: optional('referralId'),
    content: part.file as Readable,
  };
}

/** Browsers escape `"`, CR and LF in a form's file name (the HTML standard); the name is checked afterwards. */
const FORM_ESCAPES: Readonly<Record<string, string>> = { '%0A': '\n', '%0D': '\r', '%22': '"' };
function formDataName(name: string): string {
  return name.replace(/%0A|%0D|%22/gi, (match) => FORM_ESCAPES[match.toUpperCase()] ?? match);
}

/** The parser's refusals, as the catalogue's codes; anything else of the form is a malformed body. */
function asDomainError(error: unknown, maxBytes: number): unknown {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(maxBytes);
    case 'FST_FILES_LIMIT':
      return badRequest(FILE_FIELD, 'send one file at a time');
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return badRequest('form', 'has too many fields');
    case 'FST_MP_PREMATURE_CLOSE':
      return badRequest(FILE_FIELD, 'was not received completely (the upload was interrupted)');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new DomainError('UNSUPPORTED_ENCODING', 'Send the document as multipart/form-data');
    default:
      // busboy's own errors (no boundary, a form cut short) and prototype keys: the form cannot be read.
      return badRequest('form', 'could not be read as multipart/form-data (it is malformed or incomplete)');
  }
}
