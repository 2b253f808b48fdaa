import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The size limits (tools/check-sizes.mjs; docs/architecture.md, "Size limits") proved on a small tree
 * laid out like the repository, with files deliberately one line too long: each is named with its count,
 * and the files at the limit, the tests and the non-service files beside them are not. CI runs the same
 * check on the real tree.
 */
const REPO = resolve(__dirname, '../../..');

interface Report {
  checked: number;
  over: { file: string; what: string; lines: number; max: number }[];
}

const lines = (n: number) => Array.from({ length: n }, (_, i) => `export const line${i} = ${i};\n`).join('');

function check(files: Record<string, string>): { status: number; report: Report; text: string } {
  const base = mkdtempSync(join(tmpdir(), 'lantern-sizes-'));
  try {
    for (const [path, source] of Object.entries(files)) {
      const file = join(base, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, source);
    }
    const run = (extra: string[]) => {
      try {
        return { status: 0, out: execFileSync(process.execPath, [join(REPO, 'tools/check-sizes.mjs'), '--base', base, ...extra], { cwd: REPO, encoding: 'utf8' }) };
      } catch (error) {
        const failed = error as { status: number; stdout: string };
        return { status: failed.status, out: failed.stdout };
      }
    };
    const json = run(['--json']);
    const text = run([]);
    expect(text.status).toBe(json.status);
    return { status: json.status, report: JSON.parse(json.out) as Report, text: text.out };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

const atTheLimits = {
  'apps/api/src/features/notes/note.service.ts': lines(400),
  'apps/web/src/notes/NotePage.tsx': lines(300),
  // Neither a service nor a component: no limit here.
  'apps/api/src/features/notes/note-queries.ts': lines(900),
  'apps/web/src/notes/note-labels.ts': lines(900),
  'apps/web/src/notes/NotePage.test.tsx': lines(900),
};

describe('size limits', () => {
  it('accepts a service of 400 lines and a component of 300, and leaves tests and other files alone', () => {
    const { status, report, text } = check(atTheLimits);
    expect(report).toEqual({ checked: 2, over: [] });
    expect(status).toBe(0);
    expect(text).toContain('2 files within their size limits');
  });

  it('names a service of 401 lines and a component of 301, with their counts, and fails', () => {
    const { status, report, text } = check({
      ...atTheLimits,
      'apps/api/src/workflows/closure/closure.service.ts': lines(401),
      'apps/web/src/cases/CaseShow.tsx': lines(300) + 'export const last = 1;', // 301 lines, the last without a newline
    });
    expect(status).toBe(1);
    expect(report.over).toEqual([
      { file: 'apps/api/src/workflows/closure/closure.service.ts', what: 'API service', lines: 401, max: 400 },
      { file: 'apps/web/src/cases/CaseShow.tsx', what: 'web component', lines: 301, max: 300 },
    ]);
    expect(text).toContain('apps/api/src/workflows/closure/closure.service.ts: 401 lines, over the 400-line limit');
    expect(text).toContain('apps/web/src/cases/CaseShow.tsx: 301 lines, over the 300-line limit');
  });
});
