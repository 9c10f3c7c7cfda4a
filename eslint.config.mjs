import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * Import boundaries (docs/architecture.md):
 * - libs are pure: no framework, ORM, database driver or app code;
 * - a feature reaches another feature through that module's exported services, never its repository (its SQL).
 */
const PURE = {
  patterns: [
    {
      group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*', 'fastify', 'graphile-worker'],
      message: 'libs are pure: no framework, ORM or database imports.',
    },
    { group: ['**/apps/**', '../../apps/*'], message: 'libs never import the app.' },
  ],
};
const FEATURE_SQL = {
  patterns: [
    {
      group: ['../*/*.repository', '../../*/*.repository', '../*/*.repository.js'],
      message: "another feature's SQL is reached through its module's exported service, not its repository.",
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  { files: ['libs/**/*.ts'], ignores: ['libs/**/*.spec.ts'], rules: { 'no-restricted-imports': ['error', PURE] } },
  {
    files: ['apps/api/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'apps/api/src/database/**', 'apps/api/src/cli/**'],
    rules: { 'no-restricted-imports': ['error', FEATURE_SQL] },
  },
);
