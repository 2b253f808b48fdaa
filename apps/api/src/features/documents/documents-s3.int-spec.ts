import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { loadFilesConfig } from '../../kernel/config/files-config.js';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { Jobs } from '../../kernel/jobs/jobs.js';
import { freePort } from '../../testing/api-process.js';
import { createOrgFixture, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { createSurvivorWithCase } from '../../testing/records.js';
import { createTestApp, TEST_KEYS, testConfig, type TestApp } from '../../testing/test-app.js';
import { rewrapDocumentKeys } from './document-keys.js';
import { DOCUMENT_REMOVE_OBJECTS_JOB } from './document-scans.js';
import { contentStream } from './document-store.js';
import { as, collect, documentServices, minimalPdf, streamOf, type DocumentServices } from './documents.testing.js';
import { unwrapDataKey } from './envelope.js';

/**
 * Case documents in an S3-compatible bucket (LANTERN_FILES_S3_URL; docs/documents.md, S3 storage),
 * against a real S3 server in this process: s3rver, on a free port with its files in a temporary
 * directory, spoken to by the AWS SDK over HTTP exactly as a hosted bucket would be. Chunks are made
 * small (16 KiB) so that a file of a few dozen KiB is many objects. With a clamd
 * (docker/clamav/start-clamd.sh) every upload is also scanned, read back from the bucket.
 */
const ROOT = resolve(__dirname, '../../../../..');
const BUCKET = 'lantern-test';
const PREFIX = 'tenant-a/documents';
const CHUNK = 16 * 1024;
const SEALED_EXTRA = 12 + 16; // nonce before, GCM tag after
const SCANNER = process.env.LANTERN_CLAMD_SOCKET || process.env.LANTERN_CLAMD_HOST;

/** A TCP relay to the S3 server that a test can cut (every connection dropped, new ones refused) and mend. */
async function relay(target: number) {
  const sockets = new Set<Socket>();
  let open = true;
  const server = createServer((client) => {
    if (!open) return void client.destroy();
    const upstream = connect(target, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined).on('close', () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    cut() {
      open = false;
      for (const s of sockets) s.destroy();
    },
    mend() {
      open = true;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(r));
    },
  };
}

/** Every file under a directory (what s3rver keeps on disk: objects and their metadata). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('documents in S3-compatible storage (s3rver)', () => {
  let t: TestApp;
  let org: OrgFixture;
  let caseId: string;
  let s3rver: S3rver;
  let dir: string;
  let s3Port: number;
  let docs: DocumentServices;
  let bucket: S3Client;
  const built: DocumentServices[] = [];
  const urlFor = (port: number) => `s3://S3RVER:S3RVER@127.0.0.1:${port}/${BUCKET}/${PREFIX}?region=us-east-1&tls=false&forcePathStyle=true`;
  const servicesAt = (port: number) => {
    const services = documentServices(t.app, { config: { files: loadFilesConfig({ LANTERN_FILES_S3_URL: urlFor(port) }, (m) => new Error(m)) }, chunkBytes: CHUNK });
    built.push(services);
    return services;
  };
  const asCaseworker = <T>(fn: () => Promise<T>) => as(org.caseworker, t.clock.now(), fn);
  const upload = (bytes: Buffer, extra: Record<string, unknown> = {}, services = docs) =>
    asCaseworker(() => services.service.upload({ caseId, kind: 'identity', title: 'Passport', filename: 'maria-lopez-passport.pdf', content: streamOf(bytes, 8 * 1024), ...extra }));
  const download = (id: string, services = docs) => asCaseworker(async () => collect((await services.reads.openContent(id)).stream));
  const keysOf = async (documentId: string) => {
    const page = await bucket.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${PREFIX}/${documentId}/` }));
    return (page.Contents ?? []).map((o) => o.Key!).sort();
  };
  const objectAt = async (key: string) => Buffer.from(await (await bucket.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray());
  const rowsOfCase = async () =>
    (await t.dataSource.query(`SELECT (SELECT count(*)::int FROM document WHERE case_id = $1) AS docs, (SELECT count(*)::int FROM document_chunk c JOIN document d ON d.id = c.document_id WHERE d.case_id = $1) AS chunks`, [caseId]))[0] as { docs: number; chunks: number };
  const removalJobs = async () =>
    (await t.dataSource.query(`SELECT data->>'documentId' AS id, state::text AS state FROM pgboss.job WHERE name = $1 ORDER BY created_on`, [DOCUMENT_REMOVE_OBJECTS_JOB])) as { id: string; state: string }[];
  /** A PDF of `size` bytes whose body repeats a sentence a reader of the bucket must never find. */
  const pdfOf = (size: number) => {
    const text = Buffer.from('Passport of Maria Lopez, born 1999-04-12, number X1234567. ');
    const head = minimalPdf();
    return Buffer.concat([head, Buffer.alloc(size - head.length).map((_, i) => text[i % text.length]!)]);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lantern-s3rver-'));
    s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    s3Port = (await s3rver.run()).port;
    t = await createTestApp();
    docs = servicesAt(s3Port);
    bucket = new S3Client({ endpoint: `http://127.0.0.1:${s3Port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    org = await createOrgFixture(t.dataSource);
    caseId = (await createSurvivorWithCase(await signIn(t, org.caseworker))).kase.id;
  });
  afterAll(async () => {
    for (const services of built) services.close();
    bucket?.destroy();
    await t?.close();
    await s3rver?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stores one object of ciphertext per chunk, keyed by document id and index, and gives the file back byte for byte', async () => {
    const bytes = pdfOf(100 * 1024 + 123);
    const stored = await upload(bytes);
    const id = stored.id as string;
    expect(stored).toMatchObject({ sizeBytes: bytes.length, detectedType: 'application/pdf', scanStatus: SCANNER ? 'clean' : 'unscanned' });
    const count = Math.ceil(bytes.length / CHUNK);
    expect((await t.dataSource.query('SELECT content_store, chunk_count FROM document WHERE id = $1', [id]))[0]).toEqual({ content_store: 's3', chunk_count: count });
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM document_chunk WHERE document_id = $1', [id])).toEqual([{ n: 0 }]);

    const keys = await keysOf(id);
    expect(keys).toEqual(Array.from({ length: count }, (_, i) => `${PREFIX}/${id}/${i}`).sort());
    const first = await objectAt(`${PREFIX}/${id}/0`);
    expect(first.length).toBe(CHUNK + SEALED_EXTRA);
    expect((await objectAt(`${PREFIX}/${id}/${count - 1}`)).length).toBe(bytes.length - (count - 1) * CHUNK + SEALED_EXTRA);
    // Nothing the server keeps, object or metadata, holds a piece of the content or of the file's name.
    const clues = [bytes.subarray(0, 8), bytes.subarray(CHUNK, CHUNK + 24), Buffer.from('Maria Lopez'), Buffer.from('maria-lopez'), Buffer.from('Passport')];
    for (const key of keys) {
      expect(key).not.toMatch(/maria|lopez|passport|\.pdf/i);
      const body = await objectAt(key);
      for (const clue of clues) expect(body.includes(clue)).toBe(false);
    }
    const onDisk = filesUnder(dir);
    expect(onDisk.length).toBeGreaterThanOrEqual(count);
    for (const file of onDisk) {
      expect(file).not.toMatch(/maria|lopez|passport/i);
      const content = readFileSync(file);
      for (const clue of clues) expect(content.includes(clue)).toBe(false);
    }

    expect((await download(id)).equals(bytes)).toBe(true);
  });

  it('purging a deleted document deletes its objects; until then they stay, for the retention period', async () => {
    const stored = await upload(pdfOf(40 * 1024));
    const id = stored.id as string;
    await asCaseworker(() => docs.service.remove(id, { reason: 'Uploaded to the wrong case', version: stored.version as number }));
    expect(await keysOf(id)).toHaveLength(3);
    await docs.scans.purge(id);
    expect(await keysOf(id)).toEqual([]);
    expect((await t.dataSource.query('SELECT wrapped_key, chunk_count, purged_at IS NOT NULL AS purged FROM document WHERE id = $1', [id]))[0]).toEqual({ wrapped_key: null, chunk_count: 0, purged: true });
  });

  it('key rotation re-wraps the data key and leaves every object as it was; the content still opens', async () => {
    const bytes = pdfOf(50 * 1024);
    const stored = await upload(bytes);
    const id = stored.id as string;
    const keys = await keysOf(id);
    const before = await Promise.all(keys.map(objectAt));
    const newKey = { id: 'd3', key: randomBytes(32) };
    const rotated = new FieldCipher(testConfig({ keys: { ...TEST_KEYS, encryptionKeys: [...TEST_KEYS.encryptionKeys, newKey] } }));
    try {
      expect((await rewrapDocumentKeys(t.dataSource, rotated))['document.wrapped_key']).toBeGreaterThan(0);
      const wrapped = (await t.dataSource.query('SELECT wrapped_key FROM document WHERE id = $1', [id]))[0].wrapped_key as string;
      expect(wrapped).toMatch(/^v1\.d3\./);
      expect(await keysOf(id)).toEqual(keys);
      const after = await Promise.all(keys.map(objectAt));
      expect(after.every((object, i) => object.equals(before[i]!))).toBe(true);
      const key = unwrapDataKey(rotated, id, wrapped);
      expect((await collect(contentStream(docs.storage.of('s3'), id, key, keys.length))).equals(bytes)).toBe(true);
    } finally {
      // Back under the test key, for the rest of this worker's files.
      await rewrapDocumentKeys(t.dataSource, new FieldCipher(testConfig({ keys: { ...TEST_KEYS, encryptionKeys: [newKey, ...TEST_KEYS.encryptionKeys] } })));
    }
    expect((await download(id)).equals(bytes)).toBe(true);
  });

  it('with the bucket out of reach an upload is refused with 503 and leaves no row; a download and a purge wait for it', async () => {
    const stored = await upload(pdfOf(20 * 1024));
    const id = stored.id as string;
    const down = servicesAt(await freePort());
    // Job handlers are defined per app, the last definition winning: back to the reachable bucket.
    docs.scans.onModuleInit();
    const before = await rowsOfCase();
    const jobsBefore = (await removalJobs()).length;

    const error = (await upload(pdfOf(40 * 1024), {}, down).catch((e: unknown) => e)) as { code?: string; status?: number; message?: string; headers?: Record<string, string> };
    expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503, headers: { 'Retry-After': '30' } });
    expect(error.message).not.toMatch(/S3RVER|127\.0\.0\.1|ECONNREFUSED|maria/i);
    expect(await rowsOfCase()).toEqual(before);
    // Whatever a failed request might have left is deleted by a job, named by the document's id only.
    const queued = (await removalJobs()).slice(jobsBefore);
    expect(queued).toHaveLength(1);
    await t.app.get(Jobs).drain({ names: [DOCUMENT_REMOVE_OBJECTS_JOB] });
    expect((await removalJobs()).slice(jobsBefore)).toEqual([{ id: queued[0]!.id, state: 'completed' }]);

    await expect(download(id, down)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    await asCaseworker(() => docs.service.remove(id, { reason: 'Duplicate', version: stored.version as number }));
    await expect(down.scans.purge(id)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect((await t.dataSource.query('SELECT purged_at, wrapped_key IS NOT NULL AS keyed FROM document WHERE id = $1', [id]))[0]).toEqual({ purged_at: null, keyed: true });
    expect(await keysOf(id)).toHaveLength(2);
  });

  it('with the bucket lost midway, the upload is refused and its objects are deleted by a job once the bucket is back', async () => {
    const link = await relay(s3Port);
    try {
      const flaky = servicesAt(link.port);
      const before = await rowsOfCase();
      const jobsBefore = (await removalJobs()).length;
      const bytes = pdfOf(20 * CHUNK);
      let sent = 0;
      const source = new Readable({
        read() {
          if (sent === 6 * CHUNK) link.cut();
          if (sent >= bytes.length) return void this.push(null);
          this.push(bytes.subarray(sent, sent + CHUNK));
          sent += CHUNK;
        },
      });
      const error = await asCaseworker(() => flaky.service.upload({ caseId, kind: 'identity', title: 'Passport', filename: 'passport.pdf', content: source })).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect(await rowsOfCase()).toEqual(before);
      const [job] = (await removalJobs()).slice(jobsBefore);
      expect(job).toMatchObject({ state: 'created' });
      const left = await keysOf(job!.id);
      expect(left.length).toBeGreaterThan(0);
      expect(left.length).toBeLessThan(20);

      link.mend();
      await t.app.get(Jobs).drain({ names: [DOCUMENT_REMOVE_OBJECTS_JOB] });
      expect(await keysOf(job!.id)).toEqual([]);
    } finally {
      docs.scans.onModuleInit();
      await link.close();
    }
  });

  it('a malformed LANTERN_FILES_S3_URL stops the start, naming the variable and not the secret', async () => {
    const main = join(ROOT, 'apps/api/dist/main.js');
    if (!existsSync(main)) {
      process.stdout.write('documents-s3: apps/api/dist/main.js is not built, the start refusal is checked by files-config.spec.ts only\n');
      return;
    }
    const secret = 'wJalrXUtnFEMI%2FK7MDENG-s3cret';
    const child = spawn(process.execPath, [main], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/never',
        LANTERN_AUDIT_KEY: TEST_KEYS.auditKey.toString('base64'),
        LANTERN_ENCRYPTION_KEYS: TEST_KEYS.encryptionKeys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(','),
        LANTERN_BLIND_INDEX_KEY: TEST_KEYS.blindIndexKey.toString('base64'),
        LANTERN_FILES_S3_URL: `s3://AKIAEXAMPLE:${secret}@minio.internal:9000/?region=us-east-1`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(output).toContain('LANTERN_FILES_S3_URL needs a bucket name');
    for (const part of [secret, 'wJalrXUtnFEMI', 's3cret', 'AKIAEXAMPLE']) expect(output).not.toContain(part);
  });
});
