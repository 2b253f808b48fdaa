import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The dependency rules (tools/architecture-rules.cjs) proved on a small tree laid out like the API, with
 * one deliberately wrong import per rule: each must be reported, under its own rule, and the allowed
 * imports beside them must not be. CI runs the same check on the real tree (tools/check-architecture.mjs).
 */
const REPO = resolve(__dirname, '../../..');

interface Report {
  violations: { rule: string; from: string; to: string }[];
  unexplainedCycles: string[][];
}

function check(files: Record<string, string>): { status: number; report: Report } {
  const base = mkdtempSync(join(tmpdir(), 'lantern-architecture-'));
  try {
    for (const [path, source] of Object.entries(files)) {
      const file = join(base, 'apps/api/src', path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, source);
    }
    try {
      const out = execFileSync(process.execPath, [join(REPO, 'tools/check-architecture.mjs'), '--base', base, '--json'], { cwd: REPO, encoding: 'utf8' });
      return { status: 0, report: JSON.parse(out) as Report };
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      return { status: failed.status, report: JSON.parse(failed.stdout) as Report };
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

const src = (path: string) => `apps/api/src/${path}`;
const feature = {
  'features/partners/index.ts': "export { PartnerService } from './partner.service.js';\n",
  'features/partners/partner.service.ts': "export class PartnerService {}\n",
  'features/partners/partner.entity.ts': 'export class Partner {}\n',
  'workflows/closure/closure.service.ts': "import { PartnerService } from '../../features/partners/index.js';\nexport const closure = PartnerService;\n",
  'kernel/http/errors.ts': 'export const errors = 1;\n',
};

describe('dependency rules', () => {
  jest.setTimeout(60_000);

  it('accepts imports that go down the layers, and features that meet through index.ts', () => {
    const { status, report } = check({
      ...feature,
      'access/auth/session.ts': "import { errors } from '../../kernel/http/errors.js';\nexport const s = errors;\n",
      'case-file/case.entity.ts': "import { s } from '../access/auth/session.js';\nexport const c = s;\n",
      'features/notes/note.service.ts': "import { PartnerService } from '../partners/index.js';\nimport { c } from '../../case-file/case.entity.js';\nexport const n = [PartnerService, c];\n",
      'app.module.ts': "import { closure } from './workflows/closure/closure.service.js';\nexport const app = closure;\n",
      'features/notes/note.int-spec.ts': "import { Partner } from '../partners/partner.entity.js';\nexport const t = Partner;\n",
    });
    expect(report.violations).toEqual([]);
    expect(report.unexplainedCycles).toEqual([]);
    expect(status).toBe(0);
  });

  it.each([
    ['kernel-is-the-floor', 'kernel/config/config.ts', "import { PartnerService } from '../../features/partners/index.js';\nexport const x = PartnerService;\n"],
    ['access-needs-only-kernel', 'access/auth/auth.service.ts', "import { PartnerService } from '../../features/partners/index.js';\nexport const x = PartnerService;\n"],
    ['case-file-below-features', 'case-file/survivor.entity.ts', "import { PartnerService } from '../features/partners/index.js';\nexport const x = PartnerService;\n"],
    ['features-below-workflows', 'features/notes/note.service.ts', "import { closure } from '../../workflows/closure/closure.service.js';\nexport const x = closure;\n"],
    ['feature-through-its-index', 'features/notes/note.service.ts', "import { Partner } from '../partners/partner.entity.js';\nexport const x = Partner;\n"],
  ])('reports %s for a deliberately wrong import', (rule, path, source) => {
    const { status, report } = check({ ...feature, [path]: source });
    expect(status).toBe(1);
    expect(report.violations).toContainEqual(expect.objectContaining({ rule, from: src(path) }));
    expect(report.violations.every((v) => v.from === src(path))).toBe(true);
  });

  it('reports a table named in raw SQL outside the folder that owns it; its own folder, the case file and workflows may', () => {
    const tables = {
      ...feature,
      'features/partners/partner.entity.ts': "@Entity('partner')\nexport class Partner {}\n",
      'case-file/case.entity.ts': "@Entity('survivor_case')\nexport class Case {}\n",
      'features/partners/partner.repository.ts': 'export const q = `SELECT id FROM partner WHERE id = $1`;\n',
      'features/notes/note.repository.ts': "export const q = 'UPDATE survivor_case SET last_contact_at = now()';\n",
      'workflows/closure/closure.repository.ts': "export const q = 'SELECT count(*) FROM partner JOIN survivor_case c ON true';\n",
    };
    const clean = check(tables);
    expect(clean.report.violations).toEqual([]);
    expect(clean.status).toBe(0);

    const wrong = 'features/notes/note.service.ts';
    const { status, report } = check({ ...tables, [wrong]: 'export const q = `DELETE FROM partner WHERE id = $1`;\n' });
    expect(status).toBe(1);
    expect(report.violations).toEqual([expect.objectContaining({ rule: 'table-in-its-own-folder', from: src(wrong), to: 'partner (features/partners)' })]);
  });

  it('reports a cycle between two files, and a cycle between two folders that no file-level check sees', () => {
    const files = check({
      ...feature,
      'kernel/config/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'kernel/config/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
    });
    expect(files.status).toBe(1);
    expect(files.report.violations.map((v) => v.rule)).toContain('no-file-cycles');

    // seed/ is exempt from the layers but not from cycles, nor is the generator (tools/synthetic/src), whose
    // cases, referrals and plans once imported one another.
    const seedAndGenerator = check({
      ...feature,
      'seed/loader.ts': "import { password } from './demo.js';\nexport const loader = password;\n",
      'seed/demo.ts': "export const password = 'x';\nexport const load = () => import('./loader.js');\n",
      '../../../tools/synthetic/src/cases.ts': "import { referrals } from './referrals.js';\nexport const cases = referrals;\n",
      '../../../tools/synthetic/src/referrals.ts': "import type { cases } from './cases.js';\nexport const referrals = 1 as unknown as typeof cases;\n",
    });
    expect(seedAndGenerator.status).toBe(1);
    // One violation per cycle, named by one of its files.
    const cycles = seedAndGenerator.report.violations.filter((v) => v.rule === 'no-file-cycles').map((v) => v.from.split('/').slice(0, -1).join('/'));
    expect(cycles.sort()).toEqual([src('seed'), 'tools/synthetic/src']);

    const folders = check({
      ...feature,
      'access/auth/guard.ts': "import { rules } from '../authz/rules.js';\nexport const guard = rules;\n",
      'access/authz/rules.ts': 'export const rules = 1;\n',
      'access/authz/policy.ts': "import { session } from '../auth/session.js';\nexport const policy = session;\n",
      'access/auth/session.ts': 'export const session = 1;\n',
    });
    expect(folders.report.violations).toEqual([]);
    expect(folders.report.unexplainedCycles).toEqual([['access/auth', 'access/authz']]);
    expect(folders.status).toBe(1);
  });
});
