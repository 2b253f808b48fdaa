import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadFilesConfig, type FilesConfig } from './files-config.js';
import { loadMailConfig, type MailConfig } from './mail-config.js';

/** Validated settings of one Lantern process. Read once at boot; nothing else reads process.env. */
export interface AppConfig {
  env: 'production' | 'development' | 'test';
  port: number;
  /** Server PostgreSQL; when absent Lantern runs on the embedded PGlite in `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  /**
   * The loopback port of the embedded database (0: any free one). Fixed only for the browser journeys,
   * which read a raw column to check it holds ciphertext (e2e/web/support.ts, `rawQuery`).
   */
  embeddedDbPort: number;
  /**
   * LANTERN_EMBEDDED_MAINTENANCE: vacuum and analyze the embedded database while the API is quiet
   * (kernel/database/embedded-maintenance.ts). Off unless set to true, for now: a request that arrives
   * during an ANALYZE waits for it (docs/architecture.md, "Embedded database maintenance").
   */
  embeddedMaintenance?: boolean;
  /** Demo mode seeds the demo organizations and users and allows admins without a second factor. */
  demo: boolean;
  /** Send cookies with `Secure` and the `__Host-` prefix (required unless plain-http localhost). */
  secureCookies: boolean;
  logLevel: string;
  /** Where the built web app lives; served on the same port as the API when present. */
  webDist: string | null;
  migrateOnStart: boolean;
  trustProxy: boolean;
  keys: KeyMaterial;
  /**
   * How many survivor-file records one person may read in a sliding window before reads are refused
   * with 429 and the organization's admins are told (docs/security-model.md). Exports and the metrics
   * job are outside it.
   */
  readBudget?: { records: number; windowSeconds: number };
  /**
   * Serve the API documentation (`/api/docs`, `/api/openapi.json`): on by default except when
   * NODE_ENV=production, where only LANTERN_API_DOCS=true turns it on (issue 11: it was public).
   */
  apiDocs?: boolean;
  /** A `pending` Idempotency-Key older than this may be taken over by a retry (docs/operations.md). */
  idempotencyLeaseSeconds?: number;
  /**
   * Time limits (docs/operations.md, timeouts): per statement and per lock wait on the server database,
   * and per request: past `requestDeadlineMillis` a request is answered 503 with Retry-After and its
   * transaction cannot commit.
   */
  timeouts?: { statementMillis: number; lockMillis: number; requestDeadlineMillis: number };
  /**
   * Where the audit chain heads go after each verification (docs/operations.md, audit anchor): a file
   * that gets one JSON line per run, and/or a URL that gets the same JSON by POST.
   */
  auditAnchor?: { file: string | null; url: string | null };
  /** E-mail: the SMTP relay, the From address and the base of links (kernel/config/mail-config.ts). */
  mail?: MailConfig;
  /** Case documents' storage: PostgreSQL, or an S3-compatible bucket (kernel/config/files-config.ts). */
  files?: FilesConfig;
}

export interface KeyMaterial {
  /** HMAC key of the audit hash chain. */
  auditKey: Buffer;
  /** AES-256-GCM keys by id; the last one encrypts new values, older ones only decrypt. */
  encryptionKeys: { id: string; key: Buffer }[];
  /** HMAC key of the blind index (exact search on encrypted names); rotating it means re-indexing. */
  blindIndexKey: Buffer;
}

export class ConfigError extends Error {}

const KEY_ID = /^[a-z0-9]{1,16}$/;

function parseBool(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(value.toLowerCase())) return false;
  throw new ConfigError(`${name} must be 1/true or 0/false`);
}

function parseWhole(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new ConfigError(`${name} must be a whole number above 0`);
  return n;
}

function parseKey(name: string, value: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (key.length !== 32) throw new ConfigError(`${name} must be 32 bytes, base64-encoded`);
  return key;
}

/** `LANTERN_AUDIT_ANCHOR_URL`: an http(s) URL the chain heads are POSTed to. */
function parseAnchorUrl(raw: string | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError('LANTERN_AUDIT_ANCHOR_URL must be an http(s) URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('LANTERN_AUDIT_ANCHOR_URL must be an http(s) URL');
  return url.toString();
}

/** `LANTERN_ENCRYPTION_KEYS=k1:<base64>,k2:<base64>`: oldest first, the last encrypts. */
function parseEncryptionKeys(value: string): KeyMaterial['encryptionKeys'] {
  const keys = value.split(',').map((entry) => {
    const [id, material] = entry.trim().split(':');
    if (!id || !material || !KEY_ID.test(id)) {
      throw new ConfigError('LANTERN_ENCRYPTION_KEYS must look like k1:<base64>,k2:<base64>');
    }
    return { id, key: parseKey(`LANTERN_ENCRYPTION_KEYS (${id})`, material) };
  });
  if (new Set(keys.map((k) => k.id)).size !== keys.length) {
    throw new ConfigError('LANTERN_ENCRYPTION_KEYS has a duplicate key id');
  }
  return keys;
}

interface KeyFile {
  auditKey: string;
  encryptionKeys: { id: string; key: string }[];
  blindIndexKey?: string;
}

/**
 * Demo and development only: keys kept in a file beside the embedded database so data survives a
 * restart. Production refuses this and requires keys from the environment (a secret manager).
 */
export function loadOrCreateKeyFile(dataDir: string): KeyMaterial {
  const file = join(dataDir, 'keys.json');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const fresh: KeyFile = {
      auditKey: randomBytes(32).toString('base64'),
      encryptionKeys: [{ id: 'k1', key: randomBytes(32).toString('base64') }],
      blindIndexKey: randomBytes(32).toString('base64'),
    };
    writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  if (!parsed.blindIndexKey) {
    // Key files written before the blind index existed get one.
    parsed.blindIndexKey = randomBytes(32).toString('base64');
    writeFileSync(file, JSON.stringify(parsed, null, 2), { mode: 0o600 });
  }
  return {
    auditKey: parseKey('keys.json auditKey', parsed.auditKey),
    encryptionKeys: parsed.encryptionKeys.map((k) => ({ id: k.id, key: parseKey(`keys.json ${k.id}`, k.key) })),
    blindIndexKey: parseKey('keys.json blindIndexKey', parsed.blindIndexKey),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = env.NODE_ENV === 'production' ? 'production' : env.NODE_ENV === 'test' ? 'test' : 'development';
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const dataDir = resolve(env.LANTERN_DATA_DIR?.trim() || './data');
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT must be a port number');
  const embeddedDbPort = Number(env.LANTERN_EMBEDDED_DB_PORT ?? 0);
  if (!Number.isInteger(embeddedDbPort) || embeddedDbPort < 0 || embeddedDbPort > 65535) throw new ConfigError('LANTERN_EMBEDDED_DB_PORT must be a port number');

  const demoRequested = parseBool('LANTERN_DEMO', env.LANTERN_DEMO, false);
  // Without a server database Lantern is a demo/evaluation install; with one, demo data only on request.
  const demo = databaseUrl ? demoRequested : nodeEnv !== 'production' || demoRequested;
  if (nodeEnv === 'production' && demo) {
    throw new ConfigError('Demo mode (LANTERN_DEMO or the embedded database) is refused when NODE_ENV=production');
  }
  if (nodeEnv === 'production' && !databaseUrl) {
    throw new ConfigError('NODE_ENV=production needs DATABASE_URL: the embedded database is for demos and development');
  }

  let keys: KeyMaterial;
  if (env.LANTERN_AUDIT_KEY || env.LANTERN_ENCRYPTION_KEYS || env.LANTERN_BLIND_INDEX_KEY) {
    if (!env.LANTERN_AUDIT_KEY || !env.LANTERN_ENCRYPTION_KEYS || !env.LANTERN_BLIND_INDEX_KEY) {
      throw new ConfigError('Set all three of LANTERN_AUDIT_KEY, LANTERN_ENCRYPTION_KEYS and LANTERN_BLIND_INDEX_KEY');
    }
    keys = {
      auditKey: parseKey('LANTERN_AUDIT_KEY', env.LANTERN_AUDIT_KEY),
      encryptionKeys: parseEncryptionKeys(env.LANTERN_ENCRYPTION_KEYS),
      blindIndexKey: parseKey('LANTERN_BLIND_INDEX_KEY', env.LANTERN_BLIND_INDEX_KEY),
    };
  } else if (nodeEnv === 'production') {
    throw new ConfigError('Production needs LANTERN_AUDIT_KEY, LANTERN_ENCRYPTION_KEYS and LANTERN_BLIND_INDEX_KEY (see README, Production)');
  } else {
    keys = loadOrCreateKeyFile(dataDir);
  }

  const webDistDefault = resolve('apps/web/dist');
  const webDist = env.LANTERN_WEB_DIST ? resolve(env.LANTERN_WEB_DIST) : existsSync(webDistDefault) ? webDistDefault : null;

  return {
    env: nodeEnv,
    port,
    databaseUrl,
    dataDir,
    embeddedDbPort,
    embeddedMaintenance: parseBool('LANTERN_EMBEDDED_MAINTENANCE', env.LANTERN_EMBEDDED_MAINTENANCE, false),
    demo,
    secureCookies: parseBool('LANTERN_SECURE_COOKIES', env.LANTERN_SECURE_COOKIES, nodeEnv === 'production'),
    logLevel: env.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'silent' : 'info'),
    webDist,
    migrateOnStart: parseBool('LANTERN_MIGRATE_ON_START', env.LANTERN_MIGRATE_ON_START, true),
    trustProxy: parseBool('LANTERN_TRUST_PROXY', env.LANTERN_TRUST_PROXY, false),
    keys,
    readBudget: {
      records: parseWhole('LANTERN_READ_BUDGET', env.LANTERN_READ_BUDGET, 500),
      windowSeconds: parseWhole('LANTERN_READ_BUDGET_WINDOW', env.LANTERN_READ_BUDGET_WINDOW, 600),
    },
    apiDocs: parseBool('LANTERN_API_DOCS', env.LANTERN_API_DOCS, nodeEnv !== 'production'),
    idempotencyLeaseSeconds: parseWhole('LANTERN_IDEMPOTENCY_LEASE_SECONDS', env.LANTERN_IDEMPOTENCY_LEASE_SECONDS, 30),
    mail: loadMailConfig(env, { env: nodeEnv, demo, port }, (message) => new ConfigError(message)),
    files: loadFilesConfig(env, (message) => new ConfigError(message)),
    auditAnchor: { file: env.LANTERN_AUDIT_ANCHOR_FILE?.trim() ? resolve(env.LANTERN_AUDIT_ANCHOR_FILE.trim()) : null, url: parseAnchorUrl(env.LANTERN_AUDIT_ANCHOR_URL) },
    timeouts: {
      statementMillis: parseWhole('LANTERN_DB_STATEMENT_TIMEOUT_MS', env.LANTERN_DB_STATEMENT_TIMEOUT_MS, 15_000),
      lockMillis: parseWhole('LANTERN_DB_LOCK_TIMEOUT_MS', env.LANTERN_DB_LOCK_TIMEOUT_MS, 5_000),
      requestDeadlineMillis: parseWhole('LANTERN_REQUEST_DEADLINE_MS', env.LANTERN_REQUEST_DEADLINE_MS, 10_000),
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
