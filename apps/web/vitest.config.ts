import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';

/**
 * The web app's unit tests (issue 10): its hooks, the HTTP client and the data provider, in a simulated
 * DOM (happy-dom), with the app's own Vite configuration. `npm run test:web`; CI runs it as a step of
 * its own. Browser journeys stay in e2e/ (Playwright, real Chromium).
 */
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.test.{ts,tsx}'],
      restoreMocks: true,
    },
  }),
);
