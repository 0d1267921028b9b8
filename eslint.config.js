// ESLint: type-aware rules, plus the architecture rules: only src/cli touches the process,
// stdout and exit codes (STYLE.md, "Pure cores, thin shells"), and the folder arrows of
// DESIGN.md's folder table (which src/ folder may import which).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const processBoundary = {
  'no-restricted-globals': [
    'error',
    { name: 'process', message: 'Only src/cli may read process; pass values in.' },
  ],
  'no-console': 'error',
  'no-restricted-syntax': [
    'error',
    {
      selector: "ImportDeclaration[source.value='node:process']",
      message: 'Only src/cli may import node:process.',
    },
    {
      // esquery regexes cannot hold a '/': \\W stands for it.
      selector: 'ImportExpression[source.value=/^(\\.\\.\\W)+cli\\W|^\\.\\Wcli\\W/]',
      message: 'Nothing outside src/cli imports src/cli.',
    },
  ],
};

/**
 * Folder arrows as import rules. Imports inside src/ are relative, so each rule matches the
 * import string: a pattern for the folders a file must not reach. Within one folder, the most
 * specific entry below wins (ESLint replaces a rule's options), so every entry also forbids
 * src/cli. Type-only imports are allowed where `allowTypeImports` says so.
 */
const restrictImports = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});
const CLI = {
  regex: '^(\\.\\./)+cli/|^\\./cli/',
  message: 'Nothing outside src/cli imports src/cli.',
};
const folderArrows = [
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: restrictImports(CLI),
  },
  {
    files: ['src/record/**/*.ts'],
    rules: restrictImports({
      regex: '^\\.\\./',
      message:
        'src/record imports nothing from src/ outside itself (it is the contract every command reads).',
    }),
  },
  {
    files: ['src/model/**/*.ts'],
    rules: restrictImports(
      {
        regex: '^\\.\\./(?!record/|errors\\.js$)',
        message: 'src/model imports only types from src/record, and src/errors.ts.',
      },
      {
        regex: '^\\.\\./record/',
        allowTypeImports: true,
        message: 'src/model imports only types from src/record (write `import type`).',
      },
    ),
  },
  {
    files: ['src/notes-api/**/*.ts'],
    rules: restrictImports(
      {
        regex: '^\\.\\./(?!model/|record/|random/|errors\\.js$)',
        message:
          'src/notes-api imports only src/model, src/record types, src/random and src/errors.ts.',
      },
      {
        regex: '^\\.\\./record/',
        allowTypeImports: true,
        message: 'src/notes-api imports only types from src/record (write `import type`).',
      },
    ),
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'reports/', 'test-artifacts/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/cli/**'],
    rules: processBoundary,
  },
  ...folderArrows,
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: null },
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        performance: 'readonly',
      },
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'max-lines': 'off',
    },
  },
);
