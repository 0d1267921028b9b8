// ESLint: type-aware rules, plus the architecture rule that only src/cli touches the process,
// stdout and exit codes (STYLE.md, "Pure cores, thin shells").
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
  ],
};

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
