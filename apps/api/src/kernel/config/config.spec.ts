import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.js';

const key = Buffer.alloc(32, 3).toString('base64');
const keys = { LANTERN_AUDIT_KEY: key, LANTERN_ENCRYPTION_KEYS: `k1:${key}`, LANTERN_BLIND_INDEX_KEY: key };

describe('loadConfig', () => {
  it('runs the embedded database in demo mode with a generated key file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lantern-config-'));
    const config = loadConfig({ LANTERN_DATA_DIR: dir });
    expect(config).toMatchObject({ databaseUrl: null, demo: true, dataDir: dir, secureCookies: false, port: 3000 });
    const file = join(dir, 'keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // The same keys on the next start, so encrypted data and the audit chain survive a restart.
    expect(loadConfig({ LANTERN_DATA_DIR: dir }).keys.auditKey.equals(config.keys.auditKey)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).encryptionKeys[0].id).toBe('k1');
  });

  it('reads the audit anchor: a file (made absolute) and an http(s) URL, both off by default', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@y/z', ...keys }).auditAnchor).toEqual({ file: null, url: null });
    const config = loadConfig({ DATABASE_URL: 'postgres://x@y/z', ...keys, LANTERN_AUDIT_ANCHOR_FILE: 'anchor.jsonl', LANTERN_AUDIT_ANCHOR_URL: 'https://anchor.example.org/lantern' });
    expect(config.auditAnchor).toEqual({ file: join(process.cwd(), 'anchor.jsonl'), url: 'https://anchor.example.org/lantern' });
  });

  it('seeds a server database only when LANTERN_DEMO=1', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@y/z', ...keys }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@y/z', LANTERN_DEMO: '1', ...keys }).demo).toBe(true);
  });

  it.each([
    ['demo mode in production', { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@y/z', LANTERN_DEMO: '1', ...keys }, /refused/],
    ['the embedded database in production', { NODE_ENV: 'production', ...keys }, /DATABASE_URL/],
    ['production without keys', { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@y/z' }, /LANTERN_AUDIT_KEY/],
    ['a short key', { DATABASE_URL: 'postgres://x@y/z', ...keys, LANTERN_AUDIT_KEY: 'c2hvcnQ=' }, /32 bytes/],
    ['an audit anchor URL that is not http(s)', { DATABASE_URL: 'postgres://x@y/z', ...keys, LANTERN_AUDIT_ANCHOR_URL: 'file:///etc/passwd' }, /LANTERN_AUDIT_ANCHOR_URL/],
    ['an audit anchor URL that is not a URL', { DATABASE_URL: 'postgres://x@y/z', ...keys, LANTERN_AUDIT_ANCHOR_URL: 'not a url' }, /LANTERN_AUDIT_ANCHOR_URL/],
    ['a malformed key ring', { DATABASE_URL: 'postgres://x@y/z', ...keys, LANTERN_ENCRYPTION_KEYS: key }, /k1:/],
    ['a duplicate key id', { DATABASE_URL: 'postgres://x@y/z', ...keys, LANTERN_ENCRYPTION_KEYS: `k1:${key},k1:${key}` }, /duplicate/],
    ['only some of the keys', { DATABASE_URL: 'postgres://x@y/z', LANTERN_AUDIT_KEY: key }, /all three/],
    ['a bad port', { PORT: 'eighty', LANTERN_DATA_DIR: mkdtempSync(join(tmpdir(), 'lantern-config-')) }, /PORT/],
    ['a bad boolean', { LANTERN_DEMO: 'maybe', LANTERN_DATA_DIR: mkdtempSync(join(tmpdir(), 'lantern-config-')) }, /LANTERN_DEMO/],
  ])('refuses %s', (_label, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('uses secure cookies in production by default', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@y/z', ...keys });
    expect(config).toMatchObject({ env: 'production', demo: false, secureCookies: true });
    expect(config.keys.encryptionKeys.map((k) => k.id)).toEqual(['k1']);
  });

  it('serves the API docs outside production, and in production only with LANTERN_API_DOCS=true', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@y/z', ...keys };
    expect(loadConfig(production).apiDocs).toBe(false);
    expect(loadConfig({ ...production, LANTERN_API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', DATABASE_URL: 'postgres://x@y/z', ...keys }).apiDocs).toBe(true);
    expect(() => loadConfig({ ...production, LANTERN_API_DOCS: 'perhaps' })).toThrow(/LANTERN_API_DOCS/);
  });

  it('reads the time limits and the idempotency lease (issue 12), with defaults', () => {
    const base = { DATABASE_URL: 'postgres://x@y/z', ...keys };
    expect(loadConfig(base)).toMatchObject({
      idempotencyLeaseSeconds: 30,
      timeouts: { statementMillis: 15_000, lockMillis: 5_000, requestDeadlineMillis: 10_000 },
    });
    const set = {
      ...base,
      LANTERN_IDEMPOTENCY_LEASE_SECONDS: '5',
      LANTERN_DB_STATEMENT_TIMEOUT_MS: '8000',
      LANTERN_DB_LOCK_TIMEOUT_MS: '1000',
      LANTERN_REQUEST_DEADLINE_MS: '4000',
    };
    expect(loadConfig(set)).toMatchObject({ idempotencyLeaseSeconds: 5, timeouts: { statementMillis: 8_000, lockMillis: 1_000, requestDeadlineMillis: 4_000 } });
    expect(() => loadConfig({ ...base, LANTERN_REQUEST_DEADLINE_MS: '0' })).toThrow(/LANTERN_REQUEST_DEADLINE_MS/);
  });
});
