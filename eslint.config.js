// Lint: type-aware rules plus the import boundaries of docs/architecture.md.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const boundary = (patterns, message) => ({ 'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }] });

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.test-data/', 'drizzle/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['src/shared/**'], rules: boundary(['**/server/**', '**/web/**'], 'shared/ runs in Node and the browser: it imports nothing from server/ or web/.') },
  { files: ['src/web/**'], rules: boundary(['**/server/**'], 'The web app talks to the server over HTTP only; share types through src/shared/contracts.') },
  { files: ['src/web/ui/**'], rules: boundary(['**/domains/**', '**/server/**'], 'web/ui/ is shared components: it imports nothing from domains/.') },
  { files: ['src/server/**/*.routes.ts'], rules: boundary(['**/*.queries*', '**/db/**', 'drizzle-orm*'], 'Routes call services; only *.queries.ts touch tables.') },
);
