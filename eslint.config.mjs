// Flat config. The one rule that matters most: the engine and the front ends stay pure
// (no `vscode`, no DOM), so they also run in the CLI, a worker and a browser.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureCore = {
  files: ['src/engine/**/*.ts', 'src/frontends/**/*.ts', 'src/analysis/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', {
      paths: [{ name: 'vscode', message: 'engine/ and frontends/ are pure: no vscode API here.' }],
      patterns: [
        { group: ['**/editor/**', '**/commands/**', '**/panel/**', '**/webview/**'], message: 'The pure core must not depend on the VS Code layer.' },
      ],
    }],
    'no-restricted-globals': ['error', 'document', 'window', 'navigator', 'HTMLElement'],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/fixtures/**', '.test-artifacts/**', 'media/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'No default exports.' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable' } },
  },
  pureCore,
);
