import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import i18next from 'eslint-plugin-i18next';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'tmp/**', 'data/**', '**/*.cjs', '**/*.mjs', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    rules: {
      // Real boundaries (docs/architecture.md): the web app never imports the API and vice versa; shared libs import
      // only shared libs.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // The one exception: the browser journeys use the API's in-process SMTP server for tests
          // (apps/api/src/testing/smtp-catcher.ts, node built-ins and smtp-server only) rather than a copy.
          allow: ['../../apps/api/src/testing/smtp-catcher'],
          depConstraints: [
            // The API's loader and demo seed use the synthetic-data generator (tools/synthetic); the web app never does.
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared', 'scope:tools'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Nest resolves constructor parameters from decorator metadata: a class imported "only as a type"
    // is needed at run time, so this rule would break dependency injection in the API.
    files: ['apps/api/**/*.ts', 'migrations/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    // Every word a person reads goes through the i18n provider (apps/web/src/i18n): text between tags and the
    // attributes people read or hear are refused as literals; class names, test ids, keys, sx, variants and
    // routes are not words and stay literal. tools/check-web-i18n.mjs proves the rule still catches a literal.
    files: ['apps/web/src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            include: ['label', 'title', 'placeholder', 'alt', 'aria-label', 'helperText', 'emptyText', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'content', 'primary', 'secondary', 'tooltip'],
          },
          // Not words: punctuation and digits, codes in capitals ("LN-2026-00042"), typographic marks, the product's
          // name, and translation keys (react-admin translates the keys it is given as label, title, emptyText…).
          // Strings only: ESLint's config cannot carry RegExps.
          words: { exclude: ['[0-9!-/:-@[-`{-~]+', '[A-Z0-9_-]+', '[\\s—–·…•→←×✓]+', 'Lantern', '(ra|lantern|resources)\\.[A-Za-z0-9_.-]+'] },
          // A call's arguments are keys, ids and field names (`translate('lantern.…')`, `can('read', 'Metrics')`).
          callees: { exclude: ['.*'] },
          // Text built in a template literal is text too.
          'should-validate-template': true,
          message: 'Translate this text (apps/web/src/i18n): literal string',
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', 'e2e/**/*.ts', 'apps/api/src/testing/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // One test clock (issue 10): the API's time in its integration tests is `t.clock.now()`
    // (apps/api/src/testing/test-clock.ts), which the tests move; the machine's `new Date()` beside it
    // drifts from the app's as soon as a test advances the clock. `Date.now()` stays for unique names
    // and elapsed time.
    files: ['apps/api/src/**/*.int-spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "Use the app's clock (t.clock.now(), apps/api/src/testing/test-clock.ts), not the machine's.",
        },
      ],
    },
  },
);
