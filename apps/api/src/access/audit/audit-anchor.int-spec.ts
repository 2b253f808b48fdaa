import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestPinoLogger } from '../../kernel/http/logging.js';
import { createOrgFixture, signIn, api, type OrgFixture } from '../../testing/fixtures.js';
import { createTestApp, TEST_KEYS, type TestApp } from '../../testing/test-app.js';
import { auditKeyFingerprint, describeVerification, shortFingerprint, verifyAuditChain, VERIFY_EXIT } from './audit-chain.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditVerificationJob } from './audit-verification.service.js';

const WRONG_KEY = Buffer.alloc(32, 1);

/** Rewrites one audit row behind the append-only trigger, as a database superuser could; returns the undo. */
async function tamper(t: TestApp, id: string, action: string): Promise<() => Promise<void>> {
  const original = (await t.dataSource.query('SELECT action FROM audit_event WHERE id = $1', [id]))[0].action as string;
  const set = (value: string) =>
    t.dataSource.transaction(async (manager) => {
      await manager.query('ALTER TABLE audit_event DISABLE TRIGGER trg_audit_event_no_update_delete');
      await manager.query('UPDATE audit_event SET action = $2 WHERE id = $1', [id, value]);
      await manager.query('ALTER TABLE audit_event ENABLE TRIGGER trg_audit_event_no_update_delete');
    });
  await set(action);
  return () => set(original);
}

/**
 * Issue 12, the verifier cannot cry wolf: a chain records the fingerprint of its key, a wrong key is
 * answered as such (exit 3), and "broken" (exit 1) is a real mismatch under the right key, naming the
 * first bad row. Issue 11, the audit anchor: the verification runs as a job, is stored and shown to
 * admins with their chain head, and the heads go to a file and a URL.
 */
describe('audit verification: the key first, then the rows; the anchor', () => {
  let t: TestApp;
  let org: OrgFixture;
  let other: OrgFixture;
  let dir: string;
  let server: Server;
  let received: string[];
  let failNext = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lantern-anchor-'));
    received = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        if (failNext > 0) {
          failNext--;
          res.writeHead(503).end();
          return;
        }
        received.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/anchor?token=s3cret-anchor-token`;
    t = await createTestApp({ config: { auditAnchor: { file: join(dir, 'anchor.jsonl'), url } } });
    // As main.ts does: Nest's loggers write JSON lines through pino (the test reads them in t.logs).
    t.app.useLogger(t.app.get(NestPinoLogger));
    org = await createOrgFixture(t.dataSource);
    other = await createOrgFixture(t.dataSource);
    // Each organization's chain gets rows through the API (sign-ins, a partner org).
    const admin = await signIn(t, org.admin);
    await admin.post(api('/partner-orgs')).send({ name: 'Anchored Partner', serviceTypes: ['legal'] }).expect(201);
    // The other organization's chain gets a few rows too (a one-row chain could not tell a tampered row from a wrong key without its fingerprint).
    for (let i = 0; i < 3; i++) await signIn(t, other.admin);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const firstRowOf = (organizationId: string) => t.dataSource.getRepository(AuditEvent).findOneOrFail({ where: { organizationId }, order: { seq: 'ASC' } });

  describe('a wrong key is not tampering', () => {
    it('every chain records the fingerprint of the key it was built with', async () => {
      const rows = (await t.dataSource.query('SELECT key_fingerprint FROM audit_chain WHERE chain_id = ANY($1)', [[org.organizationId, other.organizationId]])) as { key_fingerprint: string }[];
      expect(rows.map((r) => r.key_fingerprint)).toEqual([auditKeyFingerprint(TEST_KEYS.auditKey), auditKeyFingerprint(TEST_KEYS.auditKey)]);
      // The fingerprint names the key without revealing it.
      expect(rows[0]!.key_fingerprint).not.toContain(TEST_KEYS.auditKey.toString('hex').slice(0, 16));
    });

    it('under another key: "wrong key (fingerprint …)", exit 3, no row judged, even over a tampered row', async () => {
      const report = await verifyAuditChain(t.dataSource, WRONG_KEY);
      expect(report).toMatchObject({ outcome: 'wrong_key', firstBreak: null, rowsChecked: 0 });
      expect(report.wrongKey).toMatchObject({ expected: auditKeyFingerprint(TEST_KEYS.auditKey), actual: auditKeyFingerprint(WRONG_KEY) });
      const told = describeVerification(report);
      expect(told.exitCode).toBe(VERIFY_EXIT.wrong_key);
      expect(told.message).toContain(`WRONG KEY (fingerprint ${shortFingerprint(auditKeyFingerprint(WRONG_KEY))})`);
      expect(told.message).not.toContain('BROKEN');

      const undo = await tamper(t, (await firstRowOf(org.organizationId)).id, 'read');
      try {
        expect((await verifyAuditChain(t.dataSource, WRONG_KEY)).outcome).toBe('wrong_key');
      } finally {
        await undo();
      }
    });

    it('under the right key, a tampered row is "broken" (exit 1), named by seq and id', async () => {
      const target = await firstRowOf(org.organizationId);
      const undo = await tamper(t, target.id, 'read');
      try {
        const report = await verifyAuditChain(t.dataSource, TEST_KEYS.auditKey);
        expect(report).toMatchObject({ outcome: 'broken', wrongKey: null, firstBreak: { id: target.id, seq: String(target.seq), problem: 'row hash does not match its content' } });
        const told = describeVerification(report);
        expect(told.exitCode).toBe(VERIFY_EXIT.broken);
        expect(told.message).toContain(`BROKEN at row ${target.id}`);
      } finally {
        await undo();
      }
      const intact = await verifyAuditChain(t.dataSource, TEST_KEYS.auditKey);
      expect(intact.outcome).toBe('ok');
      expect(describeVerification(intact).exitCode).toBe(VERIFY_EXIT.ok);
    });

    it('chains older than fingerprints: none of their rows holds under another key (wrong key); the right key records their fingerprints', async () => {
      const saved = (await t.dataSource.query('SELECT chain_id, key_fingerprint FROM audit_chain ORDER BY chain_id')) as { chain_id: string; key_fingerprint: string }[];
      await t.dataSource.query('DELETE FROM audit_chain');
      try {
        const wrong = await verifyAuditChain(t.dataSource, WRONG_KEY);
        expect(wrong).toMatchObject({ outcome: 'wrong_key', firstBreak: null, wrongKey: { expected: null, actual: auditKeyFingerprint(WRONG_KEY) } });
        expect(describeVerification(wrong).exitCode).toBe(VERIFY_EXIT.wrong_key);
        expect((await t.dataSource.query('SELECT count(*)::int AS n FROM audit_chain'))[0].n).toBe(0);
        const right = await verifyAuditChain(t.dataSource, TEST_KEYS.auditKey);
        expect(right.outcome).toBe('ok');
        expect(right.fingerprintsRecorded).toEqual(expect.arrayContaining([org.organizationId, other.organizationId]));
        const now = (await t.dataSource.query('SELECT chain_id, key_fingerprint FROM audit_chain ORDER BY chain_id')) as { chain_id: string; key_fingerprint: string }[];
        expect(now).toEqual(saved);
      } finally {
        for (const row of saved) {
          await t.dataSource.query('INSERT INTO audit_chain (chain_id, key_fingerprint) VALUES ($1, $2) ON CONFLICT (chain_id) DO NOTHING', [row.chain_id, row.key_fingerprint]);
        }
      }
    });

    it('a chain older than fingerprints with a tampered row under the right key is broken, not a wrong key', async () => {
      const chain = other.organizationId;
      const saved = (await t.dataSource.query('SELECT key_fingerprint FROM audit_chain WHERE chain_id = $1', [chain]))[0].key_fingerprint as string;
      await t.dataSource.query('DELETE FROM audit_chain WHERE chain_id = $1', [chain]);
      const target = await firstRowOf(chain);
      const undo = await tamper(t, target.id, 'read');
      try {
        const report = await verifyAuditChain(t.dataSource, TEST_KEYS.auditKey);
        expect(report).toMatchObject({ outcome: 'broken', firstBreak: { id: target.id, chainId: chain } });
      } finally {
        await undo();
        await t.dataSource.query('INSERT INTO audit_chain (chain_id, key_fingerprint) VALUES ($1, $2) ON CONFLICT (chain_id) DO NOTHING', [chain, saved]);
      }
    });
  });

  describe('the daily job, its stored result and the anchor', () => {
    it('runs, stores the result, appends the heads to the anchor file and POSTs them to the anchor URL; admins see it with their chain head', async () => {
      const job = t.app.get(AuditVerificationJob);
      const before = received.length;
      const report = await job.runOnce();
      expect(report?.outcome).toBe('ok');
      const head = (await t.dataSource.query('SELECT seq, row_hash FROM audit_event WHERE chain_id = $1 ORDER BY seq DESC LIMIT 1', [org.organizationId]))[0] as { seq: string; row_hash: string };

      const lines = readFileSync(join(dir, 'anchor.jsonl'), 'utf8').trim().split('\n');
      const line = JSON.parse(lines.at(-1)!);
      expect(line).toMatchObject({ type: 'lantern.audit-anchor', outcome: 'ok', keyFingerprint: shortFingerprint(auditKeyFingerprint(TEST_KEYS.auditKey)) });
      const mine = line.heads.find((h: { chainId: string }) => h.chainId === org.organizationId);
      expect(mine).toEqual({ chainId: org.organizationId, organizationId: org.organizationId, seq: String(head.seq), hash: head.row_hash });
      expect(received.length).toBe(before + 1);
      expect(JSON.parse(received.at(-1)!)).toEqual(line);

      const admin = await signIn(t, org.admin);
      const status = (await admin.get(api('/audit-chain')).expect(200)).body;
      expect(status).toMatchObject({ outcome: 'ok', firstBreak: null, elsewhere: false, anchor: 'written', keyFingerprint: shortFingerprint(auditKeyFingerprint(TEST_KEYS.auditKey)) });
      expect(status.head).toEqual({ seq: String(head.seq), hash: head.row_hash });
      // Only their own chain: nothing of another organization's.
      expect(JSON.stringify(status)).not.toContain(other.organizationId);
      for (const role of ['coordinator', 'caseworker', 'partner', 'analyst'] as const) {
        await (await signIn(t, org[role])).get(api('/audit-chain')).expect(403);
      }
    });

    it('shows the admin the first broken row of their chain; another organization\'s admin learns only that it is elsewhere', async () => {
      const target = await firstRowOf(org.organizationId);
      const undo = await tamper(t, target.id, 'read');
      try {
        expect((await t.app.get(AuditVerificationJob).runOnce())?.outcome).toBe('broken');
      } finally {
        await undo();
      }
      const mine = (await (await signIn(t, org.admin)).get(api('/audit-chain')).expect(200)).body;
      expect(mine).toMatchObject({ outcome: 'broken', firstBreak: { seq: String(target.seq), id: target.id }, elsewhere: false });
      const theirs = (await (await signIn(t, other.admin)).get(api('/audit-chain')).expect(200)).body;
      expect(theirs).toMatchObject({ outcome: 'broken', firstBreak: null, elsewhere: true });
      expect(JSON.stringify(theirs)).not.toContain(target.id);
      expect((await t.app.get(AuditVerificationJob).runOnce())?.outcome).toBe('ok');
    });

    it('a failed POST is logged without data and retried at the next run', async () => {
      failNext = 1;
      const logsBefore = t.logs.length;
      const before = received.length;
      await t.app.get(AuditVerificationJob).runOnce();
      expect(received.length).toBe(before);
      const admin = await signIn(t, org.admin);
      expect((await admin.get(api('/audit-chain')).expect(200)).body.anchor).toBe('failed');
      const logged = t.logs.slice(logsBefore).join('\n');
      expect(logged).toContain('audit anchor: POST to the anchor URL failed (status 503)');
      expect(logged).not.toContain('s3cret-anchor-token');
      expect(logged).not.toContain('127.0.0.1:');
      expect(logged).not.toContain(org.organizationId);

      await t.app.get(AuditVerificationJob).runOnce();
      expect(received.length).toBe(before + 1);
      expect((await admin.get(api('/audit-chain')).expect(200)).body.anchor).toBe('written');
    });
  });
});
