import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '@lantern/migrations';
import { LANTERN_PG_TYPES } from './pg-dates.js';
import { SnakeNamingStrategy } from './snake-naming.strategy.js';
import { StatementCachingClient } from './statement-cache.js';

/** Where the database is: a PostgreSQL URL, or the embedded PGlite served on a socket (a Unix socket's directory as the host). */
export type DatabaseTarget = { kind: 'server'; url: string } | { kind: 'embedded'; host: string; port: number };

/** Pool limits of docs/security-model.md: fail fast rather than hang when the database is slow or gone. */
export const POOL_LIMITS = {
  connectionTimeoutMillis: 3_000,
  statementTimeoutMillis: 15_000,
  lockTimeoutMillis: 5_000,
  idleInTransactionTimeoutMillis: 60_000,
} as const;

/** The configurable limits (LANTERN_DB_STATEMENT_TIMEOUT_MS, LANTERN_DB_LOCK_TIMEOUT_MS; docs/operations.md). */
export interface DatabaseTimeouts {
  statementMillis: number;
  lockMillis: number;
}

/**
 * Whether a DataSource made by `dataSourceOptions` talks to the embedded database: a server is always
 * given as a URL, the embedded one as a host and port. The embedded database is one session whatever
 * the connection (docs/architecture.md, trap 1), so a named prepared statement outlives the connection
 * that prepared it: a pool's next connection would find the name taken. The names callers give
 * (named-statements.ts) are for servers only; the embedded pool's client names statements itself, with a
 * prefix of its own (statement-cache.ts).
 */
export function isEmbedded(dataSource: { options: object }): boolean {
  return !(dataSource.options as { url?: string }).url;
}

/**
 * `entities` comes from the composition root (src/entities.ts): the kernel knows no feature's tables.
 * Running migrations needs none.
 */
export function dataSourceOptions(
  target: DatabaseTarget,
  poolMax = 10,
  entities: DataSourceOptions['entities'] = [],
  timeouts: DatabaseTimeouts = { statementMillis: POOL_LIMITS.statementTimeoutMillis, lockMillis: POOL_LIMITS.lockTimeoutMillis },
): DataSourceOptions {
  const connection =
    target.kind === 'server'
      ? { url: target.url }
      : { host: target.host, port: target.port, username: 'postgres', password: 'postgres', database: 'postgres' };
  return {
    type: 'postgres',
    ...connection,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; uuid-ossp is not in PGlite.
    uuidExtension: 'pgcrypto',
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
    applicationName: 'lantern',
    extra: {
      // The embedded database is a single session: one connection, shared by everything (docs/architecture.md, trap 1).
      max: target.kind === 'embedded' ? 1 : poolMax,
      // There, each statement with parameters is prepared once per connection (statement-cache.ts).
      ...(target.kind === 'embedded' ? { Client: StatementCachingClient } : {}),
      connectionTimeoutMillis: POOL_LIMITS.connectionTimeoutMillis,
      // Session settings sent at connect. PGlite ignores statement timeouts, and its one session never
      // waits on another's lock, so the embedded database gets neither (docs/architecture.md, trap 1).
      ...(target.kind === 'server' ? { statement_timeout: timeouts.statementMillis, lock_timeout: timeouts.lockMillis } : {}),
      idle_in_transaction_session_timeout: POOL_LIMITS.idleInTransactionTimeoutMillis,
      idleTimeoutMillis: 30_000,
      // node-postgres's type parsers, timestamptz read faster to the same Date (pg-dates.ts).
      types: LANTERN_PG_TYPES,
    },
  };
}
