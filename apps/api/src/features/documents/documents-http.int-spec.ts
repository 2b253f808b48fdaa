import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { api, createOrgFixture, FIXTURE_PASSWORD, freshIp, lastAudit, signIn, type OrgFixture } from '../../testing/fixtures.js';
import { closeCase, createSurvivorWithCase } from '../../testing/records.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { contentDisposition } from './documents.controller.js';
import { docx, eicar, minimalPdf, minimalPng } from './documents.testing.js';

type Agent = Awaited<ReturnType<typeof signIn>>;
type Fields = Record<string, string>;

const SCANNER = process.env.LANTERN_CLAMD_SOCKET || process.env.LANTERN_CLAMD_HOST;
const withScanner = SCANNER ? it : it.skip;

/** Reads a binary answer into a Buffer (supertest would otherwise parse or drop it). */
const binary = (res: request.Response, done: (error: Error | null, body: unknown) => void) => {
  const stream = res as unknown as NodeJS.ReadableStream;
  const parts: Buffer[] = [];
  stream.on('data', (part: Buffer) => parts.push(part));
  stream.on('end', () => done(null, Buffer.concat(parts)));
};

/**
 * Documents over HTTP (issue 15): the multipart upload, the download's headers, the refusals of bad
 * input (each a 4xx naming the reason, nothing left stored), deletion, and a partner's view under a
 * consent recorded through the consents API. The size limit is 1 MB in this file (LANTERN_FILES_MAX_MB).
 */
describe('documents over HTTP', () => {
  let t: TestApp;
  let org: OrgFixture;
  let cw: Agent;
  let caseId: string;
  let survivorId: string;

  const upload = (agent: Agent, fields: Fields, bytes: Buffer, filename: string, contentType?: string) => {
    let call = agent.post(api('/documents'));
    for (const [name, value] of Object.entries(fields)) call = call.field(name, value);
    return call.attach('file', bytes, { filename, ...(contentType ? { contentType } : {}) });
  };
  const stored = async (id = caseId) =>
    (await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM document WHERE case_id = $1) AS docs, (SELECT count(*)::int FROM document_chunk c JOIN document d ON d.id = c.document_id WHERE d.case_id = $1) AS chunks`,
      [id],
    ))[0] as { docs: number; chunks: number };

  beforeAll(async () => {
    process.env.LANTERN_FILES_MAX_MB = '1';
    try {
      t = await createTestApp();
    } finally {
      delete process.env.LANTERN_FILES_MAX_MB;
    }
    org = await createOrgFixture(t.dataSource);
    cw = await signIn(t, org.caseworker);
    const { survivor, kase } = await createSurvivorWithCase(cw);
    caseId = kase.id;
    survivorId = survivor.id;
  });
  afterAll(() => t.close());

  it('uploads with the fields first and the file last, then lists, opens and downloads it with safe headers', async () => {
    const scanning = await cw.get(api('/documents/scanning')).expect(200);
    expect(scanning.body).toEqual({ scanned: Boolean(SCANNER), uploadsAllowed: true, maxBytes: 1024 * 1024 });

    const res = await upload(cw, { caseId, kind: 'identity', title: 'Passport', expiresOn: '2031-05-01' }, minimalPng(), 'passport.png', 'image/png').expect(201);
    expect(res.body).toMatchObject({ kind: 'identity', title: 'Passport', filename: 'passport.png', expiresOn: '2031-05-01', detectedType: 'image/png', scanStatus: SCANNER ? 'clean' : 'unscanned' });
    expect(await lastAudit(t, org.caseworker.id, 'create')).toMatchObject({ subjectType: 'Document', subjectId: res.body.id });

    const list = await cw.get(api('/documents')).query({ filter: JSON.stringify({ caseId }) }).expect(200);
    expect(list.headers['content-range']).toMatch(/^documents 0-\d+\/\d+$/);
    expect(list.body.map((d: { id: string }) => d.id)).toContain(res.body.id);
    await cw.get(api(`/documents/${res.body.id}`)).expect(200);

    const file = await cw.get(api(`/documents/${res.body.id}/content`)).buffer(true).parse(binary).expect(200);
    expect((file.body as Buffer).equals(minimalPng())).toBe(true);
    expect(file.headers).toMatchObject({
      'content-type': 'image/png',
      'content-disposition': `inline; filename="passport.png"; filename*=UTF-8''passport.png`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'no-store',
    });
    expect(await lastAudit(t, org.caseworker.id, 'read')).toMatchObject({ subjectId: res.body.id, fields: ['content'] });
  });

  it('a Word file is an attachment; a name in any script is kept, and sent RFC 6266-encoded', async () => {
    const name = 'Contrato de alquiler – Café "ñ".docx';
    // As browsers send a name in a form: UTF-8, with `"` escaped as %22 (the HTML standard).
    const res = await upload(cw, { caseId, kind: 'housing', title: 'Lease' }, docx(), name.replaceAll('"', '%22')).expect(201);
    expect(res.body.filename).toBe(name);
    const file = await cw.get(api(`/documents/${res.body.id}/content`)).buffer(true).parse(binary).expect(200);
    expect(file.headers['content-disposition']).toBe(contentDisposition({ disposition: 'attachment', filename: name }));
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Contrato de alquiler _ Caf_ ___.docx"; filename*=UTF-8''Contrato%20de%20alquiler%20%E2%80%93%20Caf%C3%A9%20%22%C3%B1%22.docx`,
    );
  });

  describe('bad input: a 4xx naming the reason, and nothing stored', () => {
    const refused = async (send: () => PromiseLike<{ status: number; body: { code?: string; errors?: Record<string, string[]> } }>, status: number, field: string | null) => {
      const before = await stored();
      const res = await send();
      expect([res.status, res.body.code]).toEqual([status, expect.any(String)]);
      if (field) expect(Object.keys(res.body.errors ?? {})).toEqual([field]);
      expect(await stored()).toEqual(before);
    };
    const fields = () => ({ caseId, kind: 'legal', title: 'Court letter' });

    it('content that is not what its name or declared type says, or not an accepted type', async () => {
      await refused(() => upload(cw, fields(), minimalPng(), 'scan.pdf'), 400, 'file');
      await refused(() => upload(cw, fields(), minimalPdf(), 'scan', 'image/png'), 400, 'file');
      await refused(() => upload(cw, fields(), Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]), 'setup'), 415, 'file');
    });

    it('a file over the limit (413), and an empty one', async () => {
      await refused(() => upload(cw, fields(), Buffer.concat([minimalPdf(), randomBytes(1024 * 1024)]), 'big.pdf'), 413, 'file');
      await refused(() => upload(cw, fields(), Buffer.alloc(0), 'empty.pdf'), 400, 'file');
    });

    it('a name over 255 characters or with control characters', async () => {
      await refused(() => upload(cw, fields(), minimalPdf(), `${'a'.repeat(252)}.pdf`), 400, 'filename');
      await refused(() => upload(cw, fields(), minimalPdf(), 'two%0Alines.pdf'), 400, 'filename');
    });

    it('a form without the file, with the file first, with an unknown field, or as JSON', async () => {
      await refused(() => cw.post(api('/documents')).field('caseId', caseId).field('kind', 'legal').field('title', 'x'), 400, 'file');
      await refused(() => cw.post(api('/documents')).attach('file', minimalPdf(), 'x.pdf').field('caseId', caseId), 400, 'caseId');
      await refused(() => upload(cw, { ...fields(), survivorId }, minimalPdf(), 'x.pdf'), 400, 'survivorId');
      await refused(() => upload(cw, { ...fields(), kind: 'passport' }, minimalPdf(), 'x.pdf'), 400, 'kind');
      await refused(() => cw.post(api('/documents')).send({ ...fields(), file: 'JVBERi0=' }), 415, 'file');
    });

    it('an upload on a closed case (409), and on a case that is not the uploader’s (400 naming caseId)', async () => {
      const { kase } = await createSurvivorWithCase(cw);
      await closeCase(cw, kase.id, {}, t.clock.now());
      const closed = await upload(cw, { ...fields(), caseId: kase.id }, minimalPdf(), 'x.pdf');
      expect([closed.status, closed.body.code]).toEqual([409, 'CASE_CLOSED']);
      expect(await stored(kase.id)).toEqual({ docs: 0, chunks: 0 });
      await refused(async () => upload(await signIn(t, org.caseworker2), fields(), minimalPdf(), 'x.pdf'), 400, 'caseId');
    });

    it('an upload that breaks off midway: its chunks already written are removed', async () => {
      await new Promise<void>((resolve) => (t.http.listening ? resolve() : t.http.listen(0, '127.0.0.1', resolve)));
      const login = await request(t.http).post(api('/auth/login')).set('X-Forwarded-For', freshIp()).send({ email: org.caseworker.email, password: FIXTURE_PASSWORD }).expect(200);
      const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? [])[0]!.split(';')[0]!;
      const before = await stored();
      const head = Object.entries(fields())
        .map(([name, value]) => `--B\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
        .join('');
      const { port } = t.http.address() as AddressInfo;
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/documents',
        headers: { cookie, 'content-type': 'multipart/form-data; boundary=B', 'x-lantern-client': 'web', 'content-length': String(900 * 1024) },
      });
      req.on('error', () => undefined);
      req.write(`${head}--B\r\nContent-Disposition: form-data; name="file"; filename="cut.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
      req.write(Buffer.concat([minimalPdf(), randomBytes(600 * 1024)]));
      // Wait until the first chunks are stored, then break the connection.
      for (let i = 0; i < 100 && (await stored()).chunks <= before.chunks; i++) await new Promise((r) => setTimeout(r, 50));
      expect((await stored()).chunks).toBeGreaterThan(before.chunks);
      req.destroy();
      for (let i = 0; i < 100 && (await stored()).docs !== before.docs; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await stored()).toEqual(before);
    });
  });

  it('deletes with a reason and the version read: gone from the list, never served again', async () => {
    const res = await upload(cw, { caseId, kind: 'legal', title: 'Wrong case' }, minimalPdf(), 'wrong.pdf').expect(201);
    await cw.delete(api(`/documents/${res.body.id}`)).send({ version: res.body.version }).expect(400);
    await cw.delete(api(`/documents/${res.body.id}`)).send({ reason: 'Uploaded to the wrong case', version: res.body.version + 1 }).expect(409);
    const gone = await cw.delete(api(`/documents/${res.body.id}`)).send({ reason: 'Uploaded to the wrong case', version: res.body.version }).expect(200);
    expect(gone.body).toMatchObject({ deletionReason: 'Uploaded to the wrong case' });
    expect((await cw.get(api(`/documents/${res.body.id}/content`))).status).toBe(409);
    const list = await cw.get(api('/documents')).query({ filter: JSON.stringify({ caseId }) }).expect(200);
    expect(list.body.map((d: { id: string }) => d.id)).not.toContain(res.body.id);
    const coordinator = await signIn(t, org.coordinator);
    await coordinator.delete(api(`/documents/${res.body.id}`)).send({ reason: 'x y z', version: 2 }).expect(403);
  });

  it('a signed consent form attached to a consent; a housing document shared with a partner on an open referral', async () => {
    const consent = await cw
      .post(api('/consents'))
      .send({ survivorId, caseId, purpose: 'share_with_partner', partnerOrgId: org.partnerOrg.id, sharedFields: ['alias', 'documents:housing'], method: 'written' })
      .expect(201);
    expect(consent.body.sharedFields).toEqual(['alias', 'documents:housing']);
    await cw.post(api('/consents')).send({ survivorId, purpose: 'share_with_partner', partnerOrgId: org.partnerOrg.id, sharedFields: ['documents:passport'], method: 'written' }).expect(400);
    const form = await upload(cw, { caseId, kind: 'consent_form', title: 'Signed consent', consentId: consent.body.id }, minimalPdf(), 'consent.pdf').expect(201);
    const ofConsent = await cw.get(api('/documents')).query({ filter: JSON.stringify({ consentId: consent.body.id }) }).expect(200);
    expect(ofConsent.body.map((d: { id: string }) => d.id)).toEqual([form.body.id]);
    const lease = await upload(cw, { caseId, kind: 'housing', title: 'Lease' }, minimalPdf(), 'lease.pdf').expect(201);

    const referral = await cw.post(api('/referrals')).send({ caseId, partnerOrgId: org.partnerOrg.id, serviceType: 'housing', sharedFields: ['alias'] }).expect(201);
    await (await signIn(t, org.coordinator)).post(api(`/referrals/${referral.body.id}/transitions`)).send({ to: 'sent' }).expect(200);
    const partner = await signIn(t, org.partner);
    const shared = await partner.get(api('/documents')).query({ filter: JSON.stringify({ referralCase: referral.body.id }) }).expect(200);
    // Housing documents only (the earlier Word lease of this case among them), never the consent form or the ID.
    expect(shared.body.every((d: { kind: string }) => d.kind === 'housing')).toBe(true);
    expect(shared.body.map((d: { id: string }) => d.id)).toContain(lease.body.id);
    const file = await partner.get(api(`/documents/${lease.body.id}/content`)).buffer(true).parse(binary).expect(200);
    expect((file.body as Buffer).equals(minimalPdf())).toBe(true);
    expect(await lastAudit(t, org.partner.id, 'disclose')).toMatchObject({ subjectId: lease.body.id, fields: ['content'] });
    expect((await partner.get(api(`/documents/${form.body.id}`))).status).toBe(404);
  });

  withScanner('EICAR is quarantined and never served', async () => {
    const res = await upload(cw, { caseId, kind: 'other', title: 'Test file' }, eicar(), 'eicar.txt').expect(201);
    expect(res.body.scanStatus).toBe('quarantined');
    const file = await cw.get(api(`/documents/${res.body.id}/content`));
    expect([file.status, file.body.code]).toEqual([409, 'CONFLICT']);
  });
});
