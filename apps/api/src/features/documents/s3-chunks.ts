import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@nestjs/common';
import type { S3Location } from '../../kernel/config/files-config.js';
import { storageUnavailable, type ChunkStore } from './document-store.js';
import type { SealedChunk } from './envelope.js';

const NONCE_BYTES = 12;
/** Objects deleted at once when a document's content goes (a 25 MB file is about 100 objects). */
const DELETE_PARALLEL = 8;

/**
 * Sealed chunks as objects of an S3-compatible bucket (LANTERN_FILES_S3_URL, docs/documents.md), through
 * the AWS SDK v3. One object per chunk, its key `<prefix>/<document id>/<index>` and its body the
 * chunk's nonce followed by its ciphertext and GCM tag, exactly what a `document_chunk` row holds.
 * Nothing else goes with it: no file name, title, type or case, which stay encrypted in PostgreSQL,
 * and no metadata. Whoever reads the bucket learns how many documents there are and their sizes, as
 * a reader of the database would.
 *
 * Every failure of the bucket (unreachable, refused credentials, no such bucket) becomes the 503 of
 * storageUnavailable; what S3 said is logged as its error name only, since its message may name keys.
 */
export class S3Chunks implements ChunkStore {
  readonly kind = 's3' as const;
  private readonly logger = new Logger('DocumentStorage');
  private readonly client: S3Client;

  constructor(private readonly location: S3Location) {
    // Lantern supports Node.js 20.19 (package.json engines) and the pinned SDK does too; without this the
    // SDK prints, on Node 20, a multi-line notice that its releases after January 2027 need Node 22,
    // in the middle of the JSON log (the switch its maintainers give for that: aws/aws-sdk-js-v3#7983).
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    this.client = new S3Client({
      endpoint: location.endpoint,
      region: location.region,
      forcePathStyle: location.forcePathStyle,
      ...(location.credentials ? { credentials: location.credentials } : {}),
      // Each chunk is authenticated by AES-GCM already (envelope.ts), and S3-compatible servers differ in
      // how they take the SDK's default extra checksums: only where an operation requires one.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
    });
  }

  private key(documentId: string, index: number): string {
    return `${this.folder(documentId)}${index}`;
  }

  private folder(documentId: string): string {
    return `${this.location.prefix ? `${this.location.prefix}/` : ''}${documentId}/`;
  }

  async put(documentId: string, index: number, chunk: SealedChunk): Promise<void> {
    const body = Buffer.concat([chunk.nonce, chunk.sealed]);
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.location.bucket, Key: this.key(documentId, index), Body: body, ContentLength: body.length, ContentType: 'application/octet-stream' }),
      );
    } catch (error) {
      throw this.unavailable(error, 'put');
    }
  }

  async get(documentId: string, index: number): Promise<SealedChunk | null> {
    let bytes: Buffer;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.location.bucket, Key: this.key(documentId, index) }));
      bytes = Buffer.from((await object.Body?.transformToByteArray()) ?? []);
    } catch (error) {
      // A missing object is a missing chunk: the download fails its integrity check, as for a missing row.
      if ((error as { name?: string }).name === 'NoSuchKey') return null;
      throw this.unavailable(error, 'get');
    }
    return { nonce: bytes.subarray(0, NONCE_BYTES), sealed: bytes.subarray(NONCE_BYTES) };
  }

  /** Deletes every object under the document's folder, whatever its chunk count says (a failed upload's too). */
  async removeAll(documentId: string): Promise<void> {
    try {
      let token: string | undefined;
      do {
        const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.location.bucket, Prefix: this.folder(documentId), ContinuationToken: token }));
        const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
        for (let at = 0; at < keys.length; at += DELETE_PARALLEL) {
          await Promise.all(keys.slice(at, at + DELETE_PARALLEL).map((Key) => this.client.send(new DeleteObjectCommand({ Bucket: this.location.bucket, Key }))));
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (error) {
      throw this.unavailable(error, 'delete');
    }
  }

  close(): void {
    this.client.destroy();
  }

  private unavailable(error: unknown, operation: string): Error {
    const failure = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    this.logger.warn({ err: failure?.name ?? 'Error', status: failure?.$metadata?.httpStatusCode ?? null, operation }, 'the S3 file storage failed');
    return storageUnavailable();
  }
}
