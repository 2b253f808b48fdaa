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

  it('seeds a server database only when LANTERN_DEMO=1', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@y/z', ...keys }).demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@y/z', LANTERN_DEMO: '1', ...keys }).demo).toBe(true);
  });

  it.each([
    ['demo mode in production', { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@y/z', LANTERN_DEMO: '1', ...keys }, /refused/],
    ['the embedded database in production', { NODE_ENV: 'production', ...keys }, /DATABASE_URL/],
    ['production without keys', { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@y/z' }, /LANTERN_AUDIT_KEY/],
    ['a short key', { DATABASE_URL: 'postgres://x@y/z', ...keys, LANTERN_AUDIT_KEY: 'c2hvcnQ=' }, /32 bytes/],
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
});
