// ESLint (flat config): typescript-eslint's strict type-checked rules, an import-cycle check,
// and Prettier left to format (eslint does not check style). `npm run lint` runs it with
// --max-warnings 0, so every rule here is an error in effect.
//
// Relaxed from strictTypeChecked, and why:
// - restrict-template-expressions / restrict-plus-operands: numbers and booleans in messages and
//   SQL text are the common, harmless case (objects, arrays and nullish values stay errors).
// - no-confusing-void-expression: arrow shorthands that return a void call (`(x) => log(x)`) are allowed.
// - no-non-null-assertion: Map lookups and env values that construction guarantees are asserted with `!`.
// - require-await: resolvers, loaders and interface implementations are async by contract.
// - no-unnecessary-condition: checks at trust boundaries (router.yaml, GraphQL input, JSON from
//   other processes) test what the declared type promises but the outside may not keep.
// - no-base-to-string: String(x) on such parsed input is deliberate.
// - no-unsafe-class-instance-assignment: type-graphql object types are classes used as shapes;
//   resolvers answer plain objects by design.
// - no-unsafe-enum-assignment / -comparison: enum values come from SQL rows and GraphQL as strings.
// - no-dynamic-delete: header and record maps are plain objects.
// - no-unsafe-function-type: type-graphql's own API types classes and resolvers as `Function`.
// - no-unused-vars: names starting with `_` are deliberately unused.
// - tests and bench/: the no-unsafe-* family and no-explicit-any are off (they read untyped JSON
//   answers; typed queries come from GraphQL Code Generator, test/generated/).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'bench/results/**', 'test/generated/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: { ...importX.flatConfigs.typescript.settings, 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-plus-operands': ['error', { allowNumberAndString: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      '@typescript-eslint/no-unsafe-enum-assignment': 'off',
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      '@typescript-eslint/no-dynamic-delete': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
    },
  },
);
