import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Test files that replace modules or globals (`vi.mock`, `vi.doMock`, `vi.stubGlobal`, `vi.stubEnv`):
 * each needs a module graph of its own, or its mock would be ignored by modules another file loaded
 * first, or leak into the next. Found by reading the files, so a new one is put here by itself.
 */
const replacing = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.test\.tsx?$/.test(file))
  .filter((file) => /\bvi\.(mock|doMock|stubGlobal|stubEnv)\(/.test(readFileSync(join(root, 'src', file), 'utf8')))
  .map((file) => `src/${file.split('\\').join('/')}`);

/**
 * The web app's unit tests (issue 10): its hooks, the HTTP client and the data provider, in a simulated
 * DOM (happy-dom), with the app's own Vite configuration. `npm run test:web`; CI runs it as a step of
 * its own. Browser journeys stay in e2e/ (Playwright, real Chromium).
 *
 * Most of a run was spent evaluating react-admin and MUI again for every file (import 80 s, tests 10 s,
 * on two cores). The files that replace nothing share one module graph and DOM per worker (`isolate:
 * false`), so those modules are evaluated once per worker; what a test rendered is unmounted after it
 * (src/test-setup.ts, run for every file). The files that replace modules or globals keep one each.
 */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      restoreMocks: true,
      setupFiles: ['src/test-setup.ts'],
      projects: [
        { extends: true, test: { name: 'shared', include: ['src/**/*.test.{ts,tsx}'], exclude: replacing, isolate: false } },
        { extends: true, test: { name: 'isolated', include: replacing.length > 0 ? replacing : ['no-such-file'] } },
      ],
    },
  }),
);
