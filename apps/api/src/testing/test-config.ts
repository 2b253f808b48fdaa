import type { AppConfig } from '../kernel/config/config.js';

/** Fixed test keys: the audit chain of a test database spans test files, so its key must not change. */
export const TEST_KEYS: AppConfig['keys'] = {
  auditKey: Buffer.alloc(32, 7),
  encryptionKeys: [{ id: 't1', key: Buffer.alloc(32, 9) }],
  blindIndexKey: Buffer.alloc(32, 5),
};

export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  return {
    env: 'test',
    port: 0,
    databaseUrl: null,
    dataDir: '/nonexistent',
    embeddedDbPort: 0,
    demo: true,
    secureCookies: false,
    logLevel: 'info',
    webDist: null,
    migrateOnStart: false,
    // Tests give each scenario its own client address through X-Forwarded-For.
    trustProxy: true,
    // Building the OpenAPI document walks every controller and DTO: about half a second of each app's
    // start on a loaded machine. The suites that read /api/docs or /api/openapi.json turn it on.
    apiDocs: false,
    keys: TEST_KEYS,
    ...overrides,
  };
}
