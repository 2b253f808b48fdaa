import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { DOCUMENT_QUARANTINED_NOTIFICATION } from '@lantern/contracts';
import { FieldCipher } from '../../kernel/crypto/field-cipher.js';
import { createOrgFixture, lastAudit, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { closeCase, createSurvivorWithCase } from '../../testing/records.js';
import { createTestApp, TEST_KEYS, testConfig, type TestApp } from '../../testing/test-app.js';
import { rewrapDocumentKeys } from './document-keys.js';
import { contentStream, DatabaseChunks } from './document-store.js';
import { as, collect, docx, documentServices, eicar, minimalPdf, minimalPng, streamOf, xlsx, type DocumentServices } from './documents.testing.js';
import { DocumentIntegrityError, unwrapDataKey } from './envelope.js';

const SCANNER = process.env.LANTERN_CLAMD_SOCKET || process.env.LANTERN_CLAMD_HOST;
if (!SCANNER && process.env.CI) throw new Error('CI must run the document tests with a clamd (LANTERN_CLAMD_SOCKET or LANTERN_CLAMD_HOST: docker/clamav/start-clamd.sh)');
if (!SCANNER) process.stdout.write('documents.int-spec: no LANTERN_CLAMD_SOCKET/LANTERN_CLAMD_HOST, the scanning tests are skipped (docker/clamav/start-clamd.sh starts one)\n');
const withScanner = SCANNER ? it : it.skip;

describe('documents: storage, bad input, scanning', () => {
  let t: TestApp;
  let org: OrgFixture;
  let docs: DocumentServices;
  let caseId: string;
  const asCaseworker = <T>(fn: () => Promise<T>) => as(org.caseworker, t.clock.now(), fn);
  const upload = (content: Readable | Buffer, extra: Record<string, unknown> = {}) =>
    asCaseworker(() =>
      docs.service.upload({ caseId, kind: 'legal', title: 'Court letter', filename: 'letter.pdf', content: Buffer.isBuffer(content) ? streamOf(content) : content, ...extra }),
    );
  const rowsOfCase = async () =>
    (await t.dataSource.query(`SELECT (SELECT count(*)::int FROM document WHERE case_id = $1) AS docs, (SELECT count(*)::int FROM document_chunk c JOIN document d ON d.id = c.document_id WHERE d.case_id = $1) AS chunks`, [caseId]))[0] as { docs: number; chunks: number };
  const download = (id: string) => asCaseworker(async () => collect((await docs.reads.openContent(id)).stream));

  beforeAll(async () => {
    t = await createTestApp();
    docs = documentServices(t.app);
    org = await createOrgFixture(t.dataSource);
    const cw = await signIn(t, org.caseworker);
    caseId = (await createSurvivorWithCase(cw)).kase.id;
  });
  afterAll(() => t.close());

  it('stores a file encrypted in chunks, gives it back byte for byte, and audits the upload and the download', async () => {
    const bytes = Buffer.concat([minimalPdf(), randomBytes(600 * 1024)]);
    const stored = await upload(bytes);
    expect(stored).toMatchObject({ kind: 'legal', title: 'Court letter', filename: 'letter.pdf', sizeBytes: bytes.length, detectedType: 'application/pdf', scanStatus: SCANNER ? 'clean' : 'unscanned' });
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const raw = (await t.dataSource.query('SELECT title, filename, wrapped_key, chunk_count FROM document WHERE id = $1', [stored.id]))[0];
    expect(raw.chunk_count).toBe(3);
    for (const value of [raw.title, raw.filename, raw.wrapped_key]) expect(value).toMatch(/^v1\.t1\./);
    const sealed = (await t.dataSource.query('SELECT sealed FROM document_chunk WHERE document_id = $1 ORDER BY idx', [stored.id])) as { sealed: Buffer }[];
    expect(sealed.map((c) => c.sealed.length)).toEqual([256 * 1024 + 16, 256 * 1024 + 16, bytes.length - 512 * 1024 + 16]);
    expect(sealed[0]!.sealed.includes(bytes.subarray(0, 64))).toBe(false);
    expect(await lastAudit(t, org.caseworker.id, 'create')).toMatchObject({ subjectType: 'Document', subjectId: stored.id });
    expect((await download(stored.id as string)).equals(bytes)).toBe(true);
    const read = await lastAudit(t, org.caseworker.id, 'read');
    expect(read).toMatchObject({ subjectType: 'Document', subjectId: stored.id, fields: ['content'] });
    expect(JSON.stringify(read)).not.toContain('letter');
  });

  it('accepts PNG, DOCX, XLSX and plain text, typed from their content', async () => {
    const cases = [
      [minimalPng(), 'photo.png', 'image/png'],
      [docx(), 'lease.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      [xlsx(), 'budget.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [Buffer.from('Certificate of completion\n'), 'certificate', 'text/plain'],
    ] as const;
    for (const [bytes, filename, type] of cases) {
      expect(await upload(bytes, { filename, kind: 'education_training' })).toMatchObject({ detectedType: type, sizeBytes: bytes.length });
    }
  });

  describe('bad input is refused with its reason, and leaves nothing stored', () => {
    const refused = async (attempt: () => Promise<unknown>, code: string, field: string) => {
      const before = await rowsOfCase();
      const error = (await attempt().then(() => null, (e: unknown) => e)) as { code?: string; errors?: Record<string, string[]> } | null;
      expect(error).toMatchObject({ code });
      expect(Object.keys(error!.errors ?? {})).toEqual([field]);
      expect(await rowsOfCase()).toEqual(before);
      return error;
    };

    it('a type that does not match its content, or that Lantern does not accept', async () => {
      await refused(() => upload(minimalPng(), { filename: 'scan.pdf' }), 'VALIDATION_FAILED', 'file');
      await refused(() => upload(minimalPdf(), { filename: 'scan', declaredType: 'image/png' }), 'VALIDATION_FAILED', 'file');
      await refused(() => upload(Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0]), { filename: 'setup' }), 'UNSUPPORTED_ENCODING', 'file');
      await refused(() => upload(minimalPdf(), { filename: 'scan.pdf.exe' }), 'VALIDATION_FAILED', 'filename');
    });

    it('an oversized file (past the configured limit) and an empty one', async () => {
      process.env.LANTERN_FILES_MAX_MB = '1';
      const small = documentServices(t.app);
      delete process.env.LANTERN_FILES_MAX_MB;
      const big = Buffer.concat([minimalPdf(), randomBytes(1024 * 1024)]);
      await refused(() => asCaseworker(() => small.service.upload({ caseId, kind: 'legal', title: 'Big', filename: 'big.pdf', content: streamOf(big) })), 'BODY_TOO_LARGE', 'file');
      await refused(() => upload(Buffer.alloc(0)), 'VALIDATION_FAILED', 'file');
    });

    it('a name over 255 characters or with control characters, and a title with them', async () => {
      await refused(() => upload(minimalPdf(), { filename: `${'a'.repeat(252)}.pdf` }), 'VALIDATION_FAILED', 'filename');
      await refused(() => upload(minimalPdf(), { filename: 'evil\u0000.pdf' }), 'VALIDATION_FAILED', 'filename');
      await refused(() => upload(minimalPdf(), { filename: 'right\u202efdp.exe' }), 'VALIDATION_FAILED', 'filename');
      await refused(() => upload(minimalPdf(), { title: 'two\nlines' }), 'VALIDATION_FAILED', 'title');
    });

    it('an upload interrupted midway (its chunks already written are removed)', async () => {
      let sent = 0;
      const breaking = new Readable({
        read() {
          if (sent >= 700 * 1024) return void this.destroy(new Error('client went away'));
          this.push(sent === 0 ? Buffer.concat([minimalPdf(), randomBytes(64 * 1024)]) : randomBytes(64 * 1024));
          sent += 64 * 1024;
        },
      });
      const error = await refused(() => upload(breaking), 'VALIDATION_FAILED', 'file');
      expect(JSON.stringify(error)).not.toContain('client went away');
    });

    it('an upload on a closed case, and on a case of someone else', async () => {
      const cw = await signIn(t, org.caseworker);
      const { kase } = await createSurvivorWithCase(cw);
      await closeCase(cw, kase.id);
      const error = await asCaseworker(() => docs.service.upload({ caseId: kase.id, kind: 'legal', title: 'x', filename: 'x.pdf', content: streamOf(minimalPdf()) })).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'CASE_CLOSED' });
      await refused(() => as(org.caseworker2, t.clock.now(), () => docs.service.upload({ caseId, kind: 'legal', title: 'x', filename: 'x.pdf', content: streamOf(minimalPdf()) })), 'VALIDATION_FAILED', 'caseId');
    });

    it('in production without a scanner, unless unscanned files are allowed', async () => {
      const saved = { socket: process.env.LANTERN_CLAMD_SOCKET, host: process.env.LANTERN_CLAMD_HOST };
      delete process.env.LANTERN_CLAMD_SOCKET;
      delete process.env.LANTERN_CLAMD_HOST;
      try {
        const production = await createTestApp({ config: testConfig({ demo: false }) });
        try {
          const strict = documentServices(production.app);
          const error = await as(org.caseworker, t.clock.now(), () => strict.service.upload({ caseId, kind: 'legal', title: 'x', filename: 'x.pdf', content: streamOf(minimalPdf()) })).catch((e: unknown) => e);
          expect(error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
          expect(strict.service.scanning()).toMatchObject({ scanned: false, uploadsAllowed: false });
          process.env.LANTERN_ALLOW_UNSCANNED_FILES = 'true';
          const lenient = documentServices(production.app);
          const stored = await as(org.caseworker, t.clock.now(), () => lenient.service.upload({ caseId, kind: 'legal', title: 'x', filename: 'x.pdf', content: streamOf(minimalPdf()) }));
          expect(stored).toMatchObject({ scanStatus: 'unscanned' });
        } finally {
          delete process.env.LANTERN_ALLOW_UNSCANNED_FILES;
          await production.close();
        }
      } finally {
        if (saved.socket) process.env.LANTERN_CLAMD_SOCKET = saved.socket;
        if (saved.host) process.env.LANTERN_CLAMD_HOST = saved.host;
      }
    }, 60_000);
  });

  describe('scanning with clamd', () => {
    withScanner('quarantines EICAR: never served, admins notified, nothing about the file in the notice', async () => {
      const stored = await upload(eicar(), { filename: 'eicar.txt', title: 'Test file' });
      expect(stored).toMatchObject({ scanStatus: 'quarantined', detectedType: 'text/plain' });
      await expect(download(stored.id as string)).rejects.toMatchObject({ code: 'CONFLICT' });
      const notices = (await t.dataSource.query('SELECT user_id, title, case_id FROM notification WHERE kind = $1 AND case_id = $2', [DOCUMENT_QUARANTINED_NOTIFICATION, caseId])) as { user_id: string; title: string }[];
      expect(notices.map((n) => n.user_id)).toEqual([org.admin.id]);
      expect(notices[0]!.title).not.toMatch(/eicar|Test file/i);
      const finding = (await t.dataSource.query('SELECT scan_finding FROM document WHERE id = $1', [stored.id]))[0].scan_finding as string;
      expect(finding).toMatch(/EICAR/i);
    });

    withScanner('passes a clean PDF and a clean PNG', async () => {
      expect(await upload(minimalPdf())).toMatchObject({ scanStatus: 'clean' });
      expect(await upload(minimalPng(), { filename: 'id-card.png', kind: 'identity' })).toMatchObject({ scanStatus: 'clean' });
    });

    withScanner('a file stays pending while clamd cannot be reached, and is scanned when it can', async () => {
      process.env.LANTERN_CLAMD_SOCKET = '/nonexistent/clamd.sock';
      const saved = process.env.LANTERN_CLAMD_HOST;
      delete process.env.LANTERN_CLAMD_HOST;
      const unreachable = documentServices(t.app);
      process.env.LANTERN_CLAMD_SOCKET = SCANNER!.startsWith('/') ? SCANNER : '';
      if (saved) process.env.LANTERN_CLAMD_HOST = saved;
      const stored = await as(org.caseworker, t.clock.now(), () => unreachable.service.upload({ caseId, kind: 'legal', title: 'x', filename: 'x.pdf', content: streamOf(minimalPdf()) }));
      expect(stored).toMatchObject({ scanStatus: 'pending' });
      await expect(download(stored.id as string)).rejects.toMatchObject({ code: 'CONFLICT' });
      expect((await docs.scans.scanNow(stored.id as string)).scanStatus).toBe('clean');
      expect((await download(stored.id as string)).equals(minimalPdf())).toBe(true);
    });
  });

  it('detects a chunk moved, altered or dropped', async () => {
    const bytes = Buffer.concat([minimalPdf(), randomBytes(700 * 1024)]);
    const stored = await upload(bytes);
    const id = stored.id as string;
    const key = unwrapDataKey(t.app.get(FieldCipher), id, (await t.dataSource.query('SELECT wrapped_key FROM document WHERE id = $1', [id]))[0].wrapped_key);
    const read = (count = 3) => collect(contentStream(new DatabaseChunks(t.dataSource.manager), id, key, count));
    expect((await read()).equals(bytes)).toBe(true);
    // Swap the first two chunks.
    const swap = async () => {
      for (const [from, to] of [[0, -1], [1, 0], [-1, 1]]) await t.dataSource.query('UPDATE document_chunk SET idx = $3 WHERE document_id = $1 AND idx = $2', [id, from, to]);
    };
    await swap();
    await expect(read()).rejects.toBeInstanceOf(DocumentIntegrityError);
    await swap();
    expect((await read()).equals(bytes)).toBe(true);
    // Truncate: the last chunk gone, and the count lowered to match.
    await expect(read(2)).rejects.toBeInstanceOf(DocumentIntegrityError);
    // One bit of the content changed (flipped: writing a fixed byte changes nothing 1 time in 256).
    await t.dataSource.query(`UPDATE document_chunk SET sealed = set_byte(sealed, 9, get_byte(sealed, 9) # 1) WHERE document_id = $1 AND idx = 1`, [id]);
    await expect(read()).rejects.toBeInstanceOf(DocumentIntegrityError);
    await expect(download(id)).rejects.toBeInstanceOf(DocumentIntegrityError);
  });

  it('key rotation re-wraps the data keys (and titles, names) without touching the content', async () => {
    const bytes = Buffer.concat([minimalPdf(), randomBytes(300 * 1024)]);
    const stored = await upload(bytes);
    const id = stored.id as string;
    const chunksBefore = (await t.dataSource.query('SELECT idx, nonce, sealed FROM document_chunk WHERE document_id = $1 ORDER BY idx', [id])) as unknown[];
    const newKey = { id: 'd2', key: randomBytes(32) };
    const rotated = new FieldCipher(testConfig({ keys: { ...TEST_KEYS, encryptionKeys: [...TEST_KEYS.encryptionKeys, newKey] } }));
    try {
      const report = await rewrapDocumentKeys(t.dataSource, rotated);
      expect(report['document.wrapped_key']).toBeGreaterThan(0);
      const raw = (await t.dataSource.query('SELECT title, filename, wrapped_key FROM document WHERE id = $1', [id]))[0];
      for (const value of Object.values(raw)) expect(value).toMatch(/^v1\.d2\./);
      expect(await t.dataSource.query('SELECT idx, nonce, sealed FROM document_chunk WHERE document_id = $1 ORDER BY idx', [id])).toEqual(chunksBefore);
      const key = unwrapDataKey(rotated, id, raw.wrapped_key);
      expect((await collect(contentStream(new DatabaseChunks(t.dataSource.manager), id, key, 2))).equals(bytes)).toBe(true);
      expect(() => unwrapDataKey(t.app.get(FieldCipher), id, raw.wrapped_key)).toThrow();
      expect(Object.values(await rewrapDocumentKeys(t.dataSource, rotated)).every((n) => n === 0)).toBe(true);
    } finally {
      // Back under the test key, for the rest of this worker's files.
      await rewrapDocumentKeys(t.dataSource, new FieldCipher(testConfig({ keys: { ...TEST_KEYS, encryptionKeys: [newKey, ...TEST_KEYS.encryptionKeys] } })));
    }
  });

  it('streams a 20 MB file in and out with about two chunks in memory at a time', async () => {
    const total = 20 * 1024 * 1024;
    const piece = Buffer.alloc(64 * 1024, 'Lantern streams documents in chunks.\n');
    const hash = createHash('sha256');
    let produced = 0;
    let maxLag = 0;
    const source = new Readable({
      read() {
        if (produced >= total) return void this.push(null);
        // How far the source is ahead of what is stored: bounded when the upload streams.
        void t.dataSource
          .query(`SELECT count(*)::int AS n FROM document_chunk c JOIN document d ON d.id = c.document_id WHERE d.case_id = $1 AND d.scan_status = 'uploading'`, [caseId])
          .then((rows: { n: number }[]) => {
            maxLag = Math.max(maxLag, produced - rows[0]!.n * 256 * 1024);
            hash.update(piece);
            produced += piece.length;
            this.push(piece);
          });
      },
    });
    const stored = await upload(source, { filename: 'large.txt', title: 'Large' });
    expect(stored).toMatchObject({ sizeBytes: total, detectedType: 'text/plain' });
    expect(stored.sha256).toBe(hash.digest('hex'));
    expect((await t.dataSource.query('SELECT chunk_count FROM document WHERE id = $1', [stored.id]))[0].chunk_count).toBe(80);
    expect(maxLag).toBeLessThanOrEqual(1024 * 1024);

    const heapBefore = process.memoryUsage().heapUsed;
    const out = await asCaseworker(() => docs.reads.openContent(stored.id as string));
    const check = createHash('sha256');
    let size = 0;
    let maxBuffered = 0;
    for await (const part of out.stream) {
      maxBuffered = Math.max(maxBuffered, out.stream.readableLength);
      check.update(part as Buffer);
      size += (part as Buffer).length;
    }
    expect(size).toBe(total);
    expect(check.digest('hex')).toBe(stored.sha256);
    expect(maxBuffered).toBeLessThanOrEqual(256 * 1024);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(total);
  }, 240_000);
});
