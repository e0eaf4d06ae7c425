// Lint: typescript-eslint, React hooks, jsx-a11y and no import cycles; Prettier owns layout.
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

export default tseslint.config(
  {
    ignores: [
      'build/',
      'data/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'tests/.tmp/',
      '.cache/',
      // import cycles on purpose, linted by tests/unit/no-cycle.test.ts
      'tests/fixtures/no-cycle/',
    ],
  },
  ...tseslint.configs.recommended,
  reactHooks.configs['recommended-latest'],
  jsxA11y.flatConfigs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      // Without these import-x reads no .ts file it resolves, and no-cycle passes every cycle in
      // silence (tests/unit/no-cycle.test.ts proves it catches one).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Settings are read once, by app/config.server.ts (docs/decisions/0019-configuration.md). Tests
    // may read their own variables (TEST_DATABASE_URL_PG); the bench hands its server an environment;
    // server/index.ts sets NODE_ENV before React loads.
    files: ['app/**', 'db/**', 'scripts/**', 'server/**'],
    ignores: ['app/config.server.ts', '**/*.test.ts', 'scripts/bench.ts', 'server/index.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read settings through config() (app/config.server.ts).',
        },
      ],
    },
  },
  {
    // Playwright fixtures call their own `use`, which is not React's hook.
    files: ['tests/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
  prettier,
)
