// Entry point that VS Code's extension host calls (extensionTestsPath): runs every
// compiled `*.test.js` next to this file with mocha, inside the real extension host.
// It resolves with nothing when all tests pass and rejects otherwise, which VS Code turns
// into the exit code (codeAutomationExit in the browser, the process code in Electron).
// The summary also goes to a JSON file (CONV_INSPECTOR_TEST_RESULT) because the runner
// cannot see the extension host's stdout when VS Code runs in a browser.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Mocha from 'mocha';
import type { MochaOptions, Runner } from 'mocha';

/** One finished test, as written to the JSON result file. */
export interface IntegrationTestOutcome {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

/** The JSON result file's content. */
export interface IntegrationRunResult {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  tests: IntegrationTestOutcome[];
}

function compiledTestFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.js'))
    .sort()
    .map((file) => join(dir, file));
}

function collectOutcomes(runner: Runner): IntegrationRunResult {
  const result: IntegrationRunResult = { passed: 0, failed: 0, pending: 0, durationMs: 0, tests: [] };
  const started = Date.now();
  runner.on('end', () => {
    result.durationMs = Date.now() - started;
  });
  runner.on('pass', (test) => {
    result.passed++;
    result.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
  });
  runner.on('fail', (test, error: Error) => {
    result.failed++;
    result.tests.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error.stack ?? String(error) });
  });
  runner.on('pending', () => {
    result.pending++;
  });
  return result;
}

/** Called by VS Code once the extension host is up. */
export async function run(): Promise<void> {
  // mocha stays out of the bundle (it loads reporters by name) and comes from the repo's
  // node_modules. mocha 12 is an ES module: require() gives its namespace, whose default
  // export is the class (older mochas give the class itself).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('mocha') as { default?: typeof Mocha } & typeof Mocha;
  const MochaClass = loaded.default ?? loaded;
  const options: MochaOptions = { ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' };
  const mocha = new MochaClass(options);
  const files = compiledTestFiles(__dirname);
  for (const file of files) mocha.addFile(file);
  // A subset while working on one area: CONV_INSPECTOR_TEST_GREP reaches the host from the runner's environment.
  if (process.env.CONV_INSPECTOR_TEST_GREP) mocha.grep(process.env.CONV_INSPECTOR_TEST_GREP);

  const resultPath = process.env.CONV_INSPECTOR_TEST_RESULT;
  const result = await new Promise<IntegrationRunResult>((resolve) => {
    const runner = mocha.run(() => resolve(outcomes));
    const outcomes = collectOutcomes(runner);
  });
  if (resultPath) writeFileSync(resultPath, JSON.stringify(result, null, 2));
  const ran = result.passed + result.failed;
  if (ran === 0) throw new Error(`no integration tests ran (looked for *.test.js in ${__dirname})`);
  if (result.failed > 0) throw new Error(`${result.failed} of ${ran} integration tests failed`);
}
