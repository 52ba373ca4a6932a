import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { boundaries } from './scripts/eslint/boundaries.js';

// Database writes: only a feature's commands.ts makes them (ADR 17).
const WRITES = 'insertInto|updateTable|deleteFrom|replaceInto|mergeInto|transaction';

// Rules are errors or off, never warnings: a warning nobody acts on is noise.
export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      // process.env is read in one place only: src/config.ts.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through src/config.ts' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    rules: { 'boundaries/feature-boundaries': 'error' },
  },
  {
    // The anatomy of a feature (ADR 17): writes live in commands.ts, who-may-do-what in src/policies/.
    files: ['src/features/**/*.{ts,tsx}'],
    ignores: ['src/features/**/commands.ts', 'src/features/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression > MemberExpression.callee[property.name=/^(${WRITES})$/]`,
          message: 'Only a feature’s commands.ts writes to the database (docs/decisions/0017-feature-anatomy.md).',
        },
        { selector: "MemberExpression[property.name='cohortRoles']", message: 'Ask a named rule in src/policies/ instead of reading roles.' },
        { selector: "MemberExpression[object.name='actor'][property.name='role']", message: 'Ask a named rule in src/policies/ instead of reading roles.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: 'policies/(actor|index)\\.ts$',
              importNames: ['hasOrgRole', 'hasCohortRole'],
              message: 'Role checks live in src/policies/: add a named can*() rule there.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/features/**/commands.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='cohortRoles']", message: 'Ask a named rule in src/policies/ instead of reading roles.' },
        { selector: "MemberExpression[object.name='actor'][property.name='role']", message: 'Ask a named rule in src/policies/ instead of reading roles.' },
      ],
    },
  },
  {
    files: ['src/config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: {
      globals: {
        document: 'readonly',
        HTMLElement: 'readonly',
        HTMLTextAreaElement: 'readonly',
        HTMLFormElement: 'readonly',
        HTMLInputElement: 'readonly',
        FormData: 'readonly',
        fetch: 'readonly',
        window: 'readonly',
      },
    },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
