// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import layers from './lint/layers.js';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'web/src/**/*.{ts,tsx}'],
    plugins: { classif: layers },
    rules: { 'classif/layers': ['error', { root: import.meta.dirname }] },
  },
  {
    // Explanations as data: the engine gives reason codes and params; sentences are the renderer's.
    files: ['src/classify/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/reasons-fr.js'], message: 'Le moteur ne rédige pas : il donne des codes de raison, rendus par src/model/reasons-fr.ts.' }] }],
    },
  },
);
