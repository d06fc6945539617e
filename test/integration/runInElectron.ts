// Runs the integration suite in a desktop VS Code downloaded by @vscode/test-electron, for
// machines that can reach update.code.visualstudio.com (a developer's desktop, GitHub
// Actions). The CI machines here cannot download it; they use runInCodeServer.mjs, which
// runs the same out/test/suite/index.js in code-server.
// Usage: npm run test:electron   (VSCODE_VERSION=1.99.3 by default; `stable` for the newest)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import type { IntegrationRunResult } from './suite/index';

const repoRoot = resolve(__dirname, '../..');

async function main(): Promise<number> {
  const resultDir = mkdtempSync(join(tmpdir(), 'conv-inspector-electron-'));
  const resultFile = join(resultDir, 'result.json');
  try {
    const exitCode = await runTests({
      version: process.env.VSCODE_VERSION ?? '1.99.3',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out/test/suite/index.js'),
      extensionTestsEnv: { CONV_INSPECTOR_TEST_RESULT: resultFile },
      // A fresh profile with no other extensions, like the code-server runs.
      launchArgs: [join(repoRoot, 'test/fixtures/workspace'), '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
    const result = JSON.parse(readFileSync(resultFile, 'utf8')) as IntegrationRunResult;
    console.log(`${result.passed} passed, ${result.failed} failed`);
    return exitCode === 0 && result.failed === 0 && result.passed > 0 ? 0 : 1;
  } finally {
    rmSync(resultDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('integration tests in VS Code (Electron) failed to run:', error);
    process.exit(1);
  },
);
