import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { describeVerification } from './access/audit/audit-chain.js';
import { AuditVerificationService } from './access/audit/audit-verification.service.js';
import { Clock } from './kernel/config/clock.js';
import { appendAuditEvent } from './access/audit/audit.service.js';
import { FieldCipher } from './kernel/crypto/field-cipher.js';
import { rotateKeys } from './kernel/crypto/key-rotation.js';
import { BlindIndex } from './kernel/crypto/blind-index.js';
import { reindexSurvivorNames } from './case-file/survivor-name-index.js';
import { reindexSurvivorMatches } from './case-file/survivor-match-index.js';
import { passwordProblem } from './access/auth/password-policy.js';
import { PasswordService } from './access/auth/password.service.js';
import { openDatabase, type Database } from './bootstrap.js';
import { loadConfig } from './kernel/config/config.js';
import { ENTITIES } from './entities.js';
import { dataSourceOptions, type DatabaseTarget } from './kernel/database/data-source-options.js';
import { startEmbeddedDatabase } from './kernel/database/embedded.js';
import { pendingSchemaChanges, runMigrations } from './kernel/database/migrate.js';
import { createOrganization, createUser } from './features/organizations/organizations.js';
import { seedDemo } from './seed/demo-seed.js';
import { ProgressBar } from './seed/progress-bar.js';

const USAGE = `Lantern maintenance commands

  migrate                      apply pending migrations
  migration:check              fail when the entities differ from what the migrations build
  migration:generate <Name>    write migrations/<timestamp>-<Name>.ts from the difference
  seed [--cases <n>] [--org <slug>] [--seed <n>] [--caseworkers <n> [--heavy <n>]]
                               seed the demo data (demo mode only); with --cases, also load n synthetic
                               cases into the organization (default harbor) for benchmarks; with
                               --caseworkers, over n synthetic caseworkers (caseworker-001@<org>.demo, ...,
                               made when missing, demo password), the first carrying --heavy cases
                               (default 5%), instead of over the demo caseworkers
  audit:verify                 verify the audit hash chain: first the key (exit 3, "wrong key", when the
                               chains were built with another key), then every row (exit 1, "BROKEN",
                               naming the first bad row); stores the result and writes the anchor
  keys:rotate                  re-encrypt every protected value with the newest key of LANTERN_ENCRYPTION_KEYS,
                               and re-index survivors' names for search under LANTERN_BLIND_INDEX_KEY
  org:create --name <name> --slug <slug> --admin-email <email> --admin-name <name>
                               create an organization and its first administrator (production set-up)

The embedded database (no DATABASE_URL) must not be in use by a running server.`;

async function withDataSource<T>(target: DatabaseTarget, fn: (ds: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource(dataSourceOptions(target, 2, ENTITIES));
  await dataSource.initialize();
  try {
    return await fn(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** A throwaway database for schema comparison: the server of DATABASE_URL gets a temporary database. */
async function scratchDatabase(): Promise<{ target: DatabaseTarget; close(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const embedded = await startEmbeddedDatabase(null);
    return { target: { kind: 'embedded', host: embedded.host, port: embedded.port }, close: () => embedded.close() };
  }
  const name = `lantern_check_${randomBytes(4).toString('hex')}`;
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  await admin.query(`CREATE DATABASE ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return {
    target: { kind: 'server', url: scratch.toString() },
    async close() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

function pascal(name: string): string {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('Name the migration VerbNoun in PascalCase, e.g. AddCaseNotes');
  return name;
}

async function generate(name: string): Promise<void> {
  const scratch = await scratchDatabase();
  try {
    await runMigrations(scratch.target);
    const sql = await withDataSource(scratch.target, async (ds) => ds.driver.createSchemaBuilder().log());
    if (sql.upQueries.length === 0) {
      process.stdout.write('No schema changes: entities and migrations agree.\n');
      return;
    }
    const timestamp = Date.now();
    const className = `${pascal(name)}${timestamp}`;
    const quote = (q: string) => `    await queryRunner.query(\`${q.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${')}\`);`;
    const file = `${timestamp}-${name}.ts`;
    const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map((q) => quote(q.query)).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${sql.downQueries.reverse().map((q) => quote(q.query)).join('\n')}
  }
}
`;
    const dir = resolve('migrations');
    writeFileSync(join(dir, file), body);
    const indexPath = join(dir, 'index.ts');
    const lines = readFileSync(indexPath, 'utf8').split('\n');
    const lastImport = lines.map((l) => l.startsWith('import ')).lastIndexOf(true);
    lines.splice(lastImport + 1, 0, `import { ${className} } from './${file.replace(/\.ts$/, '.js')}';`);
    const index = lines.join('\n').replace(/\n\];\s*$/, `\n  ${className},\n];\n`);
    writeFileSync(indexPath, index);
    process.stdout.write(`Wrote migrations/${file}. Read it, name its constraints, and add what TypeORM cannot see (triggers).\n`);
  } finally {
    await scratch.close();
  }
}

async function check(): Promise<void> {
  const scratch = await scratchDatabase();
  try {
    await runMigrations(scratch.target);
    const pending = await withDataSource(scratch.target, pendingSchemaChanges);
    if (pending.length > 0) {
      process.stderr.write(`Entities and migrations differ; run npm run db:migration:generate -- <Name>:\n${pending.join(';\n')}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write('Entities and migrations agree.\n');
  } finally {
    await scratch.close();
  }
}

async function withAppDatabase<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function createOrg(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      slug: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
    },
  });
  const { name, slug } = values;
  const email = values['admin-email'];
  const displayName = values['admin-name'];
  if (!name || !slug || !email || !displayName) throw new Error('org:create needs --name, --slug, --admin-email and --admin-name');
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) throw new Error('--slug: lower-case letters, digits and hyphens');
  // A random passphrase shown once; the admin must enrol a second factor at first sign-in.
  const password = randomBytes(18).toString('base64url');
  const problem = await passwordProblem(password, { organizationNames: [name, slug], email });
  if (problem) throw new Error(`generated password ${problem}; run again`);
  const passwordHash = await new PasswordService().hash(password);
  await withAppDatabase(async (db) => {
    await runMigrations(db.target);
    const { auditKey } = loadConfig().keys;
    await withDataSource(db.target, (ds) =>
      ds.transaction(async (manager) => {
        const org = await createOrganization(manager, name, slug);
        const admin = await createUser(manager, org.id, { email, displayName, role: 'admin', passwordHash });
        const base = { occurredAt: new Date(), requestId: 'cli:org:create', ip: null, actor: null, organizationId: org.id };
        await appendAuditEvent(manager, auditKey, { ...base, action: 'create', subjectType: 'Organization', subjectId: org.id, fields: ['name', 'slug'] });
        await appendAuditEvent(manager, auditKey, {
          ...base,
          action: 'create',
          subjectType: 'User',
          subjectId: admin.id,
          fields: ['email', 'displayName', 'role', 'password'],
        });
      }),
    );
  });
  process.stdout.write(
    `Organization "${name}" created with administrator ${email}.\nInitial password (shown once): ${password}\n` +
      'At first sign-in the administrator must set up two-step verification, then should change this password.\n',
  );
}

function wholeNumber(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = /^\d[\d_,]*$/.test(value) ? Number(value.replace(/[_,]/g, '')) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`${flag} must be a whole number of at least ${min}`);
  return n;
}

/** Demo data, then (with --cases) a bulk load of synthetic cases and their referrals, with a progress bar on stderr. */
async function seed(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { cases: { type: 'string' }, org: { type: 'string' }, seed: { type: 'string' }, caseworkers: { type: 'string' }, heavy: { type: 'string' } },
  });
  const cases = wholeNumber('--cases', values.cases, 0, 1);
  const generatorSeed = wholeNumber('--seed', values.seed, 42, 0);
  const caseworkers = values.caseworkers === undefined ? undefined : wholeNumber('--caseworkers', values.caseworkers, 0, 1);
  if (caseworkers !== undefined && caseworkers > 999) throw new Error('--caseworkers must be at most 999');
  if (values.heavy !== undefined && caseworkers === undefined) throw new Error('--heavy goes with --caseworkers');
  if ((caseworkers !== undefined || values.heavy !== undefined) && cases === 0) throw new Error('--caseworkers and --heavy go with --cases');
  const heavyCases = values.heavy === undefined ? undefined : wholeNumber('--heavy', values.heavy, 0, 0);
  if (heavyCases !== undefined && heavyCases > cases) throw new Error('--heavy must be at most --cases');
  const orgSlug = values.org ?? 'harbor';
  const config = loadConfig();
  if (!config.demo) throw new Error('Demo data is seeded only in demo mode (embedded database or LANTERN_DEMO=1)');
  await withAppDatabase(async (db) => {
    await runMigrations(db.target);
    await withDataSource(db.target, async (ds) => {
      const result = await seedDemo(ds, config);
      process.stdout.write(result.seeded ? 'Demo data seeded.\n' : 'Demo data was already there.\n');
      if (cases === 0) return;
      const { loadSyntheticCases } = await import('./seed/synthetic-loader.js');
      const bar = new ProgressBar(cases);
      const loaded = await loadSyntheticCases(ds, config, {
        org: orgSlug,
        cases,
        seed: generatorSeed,
        ...(caseworkers === undefined ? {} : { caseworkers }),
        ...(heavyCases === undefined ? {} : { heavyCases }),
        onProgress: (done) => bar.update(done),
      }).finally(() => bar.finish());
      const size = (await ds.query('SELECT pg_size_pretty(pg_database_size(current_database())) AS size')) as { size: string }[];
      // Where the organization's referrals stand now (the synthetic ones and any made before).
      const statuses = (await ds.query(
        `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE status = 'sent' AND sent_at < now() - interval '48 hours')::int AS overdue
           FROM referral WHERE organization_id = $1 GROUP BY status ORDER BY count(*) DESC`,
        [loaded.organizationId],
      )) as { status: string; n: number; overdue: number }[];
      const n = (v: number) => Math.round(v).toLocaleString('en-US');
      const overdue = statuses.reduce((sum, s) => sum + s.overdue, 0);
      process.stdout.write(
        `Loaded ${n(loaded.cases)} synthetic cases into "${orgSlug}" in ${loaded.seconds.toFixed(1)} s (${n(loaded.cases / loaded.seconds)}/s), seed ${generatorSeed}: ` +
          `${n(loaded.survivors)} survivors, ${n(loaded.intakes)} intakes, ${n(loaded.consents)} consents, ${n(loaded.notes)} notes, ` +
          `${n(loaded.statusChanges)} status changes, ${n(loaded.referrals)} referrals with ${n(loaded.referralTransitions)} transitions, ` +
          `${n(loaded.plans)} service plans (${n(loaded.planVersions)} agreed versions) with ${n(loaded.goals)} goals and ${n(loaded.tasks)} tasks, ` +
          `${n(loaded.assessments)} outcome assessments. ` +
          `Database size: ${size[0]?.size ?? '?'}.\n` +
          `Referrals of "${orgSlug}" by status: ${statuses.map((s) => `${s.status} ${n(s.n)}`).join(', ')} (${n(overdue)} overdue).\n`,
      );
      const cw = loaded.caseworkers;
      if (cw) {
        const others = cw.emails.length - (cw.heavyCases > 0 ? 1 : 0);
        const each = others > 0 ? n((cases - cw.heavyCases) / others) : '0';
        process.stdout.write(
          `Caseworkers: ${n(cw.emails.length)} synthetic (${cw.emails[0]}${cw.emails.length > 1 ? ` to ${cw.emails.at(-1)}` : ''}, ${n(cw.created)} made now, demo password); ` +
            (cw.heavyCases > 0 ? `${cw.emails[0]} carries ${n(cw.heavyCases)} cases, the others about ${each} each` : `about ${each} cases each`) +
            '; the demo caseworkers keep their demo caseloads.\n',
        );
      }
    });
  });
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  switch (command) {
    case 'migrate':
      await withAppDatabase(async (db) => {
        const applied = await runMigrations(db.target);
        process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Nothing to apply.\n');
      });
      break;
    case 'migration:check':
      await check();
      break;
    case 'migration:generate':
      if (!args[0]) throw new Error('migration:generate needs a name, e.g. AddCaseNotes');
      await generate(args[0]);
      break;
    case 'seed':
      await seed(args);
      break;
    case 'audit:verify': {
      const config = loadConfig();
      await withAppDatabase(async (db) => {
        await runMigrations(db.target);
        // The same run as the API's daily job: stored for the admins' audit page, and anchored when configured.
        const { report } = await withDataSource(db.target, (ds) => new AuditVerificationService(ds, config, new Clock()).run());
        const { message, exitCode } = describeVerification(report);
        (exitCode === 0 ? process.stdout : process.stderr).write(`${message}\n`);
        process.exitCode = exitCode;
      });
      break;
    }
    case 'keys:rotate': {
      const config = loadConfig();
      const cipher = new FieldCipher(config);
      await withAppDatabase(async (db) => {
        let last = '';
        const report = await withDataSource(db.target, (ds) =>
          rotateKeys(ds, cipher, (table, column, done) => {
            const name = `${table}.${column}`;
            process.stderr.write(`${last && last !== name ? '\n' : '\r'}${name}: ${done} re-encrypted`);
            last = name;
          }),
        );
        if (last) process.stderr.write('\n');
        process.stdout.write(`Every protected value is now under key ${report.keyId} (${report.total} re-encrypted).\n`);
        // The name search's keyed tokens (case-file/survivor-name-index.ts) follow LANTERN_BLIND_INDEX_KEY:
        // after it changed, every survivor is re-indexed under the new key; otherwise nothing is to do.
        const names = await withDataSource(db.target, (ds) => reindexSurvivorNames(ds, cipher, new BlindIndex(config)));
        if (names.survivors > 0) process.stdout.write(`Re-indexed the names of ${names.survivors} survivors for search under the current blind-index key.\n`);
        // So do the duplicate check's match tokens (case-file/survivor-match-index.ts).
        const matches = await withDataSource(db.target, (ds) => reindexSurvivorMatches(ds, cipher, new BlindIndex(config)));
        if (matches.survivors > 0) process.stdout.write(`Re-indexed ${matches.survivors} survivors for duplicate checks under the current blind-index key.\n`);
        if (config.keys.encryptionKeys.length > 1) {
          process.stdout.write('Older keys are no longer needed to read the data; remove them from LANTERN_ENCRYPTION_KEYS once backups made before now have expired.\n');
        }
      });
      break;
    }
    case 'org:create':
      await createOrg(args);
      break;
    default:
      process.stdout.write(`${USAGE}\n`);
      process.exitCode = command ? 1 : 0;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
