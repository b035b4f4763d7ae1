// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

/** Dependency direction (STYLE.md §1): web → contracts → core; server → contracts → core; cli → server, core. */
const noImport = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
})

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'data/**',
      '**/*.generated.ts',
      'packages/web/vite.config.ts',
      '.bench-data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.check.json', './packages/web/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['packages/core/**/*.ts'],
    rules: noImport(
      [
        'node:*',
        'fs',
        'path',
        'crypto',
        'kysely',
        'pg',
        'fastify',
        '@fastify/*',
        '@lianfang/*',
        'react',
        'antd',
      ],
      'core is pure domain logic: no I/O, no frameworks, no other workspace package (STYLE.md §1)',
    ),
  },
  {
    files: ['packages/contracts/**/*.ts'],
    rules: noImport(
      [
        'node:*',
        'kysely',
        'pg',
        'fastify',
        '@fastify/*',
        '@lianfang/server',
        '@lianfang/web',
        '@lianfang/cli',
        'react',
      ],
      'contracts holds API schemas only and depends on core alone (STYLE.md §1)',
    ),
  },
  {
    files: ['packages/server/**/*.ts'],
    rules: noImport(
      ['@lianfang/web', '@lianfang/cli', 'react', 'antd'],
      'server must not depend on web or cli',
    ),
  },
  {
    files: ['packages/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: noImport(
      ['@lianfang/server', '@lianfang/server/*', '@lianfang/cli', 'node:*', 'kysely', 'pg'],
      'web talks to the server over HTTP through contracts only',
    ),
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
)
