// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import path from 'node:path'

/** Dependency direction (STYLE.md §1): web → contracts → core; server → contracts → core; cli → server, core. */
const noImport = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message })) }],
})

const SERVER_MODULES = path.join(import.meta.dirname, 'packages', 'server', 'src', 'modules')

/** `{ name, rest }` when `file` lies in `packages/server/src/modules/<name>/<rest>`, else undefined. */
const serverModuleOf = (/** @type {string} */ file) => {
  const rel = path.relative(SERVER_MODULES, file)
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined
  const [name = '', ...rest] = rel.split(path.sep)
  return rest.length === 0 ? undefined : { name, rest: rest.join('/') }
}

/**
 * Modules reach each other only through their entry (#15, STYLE.md §10): an import of
 * `modules/<other>/<file>` other than `modules/<other>/index.(js|ts)` is reported. A file may
 * import anything inside its own module folder (its tests included).
 * @type {import('eslint').Rule.RuleModule}
 */
const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'import another server module only through its index.ts' },
    messages: {
      internal:
        "'{{spec}}' reaches into module '{{module}}': import from its entry 'modules/{{module}}/index.js' (docs/adding-a-module.md)",
    },
    schema: [],
  },
  create(context) {
    const own = serverModuleOf(context.filename)?.name
    /** @param {import('estree').Node | null | undefined} source */
    const check = (source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string' || !source.value.startsWith('.'))
        return
      const target = serverModuleOf(path.resolve(path.dirname(context.filename), source.value))
      if (!target || target.name === own || /^index\.(js|ts)$/.test(target.rest)) return
      context.report({
        node: source,
        messageId: 'internal',
        data: { spec: source.value, module: target.name },
      })
    }
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    }
  },
}

export const localPlugin = { rules: { 'module-boundaries': moduleBoundaries } }

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
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { local: localPlugin },
    rules: {
      'local/module-boundaries': 'error',
      'max-lines': ['error', { max: 500, skipBlankLines: true, skipComments: true }],
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
    // The console's files stay smaller: one component per file (#15).
    files: ['packages/web/src/**/*.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'max-lines': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
)
