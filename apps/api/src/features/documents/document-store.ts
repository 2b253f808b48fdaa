import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import type { DocumentTypeName } from '@lantern/contracts';
import type { EntityManager } from 'typeorm';
import { DomainError } from '../../kernel/http/domain-error.js';
import type { ContentStore } from './document.entity.js';
import { openChunk, sealChunk, DocumentIntegrityError, type SealedChunk } from './envelope.js';
import { TypeSniffer } from './file-types.js';

/**
 * Where a document's sealed chunks (envelope.ts) are kept, one at a time: the seam between the
 * upload's and download's streams (below) and the place the bytes live, rows of PostgreSQL here or
 * objects of an S3-compatible bucket (s3-chunks.ts), chosen by DocumentStorage (document-storage.ts).
 * Every chunk is encrypted and authenticated before it reaches a store, so a store holds ciphertext
 * and is not trusted for integrity: a chunk it loses, moves or alters fails the download.
 */
export interface ChunkStore {
  readonly kind: ContentStore;
  /** Stores one chunk; the writer awaits it before it reads more of the upload (backpressure). */
  put(documentId: string, index: number, chunk: SealedChunk): Promise<void>;
  /** One chunk, or null when the store has none at that place (the reader treats it as tampering). */
  get(documentId: string, index: number): Promise<SealedChunk | null>;
}

/** The default: one row of `document_chunk` per chunk, deleted with its document (ON DELETE CASCADE). */
export class DatabaseChunks implements ChunkStore {
  readonly kind = 'database' as const;

  constructor(private readonly manager: EntityManager) {}

  async put(documentId: string, index: number, chunk: SealedChunk): Promise<void> {
    await this.manager.query('INSERT INTO document_chunk (document_id, idx, nonce, sealed) VALUES ($1, $2, $3, $4)', [documentId, index, chunk.nonce, chunk.sealed]);
  }

  async get(documentId: string, index: number): Promise<SealedChunk | null> {
    const rows = (await this.manager.query('SELECT nonce, sealed FROM document_chunk WHERE document_id = $1 AND idx = $2', [documentId, index])) as SealedChunk[];
    return rows[0] ?? null;
  }
}

/** The answer when the bucket cannot be reached (or is not configured any more): try again later. */
export const storageUnavailable = (): DomainError =>
  new DomainError('SERVICE_UNAVAILABLE', 'The file storage cannot be reached right now. Try again in a moment.', undefined, { 'Retry-After': '30' });

/** What a finished upload measured, from the bytes themselves. */
export interface StoredContent {
  sizeBytes: number;
  chunkCount: number;
  sha256: string;
  type: DocumentTypeName | null;
}

export const tooLarge = (maxBytes: number): DomainError =>
  new DomainError('BODY_TOO_LARGE', `Invalid input: file is larger than ${Math.round(maxBytes / (1024 * 1024))} MB`, {
    file: [`is larger than ${Math.round(maxBytes / (1024 * 1024))} MB`],
  });

/**
 * Takes a document's plaintext as a stream and stores it as sealed chunks of `chunkBytes` (envelope.ts),
 * one `put` per chunk (an INSERT, or an object), each awaited before more is accepted (backpressure:
 * memory holds about two chunks whatever the file's size). The last chunk is held back until the
 * stream ends, so it can be sealed as final. It measures size, SHA-256 and type on the way, and fails
 * with 413 past `maxBytes`. Chunks are written outside a transaction (an upload may take minutes, and
 * the embedded database has one connection): the caller deletes what was stored if this fails.
 */
export class ChunkWriter extends Writable {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;
  private size = 0;
  private readonly hash = createHash('sha256');
  private readonly sniffer = new TypeSniffer();
  result: StoredContent | null = null;

  constructor(
    private readonly chunks: ChunkStore,
    private readonly documentId: string,
    private readonly key: Buffer,
    private readonly chunkBytes: number,
    private readonly maxBytes: number,
  ) {
    super({ highWaterMark: chunkBytes });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(tooLarge(this.maxBytes));
    this.hash.update(chunk);
    this.sniffer.push(chunk);
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.flushFull().then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    const last = Buffer.concat(this.pending);
    this.pending = [];
    const done = last.length === 0 && this.index === 0 ? Promise.resolve() : this.store(last, true);
    done.then(() => {
      this.result = { sizeBytes: this.size, chunkCount: this.index, sha256: this.hash.digest('hex'), type: this.sniffer.finish() };
      callback();
    }, callback);
  }

  /** Stores every full chunk that is certainly not the last (more bytes follow it). */
  private async flushFull(): Promise<void> {
    while (this.pendingBytes > this.chunkBytes) {
      const all = Buffer.concat(this.pending);
      await this.store(all.subarray(0, this.chunkBytes), false);
      const rest = Buffer.from(all.subarray(this.chunkBytes));
      this.pending = [rest];
      this.pendingBytes = rest.length;
    }
  }

  private async store(plain: Buffer, final: boolean): Promise<void> {
    await this.chunks.put(this.documentId, this.index, sealChunk(this.key, this.documentId, this.index, final, plain));
    this.index += 1;
  }
}

/**
 * A document's plaintext as a stream: one chunk read, checked and decrypted at a time, as the reader
 * asks for it. A missing, extra, moved or altered chunk fails the stream with DocumentIntegrityError
 * (the reader gets an aborted download, never altered bytes); a store that cannot be reached fails
 * it with its 503 (storageUnavailable), which a download answers before sending any byte when the
 * first chunk is the one that fails.
 */
export function contentStream(store: ChunkStore, documentId: string, key: Buffer, chunkCount: number): Readable {
  let index = 0;
  return new Readable({
    highWaterMark: 1,
    objectMode: false,
    read() {
      if (index >= chunkCount) {
        this.push(null);
        return;
      }
      const at = index++;
      store
        .get(documentId, at)
        .then((chunk) => {
          if (!chunk) throw new DocumentIntegrityError();
          this.push(openChunk(key, documentId, at, at === chunkCount - 1, chunk));
        })
        .catch((error: unknown) => this.destroy(error instanceof DocumentIntegrityError || error instanceof DomainError ? error : new DocumentIntegrityError()));
    },
  });
}

/**
 * Overwrites a document's chunk rows with zeros of the same length, then deletes them (there are none
 * for a document kept in S3, whose objects DocumentStorage.removeObjects deletes). Together with the
 * destroyed data key (the caller overwrites `wrapped_key`), what remains in PostgreSQL's old row
 * versions until VACUUM, or in older backups, is ciphertext without its key.
 */
export async function purgeChunks(manager: EntityManager, documentId: string): Promise<void> {
  await manager.query(
    `UPDATE document_chunk SET nonce = decode(repeat('00', 12), 'hex'), sealed = decode(repeat('00', length(sealed)), 'hex') WHERE document_id = $1`,
    [documentId],
  );
  await manager.query('DELETE FROM document_chunk WHERE document_id = $1', [documentId]);
}
