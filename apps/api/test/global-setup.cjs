const { spawn } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const { appendFileSync, existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const API = resolve(__dirname, '..');
const DAY = 86_400_000;

/**
 * The data sets src/testing/prepared-data.ts builds, and the suite that reads each. A data set is built
 * here only when its suite is in the run (test/sequencer.cjs lists the run's files); otherwise that
 * suite, run some other way, builds it in its own setup.
 */
const PREPARED_FOR = {
  demo: 'src/seed/synthetic.int-spec.ts',
  metrics: 'src/features/metrics/metrics.int-spec.ts',
};

/**
 * Prepares the test databases before any test file runs (docs/architecture.md, "Test databases"), with
 * no time limit, so that no suite's setup migrates or loads bulk data:
 * - a migrated template, kept between runs and named after the migrations (a server database
 *   `lantern_test_migrated_<hash>`, or an embedded snapshot file in the temporary directory);
 * - one database per jest worker copied from it: with DATABASE_URL, `lantern_test_<run>_<n>` on that
 *   server (dropped afterwards); without, an in-memory embedded PGlite served on a free loopback port;
 * - the bulk data sets of PREPARED_FOR that this run needs, each built into a copy of the template and
 *   handed to its one suite (testing/scratch-database.ts, `preparedScratch`), which drops it when done.
 * Test files find theirs through LANTERN_TEST_DATABASES (with JEST_WORKER_ID) and LANTERN_TEST_PREPARED.
 */
module.exports = async function globalSetup(globalConfig, projectConfig) {
  const started = performance.now();
  const workers = Math.max(1, globalConfig.maxWorkers || 1);
  const paths = globalThis.__LANTERN_TEST_PATHS__;
  const wanted = Object.keys(PREPARED_FOR).filter((name) => paths?.has(join(API, PREPARED_FOR[name])));
  const typescript = loadTypeScript(projectConfig);
  try {
    const prepared = process.env.DATABASE_URL
      ? await prepareServer(process.env.DATABASE_URL, workers, wanted, typescript)
      : await prepareEmbedded(workers, wanted, typescript);
    globalThis.__LANTERN_TEST_DBS__ = prepared.state;
    process.env.LANTERN_TEST_DATABASES = JSON.stringify(prepared.targets);
    process.env.LANTERN_TEST_PREPARED = JSON.stringify(prepared.sources);
    // LANTERN_SETUP_TIMES (test/setup-times.cjs): this step's time too.
    if (process.env.LANTERN_SETUP_TIMES) {
      const line = { path: 'globalSetup', ms: Math.round(performance.now() - started), built: wanted, typescript: typescript.loaded() };
      appendFileSync(process.env.LANTERN_SETUP_TIMES, `${JSON.stringify(line)}\n`);
    }
  } finally {
    typescript.restore();
  }
};

/**
 * The migrations and the data builders are TypeScript. During global setup jest compiles required
 * TypeScript with the project's transform, but resolves with node's rules; the project's
 * moduleNameMapper (`.js` suffixes, the @lantern/* libraries) is applied here the way jest applies it
 * to test files. Loaded only when something has to be built.
 */
function loadTypeScript(projectConfig) {
  const mappers = (projectConfig.moduleNameMapper ?? []).map(([from, to]) => [new RegExp(from), to]);
  const original = Module._resolveFilename;
  let loaded = null;
  return {
    get() {
      if (loaded) return loaded;
      Module._resolveFilename = function resolveMapped(request, ...rest) {
        const mapper = mappers.find(([from]) => from.test(request));
        return original.call(this, mapper ? request.replace(mapper[0], mapper[1]) : request, ...rest);
      };
      loaded = require(join(API, 'src/testing/prepared-data.ts'));
      return loaded;
    },
    loaded: () => loaded !== null,
    restore() {
      Module._resolveFilename = original;
    },
  };
}

/**
 * What the migrations are: a template made under other migrations (or another PGlite) is never reused.
 * TEMPLATE_KIND changes when what a template holds besides the migrations changes (now: the job queues).
 */
const TEMPLATE_KIND = 'migrations+job-queues';
function migrationsFingerprint(extra = '') {
  const dir = resolve(API, '../../migrations');
  const hash = createHash('sha256').update(TEMPLATE_KIND).update(extra);
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts')).sort()) hash.update(name).update(readFileSync(join(dir, name)));
  return hash.digest('hex').slice(0, 16);
}

const databaseUrl = (url, name) => {
  const copy = new URL(url);
  copy.pathname = `/${name}`;
  return copy.toString();
};

async function prepareServer(url, workers, wanted, typescript) {
  const { Client } = require('pg');
  const admin = new Client({ connectionString: url });
  await admin.connect();
  const run = randomBytes(4).toString('hex');
  const created = [];
  try {
    const template = await migratedTemplate(admin, url, typescript);
    const copy = async (name) => {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      created.push(name);
      return name;
    };
    const targets = [];
    for (let i = 1; i <= workers; i++) targets.push({ kind: 'server', url: databaseUrl(url, await copy(`lantern_test_${run}_${i}`)) });
    const data = {};
    // One after the other: the demo seed is timed.
    for (const set of wanted) {
      const name = await copy(`lantern_test_${run}_${set}`);
      const info = await typescript.get().buildPreparedData(set, { kind: 'server', url: databaseUrl(url, name) });
      data[set] = { database: { kind: 'server', name }, info };
    }
    return { targets, sources: { migrated: { kind: 'server', name: template }, data }, state: { kind: 'server', created } };
  } catch (error) {
    for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  } finally {
    await admin.end();
  }
}

/**
 * `lantern_test_migrated_<hash>`, made when missing (under a name of its own until it is complete, so a
 * run that dies half-way leaves nothing that looks ready). Its comment holds when a run last used it;
 * templates of other migrations (other branches on this server) go once unused for a day.
 */
async function migratedTemplate(admin, url, typescript) {
  const template = `lantern_test_migrated_${migrationsFingerprint()}`;
  const partial = `${template}_partial`;
  // One builder at a time across jest runs on this server.
  await admin.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', ['lantern:test-template']);
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (found.rowCount === 0) {
      await admin.query(`DROP DATABASE IF EXISTS ${partial} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${partial}`);
      await typescript.get().prepareTemplate({ kind: 'server', url: databaseUrl(url, partial) });
      await admin.query(`ALTER DATABASE ${partial} RENAME TO ${template}`);
    }
    await admin.query(`COMMENT ON DATABASE ${template} IS '${new Date().toISOString()}'`);
    const others = await admin.query(
      `SELECT datname, shobj_description(oid, 'pg_database') AS used FROM pg_database WHERE datname LIKE 'lantern\\_test\\_migrated\\_%' AND datname NOT IN ($1, $2)`,
      [template, partial],
    );
    for (const { datname, used } of others.rows) {
      if (!(Date.parse(used ?? '') > Date.now() - DAY)) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  } finally {
    await admin.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', ['lantern:test-template']);
  }
  return template;
}

async function prepareEmbedded(workers, wanted, typescript) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const serve = async (options) => {
    const db = await PGlite.create(options);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await server.start();
    return { db, server, target: { kind: 'embedded', host: '127.0.0.1', port: server.server.address().port } };
  };
  const close = async ({ db, server }) => {
    await server.stop();
    await db.close();
  };
  const dump = async (db, file) => {
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer()));
    renameSync(partial, file);
  };

  // The package exports no package.json: read it from the workspace's node_modules.
  const version = JSON.parse(readFileSync(resolve(API, '../../node_modules/@electric-sql/pglite/package.json'), 'utf8')).version;
  const snapshot = join(tmpdir(), `lantern-test-migrated-${migrationsFingerprint(`pglite ${version}`)}.tar`);
  if (!existsSync(snapshot)) {
    const fresh = await serve({});
    try {
      await typescript.get().prepareTemplate(fresh.target);
      await dump(fresh.db, snapshot);
    } finally {
      await close(fresh);
    }
  }
  forgetStaleSnapshots(snapshot);

  // Each data set in a PGlite process of its own (test/pglite-server.mjs), started from the snapshot,
  // filled here over its socket and left running for its one suite, which stops it when done.
  const children = [];
  const data = {};
  try {
    // One after the other: the demo seed is timed.
    for (const set of wanted) {
      const child = await startPgliteServer(snapshot);
      children.push(child);
      const info = await typescript.get().buildPreparedData(set, { kind: 'embedded', host: '127.0.0.1', port: child.port });
      data[set] = { database: { kind: 'embedded', host: '127.0.0.1', port: child.port, pid: child.process.pid }, info };
    }
  } catch (error) {
    for (const child of children) await child.stop();
    throw error;
  }
  const migrated = readFileSync(snapshot);
  const servers = [];
  for (let i = 1; i <= workers; i++) servers.push(await serve({ loadDataDir: new Blob([migrated]) }));
  return {
    targets: servers.map((s) => s.target),
    sources: { migrated: { kind: 'embedded', file: snapshot }, data },
    state: { kind: 'embedded', servers, children },
  };
}

/** test/pglite-server.mjs started from `snapshot`: its port, its process, and how to stop it. */
async function startPgliteServer(snapshot) {
  const child = spawn(process.execPath, [join(__dirname, 'pglite-server.mjs'), snapshot], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('error', () => undefined);
  const port = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(Number(out.slice(0, out.indexOf('\n'))));
    });
    void exited.then(() => reject(new Error('the test PGlite exited')));
  });
  return {
    port,
    process: child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.stdin.end();
      await exited;
    },
  };
}

/** Marks this snapshot used now; snapshots of other migrations unused for a day are deleted. */
function forgetStaleSnapshots(current) {
  const now = new Date();
  utimesSync(current, now, now);
  for (const name of readdirSync(tmpdir())) {
    const file = join(tmpdir(), name);
    if (!/^lantern-test-migrated-[0-9a-f]{16}\.tar$/.test(name) || file === current) continue;
    try {
      if (statSync(file).mtimeMs < now.getTime() - DAY) unlinkSync(file);
    } catch {
      // Another run removed it first.
    }
  }
}
