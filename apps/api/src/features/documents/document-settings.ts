import type { AppConfig } from '../../kernel/config/config.js';

/** How documents are stored and scanned (docs/documents.md). Read from the environment once, at start. */
export interface DocumentSettings {
  /** Largest accepted file, in bytes (LANTERN_FILES_MAX_MB, default 25). */
  maxBytes: number;
  /** Plaintext bytes per stored chunk (256 KiB). */
  chunkBytes: number;
  /** clamd: a unix socket path, or host and port; null when no scanner is configured. */
  clamd: { socket: string } | { host: string; port: number } | null;
  /** Without a scanner: store files as `unscanned` (demo mode, or LANTERN_ALLOW_UNSCANNED_FILES=true). */
  allowUnscanned: boolean;
  /** How long one scan may take before it is retried later (ms). */
  scanTimeoutMs: number;
}

export const CHUNK_BYTES = 256 * 1024;
const DEFAULT_MAX_MB = 25;
/** The size column is an integer; past 1 GiB, PostgreSQL storage is the wrong place anyway. */
const MAX_CONFIGURABLE_MB = 1024;

export function documentSettings(config: Pick<AppConfig, 'demo'>, env: NodeJS.ProcessEnv = process.env): DocumentSettings {
  const mb = env.LANTERN_FILES_MAX_MB ? Number(env.LANTERN_FILES_MAX_MB) : DEFAULT_MAX_MB;
  if (!Number.isFinite(mb) || mb <= 0 || mb > MAX_CONFIGURABLE_MB) {
    throw new Error(`LANTERN_FILES_MAX_MB must be a number of megabytes between 1 and ${MAX_CONFIGURABLE_MB}`);
  }
  return {
    maxBytes: Math.floor(mb * 1024 * 1024),
    chunkBytes: CHUNK_BYTES,
    clamd: clamdAddress(env),
    allowUnscanned: config.demo || env.LANTERN_ALLOW_UNSCANNED_FILES === 'true',
    scanTimeoutMs: 60_000,
  };
}

function clamdAddress(env: NodeJS.ProcessEnv): DocumentSettings['clamd'] {
  const socket = env.LANTERN_CLAMD_SOCKET?.trim();
  if (socket) return { socket };
  const host = env.LANTERN_CLAMD_HOST?.trim();
  if (!host) return null;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(host);
  if (!match) throw new Error('LANTERN_CLAMD_HOST must be host or host:port');
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : 3310 };
}
