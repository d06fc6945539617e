// Flat config. Besides the style rules, it enforces the layout's boundaries (see
// docs/architecture.md), one `no-restricted-imports` set per folder:
// - the core (src/engine, src/frontends, src/analysis) is pure: no `vscode`, no DOM, no
//   VS Code layer, so it also runs in the CLI, a worker and a browser;
// - the engine never imports the front ends or the glue above it;
// - the Python and the TypeScript front ends do not import each other;
// - the webview imports only the protocol and pure modules (src/engine, src/analysis).
// A later config object replaces an earlier one's options for the same rule, so each
// folder's entry below carries its full set. test/unit/architecture/boundaryLint.test.ts
// plants a violation of each rule and checks that the lint reports it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noVscode = { name: 'vscode', message: 'The core and the webview are pure: no vscode API here.' };
const vscodeLayer = {
  group: ['**/editor/**', '**/commands/**', '**/panel/**', '**/webview/**', '**/featureMaps/**', '**/cli/**', '**/cli', '**/extension', '**/protocol'],
  message: 'The pure core must not depend on the VS Code layer, the CLI or the webview.',
};
const engineUpward = {
  group: ['**/frontends/**', '**/analysis/**'],
  message: 'The engine never imports the front ends or the analysis glue: they build on it.',
};
const pythonToTypescript = {
  group: ['**/typescript/**'],
  message: 'The Python front end does not import the TypeScript front end: share code through src/engine.',
};
const typescriptToPython = {
  group: ['**/python/**'],
  message: 'The TypeScript front end does not import the Python front end: share code through src/engine.',
};
const webviewReach = {
  regex: '^(\\.\\./)+src/(?!protocol$|engine/|analysis/)',
  message: 'The webview imports only src/protocol.ts and pure modules (src/engine, src/analysis).',
};

/** One folder's import boundary: `vscode` is always out, plus the given patterns. */
function boundary(files, ...patterns) {
  return { files, rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns }] } };
}

const pureCore = {
  files: ['src/engine/**/*.ts', 'src/frontends/**/*.ts', 'src/analysis/**/*.ts'],
  rules: {
    'no-restricted-imports': ['error', { paths: [noVscode], patterns: [vscodeLayer] }],
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
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
      },
    },
  },
  pureCore,
  boundary(['src/engine/**/*.ts'], vscodeLayer, engineUpward),
  boundary(['src/frontends/python/**/*.ts'], vscodeLayer, pythonToTypescript),
  boundary(['src/frontends/typescript/**/*.ts'], vscodeLayer, typescriptToPython),
  boundary(['webview/**/*.ts'], webviewReach),
);
