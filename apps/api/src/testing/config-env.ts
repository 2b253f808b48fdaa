import { ConfigError, loadConfig } from '../kernel/config/config.js';

/** For the specs of loadConfig (kernel/config): the environment of a server start, and its refusals. */

const key = Buffer.alloc(32, 3).toString('base64');
/** The keys every start needs, one made-up 32-byte key for all three. */
const KEYS_ENV = { LANTERN_AUDIT_KEY: key, LANTERN_ENCRYPTION_KEYS: `k1:${key}`, LANTERN_BLIND_INDEX_KEY: key };
/** The least a start on a PostgreSQL server needs. */
export const SERVER_ENV = { DATABASE_URL: 'postgres://x@y/z', ...KEYS_ENV };

/** The error loadConfig throws, or fails the test. */
export function refusal(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error('the configuration was accepted');
}
