import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { FieldCipher } from '../../kernel/crypto/field-cipher.js';

/**
 * Envelope encryption of a document's content (docs/documents.md): a fresh random 256-bit data key per
 * document; each chunk sealed with AES-256-GCM under that key with a random 96-bit nonce, and AAD
 * `lantern-document|<document id>|<chunk index>|<final>`, so a chunk moved to another document or
 * position, a chunk dropped from the end (the last remaining one is not marked final), or a count
 * changed, does not decrypt. The data key itself is wrapped by the field-encryption key ring (FieldCipher,
 * AAD `document|wrapped_key|<id>`): rotating keys re-wraps it and never touches the chunks.
 */
export class DocumentIntegrityError extends Error {
  constructor() {
    super('A stored document failed its integrity check');
    this.name = 'DocumentIntegrityError';
  }
}

const TAG_BYTES = 16;
export const wrappedKeyAt = (documentId: string) => ({ table: 'document', column: 'wrapped_key', rowId: documentId });

export function newDataKey(): Buffer {
  return randomBytes(32);
}

export function wrapDataKey(cipher: FieldCipher, documentId: string, key: Buffer): string {
  return cipher.encrypt(key.toString('base64'), wrappedKeyAt(documentId));
}

export function unwrapDataKey(cipher: FieldCipher, documentId: string, wrapped: string): Buffer {
  const key = Buffer.from(cipher.decrypt(wrapped, wrappedKeyAt(documentId)), 'base64');
  if (key.length !== 32) throw new DocumentIntegrityError();
  return key;
}

function chunkAad(documentId: string, index: number, final: boolean): Buffer {
  return Buffer.from(`lantern-document|${documentId}|${index}|${final ? 1 : 0}`, 'utf8');
}

export interface SealedChunk {
  nonce: Buffer;
  sealed: Buffer;
}

export function sealChunk(key: Buffer, documentId: string, index: number, final: boolean, plain: Buffer): SealedChunk {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(chunkAad(documentId, index, final));
  return { nonce, sealed: Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]) };
}

export function openChunk(key: Buffer, documentId: string, index: number, final: boolean, chunk: SealedChunk): Buffer {
  if (chunk.nonce.length !== 12 || chunk.sealed.length < TAG_BYTES) throw new DocumentIntegrityError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, chunk.nonce);
    decipher.setAAD(chunkAad(documentId, index, final));
    decipher.setAuthTag(chunk.sealed.subarray(chunk.sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(chunk.sealed.subarray(0, chunk.sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DocumentIntegrityError();
  }
}
