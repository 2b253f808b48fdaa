// `npm test`: the API's and libraries' tests (jest: unit *.spec.ts and integration *.int-spec.ts on the
// embedded database, or on fresh databases of DATABASE_URL's server) and the web app's unit tests
// (vitest, apps/web/src/**/*.test.ts). Arguments go to jest; with a path or pattern among them
// (`npm test -- apps/api/src/features/cases`), only jest runs.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const run = (command, list) => spawnSync(command, list, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

const jest = run('npx', ['jest', ...args]);
const filtered = args.some((arg) => !arg.startsWith('-'));
const web = filtered ? 0 : run('npx', ['vitest', 'run', '--config', 'apps/web/vitest.config.ts']);
process.exit(jest || web);
