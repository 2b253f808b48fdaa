import { mkdirSync } from 'node:fs';
import type { AppConfig } from './kernel/config/config.js';
import { lockDataDir } from './kernel/database/data-dir-lock.js';
import type { DatabaseTarget } from './kernel/database/data-source-options.js';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './kernel/database/embedded.js';

export interface Database {
  target: DatabaseTarget;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/** The server database of DATABASE_URL, or the embedded one in the data directory. */
export async function openDatabase(config: AppConfig): Promise<Database> {
  if (config.databaseUrl) {
    return { target: { kind: 'server', url: config.databaseUrl }, embedded: null, close: async () => {} };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const unlock = lockDataDir(config.dataDir);
  try {
    const embedded = await startEmbeddedDatabase(`${config.dataDir}/pgdata`, config.embeddedDbPort);
    return {
      target: { kind: 'embedded', host: embedded.host, port: embedded.port },
      embedded,
      async close() {
        await embedded.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
