import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { createProjectGraphAsync, readCachedProjectGraph } from '@nx/devkit';

// The boundary rule skips itself with only a warning when no project graph is cached (a bare
// `eslint` in a fresh clone would pass anything): build the graph first, failing if it cannot.
// Not when Nx itself loads this file (its ESLint plugin, while building that very graph: it
// would wait for itself), nor again from within the build below (plugins loaded in-process).
const loadedByNx = process.argv.slice(1).some((arg) => /[\\/]node_modules[\\/]nx[\\/]/.test(arg));
if (!loadedByNx && !process.env.HOOKPORT_BUILDING_PROJECT_GRAPH) {
  try {
    readCachedProjectGraph();
  } catch {
    process.env.HOOKPORT_BUILDING_PROJECT_GRAPH = '1';
    await createProjectGraphAsync({ exitOnError: true });
    delete process.env.HOOKPORT_BUILDING_PROJECT_GRAPH;
  }
}

// SQL lives in repositories (`*.repository.ts`, `*.sql.ts`) and migrations, where the query
// snapshot (services/<name>/sql/queries.sql) shows every change in review. A string or template
// that reads as a statement anywhere else in a service's source is an error.
const SQL_STATEMENT = /\b(SELECT|INSERT|UPDATE|DELETE)\b[\s\S]*?\b(FROM|INTO|SET)\b/;
const hookport = {
  rules: {
    'sql-in-repositories': {
      meta: {
        type: 'problem',
        messages: {
          sql: 'SQL belongs in a *.repository.ts or *.sql.ts file (see services/<name>/sql/queries.sql).',
        },
        schema: [],
      },
      create(context) {
        const check = (node, text) => {
          if (SQL_STATEMENT.test(text)) context.report({ node, messageId: 'sql' });
        };
        return {
          TemplateLiteral: (node) =>
            check(node, node.quasis.map((quasi) => quasi.value.raw).join('${}')),
          Literal: (node) => typeof node.value === 'string' && check(node, node.value),
        };
      },
    },
  },
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/.angular',
      '**/.nx',
      '.infra',
      '.hookport',
      '.artifacts',
      // Generated from openapi.json by @hey-api/openapi-ts; the drift test checks it.
      'libs/client/src/generated',
    ],
  },
  {
    files: ['**/*.ts'],
    rules: {
      // Services talk through Kafka events and the gateway, never through each other's code.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:api-schema', onlyDependOnLibsWithTags: ['type:contracts'] },
            { sourceTag: 'type:client', onlyDependOnLibsWithTags: [] },
            // Operator tools talk to Hookport (and Svix) over their public APIs only.
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:platform'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:api-schema', 'type:platform'],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:platform',
                'type:testing',
                'type:client',
              ],
            },
            {
              // Benchmarks drive the real stack as the tests do, and import what they import.
              sourceTag: 'type:bench',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:platform',
                'type:testing',
                'type:client',
              ],
            },
            {
              sourceTag: 'scope:portal-ui',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:client'],
            },
            {
              sourceTag: 'type:bundle',
              onlyDependOnLibsWithTags: [
                'type:app',
                'type:api-schema',
                'type:contracts',
                'type:platform',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'libs/**/*.ts',
      'services/**/*.ts',
      'all-in-one/**/*.ts',
      'tests/**/*.ts',
      'bench/**/*.ts',
      'tools/**/*.ts',
    ],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      // SWC emits decorator metadata only from written types: config fields keep their annotations.
      '@typescript-eslint/no-inferrable-types': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['services/*/src/**/*.ts'],
    ignores: ['**/*.repository.ts', '**/*.sql.ts', '**/*.spec.ts', '**/migrations/**'],
    plugins: { hookport },
    rules: { 'hookport/sql-in-repositories': 'error' },
  },
  prettier,
];
