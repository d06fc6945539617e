/**
 * The layout's boundaries are enforced by ESLint (eslint.config.mjs): for each rule, a
 * planted violation in the right folder is reported, and a legal import is not. The code is
 * linted in memory under a path inside the folder, so nothing is written to the tree.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { ESLint } from 'eslint';
import { repoRoot } from '../../support/paths';

const boundaryRules = new Set(['no-restricted-imports', 'no-restricted-globals']);
let eslint: ESLint;

/** The boundary messages ESLint reports for `code` as if it were the file `relativePath`. */
async function boundaryFindings(relativePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, relativePath) });
  assert.ok(result, 'ESLint returned no result');
  return result.messages.filter((message) => message.ruleId !== null && boundaryRules.has(message.ruleId)).map((message) => message.message);
}

/** A module that imports `specifier` and uses it, so only the boundary rules can object. */
function importing(specifier: string): string {
  return `import * as planted from '${specifier}';\n\nexport const used = planted;\n`;
}

interface Case {
  readonly rule: string;
  readonly file: string;
  readonly code: string;
}

const violations: Case[] = [
  { rule: 'the engine never imports vscode', file: 'src/engine/planted.ts', code: importing('vscode') },
  { rule: 'the front ends never import vscode', file: 'src/frontends/python/planted.ts', code: importing('vscode') },
  { rule: 'the analysis glue never imports vscode', file: 'src/analysis/planted.ts', code: importing('vscode') },
  { rule: 'the core never imports the VS Code layer', file: 'src/analysis/planted.ts', code: importing('../editor/hoverContent') },
  { rule: 'the core never uses the DOM', file: 'src/frontends/planted.ts', code: 'export const title = document.title;\n' },
  { rule: 'the engine never imports the front ends', file: 'src/engine/torch/planted.ts', code: importing('../../frontends/python/analyzePython') },
  { rule: 'the engine never imports the analysis glue', file: 'src/engine/planted.ts', code: importing('../analysis/format') },
  { rule: 'the Python front end never imports the TypeScript front end', file: 'src/frontends/python/keras/planted.ts', code: importing('../../typescript/jsValues') },
  { rule: 'the TypeScript front end never imports the Python front end', file: 'src/frontends/typescript/planted.ts', code: importing('../python/syntax') },
  { rule: 'the webview never imports vscode', file: 'webview/planted.ts', code: importing('vscode') },
  { rule: 'the webview never imports the panel host', file: 'webview/planted.ts', code: importing('../src/panel/tableModel') },
  { rule: 'the webview never imports the editor', file: 'webview/planted.ts', code: importing('../src/editor/hoverContent') },
  { rule: 'the webview never imports the commands', file: 'webview/planted.ts', code: importing('../src/commands/openInspector') },
];

const legal: Case[] = [
  { rule: 'the engine imports the engine', file: 'src/engine/torch/planted.ts', code: importing('../report') },
  { rule: 'a front end imports the engine', file: 'src/frontends/python/planted.ts', code: importing('../../engine/report') },
  { rule: 'the TypeScript front end imports the shared tree-sitter loader', file: 'src/frontends/typescript/planted.ts', code: importing('../treeSitter') },
  { rule: 'the analysis glue imports the front ends', file: 'src/analysis/planted.ts', code: importing('../frontends/treeSitter') },
  { rule: 'the webview imports the protocol', file: 'webview/planted.ts', code: importing('../src/protocol') },
  {
    rule: 'the webview imports pure modules',
    file: 'webview/planted.ts',
    code: `import * as format from '../src/analysis/format';\nimport * as report from '../src/engine/report';\n\nexport const used = [format, report];\n`,
  },
  { rule: 'the editor may import vscode', file: 'src/editor/planted.ts', code: importing('vscode') },
];

describe('architecture: the boundary lint', function () {
  this.timeout(60000);

  before(() => {
    eslint = new ESLint({ cwd: repoRoot });
  });

  for (const { rule, file, code } of violations) {
    it(`reports a planted violation: ${rule} (${file})`, async () => {
      const findings = await boundaryFindings(file, code);
      assert.equal(findings.length, 1, `expected one boundary finding, got: ${JSON.stringify(findings)}`);
    });
  }

  for (const { rule, file, code } of legal) {
    it(`accepts a legal import: ${rule} (${file})`, async () => {
      assert.deepEqual(await boundaryFindings(file, code), []);
    });
  }
});
