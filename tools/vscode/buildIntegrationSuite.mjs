// Builds the integration suite that runs inside VS Code's extension host:
// test/integration/suite/index.ts and every test/integration/suite/**/*.test.ts, one
// CommonJS file each, to out/test/suite/ (the extensionTestsPath is out/test/suite/index.js).
// `vscode` comes from the extension host and mocha from node_modules, so both stay external.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const suiteDir = 'test/integration/suite';
const outDir = 'out/test/suite';
const entryPoints = readdirSync(suiteDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file === 'index.ts' || file.endsWith('.test.ts'))
  .map((file) => join(suiteDir, file));

// Stale compiled tests of deleted sources would otherwise still run.
rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outbase: suiteDir,
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
console.log(`built ${entryPoints.length} integration suite files to ${outDir}`);
