import 'reflect-metadata';
import type { Server } from 'node:http';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { openDatabase } from './bootstrap.js';
import { NestPinoLogger } from './kernel/http/logging.js';
import { ConfigError, loadConfig } from './kernel/config/config.js';
import { configureApp, createHttpAdapter } from './configure-app.js';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { runMigrations } from './kernel/database/migrate.js';
import { gracefulShutdown, trackRequests } from './features/health/graceful-shutdown.js';
import { DEMO_PASSWORD, seedDemo } from './seed/demo-seed.js';
import { DataSource } from 'typeorm';
import { EmbeddedMaintenance } from './kernel/database/embedded-maintenance.js';

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const database = await openDatabase(config);
  if (config.migrateOnStart) {
    const applied = await runMigrations(database.target);
    if (applied.length) process.stdout.write(`${JSON.stringify({ level: 30, msg: 'migrations applied', migrations: applied })}\n`);
  }

  // Start-up chatter (module and route listings) is dropped; warnings and errors stay, as JSON.
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, database.target), createHttpAdapter(config), {
    logger: new ConsoleLogger({ json: true, logLevels: ['error', 'warn', 'fatal'] }),
    bodyParser: false,
  });
  await configureApp(app, config);

  let logins: string[] = [];
  if (config.demo) {
    const result = await seedDemo(app.get(DataSource), config);
    logins = result.logins;
  }

  const host = process.env.HOST ?? (config.env === 'production' ? '0.0.0.0' : '127.0.0.1');
  await app.listen(config.port, host);
  app.useLogger(app.get(NestPinoLogger));
  const server = app.getHttpServer() as Server;
  // Counts requests in flight and, once SIGTERM starts the drain, refuses new ones (graceful-shutdown.ts).
  const drain = trackRequests(server);
  // The embedded database's vacuum and analyze, a table at a time while no request is in flight
  // (embedded-maintenance.ts); started only now, after the migrations and the demo's seed.
  const maintenance = database.embedded && config.embeddedMaintenance ? new EmbeddedMaintenance(app.get(DataSource), { idleSince: () => drain.idleSince }) : null;
  maintenance?.start();
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${config.port}`;

  process.stdout.write(
    [
      '',
      `  Lantern is running at ${url}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
      `  Database: ${config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`}`,
      ...(config.demo
        ? ['', `  Demo logins (password: ${DEMO_PASSWORD})`, ...logins.map((l) => `    ${l}`), '', '  Demo mode: invented data only. Never enter real survivor information.']
        : []),
      '',
    ].join('\n') + '\n',
  );

  // Graceful shutdown: fail readiness, refuse new requests, let in-flight ones finish (25 s at most), exit 0
  // as soon as the last has ended.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${JSON.stringify({ level: 30, msg: 'shutting down', signal })}\n`);
    // The maintenance first: no table is started from now on, and the one in hand is finished before the
    // requests drain and the pool closes.
    Promise.resolve(maintenance?.stop())
      .then(() => gracefulShutdown(app, server))
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || (error instanceof Error && /in use by process/.test(error.message)) ? error.message : 'Lantern failed to start';
  process.stderr.write(`${JSON.stringify({ level: 60, msg: message, type: error instanceof Error ? error.name : typeof error })}\n`);
  if (!(error instanceof ConfigError)) process.stderr.write(`${error instanceof Error ? (error.stack ?? '') : ''}\n`);
  process.exit(1);
});
